"""The day's run: ``DailyRun(date)`` wraps everything; ``RangeDaily`` backfills a date range.

Output folder: ``OUT/<date>_<config hash>/``; ``OUT/latest`` points at the newest complete run.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import luigi

from pipeline import settings as settings_module
from pipeline.tasks.base import remove_stale_temporaries, write_atomically
from pipeline.tasks.extract import part_count_for
from pipeline.tasks.report import RunReport
from pipeline.tasks.template import SiteLineCounts, read_sources

LATEST_LINK = "latest"


def run_folder(out: str, date) -> Path:
    """Return the run folder of ``date`` under ``out`` for the current configuration."""
    return Path(out).resolve() / f"{date.isoformat()}_{settings_module.config_hash()}"


def point_latest(out: Path, run_dir: Path) -> None:
    """Point ``OUT/latest`` at ``run_dir`` unless it already points at a later date."""
    link = out / LATEST_LINK
    if link.is_symlink():
        current = os.readlink(link)
        if current.split("_", 1)[0] > run_dir.name.split("_", 1)[0]:
            return
    temporary = out / f".{LATEST_LINK}.tmp-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(run_dir.name)
    os.replace(temporary, link)
    remove_stale_temporaries(link)


class DailyRun(luigi.Task):
    """Everything for one day: corpus, ledger, reliability table and report.

    Output: ``OUT/<date>_<hash>/_SUCCESS`` (a small JSON summary), written last; complete
    when it exists. The source-level tasks are only known once the corpus-level pass has
    listed the day's sources. A DailyRun first asked after that pass (a resumed run, a second
    machine's next build) requires them statically, so every process sharing a luigid sees
    and shares them; one asked before hands them to Luigi from ``run()`` as its one dynamic
    dependency (``run()`` has no side effect before that, so Luigi restarting it is harmless).
    """

    date = luigi.DateParameter()
    raw = luigi.Parameter(default="raw", description="The raw root folder")
    out = luigi.Parameter(default="clean", description="Where run folders are written")

    def run_dir(self) -> Path:
        return run_folder(self.out, self.date)

    def params(self) -> dict:
        return {"date": self.date, "raw": str(Path(self.raw).resolve()), "run_dir": str(self.run_dir())}

    @functools.cached_property
    def n_parts(self) -> int:
        """How many extraction parts the day needs (lists the raw folder once per task instance)."""
        limits = settings_module.load_settings()["newsclean"]
        return part_count_for(str(Path(self.raw).resolve()), self.date, limits, str(self.run_dir()))

    @functools.cached_property
    def sources_known(self) -> bool:
        """Whether the corpus pass had listed the day's sources when this task was first asked.

        Fixed per task instance, so the requirements Luigi checks before ``run()`` are those it
        scheduled. A process that builds again later must build a new instance
        (``luigi.task_register.Register.clear_instance_cache()``) to see the sources.
        """
        return (self.run_dir() / "sources.jsonl").exists()

    def requires(self):
        requirements = {"corpus_pass": SiteLineCounts(n_parts=self.n_parts, **self.params())}
        if self.sources_known:
            requirements["report"] = RunReport(n_parts=self.n_parts, **self.params())
        return requirements

    def output(self):
        return luigi.LocalTarget(str(self.run_dir() / "_SUCCESS"))

    def run(self):
        if not self.sources_known:
            yield RunReport(n_parts=self.n_parts, **self.params())
        run_dir = self.run_dir()
        sources = read_sources(str(run_dir))
        n_rejected = sum(1 for line in (run_dir / "rejected.jsonl").read_text(encoding="utf-8").splitlines() if line)
        summary = {
            "date": self.date.isoformat(),
            "config_hash": settings_module.config_hash(),
            "n_documents": sum(row["n_docs"] for row in sources) - _no_content_count(run_dir),
            "n_rejected": n_rejected,
            "n_sources": len(sources),
            "run_dir": run_dir.name,
        }
        write_atomically(Path(self.output().path), (json.dumps(summary, sort_keys=True) + "\n").encode("utf-8"))
        point_latest(run_dir.parent, run_dir)


def _no_content_count(run_dir: Path) -> int:
    """Return how many extracted documents cleaning rejected (they are in the ledger)."""
    clean = run_dir / "clean"
    if not clean.exists():
        return 0
    return sum(1 for path in clean.glob("*.rejected.jsonl") for line in path.read_text(encoding="utf-8").splitlines() if line)
