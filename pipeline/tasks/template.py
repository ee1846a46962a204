"""The corpus-level pass: per source, in how many documents each normalised line occurs."""

from __future__ import annotations

import collections
import math
from pathlib import Path

import luigi

from pipeline import settings as settings_module
from pipeline.tasks.base import RunTask, dumps, read_jsonl, write_jsonl
from pipeline.tasks.extract import ExtractPart


class SiteLineCounts(RunTask):
    """Merge the parts' line counts per source and list the day's sources and shards.

    Input: every ``RUN/extract/part-*/line_counts.jsonl.gz``. Outputs: ``RUN/sources/<slug>.
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
        counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        n_docs: collections.Counter = collections.Counter()
        names: dict[str, str] = {}
        for part in range(self.n_parts):
            path = self.run_path("extract", f"part-{part:05d}", "line_counts.jsonl.gz")
            for row in read_jsonl(path):
                slug = row["source_slug"]
                names[slug] = row["source"]
                n_docs[slug] += row["n_docs"]
                counts[slug].update(row["lines"])
            self.report_progress(part + 1, self.n_parts, "parts merged")
        inventory = []
        for slug in sorted(names):
            frequent = {key: value for key, value in sorted(counts[slug].items()) if value >= limits.template_min_count_docs}
            write_jsonl(self.run_path("sources", f"{slug}.lines.jsonl.gz"),
                        [dumps({"n_docs": n_docs[slug], "lines": frequent})])
            n_shards = max(1, math.ceil(n_docs[slug] / limits.shard_size_docs))
            inventory.append(dumps({"source": names[slug], "source_slug": slug, "n_docs": n_docs[slug], "n_shards": n_shards}))
        write_jsonl(Path(self.output().path), inventory)


def read_sources(run_dir: str) -> list[dict]:
    """Return the day's source inventory written by SiteLineCounts."""
    return list(read_jsonl(Path(run_dir, "sources.jsonl")))


def read_site_template(run_dir: str, slug: str) -> tuple[int, dict[str, int]]:
    """Return ``(n_docs, {normalised line: documents})`` of one source."""
    row = next(read_jsonl(Path(run_dir, "sources", f"{slug}.lines.jsonl.gz")))
    return row["n_docs"], row["lines"]
