"""Where a day's raw input is, which files it holds, and how they split into parts.

Layouts: ``raw/<YYYY-MM-DD>/<source>/...`` for scheduled runs, or a flat folder (any
depth) used whatever the date. The immediate sub-folder of the day's root names the source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import stat
import zlib
from pathlib import Path

from pipeline.record import Rejection

DATE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MANIFEST_NAME = "manifest.csv"
SKIPPED_NAMES = frozenset({MANIFEST_NAME, "README", "README.md", "README.txt", ".gitkeep"})
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")


@dataclasses.dataclass(frozen=True)
class InputFile:
    """A raw file of the day: its path relative to the raw root and its size in bytes."""

    relpath: str
    size_bytes: int


def input_format(name: str) -> str | None:
    """Return the input format of a file name (``txt``, ``html``, ``jsonl``, ``warc``) or None."""
    lowered = name.lower()
    for suffix in INPUT_SUFFIXES:
        if lowered.endswith(suffix):
            return {".htm": "html", ".jsonl.gz": "jsonl", ".warc.gz": "warc"}.get(suffix, suffix.lstrip("."))
    return None


def day_root(raw: Path, date: dt.date) -> Path | None:
    """Return the folder holding ``date``'s input, or None when the day has none.

    ``raw/<date>/`` when it exists; otherwise the whole raw folder when it is flat (no
    date-named sub-folders); otherwise None.
    """
    dated = raw / date.isoformat()
    if dated.is_dir():
        return dated
    if any(DATE_FOLDER.match(entry.name) and entry.is_dir() for entry in raw.iterdir()):
        return None
    return raw


def folder_source(relpath_in_day: str) -> str | None:
    """Return the source named by the file's first folder under the day root, if any."""
    parts = relpath_in_day.split("/")
    return parts[0] if len(parts) > 1 else None


def list_inputs(raw: Path, day: Path | None) -> tuple[list[InputFile], list[Rejection]]:
    """Return the day's readable input files (sorted) and the files refused at listing.

    Refused: links or paths that resolve outside the raw folder, names that are not UTF-8,
    anything that is not a regular file (a FIFO would block the reader), unsupported formats.
    Hidden files, README files and the manifest are not inputs.
    """
    if day is None:
        return [], []
    raw_resolved = raw.resolve()
    files: list[InputFile] = []
    refused: list[Rejection] = []
    for folder, dirnames, filenames in os.walk(day, followlinks=False):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        folder_path = Path(folder)
        for dirname in list(dirnames):
            if (folder_path / dirname).is_symlink():
                dirnames.remove(dirname)
                relpath = printable_name((folder_path / dirname).relative_to(raw).as_posix())
                refused.append(Rejection(relpath, "symlink_folder", "linked folders are not followed"))
        for name in sorted(filenames):
            if name.startswith(".") or name in SKIPPED_NAMES:
                continue
            path = folder_path / name
            relpath = path.relative_to(raw).as_posix()
            if not is_utf8_name(relpath):
                refused.append(Rejection(printable_name(relpath), "unreadable", "the file name is not valid UTF-8"))
                continue
            try:
                resolved = path.resolve(strict=True)
            except (OSError, RuntimeError) as error:
                refused.append(Rejection(relpath, "unreadable", f"cannot resolve: {error}"))
                continue
            if not resolved.is_relative_to(raw_resolved):
                refused.append(Rejection(relpath, "outside_raw", "the path resolves outside the raw folder"))
                continue
            if input_format(name) is None:
                refused.append(Rejection(relpath, "unsupported_format", f"unknown file type: {name}"))
                continue
            try:
                status = resolved.stat()
            except OSError as error:
                refused.append(Rejection(relpath, "unreadable", str(error)))
                continue
            if not stat.S_ISREG(status.st_mode):
                refused.append(Rejection(relpath, "unreadable", "not a regular file (FIFO, socket or device)"))
                continue
            files.append(InputFile(relpath, status.st_size))
    files.sort(key=lambda item: item.relpath)
    refused.sort(key=lambda item: item.raw_path)
    return files, refused


def is_utf8_name(relpath: str) -> bool:
    """Return whether a path from the file system is valid UTF-8 (no surrogate escapes)."""
    try:
        relpath.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_name(relpath: str) -> str:
    """Return a path that may hold undecodable bytes with each such byte shown as U+FFFD."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def task_size(total: int, largest: int, smallest: int, tasks_per_stage: int) -> int:
    """Return how much of ``total`` one task of a stage takes: ``total / tasks_per_stage``, kept
    between ``smallest`` and ``largest``.

    Two workers on a day of ten sources are idle for half a task at the end of each stage when
    the stage has ten tasks, and for a fortieth as long when it has forty; a large day stays at
    ``largest``, which bounds a task's memory and the task count.
    """
    return max(1, min(largest, max(smallest, -(-total // max(1, tasks_per_stage)))))


def part_count(files: list[InputFile], limits) -> int:
    """Return how many extraction parts the files need (at least one), by ``limits``'
    ``part_size_bytes``, ``min_part_size_bytes`` and ``tasks_per_stage``."""
    total = sum(item.size_bytes for item in files)
    size = task_size(total, limits.part_size_bytes, limits.min_part_size_bytes, limits.tasks_per_stage)
    return max(1, -(-total // size))


def shard_count(n_docs: int, day_docs: int, limits) -> int:
    """Return how many shards a source of ``n_docs`` needs on a day of ``day_docs`` documents, by
    ``limits``' ``shard_size_docs``, ``min_shard_docs`` and ``tasks_per_stage``."""
    size = task_size(day_docs, limits.shard_size_docs, limits.min_shard_docs, limits.tasks_per_stage)
    return max(1, -(-n_docs // size))


def part_of(relpath: str, n_parts: int) -> int:
    """Return the extraction part of a raw file (stable across processes and machines).

    A cryptographic hash, not crc32: CRC is linear, so names that differ in one character
    ("story-0.txt" … "story-7.txt") share their low bits and all fell into one part of four.
    """
    digest = hashlib.sha256(relpath.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n_parts


def shard_of(doc_id: str, n_shards: int) -> int:
    """Return the (source) shard a document belongs to."""
    return zlib.crc32(doc_id.encode("ascii")) % n_shards
