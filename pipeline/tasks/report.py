"""The rejected ledger and the run report."""

from __future__ import annotations

import collections
import json
from collections.abc import Iterator
from pathlib import Path

import luigi
import pandas as pd

from pipeline import report as report_module
from pipeline import settings as settings_module
from pipeline.tasks.base import RunTask, read_jsonl, write_atomically, write_jsonl
from pipeline.tasks.score import ReliabilityTable
from pipeline.tasks.shards import CleanShard, CorpusShard, shard_tasks
from pipeline.tasks.template import SiteLineCounts

LEDGER_SORT = ("raw_path", "reason", "detail")


class RejectedLedger(RunTask):
    """Merge every stage's refusals into ``rejected.jsonl`` (sorted by raw path).

    Inputs: ``RUN/inputs.rejected.jsonl``, ``RUN/extract/part-*/rejected.jsonl``,
    ``RUN/clean/*.rejected.jsonl``. Output: ``RUN/rejected.jsonl``.
    """

    n_parts = luigi.IntParameter()

    def requires(self):
        if not self.run_path("sources.jsonl").exists():
            return [SiteLineCounts(n_parts=self.n_parts, **self.run_params())]
        return [SiteLineCounts(n_parts=self.n_parts, **self.run_params())] + shard_tasks(
            self.run_dir, self.run_params(), self.n_parts, family=CleanShard)

    def output(self):
        return self.target("rejected.jsonl")

    def run(self):
        paths = [self.run_path("inputs.rejected.jsonl")]
        paths += [self.run_path("extract", f"part-{part:05d}", "rejected.jsonl") for part in range(self.n_parts)]
        paths += sorted(self.run_path("clean").glob("*.rejected.jsonl")) if self.run_path("clean").exists() else []
        rows = [row for path in paths if path.exists() for row in read_jsonl(path)]
        rows.sort(key=lambda row: tuple(str(row.get(key, "")) for key in LEDGER_SORT))
        write_jsonl(Path(self.output().path), [json.dumps(row, ensure_ascii=False) for row in rows])


def document_summaries(run_dir: Path) -> Iterator[dict]:
    """Yield what the report reads of each cleaned document, one corpus record at a time.

    Reads ``RUN/corpus/*.jsonl`` in sorted path order, each file line by line; yields one dict
    with the keys of :data:`pipeline.report.DOCUMENT_FIELDS` per record (its text is not kept).
    """
    for path in sorted((run_dir / "corpus").glob("*.jsonl")):
        for record in read_jsonl(path):
            yield {
                "doc_id": record["doc_id"],
                "source": record["source"],
                "language": record["language"],
                "language_confidence": record["language_confidence"],
                "title": record.get("title"),
                "n_words": record.get("n_words", 0),
                "n_removed": len(record["removed"]),
                "removed_reasons": dict(collections.Counter(item["reason"] for item in record["removed"])),
                "artifact_kinds": dict(collections.Counter(item["kind"] for item in record["artifacts"])),
                "artifact_rate": record.get("artifact_rate", 0.0),
            }


class RunReport(RunTask):
    """Render ``report.html``: scores with their evidence, boilerplate, languages, artifacts, ledger.

    Inputs: ``RUN/reliability.parquet``, ``RUN/corpus/*.jsonl``, ``RUN/rejected.jsonl``.
    Output: ``RUN/report.html``. The corpus and the ledger are read one line at a time and
    only what the page shows is kept (aggregates, the listed documents and rows), so memory
    does not grow with the number of documents or rejected inputs.
    """

    n_parts = luigi.IntParameter()

    def requires(self):
        return {"table": ReliabilityTable(n_parts=self.n_parts, **self.run_params()),
                "ledger": RejectedLedger(n_parts=self.n_parts, **self.run_params())}

    def output(self):
        return self.target("report.html")

    def run(self):
        run_dir = Path(self.run_dir)
        reliability = pd.read_parquet(run_dir / "reliability.parquet")
        if "evidence" in reliability:
            reliability["evidence"] = reliability["evidence"].map(json.loads)
        significant = settings_module.significant_config()
        run_info = {  # n_documents and n_rejected: the counts the renderer reads
            "date": self.date.isoformat(),
            "config_hash": settings_module.config_hash(),
            "settings": significant["settings"],
            "versions": significant["versions"],
        }
        self.set_status_message("reading the corpus and the ledger")
        html = report_module.render_report_stream(document_summaries(run_dir), reliability,
                                                  read_jsonl(Path(self.input()["ledger"].path)), run_info,
                                                  settings=settings_module.settings_for("report"))
        write_atomically(Path(self.output().path), html.encode("utf-8"))
