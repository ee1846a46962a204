"""Translation and encoding artifacts in the kept lines of a document.

Method. Each kept line is checked on its own (the line numbers are the caller's); every
finding is an :class:`Artifact` whose ``text`` is the offending characters or words exactly
as they stand in the line, so ``artifact.text in line_text`` always holds. Nothing is
rewritten: where a fix is known (mojibake) the detail offers it.

- ``homoglyph``: letters of another script posing as Latin ones. Inside a word, the letters
  of the word's minority script ("hаve" with a Cyrillic "а"); as a word of its own, a
  non-Latin word made only of look-alike letters (``config/artifacts/confusables.txt``)
  standing between Latin words ("have а lot"). Real mixed script stays quiet: "Putin
  (Путин)" is a Cyrillic word with letters that do not look Latin, and chunks matching
  ``config/artifacts/allowed_mixed_script.txt`` ("α-helix", "5μm") are skipped.
- ``mojibake``: ``ftfy.fix_encoding`` on lines with non-ASCII characters, and where it
  changes nothing, runs shaped like UTF-8 read as Windows-1252 ("рецепÑ‚") decoded back;
  each span is reported with its repair in the detail.
- ``glued_words``: a lower-case word unknown to the language's wordfreq list that splits
  into two words: both common (``glued_part_min_zipf``; short parts very common,
  ``glued_short_part_min_zipf``), or a function word (``glued_function_word_min_zipf``)
  and a rarer word ("tauntthe"); never at a listed prefix or suffix
  (``config/artifacts/affixes``). "fooddue" = "food" + "due". Capitalised words (names),
  words with digits or inner punctuation, rare words and misspellings (no such split), and
  words used more than ``glued_max_occurrences`` times in the document (terms) are
  skipped; only languages listed in ``config/artifacts/glued_languages.txt`` are checked
  (not the ones that write compounds solid). The word list is read through the paragraph
  detector's compact small-list table plus a band of the rarer words
  (:class:`GluedLexicon`); verdicts are memoised per word, a document's new words looked up
  in one batch.
- ``stray_punctuation``: a question or exclamation mark glued to a lower-case word and
  followed by a lower-case word, i.e. inside a sentence: "and? will", "the! news".
- ``foreign_fragment``: a paragraph, or a sentence of a longer paragraph, of at least
  ``foreign_min_words`` words whose language differs from the document's with confidence
  at least ``foreign_min_confidence`` (the paragraph detector, with the document's
  language as prior; by the words alone when they read clearly, its fast path). Sentences
  whose words alone read best as the document's language are passed over first.

:func:`artifact_rate` turns a list of artifacts into a rate per 1,000 words.
"""

from __future__ import annotations

import difflib
import functools
import logging
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import re2
import regex

from pipeline.errors import ConfigError
from pipeline.text.lang_config import bucket_zipf, config_root, last_bucket_at, read_entries
from pipeline.text.word_tables import MISSING, WordList, small_lists_table, word_hashes, word_list

logger = logging.getLogger(__name__)

KINDS = ("homoglyph", "mojibake", "glued_words", "stray_punctuation", "foreign_fragment")

#: A run of letters (with combining marks): the unit of the homoglyph check.
LETTER_RUN = regex.compile(r"[\p{L}\p{M}]+")
#: Surrounding punctuation stripped from a whitespace chunk before the glued-word check.
CHUNK_EDGE = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
LOWER_WORD = regex.compile(r"^\p{Ll}+$")
#: "and? will": a lower-case word, ? or !, white space, a lower-case word.
STRAY_PUNCTUATION = regex.compile(r"(?<![\p{L}\p{M}\p{N}.'’])(\p{Ll}[\p{L}\p{M}]*)([?!]+)(\s+)(\p{Ll}[\p{L}\p{M}]*)")
#: Sentence end: ., ! or ? (with closing quotes or brackets), then white space (group 1) before
#: an opening quote or bracket and a capital, a letter of a caseless script or a digit; or a
#: full-width 。！？ (CJK), then optional white space (group 2). The sentence ends before the
#: group, the next starts after it.
SENTENCE_BREAK = regex.compile(
    r"[.!?…][\"'”’)\]]*(\s+)(?=[\"'“‘(\[]*[\p{Lu}\p{Lt}\p{Lo}\p{N}])|[。！？](\s*)(?=\S)")
PLAIN_WORD = regex.compile(r"^\p{L}[\p{L}\p{M}'’-]*$")
UPPER = regex.compile(r"\p{Lu}|\p{Lt}")
WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
#: A chunk that is a URL, a path, an address or code rather than words.
CODE_LIKE = regex.compile(r"[/\\@_=<>{}\[\]|$%^~`*#]|://|^www\.|\.\w+\.")
#: UTF-8 byte sequences read as Windows-1252 / Latin-1: a lead character (Â-ô, bytes C2-F4)
#: followed by the right number of continuation characters (bytes 80-BF), e.g. "Ñ‚" for "т".
_CONTINUATION = "".join(sorted({bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0)}
                               | {chr(b) for b in range(0x80, 0xC0)}))
_CONT = "[" + regex.escape(_CONTINUATION) + "]"
UTF8_AS_CP1252 = regex.compile(
    f"(?:[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}})+")
#: Letters of scripts written without spaces between words.
UNSPACED_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


@dataclass(frozen=True)
class ArtifactSettings:
    """Named settings of the artifact detectors (section ``[artifacts]`` of luigi.cfg)."""

    config_dir: str = ""  # "" = $NEWSCLEAN_CONFIG_DIR or the repository's config/
    confusables_file: str = "artifacts/confusables.txt"  # look-alike letters of other scripts
    allowed_mixed_script_file: str = "artifacts/allowed_mixed_script.txt"  # RE2, one a line
    glued_languages_file: str = "artifacts/glued_languages.txt"  # languages checked for glued words
    homoglyph_min_latin_share: float = 0.5  # share of Latin letters a line needs for standalone look-alikes
    glued_affixes_dir: str = "artifacts/affixes"  # <language>.txt: prefixes "re-" and suffixes "-able"
    glued_min_letters: int = 5  # shorter lower-case words are not checked for gluing
    glued_part_min_letters: int = 2  # each of the two parts has at least this many letters
    glued_part_min_zipf: float = 3.0  # each part at least this common (Zipf scale) ...
    glued_short_part_letters: int = 4  # ... and a part this short or shorter ...
    glued_short_part_min_zipf: float = 5.0  # ... at least this common ("doc", "esp" are not words here)
    glued_function_word_min_zipf: float = 6.0  # or: one part this common (the, of, to, until) ...
    glued_rare_part_min_zipf: float = 2.5  # ... and the other, longer than a short part, this common
    glued_known_min_zipf: float = 1.0  # a word this common or more is a real word, not glued
    glued_wordlist: str = "best"  # wordfreq list for the glued-word check
    glued_max_occurrences: int = 1  # a word seen more often in the document is a term, not an accident
    foreign_min_words: int = 5  # shorter paragraphs or sentences are never foreign fragments
    foreign_min_confidence: float = 0.9  # paragraph detector confidence needed
    foreign_check_sentences: bool = True  # also test each sentence of multi-sentence paragraphs


@dataclass(frozen=True)
class Artifact:
    """One finding: ``kind`` (see KINDS), 1-based ``line``, offending ``text``, human ``detail``."""

    kind: str
    line: int
    text: str
    detail: str


@dataclass(frozen=True)
class ArtifactResources:
    """Compiled data files: look-alike letters, allowed mixed-script chunks, glued languages."""

    confusables: dict[str, str]
    allowed_mixed_script: tuple
    glued_languages: frozenset[str]
    lookalike_scripts: frozenset[str]  # scripts with a look-alike letter (CYRILLIC, GREEK)


# --------------------------------------------------------------------------- data files


def _parse_confusables(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, entry in read_entries(path):
        parts = entry.split()
        if len(parts) != 2 or not parts[0].upper().startswith("U+"):
            raise ConfigError(f"{path}:{number}: expected 'U+XXXX <latin letter>', got {entry!r}")
        try:
            char = chr(int(parts[0][2:], 16))
        except ValueError as error:
            raise ConfigError(f"{path}:{number}: bad code point {parts[0]!r}") from error
        latin = parts[1]
        if len(latin) != 1 or _script(latin) != "LATIN":
            raise ConfigError(f"{path}:{number}: {latin!r} is not one Latin letter")
        if _script(char) in ("LATIN", ""):
            raise ConfigError(f"{path}:{number}: {parts[0]} is not a letter of another script")
        table[char] = latin
    return table


def _parse_patterns(path: Path) -> tuple:
    compiled = []
    options = re2.Options()
    options.max_mem = 8 << 20
    for number, entry in read_entries(path):
        try:
            compiled.append(re2.compile(entry, options))
        except re2.error as error:
            raise ConfigError(f"{path}:{number}: bad RE2 pattern {entry!r} ({error})") from error
    return tuple(compiled)


def _parse_languages(path: Path) -> frozenset[str]:
    from wordfreq import available_languages

    known = set(available_languages("small"))
    codes = set()
    for number, entry in read_entries(path):
        if entry not in known:
            raise ConfigError(f"{path}:{number}: wordfreq has no word list for {entry!r}")
        codes.add(entry)
    return frozenset(codes)


# Shards mix languages: a cache smaller than the checked languages rebuilt lexicons over and
# over (32 % of the benchmark's wall time with a cache of 2). Each lexicon is a few MB.
GLUED_LEXICON_CACHE_LANGUAGES = 32


@functools.lru_cache(maxsize=8)
def _load_resources_cached(confusables: str, allowed: str, glued: str) -> ArtifactResources:
    table = _parse_confusables(Path(confusables))
    return ArtifactResources(
        confusables=table,
        allowed_mixed_script=_parse_patterns(Path(allowed)),
        glued_languages=_parse_languages(Path(glued)),
        lookalike_scripts=frozenset(_script(char) for char in table),
    )


def load_artifact_resources(settings: ArtifactSettings) -> ArtifactResources:
    """Return the compiled data files named by ``settings`` (cached per path).

    Raises ConfigError ``file:line: ...`` for a bad entry.
    """
    root = config_root(settings.config_dir)
    return _load_resources_cached(
        str(root / settings.confusables_file),
        str(root / settings.allowed_mixed_script_file),
        str(root / settings.glued_languages_file),
    )


# --------------------------------------------------------------------------- helpers


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """Return the script word of a letter's Unicode name ("LATIN", "CYRILLIC", ...), "" if none."""
    if not unicodedata.category(char).startswith("L"):
        return ""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


_ASCII_LETTER = regex.compile(r"[A-Za-z]")


def _has_latin_letter(text: str) -> bool:
    """Return True when ``text`` has a non-ASCII letter of the Latin script ("é", "ß")."""
    return any(_script(c) == "LATIN" for c in set(text) if ord(c) > 127)


def _describe(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in dict.fromkeys(chars))


def _chunk_at(line: str, start: int, end: int) -> str:
    """Return the whitespace-delimited chunk of ``line`` around ``[start, end)``."""
    left = start
    while left > 0 and not line[left - 1].isspace():
        left -= 1
    right = end
    while right < len(line) and not line[right].isspace():
        right += 1
    return line[left:right]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text`` (white space excluded)."""
    spans = []
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        group = 1 if match.start(1) >= 0 else 2
        if text[start:match.start(group)].strip():
            spans.append((start, match.start(group)))
        start = match.end(group)
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# --------------------------------------------------------------------------- detectors


def find_homoglyphs(line_no: int, text: str, resources: ArtifactResources, settings: ArtifactSettings) -> list[Artifact]:
    """Return the homoglyph artifacts of one line (see the module docstring)."""
    if text.isascii():
        return []
    # Both kinds need Latin letters and letters of another script in the line: a line of
    # Latin letters only ("café", "Straße"), or without any ("Путин встретился"), has none.
    other_scripts = {_script(c) for c in set(text) if ord(c) > 127} - {"LATIN", ""}
    if not other_scripts or not (_ASCII_LETTER.search(text) or _has_latin_letter(text)):
        return []
    runs = [(m.start(), m.end(), m.group()) for m in LETTER_RUN.finditer(text)]
    run_scripts = []
    line_counts: dict[str, int] = {}
    for _, _, word in runs:
        scripts = [_script(c) for c in word]
        run_scripts.append(scripts)
        for script in scripts:
            if script:
                line_counts[script] = line_counts.get(script, 0) + 1
    total_letters = sum(line_counts.values())
    if not total_letters or set(line_counts) == {"LATIN"}:
        return []
    line_major = max(sorted(line_counts), key=line_counts.get)
    latin_share = line_counts.get("LATIN", 0) / total_letters
    found = []
    for index, ((start, end, word), scripts) in enumerate(zip(runs, run_scripts)):
        present = {s for s in scripts if s}
        if len(present) > 1:
            counts = {s: scripts.count(s) for s in present}
            top = max(counts.values())
            leaders = [s for s in sorted(present) if counts[s] == top]
            major = line_major if line_major in leaders else leaders[0]
            # Only Latin mixed with a script that has Latin look-alikes (Cyrillic, Greek) is
            # suspect; Japanese kana with kanji, or Latin with Hangul ("SNS에"), is ordinary.
            if not ("LATIN" in present and present - {"LATIN"} <= resources.lookalike_scripts):
                continue
            chunk = _chunk_at(text, start, end)
            if any(pattern.search(chunk) for pattern in resources.allowed_mixed_script):
                continue
            # every maximal run of minority-script letters inside the word
            position = 0
            while position < len(word):
                if scripts[position] and scripts[position] != major:
                    stop = position
                    while stop < len(word) and (scripts[stop] != major or not scripts[stop]):
                        stop += 1
                    piece = word[position:stop]
                    found.append(Artifact(
                        "homoglyph", line_no, piece,
                        f"{scripts[position].title()} letters in the {major.title()} word \"{word}\": {_describe(piece)}"))
                    position = stop
                else:
                    position += 1
        elif present and present != {"LATIN"} and latin_share >= settings.homoglyph_min_latin_share:
            if not all(c in resources.confusables for c in word if _script(c)):
                continue
            neighbours = [run_scripts[j] for j in (index - 1, index + 1) if 0 <= j < len(runs)]
            if not neighbours or not all({s for s in n if s} == {"LATIN"} for n in neighbours):
                continue
            chunk = _chunk_at(text, start, end)
            if any(pattern.search(chunk) for pattern in resources.allowed_mixed_script):
                continue
            latin = "".join(resources.confusables.get(c, c) for c in word)
            found.append(Artifact(
                "homoglyph", line_no, word,
                f"{next(iter(present)).title()} word \"{word}\" among Latin words looks like \"{latin}\": {_describe(word)}"))
    return found


def _changed_spans(text: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Return ``(i1, i2, j1, j2)`` spans where ``text[i1:i2]`` became ``fixed[j1:j2]`` (near ones merged)."""
    matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or i1 == i2:
            continue
        if spans and i1 - spans[-1][1] <= 1:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [tuple(span) for span in spans]


def _utf8_reading(run: str) -> str | None:
    """Return ``run`` re-encoded as Windows-1252 (or Latin-1) and decoded as UTF-8, if that is text."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            decoded = run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if any(c.isalpha() for c in decoded) and not any(unicodedata.category(c).startswith("C") for c in decoded):
            return decoded
    return None


#: Every pattern of ftfy's badness test (``ftfy.badness.BADNESS_RE``, ftfy 6) needs two
#: adjacent non-ASCII characters, a C1 control, "œ" before a non-letter or "Ã"/"Â" before a
#: space; that is the first screen. The second: it also needs a character of one of ftfy's
#: mojibake categories other than the ordinary letters of Greek and Cyrillic ("common",
#: "lower_common", "upper_common") and the "kaomoji" letters, or one of "Ù", "Ђ", "°" (which
#: its Arabic, Cyrillic and Greek patterns use). A line that fails either screen is not
#: "bad" to ftfy, so ``ftfy.fix_encoding`` would return it unchanged.
_MOJIBAKE_NEIGHBOURS = regex.compile(r"[^\x00-\x7f]{2}|[\x80-\x9f]|[Œœ][^A-Za-z]|[ÃÂ] ")


@functools.lru_cache(maxsize=1)
def _mojibake_characters() -> frozenset[str]:
    """Return the characters one of which every ftfy badness pattern needs (see above)."""
    from ftfy.badness import MOJIBAKE_CATEGORIES

    chars = set("ÙЂ°")
    for name, members in MOJIBAKE_CATEGORIES.items():
        if name in ("common", "lower_common", "upper_common", "kaomoji"):
            continue
        position = 0
        while position < len(members):  # ranges are written "a-z"
            if position + 2 < len(members) and members[position + 1] == "-":
                chars.update(chr(code) for code in range(ord(members[position]), ord(members[position + 2]) + 1))
                position += 3
            else:
                chars.add(members[position])
                position += 1
    return frozenset(chars)


def ftfy_would_look(text: str) -> bool:
    """Return False when ftfy's badness test cannot match ``text`` (so ``fix_encoding`` leaves it alone).

    True means "maybe": ftfy itself decides.
    """
    return bool(_MOJIBAKE_NEIGHBOURS.search(text)) and not _mojibake_characters().isdisjoint(text)


def find_mojibake(line_no: int, text: str) -> list[Artifact]:
    """Return one artifact per span that ftfy would repair, with the repair in the detail.

    First ``ftfy.fix_encoding`` on the whole line; when that changes nothing (ftfy leaves a
    line alone when the damage is a few characters inside text of another script, e.g.
    "рецепÑ‚"), every run that has the shape of UTF-8 bytes read as Windows-1252 or Latin-1
    is decoded back; it counts when that gives printable text with a letter.
    """
    if text.isascii():
        return []
    import ftfy

    fixed = ftfy.fix_encoding(text) if ftfy_would_look(text) else text
    if fixed != text:
        return [Artifact("mojibake", line_no, text[i1:i2], f"mojibake; ftfy reads it as \"{fixed[j1:j2]}\"")
                for i1, i2, j1, j2 in _changed_spans(text, fixed)]
    found = []
    for match in UTF8_AS_CP1252.finditer(text):
        repaired = _utf8_reading(match.group())
        if repaired:
            found.append(Artifact("mojibake", line_no, match.group(), f"mojibake; read as UTF-8 it is \"{repaired}\""))
    return found


def _parse_affixes(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(prefixes, suffixes)`` of an affix file; no file means no affixes."""
    if not path.is_file():
        return frozenset(), frozenset()
    prefixes, suffixes = set(), set()
    for number, entry in read_entries(path):
        core = entry.strip("-")
        if not LOWER_WORD.match(core) or entry.count("-") != 1 or not (entry.startswith("-") or entry.endswith("-")):
            raise ConfigError(f"{path}:{number}: expected 'prefix-' or '-suffix' in lower case, got {entry!r}")
        (suffixes if entry.startswith("-") else prefixes).add(core)
    return frozenset(prefixes), frozenset(suffixes)


def _split_ok(first: str, second: str, z1: float, z2: float, lexicon: GluedLexicon, settings: ArtifactSettings) -> bool:
    """Return True when ``first`` + ``second`` reads as two words run together."""
    if first in lexicon.prefixes or second in lexicon.suffixes:
        return False
    low, high = min(z1, z2), max(z1, z2)
    rarer = first if z1 <= z2 else second
    if (high >= settings.glued_function_word_min_zipf and low >= settings.glued_rare_part_min_zipf
            and len(rarer) > settings.glued_short_part_letters):
        return True
    if low < settings.glued_part_min_zipf:
        return False
    return all(z >= settings.glued_short_part_min_zipf
               for part, z in ((first, z1), (second, z2)) if len(part) <= settings.glued_short_part_letters)


#: Verdicts of the glued-word check kept per language (word -> split or None, about 100 bytes
#: each); the memo is emptied when it grows past this.
GLUED_MEMO_MAX_WORDS = 20_000


class GluedLexicon:
    """What the glued-word check needs of one language's word list, read on demand.

    The language's ``glued_wordlist`` is read through the paragraph detector's small-list
    table (:class:`~pipeline.text.word_tables.WordList`: only what that table lacks is kept).
    ``parts``: the list down to the Zipf a half of a split needs (the lower of
    ``glued_part_min_zipf`` and ``glued_rare_part_min_zipf``, not below
    ``glued_known_min_zipf``), read when the lexicon is built, a few hundred KB. The rest of
    the list, down to ``glued_known_min_zipf`` (a few MB, a few tenths of a second to read),
    is read only when a word the parts do not list has an acceptable split and so may be a
    rare word of the language ("lifeboat") rather than two glued ones. A word of the list is
    *listed*; a listed word is never glued. ``prefixes``/``suffixes``: the language's affixes
    (``config/artifacts/affixes``). Verdicts are memoised per word and computed a batch of
    words at a time, so a document costs one table search for its new words and one for the
    halves of its unlisted ones.
    """

    def __init__(self, language: str, parts: WordList, prefixes: frozenset[str], suffixes: frozenset[str],
                 settings: ArtifactSettings, read_rest=None):
        self.language = language
        self.parts = parts
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.settings = settings
        self.lowest_part_zipf = min(settings.glued_part_min_zipf, settings.glued_rare_part_min_zipf)
        self._read_rest = read_rest  # () -> WordList down to glued_known_min_zipf; None: parts is all of it
        self._whole: WordList | None = None if read_rest else parts
        self.memo: dict[str, tuple[str, str, float, float] | None] = {}

    @property
    def whole(self) -> WordList:
        """Return the list down to ``glued_known_min_zipf`` (read on first use)."""
        if self._whole is None:
            self._whole = self._read_rest()
        return self._whole

    @staticmethod
    def _zipfs(listed: WordList, words: Sequence[str]) -> list[float | None]:
        if not words:
            return []
        buckets = listed.buckets(word_hashes(words)).tolist()
        return [None if bucket == MISSING else bucket_zipf(bucket) for bucket in buckets]

    def zipfs(self, words: Sequence[str]) -> list[float | None]:
        """Return each word's Zipf frequency in the list (None where not listed)."""
        return self._zipfs(self.whole, words)

    def _pieces(self, word: str) -> list[str]:
        low = self.settings.glued_part_min_letters
        return [piece for cut in range(low, len(word) - low + 1) for piece in (word[:cut], word[cut:])]

    def _best_split(self, word: str, zipf_of: Mapping[str, float | None]) -> tuple[str, str, float, float] | None:
        """Return the acceptable split with the highest smaller Zipf (the first of equals), or None."""
        low = self.settings.glued_part_min_letters
        best = None
        for cut in range(low, len(word) - low + 1):
            first, second = word[:cut], word[cut:]
            z1, z2 = zipf_of.get(first), zipf_of.get(second)
            if z1 is None or z2 is None or z1 < self.lowest_part_zipf or z2 < self.lowest_part_zipf:
                continue
            if _split_ok(first, second, z1, z2, self, self.settings) and (best is None or min(z1, z2) > min(best[2], best[3])):
                best = (first, second, z1, z2)
        return best

    def _split_all(self, words: Sequence[str]) -> dict[str, tuple[str, str, float, float] | None]:
        """Return the best acceptable split (or None) of each word, listed or not."""
        pieces = sorted({piece for word in words for piece in self._pieces(word)})
        zipf_of = dict(zip(pieces, self._zipfs(self.parts, pieces)))
        return {word: self._best_split(word, zipf_of) for word in words}

    def splits(self, words: Sequence[str]) -> Mapping[str, tuple[str, str, float, float] | None]:
        """Return a mapping that holds, for each of ``words``, ``(first, second, zipf1, zipf2)`` or None.

        None for words the check does not look at (:func:`glued_split`: too short, not
        lower-case letters of one script), listed words and words without an acceptable split.
        """
        memo = self.memo
        todo = [word for word in words if word not in memo]
        if todo:
            todo = sorted(set(todo))
            if len(memo) + len(todo) > GLUED_MEMO_MAX_WORDS:
                memo.clear()  # and decide every word of this call, not only the new ones
                todo = sorted(set(words))
            shaped = [word for word in todo if _glued_shape(word, self.settings)]
            # a word the parts list is listed (they reach no lower than glued_known_min_zipf)
            unlisted = [word for word, zipf in zip(shaped, self._zipfs(self.parts, shaped)) if zipf is None]
            found = {word: split for word, split in self._split_all(unlisted).items() if split}
            if found and self._whole is not self.parts:  # a rarer word of the language?
                rare = sorted(found)
                for word, zipf in zip(rare, self.zipfs(rare)):
                    if zipf is not None:
                        del found[word]
            memo.update(dict.fromkeys(todo))
            memo.update(found)
        return memo

    def known_words(self, words: Sequence[str]) -> set[str]:
        """Return the words that are listed and yet split acceptably ("cannot", "however").

        Only lower-case words of at least ``glued_min_letters`` letters count, as the check
        looks at no others.
        """
        shaped = sorted({word for word in words
                         if len(word) >= self.settings.glued_min_letters and LOWER_WORD.match(word)})
        listed = [word for word, zipf in zip(shaped, self.zipfs(shaped)) if zipf is not None]
        return {word for word, split in self._split_all(listed).items() if split is not None}


# Shards mix languages: a cache smaller than the checked languages rebuilt lexicons over and
# over (32 % of the benchmark's wall time with a cache of 2). Each lexicon is a few MB.
GLUED_LEXICON_CACHE_LANGUAGES = 32


@functools.lru_cache(maxsize=GLUED_LEXICON_CACHE_LANGUAGES)
def _glued_lexicon(language: str, settings: ArtifactSettings, affix_path: str, base_languages: tuple[str, ...]) -> GluedLexicon:
    """Return the :class:`GluedLexicon` of ``language`` (cached per language, built once a process).

    Its word list shares the small-list table of ``base_languages`` (the paragraph
    detector's) and keeps only what that table lacks: the rarer words of the "best" list.
    """
    prefixes, suffixes = _parse_affixes(Path(affix_path))
    base = small_lists_table(base_languages) if language in base_languages else None
    lowest_part = min(settings.glued_part_min_zipf, settings.glued_rare_part_min_zipf)
    parts_last = last_bucket_at(max(lowest_part, settings.glued_known_min_zipf))
    known_last = last_bucket_at(settings.glued_known_min_zipf)
    parts = word_list(language, settings.glued_wordlist, parts_last, base)

    def read_rest() -> WordList:
        whole = word_list(language, settings.glued_wordlist, known_last, base)
        logger.info("glued-word list for %s: %d own entries (%.1f MB)", language, len(whole.band), whole.nbytes / 1e6)
        return whole

    return GluedLexicon(language, parts, prefixes, suffixes, settings, read_rest if known_last > parts_last else None)


def glued_lexicon(language: str, settings: ArtifactSettings, language_settings=None) -> GluedLexicon:
    """Return the cached :class:`GluedLexicon` of ``language`` for ``settings``.

    ``language_settings`` (default ``LanguageSettings()``) names the configured languages
    whose small-list table the lexicon shares.
    """
    from pipeline.text.language import LanguageSettings, configured_languages

    affixes = config_root(settings.config_dir) / settings.glued_affixes_dir / f"{language}.txt"
    base_languages = configured_languages(language_settings or LanguageSettings())
    return _glued_lexicon(language, settings, str(affixes), base_languages)


def _glued_shape(word: str, settings: ArtifactSettings) -> bool:
    """Return True when ``word`` is one the glued-word check looks at: long enough, lower-case letters of one script."""
    if len(word) < settings.glued_min_letters or not LOWER_WORD.match(word):
        return False
    if word.isascii():
        return True
    script = _script(word[0])
    return all(_script(c) == script for c in word)


def glued_split(word: str, language: str, settings: ArtifactSettings) -> tuple[str, str, float, float] | None:
    """Return ``(first, second, zipf1, zipf2)`` when ``word`` reads as two words run together, else None.

    None when the word is short, not all lower-case letters of one script, a word of the
    language's list, or has no acceptable split: both parts at least ``glued_part_min_zipf``
    (short parts at least ``glued_short_part_min_zipf``), or one part a function word
    (``glued_function_word_min_zipf``) and the other at least ``glued_rare_part_min_zipf``;
    never at a listed prefix or suffix. Of several, the split with the highest smaller Zipf.
    """
    if not _glued_shape(word, settings):
        return None
    return glued_lexicon(language, settings).splits([word]).get(word)


def _chunk_words(text: str) -> list[str]:
    """Return the white-space chunks of ``text`` with surrounding punctuation stripped."""
    return [CHUNK_EDGE.sub("", chunk) for chunk in text.split()]


def _glued_artifacts(line_no: int, words: Sequence[str], verdicts: Mapping[str, tuple | None],
                     occurrences: Mapping[str, int] | None, settings: ArtifactSettings) -> list[Artifact]:
    found = []
    for word in words:
        split = verdicts.get(word)
        if split and (occurrences is None or occurrences.get(word, 0) <= settings.glued_max_occurrences):
            first, second, z1, z2 = split
            found.append(Artifact("glued_words", line_no, word,
                                  f"reads as \"{first} {second}\" (Zipf {z1:.1f} and {z2:.1f}; \"{word}\" unknown)"))
    return found


def find_glued_words(
    line_no: int, text: str, language: str, settings: ArtifactSettings, occurrences: Mapping[str, int] | None = None,
    *, lexicon: GluedLexicon | None = None,
) -> list[Artifact]:
    """Return the glued-word artifacts of one line in ``language``.

    ``occurrences`` (word -> count in the whole document) skips words used more than
    ``glued_max_occurrences`` times: a repeated coinage ("codegen") is a term, not an accident.
    ``lexicon`` defaults to :func:`glued_lexicon` of ``language``.
    """
    words = _chunk_words(text)
    if not words:
        return []
    verdicts = (lexicon or glued_lexicon(language, settings)).splits(words)
    return _glued_artifacts(line_no, words, verdicts, occurrences, settings)


def find_stray_punctuation(line_no: int, text: str) -> list[Artifact]:
    """Return ``?``/``!`` marks inside a sentence: between two lower-case words."""
    if "?" not in text and "!" not in text:
        return []
    found = []
    for match in STRAY_PUNCTUATION.finditer(text):
        found.append(Artifact("stray_punctuation", line_no, match.group(),
                              f"\"{match.group(2)}\" between lower-case words \"{match.group(1)}\" and \"{match.group(4)}\""))
    return found


#: A white-space chunk that is one word carrying language: edge punctuation or symbols, then a
#: letter that is not upper- or title-case, then such letters, marks, apostrophes or hyphens.
#: "White space" is what ``str.split()`` splits at (Unicode White_Space and U+001C-U+001F).
_LANGUAGE_WORD_CHUNK = regex.compile(
    r"(?<![^\s\x1c-\x1f])[\p{P}\p{S}]*[\p{Ll}\p{Lm}\p{Lo}][\p{Ll}\p{Lm}\p{Lo}\p{M}'’-]*[\p{P}\p{S}]*(?![^\s\x1c-\x1f])")


def count_language_words(text: str) -> int:
    """Return how many words of ``text`` carry its language.

    A word counts when it has no capital letter (names like "Rio de Janeiro", acronyms)
    and is made of letters only (URLs, numbers and code do not count); in scripts written
    without spaces (Han, kana, Thai) every such letter counts as a word. So a line of names
    or commands is never taken for a foreign fragment.
    """
    if not UNSPACED_LETTER.search(text):
        # one pass over the text; the same count as the chunk loop below
        return len(_LANGUAGE_WORD_CHUNK.findall(text))
    count = 0
    for word in _chunk_words(text):
        unspaced = len(UNSPACED_LETTER.findall(word))
        if unspaced:
            count += unspaced
        elif PLAIN_WORD.match(word) and not UPPER.search(word):
            count += 1
    return count


def has_language_words(text: str, minimum: int) -> bool:
    """Return True when ``text`` has at least ``minimum`` words that carry language.

    The same as ``count_language_words(text) >= minimum``, but stops counting there.
    """
    if minimum <= 0:
        return True
    if UNSPACED_LETTER.search(text):
        return count_language_words(text) >= minimum
    for count, _ in enumerate(_LANGUAGE_WORD_CHUNK.finditer(text), start=1):
        if count >= minimum:
            return True
    return False


def plain_text(text: str) -> str:
    """Return the words of ``text`` joined by spaces, without URLs, paths, e-mail addresses and code."""
    return " ".join(word for chunk in text.split() if not CODE_LIKE.search(chunk) for word in WORD.findall(chunk))


def find_foreign_fragments(
    lines: Sequence[tuple[int, str]],
    language: str,
    settings: ArtifactSettings,
    paragraph_languages: Sequence[dict] | None,
    language_settings=None,
) -> list[Artifact]:
    """Return paragraphs, or sentences of longer paragraphs, in another language than ``language``.

    A candidate needs ``foreign_min_words`` words (:func:`count_language_words`); its language
    is read from ``paragraph_languages`` (or detected with ``language`` as prior: by its words
    alone when they read clearly, :func:`~pipeline.text.language.fast_language`, else by the
    paragraph detector) and confirmed on its plain words alone (:func:`plain_text`), both
    times with confidence at least ``foreign_min_confidence``. In a paragraph of several sentences the foreign sentences are
    reported one by one; the whole paragraph only when no single sentence qualifies.
    """
    from pipeline.text.language import (
        UNKNOWN, LanguageSettings, configured_languages, detect_paragraph_language, fast_language, words_prefer)

    if not language or language == UNKNOWN:
        return []
    language_settings = language_settings or LanguageSettings()
    if language not in configured_languages(language_settings):
        return []  # the paragraph detector could never answer the document's language
    known = {int(item["line"]): item for item in (paragraph_languages or [])}

    def detect(text: str) -> tuple[str, float]:
        # words that clearly read as one language settle it (fast_language), as in detect_paragraphs
        return (fast_language(text, language_settings, prior=language)
                or detect_paragraph_language(text, language_settings, prior=language))

    def foreign(text: str, given: tuple[str, float] | None = None) -> tuple[str, float] | None:
        code, confidence = given or detect(text)
        if code in (language, UNKNOWN) or confidence < settings.foreign_min_confidence:
            return None
        code, confidence = detect(plain_text(text))
        if code in (language, UNKNOWN) or confidence < settings.foreign_min_confidence:
            return None
        return code, confidence

    found = []
    for line_no, text in lines:
        if not has_language_words(text, settings.foreign_min_words):
            continue
        item = known.get(int(line_no))
        given = (item["language"], float(item["confidence"])) if item else None
        paragraph = foreign(text, given)
        sentences = split_sentences(text) if settings.foreign_check_sentences else []
        flagged = []
        if len(sentences) > 1:
            for start, end in sentences:
                sentence = text[start:end]
                if not paragraph and words_prefer(sentence, language, language_settings):
                    continue  # cheap screen: the words alone read best as the document's language
                if not has_language_words(sentence, settings.foreign_min_words):
                    continue
                verdict = foreign(sentence)
                if verdict:
                    flagged.append(Artifact("foreign_fragment", line_no, sentence,
                                            f"sentence in {verdict[0]} ({verdict[1]:.2f}), document in {language}"))
        if flagged:
            found.extend(flagged)
        elif paragraph:
            found.append(Artifact("foreign_fragment", line_no, text.strip(),
                                  f"paragraph in {paragraph[0]} ({paragraph[1]:.2f}), document in {language}"))
    return found


# --------------------------------------------------------------------------- entry points


def find_artifacts(
    lines: Sequence[tuple[int, str]],
    language: str,
    settings: ArtifactSettings,
    paragraph_languages: Sequence[dict] | None = None,
    *,
    language_settings=None,
) -> list[Artifact]:
    """Return the artifacts of the kept ``lines`` (``(line number, text)`` pairs), sorted by line.

    ``language`` is the document's language; ``paragraph_languages`` (as from
    ``language.detect_paragraphs``) saves re-detecting paragraphs; ``language_settings``
    (default ``LanguageSettings()``) is used for any detection still needed. Within a line
    the order is by kind (KINDS order), then by position.
    """
    resources = load_artifact_resources(settings)
    check_glued = language in resources.glued_languages
    verdicts: Mapping[str, tuple | None] = {}
    chunks: list[list[str]] = []
    occurrences: Counter = Counter()
    if check_glued:
        chunks = [_chunk_words(text) for _, text in lines]
        occurrences = Counter(word for words in chunks for word in words)
        if occurrences:  # one batch for the whole document
            verdicts = glued_lexicon(language, settings, language_settings).splits(list(occurrences))
    found: list[Artifact] = []
    for position, (line_no, text) in enumerate(lines):
        garbled = find_mojibake(line_no, text)
        # a letter that is part of mojibake ("рецепÑ‚") is reported once, as mojibake
        found.extend(a for a in find_homoglyphs(line_no, text, resources, settings)
                     if not any(a.text in m.text for m in garbled))
        found.extend(garbled)
        if check_glued:
            found.extend(_glued_artifacts(line_no, chunks[position], verdicts, occurrences, settings))
        found.extend(find_stray_punctuation(line_no, text))
    found.extend(find_foreign_fragments(lines, language, settings, paragraph_languages, language_settings))
    order = {kind: i for i, kind in enumerate(KINDS)}
    positions = {int(n): t for n, t in lines}
    return sorted(found, key=lambda a: (a.line, order[a.kind], positions.get(a.line, "").find(a.text)))


def artifact_rate(artifacts: Sequence[Artifact], n_words: int) -> float:
    """Return the number of artifacts per 1,000 words (0.0 for an empty document)."""
    if n_words <= 0:
        return 0.0
    return 1000.0 * len(artifacts) / n_words
