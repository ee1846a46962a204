"""How well the artifact detectors find what they should and leave alone what they should not.

``newsclean eval artifacts DIR`` with DIR the boilerplate dev folder
(``../shared/data/boilerplate/dev``): its ``*.gold.txt`` files are real, human-cleaned
article texts. Three measurements:

(a) Seeds: the hand-labelled artifacts of the seed articles (``DIR/../../../seeds`` or
    ``seeds=...``) whose kind we detect must be flagged on their line, with overlapping text.
    The seeds' boilerplate lines (from their gold.json) are left out first, as the cleaner
    would.
(b) Injection: in every document, every sentence gets exactly one artifact, the kinds taken
    in turn (a seeded random offset per document), and the detectors run once on the damaged
    document. A kind that cannot be injected in a sentence passes to the next kind:
    ``homoglyph`` swaps one Latin letter of a word for its look-alike from
    ``config/artifacts/confusables.txt``; ``mojibake`` garbles one non-ASCII character (or a
    quote, dash or final full stop made typographic first) as UTF-8 read as Windows-1252 or
    Latin-1; ``glued_words`` removes the space between two lower-case words unless the result
    is a word of the language ("in to" -> "into"); ``stray_punctuation`` puts "?" or "!"
    after a lower-case word followed by a lower-case word; ``foreign_fragment`` replaces the
    sentence by a sentence of at least ``FOREIGN_MIN_WORDS`` words (as counted by
    ``count_language_words``) in another language from ``../langid/dev.tsv``. The damaged
    document keeps the language detected on its clean text. An injection is found when an artifact of its kind on its line
    covers the changed characters. Recall per kind and per length bucket of the sentence.
(c) False flags: artifacts found in the untouched texts, per kind per 10,000 words (some are
    real damage in the source pages; they are counted all the same).
"""

from __future__ import annotations

import csv
import json
import logging
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.evaluation.langid import max_rss_mb
from pipeline.settings import settings_for
from pipeline.text.artifacts import (
    KINDS,
    LOWER_WORD,
    ArtifactSettings,
    glued_lexicon,
    count_language_words,
    find_artifacts,
    load_artifact_resources,
    split_sentences,
)
from pipeline.text.language import UNKNOWN, LanguageSettings, detect_document_language, detect_paragraphs

logger = logging.getLogger(__name__)

#: Sentence length buckets (words of the original sentence): upper bounds, inclusive.
LENGTH_BUCKETS = (("short", 12), ("medium", 25), ("long", 10**9))
#: Injected foreign sentences have at least this many words ("a sentence", not a phrase).
FOREIGN_MIN_WORDS = 8
#: Seed artifacts of these kinds are checked (the others, like "mistranslation", are not detected).
SEED_KINDS = frozenset(KINDS)
_CHUNK = regex.compile(r"\S+")
#: Typographic stand-ins for ASCII characters, so a sentence without non-ASCII text can be garbled.
TYPOGRAPHIC = (("'", "’"), ('"', "“"), (" - ", " – "), (".", "…"))


@dataclass(frozen=True)
class Injection:
    """One injected artifact: kind, line, ``[start, end)`` of the changed characters, bucket."""

    kind: str
    line: int
    start: int
    end: int
    bucket: str


def _bucket(n_words: int) -> str:
    for name, limit in LENGTH_BUCKETS:
        if n_words <= limit:
            return name
    return LENGTH_BUCKETS[-1][0]


def read_document(path: Path) -> list[tuple[int, str]]:
    """Return ``(1-based line, text)`` for the non-blank lines of a text file."""
    raw = path.read_text(encoding="utf-8", errors="replace").split("\n")
    return [(number, text) for number, text in enumerate(raw, start=1) if text.strip()]


def analyse(lines, language_settings: LanguageSettings, artifact_settings: ArtifactSettings,
            language: str | None = None):
    """Return ``(language, artifacts)`` as the pipeline computes them for kept ``lines``.

    ``language`` overrides the detected document language.
    """
    if language is None:
        text = "\n".join(t for _, t in lines)
        language, _ = detect_document_language(text, language_settings)
    paragraphs = detect_paragraphs(lines, language, language_settings)
    return language, find_artifacts(lines, language, artifact_settings, paragraphs,
                                    language_settings=language_settings)


# --------------------------------------------------------------------------- injectors
# Each takes the sentence and the rng and returns (new sentence, start, end) or None.


class Injector:
    """Damages sentences, one artifact at a time, reproducibly for a given rng."""

    def __init__(self, artifact_settings: ArtifactSettings, foreign_sentences: dict[str, list[str]]):
        resources = load_artifact_resources(artifact_settings)
        self.settings = artifact_settings
        self.glued_languages = resources.glued_languages
        self.lookalikes: dict[str, list[str]] = defaultdict(list)
        for char, latin in sorted(resources.confusables.items()):
            self.lookalikes[latin].append(char)
        self.foreign = foreign_sentences

    def homoglyph(self, sentence: str, language: str, rng: random.Random):
        sites = [i for i, c in enumerate(sentence) if c in self.lookalikes
                 and (i == 0 or not sentence[i - 1].isdigit())]
        if not sites:
            return None
        i = rng.choice(sites)
        char = rng.choice(self.lookalikes[sentence[i]])
        return sentence[:i] + char + sentence[i + 1:], i, i + 1

    def mojibake(self, sentence: str, language: str, rng: random.Random):
        import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

        sites = [(i, c) for i, c in enumerate(sentence) if ord(c) > 127 and not c.isspace()]
        if not sites:
            for ascii_text, typographic in TYPOGRAPHIC:
                where = sentence.rfind(ascii_text) if ascii_text == "." else sentence.find(ascii_text)
                if where >= 0:
                    sentence = sentence[:where] + typographic + sentence[where + len(ascii_text):]
                    sites = [(i, c) for i, c in enumerate(sentence) if c == typographic.strip()]
                    break
        if not sites:
            return None
        i, char = rng.choice(sites)
        codec = rng.choice(("sloppy-windows-1252", "latin-1"))
        garbled = char.encode("utf-8").decode(codec)
        if garbled == char:
            return None
        return sentence[:i] + garbled + sentence[i + 1:], i, i + len(garbled)

    def glued_words(self, sentence: str, language: str, rng: random.Random):
        if language not in self.glued_languages:
            return None
        lexicon = glued_lexicon(language, self.settings)
        chunks = [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(sentence)]
        pairs = [(a0, a1, b0, b1, first + second)
                 for (a0, a1, first), (b0, b1, second) in zip(chunks, chunks[1:])
                 if sentence[a1:b0] == " " and LOWER_WORD.match(first) and LOWER_WORD.match(second)
                 and len(first) >= 2 and len(second) >= 2]
        known = lexicon.known_words([glued for *_, glued in pairs])
        sites = [(a0, a1, b0, b1) for a0, a1, b0, b1, glued in pairs if glued not in known]
        if not sites:
            return None
        a0, a1, b0, b1 = rng.choice(sites)
        new = sentence[:a1] + sentence[b0:]
        return new, a0, b1 - 1

    def stray_punctuation(self, sentence: str, language: str, rng: random.Random):
        chunks = [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(sentence)]
        sites = [a1 for (a0, a1, first), (b0, b1, second) in zip(chunks, chunks[1:])
                 if LOWER_WORD.match(first) and second[:1].islower() and second[:1].isalpha()]
        if not sites:
            return None
        at = rng.choice(sites)
        mark = rng.choice("?!")
        return sentence[:at] + mark + sentence[at:], at, at + 1

    def foreign_fragment(self, sentence: str, language: str, rng: random.Random):
        choices = sorted(code for code in self.foreign if code != language)
        if not choices or language == UNKNOWN:
            return None
        replacement = rng.choice(self.foreign[rng.choice(choices)])
        return replacement, 0, len(replacement)


def load_foreign_sentences(path: Path) -> dict[str, list[str]]:
    """Return ``{language: [sentences]}`` from a langid TSV (sentence bucket, long enough)."""
    csv.field_size_limit(sys.maxsize)
    out: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if row.get("bucket") == "sentence" and count_language_words(text) >= FOREIGN_MIN_WORDS:
                out[row["lang"]].append(text)
    return dict(out)


def inject_document(lines, language: str, injector: Injector, rng: random.Random):
    """Return ``(damaged lines, injections)``: one artifact per sentence, kinds in turn."""
    offset = rng.randrange(len(KINDS))
    counter = 0
    damaged = []
    injections = []
    for line_no, text in lines:
        pieces = []
        cursor = 0
        new_len = 0
        for start, end in split_sentences(text):
            gap = text[cursor:start]
            pieces.append(gap)
            new_len += len(gap)
            sentence = text[start:end]
            n_words = len(sentence.split())
            result = None
            for step in range(len(KINDS)):
                kind = KINDS[(offset + counter + step) % len(KINDS)]
                result = getattr(injector, kind)(sentence, language, rng)
                if result:
                    break
            counter += 1
            if result:
                new_sentence, s0, s1 = result
                injections.append(Injection(kind, line_no, new_len + s0, new_len + s1, _bucket(n_words)))
                sentence = new_sentence
            pieces.append(sentence)
            new_len += len(sentence)
            cursor = end
        pieces.append(text[cursor:])
        damaged.append((line_no, "".join(pieces)))
    return damaged, injections


def _covers(artifact_text: str, line: str, start: int, end: int) -> bool:
    position = line.find(artifact_text)
    while position >= 0:
        if position < end and position + len(artifact_text) > start:
            return True
        position = line.find(artifact_text, position + 1)
    return False


# --------------------------------------------------------------------------- seeds


def check_seeds(seeds_dir: Path, language_settings: LanguageSettings, artifact_settings: ArtifactSettings) -> dict:
    """Return seed metrics: expected, found, recall and flags not in the gold labels."""
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))["documents"]
    expected = found = extra = 0
    for name in sorted(gold):
        labels = gold[name]
        boilerplate = {int(number) for number in labels.get("boilerplate", {})}
        lines = [(n, t) for n, t in read_document(seeds_dir / name) if n not in boilerplate]
        _, artifacts = analyse(lines, language_settings, artifact_settings)
        wanted = [a for a in labels.get("artifacts", []) if a["kind"] in SEED_KINDS]
        matched = set()
        for item in wanted:
            expected += 1
            hits = [i for i, a in enumerate(artifacts) if a.kind == item["kind"] and a.line == item["line"]
                    and (a.text in item["text"] or item["text"] in a.text)]
            if hits:
                found += 1
                matched.update(hits)
            else:
                logger.warning("seed %s line %s: %s %r not flagged", name, item["line"], item["kind"], item["text"])
        extra += len(artifacts) - len(matched)
    return {
        "artifacts.seeds.expected": float(expected),
        "artifacts.seeds.found": float(found),
        "artifacts.seeds.recall": round(found / expected, 4) if expected else 1.0,
        "artifacts.seeds.extra_flags": float(extra),
    }


# --------------------------------------------------------------------------- entry points


def evaluate(path: Path, seeds: Path | None = None, langid: Path | None = None, seed: int = 0,
             max_docs: int | None = None, language_settings: LanguageSettings | None = None,
             artifact_settings: ArtifactSettings | None = None, **options) -> dict[str, float]:
    """Return seed, injection-recall and false-flag metrics on the gold texts under ``path``.

    Keys: ``artifacts.seeds.*``; ``artifacts.recall.<kind>``, ``artifacts.recall.<kind>.<bucket>``,
    ``artifacts.recall.<bucket>``, ``artifacts.injected.<kind>``; ``artifacts.false_per_10k.<kind>``,
    ``artifacts.false.<kind>``; ``artifacts.docs``, ``artifacts.words``, ``artifacts.seconds``,
    ``artifacts.max_rss_mb``. ``seeds`` defaults to ``path/../../../seeds`` and ``langid`` to
    ``path/../../langid/dev.tsv``; ``seed`` fixes the injection.
    """
    path = Path(path)
    language_settings = language_settings or settings_for("language")
    artifact_settings = artifact_settings or settings_for("artifacts")
    seeds = Path(seeds) if seeds else path / ".." / ".." / ".." / "seeds"
    langid = Path(langid) if langid else path / ".." / ".." / "langid" / "dev.tsv"
    started = time.perf_counter()
    metrics: dict[str, float] = {}
    if (seeds / "gold.json").is_file():
        metrics.update(check_seeds(seeds, language_settings, artifact_settings))
    else:
        logger.warning("no seeds at %s", seeds)

    injector = Injector(artifact_settings, load_foreign_sentences(langid) if langid.is_file() else {})
    files = sorted(path.glob("*.gold.txt"))[: max_docs or None]
    false_counts = {kind: 0 for kind in KINDS}
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    words = 0
    for file in files:
        lines = read_document(file)
        words += sum(len(t.split()) for _, t in lines)
        language, clean_artifacts = analyse(lines, language_settings, artifact_settings)
        for artifact in clean_artifacts:
            false_counts[artifact.kind] += 1
        rng = random.Random(f"{seed}:{file.name}")
        damaged, injections = inject_document(lines, language, injector, rng)
        # The document keeps the language of its clean text: a short page with a foreign
        # sentence in every fifth place is still in its own language.
        _, found = analyse(damaged, language_settings, artifact_settings, language=language)
        by_line = defaultdict(list)
        for artifact in found:
            by_line[(artifact.kind, artifact.line)].append(artifact.text)
        texts = dict(damaged)
        for item in injections:
            ok = any(_covers(t, texts[item.line], item.start, item.end) for t in by_line[(item.kind, item.line)])
            for key in (item.kind, f"{item.kind}.{item.bucket}", item.bucket):
                hits[key][0] += ok
                hits[key][1] += 1
    for key, (good, total) in sorted(hits.items()):
        metrics[f"artifacts.recall.{key}"] = round(good / total, 4)
        if "." not in key and key in KINDS:
            metrics[f"artifacts.injected.{key}"] = float(total)
    for kind in KINDS:
        metrics[f"artifacts.false.{kind}"] = float(false_counts[kind])
        metrics[f"artifacts.false_per_10k.{kind}"] = round(10000.0 * false_counts[kind] / max(1, words), 3)
    metrics["artifacts.docs"] = float(len(files))
    metrics["artifacts.words"] = float(words)
    metrics["artifacts.seconds"] = round(time.perf_counter() - started, 1)
    metrics["artifacts.max_rss_mb"] = round(max_rss_mb(), 1)
    return metrics


def format_report(metrics: dict) -> str:
    """Return a human-readable summary: seeds, recall per kind and bucket, false flags."""
    out = ["translation artifacts"]
    if "artifacts.seeds.expected" in metrics:
        out.append(f"  seeds: {int(metrics['artifacts.seeds.found'])} of {int(metrics['artifacts.seeds.expected'])}"
                   f" labelled artifacts flagged; {int(metrics['artifacts.seeds.extra_flags'])} other flags")
    buckets = [name for name, _ in LENGTH_BUCKETS]
    out.append(f"  {'kind':<18}{'injected':>9}{'recall':>8}" + "".join(f"{b:>8}" for b in buckets)
               + f"{'false/10k':>11}")
    for kind in KINDS:
        cells = [metrics.get(f"artifacts.recall.{kind}.{b}") for b in buckets]
        out.append(f"  {kind:<18}{int(metrics.get(f'artifacts.injected.{kind}', 0)):>9}"
                   f"{metrics.get(f'artifacts.recall.{kind}', float('nan')):>8.3f}"
                   + "".join(f"{c:>8.3f}" if c is not None else f"{'-':>8}" for c in cells)
                   + f"{metrics.get(f'artifacts.false_per_10k.{kind}', float('nan')):>11.2f}")
    out.append(f"  all kinds by sentence length: " + ", ".join(
        f"{b} {metrics[f'artifacts.recall.{b}']:.3f}" for b in buckets if f"artifacts.recall.{b}" in metrics))
    out.append(f"  {int(metrics.get('artifacts.docs', 0))} documents, {int(metrics.get('artifacts.words', 0))} words;"
               f" {metrics.get('artifacts.seconds', 0.0):.0f} s; peak memory {metrics.get('artifacts.max_rss_mb', 0.0):.0f} MB")
    return "\n".join(out)
