"""The pipeline against a real luigid: every task DONE, the expected families in the graph,
and the visualiser (Debian's Chromium driven by Playwright) listing our tasks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.tasks.corpus_builder import write_corpus

BIN = Path(sys.executable).parent
DAY = "2026-11-18"
FAMILIES = {"DailyRun", "RunConfigRecord", "InputInventory", "ExtractPart", "SiteLineCounts", "CleanShard",
            "AnnotateShard", "CorpusShard", "ScoreSource", "ReliabilityTable", "RejectedLedger", "RunReport"}
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def pipeline_run(luigid, tmp_path_factory):
    root = tmp_path_factory.mktemp("scheduled")
    write_corpus(root / "raw")
    completed = subprocess.run([str(BIN / "newsclean"), "run", "--raw", str(root / "raw"), "--out", str(root / "out"),
                                "--date", DAY, "--workers", "2", "--scheduler-host", "127.0.0.1",
                                "--scheduler-port", str(luigid.port)], capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr + completed.stdout
    return root, completed


def test_every_task_done_and_graph_has_our_families(luigid, pipeline_run):
    done = luigid.api("task_list", status="DONE")
    assert done, "luigid lists no DONE task"
    assert {task["name"] for task in done.values()} == FAMILIES
    for status in ("FAILED", "PENDING", "RUNNING"):
        assert luigid.api("task_list", status=status) == {}
    [daily_id] = [task_id for task_id, task in done.items() if task["name"] == "DailyRun"]
    graph = luigid.api("dep_graph", task_id=daily_id)
    assert {task["name"] for task in graph.values()} >= FAMILIES - {"DailyRun"} | {"DailyRun"}


def test_cli_summary_says_where_results_are(pipeline_run):
    _, completed = pipeline_run
    assert "reliability.csv" in completed.stdout and "report.html" in completed.stdout


def test_visualiser_lists_our_tasks(luigid, pipeline_run):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium (make test does it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            page.goto(f"{luigid.url}/static/visualiser/index.html#tab=tasks", wait_until="load")
            page.wait_for_selector("#taskTable tbody tr", timeout=30_000)
            rows = page.locator("#taskTable tbody tr").count()
            table_text = page.inner_text("#taskTable")
            page_text = page.inner_text("body")  # the family sidebar lists every family with its count
        finally:
            browser.close()
    assert rows >= 1 and "DONE" in table_text
    assert any(family in table_text for family in FAMILIES)
    for family in FAMILIES:
        assert family in page_text
