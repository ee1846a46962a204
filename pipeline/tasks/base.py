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
from pipeline.text.memory import release_free_memory

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

    def on_success(self):
        """Give the heap a task freed back to the system (one process runs many tasks with one worker).

        Without it the resident size stays at the high-water mark of the largest pages parsed
        and shards held, and the next task's models come on top of it.
        """
        release_free_memory()
        return super().on_success()


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[io.BufferedWriter]:
    """Yield a binary stream whose bytes appear at ``path`` only once the block ends without error.

    The stream is a temporary file beside ``path`` (``.<name>.tmp-<pid>``), flushed to disk and
    renamed over ``path`` at the end, so ``path`` is never seen half-written. Temporaries of
    ``path`` that a killed process left are removed afterwards; on any error (a full disk) the
    temporary is removed and the error raised.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()  # a full disk keeps no half-written temporary
        raise
    remove_stale_temporaries(path)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half a file)."""
    with atomic_output(path) as stream:
        stream.write(data)


class SideFiles:
    """Many small side files (a shard's cleaned texts), each written atomically, flushed once.

    Each file goes through a temporary and a rename, so none is ever seen half-written, but
    without a flush per file (an ``fsync`` costs milliseconds, more than cleaning a document).
    :meth:`finish` sweeps the folders of temporaries a killed process left and flushes their
    filesystem once (``syncfs``); call it before writing the output that says done.
    """

    def __init__(self) -> None:
        self.folders: set[Path] = set()
        self.count = 0

    def write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` (temporary, then rename)."""
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            with open(temporary, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        self.count += 1

    def finish(self) -> int:
        """Sweep stale temporaries, flush the written files to disk; return how many were written."""
        for folder in sorted(self.folders):
            remove_stale_temporaries_in(folder)
        by_device = {os.stat(folder).st_dev: folder for folder in sorted(self.folders)}
        for folder in by_device.values():
            flush_filesystem(folder)
        return self.count


def write_side_files(files: Iterable[tuple[Path, bytes]]) -> int:
    """Write many small side files atomically and flush them once (:class:`SideFiles`); return how many."""
    side_files = SideFiles()
    for path, data in files:
        side_files.write(path, data)
    return side_files.finish()


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


#: Lines buffered before they are handed to the (gzip) stream.
WRITE_BATCH_LINES = 256


def write_jsonl(path: Path, lines: Iterable[str]) -> int:
    """Write JSON lines atomically, streaming (gzip when the name ends in .gz); return how many.

    Memory holds a batch of lines, never the file: ``lines`` may be a generator over a shard.
    """
    with atomic_output(path) as raw:
        return write_lines(raw, lines, compress=path.name.endswith(".gz"))


def write_lines(raw: io.BufferedIOBase, lines: Iterable[str], *, compress: bool) -> int:
    """Write ``lines`` (one newline after each) to an open binary stream, gzip-compressed if asked; return how many.

    gzip output is deterministic: no file name and no timestamp in its header.
    """
    stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=5, mtime=0) if compress else raw
    count = 0
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        count += 1
        if len(batch) >= WRITE_BATCH_LINES:
            stream.write(("\n".join(batch) + "\n").encode("utf-8"))
            batch.clear()
    if batch:
        stream.write(("\n".join(batch) + "\n").encode("utf-8"))
    if compress:
        stream.close()  # writes the gzip trailer; ``raw`` stays open
    return count


def count_jsonl(path: Path) -> int:
    """Return how many JSON lines a file we wrote holds (without parsing them)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def read_jsonl(path: Path) -> Iterator[dict]:
    """Yield the objects of a JSON-lines file we wrote (gzip when the name ends in .gz)."""
    for line in read_lines(path):
        yield json.loads(line)


def read_lines(path: Path) -> Iterator[str]:
    """Yield the non-blank lines of a JSON-lines file we wrote, unparsed and without the newline."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield line.rstrip("\n")


def dumps(value: object) -> str:
    """Return compact, deterministic JSON (key order as given, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rejection_lines(items: Iterable[Rejection]) -> list[str]:
    """Return ledger lines sorted by path then reason."""
    return [item.to_json() for item in sorted(items, key=lambda r: (r.raw_path, r.reason, r.detail))]
