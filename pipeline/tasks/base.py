"""What every newsclean task shares: parameters, run-folder paths, atomic writes, progress.

A run folder is ``OUT/<date>_<config hash>/``; every task of a run gets its absolute path as
the ``run_dir`` parameter, so runs with other settings are other tasks with other outputs.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import glob
import gzip
import io
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import luigi

from pipeline.record import Rejection

log = logging.getLogger("pipeline.tasks")

PROGRESS_EVERY_DOCS = 200


class RunTask(luigi.Task):
    """A task of one day's run: ``date``, the raw root and the run folder."""

    date = luigi.DateParameter(description="The day whose input is processed")
    raw = luigi.Parameter(description="Absolute path of the raw root folder")
    run_dir = luigi.Parameter(description="Absolute path of this run's output folder")

    def run_path(self, *parts: str) -> Path:
        """Return a path inside the run folder."""
        return Path(self.run_dir, *parts)

    def target(self, *parts: str) -> luigi.LocalTarget:
        """Return a LocalTarget inside the run folder."""
        return luigi.LocalTarget(str(self.run_path(*parts)))

    def report_progress(self, done: int, total: int, what: str) -> None:
        """Show progress in luigid's visualiser (message and percentage)."""
        percent = int(100 * done / total) if total else 100
        self.set_status_message(f"{what}: {done}/{total}")
        self.set_progress_percentage(percent)

    def run_params(self) -> dict:
        """Return the parameters that every task of the run shares."""
        return {"date": self.date, "raw": self.raw, "run_dir": self.run_dir}


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half a file).

    Temporaries of ``path`` left by a killed process are removed once ``path`` is written; on
    a write error (a full disk) the temporary is removed and the error raised.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()  # a full disk keeps no half-written temporary
        raise
    remove_stale_temporaries(path)


def write_side_files(files: Iterable[tuple[Path, bytes]]) -> int:
    """Write many small side files (a shard's cleaned texts) atomically; return how many.

    Each file goes through a temporary and a rename, so none is ever seen half-written, but
    without a flush per file (an ``fsync`` costs milliseconds, more than cleaning a document):
    once all are written, the folders are swept of temporaries a killed process left and their
    filesystem is flushed once (``syncfs``), before the caller writes the output that says done.
    """
    folders: set[Path] = set()
    count = 0
    for path, data in files:
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            with open(temporary, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        count += 1
    for folder in sorted(folders):
        remove_stale_temporaries_in(folder)
    by_device = {os.stat(folder).st_dev: folder for folder in sorted(folders)}
    for folder in by_device.values():
        flush_filesystem(folder)
    return count


def flush_filesystem(folder: Path) -> None:
    """Flush the written data of the filesystem that holds ``folder`` (``syncfs``; else ``sync``)."""
    syncfs = getattr(_libc(), "syncfs", None)
    if syncfs is None:
        os.sync()
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"syncfs failed: {os.strerror(error)}", str(folder))
    finally:
        os.close(descriptor)


@functools.lru_cache(maxsize=1)
def _libc():
    return ctypes.CDLL(None, use_errno=True)


def remove_stale_temporaries_in(folder: Path) -> None:
    """Remove every temporary in ``folder`` that a killed process left (one listing of the folder)."""
    for stale in folder.glob(".*.tmp-*"):
        _remove_if_orphaned(stale)


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries of ``path`` that a killed process left (``.<name>.tmp-<pid>``)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.tmp-*"):
        _remove_if_orphaned(stale)


def _remove_if_orphaned(stale: Path) -> None:
    pid = stale.name.rsplit("-", 1)[-1]
    if pid.isdigit() and not _process_alive(int(pid)):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_jsonl(path: Path, lines: Iterable[str]) -> int:
    """Write JSON lines atomically (gzip when the name ends in .gz); return how many."""
    buffer = io.StringIO()
    count = 0
    for line in lines:
        buffer.write(line)
        buffer.write("\n")
        count += 1
    data = buffer.getvalue().encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=5, mtime=0)
    write_atomically(path, data)
    return count


def read_jsonl(path: Path) -> Iterator[dict]:
    """Yield the objects of a JSON-lines file we wrote (gzip when the name ends in .gz)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)


def dumps(value: object) -> str:
    """Return compact, deterministic JSON (key order as given, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rejection_lines(items: Iterable[Rejection]) -> list[str]:
    """Return ledger lines sorted by path then reason."""
    return [item.to_json() for item in sorted(items, key=lambda r: (r.raw_path, r.reason, r.detail))]
