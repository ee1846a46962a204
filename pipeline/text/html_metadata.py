"""The page metadata the record needs (headline, date, site name), read from a parsed page.

``trafilatura.bare_extraction(..., with_metadata=True)`` also looks for the author (a deep copy
of the page and a dozen XPath searches), categories, tags and licence, and that doubles the
cost of an extraction. This module runs only the steps of trafilatura's ``extract_metadata``
that give the three fields we keep, in its order and with its own functions (same results):
``<meta>`` tags, then JSON-LD, the ``<title>``/``<h1>`` fallback for the headline, the
canonical URL, htmldate for the date (with trafilatura's default settings file, as
``bare_extraction`` runs it), and the site name from the metadata, the title or the URL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import DEFAULT_CONFIG, set_date_params

log = logging.getLogger(__name__)

# htmldate's extensive search, as trafilatura's own settings file sets it
EXTENSIVE_DATE_SEARCH = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


@dataclass(frozen=True)
class PageMetadata:
    """Headline, date (as htmldate gives it, ``YYYY-MM-DD``) and site name, or None each."""

    title: str | None
    date: str | None
    site_name: str | None


def page_metadata(tree: HtmlElement, url: str | None) -> PageMetadata:
    """Return the PageMetadata of the parsed page ``tree`` (left unchanged); ``url`` is the
    page's address when known."""
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:   # noqa: BLE001 -- trafilatura's JSON-LD reader has bugs of its own
        log.warning("JSON metadata of %s unreadable: %s", url or "<html>", exc)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    date_params = set_date_params(EXTENSIVE_DATE_SEARCH)
    date_params["url"] = meta.url
    meta.date = find_date(tree, **date_params)
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        match = META_URL.match(meta.url)
        if match:
            meta.sitename = match[1]
    meta.clean_and_trim()
    return PageMetadata(title=meta.title or None, date=meta.date or None,
                        site_name=meta.sitename or None)
