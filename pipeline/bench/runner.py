"""Run and time the pipeline and the bare library loop, each in a fresh child process.

A fresh process per measurement keeps the figures apart: peak memory (``ru_maxrss``) only
ever grows within a process, and libraries warm caches that a second run would profit from.
The parent (:func:`benchmark`) writes the corpora, starts one child per measurement with
``python -m pipeline.bench.runner SPEC RESULT``, and gathers the JSON each child writes.

What a pipeline child measures (one worker):

- ``wall_seconds``: ``luigi.build([DailyRun], local_scheduler=True)`` from call to return;
- ``stage_seconds``: per task family, the sum of the time each task's ``run()`` took (from its
  ``START`` to its ``PROCESSING_TIME`` event on the monotonic clock, written by the process that
  ran the task to a file);
- ``luigi_seconds``: wall time minus the sum of ``run()`` times;
- peak memory: ``ru_maxrss`` of the process itself (``RUSAGE_SELF``; every task ran there) and
  of its largest finished child (``RUSAGE_CHILDREN``).

Two workers are measured from the parent (:func:`measure_worker_processes`): ``newsclean run
--workers 2`` starts its own fresh processes.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import logging
import math
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline.bench import corpus as corpus_module

log = logging.getLogger(__name__)

TIMINGS_ENV = "NEWSCLEAN_BENCH_TIMINGS"
CHILD_TIMEOUT_SECONDS = 6 * 3600
GROWTH_FACTOR = 10
PLANNED_DOCS = 100_000  # the corpus size whose task count the report plans for
STAGE_ORDER = ("RunConfigRecord", "InputInventory", "ExtractPart", "SiteLineCounts", "CleanShard", "AnnotateShard",
               "CorpusShard", "ScoreSource", "ReliabilityTable", "RejectedLedger", "RunReport", "DailyRun")


def _cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process and its finished children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: A CPU-bound loop in pure Python, run as one process and as two at once to measure how much
#: parallel throughput the machine itself gives right now (a shared host may give less than two cores).
SPIN_PROGRAM = "x = 0\nfor i in range({n}):\n    x += i\n"
SPIN_SECONDS = 3.0


def _spin(n: int, copies: int) -> float:
    """Return the wall time of ``copies`` processes each running the spin loop of ``n`` steps at once."""
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", SPIN_PROGRAM.format(n=n)]) for _ in range(copies)]
    for process in processes:
        process.wait()
    return time.perf_counter() - started


def measure_machine_parallelism(seconds: float = SPIN_SECONDS) -> dict:
    """Return how much faster two CPU-bound processes finish than one after another (at most 2).

    ``{"one_seconds", "two_seconds", "speedup"}``: the loop is sized to take about ``seconds``
    alone; ``speedup`` = 2 x one / two. Read the pipeline's two-worker speedup against it.
    """
    n = 2_000_000
    while (elapsed := _spin(n, 1)) < 0.2:
        n *= 4
    n = int(n * seconds / elapsed)
    one = _spin(n, 1)
    two = _spin(n, 2)
    return {"one_seconds": one, "two_seconds": two, "speedup": 2 * one / two}


def _maxrss_mb(who: int) -> float:
    """Return the peak resident memory of ``who`` (RUSAGE_SELF or RUSAGE_CHILDREN) in MB."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports kilobytes


#: Monotonic start of each task running in this process (Luigi's own processing time comes from
#: the wall clock, which a clock step on a shared machine moves: once by 18 s in a 670 s run).
_STARTED: dict[str, float] = {}


def _record_start(task) -> None:
    """Note when ``task`` starts, on the monotonic clock (its START event, in the process that runs it)."""
    _STARTED[task.task_id] = time.monotonic()


def _record_processing_time(task, seconds: float) -> None:
    """Append one task's run() time to the timings file (one JSON line; O_APPEND keeps lines whole).

    The time is measured on the monotonic clock from the task's START event; Luigi's
    ``seconds`` (wall clock) only when no start was seen.
    """
    started = _STARTED.pop(task.task_id, None)
    if started is not None:
        seconds = time.monotonic() - started
    path = os.environ.get(TIMINGS_ENV)
    if not path:
        return
    line = json.dumps({"family": task.task_family, "task_id": task.task_id, "seconds": seconds, "pid": os.getpid(),
                       "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF)}) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, line.encode("utf-8"))
    finally:
        os.close(descriptor)


def _apply_overrides(overrides: dict[str, object]) -> None:
    """Set ``[newsclean]`` settings for this process (e.g. ``part_size_bytes``) before the run."""
    import luigi.configuration

    from pipeline import settings as settings_module

    if not overrides:
        return
    parser = luigi.configuration.get_config()
    if not parser.has_section("newsclean"):
        parser.add_section("newsclean")
    for key, value in sorted(overrides.items()):
        parser.set("newsclean", key, str(value))
    settings_module.load_settings.cache_clear()
    settings_module.significant_config.cache_clear()


def measure_pipeline(raw: Path, out: Path, date: dt.date, overrides: dict | None = None,
                     profile: Path | None = None) -> dict:
    """Run the whole pipeline once with one worker (``out`` is emptied first); return its measurements.

    Returns ``wall_seconds``, ``stage_seconds`` and ``stage_tasks`` (per family),
    ``run_seconds`` (their sum), ``luigi_seconds``, ``n_tasks``, ``n_documents``,
    ``maxrss_self_mb``, ``maxrss_children_mb``, ``maxrss_task_mb`` (largest seen by a task),
    ``succeeded`` and ``status``.
    """
    import luigi

    from pipeline.settings import use_config_dir
    from pipeline.tasks.daily import DailyRun, run_folder

    use_config_dir(None)
    _apply_overrides(overrides or {})
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    timings = out.parent / f"{out.name}.timings.jsonl"
    timings.unlink(missing_ok=True)
    os.environ[TIMINGS_ENV] = str(timings)
    luigi.Task.event_handler(luigi.Event.START)(_record_start)
    luigi.Task.event_handler(luigi.Event.PROCESSING_TIME)(_record_processing_time)
    task = DailyRun(date=date, raw=str(raw), out=str(out))
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    result = luigi.build([task], local_scheduler=True, workers=1, detailed_summary=True)
    wall = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    rows = [json.loads(line) for line in timings.read_text(encoding="utf-8").splitlines()] if timings.exists() else []
    stage_seconds: dict[str, float] = collections.defaultdict(float)
    stage_tasks: collections.Counter = collections.Counter()
    for row in rows:
        stage_seconds[row["family"]] += row["seconds"]
        stage_tasks[row["family"]] += 1
    run_seconds = sum(stage_seconds.values())
    success = run_folder(str(out), date) / "_SUCCESS"
    summary = json.loads(success.read_text(encoding="utf-8")) if success.exists() else {}
    return {
        "workers": 1,
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "stage_seconds": dict(stage_seconds),
        "stage_tasks": dict(stage_tasks),
        "run_seconds": run_seconds,
        "luigi_seconds": wall - run_seconds,
        "n_tasks": len(rows),
        "n_documents": summary.get("n_documents"),
        "n_rejected": summary.get("n_rejected"),
        "maxrss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "maxrss_children_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
        "maxrss_task_mb": max((row["maxrss_mb"] for row in rows), default=0.0),
        "succeeded": bool(summary),
        "status": result.status.name,
    }


#: ``[sharing] poll_seconds`` for the processes of :func:`measure_shared_scheduler`: a process
#: that finds every runnable task held by the other builds again this often (default 5 s).
SHARED_POLL_SECONDS = 0.5


def measure_worker_processes(raw: Path, out: Path, date: dt.date, workers: int, overrides: dict | None = None,
                             shared_luigid: bool = False) -> dict:
    """Run the day as ``workers`` one-worker ``newsclean run`` processes on one luigid; return the figures.

    What ``newsclean run --workers N`` does (``pipeline.worker_processes``): the processes start
    fresh and keep what they load for every task they run. With ``shared_luigid`` the luigid is
    started here, before the clock starts (the scale-out set-up of docs/scaling.md: several
    machines on one luigid, here on loopback); otherwise the run starts its private one, on
    the clock. ``overrides`` go to the processes' ``[newsclean]`` section. ``out`` is emptied
    first and shared. Returns ``workers``, ``wall_seconds`` (from the first start to the last
    exit), ``cpu_seconds`` (all processes), ``maxrss_mb`` per process, ``exit_codes``,
    ``n_documents`` and ``succeeded``.
    """
    from pipeline.luigid_process import start_luigid
    from pipeline.tasks.daily import run_folder
    from pipeline.worker_processes import run_worker_processes

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    folder = out.parent / f"{out.name}.luigid"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    settings = "".join(f"{key} = {value}\n" for key, value in sorted((overrides or {}).items()))
    config = folder / "overrides.cfg"
    config.write_text(f"[newsclean]\n{settings}", encoding="utf-8")
    env = dict(os.environ, LUIGI_CONFIG_PATH=str(config))
    luigid = scheduler = None
    if shared_luigid:
        luigid, port = start_luigid(folder)
        scheduler = ("127.0.0.1", port)
    try:
        started = time.perf_counter()
        exits = run_worker_processes(["--raw", str(raw), "--out", str(out), "--date", date.isoformat()], workers,
                                     out, scheduler=scheduler, poll_seconds=SHARED_POLL_SECONDS if shared_luigid
                                     else None, env=env)
        wall = time.perf_counter() - started
    finally:
        if luigid is not None:
            luigid.terminate()
            luigid.wait(timeout=30)
    success = run_folder(str(out), date) / "_SUCCESS"
    summary = json.loads(success.read_text(encoding="utf-8")) if success.exists() else {}
    codes = [worker.code for worker in exits]
    return {"workers": workers, "wall_seconds": wall, "cpu_seconds": sum(worker.cpu_seconds for worker in exits),
            "maxrss_mb": [worker.maxrss_mb for worker in exits], "exit_codes": codes,
            "n_documents": summary.get("n_documents"), "succeeded": bool(summary) and not any(codes)}


def measure_shared_scheduler(raw: Path, out: Path, date: dt.date, processes: int,
                             overrides: dict | None = None) -> dict:
    """Run ``processes`` ``newsclean run`` processes at once against one luigid started on loopback.

    :func:`measure_worker_processes` with the luigid started first, as several machines would
    find it; the result also says ``processes``.
    """
    result = measure_worker_processes(raw, out, date, processes, overrides, shared_luigid=True)
    return {**result, "processes": processes}


def bare_files(raw: Path, date: dt.date) -> list[Path]:
    """Return the corpus files of ``date`` in a stable order."""
    return sorted(path for path in (raw / date.isoformat()).rglob("*") if path.suffix in (".txt", ".html"))


def measure_bare(raw: Path, date: dt.date) -> dict:
    """Time the bare library loop on the corpus and return its measurements.

    The loop reads each file, runs ``trafilatura.extract`` on HTML, then
    ``langdetect.detect_langs`` on the text (the extracted text for HTML). Returns
    ``wall_seconds``, ``extract_seconds``, ``detect_seconds``, ``n_documents`` (extract gave
    text), ``maxrss_self_mb``.
    """
    import langdetect
    import trafilatura
    from langdetect.lang_detect_exception import LangDetectException

    langdetect.DetectorFactory.seed = 0
    extract_seconds = detect_seconds = 0.0
    n_documents = 0
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    for path in bare_files(raw, date):
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".html":
            began = time.perf_counter()
            text = trafilatura.extract(text, deduplicate=False)
            extract_seconds += time.perf_counter() - began
            if not text:
                continue
        began = time.perf_counter()
        try:
            langdetect.detect_langs(text)
        except LangDetectException:
            pass
        detect_seconds += time.perf_counter() - began
        n_documents += 1
    return {
        "wall_seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu_seconds() - cpu_started,
        "extract_seconds": extract_seconds,
        "detect_seconds": detect_seconds,
        "n_documents": n_documents,
        "maxrss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
    }


def planned_task_count(n_docs: int, bytes_per_doc: float, n_sources: int, limits) -> int:
    """Return how many Luigi tasks a day of ``n_docs`` documents makes, from the partition settings
    ``limits`` (``[newsclean]``).

    One each of RunConfigRecord, InputInventory, SiteLineCounts, ReliabilityTable,
    RejectedLedger, RunReport and DailyRun; the day's ExtractParts
    (``pipeline.io.layout.part_count``); per source, CleanShard, AnnotateShard and CorpusShard
    per shard (``shard_count``) and one ScoreSource. Sources are taken as equally large.
    """
    from pipeline.io.layout import InputFile, part_count, shard_count

    n_parts = part_count([InputFile("day", round(n_docs * bytes_per_doc))], limits)
    docs_per_source = math.ceil(n_docs / max(1, n_sources))
    n_shards = n_sources * shard_count(docs_per_source, n_docs, limits)
    return 7 + n_parts + 3 * n_shards + n_sources


def run_child(spec: dict, result_path: Path) -> dict:
    """Run one measurement (``spec["kind"]``: ``pipeline`` or ``bare``) in a fresh process; return its result.

    The child's output (Luigi's log, tracebacks of failed tasks) is kept beside the result
    file, with the suffix ``.log``.
    """
    result_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pipeline.bench.runner", json.dumps(spec), str(result_path)]
    log.info("bench: %s", spec)
    completed = subprocess.run(command, capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS)
    result_path.with_suffix(".log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    if completed.returncode != 0 or not result_path.exists():
        raise RuntimeError(f"bench child {spec['kind']} failed (exit {completed.returncode}):\n"
                           f"{completed.stderr[-4000:]}")
    return json.loads(result_path.read_text(encoding="utf-8"))


def _child_main(spec: dict, result_path: Path) -> None:
    date = dt.date.fromisoformat(spec["date"])
    if spec["kind"] == "pipeline":
        profile = Path(spec["profile"]) if spec.get("profile") else None
        result = measure_pipeline(Path(spec["raw"]), Path(spec["out"]), date, spec.get("overrides") or {},
                                  profile=profile)
    else:
        result = measure_bare(Path(spec["raw"]), date)
    result_path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@dataclasses.dataclass(frozen=True)
class BenchOptions:
    """What ``newsclean bench`` was asked for."""

    n_docs: int
    fmt: str = "txt"
    workers: int = 1  # 2: also run with two workers and report the throughput ratio
    processes: int = 1  # 2: also run two `newsclean run` processes on one luigid and report their ratio
    growth: bool = False  # also run 10 x the documents and report the time and memory ratios
    seed: int = corpus_module.DEFAULT_SEED
    overrides: tuple[tuple[str, int], ...] = ()  # [newsclean] settings for the measured runs
    profile: bool = False  # also run once more under cProfile (pipeline-w1-profiled.pstats; not timed)


def _case(folder: Path, info: corpus_module.CorpusInfo, options: BenchOptions, tag: str,
          profile: bool = False) -> dict:
    spec = {"kind": "pipeline", "raw": str(info.raw), "out": str(folder / f"out-{tag}"), "date": info.date.isoformat(),
            "overrides": dict(options.overrides)}
    if profile:
        spec["profile"] = str(folder / f"pipeline-{tag}.pstats")
    result = run_child(spec, folder / f"result-{tag}.json")
    result["profile"] = spec.get("profile")
    return result


def benchmark(out: Path, options: BenchOptions) -> dict:
    """Write the corpus (or reuse it), run every requested measurement and return the results.

    Returns ``{"options", "corpus", "planned", "runs": [{"corpus", "pipeline", "bare",
    "pipeline_2"?}]}``: one entry for N documents and, with ``growth``, one for 10 N.
    """
    from pipeline.settings import load_settings, use_config_dir

    use_config_dir(None)
    _apply_overrides(dict(options.overrides))
    limits = load_settings()["newsclean"]
    sizes = [options.n_docs] + ([options.n_docs * GROWTH_FACTOR] if options.growth else [])
    runs = []
    for n_docs in sizes:
        folder = out / f"{options.fmt}-{n_docs}-seed{options.seed}"
        started = time.perf_counter()
        info = corpus_module.write_corpus(folder / "raw", n_docs, options.fmt, seed=options.seed)
        log.info("bench: corpus of %d documents ready in %.1f s", n_docs, time.perf_counter() - started)
        entry = {"corpus": {**dataclasses.asdict(info), "raw": str(info.raw), "date": info.date.isoformat()}}
        entry["bare"] = run_child({"kind": "bare", "raw": str(info.raw), "date": info.date.isoformat()},
                                  folder / "result-bare.json")
        entry["pipeline"] = _case(folder, info, options, "w1")
        if options.profile and n_docs == options.n_docs:  # a run of its own: cProfile slows Python code down
            entry["pipeline"]["profile"] = _case(folder, info, options, "w1-profiled", profile=True)["profile"]
        if options.workers >= 2:  # at every size: fixed costs weigh less on the larger corpus
            entry["machine_before"] = measure_machine_parallelism()
            entry["pipeline_2"] = measure_worker_processes(info.raw, folder / f"out-w{options.workers}", info.date,
                                                           options.workers, dict(options.overrides))
            entry["machine_after"] = measure_machine_parallelism()
        if options.processes >= 2:
            entry["machine_before_shared"] = measure_machine_parallelism()
            entry["shared_scheduler"] = measure_shared_scheduler(info.raw, folder / f"out-p{options.processes}",
                                                                 info.date, options.processes, dict(options.overrides))
            entry["machine_after_shared"] = measure_machine_parallelism()
        runs.append(entry)
    first = runs[0]["corpus"]
    bytes_per_doc = first["n_bytes"] / max(1, first["n_docs"])
    planned = {"n_docs": PLANNED_DOCS, "bytes_per_doc": round(bytes_per_doc), "n_sources": first["n_sources"],
               "part_size_bytes": limits.part_size_bytes, "shard_size_docs": limits.shard_size_docs,
               "n_tasks": planned_task_count(PLANNED_DOCS, bytes_per_doc, first["n_sources"], limits)}
    return {"options": dataclasses.asdict(options), "planned": planned, "runs": runs}


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    _child_main(json.loads(sys.argv[1]), Path(sys.argv[2]))
