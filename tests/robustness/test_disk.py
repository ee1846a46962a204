"""Issue 6, disks: an output folder on a read-only or a full file system.

The run must fail with a clear message and a non-zero exit code, and leave the earlier
complete run in that folder (and ``latest``) exactly as it was. As root, ``chmod`` does not
stop writes, so the read-only folder is a read-only bind mount and the full disk a tiny
tmpfs; both are unmounted in ``finally``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.conftest import fast_config, write_small_corpus

NEWSCLEAN = Path(sys.executable).parent / "newsclean"
FIRST_DAY, NEXT_DAY = "2026-11-18", "2026-11-19"  # a flat raw folder is the input of any day
EXIT_CONFIG_ERROR = 2
EXIT_TASK_FAILED = 30
FREE_BYTES_LEFT = 24 * 1024  # enough for the write probe and the first small files, not for a run
RUN_TIMEOUT_SECONDS = 300
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _command(raw: Path, out: Path, config: Path, day: str) -> list[str]:
    return [str(NEWSCLEAN), "--config", str(config), "run", "--raw", str(raw), "--out", str(out), "--date", day,
            "--local-scheduler"]


def _snapshot(out: Path) -> dict[str, bytes]:
    files = {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*"))
             if path.is_file() and not path.is_symlink()}
    files["<latest>"] = os.readlink(out / "latest").encode()
    return files


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def earlier(tmp_path_factory):
    """A complete run of FIRST_DAY (the folder to copy onto each disk)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a read-only or a tiny file system needs root")
    root = tmp_path_factory.mktemp("disk")
    raw, config = root / "raw", fast_config(root / "config")
    write_small_corpus(raw)
    completed = subprocess.run(_command(raw, root / "earlier", config, FIRST_DAY), capture_output=True, text=True,
                               timeout=RUN_TIMEOUT_SECONDS)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return {"root": root, "raw": raw, "config": config, "out": root / "earlier"}


def test_read_only_output_folder(earlier, tmp_path):
    source, mounted = tmp_path / "source", tmp_path / "out"
    shutil.copytree(earlier["out"], source, symlinks=True)
    mounted.mkdir()
    before = _snapshot(source)
    _mount("--bind", str(source), str(mounted))
    try:
        _mount("-o", "remount,ro,bind", str(mounted))
        completed = subprocess.run(_command(earlier["raw"], mounted, earlier["config"], NEXT_DAY),
                                   capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS)
        after = _snapshot(mounted)
    finally:
        subprocess.run(["umount", str(mounted)], check=False)
    assert completed.returncode == EXIT_CONFIG_ERROR, completed.stderr[-3000:]
    assert "cannot write to the output folder" in completed.stderr and "Read-only file system" in completed.stderr
    assert after == before


def test_full_disk(earlier, tmp_path):
    mounted = tmp_path / "out"
    mounted.mkdir()
    # tmpfs stores every file in whole pages: count each file's pages, then leave some room
    used = sum(-(-path.stat().st_size // PAGE_BYTES) * PAGE_BYTES for path in earlier["out"].rglob("*")
               if path.is_file() and not path.is_symlink())
    size_kib = (used + FREE_BYTES_LEFT) // 1024 + 64
    _mount("-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(mounted))
    try:
        shutil.copytree(earlier["out"], mounted, symlinks=True, dirs_exist_ok=True)
        free = shutil.disk_usage(mounted).free
        if free > FREE_BYTES_LEFT:
            (mounted / ".filler").write_bytes(b"\0" * (free - FREE_BYTES_LEFT))
        before = _snapshot(mounted)
        completed = subprocess.run(_command(earlier["raw"], mounted, earlier["config"], NEXT_DAY),
                                   capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS)
        after = _snapshot(mounted)
        next_runs = [path for path in mounted.iterdir() if path.name.startswith(NEXT_DAY)]
        leftovers = [path for run in next_runs for path in run.rglob(".*.tmp*")]
        completed_next = [run for run in next_runs if (run / "_SUCCESS").exists()]
    finally:
        subprocess.run(["umount", str(mounted)], check=False)
    assert completed.returncode == EXIT_TASK_FAILED, completed.stderr[-3000:]
    assert "No space left on device" in completed.stderr
    assert "not complete" in completed.stdout
    assert completed_next == [] and leftovers == []
    assert {key: value for key, value in after.items() if not key.startswith(NEXT_DAY)} == before
