"""The ``newsclean`` command: run the pipeline, clean single files, detect languages, evaluate, train."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import logging
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path

from pipeline.errors import ConfigError

log = logging.getLogger("pipeline.cli")

EVALUATIONS = {
    "boilerplate": "pipeline.evaluation.boilerplate",
    "langid": "pipeline.evaluation.langid",
    "artifacts": "pipeline.evaluation.artifacts",
    "reliability": "pipeline.evaluation.reliability",
    "seeds": "pipeline.evaluation.seeds",
}
TRAINERS = {
    "boilerplate": ("pipeline.training.boilerplate", "boilerplate/line_model.json"),
    "reliability": ("pipeline.training.reliability", "reliability/weights.json"),
}
EXIT_CONFIG_ERROR = 2
#: [sharing] in luigi.cfg (operational): how often a run builds again while another process holds
#: its tasks, and how long it waits for them before reporting "not run".
OTHER_WORKER_POLL_SECONDS = 5.0
OTHER_WORKER_WAIT_SECONDS = 12 * 3600.0
EXIT_FLOOR_FAILED = 3


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from error


def _add_scheduler_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--local-scheduler", action="store_true", help="use an in-process scheduler (the default)")
    group.add_argument("--scheduler-host", help="luigid host (bind luigid to 127.0.0.1 unless you mean to share it)")
    parser.add_argument("--scheduler-port", type=int, default=8082, help="luigid port (default 8082)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1; see --help of run)")


def _add_location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", help="raw root: a folder or file:// URL (default: [locations] raw in luigi.cfg, else raw/)")
    parser.add_argument("--out", help="output root: a folder or file:// URL (default: [locations] out, else clean/)")


def _locations(args) -> tuple[Path, Path]:
    """Return the resolved raw and output folders of a run or backfill (ConfigError when unusable)."""
    from pipeline.io.locations import configured_location, local_path

    raw, out = (local_path(*configured_location(key, getattr(args, key))) for key in ("raw", "out"))
    return raw.resolve(), out.resolve()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description=__doc__)
    parser.add_argument("--config", type=Path, help="configuration folder (default: the repository's config/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to standard error")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the pipeline for one day")
    _add_location_options(run)
    run.add_argument("--date", type=_date, default=dt.date.today(), help="the day to process (default today)")
    _add_scheduler_options(run)
    run.add_argument("--poll-seconds", type=float,
                     help="while other processes on the luigid hold every runnable task, build again this often "
                          "(default: [sharing] poll_seconds; 0.5 s on the private luigid of --workers N)")
    run.epilog = ("--workers N > 1 runs N one-worker processes sharing the luigid of --scheduler-host, or a "
                  "private luigid on loopback started for the run (backfill: Luigi forks a process per task)")

    backfill = commands.add_parser("backfill", help="run every missing day of a date range (Luigi's RangeDaily)")
    _add_location_options(backfill)
    backfill.add_argument("--start", type=_date, required=True, help="first day (inclusive)")
    backfill.add_argument("--stop", type=_date, required=True, help="last day (exclusive)")
    _add_scheduler_options(backfill)

    clean = commands.add_parser("clean", help="clean single files without Luigi (text to stdout)")
    clean.add_argument("files", nargs="+", type=Path)
    clean.add_argument("--json", action="store_true", help="print the full record as JSON lines")

    commands.add_parser("lang", help="read texts one per line on stdin; print code<TAB>confidence per line")

    evaluate = commands.add_parser("eval", help="measure quality on a labelled data set")
    evaluate.add_argument("what", choices=sorted(EVALUATIONS) + ["all"])
    evaluate.add_argument("path", type=Path, nargs="?", help="data folder or file (for 'all': the shared data root)")
    evaluate.add_argument("--floors", type=Path, help="fail (exit 3) when a metric is below its floor in this JSON file")
    evaluate.add_argument("--json", type=Path, help="also write the metrics to this JSON file")

    train = commands.add_parser("train", help="train a learned component and write its weights under config/")
    train.add_argument("what", choices=sorted(TRAINERS))
    train.add_argument("path", type=Path, help="training data folder")
    train.add_argument("--out", type=Path, help="weights file (default: the shipped file under config/)")

    bench = commands.add_parser("bench", help="time the pipeline on a generated corpus against the bare libraries")
    bench.add_argument("--docs", type=int, default=2000, help="documents to generate (default 2000)")
    bench.add_argument("--format", choices=("txt", "html", "both"), default="txt", help="document format (default txt)")
    bench.add_argument("--workers", type=int, choices=(1, 2), default=1,
                       help="2: also run with two workers (at each size) and print the throughput ratio")
    bench.add_argument("--processes", type=int, choices=(1, 2), default=1,
                       help="2: also run two `newsclean run` processes on one luigid (loopback) and print their "
                            "throughput ratio to one worker")
    bench.add_argument("--growth", action="store_true", help="also run 10 x the documents: time and memory ratios")
    bench.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "newsclean-bench",
                       help="corpora, run folders and results (default: newsclean-bench in the temporary folder)")
    bench.add_argument("--seed", type=int, help="corpus seed (default: the fixed benchmark seed)")
    bench.add_argument("--set", action="append", default=[], metavar="KEY=INT",
                       help="override a [newsclean] setting for the measured runs, e.g. part_size_bytes=8000000")
    bench.add_argument("--profile", action="store_true", help="also write a cProfile of the one-worker run")
    return parser


def _scheduler_kwargs(args) -> dict:
    if args.scheduler_host:
        return {"scheduler_host": args.scheduler_host, "scheduler_port": args.scheduler_port}
    return {"local_scheduler": True}


def _luigi_exit_code(result) -> int:
    """Return the process exit code for a LuigiRunResult, using the [retcode] settings."""
    import luigi.configuration
    from luigi.execution_summary import LuigiStatusCode

    config = luigi.configuration.get_config()

    def code(key: str, default: int) -> int:
        return config.getint("retcode", key, default)

    status = result.status
    if status in (LuigiStatusCode.SUCCESS, LuigiStatusCode.SUCCESS_WITH_RETRY):
        return 0
    if status == LuigiStatusCode.SCHEDULING_FAILED:
        return code("scheduling_error", 35)
    if status == LuigiStatusCode.MISSING_EXT:
        return code("missing_data", 20)
    if status == LuigiStatusCode.NOT_RUN:
        return code("not_run", 25)
    return code("task_failed", 30)


def _print_run_summary(out: Path, dates: list[dt.date]) -> None:
    from pipeline.tasks.daily import run_folder

    for date in dates:
        folder = run_folder(str(out), date)
        success = folder / "_SUCCESS"
        if not success.exists():
            print(f"{date}: not complete ({folder})")
            continue
        summary = json.loads(success.read_text(encoding="utf-8"))
        print(f"{date}: {summary['n_documents']} documents from {summary['n_sources']} sources, "
              f"{summary['n_rejected']} rejected")
        print(f"  corpus:      {folder / 'corpus'}/*.jsonl (+ .parquet), texts in {folder / 'text'}/")
        print(f"  reliability: {folder / 'reliability.csv'}")
        print(f"  ledger:      {folder / 'rejected.jsonl'}")
        print(f"  report:      {folder / 'report.html'}")
    print(f"latest complete run: {out.resolve() / 'latest'}")


def command_run(args) -> int:
    from pipeline.tasks.daily import DailyRun

    raw, out = _locations(args)
    if not raw.is_dir():
        print(f"newsclean: raw folder {raw} does not exist", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    _check_out_of_raw(raw, out)
    _check_writable(out)
    task = DailyRun(date=args.date, raw=str(raw), out=str(out))
    if args.workers > 1:
        code = 0 if task.complete() else _run_in_worker_processes(task, args, raw, out)
    else:
        result = _build(task, args)
        if args.scheduler_host:
            result = _wait_for_other_workers(task, result, args)
        code = 0 if _done_by_someone(task, result) else _luigi_exit_code(result) or _not_run_code()
        if code or args.verbose:
            print(result.summary_text, file=sys.stderr)
    _point_latest_at_complete_runs(out, [args.date])
    _print_run_summary(out, [args.date])
    return code


def _run_in_worker_processes(task, args, raw: Path, out: Path) -> int:
    """Run the day as ``--workers`` one-worker processes on one luigid; return the exit code.

    0 once the day is complete, whichever process ran what; otherwise the first process's
    non-zero code (each process printed Luigi's summary of its share to standard error).
    """
    from pipeline.worker_processes import run_worker_processes

    scheduler = (args.scheduler_host, args.scheduler_port) if args.scheduler_host else None
    exits = run_worker_processes(["--raw", str(raw), "--out", str(out), "--date", args.date.isoformat()],
                                 args.workers, out, config=args.config, verbose=args.verbose,
                                 scheduler=scheduler, poll_seconds=args.poll_seconds)
    if _fresh(task).complete():
        return 0
    return next((worker.code for worker in exits if worker.code), _not_run_code())


def _left_to_others(result) -> bool:
    """Return whether a build failed nothing and ended with tasks left to (or held by) other workers.

    Luigi reports tasks held by another worker as a success ("did not run any tasks") and the
    ones it saw another worker finish as "not run"; neither is a failure of this run.
    """
    from luigi.execution_summary import LuigiStatusCode

    return result.status in (LuigiStatusCode.SUCCESS, LuigiStatusCode.NOT_RUN, LuigiStatusCode.MISSING_EXT)


def _done_by_someone(task, result) -> bool:
    """Return whether the day is complete, whichever process ran its tasks.

    ``_SUCCESS`` is written only once every task is done, so a complete DailyRun after a
    build without failures means exit 0, even when another ``newsclean run`` sharing the
    luigid ran some of the tasks.
    """
    return _left_to_others(result) and task.complete()


def _not_run_code() -> int:
    """Return the ``[retcode] not_run`` code: the build failed nothing, yet the day is not complete."""
    import luigi.configuration

    return luigi.configuration.get_config().getint("retcode", "not_run", 25)


def _wait_for_other_workers(task, result, args):
    """Build again, every ``[sharing] poll_seconds``, while another process holds our tasks.

    Two scheduled runs of the same day against one luigid each run a share of the tasks; the
    one that runs out of tasks first builds again here, which also adds the per-source tasks
    once the corpus pass has listed them (a fresh DailyRun requires them statically), so both
    share that work and both exit 0 once the day is complete. If the other process dies,
    luigid hands its tasks back and the next build runs them. Gives up after ``[sharing]
    wait_seconds``. Returns the last build's result.
    """
    import time

    import luigi.configuration

    config = luigi.configuration.get_config()
    poll = getattr(args, "poll_seconds", None) or config.getfloat("sharing", "poll_seconds", OTHER_WORKER_POLL_SECONDS)
    deadline = time.monotonic() + config.getfloat("sharing", "wait_seconds", OTHER_WORKER_WAIT_SECONDS)
    while _left_to_others(result) and not task.complete() and time.monotonic() < deadline:
        log.info("tasks of %s are held by another worker; checking again in %s s", task, poll)
        time.sleep(poll)
        task = _fresh(task)  # a new instance sees the day's sources: it requires the per-source tasks statically
        result = _build(task, args)
    return result


def _fresh(task):
    """Return a new instance of ``task`` (Luigi otherwise hands back the one it cached, requirements fixed)."""
    from luigi.task_register import Register

    Register.clear_instance_cache()
    return task.clone()


def _point_latest_at_complete_runs(out: Path, dates: list[dt.date]) -> None:
    """Point ``OUT/latest`` at the newest complete run of ``dates``.

    DailyRun does it after writing ``_SUCCESS``; a process killed between the two leaves a
    complete run that a rerun (which finds DailyRun complete) would otherwise never point at.
    """
    from pipeline.tasks.daily import point_latest, run_folder

    for date in dates:
        folder = run_folder(str(out), date)
        if (folder / "_SUCCESS").exists():
            point_latest(out, folder)


def _warm_up_detectors() -> None:
    """Load the resources and models before Luigi forks its worker processes, so they share them."""
    from pipeline.process import warm_up
    from pipeline.tasks.shards import toolkit

    warm_up(toolkit())


def command_backfill(args) -> int:
    import luigi
    from luigi.tools.range import RangeDaily

    from pipeline.tasks.daily import DailyRun

    raw, out = _locations(args)
    _check_out_of_raw(raw, out)
    _check_writable(out)
    config = luigi.configuration.get_config()
    if not config.has_section("DailyRun"):
        config.add_section("DailyRun")
    config.set("DailyRun", "raw", str(raw))
    config.set("DailyRun", "out", str(out))
    task = RangeDaily(of=DailyRun, start=args.start, stop=args.stop, reverse=False)
    if args.workers > 1:  # Luigi forks a process per task: what is loaded before is shared
        _warm_up_detectors()
    result = _build(task, args)
    dates = [args.start + dt.timedelta(days=offset) for offset in range((args.stop - args.start).days)]
    _point_latest_at_complete_runs(out, dates)
    _print_run_summary(out, dates)
    return _luigi_exit_code(result)


class SchedulerUnreachable(Exception):
    """luigid did not answer (wrong host or port, not started, or gone)."""


def _build(task, args):
    """Return ``luigi.build``'s result for ``task``; SchedulerUnreachable when luigid does not answer."""
    import luigi
    from luigi.rpc import RPCError

    try:
        return luigi.build([task], workers=args.workers, detailed_summary=True, **_scheduler_kwargs(args))
    except RPCError as error:
        raise SchedulerUnreachable(f"cannot reach the scheduler at {args.scheduler_host}:{args.scheduler_port} "
                                   f"({error.args[0] if error.args else error})") from error


def _check_out_of_raw(raw: Path, out: Path) -> None:
    """Refuse an output folder inside the raw folder: the next run would read its own output."""
    if out.is_relative_to(raw):
        raise ConfigError(f"{out}: the output folder is inside the raw folder {raw}; its files would become input")


def _check_writable(out: Path) -> None:
    """Create ``out`` or fail with a clear message (read-only or full disks)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".newsclean-write-test-{socket.gethostname()}-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as error:
        raise ConfigError(f"{out}: cannot write to the output folder ({error.strerror or error})") from error


def command_clean(args) -> int:
    from pipeline.io.layout import input_format
    from pipeline.io.readers import read_documents
    from pipeline.process import Toolkit, process_one
    from pipeline.record import Rejection

    toolkit = Toolkit()
    status = 0
    for path in args.files:
        if input_format(path.name) is None:
            print(f"{path}: unsupported file type (txt, html, htm, jsonl[.gz], warc[.gz])", file=sys.stderr)
            status = 1
            continue
        for item in read_documents(path, path.name, toolkit.limits.max_file_bytes):
            result = item if isinstance(item, Rejection) else process_one(item, toolkit=toolkit)
            if isinstance(result, Rejection):
                print(f"{path}: rejected ({result.reason}): {result.detail}", file=sys.stderr)
                status = 1
            elif args.json:
                print(result.to_json())
            else:
                print(result.text)
    return status


def command_lang(args) -> int:
    from pipeline.settings import settings_for
    from pipeline.text.language import detect_paragraph_language

    settings = settings_for("language")
    for line in sys.stdin:
        code, confidence = detect_paragraph_language(line.rstrip("\n"), settings)
        print(f"{code}\t{confidence:.4f}")
    return 0


def _evaluate_in_own_process(name: str, path: Path, config: Path | None) -> dict[str, float]:
    """Run one evaluation in a fresh process (so its memory figure is its own); return its metrics."""
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        metrics_file = Path(folder) / "metrics.json"
        command = [sys.executable, "-m", "pipeline.cli"] + (["--config", str(config)] if config else [])
        command += ["eval", name, str(path), "--json", str(metrics_file)]
        sys.stdout.flush()
        completed = subprocess.run(command)
        if completed.returncode != 0:
            print(f"evaluation {name} failed with exit code {completed.returncode}", file=sys.stderr)
            return {}
        return json.loads(metrics_file.read_text(encoding="utf-8"))[name]


def command_eval(args) -> int:
    from pipeline.evaluation import floors

    results: dict[str, dict[str, float]] = {}
    if args.what == "all":
        for name in sorted(EVALUATIONS):
            results[name] = _evaluate_in_own_process(name, floors.default_path(name, args.path), args.config)
    else:
        module = importlib.import_module(EVALUATIONS[args.what])
        path = args.path or floors.default_path(args.what, None)
        metrics = module.evaluate(path)
        results[args.what] = metrics
        print(f"== {args.what} ({path})")
        print(module.format_report(metrics))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.floors:
        failures = floors.check(results, floors.load(args.floors))
        failures += [f"{name}: the evaluation failed" for name, metrics in sorted(results.items()) if not metrics]
        for line in failures:
            print(f"BELOW FLOOR: {line}")
        print(f"floors: {len(failures)} below, file {args.floors}")
        return EXIT_FLOOR_FAILED if failures else 0
    return 0


def command_train(args) -> int:
    from pipeline.settings import config_dir

    module_name, default_out = TRAINERS[args.what]
    out = args.out or (config_dir() / default_out)
    summary = importlib.import_module(module_name).train(args.path, out)
    print(json.dumps(summary, indent=2, sort_keys=True, default=str))
    print(f"wrote {out}")
    return 0


def command_bench(args) -> int:
    from pipeline.bench import corpus, report, runner

    overrides = []
    for item in args.set:
        key, _, value = item.partition("=")
        if not value.strip().isdigit():
            print(f"newsclean: --set wants KEY=INT, not {item!r}", file=sys.stderr)
            return EXIT_CONFIG_ERROR
        overrides.append((key.strip(), int(value)))
    options = runner.BenchOptions(n_docs=args.docs, fmt=args.format, workers=args.workers,
                                  processes=args.processes, growth=args.growth,
                                  seed=corpus.DEFAULT_SEED if args.seed is None else args.seed,
                                  overrides=tuple(sorted(overrides)), profile=args.profile)
    out = args.out.resolve()
    results = runner.benchmark(out, options)
    (out / "bench-results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(report.format_report(results))
    print(f"measurements: {out / 'bench-results.json'}")
    return 0


COMMANDS = {"bench": command_bench, "run": command_run, "backfill": command_backfill, "clean": command_clean, "lang": command_lang,
            "eval": command_eval, "train": command_train}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from pipeline.settings import load_settings, use_config_dir
    from pipeline.worker_processes import Stopped

    try:
        use_config_dir(args.config)
        load_settings()
        if args.command in ("run", "backfill"):
            from pipeline.process import Toolkit

            Toolkit()  # compiles every pattern and lexicon file: configuration errors show before any work
        return COMMANDS[args.command](args)
    except ConfigError as error:
        print(f"newsclean: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG_ERROR
    except Stopped as error:
        print(f"newsclean: {error}; the worker processes were stopped, a rerun resumes", file=sys.stderr)
        return 128 + signal.SIGTERM
    except SchedulerUnreachable as error:
        import luigi.configuration

        print(f"newsclean: {error}", file=sys.stderr)
        return luigi.configuration.get_config().getint("retcode", "scheduling_error", 35)


if __name__ == "__main__":
    sys.exit(main())
