"""Issue 6, limits: largest file, longest line, longest document, deepest HTML, extraction time.

Each named setting of ``PipelineSettings`` is probed just below, at and above its value.
"""

from __future__ import annotations

import dataclasses
import time

import pytest

from pipeline.errors import ConfigError
from pipeline.io.html_depth import LIBXML2_MAX_DEPTH, depth_over_limit, html_nesting_depth, tree_reaches_depth
from pipeline.text.html_extract import parse_html
from pipeline.io.readers import RawDocument, read_documents
from pipeline.process import _bounded_text, extract_document
from pipeline.record import Rejection
from pipeline.settings import PipelineSettings, settings_for
from tests.robustness.bad_corpus import html_page, story

LIMITS = PipelineSettings()
DEPTH_SCAN_SECONDS = 2.0  # a 2-million-character page of open tags is scanned well within this


def _extract(html: str, limits: PipelineSettings = LIMITS):
    return extract_document(RawDocument("page.html", "html", html=html), day_relpath="page.html", manifest=None,
                            limits=limits, boilerplate_settings=settings_for("boilerplate"))


def _nested(levels: int) -> str:
    """A page whose article sits ``levels`` elements deep (html and body included)."""
    title, lines = story(42)
    paragraphs = "".join(f"<p>{line}</p>" for line in lines * 3)
    inner = levels - 3  # html, body and article
    return (f"<html><head><title>{title}</title></head><body>" + "<div>" * inner + f"<article>{paragraphs}</article>"
            + "</div>" * inner + "</body></html>")


@pytest.mark.parametrize("levels", [LIMITS.max_html_depth - 1, LIMITS.max_html_depth])
def test_pages_up_to_the_depth_limit_are_extracted(levels):
    assert html_nesting_depth(_nested(levels)) == levels + 1  # the <p> inside the article
    doc = _extract(_nested(levels - 1))
    assert not isinstance(doc, Rejection), doc
    assert story(42)[1][0] in doc["body"]


def test_a_page_over_the_depth_limit_is_rejected_with_the_reason():
    doc = _extract(_nested(LIMITS.max_html_depth))  # its paragraphs are one level over
    assert isinstance(doc, Rejection) and doc.reason == "too_deep"
    assert str(LIMITS.max_html_depth) in doc.detail


def test_depth_scan_follows_html_rules():
    assert html_nesting_depth("") == 0
    assert html_nesting_depth("<p>one<p>two<p>three") == 1  # a <p> closes the open <p>
    assert html_nesting_depth("<ul><li>a<li>b</ul><br><img src=x><hr/>") == 2
    assert html_nesting_depth("<div><!-- <div><div><div> --><script>'<div><div>'</script></div>") == 1
    assert html_nesting_depth("<div></span></div><div>") == 1  # a stray end tag is ignored
    assert html_nesting_depth("<div>" * 1000, stop_above=10) == 11


@pytest.mark.parametrize("levels", [LIBXML2_MAX_DEPTH - 1, LIBXML2_MAX_DEPTH, LIBXML2_MAX_DEPTH + 1, 100_000])
def test_libxml2_screen_agrees_with_the_scan_at_its_limit(levels):
    page = "<html><body>" + "<div>" * (levels - 2) + "text" + "</div>" * (levels - 2) + "</body></html>"
    expected = html_nesting_depth(page, stop_above=LIBXML2_MAX_DEPTH)
    assert depth_over_limit(page, LIBXML2_MAX_DEPTH) == (expected if expected > LIBXML2_MAX_DEPTH else None)
    assert (depth_over_limit(page, LIBXML2_MAX_DEPTH) is None) == (levels <= LIBXML2_MAX_DEPTH)
    tree = parse_html(page)  # the tree trafilatura extracts from gives the same answer without a second parse
    assert depth_over_limit(page, LIBXML2_MAX_DEPTH, tree=tree) == depth_over_limit(page, LIBXML2_MAX_DEPTH)


@pytest.mark.parametrize("levels, reached", [(3, True), (4, True), (5, False)])
def test_tree_depth_counts_the_root_as_level_one(levels, reached):
    tree = parse_html("<html><body><div><p>deep enough text for a page</p></div></body></html>")
    assert tree_reaches_depth(tree, levels) is reached


def test_a_limit_below_libxml2s_is_measured_by_the_scan():
    page = "<html><body>" + "<div>" * 20 + "text" + "</div>" * 20 + "</body></html>"
    assert depth_over_limit(page, 21) == 22
    assert depth_over_limit(page, 22) is None
    assert depth_over_limit("", LIBXML2_MAX_DEPTH) is None
    assert depth_over_limit("<?xml version='1.0' encoding='latin-1'?><p>x</p>", LIBXML2_MAX_DEPTH) is None


@pytest.mark.parametrize("markup", ["<div>" * 500_000, "<a" * 1_000_000, "<!--" * 500_000, "<div " * 400_000])
def test_depth_scan_is_linear_on_hostile_markup(markup):
    started = time.monotonic()
    html_nesting_depth(markup, stop_above=LIMITS.max_html_depth)
    depth_over_limit(markup, LIMITS.max_html_depth)
    assert time.monotonic() - started < DEPTH_SCAN_SECONDS


def test_line_and_document_limits_cut_with_a_note():
    limits = dataclasses.replace(LIMITS, max_line_chars=10, max_document_chars=25)
    assert _bounded_text("a" * 10 + "\n" + "b" * 10, limits) == ("a" * 10 + "\n" + "b" * 10, None)
    text, note = _bounded_text("a" * 11 + "\nb", limits)
    assert text == "a" * 10 + "\nb" and note == "lines cut to 10 characters"
    text, note = _bounded_text("a" * 10 + "\n" + "b" * 20, limits)
    assert text == "a" * 10 + "\n" + "b" * 10 and note.startswith("truncated to 25 characters; lines cut")


def test_file_size_limit(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("\n".join(story(7)[1]), encoding="utf-8")
    size = path.stat().st_size
    [at_limit] = read_documents(path, "story.txt", max_file_bytes=size)
    assert isinstance(at_limit, RawDocument)
    [over] = read_documents(path, "story.txt", max_file_bytes=size - 1)
    assert isinstance(over, Rejection) and over.reason == "too_large" and str(size) in over.detail


def test_extraction_time_limit():
    page = html_page(*story(9))
    assert not isinstance(_extract(page), Rejection)
    slow = dataclasses.replace(LIMITS, extraction_timeout_seconds=1e-6)
    big = html_page(story(9)[0], [line for n in range(300) for line in story(n)[1]])
    doc = _extract(big, slow)
    assert isinstance(doc, Rejection) and doc.reason == "extraction_timeout", doc


@pytest.mark.parametrize("field, value", [("shard_size_docs", 0), ("max_line_chars", -1), ("max_html_depth", 0),
                                          ("extraction_timeout_seconds", -0.5)])
def test_settings_below_their_floor_are_configuration_errors(field, value):
    with pytest.raises(ConfigError, match=rf"\[newsclean\] {field}: must be at least"):
        PipelineSettings(**{field: value})
    assert PipelineSettings(extraction_timeout_seconds=0).extraction_timeout_seconds == 0  # 0 = no time limit


def test_a_fifo_is_not_read(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    [item] = read_documents(tmp_path / "pipe.txt", "pipe.txt", max_file_bytes=LIMITS.max_file_bytes)
    assert isinstance(item, Rejection) and item.reason == "unreadable"


def test_missing_file_is_unreadable(tmp_path):
    for name in ("gone.txt", "gone.jsonl", "gone.warc.gz"):
        [item] = read_documents(tmp_path / name, name, max_file_bytes=LIMITS.max_file_bytes)
        assert isinstance(item, Rejection) and item.reason == "unreadable", item


def test_similar_file_names_spread_over_the_parts():
    """Names that differ in one digit must not share a part (crc32's low bits did)."""
    from pipeline.io.layout import part_of

    assert {part_of(f"site/story-{number}.txt", 4) for number in range(8)} == {0, 1, 2, 3}
    assert part_of("site/story-1.txt", 4) == part_of("site/story-1.txt", 4)
