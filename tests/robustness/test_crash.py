"""Issue 6, crashes: SIGKILL ``newsclean run`` at seeded random moments, then rerun.

The moments are drawn over the time the DAG works (from the run folder's creation to the
end, measured on an uninterrupted run), so the kills fall between and inside the tasks.

After each kill, every file a task wrote must be whole (it parses, and the side files a
main output promises exist); the rerun must finish and give the same bytes as a run that was
never interrupted, with no temporary file left behind.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tests.robustness.conftest import fast_config, write_small_corpus

NEWSCLEAN = Path(sys.executable).parent / "newsclean"
DAY = "2026-11-18"
KILLS_WANTED = 10
MAX_ATTEMPTS = 16  # a drawn moment may fall after the run already ended; then draw again
SEED = 6
POLL_SECONDS = 0.02
MIN_DISTINCT_STAGES = 4  # distinct counts of files written when killed
RUN_TIMEOUT_SECONDS = 300


def _command(raw: Path, out: Path, config: Path) -> list[str]:
    return [str(NEWSCLEAN), "--config", str(config), "run", "--raw", str(raw), "--out", str(out), "--date", DAY,
            "--local-scheduler", "--workers", "1"]


def _outputs(out: Path) -> dict[str, bytes]:
    """Return the run's files (hidden temporaries left out) and where ``latest`` points."""
    [run] = [path for path in out.iterdir() if path.is_dir() and not path.is_symlink()]
    files = {path.relative_to(run).as_posix(): path.read_bytes() for path in sorted(run.rglob("*"))
             if path.is_file() and not path.name.startswith(".")}
    files["<latest>"] = os.readlink(out / "latest").encode()
    return files


def _temporaries(out: Path) -> list[str]:
    return sorted(path.relative_to(out).as_posix() for path in out.rglob(".*"))


def _parses(path: Path) -> None:
    """Raise unless ``path`` is a whole file of its kind."""
    name = path.name
    if name.endswith(".jsonl.gz"):
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
            json.loads(line)
    elif name.endswith(".jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    elif name.endswith(".json") or (name == "_SUCCESS" and path.parent.name[:2].isdigit()):
        json.loads(path.read_text(encoding="utf-8"))
    elif name == "_SUCCESS":
        assert path.read_bytes() == b""
    elif name.endswith(".parquet"):
        pq.read_table(path)
    elif name.endswith(".csv"):
        pd.read_csv(path)
    elif name.endswith(".html"):
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
    elif name.endswith(".txt"):
        assert path.read_text(encoding="utf-8").endswith("\n")
    else:
        raise AssertionError(f"unknown output {path}")


def assert_nothing_partial(out: Path) -> None:
    """Every visible file parses, and every main output's side files exist."""
    for run in (path for path in out.iterdir() if path.is_dir() and not path.is_symlink()):
        for path in run.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                _parses(path)
        if (run / "inputs.jsonl").exists():
            assert (run / "inputs.rejected.jsonl").exists()
        for marker in run.glob("extract/part-*/_SUCCESS"):
            assert (marker.parent / "line_counts.jsonl.gz").exists() and (marker.parent / "rejected.jsonl").exists()
        if (run / "sources.jsonl").exists():
            for line in (run / "sources.jsonl").read_text(encoding="utf-8").splitlines():
                assert (run / "sources" / f"{json.loads(line)['source_slug']}.lines.jsonl.gz").exists()
        for shard in run.glob("clean/*.jsonl.gz"):
            assert shard.with_name(shard.name.replace(".jsonl.gz", ".rejected.jsonl")).exists()
        for shard in run.glob("corpus/*.jsonl"):
            records = [json.loads(line) for line in shard.read_text(encoding="utf-8").splitlines()]
            assert pq.read_table(shard.with_suffix(".parquet")).num_rows == len(records)
            for record in records:
                text = run / "text" / record["source_slug"] / f"{record['doc_id']}.txt"
                assert text.read_text(encoding="utf-8") == record["text"] + "\n"
        if (run / "reliability.csv").exists():
            assert (run / "reliability.parquet").exists()
        if (run / "_SUCCESS").exists():
            assert all((run / name).exists() for name in ("report.html", "rejected.jsonl", "reliability.csv"))
    if (out / "latest").is_symlink():
        assert (out / "latest" / "_SUCCESS").exists()


def _start_and_wait_for_work(command: list[str], out: Path) -> tuple[subprocess.Popen, float]:
    """Start a run; return it once it has made its run folder (the DAG is working) and when that was."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while not (out.exists() and any(path.is_dir() for path in out.iterdir())) and process.poll() is None:
        if time.monotonic() - started > RUN_TIMEOUT_SECONDS:
            process.kill()
            raise AssertionError("the run made no run folder in time")
        time.sleep(POLL_SECONDS)
    return process, time.monotonic()


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """An uninterrupted run: its outputs, and how long its DAG works once the run folder exists."""
    root = tmp_path_factory.mktemp("crash")
    raw, config = root / "raw", fast_config(root / "config")
    write_small_corpus(raw)
    process, working_since = _start_and_wait_for_work(_command(raw, root / "baseline", config), root / "baseline")
    assert process.wait(timeout=RUN_TIMEOUT_SECONDS) == 0
    return {"root": root, "raw": raw, "config": config, "work_seconds": time.monotonic() - working_since,
            "baseline": _outputs(root / "baseline")}


def _files_written(out: Path) -> int:
    return len([path for path in out.rglob("*") if path.is_file()]) if out.exists() else 0


def test_killed_runs_resume_to_identical_outputs(setup):
    """Kill each run once it has written a drawn number of files (seeded), so the kills fall at
    different points of the DAG whatever the machine's speed; rerun; compare with the baseline."""
    rng = random.Random(SEED)
    n_files = _files_written(setup["root"] / "baseline")
    kills, attempts, moments, stages = 0, 0, [], set()
    while kills < KILLS_WANTED:
        attempts += 1
        assert attempts <= MAX_ATTEMPTS, f"only {kills} runs were killed mid-way; file counts {moments}"
        out = setup["root"] / f"trial-{attempts:02d}"
        # one stratum of the baseline's file count per wanted kill
        target = 1 + int((kills + rng.uniform(0.0, 1.0)) / KILLS_WANTED * (n_files - 2))
        process, _ = _start_and_wait_for_work(_command(setup["raw"], out, setup["config"]), out)
        while process.poll() is None and _files_written(out) < target:
            time.sleep(POLL_SECONDS)
        if process.poll() is not None:
            continue  # finished before the target: not a crash trial
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        kills += 1
        moments.append(target)
        if out.exists():
            assert_nothing_partial(out)
        stages.add(_files_written(out))
        rerun = subprocess.run(_command(setup["raw"], out, setup["config"]), capture_output=True, text=True,
                               timeout=RUN_TIMEOUT_SECONDS)
        assert rerun.returncode == 0, (target, rerun.stderr[-3000:])
        assert _outputs(out) == setup["baseline"], f"killed after {target} files"
        assert _temporaries(out) == [], f"killed after {target} files"
    assert kills == KILLS_WANTED
    assert len(stages) >= MIN_DISTINCT_STAGES, stages  # the kills fell at different points of the DAG


def test_partial_check_catches_a_cut_file(setup, tmp_path):
    """The checker itself: a corpus shard cut in half is seen."""
    out = tmp_path / "out"
    shutil.copytree(setup["root"] / "baseline", out, symlinks=True)
    [shard] = sorted((out / os.readlink(out / "latest")).glob("corpus/*.jsonl"))[:1]
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) // 2])
    with pytest.raises((AssertionError, ValueError)):
        assert_nothing_partial(out)
