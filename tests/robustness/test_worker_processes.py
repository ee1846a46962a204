"""``newsclean run --workers 2``: two one-worker processes on a private luigid (loopback).

The day's outputs must be byte-identical to one worker's, every task must run once, nothing
may stay behind (no scheduler folder, no process, no file outside the output folder), and a
run stopped by SIGTERM or killed outright must take its processes with it and resume.
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.robustness.conftest import fast_config, set_option, write_small_corpus
from tests.robustness.test_concurrency import _DONE
from tests.robustness.test_crash import _outputs, _temporaries

NEWSCLEAN = Path(sys.executable).parent / "newsclean"
DAY = "2026-11-18"
RUN_TIMEOUT_SECONDS = 400
GONE_SECONDS = 40.0


def _command(raw: Path, out: Path, config: Path, workers: int, *extra: str) -> list[str]:
    return [str(NEWSCLEAN), "--config", str(config), *extra, "run", "--raw", str(raw), "--out", str(out),
            "--date", DAY, "--workers", str(workers)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("workers")
    raw, config = root / "raw", fast_config(root / "config")
    set_option(config, "core", "log_level", "INFO")  # the workers' "done" lines count the runs
    write_small_corpus(raw)
    alone = subprocess.run(_command(raw, root / "alone", config, 1), capture_output=True, text=True,
                           timeout=RUN_TIMEOUT_SECONDS)
    assert alone.returncode == 0, alone.stderr[-3000:]
    return {"root": root, "raw": raw, "config": config, "alone": _outputs(root / "alone")}


@pytest.fixture(scope="module")
def two_workers(corpus):
    cwd = corpus["root"] / "cwd"
    cwd.mkdir()
    completed = subprocess.run(_command(corpus["raw"], corpus["root"] / "two", corpus["config"], 2, "-v"),
                               capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS, cwd=cwd)
    return {**corpus, "cwd": cwd, "completed": completed}


def test_two_workers_exit_0_and_print_the_summary_once(two_workers):
    completed = two_workers["completed"]
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert completed.stdout.count("reliability: ") == 1
    assert "private luigid for this run: http://127.0.0.1:" in completed.stderr


def test_two_workers_run_each_task_once_in_their_own_processes(two_workers):
    done = collections.Counter(task for task in {(pid, task) for pid, task in _DONE.findall(two_workers["completed"].stderr)})
    tasks = collections.Counter(task for _, task in done)
    assert tasks and max(tasks.values()) == 1
    assert len(tasks) >= 12
    assert str(os.getpid()) not in {pid for pid, _ in done}


def test_two_workers_give_the_bytes_of_one_and_leave_nothing_behind(two_workers):
    out = two_workers["root"] / "two"
    assert _outputs(out) == two_workers["alone"]
    assert _temporaries(out) == []  # the private scheduler's .luigid folder included
    assert list(two_workers["cwd"].iterdir()) == []


def _processes_naming(text: str) -> list[int]:
    """Return the pids of running processes whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = next(line for line in (entry / "status").read_text().splitlines() if line.startswith("State:"))
        except (OSError, StopIteration):
            continue
        if text in command and "zombie" not in state:
            found.append(int(entry.name))
    return found


def _wait_for_workers(out: Path, parent: subprocess.Popen) -> None:
    """Wait until the run's private luigid and both worker processes have started."""
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while len(_processes_naming("--scheduler-port")) < 2 or not (out / ".luigid").exists():
        assert parent.poll() is None, "the run ended before its worker processes were seen"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _wait_until_gone(text: str) -> list[int]:
    deadline = time.monotonic() + GONE_SECONDS
    while (left := _processes_naming(text)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_stopped_run_takes_its_processes_with_it_and_resumes(corpus, how):
    out = corpus["root"] / f"stopped-{how.name.lower()}"
    parent = subprocess.Popen(_command(corpus["raw"], out, corpus["config"], 2), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    _wait_for_workers(out, parent)
    parent.send_signal(how)
    _, err = parent.communicate(timeout=RUN_TIMEOUT_SECONDS)
    assert parent.returncode == (128 + signal.SIGTERM if how == signal.SIGTERM else -signal.SIGKILL), err[-2000:]
    if how == signal.SIGTERM:
        assert "the worker processes were stopped, a rerun resumes" in err
    assert _wait_until_gone(str(out)) == []  # workers and luigid alike name the output folder
    again = subprocess.run(_command(corpus["raw"], out, corpus["config"], 2), capture_output=True, text=True,
                           timeout=RUN_TIMEOUT_SECONDS)
    assert again.returncode == 0, again.stderr[-3000:]
    assert _outputs(out) == corpus["alone"]
    assert _temporaries(out) == []  # a killed run's scheduler folder is removed by the next
