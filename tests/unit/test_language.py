"""Tests of document and paragraph language identification (pipeline.text.language)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.evaluation import langid as langid_eval
from pipeline.text import language
from pipeline.text.language import (
    LanguageSettings,
    configured_languages,
    detect_document_language,
    detect_paragraph_language,
    detect_paragraphs,
    label_lines,
    paragraph_scores,
)

SETTINGS = LanguageSettings()

ENGLISH = ("The government announced on Tuesday that the new budget would increase spending "
           "on schools and hospitals across the country.")
GERMAN = ("Die Regierung kündigte am Dienstag an, dass der neue Haushalt die Ausgaben für Schulen "
          "und Krankenhäuser im ganzen Land erhöhen werde.")
SPANISH = ("El gobierno anunció el martes que el nuevo presupuesto aumentaría el gasto en escuelas "
           "y hospitales en todo el país.")


def write_languages(tmp_path: Path, body: str) -> LanguageSettings:
    folder = tmp_path / "language"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "languages.txt").write_text(body, encoding="utf-8")
    return dataclasses.replace(SETTINGS, config_dir=str(tmp_path))


# ----------------------------------------------------------------------------- document


def test_document_language_english_with_confidence():
    code, confidence = detect_document_language(ENGLISH, SETTINGS)
    assert code == "en"
    assert confidence > 0.9


def test_document_language_repeats_exactly():
    text = "Ciao a tutti, oggi parliamo di politica e di economia in Italia."
    first = detect_document_language(text, SETTINGS)
    assert all(detect_document_language(text, SETTINGS) == first for _ in range(5))
    assert first[0] == "it"


def test_document_language_empty_and_short_are_unknown():
    assert detect_document_language("", SETTINGS) == ("unknown", 0.0)
    assert detect_document_language("   \n  ", SETTINGS) == ("unknown", 0.0)
    assert detect_document_language("12345 !!!", SETTINGS) == ("unknown", 0.0)


def test_document_min_letters_edge():
    text = "the house is in the garden"  # 21 letters
    at_limit = dataclasses.replace(SETTINGS, document_min_letters=21)
    above_limit = dataclasses.replace(SETTINGS, document_min_letters=22)
    assert detect_document_language(text, at_limit)[0] != "unknown"
    assert detect_document_language(text, above_limit) == ("unknown", 0.0)


def test_document_threshold_turns_low_confidence_into_unknown():
    code, confidence = detect_document_language(ENGLISH, SETTINGS)
    strict = dataclasses.replace(SETTINGS, document_unknown_below_confidence=confidence + 1e-9)
    exact = dataclasses.replace(SETTINGS, document_unknown_below_confidence=confidence)
    assert detect_document_language(ENGLISH, strict) == ("unknown", 0.0)
    assert detect_document_language(ENGLISH, exact) == (code, confidence)  # langdetect repeats exactly


def test_document_chinese_code_is_iso():
    code, _ = detect_document_language("我们今天在北京讨论了经济发展和环境保护的问题。", SETTINGS)
    assert code == "zh"


# ----------------------------------------------------------------------------- paragraph


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the", "en"),
        ("und", "de"),
        ("gobierno", "es"),
        ("привет", "ru"),
        ("Україна", "uk"),
        ("ευχαριστώ", "el"),
        ("שלום", "he"),
        ("सरकार", "hi"),
        ("감사합니다", "ko"),
        ("ありがとう", "ja"),
        (GERMAN, "de"),
        (SPANISH, "es"),
    ],
)
def test_paragraph_language_short_and_long(text, expected):
    code, confidence = detect_paragraph_language(text, SETTINGS)
    assert code == expected
    assert 0.0 < confidence <= 1.0


def test_paragraph_scores_sum_to_one_over_configured_languages():
    scores = paragraph_scores("news of the day", SETTINGS)
    assert set(scores) == set(configured_languages(SETTINGS))
    assert sum(scores.values()) == pytest.approx(1.0)
    assert max(scores, key=scores.get) == "en"


def test_paragraph_without_letters_is_unknown_zero():
    assert detect_paragraph_language("", SETTINGS) == ("unknown", 0.0)
    assert detect_paragraph_language("2023 - 12:45 !!", SETTINGS) == ("unknown", 0.0)
    assert paragraph_scores("12 34", SETTINGS) == {}


def test_unknown_threshold_edge():
    code, confidence = detect_paragraph_language("alle", SETTINGS)  # de / it / nl / sv word
    assert code != "unknown"
    above = dataclasses.replace(SETTINGS, unknown_below_confidence=confidence + 1e-9)
    below = dataclasses.replace(SETTINGS, unknown_below_confidence=confidence - 1e-9)
    assert detect_paragraph_language("alle", above) == ("unknown", pytest.approx(confidence))
    assert detect_paragraph_language("alle", below) == (code, pytest.approx(confidence))


def test_prior_moves_an_ambiguous_word():
    base = paragraph_scores("alle", SETTINGS)
    with_prior = paragraph_scores("alle", SETTINGS, prior="it")
    assert with_prior["it"] > base["it"]
    # a strong enough prior decides an ambiguous word
    strong = dataclasses.replace(SETTINGS, prior_bonus=5.0)
    assert detect_paragraph_language("alle", strong, prior="it")[0] == "it"
    assert detect_paragraph_language("alle", strong, prior="nl")[0] == "nl"
    # but not a clear sentence
    assert detect_paragraph_language(GERMAN, SETTINGS, prior="en")[0] == "de"


def test_prior_outside_configured_list_is_ignored():
    with_unknown_prior = paragraph_scores("the news", SETTINGS, prior="xx")
    plain = paragraph_scores("the news", SETTINGS)
    assert with_unknown_prior == pytest.approx(plain, rel=1e-9, abs=1e-12)


def test_configured_list_restricts_answers(tmp_path):
    settings = write_languages(tmp_path, "# two only\nen\nde  # German\n")
    assert configured_languages(settings) == ("en", "de")
    code, _ = detect_paragraph_language(SPANISH, settings)
    assert code in ("en", "de")


def test_detect_paragraphs_lines_and_prior():
    lines = [(3, ENGLISH), (4, "   "), (7, GERMAN), (9, "Ok.")]
    out = detect_paragraphs(lines, "en", SETTINGS)
    assert [item["line"] for item in out] == [3, 7, 9]
    assert [item["language"] for item in out[:2]] == ["en", "de"]
    assert all(set(item) == {"line", "language", "confidence"} for item in out)
    assert all(round(item["confidence"], 4) == item["confidence"] for item in out)


def test_label_lines_prints_code_and_confidence():
    out = list(label_lines(["the house is red\n", "das Haus ist rot\n", "\n"], SETTINGS))
    assert out[0].startswith("en\t") and out[1].startswith("de\t")
    assert out[2] == "unknown\t0.0000"
    assert all(len(line.split("\t")[1]) == 6 for line in out)


# ----------------------------------------------------------------------------- config


@pytest.mark.parametrize(
    "body, message",
    [
        ("en\nxx\n", ":2: 'xx' is not an ISO 639-1 code"),
        ("en\nen\n", ":2: 'en' listed twice"),
        ("# nothing\nen\n", ":0: at least two languages"),
    ],
)
def test_bad_language_file_raises_with_line(tmp_path, body, message):
    settings = write_languages(tmp_path, body)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        configured_languages(settings)


def test_language_without_wordfreq_list_is_rejected(tmp_path):
    settings = write_languages(tmp_path, "en\nla\n")  # Latin: lingua yes, wordfreq no
    with pytest.raises(ConfigError, match=r"languages.txt:2: wordfreq has no word list for 'la'"):
        configured_languages(settings)


# ----------------------------------------------------------------------------- evaluation


def test_langid_evaluate_on_small_file(tmp_path):
    data = tmp_path / "small.tsv"
    data.write_text(
        "text\tlang\tbucket\n"
        "the\ten\tword\n"
        "Haus\tde\tword\n"
        "ничего страшного\tru\tword-pair\n"
        f"{SPANISH}\tes\tsentence\n"
        "12345\ten\tword\n",
        encoding="utf-8",
    )
    metrics = langid_eval.evaluate(data)
    assert metrics["langid.word.accuracy"] == pytest.approx(100.0 * 2 / 3, abs=0.01)  # "12345" -> unknown, wrong
    assert metrics["langid.word_pair.accuracy"] == 100.0
    assert metrics["langid.sentence.es.accuracy"] == 100.0
    assert metrics["langid.unknown_pct"] == 20.0
    assert metrics["langid.lines"] == 5.0
    assert metrics["langid.max_rss_mb"] > 0  # the pytest process holds other tests' data too: see below
    report = langid_eval.format_report(metrics)
    assert "word_pair" in report and "\n  es " in report


def test_langid_evaluate_missing_column(tmp_path):
    data = tmp_path / "bad.tsv"
    data.write_text("text\tlanguage\nthe\ten\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.tsv:1: missing column"):
        langid_eval.evaluate(data)


def test_module_has_no_luigi_import():
    source = Path(language.__file__).read_text(encoding="utf-8")
    assert "luigi" not in source.replace("luigi.cfg", "")


CHILD_PEAK_MEMORY = """
import re, sys
from pipeline.settings import settings_for, use_config_dir
from pipeline.text.language import detect_document_language, detect_paragraph_language
use_config_dir()
settings = settings_for("language")
texts = ["The council met on Tuesday.", "El consejo se reunió el martes.", "Рада зібралася у вівторок."]
print(" ".join(detect_paragraph_language(text, settings)[0] for text in texts))
print(detect_document_language(" ".join(texts * 5), settings)[0])
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)))
"""


def test_paragraph_detector_process_stays_under_1_gb():
    """A process with every detector loaded (as a Luigi worker has) peaks under 1 GB.

    The peak is read in the child from /proc/self/status (VmHWM, reset by exec): getrusage's
    maxrss would carry over the size of this test process from before the exec.
    """
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-c", CHILD_PEAK_MEMORY], capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    codes, _, peak_kib = completed.stdout.splitlines()
    assert codes == "en es uk"
    assert int(peak_kib) / 1024 < 1024
