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
from trafilatura.utils import decode_file

from pipeline.text.boilerplate import BoilerplateSettings

log = logging.getLogger(__name__)

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ExtractedPage:
    """Text trafilatura extracted (one line per block), headline, ISO date and site name."""

    text: str
    title: str | None
    published: str | None
    site_name: str | None


def decode_html(content: bytes | str) -> str:
    """Return ``content`` as text, decoding bytes with the page's declared or guessed charset."""
    return content if isinstance(content, str) else decode_file(content)


def extract_html(html: str, url: str | None, *, settings: BoilerplateSettings) -> ExtractedPage:
    """Return the ExtractedPage of ``html``; text is ``""`` when trafilatura finds no main text."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, deduplicate=False, with_metadata=True,
            favor_precision=settings.html_favor_precision,
            favor_recall=settings.html_favor_recall,
            include_tables=settings.html_include_tables,
            no_fallback=settings.html_no_fallback)
    except (ValueError, TypeError, RecursionError) as exc:   # malformed markup is data
        log.warning("trafilatura failed on %s: %s", url or "<html>", exc)
        doc = None
    if doc is None:
        return ExtractedPage(text="", title=None, published=None, site_name=None)
    date = doc.date if doc.date and _ISO_DATE_RE.match(doc.date) else None
    return ExtractedPage(text=doc.text or "", title=doc.title or None, published=date,
                         site_name=doc.sitename or None)
