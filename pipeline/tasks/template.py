"""The corpus-level pass: per source, in how many documents each normalised line occurs."""

from __future__ import annotations

import collections
import heapq
import itertools
import operator
from pathlib import Path

import luigi

from pipeline import settings as settings_module
from pipeline.io.layout import shard_count
from pipeline.tasks.base import RunTask, dumps, read_jsonl, write_jsonl
from pipeline.tasks.extract import ExtractPart

PROGRESS_EVERY_SOURCES = 100


class SiteLineCounts(RunTask):
    """Merge the parts' line counts per source and list the day's sources and shards.

    Input: every ``RUN/extract/part-*/part_sources.jsonl`` and ``line_counts.jsonl.gz`` (sorted
    rows, merged as streams, so memory does not grow with the day). Outputs: ``RUN/sources/<slug>.
    lines.jsonl.gz`` (lines seen in at least ``template_min_count_docs`` documents of the
    source), then ``RUN/sources.jsonl`` (one line per source: name, slug, documents, shards),
    whose presence means complete.
    """

    n_parts = luigi.IntParameter()

    def requires(self):
        return [ExtractPart(n_parts=self.n_parts, part=part, **self.run_params()) for part in range(self.n_parts)]

    def output(self):
        return self.target("sources.jsonl")

    def run(self):
        limits = settings_module.load_settings()["newsclean"]
        n_docs: collections.Counter = collections.Counter()
        names: dict[str, str] = {}
        for part in range(self.n_parts):
            for row in read_jsonl(self.run_path("extract", f"part-{part:05d}", "part_sources.jsonl")):
                names[row["source_slug"]] = row["source"]
                n_docs[row["source_slug"]] += row["n_docs"]
        # The parts' sorted rows merged as streams: memory holds one source's frequent lines, never the day's.
        streams = [read_jsonl(self.run_path("extract", f"part-{part:05d}", "line_counts.jsonl.gz"))
                   for part in range(self.n_parts)]
        merged = heapq.merge(*streams)
        written = set()
        for slug, rows in itertools.groupby(merged, key=operator.itemgetter(0)):
            frequent = {}
            for key, same in itertools.groupby(rows, key=operator.itemgetter(1)):
                total = sum(count for _, _, count in same)
                if total >= limits.template_min_count_docs:
                    frequent[key] = total
            self._write_template(slug, n_docs[slug], frequent)
            written.add(slug)
            if len(written) % PROGRESS_EVERY_SOURCES == 0:
                self.report_progress(len(written), len(names), "sources merged")
        inventory = []
        for slug in sorted(names):
            if slug not in written:
                self._write_template(slug, n_docs[slug], {})
            n_shards = shard_count(n_docs[slug], sum(n_docs.values()), limits)
            inventory.append(dumps({"source": names[slug], "source_slug": slug, "n_docs": n_docs[slug], "n_shards": n_shards}))
        write_jsonl(Path(self.output().path), inventory)

    def _write_template(self, slug: str, n_docs: int, frequent: dict[str, int]) -> None:
        write_jsonl(self.run_path("sources", f"{slug}.lines.jsonl.gz"), [dumps({"n_docs": n_docs, "lines": frequent})])


def read_sources(run_dir: str) -> list[dict]:
    """Return the day's source inventory written by SiteLineCounts."""
    return list(read_jsonl(Path(run_dir, "sources.jsonl")))


def read_site_template(run_dir: str, slug: str) -> tuple[int, dict[str, int]]:
    """Return ``(n_docs, {normalised line: documents})`` of one source."""
    row = next(read_jsonl(Path(run_dir, "sources", f"{slug}.lines.jsonl.gz")))
    return row["n_docs"], row["lines"]
