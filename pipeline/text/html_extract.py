"""HTML to text with trafilatura, plus the page metadata the record needs.

trafilatura picks the main-text blocks; ``clean_text(..., from_html=True)`` then removes what it
leaves behind (share lines, related-link lead-ins, repeated headlines, datelines). trafilatura
runs with ``deduplicate=False`` (its dedup cache is process-global, so the same page extracted
several times in one process would come back emptier each time) and without comments.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from trafilatura.utils import decode_file, load_html

from pipeline.text.boilerplate import BoilerplateSettings
from pipeline.text.html_metadata import page_metadata
from pipeline.text.line_features import TABLE_ROW_PREFIX

log = logging.getLogger(__name__)

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ExtractedPage:
    """Text trafilatura extracted (one line per block), headline, ISO date and site name."""

    text: str
    title: str | None
    published: str | None
    site_name: str | None


_EMPTY = ExtractedPage(text="", title=None, published=None, site_name=None)


def decode_html(content: bytes | str) -> str:
    """Return ``content`` as text, decoding bytes with the page's declared or guessed charset."""
    return content if isinstance(content, str) else decode_file(content)


def _extract(tree, url: str | None, settings: BoilerplateSettings, include_tables: bool):
    """Return trafilatura's Document of the parsed page ``tree`` (comments off, no metadata),
    or None when it finds no main text."""
    return trafilatura.bare_extraction(
        tree, url=url, include_comments=False, deduplicate=False, with_metadata=False,
        favor_precision=settings.html_favor_precision, favor_recall=settings.html_favor_recall,
        include_tables=include_tables, no_fallback=settings.html_no_fallback)


def word_count(text: str) -> int:
    """Return the number of words of trafilatura's ``text`` (the "|" of table rows left out)."""
    return len(text.replace(TABLE_ROW_PREFIX, " ").split())


def is_layout_table(text: str, settings: BoilerplateSettings) -> bool:
    """Return True when at least ``html_layout_table_min_word_share`` of the words of
    trafilatura's ``text`` sit in table rows (lines starting with "|"): the page is laid out
    with a table, and trafilatura took the whole layout for a data table."""
    words = word_count(text)
    in_rows = sum(word_count(line) for line in text.split("\n") if line.startswith(TABLE_ROW_PREFIX))
    return words > 0 and in_rows >= settings.html_layout_table_min_word_share * words


def parse_html(html: str):
    """Return ``html`` parsed as trafilatura parses it (an lxml element), or None when it cannot be."""
    try:
        return load_html(html)
    except (ValueError, TypeError, RecursionError) as exc:   # malformed markup is data
        log.warning("cannot parse the page: %s", exc)
        return None


def extract_html(html: str, url: str | None, *, settings: BoilerplateSettings, tree=None) -> ExtractedPage:
    """Return the ExtractedPage of ``html``; text is ``""`` when trafilatura finds no main text.

    The page is parsed once; the metadata come from ``page_metadata`` (the three fields we
    keep, at half the cost of trafilatura's full metadata). When trafilatura's text is a
    layout table (``is_layout_table``), the page is extracted again without tables, and that
    text is taken if it keeps at least ``html_layout_table_min_kept_share`` of the words.
    ``tree`` is the page as :func:`parse_html` gave it, when the caller parsed it already."""
    try:
        tree = load_html(html) if tree is None else tree
        if tree is None:
            return _EMPTY
        meta = page_metadata(tree, url)
        doc = _extract(tree, url, settings, settings.html_include_tables)
        if (doc is not None and settings.html_include_tables
                and is_layout_table(doc.text or "", settings)):
            again = _extract(tree, url, settings, include_tables=False)
            if again is not None and word_count(again.text or "") >= (
                    settings.html_layout_table_min_kept_share * word_count(doc.text or "")):
                doc = again
    except (ValueError, TypeError, RecursionError) as exc:   # malformed markup is data
        log.warning("trafilatura failed on %s: %s", url or "<html>", exc)
        return _EMPTY
    if doc is None:
        return _EMPTY
    date = meta.date if meta.date and _ISO_DATE_RE.match(meta.date) else None
    return ExtractedPage(text=doc.text or "", title=meta.title, published=date,
                         site_name=meta.site_name)
