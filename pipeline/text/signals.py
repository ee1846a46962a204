"""Sourcing, hedging and style signals of one document, with the sentences that show them.

Method. The body is split into paragraphs (one a line; hard-wrapped lines are joined), short
paragraphs without final punctuation are set aside as headings, captions and page leftovers,
and the rest is split into sentences and word tokens. Phrase lexicons under
``config/lexicons/<language>/`` (one phrase a line) are matched on lowercased tokens, longest
match first, without overlap inside one category. From the matches:

- sourcing: every attribution phrase ("said", "according to") is one attribution; it is a
  *named* source when a capitalised name stands within ``attribution_window_tokens`` before it
  or ``attribution_after_tokens`` after it, an *anonymous* source when an anonymous-source
  phrase does ("officials said", "people familiar with"). Hearsay markers ("reportedly",
  "allegedly") pass a claim on without its source. Quotes are quoted spans of at least
  ``min_quote_words`` words. Citations of documents and data, of other outlets, dates and
  figures are counted apart.
- hedging: epistemic hedges (hearsay markers included in ``hedges``) and weasel phrases
  ("some say"). A hedge in a sentence that also holds an attribution is *attributed*
  ("officials said it may"), otherwise it is the writer's *own*. A lexicon word written with
  a capital inside a sentence is a proper noun ("May", "Will") and is not counted, except in
  languages that capitalise nouns.
- style: boosters, absolutist words ("all", "never"), loaded and emotive words, exclamation
  and question marks in the body, words in capitals, and in the headline clickbait phrases,
  question and exclamation marks and shouted words.

A document whose language has no lexicon directory gets ``signals_language`` None: its
lexicon counts stay 0 and it must not be scored (the counts would read as "no hedges").
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from pipeline.errors import ConfigError

logger = logging.getLogger(__name__)

#: Every lexicon directory must hold one file per category (``<category>.txt``).
LEXICON_CATEGORIES: tuple[str, ...] = (
    "absolutes",
    "anonymous_sources",
    "attribution",
    "boosters",
    "citations",
    "clickbait",
    "dates",
    "hearsay",
    "hedges",
    "loaded_words",
    "outlet_citations",
    "weasels",
)

#: Languages whose nouns start with a capital: a capitalised hedge there is not a proper noun.
LANGUAGES_CAPITALISING_NOUNS = frozenset({"de"})

#: Count keys of ``DocumentSignals.counts`` (all present for every document).
SIGNAL_KEYS: tuple[str, ...] = (
    "words",
    "sentences",
    "hedges",
    "own_hedges",
    "attributed_hedges",
    "hearsay",
    "boosters",
    "absolutes",
    "weasels",
    "attributions",
    "named_sources",
    "anonymous_sources",
    "quotes",
    "quoted_words",
    "citations",
    "outlet_citations",
    "dates",
    "numbers",
    "loaded_words",
    "exclamations",
    "questions",
    "all_caps_words",
    "title_clickbait",
    "title_question",
    "title_exclamation",
    "title_all_caps_words",
    "leftover_paragraphs",
    "lexicon_matched",
)

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_ENTRY_RE = re.compile(r"^[^\W_]+(?:[-'’ ][^\W_]+)*\*?$")
_NUMBER_RE = re.compile(r"\d")
_PARAGRAPH_RE = re.compile(r"\n\s*\n|\n(?=\s*[-*•])")
# A sentence ends at . ! ? (possibly followed by closing quotes or brackets) before a space
# and a character that can open a sentence.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[¿¡]?[^\W\d_]|\d)")
# Titles and initials after which a full stop does not end a sentence.
_ABBREVIATION_END_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Sra|Sr|Dra|Hr|Fr|Nr|"
    r"No|Mt|Ft|vs|etc|approx|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)|\b[A-Z]|"
    r"\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$"
)
_CLOSERS = "\"'”’»)] "
_TERMINALS = (".", "!", "?", "…", ":")
_QUOTE_RES = (
    re.compile(r"“([^”\n]{1,2000})”"),
    re.compile(r"\"([^\"\n]{1,2000})\""),
    re.compile(r"«([^»\n]{1,2000})»"),
    re.compile(r"„([^“”\n]{1,2000})[“”]"),
)


@dataclass(frozen=True)
class SignalSettings:
    """Named thresholds of signal extraction (section ``[signals]`` of config/luigi.cfg)."""

    attribution_window_tokens: int = 8  # how far before "said" a name or "officials" may stand
    attribution_after_tokens: int = 3  # how far after "said"/"according to" the source may stand
    min_quote_words: int = 3  # a quoted span shorter than this is a scare quote, not a quote
    min_caps_word_letters: int = 5  # an all-capitals word this long is shouting, not an acronym
    max_evidence_per_doc: int = 40  # evidence entries kept per document
    max_evidence_per_kind: int = 5  # evidence entries of one kind kept per document
    max_evidence_sentence_chars: int = 400  # longer sentences are cut in evidence
    min_prose_paragraph_words: int = 12  # shorter paragraphs without final punctuation are
    # headings, captions or page leftovers ("Follow us on Twitter") and are not counted


@dataclass(frozen=True)
class PhraseMatcher:
    """Phrases of one lexicon file, indexed by first token for matching."""

    by_first: Mapping[str, tuple[tuple[str, ...], ...]]  # exact first token -> phrases
    prefixes: tuple[str, ...]  # single-token entries ending in "*", without the star
    prefixed_by_first: Mapping[str, tuple[tuple[str, ...], ...]]  # multi-token, last has "*"

    def find(self, tokens: tuple[str, ...]) -> list[tuple[int, int]]:
        """Return non-overlapping (start, end) token spans of phrases in ``tokens``.

        Longest match wins at each position; scanning goes left to right.
        """
        spans: list[tuple[int, int]] = []
        i = 0
        n = len(tokens)
        while i < n:
            best = 0
            for phrase in self.by_first.get(tokens[i], ()):
                k = len(phrase)
                if k > best and tuple(tokens[i : i + k]) == phrase:
                    best = k
            for phrase in self.prefixed_by_first.get(tokens[i], ()):
                k = len(phrase)
                if (
                    k > best
                    and i + k <= n
                    and tuple(tokens[i : i + k - 1]) == phrase[:-1]
                    and tokens[i + k - 1].startswith(phrase[-1])
                ):
                    best = k
            if best == 0 and self.prefixes and tokens[i].startswith(self.prefixes):
                best = 1
            if best:
                spans.append((i, i + best))
                i += best
            else:
                i += 1
        return spans


@dataclass(frozen=True)
class Lexicons:
    """Phrase matchers per language and category; ``languages`` are those fully covered."""

    matchers: Mapping[str, Mapping[str, PhraseMatcher]]
    entry_counts: Mapping[str, Mapping[str, int]]

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the sorted language codes that have a lexicon."""
        return tuple(sorted(self.matchers))


@dataclass(frozen=True)
class DocumentSignals:
    """Counts (keys in ``SIGNAL_KEYS``), evidence entries and the lexicon language used."""

    counts: dict[str, float]
    evidence: tuple[dict, ...]
    signals_language: str | None


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Return the word tokens of ``text`` as (token, start, end), token in original case."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _normalise_token(token: str) -> str:
    """Return the lexicon key of a token: case-folded, typographic apostrophe made plain."""
    return token.casefold().replace("’", "'")


def parse_lexicon_lines(lines: list[str], path: str) -> list[tuple[str, ...]]:
    """Return the phrases of a lexicon file's lines as token tuples (last may end in "*").

    Raises ConfigError "path:line: ..." for an entry that is not words separated by single
    spaces (with - or ' inside words), a "*" anywhere but at the end, or a duplicate.
    """
    phrases: list[tuple[str, ...]] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, raw in enumerate(lines, start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        entry = " ".join(entry.split())
        if not _ENTRY_RE.match(entry):
            raise ConfigError(
                f"{path}:{number}: bad lexicon entry {entry!r} (words, single spaces, "
                "optional trailing *)"
            )
        star = entry.endswith("*")
        words = tuple(_normalise_token(t) for t, _, _ in tokenize(entry.rstrip("*")))
        if star:
            words = words[:-1] + (words[-1] + "*",)
        if words in seen:
            raise ConfigError(
                f"{path}:{number}: duplicate lexicon entry {entry!r} (first on line {seen[words]})"
            )
        seen[words] = number
        phrases.append(words)
    return phrases


def build_matcher(phrases: list[tuple[str, ...]]) -> PhraseMatcher:
    """Return a PhraseMatcher over ``phrases`` (token tuples, last token may end in "*")."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    prefixes: list[str] = []
    prefixed: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        if words[-1].endswith("*"):
            stem = words[:-1] + (words[-1][:-1],)
            if len(stem) == 1:
                prefixes.append(stem[0])
            else:
                prefixed.setdefault(stem[0], []).append(stem)
        else:
            by_first.setdefault(words[0], []).append(words)
    return PhraseMatcher(
        by_first={k: tuple(v) for k, v in sorted(by_first.items())},
        prefixes=tuple(sorted(prefixes)),
        prefixed_by_first={k: tuple(v) for k, v in sorted(prefixed.items())},
    )


@functools.lru_cache(maxsize=8)
def _load_lexicons_cached(lexicon_root: str) -> Lexicons:
    root = Path(lexicon_root)
    matchers: dict[str, dict[str, PhraseMatcher]] = {}
    counts: dict[str, dict[str, int]] = {}
    if not root.is_dir():
        raise ConfigError(f"{root}:0: lexicon directory missing")
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        lang = lang_dir.name
        missing = [c for c in LEXICON_CATEGORIES if not (lang_dir / f"{c}.txt").is_file()]
        if missing:
            raise ConfigError(f"{lang_dir}:0: lexicon files missing: {', '.join(missing)}")
        matchers[lang] = {}
        counts[lang] = {}
        for category in LEXICON_CATEGORIES:
            path = lang_dir / f"{category}.txt"
            phrases = parse_lexicon_lines(path.read_text(encoding="utf-8").splitlines(), str(path))
            learned = lang_dir / f"{category}.learned.txt"
            if learned.is_file():
                extra = parse_lexicon_lines(
                    learned.read_text(encoding="utf-8").splitlines(), str(learned)
                )
                known = set(phrases)
                phrases += [p for p in extra if p not in known]
            matchers[lang][category] = build_matcher(phrases)
            counts[lang][category] = len(phrases)
    logger.info("loaded lexicons for %s from %s", ", ".join(sorted(matchers)), root)
    return Lexicons(matchers=matchers, entry_counts=counts)


def load_lexicons(config_dir: Path) -> Lexicons:
    """Return the lexicons under ``config_dir/lexicons`` (cached per path).

    Each subdirectory is a language (ISO 639-1 name) holding one ``<category>.txt`` per
    category of LEXICON_CATEGORIES; an optional ``<category>.learned.txt`` (written by
    ``newsclean train reliability``) adds entries. Raises ConfigError on a bad entry.
    """
    return _load_lexicons_cached(str((Path(config_dir) / "lexicons").resolve()))


load_lexicons.cache_clear = _load_lexicons_cached.cache_clear  # type: ignore[attr-defined]


def prose_paragraphs(text: str, settings: SignalSettings) -> tuple[list[str], int]:
    """Return (paragraphs kept as prose, number of paragraphs skipped as leftovers).

    Every line is a paragraph (the cleaned body has one paragraph a line), except that a line
    not ending in sentence punctuation and followed by a line starting in lower case is a
    hard-wrapped sentence and is joined to it. A paragraph is skipped when it has fewer than
    ``min_prose_paragraph_words`` words and does not end in . ! ? … or : (possibly followed by
    a closing quote or bracket): a heading, caption, credit or call to action.
    """
    paragraphs: list[str] = []
    current = ""
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        wrapped = current and not _ends_prose(current) and line[:1].islower()
        if wrapped:
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    kept = [
        p for p in paragraphs
        if _ends_prose(p) or len(_TOKEN_RE.findall(p)) >= settings.min_prose_paragraph_words
    ]
    return kept, len(paragraphs) - len(kept)


def _ends_prose(paragraph: str) -> bool:
    """Return True when ``paragraph`` ends in sentence punctuation (before closing quotes)."""
    return paragraph.rstrip(_CLOSERS).endswith(_TERMINALS)


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``: paragraphs split at sentence-final punctuation.

    A piece ending in a title or an initial ("Mr.", "J.", "U.S.") is joined to the next.
    """
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_RE.split(text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        pending = ""
        for piece in _SENTENCE_END_RE.split(paragraph):
            piece = piece.strip()
            if not piece:
                continue
            pending = f"{pending} {piece}" if pending else piece
            if not _ABBREVIATION_END_RE.search(pending):
                sentences.append(pending)
                pending = ""
        if pending:
            sentences.append(pending)
    return sentences


def _lexicon_language(language: str | None, lexicons: Lexicons) -> str | None:
    """Return the lexicon code for ``language`` ("en-GB" -> "en"), or None if it has none."""
    if not isinstance(language, str) or not language:
        return None
    code = language.replace("_", "-").split("-", 1)[0].casefold()
    return code if code in lexicons.matchers else None


def _is_name_token(tokens: list[tuple[str, int, int]], index: int, *, pair: bool = False) -> bool:
    """Return True for a capitalised token of two or more letters that is not the first word
    of the sentence, unless followed by another capitalised one ("John Smith said"). With
    ``pair`` (languages that capitalise every noun) a neighbour must be capitalised too, so
    "Anna Weber" counts and "Bericht" does not."""
    word = tokens[index][0]
    if len(word) < 2 or not word[0].isupper():
        return False
    if index == 0 or pair:
        following = index + 1 < len(tokens) and tokens[index + 1][0][:1].isupper()
        preceding = index > 0 and tokens[index - 1][0][:1].isupper()
        return following or (pair and preceding)
    return True


def _name_run(tokens: list[tuple[str, int, int]], index: int) -> tuple[int, int]:
    """Return the (start, end) token span of the capitalised run around ``index``."""
    start, end = index, index + 1
    while start > 0 and tokens[start - 1][0][:1].isupper():
        start -= 1
    while end < len(tokens) and tokens[end][0][:1].isupper():
        end += 1
    return start, end


class _Evidence:
    def __init__(self, limit: int, per_kind: int, sentence_chars: int) -> None:
        self.entries: list[dict] = []
        self.limit = limit
        self.per_kind = per_kind
        self.kind_counts: dict[str, int] = {}
        self.sentence_chars = sentence_chars

    def add(self, kind: str, text: str, sentence: str) -> None:
        if len(self.entries) < self.limit and self.kind_counts.get(kind, 0) < self.per_kind:
            self.kind_counts[kind] = self.kind_counts.get(kind, 0) + 1
            if len(sentence) > self.sentence_chars:
                sentence = sentence[: self.sentence_chars - 1].rstrip() + "…"
            self.entries.append({"kind": kind, "text": text, "sentence": sentence})


def _count_quotes(text: str, min_words: int) -> tuple[int, int, list[str]]:
    """Return (quotes, quoted words, quoted spans) for spans of at least ``min_words`` words."""
    quotes = 0
    words = 0
    spans: list[str] = []
    for pattern in _QUOTE_RES:
        for m in pattern.finditer(text):
            n = len(_TOKEN_RE.findall(m.group(1)))
            if n >= min_words:
                quotes += 1
                words += n
                spans.append(m.group(1))
    return quotes, words, spans


def extract_signals(
    text: str,
    language: str,
    title: str | None,
    *,
    lexicons: Lexicons,
    settings: SignalSettings,
) -> DocumentSignals:
    """Return the signal counts of one document, its evidence entries and lexicon language.

    ``counts`` holds every key of SIGNAL_KEYS (floats). ``evidence`` holds
    ``{"kind", "text", "sentence"}`` entries (kinds: named_source, anonymous_source,
    own_hedge, attributed_hedge, hearsay, booster, absolute, weasel, citation,
    outlet_citation, loaded_word, exclamation, all_caps, clickbait_title), at most
    ``max_evidence_per_doc`` and ``max_evidence_per_kind`` of one kind, in text order.
    ``hedges`` includes ``hearsay`` markers ("reportedly"), which are also counted apart.
    ``signals_language`` is None when ``language`` has no lexicon; then only the
    language-independent counts (words, sentences, quotes, numbers, punctuation, capitals)
    are filled and ``lexicon_matched`` is 0. Only prose paragraphs are counted (see
    ``prose_paragraphs``); ``leftover_paragraphs`` counts the others.
    """
    counts: dict[str, float] = {key: 0.0 for key in SIGNAL_KEYS}
    evidence = _Evidence(
        settings.max_evidence_per_doc,
        settings.max_evidence_per_kind,
        settings.max_evidence_sentence_chars,
    )
    lang = _lexicon_language(language, lexicons)
    matchers = lexicons.matchers.get(lang) if lang else None
    capitalises_nouns = lang in LANGUAGES_CAPITALISING_NOUNS
    skip_capitalised = not capitalises_nouns
    window = settings.attribution_window_tokens
    after = settings.attribution_after_tokens

    if isinstance(title, str) and title.strip():
        _title_signals(title, matchers, settings, counts, evidence)
    if not isinstance(text, str):
        text = ""

    paragraphs, skipped = prose_paragraphs(text, settings)
    counts["leftover_paragraphs"] = float(skipped)
    prose = "\n\n".join(paragraphs)
    quotes, quoted_words, _ = _count_quotes(prose, settings.min_quote_words)
    counts["quotes"] = float(quotes)
    counts["quoted_words"] = float(quoted_words)

    for sentence in split_sentences(prose):
        tokens = tokenize(sentence)
        if not tokens:
            continue
        counts["sentences"] += 1
        counts["words"] += len(tokens)
        counts["numbers"] += sum(1 for t, _, _ in tokens if _NUMBER_RE.search(t))
        if "!" in sentence:
            counts["exclamations"] += 1
            evidence.add("exclamation", "!", sentence)
        if sentence.rstrip("\"'”’») ").endswith("?"):
            counts["questions"] += 1
        for word, _, _ in tokens:
            if (
                len(word) >= settings.min_caps_word_letters
                and word.isupper()
                and sum(c.isalpha() for c in word) >= settings.min_caps_word_letters
            ):
                counts["all_caps_words"] += 1
                evidence.add("all_caps", word, sentence)
        if matchers is None:
            continue
        lowered = tuple(_normalise_token(t) for t, _, _ in tokens)

        def spans(category: str, *, proper_noun_check: bool = False) -> list[tuple[int, int]]:
            found = matchers[category].find(lowered)
            if proper_noun_check and skip_capitalised:
                found = [
                    (s, e) for s, e in found if s == 0 or not tokens[s][0][:1].isupper()
                ]
            return found

        def span_text(s: int, e: int) -> str:
            return sentence[tokens[s][1] : tokens[e - 1][2]]

        attributions = spans("attribution")
        anonymous = spans("anonymous_sources")
        counts["attributions"] += len(attributions)
        used_anonymous: set[tuple[int, int]] = set()
        for s, e in attributions:
            lo, hi = max(0, s - window), min(len(tokens), e + after)
            near_anon = [(a, b) for a, b in anonymous if b > lo and a < hi]
            if near_anon:
                counts["anonymous_sources"] += 1
                used_anonymous.update(near_anon)
                a, b = near_anon[0]
                evidence.add("anonymous_source", span_text(min(a, s), max(b, e)), sentence)
            else:
                names = [
                    i for i in range(lo, hi)
                    if not s <= i < e and _is_name_token(tokens, i, pair=capitalises_nouns)
                ]
                if names:
                    counts["named_sources"] += 1
                    a, b = _name_run(tokens, min(names, key=lambda i: (abs(i - s), i)))
                    evidence.add("named_source", span_text(min(a, s), max(b, e)), sentence)
        # explicit anonymity without an attribution verb nearby ("a source close to ...")
        for a, b in anonymous:
            if (a, b) not in used_anonymous and not attributions and lowered[a] in (
                "anonymous", "anonymity", "unnamed"
            ):
                counts["anonymous_sources"] += 1
                evidence.add("anonymous_source", span_text(a, b), sentence)

        hedges = spans("hedges", proper_noun_check=True)
        hearsay = spans("hearsay", proper_noun_check=True)
        weasels = spans("weasels")
        # a hedge word inside a hearsay phrase ("rumor has it") counts once, as hearsay; a
        # weasel phrase that holds a hedge ("it is believed") is both vague and hedged
        hedges = [(s, e) for s, e in hedges if not any(a <= s < b for a, b in hearsay)]
        counts["hedges"] += len(hedges) + len(hearsay)
        counts["hearsay"] += len(hearsay)
        kind = "attributed_hedge" if attributions else "own_hedge"
        counts["attributed_hedges" if attributions else "own_hedges"] += len(hedges) + len(hearsay)
        for s, e in hedges:
            evidence.add(kind, span_text(s, e), sentence)
        for s, e in hearsay:
            evidence.add("hearsay", span_text(s, e), sentence)
        counts["weasels"] += len(weasels)
        for s, e in weasels:
            evidence.add("weasel", span_text(s, e), sentence)
        for category, key, kind_name in (
            ("boosters", "boosters", "booster"),
            ("citations", "citations", "citation"),
            ("outlet_citations", "outlet_citations", "outlet_citation"),
            ("loaded_words", "loaded_words", "loaded_word"),
            ("absolutes", "absolutes", "absolute"),
        ):
            found = spans(category, proper_noun_check=True)
            counts[key] += len(found)
            for s, e in found:
                evidence.add(kind_name, span_text(s, e), sentence)
        counts["dates"] += len(matchers["dates"].find(lowered))

    counts["lexicon_matched"] = 1.0 if matchers is not None else 0.0
    if matchers is None:
        logger.debug("no lexicon for language %r: lexicon signals left at 0", language)
    return DocumentSignals(
        counts=counts, evidence=tuple(evidence.entries), signals_language=lang
    )


def _title_signals(
    title: str,
    matchers: Mapping[str, PhraseMatcher] | None,
    settings: SignalSettings,
    counts: dict[str, float],
    evidence: _Evidence,
) -> None:
    """Add the headline counts (question, exclamation, capitals, clickbait) to ``counts``."""
    title = " ".join(title.split())
    tokens = tokenize(title)
    if title.rstrip("\"'”’») ").endswith("?"):
        counts["title_question"] = 1.0
    if "!" in title:
        counts["title_exclamation"] = 1.0
    counts["title_all_caps_words"] = float(
        sum(
            1
            for word, _, _ in tokens
            if word.isupper() and sum(c.isalpha() for c in word) >= settings.min_caps_word_letters
        )
    )
    if matchers is not None and tokens:
        lowered = tuple(_normalise_token(t) for t, _, _ in tokens)
        found = matchers["clickbait"].find(lowered)
        counts["title_clickbait"] = float(len(found))
        for s, e in found:
            evidence.add("clickbait_title", title[tokens[s][1] : tokens[e - 1][2]], title)
