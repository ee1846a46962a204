"""Which source (publishing site) a document belongs to, and a safe folder name for it.

Order of precedence: the manifest, the record's own ``source`` field, the folder name
(``raw/<date>/<source>/``), the URL's registered domain, the page's site name (HTML metadata,
or a site suffix on a plain-text headline such as "Headline – Site"), and last
``unknown:<file name>``. Never empty.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

import tldextract

MAX_SOURCE_CHARS = 100
MAX_SLUG_CHARS = 60
SITE_SUFFIX_MAX_WORDS = 3
SITE_SUFFIX_MAX_CHARS = 40
SITE_SUFFIX_SEARCH_LINES = 5
_SITE_SUFFIX = re.compile(r"\s[–—|-]\s+([^–—|]+?)\s*$")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9._-]+")


@functools.lru_cache(maxsize=1)
def _domain_extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() uses the bundled public suffix list: no download at run time.
    return tldextract.TLDExtract(suffix_list_urls=())


def registered_domain(url: str | None) -> str | None:
    """Return the registered domain of ``url`` ("bbc.co.uk"), or None."""
    if not url:
        return None
    parts = _domain_extractor()(url)
    domain = getattr(parts, "top_domain_under_public_suffix", None) or parts.registered_domain
    return domain.lower() or None


def clean_source_name(value: str | None) -> str | None:
    """Return a displayable source name: control characters dropped, spaces folded, bounded."""
    if not value:
        return None
    kept = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    kept = " ".join(kept.split())[:MAX_SOURCE_CHARS].strip()
    return kept or None


def site_from_title_line(text: str) -> str | None:
    """Return a site name that suffixes the headline ("Headline – UNIAN"), if any."""
    lines = [line.strip() for line in text.splitlines()[:SITE_SUFFIX_SEARCH_LINES * 3] if line.strip()]
    for line in lines[:SITE_SUFFIX_SEARCH_LINES]:
        match = _SITE_SUFFIX.search(line)
        if not match:
            continue
        name = match.group(1).strip()
        words = name.split()
        if 0 < len(words) <= SITE_SUFFIX_MAX_WORDS and len(name) <= SITE_SUFFIX_MAX_CHARS and name[0].isupper():
            if len(line) - len(match.group(0)) >= 2 * len(name):
                return name
    return None


def infer_source(
    *,
    manifest_source: str | None,
    record_source: str | None,
    folder: str | None,
    url: str | None,
    site_name: str | None,
    fallback_name: str,
) -> str:
    """Return the source name by the documented order of precedence."""
    for candidate in (manifest_source, record_source, folder, registered_domain(url), site_name):
        name = clean_source_name(candidate)
        if name:
            return name
    return clean_source_name(f"unknown:{fallback_name}") or "unknown"


def source_slug(source: str) -> str:
    """Return a file-system-safe, stable folder name for ``source`` (never '.', '..' or empty).

    The slug is the lower-cased name with unsafe characters replaced; a short hash of the
    full name is appended whenever the slug had to change it, so two names never collide.
    """
    ascii_name = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode("ascii").lower()
    slug = _SLUG_UNSAFE.sub("-", ascii_name).strip("-.")[:MAX_SLUG_CHARS]
    if slug != source or not slug:
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"source-{digest}"
    return slug
