"""Scale-out: two ``newsclean run`` processes ("machines") against one luigid, one shared output folder.

Each process is what a second machine would start from cron: the same command, the same
configuration, the same date, ``--workers 1``. The configuration is the repository's with
small extraction parts (so the corpus pass has several tasks to share) and Luigi's INFO log,
which names every task a process finished.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.bench.corpus import write_corpus

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
N_DOCS = 30
PART_SIZE_BYTES = 20_000  # about 7 extraction parts for 30 documents of ~4 KB
POLL_SECONDS = 0.2  # a machine out of tasks builds again this often (a day's work here takes seconds)
RUN_TIMEOUT_SECONDS = 900
DONE_LINE = re.compile(r"^INFO: \[pid \d+\] Worker Worker\(.*?\) done\s+(\S.*?)\s*$")


def _config(folder: Path) -> Path:
    """Copy config/ and set small parts, a short poll and Luigi's INFO log in its luigi.cfg."""
    shutil.copytree(REPO / "config", folder)
    cfg = folder / "luigi.cfg"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("log_level = WARNING", "log_level = INFO")
    text = re.sub(r"(?m)^# part_size_bytes = .*$", f"part_size_bytes = {PART_SIZE_BYTES}", text)
    text = re.sub(r"(?m)^# poll_seconds = .*$", f"poll_seconds = {POLL_SECONDS}", text)
    assert "log_level = INFO" in text and f"part_size_bytes = {PART_SIZE_BYTES}" in text
    assert f"poll_seconds = {POLL_SECONDS}" in text
    cfg.write_text(text, encoding="utf-8")
    return folder


def _command(config: Path, raw: Path, out: Path | str, date: str, *scheduler: str) -> list[str]:
    return [str(BIN / "newsclean"), "--config", str(config), "run", "--raw", str(raw), "--out", str(out),
            "--date", date, "--workers", "1", *scheduler]


def _outputs(run_dir: Path) -> dict[str, bytes]:
    """Return the run's final outputs (not the intermediate stages), by relative path."""
    names = ["rejected.jsonl", "reliability.csv", "_SUCCESS"]
    files = {name: (run_dir / name).read_bytes() for name in names}
    for path in sorted((run_dir / "corpus").glob("*.jsonl")) + sorted((run_dir / "text").rglob("*.txt")):
        files[path.relative_to(run_dir).as_posix()] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def two_machines(luigid, tmp_path_factory):
    root = tmp_path_factory.mktemp("scale_out")
    config = _config(root / "config")
    info = write_corpus(root / "raw", N_DOCS, "txt")
    date = info.date.isoformat()
    shared = root / "shared-out"
    scheduler = ("--scheduler-host", "127.0.0.1", "--scheduler-port", str(luigid.port))
    # The one-machine reference starts with the two machines, so all three run the same code.
    reference_log = open(root / "alone.log", "w", encoding="utf-8")
    reference = subprocess.Popen(_command(config, root / "raw", root / "alone", date, "--local-scheduler"),
                                 stdout=reference_log, stderr=subprocess.STDOUT)
    machines = []
    # Machine b names the shared output by its file:// URL: the same folder, so the same tasks.
    for name, out in (("a", str(shared)), ("b", shared.as_uri())):  # logs to files: a full pipe would stall a process
        log = open(root / f"machine-{name}.log", "w", encoding="utf-8")
        machines.append((subprocess.Popen(_command(config, root / "raw", out, date, *scheduler), stdout=log,
                                          stderr=subprocess.STDOUT), log, root / f"machine-{name}.log"))
    machines.append((reference, reference_log, root / "alone.log"))
    finished = []
    try:
        for process, log, path in machines:
            process.wait(timeout=RUN_TIMEOUT_SECONDS)
            log.close()
            finished.append((path.read_text(encoding="utf-8"), process.returncode))
    finally:
        for process, log, _ in machines:
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()
    reference = finished.pop()
    return {"root": root, "shared": shared, "finished": finished, "reference": reference, "date": date}


def _done_tasks(output: str) -> list[str]:
    """Return the tasks a process finished, from Luigi's INFO log (its own handler's lines)."""
    return [match.group(1) for line in output.splitlines() if (match := DONE_LINE.search(line))]


def test_both_machines_succeed_and_the_day_is_complete(two_machines):
    for output, code in two_machines["finished"]:
        assert code == 0, output[-3000:]
    latest = two_machines["shared"] / "latest"
    assert (latest / "_SUCCESS").exists() and latest.resolve().name.startswith(two_machines["date"])


def test_every_task_ran_once_across_the_two_machines(luigid, two_machines):
    done_a, done_b = (_done_tasks(output) for output, _ in two_machines["finished"])
    assert done_a or done_b
    assert not set(done_a) & set(done_b), "a task ran on both machines"
    assert len(set(done_a)) == len(done_a) and len(set(done_b)) == len(done_b)
    scheduler_done = luigid.api("task_list", status="DONE")
    assert len(done_a) + len(done_b) == len(scheduler_done)
    families = {task.split("(", 1)[0] for task in done_a + done_b}
    assert {"ExtractPart", "CleanShard", "AnnotateShard", "CorpusShard", "DailyRun"} <= families
    assert sum(task.startswith("ExtractPart(") for task in done_a + done_b) >= 2
    for status in ("FAILED", "PENDING", "RUNNING"):
        assert luigid.api("task_list", status=status) == {}


def test_shared_output_equals_a_run_on_one_machine(two_machines):
    output, code = two_machines["reference"]
    assert code == 0, output[-3000:]
    shared = _outputs((two_machines["shared"] / "latest").resolve())
    alone = _outputs((two_machines["root"] / "alone" / "latest").resolve())
    assert sorted(shared) == sorted(alone)
    assert shared == alone


def test_the_second_machine_shares_the_per_source_work(two_machines):
    done_a, done_b = (_done_tasks(output) for output, _ in two_machines["finished"])
    shard_families = ("CleanShard(", "AnnotateShard(", "CorpusShard(")
    assert all(any(task.startswith(shard_families) for task in done) for done in (done_a, done_b))
