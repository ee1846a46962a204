"""The whole DAG on a small invented corpus, with the in-process scheduler."""

import datetime as dt
import json
from pathlib import Path

import luigi
import pandas as pd
import pytest
from luigi.execution_summary import LuigiStatusCode

from pipeline.tasks.daily import DailyRun
from tests.tasks.corpus_builder import write_corpus

DAY = dt.date(2026, 11, 18)
CONTRACT_KEYS = {"doc_id", "raw_path", "source", "url", "title", "published", "language", "language_confidence",
                 "text", "removed", "artifacts", "signals", "schema_version"}


def _run(raw: Path, out: Path):
    return luigi.build([DailyRun(date=DAY, raw=str(raw), out=str(out))], local_scheduler=True,
                       detailed_summary=True, workers=1)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    root = tmp_path_factory.mktemp("run")
    raw, out = root / "raw", root / "out"
    expected = write_corpus(raw)
    result = _run(raw, out)
    return raw, out, expected, result


def test_run_succeeds_and_points_latest(finished):
    raw, out, _, result = finished
    assert result.status == LuigiStatusCode.SUCCESS, result.summary_text
    latest = out / "latest"
    assert latest.is_symlink() and (latest / "_SUCCESS").exists()
    assert latest.resolve().name.startswith("2026-11-18_")
    config = json.loads((latest / "config.json").read_text())
    assert set(config["hashed"]) >= {"settings", "data_files", "versions"}


def test_every_input_is_accounted_for(finished):
    raw, out, expected, _ = finished
    run = out / "latest"
    records = [json.loads(line) for path in sorted((run / "corpus").glob("*.jsonl")) for line in path.read_text().splitlines()]
    rejected = [json.loads(line) for line in (run / "rejected.jsonl").read_text().splitlines()]
    assert len(records) + sum(1 for r in rejected if not r["raw_path"].startswith("manifest.csv")) >= expected["documents_in"] + 2
    paths = {r["raw_path"] for r in records} | {r["raw_path"] for r in rejected}
    for name in ("harbour-courier/story-1.txt", "valley-times/rail-strike.html", "feed.jsonl#1", "feed.jsonl#2",
                 "feed.jsonl#3", "feed2.jsonl.gz#1", "pages.warc.gz#1", "empty.txt"):
        assert name in paths
    assert {r["reason"] for r in rejected} >= {"bad_jsonl_line", "empty", "manifest_bad_path"}
    for record in records:
        assert CONTRACT_KEYS <= set(record) and record["source"] and record["text"].strip()
        assert (run / "text" / record["source_slug"] / f"{record['doc_id']}.txt").read_text() == record["text"] + "\n"


def test_sources_and_template_lines(finished):
    run = finished[1] / "latest"
    records = {json.loads(l)["raw_path"]: json.loads(l) for p in (run / "corpus").glob("*.jsonl") for l in p.read_text().splitlines()}
    story = records["harbour-courier/story-1.txt"]
    assert story["source"] == "harbour-courier"
    assert records["feed.jsonl#1"]["source"] == "Diario del Sur" and records["feed.jsonl#1"]["language"] == "es"
    assert records["feed.jsonl#3"]["source"] == "valleytimes-news.com"
    assert records["valley-times/rail-strike.html"]["source"] == "valley-times"
    removed = {item["text"]: item["reason"] for item in story["removed"]}
    assert "Subscribe to our newsletter for the morning briefing." in removed
    assert "Port authority approves new ferry terminal" not in story["text"]
    assert "The port authority approved a new ferry terminal" in story["text"]


def test_tables(finished):
    run = finished[1] / "latest"
    table = pd.read_csv(run / "reliability.csv")
    assert {"source", "n_docs", "reliability_score"} <= set(table.columns)
    assert set(table["source"]) >= {"harbour-courier", "Diario del Sur"}
    assert pd.read_parquet(run / "reliability.parquet").shape[0] == len(table)
    corpus = pd.concat([pd.read_parquet(p) for p in sorted((run / "corpus").glob("*.parquet"))])
    assert len(corpus) == sum(len(p.read_text().splitlines()) for p in (run / "corpus").glob("*.jsonl"))
    html = (run / "report.html").read_text()
    assert "harbour-courier" in html and "<script" not in html.lower()


def test_second_run_does_no_work_and_outputs_repeat(finished, tmp_path):
    raw, out, _, _ = finished
    before = _files((out / "latest").resolve())
    again = _run(raw, out)
    assert again.status == LuigiStatusCode.SUCCESS
    assert "Did not run any tasks" in again.summary_text
    assert _files((out / "latest").resolve()) == before
    fresh = tmp_path / "out2"
    _run(raw, fresh)
    assert _files((fresh / "latest").resolve()) == before


def test_a_day_asked_after_the_corpus_pass_requires_the_source_tasks_statically(tmp_path):
    from luigi.task_register import Register

    from pipeline.tasks.report import RunReport
    from pipeline.tasks.template import SiteLineCounts

    raw, out = tmp_path / "raw", tmp_path / "out"
    write_corpus(raw)
    before = DailyRun(date=DAY, raw=str(raw), out=str(out))
    assert set(before.requires()) == {"corpus_pass"}  # the sources are not listed yet
    corpus_pass = before.requires()["corpus_pass"]
    assert luigi.build([corpus_pass], local_scheduler=True, workers=1)
    assert set(before.requires()) == {"corpus_pass"}  # fixed for the instance Luigi scheduled
    Register.clear_instance_cache()
    after = DailyRun(date=DAY, raw=str(raw), out=str(out))
    assert after is not before
    assert isinstance(after.requires()["report"], RunReport)
    assert isinstance(after.requires()["corpus_pass"], SiteLineCounts)
    result = luigi.build([after], local_scheduler=True, detailed_summary=True, workers=1)
    assert result.status == LuigiStatusCode.SUCCESS, result.summary_text
    assert after.complete()
