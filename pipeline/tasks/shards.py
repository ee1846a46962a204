"""Per (date, source, shard) stages: strip boilerplate, annotate language and artifacts, write the corpus."""

from __future__ import annotations

import functools
import heapq
import itertools
import json
import operator
from collections.abc import Iterable, Iterator
from pathlib import Path

import luigi
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.io.layout import shard_of
from pipeline.process import Toolkit, annotate_document, clean_document, finish_document, site_template_from_counts
from pipeline.record import DOC_ID_CHARS, Document, Rejection
from pipeline.tasks.base import (PROGRESS_EVERY_DOCS, RunTask, atomic_output, count_jsonl, dumps, read_jsonl,
                                 SideFiles, read_lines, rejection_lines, write_jsonl, write_lines)
from pipeline.tasks.template import SiteLineCounts, read_site_template

CORPUS_LIST_COLUMNS = ("removed", "artifacts", "paragraph_languages", "evidence")
#: Every extracted document's JSON line starts with its id: ``{"doc_id":"<16 hex digits>"``.
DOC_ID_PREFIX = '{"doc_id":"'
#: Documents a CorpusShard finishes and writes at a time (one Parquet row group each).
CORPUS_BATCH_DOCS = 500


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

    def loop(self, items: Iterable, total: int, what: str) -> Iterator:
        """Yield the items, reporting progress (``what: done/total``) to the scheduler every few hundred."""
        index = 0
        for index, item in enumerate(items, start=1):
            yield item
            if index % PROGRESS_EVERY_DOCS == 0:
                self.report_progress(index, total, what)
        self.report_progress(index, total, what)


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
        paths = [path for part in range(self.n_parts)
                 if (path := self.run_path("extract", f"part-{part:05d}", f"{self.source_slug}.jsonl.gz")).exists()]
        rejected: list[Rejection] = []

        def cleaned(docs: Iterable[dict]) -> Iterator[str]:
            for doc in docs:
                result = clean_document(doc, site_template=template, resources=tools.boilerplate_resources,
                                        settings=tools.boilerplate_settings)
                if isinstance(result, Rejection):
                    rejected.append(result)
                else:
                    yield dumps(result)

        total = sum(1 for _ in self.shard_documents(paths, parse=False))
        with atomic_output(Path(self.output().path)) as stream:  # renamed into place last
            write_lines(stream, cleaned(self.loop(self.shard_documents(paths), total, "documents cleaned")),
                        compress=True)
            write_jsonl(self.run_path("clean", f"{self.shard_name()}.rejected.jsonl"), rejection_lines(rejected))

    def shard_documents(self, paths: list[Path], parse: bool = True) -> Iterator:
        """Yield this shard's extracted documents from the parts' files, in doc_id order.

        Each part's file is sorted by doc_id (ExtractPart writes it so), so the parts merge as
        streams: memory holds one document a part. With ``parse=False`` yields only the ids.
        """
        def ids_and_lines(path: Path) -> Iterator[tuple[str, str]]:
            for line in read_lines(path):
                if not line.startswith(DOC_ID_PREFIX):
                    raise ValueError(f"{path}: a line does not start with the document id")
                doc_id = line[len(DOC_ID_PREFIX):len(DOC_ID_PREFIX) + DOC_ID_CHARS]
                if shard_of(doc_id, self.n_shards) == self.shard:
                    yield doc_id, line

        merged = heapq.merge(*(ids_and_lines(path) for path in paths), key=operator.itemgetter(0))
        for doc_id, line in merged:
            yield json.loads(line) if parse else doc_id


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
        source = Path(self.input().path)
        docs = self.loop(read_jsonl(source), count_jsonl(source), "documents annotated")
        write_jsonl(Path(self.output().path), (dumps(annotate_document(doc, language_settings=tools.language_settings,
                                                                       artifact_settings=tools.artifact_settings))
                                               for doc in docs))


def _string():
    return pa.large_string()


#: The corpus Parquet schema, fixed so that every shard has the same column types (a column
#: that is empty in one shard is still a string column); nested fields are JSON strings.
CORPUS_SCHEMA = pa.schema([
    ("doc_id", _string()), ("raw_path", _string()), ("source", _string()), ("url", _string()),
    ("title", _string()), ("published", _string()), ("language", _string()), ("language_confidence", pa.float64()),
    ("text", _string()), ("removed", _string()), ("artifacts", _string()), ("signals", _string()),
    ("schema_version", pa.int64()), ("input_format", _string()), ("run_date", _string()),
    ("source_slug", _string()), ("paragraph_languages", _string()), ("artifact_rate", pa.float64()),
    ("evidence", _string()), ("signals_language", _string()), ("n_words", pa.int64()),
])


def corpus_table(records: list[Document]) -> pa.Table:
    """Return the corpus records as an Arrow table of :data:`CORPUS_SCHEMA` (nested fields as JSON strings)."""
    rows = []
    for record in records:
        row = dict(record.__dict__)
        for key in CORPUS_LIST_COLUMNS:
            row[key] = dumps(list(row[key]))
        row["signals"] = dumps(row["signals"])
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=CORPUS_SCHEMA)


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of up to ``size`` consecutive items."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class CorpusShard(ShardTask):
    """Compute sourcing and hedging signals and write the shard's final records.

    Input: ``RUN/annotate/<slug>-NNNNN.jsonl.gz``. Outputs: ``RUN/text/<slug>/<doc_id>.txt``
    (cleaned bodies), ``RUN/corpus/<slug>-NNNNN.parquet``, then ``RUN/corpus/<slug>-NNNNN.jsonl``
    whose presence means complete. Documents go through in batches of ``CORPUS_BATCH_DOCS``
    (one Parquet row group each), so memory holds a batch, not the shard.
    """

    def requires(self):
        return AnnotateShard(**self.shard_params())

    def output(self):
        return self.target("corpus", f"{self.shard_name()}.jsonl")

    def run(self):
        tools = toolkit()
        source = Path(self.input().path)
        docs = self.loop(read_jsonl(source), count_jsonl(source), "documents scored")
        records = (finish_document(doc, run_date=self.date.isoformat(), lexicons=tools.lexicons,
                                   signal_settings=tools.signal_settings) for doc in docs)
        texts = SideFiles()
        parquet = self.run_path("corpus", f"{self.shard_name()}.parquet")
        # Exits in reverse order: the Parquet file is renamed into place before the JSONL file.
        with atomic_output(Path(self.output().path)) as jsonl, atomic_output(parquet) as table:
            writer = pq.ParquetWriter(table, CORPUS_SCHEMA)
            for batch in batched(records, CORPUS_BATCH_DOCS):
                for record in batch:
                    texts.write(self.run_path("text", self.source_slug, f"{record.doc_id}.txt"),
                                (record.text + "\n").encode("utf-8"))
                writer.write_table(corpus_table(batch))
                write_lines(jsonl, [record.to_json() for record in batch], compress=False)
            writer.close()
            texts.finish()


def shard_tasks(run_dir: str, params: dict, n_parts: int, family=CorpusShard) -> list:
    """Return one task of ``family`` per (source, shard) of the day's inventory."""
    from pipeline.tasks.template import read_sources

    return [family(n_parts=n_parts, source_slug=row["source_slug"], shard=shard, n_shards=row["n_shards"], **params)
            for row in read_sources(run_dir) for shard in range(row["n_shards"])]

