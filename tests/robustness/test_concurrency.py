"""Issue 6, concurrent runs: two ``newsclean run`` processes of the same day against one luigid.

Each task must run exactly once (counted from the workers' own "done" log lines), both
processes must exit 0 once the day is complete, and the outputs must be byte-identical to a
run by one process alone.
"""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.luigid_process import free_loopback_port
from tests.robustness.conftest import fast_config, set_option, write_small_corpus
from tests.robustness.test_crash import _outputs, _temporaries

NEWSCLEAN = Path(sys.executable).parent / "newsclean"
DAY = "2026-11-18"
RUN_TIMEOUT_SECONDS = 400
EXIT_SCHEDULING_ERROR = 35
REPO_CONFIG = Path(__file__).resolve().parents[2] / "config"
SECOND_START_DELAY_SECONDS = 0.3
# Luigi's "done" line; with both a root handler and luigi's own it may show twice, hence the pid.
_DONE = re.compile(r"\[pid (\d+)\] Worker Worker\(.*?\) done\s+(\S.*)$", re.MULTILINE)


def _command(raw: Path, out: Path, config: Path, *scheduler: str) -> list[str]:
    return [str(NEWSCLEAN), "--config", str(config), "run", "--raw", str(raw), "--out", str(out), "--date", DAY,
            "--workers", "1", *scheduler]


@pytest.fixture(scope="module")
def two_runs(luigid, tmp_path_factory):
    root = tmp_path_factory.mktemp("concurrent")
    raw, config = root / "raw", fast_config(root / "config")
    set_option(config, "core", "log_level", "INFO")  # the workers' "done" lines count the runs
    write_small_corpus(raw)
    alone = subprocess.run(_command(raw, root / "alone", config, "--local-scheduler"), capture_output=True, text=True,
                           timeout=RUN_TIMEOUT_SECONDS)
    assert alone.returncode == 0, alone.stderr[-3000:]
    scheduler = ("--scheduler-host", "127.0.0.1", "--scheduler-port", str(luigid.port))
    processes = []
    for _ in range(2):
        processes.append(subprocess.Popen(_command(raw, root / "shared", config, *scheduler), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))
        time.sleep(SECOND_START_DELAY_SECONDS)
    results = [(process.returncode, *process.communicate(timeout=RUN_TIMEOUT_SECONDS)) for process in processes]
    results = [(process.returncode, out, err) for process, (_, out, err) in zip(processes, results)]
    return {"root": root, "alone": _outputs(root / "alone"), "results": results, "luigid": luigid}


def test_both_processes_exit_0(two_runs):
    for code, _, err in two_runs["results"]:
        assert code == 0, err[-3000:]


def test_each_task_runs_once(two_runs):
    # one count per (process, task): a line logged by two handlers is one run
    done = collections.Counter(task for _, _, err in two_runs["results"] for _, task in set(_DONE.findall(err)))
    assert done and max(done.values()) == 1, [task for task, count in done.items() if count > 1]
    luigid = two_runs["luigid"]
    listed = luigid.api("task_list", status="DONE")
    ours = {task_id for task_id, task in listed.items() if str(two_runs["root"]) in str(task.get("params", {}))}
    assert len(done) == len(ours) >= 12
    # (How the tasks split between the two depends on timing; on a loaded machine one may do all.)
    for status in ("FAILED", "RUNNING", "PENDING"):
        assert not any(str(two_runs["root"]) in str(task.get("params", {}))
                       for task in luigid.api("task_list", status=status).values())


def test_outputs_equal_one_process_alone(two_runs):
    shared = two_runs["root"] / "shared"
    assert _outputs(shared) == two_runs["alone"]
    assert _temporaries(shared) == []


def test_unreachable_scheduler_is_a_clear_scheduling_error(tmp_path):
    raw = tmp_path / "raw"
    write_small_corpus(raw)
    fast_rpc = tmp_path / "fast-rpc.cfg"  # one connection attempt, so the test does not wait
    fast_rpc.write_text("[core]\nrpc_retry_attempts = 1\nrpc_retry_wait = 1\n", encoding="utf-8")
    port = free_loopback_port()  # nothing listens there
    completed = subprocess.run(_command(raw, tmp_path / "out", REPO_CONFIG, "--scheduler-host", "127.0.0.1",
                                        "--scheduler-port", str(port)),
                               capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS,
                               env=dict(os.environ, LUIGI_CONFIG_PATH=str(fast_rpc)))
    assert completed.returncode == EXIT_SCHEDULING_ERROR, completed.stderr[-2000:]
    assert f"newsclean: cannot reach the scheduler at 127.0.0.1:{port}" in completed.stderr
