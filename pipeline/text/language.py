"""Language of a document and of each of its paragraphs.

Method. The *document* language comes from langdetect (seeded, ``DetectorFactory.seed = 0``,
so a text always gets the same answer) with its probability as the confidence; a text with
too few letters, or a probability below ``document_unknown_below_confidence``, is
``("unknown", 0.0)``.

A *paragraph* (or any short text) is scored by three detectors restricted to the configured
language list (``config/language/languages.txt``), added up in log space:

    score(l) = log(lingua confidence(l) + lingua_floor)
             + wordfreq_weight * sum over words w of log(max(frequency(w, l), wordfreq_floor))
             + py3langid_weight * (py3langid log-likelihood(l) - best log-likelihood)
             + prior_bonus, when l is the document's language

lingua (character n-grams up to five, high-accuracy mode) is the best single detector on
short text; the wordfreq term is a unigram language model over real word frequencies (it
settles words that are spelt the same in several languages, where n-grams cannot tell); the
py3langid term (byte n-grams, naive Bayes) adds the evidence of long texts, where it is the
strongest of the three. The confidence is the softmax of the scores; below
``unknown_below_confidence`` the answer is ``"unknown"``. The weights were chosen once on
``../shared/data/langid/dev.tsv`` as round values from a small grid, on the plateau where all
three length buckets pass their floors (docs/language.md lists the grid).

Detectors are built lazily, once per process (``functools.lru_cache``), and lingua loads a
language's models the first time a text could be in it: its high-accuracy models for all 26
languages take about 630 MB, its low-accuracy mode (``lingua_low_accuracy = true``) about
54 MB at a cost in accuracy on short text.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.errors import ConfigError
from pipeline.text.lang_config import config_root, read_entries, wordfreq_buckets

logger = logging.getLogger(__name__)

UNKNOWN = "unknown"

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
    paragraph_min_letters: int = 1  # fewer letters in a paragraph -> ("unknown", 0.0)
    unknown_below_confidence: float = 0.2  # paragraph: softmax confidence below -> "unknown"
    lingua_low_accuracy: bool = False  # True: ~54 MB instead of ~630 MB, weaker on short text
    lingua_preload: bool = False  # True: load all models at build (626 MB; shared by forked workers)
    lingua_floor: float = 1e-4  # added to lingua's confidence before the log
    lingua_max_chars: int = 300  # lingua reads at most this much of a text (its cost grows with length)
    wordfreq_weight: float = 1.0  # weight of the word-frequency log-likelihood
    wordfreq_floor: float = 1e-7  # frequency given to a word missing from a language's list
    wordfreq_max_words: int = 40  # words of a paragraph scored by wordfreq (the first ones)
    py3langid_weight: float = 0.2  # weight of py3langid's log-likelihood
    prior_bonus: float = 1.0  # log-score added to the document's language (paragraphs only)


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
    return _load_languages_cached(_languages_path(settings.config_dir, settings.languages_file, config_root()))


@functools.lru_cache(maxsize=16)
def _languages_path(config_dir: str, languages_file: str, default_root: Path) -> str:
    return str(config_root(config_dir) / languages_file)


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
    return identifier


@functools.lru_cache(maxsize=64)
def _log_frequencies(language: str, floor: float) -> dict[str, float]:
    """Return ``{word: ln(max(frequency, floor))}`` from wordfreq's small list for ``language``.

    Read straight from the packed file (bucket i holds the words of frequency 10^(-i/100)),
    so wordfreq's own caches do not keep a second copy; one float object per bucket.
    """
    table: dict[str, float] = {}
    for zipf, bucket in wordfreq_buckets(language, "small"):
        value = max((zipf - 9.0) * math.log(10.0), math.log(floor))
        for word in bucket:
            table.setdefault(word, value)
    return table


def word_scores(text: str, settings: LanguageSettings) -> dict[str, float]:
    """Return ``{code: sum of ln word frequency}`` over the first ``wordfreq_max_words`` words.

    Words missing from a language's list count ``ln(wordfreq_floor)``; an empty dict when
    the text has no word.
    """
    words = [word.casefold() for word in WORD_PATTERN.findall(text)[: settings.wordfreq_max_words]]
    if not words:
        return {}
    floors = [math.log(settings.wordfreq_floor)] * len(words)
    return {code: sum(map(_log_frequencies(code, settings.wordfreq_floor).get, words, floors))
            for code in configured_languages(settings)}


@functools.lru_cache(maxsize=1)
def _langdetect_factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def _head(text: str, max_chars: int) -> str:
    """Return ``text`` cut to at most ``max_chars`` characters, at a space when there is one."""
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars + 1)
    return text[: cut if cut > 0 else max_chars]


def _letters(text: str) -> int:
    return len(LETTER_PATTERN.findall(text))


# --------------------------------------------------------------------------- document


def detect_document_language(text: str, settings: LanguageSettings) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, probability)`` of the whole text by seeded langdetect.

    Returns ``("unknown", 0.0)`` when the text has fewer than ``document_min_letters``
    letters, langdetect finds no feature, or its best probability is below
    ``document_unknown_below_confidence``.
    """
    from langdetect.lang_detect_exception import LangDetectException

    if _letters(text) < settings.document_min_letters:
        return UNKNOWN, 0.0
    detector = _langdetect_factory().create()
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return UNKNOWN, 0.0
    merged: dict[str, float] = {}
    for item in ranked:
        code = LANGDETECT_CODE_MAP.get(str(item.lang), str(item.lang))
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
    if _letters(text) < max(1, settings.paragraph_min_letters):
        return {}
    languages = configured_languages(settings)
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
        ranked = dict(_py3langid_identifier(languages).rank(text))
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


def detect_paragraph_language(text: str, settings: LanguageSettings, prior: str | None = None) -> tuple[str, float]:
    """Return ``(code, confidence)`` of a short text among the configured languages.

    ``prior`` (the document's language) adds ``prior_bonus`` to that language's score.
    Returns ``("unknown", 0.0)`` for a text without enough letters, and ``("unknown",
    confidence)`` when the best language's confidence is below ``unknown_below_confidence``.
    Ties go to the language listed first in the configuration.
    """
    probabilities = paragraph_scores(text, settings, prior)
    if not probabilities:
        return UNKNOWN, 0.0
    languages = configured_languages(settings)
    code = max(languages, key=lambda c: probabilities[c])
    confidence = probabilities[code]
    if confidence < settings.unknown_below_confidence:
        return UNKNOWN, confidence
    return code, confidence


def detect_paragraphs(lines: Sequence[tuple[int, str]], doc_language: str, settings: LanguageSettings) -> list[dict]:
    """Return ``[{"line", "language", "confidence"}]``, one per non-blank line, in input order.

    The document's language is the prior of every paragraph; confidences are rounded to 4
    decimals.
    """
    prior = doc_language if doc_language and doc_language != UNKNOWN else None
    out = []
    for line, text in lines:
        if not text.strip():
            continue
        code, confidence = detect_paragraph_language(text, settings, prior=prior)
        out.append({"line": int(line), "language": code, "confidence": round(float(confidence), 4)})
    return out


def label_lines(texts: Iterable[str], settings: LanguageSettings) -> Iterator[str]:
    """Yield ``"code<TAB>confidence"`` for each text (one text a line), as ``newsclean lang`` prints.

    The trailing newline of each input line is dropped; the confidence has 4 decimals.
    """
    for text in texts:
        code, confidence = detect_paragraph_language(text.rstrip("\r\n"), settings)
        yield f"{code}\t{confidence:.4f}"
