"""Per (date, source, shard) stages: strip boilerplate, annotate language and artifacts, write the corpus."""

from __future__ import annotations

import functools
from pathlib import Path

import luigi
import pandas as pd

from pipeline.io.layout import shard_of
from pipeline.process import Toolkit, annotate_document, clean_document, finish_document, site_template_from_counts
from pipeline.record import Document, Rejection
from pipeline.tasks.base import PROGRESS_EVERY_DOCS, RunTask, dumps, read_jsonl, rejection_lines, write_jsonl, write_side_files
from pipeline.tasks.template import SiteLineCounts, read_site_template

CORPUS_LIST_COLUMNS = ("removed", "artifacts", "paragraph_languages", "evidence")


@functools.lru_cache(maxsize=1)
def toolkit() -> Toolkit:
    """Return the process-wide settings and loaded resources."""
    return Toolkit()


class ShardTask(RunTask):
    """A task over one shard of one source's documents."""

    n_parts = luigi.IntParameter()
    source_slug = luigi.Parameter()
    shard = luigi.IntParameter()
    n_shards = luigi.IntParameter()

    def shard_params(self) -> dict:
        return {"n_parts": self.n_parts, "source_slug": self.source_slug, "shard": self.shard,
                "n_shards": self.n_shards, **self.run_params()}

    def shard_name(self) -> str:
        return f"{self.source_slug}-{self.shard:05d}"

    def loop(self, items: list, what: str):
        """Yield the items, reporting progress to the scheduler every few hundred."""
        for index, item in enumerate(items, start=1):
            yield item
            if index % PROGRESS_EVERY_DOCS == 0 or index == len(items):
                self.report_progress(index, len(items), what)


class CleanShard(ShardTask):
    """Strip boilerplate from one shard, with the source's site template.

    Input: ``RUN/extract/part-*/<slug>.jsonl.gz`` (documents whose id falls in this shard) and
    ``RUN/sources/<slug>.lines.jsonl.gz``. Output: ``RUN/clean/<slug>-NNNNN.jsonl.gz`` after
    ``RUN/clean/<slug>-NNNNN.rejected.jsonl`` (documents left with no content).
    """

    def requires(self):
        return SiteLineCounts(n_parts=self.n_parts, **self.run_params())

    def output(self):
        return self.target("clean", f"{self.shard_name()}.jsonl.gz")

    def run(self):
        tools = toolkit()
        n_docs, counts = read_site_template(self.run_dir, self.source_slug)
        template = site_template_from_counts(n_docs, counts)
        docs = []
        for part in range(self.n_parts):
            path = self.run_path("extract", f"part-{part:05d}", f"{self.source_slug}.jsonl.gz")
            if path.exists():
                docs.extend(doc for doc in read_jsonl(path) if shard_of(doc["doc_id"], self.n_shards) == self.shard)
        docs.sort(key=lambda doc: doc["doc_id"])
        kept, rejected = [], []
        for doc in self.loop(docs, "documents cleaned"):
            result = clean_document(doc, site_template=template, resources=tools.boilerplate_resources,
                                    settings=tools.boilerplate_settings)
            (rejected if isinstance(result, Rejection) else kept).append(result)
        write_jsonl(self.run_path("clean", f"{self.shard_name()}.rejected.jsonl"), rejection_lines(rejected))
        write_jsonl(Path(self.output().path), [dumps(doc) for doc in kept])


class AnnotateShard(ShardTask):
    """Detect document and paragraph languages and flag translation artifacts.

    Input: ``RUN/clean/<slug>-NNNNN.jsonl.gz``. Output: ``RUN/annotate/<slug>-NNNNN.jsonl.gz``.
    """

    def requires(self):
        return CleanShard(**self.shard_params())

    def output(self):
        return self.target("annotate", f"{self.shard_name()}.jsonl.gz")

    def run(self):
        tools = toolkit()
        docs = list(read_jsonl(Path(self.input().path)))
        out = [dumps(annotate_document(doc, language_settings=tools.language_settings,
                                       artifact_settings=tools.artifact_settings))
               for doc in self.loop(docs, "documents annotated")]
        write_jsonl(Path(self.output().path), out)


def corpus_frame(records: list[Document]) -> pd.DataFrame:
    """Return the corpus records as a DataFrame for Parquet (nested fields as JSON strings)."""
    rows = []
    for record in records:
        row = dict(record.__dict__)
        for key in CORPUS_LIST_COLUMNS:
            row[key] = dumps(list(row[key]))
        row["signals"] = dumps(row["signals"])
        rows.append(row)
    columns = list(Document.__dataclass_fields__)
    return pd.DataFrame(rows, columns=columns)


class CorpusShard(ShardTask):
    """Compute sourcing and hedging signals and write the shard's final records.

    Input: ``RUN/annotate/<slug>-NNNNN.jsonl.gz``. Outputs: ``RUN/text/<slug>/<doc_id>.txt``
    (cleaned bodies), ``RUN/corpus/<slug>-NNNNN.parquet``, then ``RUN/corpus/<slug>-NNNNN.jsonl``
    whose presence means complete.
    """

    def requires(self):
        return AnnotateShard(**self.shard_params())

    def output(self):
        return self.target("corpus", f"{self.shard_name()}.jsonl")

    def run(self):
        tools = toolkit()
        docs = list(read_jsonl(Path(self.input().path)))
        records = [finish_document(doc, run_date=self.date.isoformat(), lexicons=tools.lexicons,
                                   signal_settings=tools.signal_settings)
                   for doc in self.loop(docs, "documents scored")]
        write_side_files((self.run_path("text", self.source_slug, f"{record.doc_id}.txt"),
                          (record.text + "\n").encode("utf-8")) for record in records)
        parquet = self.run_path("corpus", f"{self.shard_name()}.parquet")
        parquet.parent.mkdir(parents=True, exist_ok=True)
        temporary = parquet.with_name(f".{parquet.name}.tmp")
        corpus_frame(records).to_parquet(temporary, index=False)
        temporary.replace(parquet)
        write_jsonl(Path(self.output().path), [record.to_json() for record in records])


def shard_tasks(run_dir: str, params: dict, n_parts: int, family=CorpusShard) -> list:
    """Return one task of ``family`` per (source, shard) of the day's inventory."""
    from pipeline.tasks.template import read_sources

    return [family(n_parts=n_parts, source_slug=row["source_slug"], shard=shard, n_shards=row["n_shards"], **params)
            for row in read_sources(run_dir) for shard in range(row["n_shards"])]

