"""The benchmark: a deterministic corpus generator, the task-count plan, and a report with every figure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from pipeline.bench import corpus, report, runner

DAY = dt.date(2026, 11, 20)


def _files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_generator_writes_the_same_bytes_twice(tmp_path):
    first = corpus.write_corpus(tmp_path / "a", 8, "both", seed=7, date=DAY)
    second = corpus.write_corpus(tmp_path / "b", 8, "both", seed=7, date=DAY)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (first.n_docs, first.n_text, first.n_html) == (8, 4, 4)
    assert first.n_bytes == second.n_bytes == sum(len(data) for name, data in _files(tmp_path / "a").items()
                                                  if not name.endswith(corpus.MARKER_NAME))


def test_another_seed_writes_other_documents(tmp_path):
    corpus.write_corpus(tmp_path / "a", 4, "txt", seed=7, date=DAY)
    corpus.write_corpus(tmp_path / "b", 4, "txt", seed=8, date=DAY)
    a = {name: data for name, data in _files(tmp_path / "a").items() if name.endswith(".txt")}
    b = {name: data for name, data in _files(tmp_path / "b").items() if name.endswith(".txt")}
    assert set(a.values()).isdisjoint(b.values())


def test_small_corpus_is_a_prefix_of_the_large_one(tmp_path):
    corpus.write_corpus(tmp_path / "small", 3, "txt", seed=7, date=DAY)
    corpus.write_corpus(tmp_path / "large", 12, "txt", seed=7, date=DAY)
    small = {k: v for k, v in _files(tmp_path / "small").items() if k.endswith(".txt")}
    large = _files(tmp_path / "large")
    assert len(small) == 3 and all(large[name] == data for name, data in small.items())


def test_existing_corpus_is_reused_and_other_parameters_rewrite(tmp_path):
    root = tmp_path / "raw"
    corpus.write_corpus(root, 4, "txt", seed=7, date=DAY)
    marker = root / corpus.MARKER_NAME
    stamp = marker.stat().st_mtime_ns
    again = corpus.write_corpus(root, 4, "txt", seed=7, date=DAY)
    assert marker.stat().st_mtime_ns == stamp and again.n_docs == 4
    corpus.write_corpus(root, 5, "txt", seed=7, date=DAY)
    assert json.loads(marker.read_text())["n_docs"] == 5


def test_sizes_layout_and_languages(tmp_path):
    info = corpus.write_corpus(tmp_path, 40, "both", seed=3, date=DAY)
    day = tmp_path / DAY.isoformat()
    texts = sorted(day.rglob("*.txt"))
    pages = sorted(day.rglob("*.html"))
    assert len(texts) == len(pages) == 20
    assert {path.parent.name for path in texts + pages} <= {outlet.slug for outlet in corpus.OUTLETS}
    for path in texts:
        size = path.stat().st_size
        assert corpus.TEXT_TARGET_BYTES * 0.8 <= size <= corpus.TEXT_TARGET_BYTES * 1.3, (path, size)
    for path in pages:
        size = path.stat().st_size
        assert corpus.HTML_TARGET_BYTES * 0.8 <= size <= corpus.HTML_TARGET_BYTES * 1.3, (path, size)
    bodies = [path.read_text(encoding="utf-8") for path in texts]
    assert any(any("а" <= ch <= "я" for ch in body) for body in bodies)  # Cyrillic outlets
    assert any("Subscribe to our newsletter" in body for body in bodies)  # boilerplate lines
    assert "<nav" in pages[0].read_text(encoding="utf-8") and "<article>" in pages[0].read_text(encoding="utf-8")
    assert info.n_sources >= 5


def test_format_alternates_only_for_both():
    assert [corpus.document_format("both", i) for i in range(4)] == ["txt", "html", "txt", "html"]
    assert {corpus.document_format("html", i) for i in range(4)} == {"html"}
    with pytest.raises(ValueError):
        corpus.write_corpus(None, 1, "pdf")


def _limits(**changes):
    from pipeline.settings import PipelineSettings

    return dataclasses.replace(PipelineSettings(part_size_bytes=64_000_000), **changes)


@pytest.mark.parametrize("docs_per_source, shards", [(5000, 1), (5001, 2), (10000, 2)])
def test_planned_task_count_at_shard_edges(docs_per_source, shards):
    n_sources = 10
    expected = 7 + 1 + 3 * shards * n_sources + n_sources
    limits = _limits(tasks_per_stage=1)  # shards of shard_size_docs, one part
    assert runner.planned_task_count(docs_per_source * n_sources, 1.0, n_sources, limits) == expected


def test_planned_task_count_at_100000_documents_is_in_the_hundreds():
    # 100,000 HTML pages of 60 KB: 94 parts of 64 MB, 10 sources of 10,000 documents -> 40 shards of 2,500.
    assert runner.planned_task_count(100_000, 60_000, 10, _limits()) == 7 + 94 + 3 * 40 + 10


def test_small_days_are_cut_into_tasks_per_stage_tasks_within_the_smallest_sizes():
    # 10,000 documents of 4 KB in 10 sources: 40 MB in 10 parts of 4 MB (not 1 of 64 MB), 40 shards of 250.
    assert runner.planned_task_count(10_000, 4_000, 10, _limits()) == 7 + 10 + 3 * 40 + 10
    # 30 documents: one part, one shard a source (never below the smallest sizes).
    assert runner.planned_task_count(30, 4_000, 5, _limits()) == 7 + 1 + 3 * 5 + 5


def _pipeline(wall, luigi_seconds, memory, workers=1):
    stages = {"ExtractPart": wall * 0.2, "AnnotateShard": wall * 0.5, "CleanShard": wall * 0.1}
    return {"workers": workers, "wall_seconds": wall, "stage_seconds": stages,
            "stage_tasks": {"ExtractPart": 1, "AnnotateShard": 10, "CleanShard": 10}, "run_seconds": sum(stages.values()),
            "luigi_seconds": luigi_seconds, "n_tasks": 21, "n_documents": 100, "maxrss_self_mb": memory,
            "maxrss_children_mb": 0.0, "succeeded": True, "status": "SUCCESS"}


def _results(fmt="txt", bare_wall=10.0, wall=15.0, luigi_seconds=0.5):
    small = {"corpus": {"n_docs": 100, "n_text": 100, "n_html": 0, "n_bytes": 400_000, "n_sources": 10},
             "bare": {"wall_seconds": bare_wall, "extract_seconds": 0.0, "detect_seconds": bare_wall, "n_documents": 100,
                      "maxrss_self_mb": 120.0},
             "pipeline": _pipeline(wall, luigi_seconds, 300.0),
             "pipeline_2": {"workers": 2, "wall_seconds": wall / 1.8, "cpu_seconds": 16.0, "maxrss_mb": [290.0, 280.0],
                            "exit_codes": [0, 0], "n_documents": 100, "succeeded": True},
             "machine_before": {"one_seconds": 3.0, "two_seconds": 3.2, "speedup": 1.875},
             "machine_after": {"one_seconds": 3.0, "two_seconds": 3.4, "speedup": 1.725}}
    large = {"corpus": {"n_docs": 1000, "n_text": 1000, "n_html": 0, "n_bytes": 4_000_000, "n_sources": 10},
             "bare": {**small["bare"], "wall_seconds": bare_wall * 10}, "pipeline": _pipeline(wall * 10.5, 2.0, 330.0)}
    return {"options": {"fmt": fmt, "seed": 1, "workers": 2, "overrides": []},
            "planned": {"n_docs": 100_000, "bytes_per_doc": 4000, "n_sources": 10, "part_size_bytes": 64_000_000,
                        "shard_size_docs": 5_000, "n_tasks": 84},
            "runs": [small, large]}


def test_report_has_every_figure():
    text = report.format_report(_results())
    for needle in ("N = 100 documents", "N = 1000 documents", "6.7 documents/s", "0.03 MB/s",
                   "peak memory per process: 300 MB", "AnnotateShard", "ExtractPart", "CleanShard",
                   "Luigi (wall-run)", "Luigi's share of wall time: 3.3 %", "bare loop: 10.0 s",
                   "pipeline / bare loop: 1.50 x", "throughput 2 workers / 1 worker: 1.80 x",
                   "pipeline, 2 workers (`newsclean run --workers 2`", "peak memory per process 290 MB",
                   "growth 100 -> 1000 documents: time 10.50 x", "peak memory per process 1.10 x",
                   "two CPU-bound processes at once gave 1.80 x", "the pipeline reached 100 % of that",
                   "tasks for 100000 documents"):
        assert needle in text, needle
    figures = report.figures(_results())
    assert figures["n100.ratio_to_bare"] == pytest.approx(1.5)
    assert figures["growth.memory_ratio"] == pytest.approx(1.1)
    assert figures["n100.peak_memory_mb"] == 300.0
    assert figures["n100.machine_two_process_speedup"] == pytest.approx(1.8)
    assert "n100.cpu_ratio_to_bare" not in figures  # no CPU times in these results


def test_cpu_time_ratio_is_printed_beside_the_wall_ratio():
    results = _results()
    results["runs"][0]["pipeline"]["cpu_seconds"] = 14.0
    results["runs"][0]["bare"]["cpu_seconds"] = 10.0
    assert "1.50 x wall; CPU time 1.40 x" in report.format_report(results)
    assert report.figures(results)["n100.cpu_ratio_to_bare"] == pytest.approx(1.4)


def test_machine_parallelism_is_two_processes_against_one():
    measured = runner.measure_machine_parallelism(seconds=0.3)
    assert measured["one_seconds"] > 0 and measured["two_seconds"] > 0
    assert measured["speedup"] == pytest.approx(2 * measured["one_seconds"] / measured["two_seconds"])
    assert 0.5 < measured["speedup"] < 2.5


def test_report_marks_figures_past_their_targets_at_the_edges():
    at_limit = report.format_report(_results(wall=15.0))  # text: exactly 1.5 x the bare loop
    assert "1.50 x wall (target at most 1.5 x: ok)" in at_limit
    above = report.format_report(_results(wall=15.1))
    assert "1.51 x wall (target at most 1.5 x: TARGET MISSED)" in above
    html = report.format_report(_results(fmt="html", wall=12.0))  # HTML: at most 1.2 x
    assert "1.20 x wall (target at most 1.2 x: ok)" in html
    assert "Luigi's share of wall time: 5.0 % (target under 5 %: TARGET MISSED)" in report.format_report(
        _results(wall=10.0, luigi_seconds=0.5))


def test_small_benchmark_runs_the_real_pipeline(tmp_path):
    results = runner.benchmark(tmp_path, runner.BenchOptions(n_docs=4, fmt="both", workers=1, seed=11))
    [run] = results["runs"]
    pipeline, bare = run["pipeline"], run["bare"]
    assert pipeline["succeeded"] and pipeline["status"] == "SUCCESS"
    assert pipeline["n_documents"] == 4 and bare["n_documents"] == 4
    assert set(pipeline["stage_seconds"]) >= {"ExtractPart", "CleanShard", "AnnotateShard", "CorpusShard", "DailyRun"}
    assert pipeline["stage_tasks"]["ExtractPart"] == 1
    assert pipeline["n_tasks"] == sum(pipeline["stage_tasks"].values())
    assert 0 < pipeline["run_seconds"] <= pipeline["wall_seconds"]  # one worker, one monotonic clock
    assert pipeline["luigi_seconds"] >= 0
    assert pipeline["maxrss_self_mb"] > 0 and bare["maxrss_self_mb"] > 0
    assert 0 < pipeline["cpu_seconds"] and 0 < bare["cpu_seconds"]
    text = report.format_report(results)
    assert "N = 4 documents (2 text, 2 HTML" in text and "pipeline / bare loop:" in text


def test_report_gives_the_shared_scheduler_ratio():
    results = _results()
    results["runs"][0]["shared_scheduler"] = {"processes": 2, "wall_seconds": 15.0 / 1.75, "cpu_seconds": 16.0,
                                              "maxrss_mb": [310.0, 305.0], "exit_codes": [0, 0], "n_documents": 100,
                                              "succeeded": True}
    results["runs"][0]["machine_before_shared"] = {"one_seconds": 3.0, "two_seconds": 3.2, "speedup": 1.875}
    text = report.format_report(results)
    assert "2 `newsclean run` processes on one luigid (loopback, one output folder)" in text
    assert "peak memory per process 310 MB" in text and "run complete" in text
    assert "throughput 2 processes / 1 worker: 1.75 x (target at least 1.7 x: ok)" in text
    assert "gave 1.88 x the throughput of one (2.00 on two free cores); the processes reached 93 % of that" in text
    assert report.figures(results)["n100.shared_scheduler_speedup"] == pytest.approx(1.75)


def test_two_processes_on_one_luigid_share_a_small_run(tmp_path):
    from pipeline.bench import corpus as corpus_module

    info = corpus_module.write_corpus(tmp_path / "raw", 30, "txt", seed=5)
    shared = runner.measure_shared_scheduler(info.raw, tmp_path / "out", info.date, 2)
    assert shared["succeeded"] and shared["exit_codes"] == [0, 0]
    assert shared["n_documents"] == 30
    assert len(shared["maxrss_mb"]) == 2 and all(mb > 0 for mb in shared["maxrss_mb"])
    assert 0 < shared["cpu_seconds"] and 0 < shared["wall_seconds"]
    alone = runner.measure_pipeline(info.raw, tmp_path / "alone", info.date)
    from pipeline.tasks.daily import run_folder

    shared_folder, alone_folder = run_folder(str(tmp_path / "out"), info.date), run_folder(str(tmp_path / "alone"), info.date)
    assert (shared_folder / "reliability.csv").read_bytes() == (alone_folder / "reliability.csv").read_bytes()


def test_two_worker_run_is_newsclean_run_with_its_private_luigid(tmp_path):
    from pipeline.bench import corpus as corpus_module

    info = corpus_module.write_corpus(tmp_path / "raw", 30, "txt", seed=5)
    two = runner.measure_worker_processes(info.raw, tmp_path / "out", info.date, 2)
    assert two["succeeded"] and two["exit_codes"] == [0, 0] and two["n_documents"] == 30
    assert two["cpu_seconds"] > 0 and len(two["maxrss_mb"]) == 2
    assert not (tmp_path / "out" / ".luigid").exists()  # the private scheduler's folder is gone
    alone = runner.measure_pipeline(info.raw, tmp_path / "alone", info.date)
    from pipeline.tasks.daily import run_folder

    two_folder, alone_folder = run_folder(str(tmp_path / "out"), info.date), run_folder(str(tmp_path / "alone"), info.date)
    assert (two_folder / "reliability.csv").read_bytes() == (alone_folder / "reliability.csv").read_bytes()
