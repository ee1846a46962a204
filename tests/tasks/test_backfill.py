"""Backfill a date range over the dated layout raw/<date>/<source>/ with RangeDaily."""

import json

from pipeline.cli import main
from tests.tasks.corpus_builder import HARBOUR_STORIES, harbour_page


def _write_days(raw, days) -> None:
    """Write ``raw/<day>/harbour-courier/story-N.txt`` for each ``(day, stories)``."""
    for day, stories in days:
        folder = raw / day / "harbour-courier"
        folder.mkdir(parents=True)
        for number, (title, body) in enumerate(stories):
            (folder / f"story-{number}.txt").write_text(harbour_page(title, body), encoding="utf-8")


def test_backfill_runs_each_day_and_latest_is_newest(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    _write_days(raw, (("2026-11-16", HARBOUR_STORIES[:2]), ("2026-11-18", HARBOUR_STORIES[2:])))
    code = main(["backfill", "--raw", str(raw), "--out", str(out), "--start", "2026-11-16", "--stop", "2026-11-19",
                 "--local-scheduler"])
    assert code == 0
    summaries = {p.parent.name[:10]: json.loads(p.read_text()) for p in out.glob("20*_*/_SUCCESS")}
    assert sorted(summaries) == ["2026-11-16", "2026-11-17", "2026-11-18"]
    assert [summaries[d]["n_documents"] for d in sorted(summaries)] == [2, 0, 1]
    assert (out / "latest").resolve().name.startswith("2026-11-18_")


def test_a_later_night_does_no_work_on_days_already_done(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    _write_days(raw, (("2026-11-16", HARBOUR_STORIES[:2]), ("2026-11-17", HARBOUR_STORIES[2:])))
    assert main(["backfill", "--raw", str(raw), "--out", str(out), "--start", "2026-11-16", "--stop", "2026-11-17",
                 "--local-scheduler"]) == 0
    (done,) = out.glob("2026-11-16_*")
    before = {path: path.stat().st_mtime_ns for path in done.rglob("*")}
    assert main(["backfill", "--raw", str(raw), "--out", str(out), "--start", "2026-11-16", "--stop", "2026-11-18",
                 "--local-scheduler"]) == 0
    assert {path: path.stat().st_mtime_ns for path in done.rglob("*")} == before  # nothing rewritten, nothing added
    (new,) = out.glob("2026-11-17_*")
    assert json.loads((new / "_SUCCESS").read_text())["n_documents"] == 1
    assert (out / "latest").resolve() == new.resolve()
