"""Per-source reliability scores and the reliability table."""

from __future__ import annotations

import json
import math
from pathlib import Path

import luigi
import pandas as pd

from pipeline import scoring
from pipeline import settings as settings_module
from pipeline.tasks.base import RunTask, dumps, read_jsonl, write_atomically
from pipeline.tasks.shards import CorpusShard
from pipeline.tasks.template import SiteLineCounts, read_sources

#: What scoring reads of a record. Records are read one at a time; memory holds each document's
#: feature rates and the evidence the row could show, not the corpus (:class:`scoring.SourceSignals`).
SCORE_DOC_COLUMNS = ("doc_id", "signals", "evidence", "signals_language")


def _json_safe(value):
    """Return ``value`` with NaN as None and numpy scalars as Python numbers."""
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class ScoreSource(RunTask):
    """Score one source from its documents' signals.

    Input: ``RUN/corpus/<slug>-*.jsonl``, read a record at a time. Output:
    ``RUN/scores/<slug>.json`` (one reliability row: scores, interval, evidence, signal rates,
    boilerplate and artifact rates).
    """

    n_parts = luigi.IntParameter()
    source_slug = luigi.Parameter()
    n_shards = luigi.IntParameter()

    def requires(self):
        return [CorpusShard(n_parts=self.n_parts, source_slug=self.source_slug, shard=shard, n_shards=self.n_shards,
                            **self.run_params()) for shard in range(self.n_shards)]

    def output(self):
        return self.target("scores", f"{self.source_slug}.json")

    def run(self):
        loaded = settings_module.load_settings()
        signals = scoring.SourceSignals(loaded["scoring"])
        source = self.source_slug
        n_docs = words = removed = 0
        artifact_rate = 0.0
        for target in self.input():
            for record in read_jsonl(Path(target.path)):
                source = record["source"] if not n_docs else source
                n_docs += 1
                words += record.get("n_words") or 0
                removed += len(record.get("removed") or [])
                artifact_rate += record.get("artifact_rate") or 0.0
                signals.add({key: record.get(key) for key in SCORE_DOC_COLUMNS})
            self.set_status_message(f"read {n_docs} documents")
        result = signals.score(scoring.load_weights(settings_module.config_dir()))
        row = {"source": source, "source_slug": self.source_slug, **_json_safe(result)}
        row["artifact_rate"] = round(artifact_rate / n_docs, 4) if n_docs else None
        row["removed_lines_per_doc"] = round(removed / n_docs, 3) if n_docs else None
        row["words_per_doc"] = round(words / n_docs, 1) if n_docs else None
        write_atomically(Path(self.output().path), (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))


def reliability_frame(rows: list[dict]) -> pd.DataFrame:
    """Return the reliability table: one row per source, fixed leading columns, evidence as JSON."""
    lead = ["source", "n_docs", "reliability_score", "score_low", "score_high", "sourcing_score", "hedging_score",
            "style_score", "insufficient_data"]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=lead)
    if "evidence" in frame:
        frame["evidence"] = frame["evidence"].map(lambda items: dumps(items if isinstance(items, list) else []))
    rest = sorted(column for column in frame.columns if column not in lead)
    for column in lead:
        if column not in frame:
            frame[column] = None
    return frame[lead + rest].sort_values("source", kind="stable").reset_index(drop=True)


class ReliabilityTable(RunTask):
    """Gather the per-source rows into ``reliability.csv`` and ``reliability.parquet``.

    Input: ``RUN/scores/*.json``. Outputs: ``RUN/reliability.parquet``, then
    ``RUN/reliability.csv`` whose presence means complete.
    """

    n_parts = luigi.IntParameter()

    def requires(self):
        if not self.run_path("sources.jsonl").exists():
            return [SiteLineCounts(n_parts=self.n_parts, **self.run_params())]
        return [ScoreSource(n_parts=self.n_parts, source_slug=row["source_slug"], n_shards=row["n_shards"],
                            **self.run_params()) for row in read_sources(self.run_dir)]

    def output(self):
        return self.target("reliability.csv")

    def run(self):
        rows = [json.loads(Path(target.path).read_text(encoding="utf-8")) for target in self.input()
                if target.path.endswith(".json")]
        frame = reliability_frame(rows)
        parquet = self.run_path("reliability.parquet")
        temporary = parquet.with_name(".reliability.parquet.tmp")
        frame.to_parquet(temporary, index=False)
        temporary.replace(parquet)
        write_atomically(Path(self.output().path), frame.to_csv(index=False, float_format="%.4f").encode("utf-8"))
