"""Issue 6, property-based tests of the text functions (hypothesis).

Arbitrary Unicode never raises; cleaning keeps raw lines at their raw line numbers; an
artifact's ``text`` is found in the line it names; decoding returns what was encoded. Example
counts stay modest so the suite stays fast; the database is off so runs repeat.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.decode import UndecodableInput, decode_bytes
from pipeline.settings import settings_for
from pipeline.text import artifacts, boilerplate, language, signals
from tests.robustness.bad_corpus import story

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = 60
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VOCABULARY = ("the council said on Tuesday that harbour budget would rise according to officials ferry "
              "report may could reportedly El ayuntamiento dijo que el puerto Совет заявил что бюджет порта "
              "Home News Share Facebook Twitter Comments Read more Subscribe newsletter © 2026 "
              "caf\u00c3\u00a9 \u0430\u0440\u0440le \u03b1-helix HomeNewsWorld").split()

words = st.sampled_from(VOCABULARY)
sentence = st.builds(lambda ws, end: " ".join(ws) + end, st.lists(words, min_size=1, max_size=25),
                     st.sampled_from([".", "!", "?", "", ":", "…"]))
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
line = st.one_of(sentence, sentence, sentence, noise, st.just(""))
line_break = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])
document = st.builds(lambda items: "".join(text + brk for text, brk in items),
                     st.lists(st.tuples(line, line_break), max_size=30))
any_text = st.one_of(document, st.text(max_size=400))


@pytest.fixture(scope="module")
def tools():
    config = REPO / "config"
    return {
        "resources": boilerplate.load_boilerplate_resources(config),
        "boilerplate": settings_for("boilerplate"),
        "language": settings_for("language"),
        "artifacts": settings_for("artifacts"),
        "signals": settings_for("signals"),
        "lexicons": signals.load_lexicons(config),
    }


def _raw_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@PROPERTY
@given(text=any_text, from_html=st.booleans())
def test_clean_text_keeps_raw_lines_at_their_numbers(tools, text, from_html):
    cleaned = boilerplate.clean_text(text, resources=tools["resources"], settings=tools["boilerplate"],
                                     from_html=from_html)
    raw = _raw_lines(text)
    numbers = [number for number, _ in cleaned.kept] + [item.line for item in cleaned.removed]
    assert len(numbers) == len(set(numbers))  # each line decided once
    for number, kept in cleaned.kept:
        assert 1 <= number <= len(raw) and kept.strip() and kept in raw[number - 1]
    for item in cleaned.removed:
        assert 1 <= item.line <= len(raw) and item.text in raw[item.line - 1]
        assert item.reason in boilerplate.REASONS or item.reason.startswith("pattern:")


@PROPERTY
@given(text=any_text)
def test_language_detection_never_raises(tools, text):
    known = set(language.configured_languages(tools["language"])) | {"unknown"}
    code, confidence = language.detect_document_language(text, tools["language"])
    assert code in known and 0.0 <= confidence <= 1.0
    code, confidence = language.detect_paragraph_language(text, tools["language"], prior="en")
    assert code in known and 0.0 <= confidence <= 1.0
    for item in language.detect_paragraphs([(1, text)], "en", tools["language"]):  # with the fast path
        assert item["language"] in known and 0.0 <= item["confidence"] <= 1.0


@PROPERTY
@given(lines=st.lists(st.tuples(st.integers(1, 10_000), any_text), max_size=8, unique_by=lambda item: item[0]),
       doc_language=st.sampled_from(["en", "es", "ru", "unknown"]))
def test_artifacts_name_text_that_is_in_their_line(tools, lines, doc_language):
    lines = [(number, text) for number, text in lines if "\n" not in text and "\r" not in text]
    found = artifacts.find_artifacts(lines, doc_language, tools["artifacts"])
    by_number = dict(lines)
    for item in found:
        assert item.kind in artifacts.KINDS
        assert item.line in by_number and item.text and item.text in by_number[item.line], item
        assert isinstance(item.detail, str) and item.detail


@PROPERTY
@given(text=any_text, title=st.one_of(st.none(), noise, sentence),
       doc_language=st.sampled_from(["en", "es", "ru", "de", "unknown", "zz"]))
def test_signals_never_raise_and_evidence_is_in_its_sentence(tools, text, title, doc_language):
    found = signals.extract_signals(text, doc_language, title, lexicons=tools["lexicons"], settings=tools["signals"])
    assert all(value >= 0 for value in found.counts.values())
    assert {"hedges", "boosters", "attributions", "quotes", "words", "sentences"} <= set(found.counts)
    for item in found.evidence:
        assert set(item) >= {"kind", "text", "sentence"}


@PROPERTY
@given(data=st.binary(max_size=600), declared=st.one_of(st.none(), st.sampled_from(["utf-8", "cp1251", "latin-1",
                                                                                    "no-such-codec", "utf-16"])))
def test_decode_bytes_returns_text_or_a_ledger_reason(data, declared):
    try:
        text, encoding = decode_bytes(data, declared=declared)
    except UndecodableInput as error:
        assert error.reason in ("empty", "binary", "undecodable") and error.detail
    else:
        assert isinstance(text, str) and codecs.lookup(encoding)


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300).filter(str.strip)


@PROPERTY
@given(text=printable, bom=st.booleans())
def test_decode_bytes_round_trips_utf8_and_utf16(text, bom):
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    assert decode_bytes(data)[0] == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text


BOILERPLATE_LINES = ("Home News Sport Business Contact", "HomeNewsWorldSport", "November 18, 2026", "By Ana Ferreira",
                     "Share this article", "Share on Facebook", "Subscribe to our newsletter", "Read more:",
                     "Comments (3)", "© 2026 The Harbour Courier. All rights reserved.", "Tags: harbour, council")
page_top = st.lists(st.sampled_from(BOILERPLATE_LINES), max_size=4)
page_bottom = st.lists(st.sampled_from(BOILERPLATE_LINES), max_size=4)


@st.composite
def news_page(draw) -> str:
    """A page of a naive extractor: boilerplate, a headline, a real article body, boilerplate."""
    title, body = story(draw(st.integers(0, 500)))
    extra = [story(number)[1][draw(st.integers(0, 2))] for number in draw(st.lists(st.integers(501, 900), max_size=3))]
    lines = [*draw(page_top), title, "", *body, *extra, "", *draw(page_bottom)]
    return "\n".join(lines) + "\n"


def _clean_twice(tools, text: str, from_html: bool):
    options = {"resources": tools["resources"], "settings": tools["boilerplate"], "from_html": from_html}
    first = boilerplate.clean_text(text, **options)
    again = "\n".join(kept for _, kept in first.kept)
    return first, boilerplate.clean_text(again, **options)


@PROPERTY
@given(text=news_page(), from_html=st.booleans())
def test_cleaning_a_cleaned_article_removes_nothing_more(tools, text, from_html):
    """Idempotence as the issue states it, on article pages: the second pass removes no line."""
    first, second = _clean_twice(tools, text, from_html)
    assert first.kept
    assert [(item.reason, item.text) for item in second.removed] == []


known_titles = st.one_of(st.none(), noise, sentence, st.sampled_from(["the council said", "Home News"]))


@PROPERTY
@given(text=any_text, from_html=st.booleans(), known_title=known_titles)
def test_cleaning_cleaned_text_removes_nothing_more(tools, text, from_html, known_title):
    """Idempotence on any text (word salad and noise too): cleaning the cleaned text with the
    same ``known_title`` removes no line; neither does cleaning it with the headline the first
    pass found as ``known_title``."""
    options = {"resources": tools["resources"], "settings": tools["boilerplate"], "from_html": from_html}
    first = boilerplate.clean_text(text, known_title=known_title, **options)
    again = "\n".join(kept for _, kept in first.kept)
    second = boilerplate.clean_text(again, known_title=known_title, **options)
    assert [(item.reason, item.text) for item in second.removed] == []
    if first.title is not None:
        third = boilerplate.clean_text(again, known_title=first.title, **options)
        assert [(item.reason, item.text) for item in third.removed] == []


@pytest.mark.parametrize("text, from_html", [
    ("the.\nthe.\n", False),
    ("the.\nthe.\nthe.\n", False),     # the second pass used to drop a line as navigation
    ("Home News Sport Business Contact\nComments (3)\nThe harbour council backs a plan for dredging the inner basin\n\n"
     "The harbour council voted on Tuesday to spend more on dredging the inner basin, its spokesperson Mara Lindqvist "
     "told reporters.\n\"We expect the first results before replacing lead pipes starts,\" Mara Lindqvist said, adding "
     "that the budget may still change.\nAccording to a report seen by this newspaper, Piet de Vries had argued for "
     "replacing lead pipes instead of dredging the inner basin.\nThe housing trust voted on Wednesday morning to spend "
     "more on extending the night buses, its spokesperson Ines Moreau told reporters.\n\n", False),
])
def test_cleaning_found_idempotent_again(tools, text, from_html):
    """Examples hypothesis once found non-idempotent (then fixed in boilerplate.py)."""
    _, second = _clean_twice(tools, text, from_html)
    assert [(item.reason, item.text) for item in second.removed] == []
