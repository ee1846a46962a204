"""A nightly run over a date partition does no work on the dates that are already done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import luigi
from luigi.execution_summary import LuigiStatusCode, _summary_dict

from pipeline.tasks.daily import DailyRun

FIRST, SECOND = dt.date(2026, 11, 1), dt.date(2026, 11, 2)
STORY = ("Home | World | Business\n\n{title}\n\n{date}\n\n"
         "The harbour board approved a plan for a new ferry terminal on {weekday}, its chair told reporters.\n"
         "\"We expect the first crossings in the spring,\" the chair said, adding that costs may still change.\n"
         "According to the board's annual report, passenger numbers rose {rise} percent last year.\n\n"
         "Subscribe to our newsletter for the morning briefing.\n")


def _write_day(raw: Path, date: dt.date) -> None:
    for number, weekday in enumerate(("Monday", "Tuesday", "Friday"), start=1):
        folder = raw / date.isoformat() / ("harbour-post" if number < 3 else "valley-news")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{number}.txt").write_text(
            STORY.format(title=f"Ferry plan, part {number}", date=date.isoformat(), weekday=weekday, rise=number * 4),
            encoding="utf-8")


def _stamps(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in sorted(folder.rglob("*"))}


def _build(tasks):
    result = luigi.build(tasks, local_scheduler=True, workers=1, detailed_summary=True)
    return result, _summary_dict(result.worker)


def test_second_night_does_no_work_on_the_first(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    _write_day(raw, FIRST)
    first, _ = _build([DailyRun(date=FIRST, raw=str(raw), out=str(out))])
    assert first.status == LuigiStatusCode.SUCCESS, first.summary_text
    [first_run] = [path for path in out.iterdir() if path.name.startswith(FIRST.isoformat())]
    before = _stamps(first_run)

    _write_day(raw, SECOND)
    days = [DailyRun(date=day, raw=str(raw), out=str(out)) for day in (FIRST, SECOND)]
    second, summary = _build(days)
    assert second.status == LuigiStatusCode.SUCCESS, second.summary_text
    ran = summary["completed"]
    assert ran, "the second night ran nothing"
    assert all(task.date == SECOND for task in ran), sorted(str(task) for task in ran if task.date != SECOND)
    assert days[0] in summary["already_done"]
    assert _stamps(first_run) == before  # not a file of the first night was touched
    assert (out / "latest").resolve().name.startswith(SECOND.isoformat())

    third, summary = _build(days)  # a rerun of the same night: nothing at all
    assert third.status == LuigiStatusCode.SUCCESS, third.summary_text
    assert summary["completed"] == set() and set(days) <= summary["already_done"]
