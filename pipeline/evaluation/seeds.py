"""The five seed articles against their hand labels (``gold.json``), through every stage.

Checks: every line gold marks as boilerplate is dropped and no other line is (the title line
leaves the body too, with reason ``title``); titles and datelines are recognised; the
artifacts the issues name are flagged; each seed becomes its own source with readable evidence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.io.readers import read_documents
from pipeline.process import Toolkit, process_one
from pipeline.record import Rejection
from pipeline.scoring import load_weights, score_source
from pipeline.settings import config_dir

# (file prefix, kind, line, text) the issues require to be flagged.
REQUIRED_ARTIFACTS = (
    ("001_", "homoglyph", 3, "\u0430"),
    ("002_", "glued_words", 17, "fooddue"),
    ("002_", "stray_punctuation", 5, "and?"),
)
OUR_ARTIFACT_KINDS = frozenset({"homoglyph", "mojibake", "glued_words", "stray_punctuation", "foreign_fragment"})


def _normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def evaluate(path: Path, **options) -> dict[str, float]:
    """Return the seed metrics (shares in 0..1 and counts) for the seeds folder ``path``."""
    path = Path(path)
    gold = json.loads((path / "gold.json").read_text(encoding="utf-8"))["documents"]
    toolkit = Toolkit()
    gold_dropped = gold_total = wrong_drops = content_lines = 0
    titles_right = titles_total = dates_right = dates_total = 0
    kinds_found = kinds_total = 0
    records = {}
    for name in sorted(gold):
        labels = gold[name]
        [raw_doc] = list(read_documents(path / name, name, toolkit.limits.max_file_bytes))
        record = process_one(raw_doc, toolkit=toolkit, day_relpath=name)
        if isinstance(record, Rejection):
            raise RuntimeError(f"seed {name} was rejected: {record.reason} {record.detail}")
        records[name] = record
        dropped = {item["line"]: item["reason"] for item in record.removed}
        boiler = {int(line) for line in labels["boilerplate"]}
        lines = raw_doc.text.split("\n")
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            if number in boiler:
                gold_total += 1
                gold_dropped += number in dropped
            elif number != labels.get("title_line"):
                content_lines += 1
                wrong_drops += number in dropped
        if labels.get("title"):
            titles_total += 1
            titles_right += _normal(record.title) == _normal(labels["title"]) or (
                _normal(labels["title"]) in _normal(record.title) and labels["title_line"] in dropped)
        if labels.get("published"):
            dates_total += 1
            dates_right += record.published == labels["published"]
        for artifact in labels.get("artifacts", []):
            if artifact["kind"] in OUR_ARTIFACT_KINDS:
                kinds_total += 1
                kinds_found += any(a["kind"] == artifact["kind"] and a["line"] == artifact["line"] for a in record.artifacts)
    required_found = 0
    for prefix, kind, line, text in REQUIRED_ARTIFACTS:
        [record] = [rec for name, rec in records.items() if name.startswith(prefix)]
        required_found += any(a["kind"] == kind and a["line"] == line and text in a["text"] for a in record.artifacts)
    sources = {record.source for record in records.values()}
    with_evidence = 0
    weights = load_weights(config_dir())
    for source in sorted(sources):
        docs = pd.DataFrame([{"doc_id": r.doc_id, "title": r.title, "text": r.text, "language": r.language,
                              "signals": r.signals, "evidence": list(r.evidence), "signals_language": r.signals_language}
                             for r in records.values() if r.source == source])
        row = score_source(docs, weights=weights, settings=toolkit.scoring_settings)
        with_evidence += bool(row.get("evidence"))
    return {
        "boilerplate_recall": gold_dropped / gold_total if gold_total else 1.0,
        "content_kept": 1 - wrong_drops / content_lines if content_lines else 1.0,
        "wrong_drops": float(wrong_drops),
        "title_accuracy": titles_right / titles_total if titles_total else 1.0,
        "published_accuracy": dates_right / dates_total if dates_total else 1.0,
        "required_artifacts_recall": required_found / len(REQUIRED_ARTIFACTS),
        "gold_artifacts_recall": kinds_found / kinds_total if kinds_total else 1.0,
        "distinct_sources": float(len(sources)),
        "sources_with_evidence": with_evidence / len(sources) if sources else 0.0,
    }


def format_report(metrics: dict[str, float]) -> str:
    """Return the metrics as aligned lines."""
    return "\n".join(f"  {name:28s} {value:.3f}" for name, value in sorted(metrics.items()))
