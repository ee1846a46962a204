"""The optional ``manifest.csv`` in the raw root: per-file metadata that overrides inference.

Columns ``path,url,source,published,title``; only ``path`` is required. Rows that cannot be
used (no path, a path outside the raw folder, a bad date) become ledger entries, the run goes on.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import posixpath
from pathlib import Path

from pipeline.io.dates import normalise_date
from pipeline.io.decode import UndecodableInput, decode_bytes
from pipeline.record import Rejection

MANIFEST_COLUMNS = ("path", "url", "source", "published", "title")
MANIFEST_MAX_BYTES = 50_000_000


@dataclasses.dataclass(frozen=True)
class ManifestEntry:
    """Metadata the manifest gives one raw file (empty fields are None)."""

    url: str | None = None
    source: str | None = None
    published: str | None = None
    title: str | None = None


def _clean_relpath(value: str) -> str | None:
    """Return the manifest path as a normalised relative POSIX path, or None if it escapes."""
    value = value.strip().replace("\\", "/")
    if not value or value.startswith("/") or "\x00" in value or (len(value) > 1 and value[1] == ":"):
        return None
    normal = posixpath.normpath(value)
    if normal == ".." or normal.startswith("../") or normal == ".":
        return None
    return normal


def read_manifest(raw: Path) -> tuple[dict[str, ManifestEntry], list[Rejection]]:
    """Return ``{relpath: entry}`` from ``raw/manifest.csv`` and the rows it could not use."""
    path = raw / "manifest.csv"
    if not path.is_file():
        return {}, []
    ledger_path = "manifest.csv"
    if not path.resolve().is_relative_to(raw.resolve()):  # a link to /etc/shadow would put its lines in the ledger
        return {}, [Rejection(ledger_path, "manifest_outside_raw", "the manifest resolves outside the raw folder; ignored")]
    if path.stat().st_size > MANIFEST_MAX_BYTES:
        return {}, [Rejection(ledger_path, "manifest_too_large", f"over {MANIFEST_MAX_BYTES} bytes; ignored")]
    try:
        text, _ = decode_bytes(path.read_bytes())
    except UndecodableInput as error:
        return {}, [Rejection(ledger_path, f"manifest_{error.reason}", error.detail)]
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if "path" not in header:
        return {}, [Rejection(ledger_path, "manifest_missing_columns", f"no 'path' column (found: {', '.join(header) or 'none'}); ignored")]
    reader.fieldnames = header
    entries: dict[str, ManifestEntry] = {}
    refused: list[Rejection] = []
    for row_number, row in enumerate(reader, start=2):
        where = f"manifest.csv:{row_number}"
        relpath = _clean_relpath(row.get("path") or "")
        if relpath is None:
            refused.append(Rejection(where, "manifest_bad_path", f"path {row.get('path')!r} is empty or points outside the raw folder"))
            continue
        published_raw = (row.get("published") or "").strip()
        published = normalise_date(published_raw) if published_raw else None
        if published_raw and published is None:
            refused.append(Rejection(where, "manifest_bad_date", f"published {published_raw!r} is not a date; field ignored"))
        values = {key: ((row.get(key) or "").strip() or None) for key in ("url", "source", "title")}
        entries[relpath] = ManifestEntry(published=published, **values)
    return entries, refused
