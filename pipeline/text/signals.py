"""Sourcing, hedging and style signals of one document, with the sentences that show them.

Method. The body is split into paragraphs (one a line; hard-wrapped lines are joined), short
paragraphs without final punctuation are set aside as headings, captions and page leftovers,
and the rest is split into sentences (``split_sentences``: at . ! ? with any closing quote or
bracket, not after titles and dotted abbreviations, after a single capital only when a
sentence opener follows: "Plan B. Then" ends, "George W. Bush" does not) and word tokens.
Phrase lexicons under ``config/lexicons/<language>/`` (one phrase a line) are matched on
lowercased tokens, longest match first, without overlap inside one category. From the
matches:

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
  languages that capitalise nouns, and except when it is shouted (``is_shouted``: in
  capitals with ``min_caps_word_letters`` letters, "SHOCKING", or beside another word in
  capitals, "FAKE NEWS"; a lone short one, "the DATA Act", is taken for an acronym).
- style: boosters, absolutist words ("all", "never"), loaded and emotive words, exclamation
  and question marks in the body, words in capitals, and in the headline clickbait phrases,
  question and exclamation marks and shouted words.

A document whose language has no lexicon directory gets ``signals_language`` None: its
lexicon counts stay 0 and it must not be scored (the counts would read as "no hedges").

Speed. The phrases of all body categories of a language are indexed by their first token
once per process (``_TokenIndex``), and what a token contributes (its lexicon key, digits,
capitals, the phrases that can start at it) is worked out once per distinct token, so each
sentence is tokenised once and its tokens are walked once for all categories. The spans
are those ``PhraseMatcher.find`` gives category by category (tests/unit/test_signals.py
checks the two against each other).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Callable, Mapping, NamedTuple, Sequence

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

#: Categories matched in the body, in one pass over each sentence's tokens (the headline is
#: matched against ``clickbait`` only).
BODY_CATEGORIES: tuple[str, ...] = (
    "attribution",
    "anonymous_sources",
    "hedges",
    "hearsay",
    "weasels",
    "boosters",
    "citations",
    "outlet_citations",
    "loaded_words",
    "absolutes",
    "dates",
)
TITLE_CATEGORIES: tuple[str, ...] = ("clickbait",)

#: Distinct tokens whose description a token index remembers (about 250 bytes each; tokens
#: seen after that are described afresh each time, with the same result).
TOKEN_CACHE_MAX_ENTRIES = 20_000
#: Loaded lexicon sets whose token indexes are kept (load_lexicons caches as many).
MAX_INDEXED_LEXICONS = 8

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

# A word: letters or digits, with - or ' inside. Possessive (no backtracking; the same tokens as
# \w+(?:[-'’]\w+)*, since a greedy run never needs to give a character back here), and faster.
_TOKEN_RE = re.compile(r"\w++(?:[-'’]\w++)*+")
_ENTRY_RE = re.compile(r"^[^\W_]+(?:[-'’ ][^\W_]+)*\*?$")
_NUMBER_RE = re.compile(r"\d")
_PARAGRAPH_RE = re.compile(r"\n\s*\n|\n(?=\s*[-*•])")
# A sentence ends at . ! ? (possibly followed by closing quotes or brackets, which stay with
# it) before a space and a character that can open a sentence; group 1 is the space between.
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*(\s+)(?=[\"'“‘«(\[¿¡]?[^\W\d_]|\d)")
# Titles and dotted abbreviations after which a full stop never ends a sentence.
_ABBREVIATION_END_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Sra|Sr|Dra|Hr|Fr|Nr|"
    r"No|Mt|Ft|vs|etc|approx|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)|"
    r"\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$"
)
# One capital and a full stop ("J.", "George W.", "Plan B.", "Ph.D."): an initial, unless a
# word stands before it and the next piece opens a sentence (_opens_sentence). Not after a
# letter or digit ("éA." is a word). Checked after _ABBREVIATION_END_RE ("U.S." is there).
_SINGLE_CAPITAL_END_RE = re.compile(r"\b[A-Z]\.$")
# The first word of a piece (after opening quotes or brackets), and whether it is an initial.
_FIRST_WORD_RE = re.compile(r"[\"'“‘«(\[¿¡]*(\w+)(\.(?=\s|$))?")
#: English words that open sentences and are not surnames, so that after "Plan B." or
#: "vitamin C." they start a new sentence, where after "George W." a name follows ("Bush").
#: Closed-class words only, and none that is also a surname ("May", "Will", "Can", "More",
#: "Do") or opens one after an initial ("La", "Le", "El", "Van": "Raymond J. La Rosa").
SENTENCE_OPENER_WORDS = frozenset("""
    a about after also although an and another any as at because before both but by
    are could despite during each either even every few for from had has have he her here
    his how however i if in instead is it its last many meanwhile most my neither no nor
    not now of on once one only or other our over regardless several she should since so
    some still such than that the their then there these they this those though thus to
    today under unless until was we were what when whenever where whether which while who
    whose why with within without would yes yesterday yet you your
""".split())
_CLOSERS = "\"'”’»)] "
_CLOSING_MARKS = _CLOSERS.strip()  # quotes and brackets that may follow a sentence's end
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


class _Token(NamedTuple):
    """What the counters need to know of one token (original case), from _TokenIndex."""

    key: str  # lexicon key (_normalise_token)
    has_digit: bool
    in_capitals: bool  # str.isupper()
    letters: int  # letters in the token, counted only when it is in capitals (else 0)
    capitalised: bool  # starts with an upper-case character
    # one (category position, single, by_next, second_prefixes) per category in which a
    # phrase can start at this token (see _TokenIndex.describe)
    candidates: tuple


# Field getters for map() over a sentence's tokens (C speed).
_KEY = itemgetter(_Token._fields.index("key"))
_HAS_DIGIT = itemgetter(_Token._fields.index("has_digit"))
_IN_CAPITALS = itemgetter(_Token._fields.index("in_capitals"))
_CANDIDATES = itemgetter(_Token._fields.index("candidates"))


class _DescribedTokens(dict):
    """token -> its description, worked out on first look-up; remembers at most
    TOKEN_CACHE_MAX_ENTRIES tokens (later ones are worked out again at each look-up)."""

    def __init__(self, describe: Callable[[str], tuple]) -> None:
        super().__init__()
        self._describe = describe

    def __missing__(self, word: str) -> tuple:
        described = self._describe(word)
        if len(self) < TOKEN_CACHE_MAX_ENTRIES:
            self[word] = described
        return described


class _TokenIndex:
    """The phrases of some lexicon categories of one language, indexed by token.

    Built once per (lexicons, language) and reused for every sentence, so that one pass over
    a sentence's tokens finds the phrases of all categories (``find_all``) where
    ``PhraseMatcher.find`` would scan the sentence once per category. What a token contributes
    is worked out once per distinct token (``describe``) and remembered, up to
    TOKEN_CACHE_MAX_ENTRIES tokens.
    """

    def __init__(self, matchers: Mapping[str, PhraseMatcher] | None, categories: tuple[str, ...]):
        self.categories = categories
        self._matchers = tuple(matchers[c] for c in categories) if matchers is not None else ()
        # any phrase of these categories starts with one of these keys or with these prefixes
        self._first_keys = frozenset(
            key for m in self._matchers for key in (*m.by_first, *m.prefixed_by_first)
        )
        self._prefixes = tuple(sorted({p for m in self._matchers for p in m.prefixes}))
        self._known = _DescribedTokens(self._describe)

    def describe(self, word: str) -> _Token:
        """Return the _Token of ``word`` (original case).

        Its ``candidates`` hold one (category position, single, by_next, second_prefixes)
        tuple per category in which a phrase can start at this token: ``single`` is 1 when
        the token alone is an entry (or starts with a one-word ``*`` entry), else 0;
        ``by_next`` maps the key of the next token to the (length, keys of the tokens after
        it, prefix of the last token or None) of the longer phrases, longest first (None when
        there are none); ``second_prefixes`` are the prefixes of two-word entries ending in *.
        """
        return self._known[word]

    def describe_all(self, words: Sequence[str]) -> list[_Token]:
        """Return ``describe(word)`` for each of ``words``."""
        return list(map(self._known.__getitem__, words))

    def _describe(self, word: str) -> _Token:
        key = _normalise_token(word)
        candidates: list[tuple] = []
        starts_phrase = key in self._first_keys or (
            bool(self._prefixes) and key.startswith(self._prefixes)
        )
        for position, matcher in enumerate(self._matchers if starts_phrase else ()):
            single = 0
            longer: list[tuple[str, int, tuple[str, ...], str | None]] = []  # (next, k, rest, last)
            second_prefixes: list[str] = []
            for phrase in matcher.by_first.get(key, ()):
                if phrase[0] != key:
                    continue
                if len(phrase) == 1:
                    single = 1
                else:
                    longer.append((phrase[1], len(phrase), phrase[2:], None))
            for phrase in matcher.prefixed_by_first.get(key, ()):
                if len(phrase) == 1:
                    single = single or int(key.startswith(phrase[0]))
                elif phrase[0] != key:
                    continue
                elif len(phrase) == 2:
                    second_prefixes.append(phrase[1])
                else:
                    longer.append((phrase[1], len(phrase), phrase[2:-1], phrase[-1]))
            if matcher.prefixes and key.startswith(matcher.prefixes):
                single = 1
            if single or longer or second_prefixes:
                by_next: dict[str, list[tuple[int, tuple[str, ...], str | None]]] = {}
                for following, k, rest, last in sorted(longer, key=lambda item: -item[1]):
                    by_next.setdefault(following, []).append((k, rest, last))
                candidates.append((
                    position,
                    single,
                    {following: tuple(v) for following, v in by_next.items()} or None,
                    tuple(second_prefixes),
                ))
        upper = word.isupper()
        return _Token(
            key=key,
            has_digit=_NUMBER_RE.search(word) is not None,
            in_capitals=upper,
            letters=sum(c.isalpha() for c in word) if upper else 0,
            capitalised=word[:1].isupper(),
            candidates=tuple(candidates),
        )

    def find_all(self, described: Sequence[_Token]) -> dict[str, list[tuple[int, int]]]:
        """Return {category: (start, end) token spans} over the ``describe_all`` of a sentence,
        for the categories that match at least once.

        The spans of each category are those ``PhraseMatcher.find`` returns for the lexicon
        keys of the tokens: longest match at each position, left to right, no overlap inside
        one category (categories may overlap each other).
        """
        categories = self.categories
        found: dict[str, list[tuple[int, int]]] = {}
        ends = [0] * len(categories)  # a category's next match may not start before this
        keys: tuple[str, ...] | None = None
        n = len(described)
        for i in compress(range(n), map(_CANDIDATES, described)):
            for position, single, by_next, second_prefixes in described[i].candidates:
                if i < ends[position]:
                    continue
                best = single
                if i + 1 < n:
                    if by_next is not None:
                        for k, rest, last in by_next.get(described[i + 1].key, ()):
                            if i + k > n:
                                continue
                            if rest:
                                if keys is None:
                                    keys = tuple(map(_KEY, described))
                                if keys[i + 2 : i + 2 + len(rest)] != rest:
                                    continue
                            if last is None or described[i + k - 1].key.startswith(last):
                                best = k
                                break
                    if (
                        best < 2
                        and second_prefixes
                        and described[i + 1].key.startswith(second_prefixes)
                    ):
                        best = 2
                if best:
                    found.setdefault(categories[position], []).append((i, i + best))
                    ends[position] = i + best
        return found


#: id(lexicons) -> (lexicons, {language or None: (body index, title index)}); holding the
#: lexicons keeps its id from being reused while the entry lives.
_INDEXES: dict[int, tuple["Lexicons", dict]] = {}


def _token_indexes(lexicons: Lexicons, lang: str | None) -> tuple[_TokenIndex, _TokenIndex]:
    """Return the (body, title) token indexes of ``lang`` (None: no lexicon) in ``lexicons``,
    built on first use and kept for the process."""
    entry = _INDEXES.get(id(lexicons))
    if entry is None or entry[0] is not lexicons:
        while len(_INDEXES) >= MAX_INDEXED_LEXICONS:
            del _INDEXES[next(iter(_INDEXES))]
        entry = (lexicons, {})
        _INDEXES[id(lexicons)] = entry
    by_language = entry[1]
    indexes = by_language.get(lang)
    if indexes is None:
        matchers = lexicons.matchers.get(lang) if lang else None
        indexes = (_TokenIndex(matchers, BODY_CATEGORIES), _TokenIndex(matchers, TITLE_CATEGORIES))
        by_language[lang] = indexes
    return indexes


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

    Closing quotes and brackets after the punctuation stay with their sentence. A piece ending
    in a title or a dotted abbreviation ("Mr.", "U.S.") is joined to the next; one ending in a
    single capital ("J.", "Plan B.") is joined unless the next piece opens a sentence
    (``_opens_sentence``).
    """
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_RE.split(text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            sentences += _paragraph_sentences(paragraph)
    return sentences


def _sentence_pieces(paragraph: str) -> list[str]:
    """Return ``paragraph`` cut after each sentence-final punctuation (closers kept)."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(paragraph):
        pieces.append(paragraph[start : m.start(1)])
        start = m.end(1)
    pieces.append(paragraph[start:])
    return pieces


def _opens_sentence(piece: str) -> bool:
    """Return True when ``piece``, after an abbreviation or initial, starts a new sentence:
    its first word is one of SENTENCE_OPENER_WORDS written with a capital ("Then", "The",
    "IT") and is not itself an initial ("A. Smith"). A name ("George W. Bush"), a number
    ("S. 2262", a bill) and lower case continue the sentence."""
    m = _FIRST_WORD_RE.match(piece)
    if m is None:
        return False
    word = m.group(1)
    if m.group(2) and len(word) == 1 and word.isupper():
        return False
    return word[:1].isupper() and word.casefold() in SENTENCE_OPENER_WORDS


def _continues(pending: str, following: str) -> bool:
    """Return True when the piece ``pending``, cut after its final punctuation, is not a whole
    sentence but goes on in the piece ``following``.

    It goes on after a title or dotted abbreviation ("Mr.", "U.S."), and after a single
    capital ("J.", "Plan B.") unless a word stands before the capital and ``following``
    opens a sentence (``_opens_sentence``). When a closing quote or bracket follows either
    ('says "No." This', '"U.S." And', '[Sen.] Elizabeth', '(N.C.) Association'), it goes on
    unless ``following`` opens a sentence.
    """
    core = pending.rstrip(_CLOSING_MARKS)
    if not core.endswith("."):  # both patterns end in a full stop: "!" and "?" always end
        return False
    # the patterns match inside the last word (no space), so the search starts there
    last_word = core.rfind(" ") + 1
    abbreviation = _ABBREVIATION_END_RE.search(core, last_word) is not None
    initial = (
        not abbreviation
        and "A" <= core[-2:-1] <= "Z"  # the cheap part of the pattern first
        and _SINGLE_CAPITAL_END_RE.search(core, last_word) is not None
    )
    if len(core) < len(pending):
        return (abbreviation or initial) and not _opens_sentence(following)
    # an initial opening the sentence ("J. Smith", "Q. What ...") always goes on
    return abbreviation or (initial and (last_word == 0 or not _opens_sentence(following)))


def _paragraph_sentences(paragraph: str) -> list[str]:
    """Return the sentences of one paragraph whose whitespace is already single spaces."""
    sentences: list[str] = []
    pending = ""
    pieces = _sentence_pieces(paragraph)
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        pending = f"{pending} {piece}" if pending else piece
        if i == last or not _continues(pending, pieces[i + 1]):
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


def _is_name_token(words: Sequence[str], index: int, *, pair: bool = False) -> bool:
    """Return True for a capitalised token of two or more letters that is not the first word
    of the sentence, unless followed by another capitalised one ("John Smith said"). With
    ``pair`` (languages that capitalise every noun) a neighbour must be capitalised too, so
    "Anna Weber" counts and "Bericht" does not."""
    word = words[index]
    if len(word) < 2 or not word[0].isupper():
        return False
    if index == 0 or pair:
        following = index + 1 < len(words) and words[index + 1][:1].isupper()
        preceding = index > 0 and words[index - 1][:1].isupper()
        return following or (pair and preceding)
    return True


def _name_run(words: Sequence[str], index: int) -> tuple[int, int]:
    """Return the (start, end) token span of the capitalised run around ``index``."""
    start, end = index, index + 1
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    while end < len(words) and words[end][:1].isupper():
        end += 1
    return start, end


class _Sentence:
    """One sentence's text and word tokens; where a token starts is found only when evidence
    quotes it, and only up to that token."""

    def __init__(self, text: str, words: Sequence[str]) -> None:
        self.text = text
        self.words = words
        self._starts: list[int] = []
        self._searched_to = 0  # character offset after the last token located so far

    def span_text(self, start: int, end: int) -> str:
        """Return the text of tokens ``start`` to ``end`` (exclusive), original spelling."""
        starts = self._starts
        if len(starts) < end:
            # Between two tokens stand only characters that cannot start one, and a token
            # starts with one that can: the first occurrence of the next token's text after
            # the previous token is that token.
            position = self._searched_to
            find = self.text.find
            for word in self.words[len(starts) : end]:
                position = find(word, position)
                starts.append(position)
                position += len(word)
            self._searched_to = position
        return self.text[starts[start] : starts[end - 1] + len(self.words[end - 1])]


class _Evidence:
    def __init__(self, limit: int, per_kind: int, sentence_chars: int) -> None:
        self.entries: list[dict] = []
        self.limit = limit
        self.per_kind = per_kind
        self.kind_counts: dict[str, int] = {}
        self.sentence_chars = sentence_chars

    def wants(self, kind: str) -> bool:
        """Return True while an entry of ``kind`` would still be kept."""
        return len(self.entries) < self.limit and self.kind_counts.get(kind, 0) < self.per_kind

    def add(self, kind: str, text: str, sentence: str) -> None:
        """Add an entry if the limits still keep one of ``kind``."""
        if self.wants(kind):
            self._keep(kind, text, sentence)

    def add_span(self, kind: str, sentence: _Sentence, start: int, end: int) -> None:
        """Add tokens ``start`` to ``end`` of ``sentence`` as an entry if one is still kept
        (their text is cut out only then)."""
        if self.wants(kind):
            self._keep(kind, sentence.span_text(start, end), sentence.text)

    def _keep(self, kind: str, text: str, sentence: str) -> None:
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


_NO_SPANS: list[tuple[int, int]] = []  # a category without a match in the sentence (never changed)

#: Body categories counted as plain matches after the sourcing and hedging ones, in this
#: order (the order of their evidence): (category, count key, evidence kind).
_STYLE_AND_CITATION_COUNTS: tuple[tuple[str, str, str], ...] = (
    ("boosters", "boosters", "booster"),
    ("citations", "citations", "citation"),
    ("outlet_citations", "outlet_citations", "outlet_citation"),
    ("loaded_words", "loaded_words", "loaded_word"),
    ("absolutes", "absolutes", "absolute"),
)


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
    body_index, title_index = _token_indexes(lexicons, lang)
    capitalises_nouns = lang in LANGUAGES_CAPITALISING_NOUNS
    window = settings.attribution_window_tokens
    after = settings.attribution_after_tokens
    min_caps = settings.min_caps_word_letters

    if isinstance(title, str) and title.strip():
        _title_signals(title, title_index, matchers, settings, counts, evidence)
    if not isinstance(text, str):
        text = ""

    paragraphs, skipped = prose_paragraphs(text, settings)
    counts["leftover_paragraphs"] = float(skipped)
    prose = "\n\n".join(paragraphs)
    quotes, quoted_words, _ = _count_quotes(prose, settings.min_quote_words)
    counts["quotes"] = float(quotes)
    counts["quoted_words"] = float(quoted_words)

    # prose paragraphs are single-spaced lines: their sentences are those split_sentences(prose)
    # would return
    sentences = (s for paragraph in paragraphs for s in _paragraph_sentences(paragraph))
    for text_of_sentence in sentences:
        words = _TOKEN_RE.findall(text_of_sentence)
        if not words:
            continue
        described = body_index.describe_all(words)
        counts["sentences"] += 1
        counts["words"] += len(words)
        counts["numbers"] += sum(map(_HAS_DIGIT, described))
        if "!" in text_of_sentence:
            counts["exclamations"] += 1
            evidence.add("exclamation", "!", text_of_sentence)
        if "?" in text_of_sentence and text_of_sentence.rstrip("\"'”’») ").endswith("?"):
            counts["questions"] += 1
        if any(map(_IN_CAPITALS, described)):
            for word, info in zip(words, described):
                if info.in_capitals and len(word) >= min_caps and info.letters >= min_caps:
                    counts["all_caps_words"] += 1
                    evidence.add("all_caps", word, text_of_sentence)
        if matchers is None:
            continue
        found = body_index.find_all(described)
        if found:
            _count_lexicon_matches(
                found, words, described, _Sentence(text_of_sentence, words), counts, evidence,
                window=window, after=after, capitalises_nouns=capitalises_nouns,
                min_caps=min_caps,
            )

    counts["lexicon_matched"] = 1.0 if matchers is not None else 0.0
    if matchers is None:
        logger.debug("no lexicon for language %r: lexicon signals left at 0", language)
    return DocumentSignals(
        counts=counts, evidence=tuple(evidence.entries), signals_language=lang
    )


def _capital_letters(word: str) -> int:
    """Return the number of letters of ``word`` when it is written in capitals, else 0."""
    return sum(c.isalpha() for c in word) if word.isupper() else 0


def is_shouted(words: Sequence[str], index: int, min_caps_word_letters: int) -> bool:
    """Return True when ``words[index]`` is a shouted word rather than an acronym: written in
    capitals with at least ``min_caps_word_letters`` letters ("SHOCKING", "CLEARLY", the
    length at which ``all_caps_words`` counts it too), or with two or more letters beside
    another word in capitals of two or more letters ("FAKE NEWS", "YOU MAY THINK"). A lone
    shorter word in capitals ("NATO", "the DATA Act", "EPIC said", "MAY 2019") reads as an
    acronym or a label and is not shouted."""
    letters = _capital_letters(words[index])
    if letters >= min_caps_word_letters:
        return True
    if letters < 2:
        return False
    return (index > 0 and _capital_letters(words[index - 1]) >= 2) or (
        index + 1 < len(words) and _capital_letters(words[index + 1]) >= 2
    )


def is_proper_noun(words: Sequence[str], index: int, min_caps_word_letters: int) -> bool:
    """Return True when a lexicon match starting at ``words[index]`` is skipped as a proper
    noun: the word is capitalised ("May", "Will", "Clearly Ltd", "NATO"), is not the first of
    the sentence, and is not shouted (``is_shouted``: "SHOCKING" and "FAKE NEWS" count)."""
    return (
        index > 0
        and words[index][:1].isupper()
        and not is_shouted(words, index, min_caps_word_letters)
    )


def _without_proper_nouns(
    spans: list[tuple[int, int]],
    words: Sequence[str],
    described: Sequence[_Token],
    min_caps_word_letters: int,
) -> list[tuple[int, int]]:
    """Return ``spans`` without those that start on a proper noun (``is_proper_noun``)."""
    return [
        (s, e) for s, e in spans
        if s == 0
        or not described[s].capitalised  # the cheap test first
        or not is_proper_noun(words, s, min_caps_word_letters)
    ]


def _count_lexicon_matches(
    found: Mapping[str, list[tuple[int, int]]],
    words: Sequence[str],
    described: Sequence[_Token],
    sentence: _Sentence,
    counts: dict[str, float],
    evidence: _Evidence,
    *,
    window: int,
    after: int,
    capitalises_nouns: bool,
    min_caps: int,
) -> None:
    """Add the lexicon counts and evidence of one sentence (``found``: its matches by
    category, from _TokenIndex.find_all) to ``counts`` and ``evidence``. ``min_caps``: the
    ``min_caps_word_letters`` setting (see ``is_shouted``)."""
    skip_capitalised = not capitalises_nouns
    attributions = found.get("attribution", _NO_SPANS)
    anonymous = found.get("anonymous_sources", _NO_SPANS)
    if attributions:
        counts["attributions"] += len(attributions)
        for s, e in attributions:
            lo, hi = max(0, s - window), min(len(words), e + after)
            near_anon = [(a, b) for a, b in anonymous if b > lo and a < hi] if anonymous else None
            if near_anon:
                counts["anonymous_sources"] += 1
                a, b = near_anon[0]
                evidence.add_span("anonymous_source", sentence, min(a, s), max(b, e))
            else:
                names = [
                    i for i in range(lo, hi)
                    if described[i].capitalised  # the cheap part of _is_name_token first
                    and not s <= i < e
                    and _is_name_token(words, i, pair=capitalises_nouns)
                ]
                if names:
                    counts["named_sources"] += 1
                    if evidence.wants("named_source"):
                        a, b = _name_run(words, min(names, key=lambda i: (abs(i - s), i)))
                        evidence.add_span("named_source", sentence, min(a, s), max(b, e))
    else:
        # explicit anonymity without an attribution verb ("a source close to ...")
        for a, b in anonymous:
            if described[a].key in ("anonymous", "anonymity", "unnamed"):
                counts["anonymous_sources"] += 1
                evidence.add_span("anonymous_source", sentence, a, b)

    hedges = found.get("hedges", _NO_SPANS)
    hearsay = found.get("hearsay", _NO_SPANS)
    if skip_capitalised:
        hedges = _without_proper_nouns(hedges, words, described, min_caps) if hedges else hedges
        hearsay = (
            _without_proper_nouns(hearsay, words, described, min_caps) if hearsay else hearsay
        )
    if hedges and hearsay:
        # a hedge word inside a hearsay phrase ("rumor has it") counts once, as hearsay; a
        # weasel phrase that holds a hedge ("it is believed") is both vague and hedged
        hedges = [(s, e) for s, e in hedges if not any(a <= s < b for a, b in hearsay)]
    if hedges or hearsay:
        counts["hedges"] += len(hedges) + len(hearsay)
        counts["hearsay"] += len(hearsay)
        kind = "attributed_hedge" if attributions else "own_hedge"
        counts["attributed_hedges" if attributions else "own_hedges"] += len(hedges) + len(hearsay)
        for s, e in hedges:
            evidence.add_span(kind, sentence, s, e)
        for s, e in hearsay:
            evidence.add_span("hearsay", sentence, s, e)
    weasels = found.get("weasels")
    if weasels:
        counts["weasels"] += len(weasels)
        for s, e in weasels:
            evidence.add_span("weasel", sentence, s, e)
    for category, key, kind_name in _STYLE_AND_CITATION_COUNTS:
        spans = found.get(category)
        if spans and skip_capitalised:
            spans = _without_proper_nouns(spans, words, described, min_caps)
        if spans:
            counts[key] += len(spans)
            for s, e in spans:
                evidence.add_span(kind_name, sentence, s, e)
    dates = found.get("dates")
    if dates:
        counts["dates"] += len(dates)


def _title_signals(
    title: str,
    index: _TokenIndex,
    matchers: Mapping[str, PhraseMatcher] | None,
    settings: SignalSettings,
    counts: dict[str, float],
    evidence: _Evidence,
) -> None:
    """Add the headline counts (question, exclamation, capitals, clickbait) to ``counts``."""
    title = " ".join(title.split())
    words = _TOKEN_RE.findall(title)
    described = index.describe_all(words)
    if title.rstrip("\"'”’») ").endswith("?"):
        counts["title_question"] = 1.0
    if "!" in title:
        counts["title_exclamation"] = 1.0
    counts["title_all_caps_words"] = float(
        sum(
            1 for info in described
            if info.in_capitals and info.letters >= settings.min_caps_word_letters
        )
    )
    if matchers is not None and words:
        found = index.find_all(described).get("clickbait", _NO_SPANS)
        counts["title_clickbait"] = float(len(found))
        headline = _Sentence(title, words)
        for s, e in found:
            evidence.add_span("clickbait_title", headline, s, e)
