"""Turn the benchmark's measurements into the printed figures, with the targets of issue 7."""

from __future__ import annotations

from pipeline.bench.runner import STAGE_ORDER

MAX_RATIO_TO_BARE_TEXT = 1.5  # one worker, plain text: pipeline time / bare langdetect loop
MAX_RATIO_TO_BARE_HTML = 1.2  # one worker, HTML (or mixed): pipeline time / bare trafilatura + langdetect loop
MIN_TWO_WORKER_SPEEDUP = 1.7  # throughput with two workers / with one
MAX_GROWTH_TIME_RATIO = 10.5  # time for 10 N documents / time for N
MAX_GROWTH_MEMORY_RATIO = 1.2  # peak memory per process for 10 N / for N ("does not grow")
MAX_LUIGI_SHARE = 0.05  # Luigi's share of wall time (wall minus the sum of run() times)
MAX_PLANNED_TASKS = 999  # tasks for the planned corpus: "in the hundreds"
MB = 1_000_000


def _verdict(ok: bool) -> str:
    return "ok" if ok else "TARGET MISSED"


def peak_memory_mb(pipeline: dict) -> float:
    """Return the peak memory of any one process of a pipeline run (MB)."""
    return max(pipeline["maxrss_self_mb"], pipeline["maxrss_children_mb"])


def ratio_limit(fmt: str) -> float:
    """Return the allowed pipeline/bare ratio for a corpus format."""
    return MAX_RATIO_TO_BARE_TEXT if fmt == "txt" else MAX_RATIO_TO_BARE_HTML


def figures(results: dict) -> dict[str, float]:
    """Return the headline figures as flat names (``n<N>.docs_per_second``, ``growth.time_ratio``, ...)."""
    out: dict[str, float] = {}
    for run in results["runs"]:
        corpus, pipeline, bare = run["corpus"], run["pipeline"], run["bare"]
        prefix = f"n{corpus['n_docs']}"
        wall = pipeline["wall_seconds"]
        out[f"{prefix}.docs_per_second"] = corpus["n_docs"] / wall
        out[f"{prefix}.mb_per_second"] = corpus["n_bytes"] / MB / wall
        out[f"{prefix}.peak_memory_mb"] = peak_memory_mb(pipeline)
        out[f"{prefix}.ratio_to_bare"] = wall / bare["wall_seconds"]
        if pipeline.get("cpu_seconds") and bare.get("cpu_seconds"):
            out[f"{prefix}.cpu_ratio_to_bare"] = pipeline["cpu_seconds"] / bare["cpu_seconds"]
        out[f"{prefix}.luigi_share"] = pipeline["luigi_seconds"] / wall
        for key, name, suffix in (("pipeline_2", "two_worker_speedup", ""),
                                  ("shared_scheduler", "shared_scheduler_speedup", "_shared")):
            if key not in run:
                continue
            out[f"{prefix}.{name}"] = wall / run[key]["wall_seconds"]
            machine = [run[f"machine_{when}{suffix}"]["speedup"] for when in ("before", "after")
                       if f"machine_{when}{suffix}" in run]
            if machine:
                out[f"{prefix}.machine_two_process_speedup{suffix}"] = sum(machine) / len(machine)
    if len(results["runs"]) == 2:
        small, large = (run["pipeline"] for run in results["runs"])
        out["growth.time_ratio"] = large["wall_seconds"] / small["wall_seconds"]
        out["growth.memory_ratio"] = peak_memory_mb(large) / peak_memory_mb(small)
    out["planned.n_tasks"] = results["planned"]["n_tasks"]
    return out


def _stage_lines(pipeline: dict) -> list[str]:
    wall = pipeline["wall_seconds"]
    lines = [f"    {'stage':<17} {'tasks':>5} {'run() s':>9} {'% wall':>7}"]
    families = [name for name in STAGE_ORDER if name in pipeline["stage_seconds"]]
    families += sorted(set(pipeline["stage_seconds"]) - set(families))
    for name in families:
        seconds = pipeline["stage_seconds"][name]
        lines.append(f"    {name:<17} {pipeline['stage_tasks'][name]:>5} {seconds:>9.2f} {100 * seconds / wall:>6.1f}%")
    if pipeline.get("luigi_seconds") is not None:
        luigi = pipeline["luigi_seconds"]
        lines.append(f"    {'Luigi (wall-run)':<17} {'':>5} {luigi:>9.2f} {100 * luigi / wall:>6.1f}%")
    return lines


def _speedup_lines(label: str, speedup: float, machine: float | None, who: str) -> list[str]:
    """Return the throughput line of a two-process run and, when measured, the machine's own figure."""
    lines = [f"  throughput {label} / 1 worker: {speedup:.2f} x "
             f"(target at least {MIN_TWO_WORKER_SPEEDUP} x: {_verdict(speedup >= MIN_TWO_WORKER_SPEEDUP)})"]
    if machine:
        lines.append(f"  the machine itself, just before and after: two CPU-bound processes at once gave "
                     f"{machine:.2f} x the throughput of one (2.00 on two free cores); {who} reached "
                     f"{100 * speedup / machine:.0f} % of that")
    return lines


def _run_state(processes: dict) -> str:
    """Return whether a run of several processes completed, with their exit codes when not."""
    return "run complete" if processes["succeeded"] else f"RUN INCOMPLETE, exit codes {processes['exit_codes']}"


def format_report(results: dict) -> str:
    """Return the benchmark's figures as text: per corpus size, the pipeline, the bare loop, ratios."""
    options = results["options"]
    lines = [f"newsclean bench: format {options['fmt']}, seed {options['seed']}, workers {options['workers']}"
             + (f", overrides {dict(options['overrides'])}" if options["overrides"] else "")]
    values = figures(results)
    for run in results["runs"]:
        corpus, pipeline, bare = run["corpus"], run["pipeline"], run["bare"]
        n_docs, megabytes = corpus["n_docs"], corpus["n_bytes"] / MB
        prefix = f"n{n_docs}"
        wall = pipeline["wall_seconds"]
        lines.append("")
        lines.append(f"N = {n_docs} documents ({corpus['n_text']} text, {corpus['n_html']} HTML, "
                     f"{corpus['n_sources']} sources, {megabytes:.1f} MB)")
        state = "complete" if pipeline["succeeded"] else f"NOT complete ({pipeline['status']})"
        lines.append(f"  pipeline, 1 worker: {wall:.1f} s, {n_docs / wall:.1f} documents/s, {megabytes / wall:.2f} MB/s, "
                     f"{pipeline['n_tasks']} tasks, {pipeline['n_documents']} documents in the corpus, run {state}")
        lines.append(f"    peak memory per process: {peak_memory_mb(pipeline):.0f} MB "
                     f"(self {pipeline['maxrss_self_mb']:.0f} MB, children {pipeline['maxrss_children_mb']:.0f} MB)")
        lines.extend(_stage_lines(pipeline))
        lines.append(f"  bare loop: {bare['wall_seconds']:.1f} s, {n_docs / bare['wall_seconds']:.1f} documents/s "
                     f"(trafilatura.extract {bare['extract_seconds']:.1f} s, langdetect.detect_langs "
                     f"{bare['detect_seconds']:.1f} s), peak memory {bare['maxrss_self_mb']:.0f} MB")
        limit = ratio_limit(options["fmt"])
        ratio = values[f"{prefix}.ratio_to_bare"]
        cpu_ratio = values.get(f"{prefix}.cpu_ratio_to_bare")
        cpu_note = f"; CPU time {cpu_ratio:.2f} x" if cpu_ratio else ""
        lines.append(f"  pipeline / bare loop: {ratio:.2f} x wall{cpu_note} (target at most {limit} x: "
                     f"{_verdict(ratio <= limit)})")
        share = values[f"{prefix}.luigi_share"]
        lines.append(f"  Luigi's share of wall time: {100 * share:.1f} % (target under {100 * MAX_LUIGI_SHARE:.0f} %: "
                     f"{_verdict(share < MAX_LUIGI_SHARE)})")
        if "pipeline_2" in run:
            two = run["pipeline_2"]
            speedup = values[f"{prefix}.two_worker_speedup"]
            lines.append(f"  pipeline, {two['workers']} workers (`newsclean run --workers {two['workers']}`: one-worker "
                         f"processes on a private luigid): {two['wall_seconds']:.1f} s, "
                         f"{n_docs / two['wall_seconds']:.1f} documents/s, peak memory per process "
                         f"{max(two['maxrss_mb']):.0f} MB, CPU {two['cpu_seconds']:.1f} s, {_run_state(two)}")
            lines += _speedup_lines(f"{two['workers']} workers", speedup,
                                    values.get(f"{prefix}.machine_two_process_speedup"), "the pipeline")
        if "shared_scheduler" in run:
            shared = run["shared_scheduler"]
            speedup = values[f"{prefix}.shared_scheduler_speedup"]
            lines.append(f"  {shared['processes']} `newsclean run` processes on one luigid (loopback, one output folder): "
                         f"{shared['wall_seconds']:.1f} s, {n_docs / shared['wall_seconds']:.1f} documents/s, peak memory "
                         f"per process {max(shared['maxrss_mb']):.0f} MB, CPU {shared['cpu_seconds']:.1f} s, "
                         f"{_run_state(shared)}")
            lines += _speedup_lines(f"{shared['processes']} processes", speedup,
                                    values.get(f"{prefix}.machine_two_process_speedup_shared"), "the processes")
        if pipeline.get("profile"):
            lines.append(f"  cProfile of a separate 1-worker run (not the timed one): {pipeline['profile']}")
    if "growth.time_ratio" in values:
        small, large = (run["corpus"]["n_docs"] for run in results["runs"])
        time_ratio, memory_ratio = values["growth.time_ratio"], values["growth.memory_ratio"]
        lines.append("")
        lines.append(f"growth {small} -> {large} documents: time {time_ratio:.2f} x (target at most "
                     f"{MAX_GROWTH_TIME_RATIO} x: {_verdict(time_ratio <= MAX_GROWTH_TIME_RATIO)}), peak memory per "
                     f"process {memory_ratio:.2f} x (target at most {MAX_GROWTH_MEMORY_RATIO} x: "
                     f"{_verdict(memory_ratio <= MAX_GROWTH_MEMORY_RATIO)})")
    planned = results["planned"]
    lines.append("")
    lines.append(f"tasks for {planned['n_docs']} documents of this kind (~{planned['bytes_per_doc']} bytes each, "
                 f"{planned['n_sources']} sources, part_size_bytes {planned['part_size_bytes']}, shard_size_docs "
                 f"{planned['shard_size_docs']}): {planned['n_tasks']} (target in the hundreds: "
                 f"{_verdict(planned['n_tasks'] <= MAX_PLANNED_TASKS)})")
    return "\n".join(lines)
