"""Language of a document and of each of its paragraphs.

Method. The *document* language comes from langdetect (seeded, ``DetectorFactory.seed = 0``,
so a text always gets the same answer) with its probability as the confidence. langdetect
reads about ``document_max_chars`` characters taken from every line in proportion to its
length (its cost grows with the text; a quoted foreign first paragraph weighs no more than in
the whole text), and only the configured languages count as answers. A text with too few
letters, no configured language among langdetect's answers, or a best probability below
``document_unknown_below_confidence`` is ``("unknown", 0.0)``.

A *paragraph* (or any short text) is scored by three detectors restricted to the configured
language list (``config/language/languages.txt``), added up in log space:

    score(l) = log(lingua confidence(l) + lingua_floor)
             + wordfreq_weight * sum over words w of log(max(frequency(w, l), wordfreq_floor))
             + py3langid_weight * (py3langid log-likelihood(l) - best log-likelihood)
             + prior_bonus, when l is the document's language

lingua (character trigrams, its low-accuracy mode) reads letter patterns; the wordfreq term
is a unigram language model over real word frequencies, read from wordfreq's "best" lists
down to Zipf ``wordfreq_min_zipf`` (it settles words that are spelt the same in several
languages, where n-grams cannot tell, and knows the rarer words of a language); the
py3langid term (byte n-grams, naive Bayes) adds the evidence of long texts, where it is the
strongest of the three. The confidence is the softmax of the scores; below
``unknown_below_confidence`` the answer is ``"unknown"``. The weights were chosen on
``../shared/data/langid/dev.tsv`` as round values from a small grid, in the middle of the
plateau where all three length buckets pass their floors (docs/language.md lists the grid).

The *fast path* (:func:`fast_language`, used by :func:`detect_paragraphs` and the
foreign-fragment check): when the words alone (wordfreq's small lists, missing words at
``screen_wordfreq_floor``) put one language at least ``fast_path_min_margin_nats`` (and
``fast_path_min_margin_nats_per_word`` per word) ahead of every other over at least
``fast_path_min_words`` words, that language is the answer and lingua and py3langid are not
asked. Most paragraphs of running text qualify; docs/language.md gives the measured agreement
with the full detector. :func:`detect_paragraph_language` (``newsclean lang``, ``newsclean
eval langid``) never takes it.

Detectors and tables are built lazily, once per process (``functools.lru_cache``). lingua's
low-accuracy models take about 54 MB for the 26 languages; its high-accuracy mode
(``lingua_low_accuracy = false``) about 525 MB loaded on demand, 600 MB preloaded, which
kept a process over 26 languages near 1 GB. The wordfreq lists are held as compact tables
(``pipeline.text.word_tables``): 11 MB for the 26 small lists of the screens, about 30 MB for
the "best" lists down to Zipf 2 of the full detector.
"""

from __future__ import annotations

import functools
import logging
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from pipeline.errors import ConfigError
from pipeline.text.lang_config import CONFIG_DIR_ENV, bucket_zipf, config_root, last_bucket_at, read_entries
from pipeline.text.memory import release_free_memory
from pipeline.text.word_tables import MISSING, lists_table, small_lists_table, word_hashes

logger = logging.getLogger(__name__)

UNKNOWN = "unknown"

#: wordfreq's list names (``[language] wordfreq_list``).
WORDFREQ_LISTS = ("small", "large", "best")

#: Decimals kept of lingua's confidence values (see paragraph_scores).
LINGUA_DECIMALS = 10

#: langdetect codes that differ from the ISO 639-1 codes used everywhere else.
LANGDETECT_CODE_MAP = {"zh-cn": "zh", "zh-tw": "zh"}

#: A word for the wordfreq term: a letter, then letters, marks, apostrophes or hyphens.
WORD_PATTERN = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
LETTER_PATTERN = regex.compile(r"\p{L}")


@dataclass(frozen=True)
class LanguageSettings:
    """Named settings of language identification (section ``[language]`` of luigi.cfg)."""

    languages_file: str = "language/languages.txt"  # under the config folder; codes to choose among
    config_dir: str = ""  # "" = $NEWSCLEAN_CONFIG_DIR or the repository's config/
    document_min_letters: int = 20  # fewer letters in a document -> ("unknown", 0.0)
    document_unknown_below_confidence: float = 0.5  # langdetect probability below -> unknown
    document_max_chars: int = 500  # langdetect reads about this much of a document, from every line (0 = up to 10,000)
    paragraph_min_letters: int = 1  # fewer letters in a paragraph -> ("unknown", 0.0)
    unknown_below_confidence: float = 0.2  # paragraph: softmax confidence below -> "unknown"
    lingua_low_accuracy: bool = True  # lingua's trigram models (~54 MB); False: 1- to 5-grams (~600 MB for 26 languages)
    lingua_preload: bool = False  # True: load all models at build (shared by forked workers)
    lingua_floor: float = 0.01  # added to lingua's confidence before the log
    lingua_max_chars: int = 300  # lingua reads at most this much of a text (its cost grows with length)
    wordfreq_list: str = "best"  # wordfreq lists of the word term: "small" (Zipf >= 3), "large" or "best"
    wordfreq_min_zipf: float = 2.0  # ... read down to this Zipf frequency ("best" to 2.0: ~30 MB, 2 s to load)
    wordfreq_weight: float = 1.6  # weight of the word-frequency log-likelihood
    wordfreq_floor: float = 3e-9  # frequency given to a word missing from a language's list
    screen_wordfreq_floor: float = 1e-7  # the same for the word screens (fast path, foreign sentences), on the small lists
    wordfreq_max_words: int = 40  # words of a paragraph scored by wordfreq (the first ones)
    py3langid_weight: float = 0.2  # weight of py3langid's log-likelihood
    prior_bonus: float = 1.0  # log-score added to the document's language (paragraphs only)
    fast_path: bool = True  # detect_paragraphs: settle clear paragraphs in the document's language by their words
    fast_path_min_words: int = 3  # ... a paragraph needs this many words ...
    fast_path_min_margin_nats: float = 10.0  # ... whose wordfreq log-score beats every other language's by this
    fast_path_min_margin_nats_per_word: float = 1.0  # ... and by this much per word (long mixed lines need more)

    def __post_init__(self) -> None:
        if self.wordfreq_list not in WORDFREQ_LISTS:
            raise ConfigError(f"[language] wordfreq_list: must be one of {', '.join(WORDFREQ_LISTS)}, got {self.wordfreq_list!r}")


# --------------------------------------------------------------------------- configuration


@functools.lru_cache(maxsize=8)
def _load_languages_cached(path: str) -> tuple[str, ...]:
    from lingua import IsoCode639_1
    from wordfreq import available_languages

    known_wordfreq = set(available_languages("small"))
    codes: list[str] = []
    for number, entry in read_entries(Path(path)):
        code = entry.lower()
        if not hasattr(IsoCode639_1, code.upper()):
            raise ConfigError(f"{path}:{number}: {entry!r} is not an ISO 639-1 code lingua knows")
        if code not in known_wordfreq:
            raise ConfigError(f"{path}:{number}: wordfreq has no word list for {entry!r}")
        if code in codes:
            raise ConfigError(f"{path}:{number}: {entry!r} listed twice")
        codes.append(code)
    if len(codes) < 2:
        raise ConfigError(f"{path}:0: at least two languages are needed, found {len(codes)}")
    return tuple(codes)


def configured_languages(settings: LanguageSettings) -> tuple[str, ...]:
    """Return the configured language codes, in file order (cached per path).

    Raises ConfigError ``file:line: ...`` for an unknown, unsupported or repeated code.
    """
    # keyed by what decides the path, so that the folder is not resolved again on every call
    return _languages_for(settings.config_dir, settings.languages_file, os.environ.get(CONFIG_DIR_ENV, ""))


@functools.lru_cache(maxsize=16)
def _languages_for(config_dir: str, languages_file: str, environment: str) -> tuple[str, ...]:
    return _load_languages_cached(str(config_root(config_dir) / languages_file))


# --------------------------------------------------------------------------- detectors


@functools.lru_cache(maxsize=4)
def _lingua_detector(languages: tuple[str, ...], low_accuracy: bool, preload: bool = False):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*(getattr(IsoCode639_1, c.upper()) for c in languages))
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    logger.info("building lingua detector for %d languages (low accuracy: %s)", len(languages), low_accuracy)
    # By default models load on first need and stay for the process: an English-only corpus
    # never pays for the Cyrillic, Arabic or CJK models. Preloading suits a parent process
    # that forks its workers after building the detector (the pages are then shared).
    if preload:
        builder = builder.with_preloaded_language_models()
    return builder.build()


@functools.lru_cache(maxsize=4)
def _py3langid_identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    usable = [code for code in languages if code in set(identifier.nb_classes)]
    identifier.set_languages(usable)
    # set_languages keeps the full 142-language table for a later reset (28 MB); we never reset.
    identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    release_free_memory()
    return identifier


@functools.lru_cache(maxsize=8)
def _bucket_log_frequencies(floor: float) -> np.ndarray:
    """Return ``ln(max(frequency, floor))`` per wordfreq bucket index; ``MISSING`` gives ``ln(floor)``."""
    log_floor = math.log(floor)
    values = np.array([max((bucket_zipf(index) - 9.0) * math.log(10.0), log_floor) for index in range(MISSING + 1)])
    values[MISSING] = log_floor
    return values


def _text_words(text: str, max_words: int) -> list[str]:
    """Return the first ``max_words`` words of ``text`` (WORD_PATTERN), case-folded."""
    return [word.casefold() for word in WORD_PATTERN.findall(text)[:max_words]]


def scoring_table(languages: tuple[str, ...], settings: LanguageSettings):
    """Return the word table of :func:`word_scores`: ``wordfreq_list`` down to ``wordfreq_min_zipf`` (cached)."""
    return lists_table(languages, settings.wordfreq_list, last_bucket_at(settings.wordfreq_min_zipf))


def word_scores(text: str, settings: LanguageSettings) -> dict[str, float]:
    """Return ``{code: sum of ln word frequency}`` over the first ``wordfreq_max_words`` words.

    Words missing from a language's list count ``ln(wordfreq_floor)``; an empty dict when
    the text has no word. The sum runs word by word in text order (numpy adds the rows of
    the word-by-language matrix in turn), as ``sum()`` over the words would.
    """
    words = _text_words(text, settings.wordfreq_max_words)
    if not words:
        return {}
    languages = configured_languages(settings)
    table = scoring_table(languages, settings)
    buckets = np.full((len(words), len(languages)), MISSING, dtype=np.uint16)
    positions, index = table.entries(word_hashes(words))
    buckets[positions, table.language[index]] = table.bucket[index]
    totals = _bucket_log_frequencies(settings.wordfreq_floor)[buckets].sum(axis=0)
    return dict(zip(languages, totals.tolist()))


#: Words whose wordfreq entries the word screens keep at hand (about 200 bytes each); the
#: memo is emptied when it grows past this.
WORD_MEMO_MAX_WORDS = 30_000


class _WordGains:
    """Per word, what each language's list adds over the floor: ``ln(frequency) - ln(floor)``.

    The word screens (:func:`word_advantage`, :func:`words_prefer`, :func:`fast_language`)
    only compare languages, so the ``n * ln(floor)`` that every language shares drops out and
    a word missing from every list costs nothing. Lookups go through a memo, filled a text
    at a time by one table search: word -> ``(best language index (-1: none), its gain,
    second-best gain, other entries)``, the other entries a flat tuple ``(language, gain,
    ...)`` or None for a word of one list (most words).
    """

    def __init__(self, languages: tuple[str, ...], floor: float):
        self.languages = languages
        self.table = small_lists_table(languages)
        log_floor = math.log(floor)
        self.gains = (_bucket_log_frequencies(floor) - log_floor).tolist()
        self.memo: dict[str, tuple[int, float, float, tuple | None]] = {}

    def _fill(self, words: Sequence[str]) -> None:
        memo = self.memo
        missing = [word for word in words if word not in memo]
        if not missing:
            return
        missing = sorted(set(missing))
        if len(memo) + len(missing) > WORD_MEMO_MAX_WORDS:
            memo.clear()  # and look up every word of this call, not only the new ones
            missing = sorted(set(words))
        found: dict[int, list[tuple[int, float]]] = {}
        positions, index = self.table.entries(word_hashes(missing))
        for position, language, bucket in zip(positions.tolist(), self.table.language[index].tolist(),
                                               self.table.bucket[index].tolist()):
            found.setdefault(position, []).append((language, self.gains[bucket]))
        for position, word in enumerate(missing):
            ranked = sorted(found.get(position, ()), key=lambda entry: (-entry[1], entry[0]))
            if not ranked:
                memo[word] = (-1, 0.0, 0.0, None)
                continue
            rest = tuple(value for entry in ranked[1:] for value in entry) or None
            memo[word] = (ranked[0][0], ranked[0][1], ranked[1][1] if len(ranked) > 1 else 0.0, rest)

    def totals(self, words: Sequence[str]) -> list[float]:
        """Return per language (in ``languages`` order) the summed gains of ``words``, word by word in order."""
        self._fill(words)
        memo = self.memo
        totals = [0.0] * len(self.languages)
        for word in words:
            best, top, _, rest = memo[word]
            if best < 0:
                continue
            totals[best] += top
            if rest is not None:  # each language once per word: every total still adds its words in order
                for i in range(0, len(rest), 2):
                    totals[rest[i]] += rest[i + 1]
        return totals

    def advantage_bound(self, words: Sequence[str], index: int) -> float:
        """Return a lower bound of language ``index``'s lead over every other language.

        The sum over words of the word's gain in ``index`` minus its best gain in another
        language: a sum of per-word leads is never more than the lead of the sums.
        """
        self._fill(words)
        memo = self.memo
        total = 0.0
        for word in words:
            best, top, second, rest = memo[word]
            if best == index:
                total += top - second
            elif best >= 0:
                mine = 0.0
                if rest is not None:
                    for i in range(0, len(rest), 2):
                        if rest[i] == index:
                            mine = rest[i + 1]
                total += mine - top
        return total


@functools.lru_cache(maxsize=4)
def _word_gains(languages: tuple[str, ...], floor: float) -> _WordGains:
    return _WordGains(languages, floor)


def _word_totals(text: str, settings: LanguageSettings) -> tuple[int, list[float]]:
    """Return ``(words, gains per configured language)`` of the first ``wordfreq_max_words`` words."""
    words = _text_words(text, settings.wordfreq_max_words)
    if not words:
        return 0, []
    return len(words), _word_gains(configured_languages(settings), settings.screen_wordfreq_floor).totals(words)


def words_prefer(text: str, code: str, settings: LanguageSettings) -> bool:
    """Return True when the words of ``text`` alone read best as ``code``.

    That is, ``code``'s wordfreq log-score over the first ``wordfreq_max_words`` words beats
    every other configured language's (:func:`word_advantage` margin above 0). Decided by a
    per-word lower bound when that suffices (the usual case), else by the sums.
    """
    languages = configured_languages(settings)
    if code not in languages:
        return False
    words = _text_words(text, settings.wordfreq_max_words)
    if not words:
        return False
    gains = _word_gains(languages, settings.screen_wordfreq_floor)
    index = languages.index(code)
    if gains.advantage_bound(words, index) > 0:
        return True
    totals = gains.totals(words)
    return totals[index] > max(value for position, value in enumerate(totals) if position != index)


def word_advantage(text: str, code: str, settings: LanguageSettings) -> tuple[int, float]:
    """Return ``(words, margin)``: how far the word log-score of ``code`` beats every other language's.

    Over the first ``wordfreq_max_words`` words of ``text``, ``margin`` is ``code``'s summed
    ``ln(max(frequency, screen_wordfreq_floor))`` on the small lists minus the best other configured language's, in
    nats (negative when another language reads better). ``(0, 0.0)`` for a text without words
    or a code outside the configured languages. Summed sparsely, so it can differ from the
    difference of two :func:`word_scores` values in the last bits.
    """
    languages = configured_languages(settings)
    if code not in languages:
        return 0, 0.0
    n_words, totals = _word_totals(text, settings)
    if not n_words:
        return 0, 0.0
    mine = languages.index(code)
    return n_words, totals[mine] - max(value for index, value in enumerate(totals) if index != mine)


@functools.lru_cache(maxsize=1)
def _langdetect_factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    release_free_memory()
    return factory


def _head(text: str, max_chars: int) -> str:
    """Return ``text`` cut to at most ``max_chars`` characters, at a space when there is one."""
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars + 1)
    return text[: cut if cut > 0 else max_chars]


def _sample(text: str, max_chars: int) -> str:
    """Return at most about ``max_chars`` characters of ``text``, from every line in proportion to its length.

    Each non-blank line gives its head (cut at a space, :func:`_head`), so a quoted foreign
    paragraph at the top weighs no more in the sample than in the whole text. ``text``
    itself when it is no longer than ``max_chars``.
    """
    if len(text) <= max_chars:
        return text
    lines = [line for line in text.split("\n") if line.strip()]
    total = sum(len(line) for line in lines)
    return "\n".join(_head(line, max(1, max_chars * len(line) // total)) for line in lines)


def _has_letters(text: str, minimum: int) -> bool:
    """Return True when ``text`` has at least ``minimum`` letters (stops counting there)."""
    if minimum <= 0:
        return True
    for count, _ in enumerate(LETTER_PATTERN.finditer(text), start=1):
        if count >= minimum:
            return True
    return False


# --------------------------------------------------------------------------- document


def detect_document_language(text: str, settings: LanguageSettings) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, probability)`` of a document by seeded langdetect.

    langdetect reads about ``document_max_chars`` characters taken from every line in
    proportion to its length (:func:`_sample`; 0 reads up to langdetect's own limit of
    10,000 characters from the start). The answer is the most probable *configured*
    language (``config/language/languages.txt``; ``zh-cn`` and ``zh-tw`` count as ``zh``).
    Returns ``("unknown", 0.0)`` when the text has fewer than ``document_min_letters``
    letters, langdetect finds no feature, no configured language is among its answers, or
    the best one's probability is below ``document_unknown_below_confidence``.
    """
    from langdetect.lang_detect_exception import LangDetectException

    if not _has_letters(text, settings.document_min_letters):
        return UNKNOWN, 0.0
    detector = _langdetect_factory().create()
    detector.append(_sample(text, settings.document_max_chars) if settings.document_max_chars > 0 else text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return UNKNOWN, 0.0
    configured = set(configured_languages(settings))
    merged: dict[str, float] = {}
    for item in ranked:
        code = LANGDETECT_CODE_MAP.get(str(item.lang), str(item.lang))
        if code in configured:
            merged[code] = merged.get(code, 0.0) + float(item.prob)
    if not merged:
        return UNKNOWN, 0.0
    code = max(sorted(merged), key=merged.get)
    confidence = merged[code]
    if confidence < settings.document_unknown_below_confidence:
        return UNKNOWN, 0.0
    return code, confidence


# --------------------------------------------------------------------------- paragraph


def paragraph_scores(text: str, settings: LanguageSettings, prior: str | None = None) -> dict[str, float]:
    """Return ``{code: probability}`` over the configured languages for ``text`` (sums to 1).

    Returns an empty dict when the text has fewer than ``paragraph_min_letters`` letters.
    """
    if not _has_letters(text, max(1, settings.paragraph_min_letters)):
        return {}
    languages = configured_languages(settings)
    # py3langid first: its loading peak (the full 142-language table) then passes before lingua's models arrive
    identifier = _py3langid_identifier(languages) if settings.py3langid_weight else None
    lingua = _lingua_detector(languages, settings.lingua_low_accuracy, settings.lingua_preload)
    # lingua's sums run in hash-map order, so repeated calls differ in the last bits (~1e-16);
    # rounding keeps the scores, and so the answers, the same from run to run.
    lingua_values = {value.language.iso_code_639_1.name.lower(): round(value.value, LINGUA_DECIMALS)
                     for value in lingua.compute_language_confidence_values(_head(text, settings.lingua_max_chars))}
    scores = {code: math.log(lingua_values.get(code, 0.0) + settings.lingua_floor) for code in languages}

    if settings.wordfreq_weight:
        for code, total in word_scores(text, settings).items():
            scores[code] += settings.wordfreq_weight * total

    if settings.py3langid_weight:
        ranked = dict(identifier.rank(text))
        if ranked:
            best = max(ranked.values())
            worst = min(ranked.values())
            for code in languages:
                scores[code] += settings.py3langid_weight * (ranked.get(code, worst) - best)

    if prior in scores and settings.prior_bonus:
        scores[prior] += settings.prior_bonus

    top = max(scores.values())
    exps = {code: math.exp(score - top) for code, score in scores.items()}
    total = sum(exps.values())
    return {code: value / total for code, value in exps.items()}


#: Short texts (menu words, captions, "Advertisement") recur across a source's pages; the
#: answers for the last this many texts of at most SHORT_TEXT_CHARS characters are kept.
SHORT_TEXT_CACHE_TEXTS = 4096
SHORT_TEXT_CHARS = 200


def detect_paragraph_language(text: str, settings: LanguageSettings, prior: str | None = None) -> tuple[str, float]:
    """Return ``(code, confidence)`` of a short text among the configured languages.

    ``prior`` (the document's language) adds ``prior_bonus`` to that language's score.
    Returns ``("unknown", 0.0)`` for a text without enough letters, and ``("unknown",
    confidence)`` when the best language's confidence is below ``unknown_below_confidence``.
    Ties go to the language listed first in the configuration. Answers for texts of at most
    ``SHORT_TEXT_CHARS`` characters are cached (the same text always gets the same answer).
    """
    if len(text) <= SHORT_TEXT_CHARS:
        return _short_text_language(text, settings, prior)
    return _paragraph_language(text, settings, prior)


@functools.lru_cache(maxsize=SHORT_TEXT_CACHE_TEXTS)
def _short_text_language(text: str, settings: LanguageSettings, prior: str | None) -> tuple[str, float]:
    return _paragraph_language(text, settings, prior)


def _paragraph_language(text: str, settings: LanguageSettings, prior: str | None) -> tuple[str, float]:
    probabilities = paragraph_scores(text, settings, prior)
    if not probabilities:
        return UNKNOWN, 0.0
    languages = configured_languages(settings)
    code = max(languages, key=lambda c: probabilities[c])
    confidence = probabilities[code]
    if confidence < settings.unknown_below_confidence:
        return UNKNOWN, confidence
    return code, confidence


def fast_language(text: str, settings: LanguageSettings, prior: str | None = None) -> tuple[str, float] | None:
    """Return ``(code, confidence)`` when the words of ``text`` alone clearly read as one language, else None.

    The fast path: a text of at least ``fast_path_min_words`` words whose wordfreq
    log-score for one configured language beats every other's by
    ``fast_path_min_margin_nats`` or more, and by ``fast_path_min_margin_nats_per_word``
    times its number of words (the first ``wordfreq_max_words``). lingua and py3langid are not consulted; the
    confidence is the softmax of the wordfreq term (times ``wordfreq_weight``), ``prior``
    getting ``prior_bonus`` as in :func:`paragraph_scores`. None when the path is off
    (``fast_path``, or ``wordfreq_weight`` 0), the text has fewer than
    ``paragraph_min_letters`` letters or too few words, or no language is that far ahead.
    """
    if not settings.fast_path or settings.wordfreq_weight <= 0:
        return None
    if not _has_letters(text, max(1, settings.paragraph_min_letters)):
        return None
    n_words, totals = _word_totals(text, settings)
    if n_words < max(1, settings.fast_path_min_words):
        return None
    best = max(range(len(totals)), key=totals.__getitem__)  # ties: the language listed first
    margin = totals[best] - max(value for index, value in enumerate(totals) if index != best)
    # py3langid's term grows with the text, so the lead the words need grows with it too
    if margin < max(settings.fast_path_min_margin_nats, settings.fast_path_min_margin_nats_per_word * n_words):
        return None
    languages = configured_languages(settings)
    scores = [settings.wordfreq_weight * value for value in totals]
    if prior in languages and settings.prior_bonus:
        scores[languages.index(prior)] += settings.prior_bonus
    confidence = 1.0 / sum(math.exp(score - scores[best]) for score in scores)
    if confidence < settings.unknown_below_confidence:
        return None
    return languages[best], confidence


def detect_paragraphs(lines: Sequence[tuple[int, str]], doc_language: str, settings: LanguageSettings) -> list[dict]:
    """Return ``[{"line", "language", "confidence"}]``, one per non-blank line, in input order.

    The document's language is the prior of every paragraph. A paragraph whose words alone
    clearly read as one language is settled by :func:`fast_language` (when the document's
    language is known); the others go through :func:`detect_paragraph_language`.
    Confidences are rounded to 4 decimals.
    """
    prior = doc_language if doc_language and doc_language != UNKNOWN else None
    out = []
    for line, text in lines:
        if not text.strip():
            continue
        fast = fast_language(text, settings, prior) if prior else None
        code, confidence = fast or detect_paragraph_language(text, settings, prior=prior)
        out.append({"line": int(line), "language": code, "confidence": round(float(confidence), 4)})
    return out


def label_lines(texts: Iterable[str], settings: LanguageSettings) -> Iterator[str]:
    """Yield ``"code<TAB>confidence"`` for each text (one text a line), as ``newsclean lang`` prints.

    The trailing newline of each input line is dropped; the confidence has 4 decimals.
    """
    for text in texts:
        code, confidence = detect_paragraph_language(text.rstrip("\r\n"), settings)
        yield f"{code}\t{confidence:.4f}"
