"""Accuracy of the paragraph language detector on a labelled file (``newsclean eval langid FILE``).

The file is tab-separated with a header and the columns ``text``, ``lang`` (ISO 639-1) and
``bucket`` (``word``, ``word-pair``, ``sentence``), like ``../shared/data/langid/dev.tsv``.
Every line goes through :func:`pipeline.text.language.detect_paragraph_language` without a
prior (the same function ``newsclean lang`` prints); "unknown" counts as wrong.
"""

from __future__ import annotations

import csv
import logging
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipeline.errors import ConfigError
from pipeline.text.language import UNKNOWN, LanguageSettings, detect_paragraph_language

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("text", "lang", "bucket")


def _metric_bucket(bucket: str) -> str:
    return bucket.replace("-", "_")


def read_labelled(path: Path) -> list[dict[str, str]]:
    """Return the rows of a labelled TSV file as dicts with ``text``, ``lang``, ``bucket``.

    Raises ConfigError ``path:line: ...`` when a column is missing.
    """
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
        if missing:
            raise ConfigError(f"{path}:1: missing column(s) {', '.join(missing)}")
        return [{name: row[name] or "" for name in REQUIRED_COLUMNS} for row in reader]


def max_rss_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def evaluate(path: Path, settings: LanguageSettings | None = None, **options) -> dict[str, float]:
    """Return accuracy in % per bucket and per (bucket, language), plus unknown rate and memory.

    Keys: ``langid.<bucket>.accuracy``, ``langid.<bucket>.<lang>.accuracy``,
    ``langid.accuracy`` (all lines), ``langid.unknown_pct``, ``langid.lines``,
    ``langid.seconds``, ``langid.max_rss_mb``. Bucket names use ``_`` (``word_pair``).
    """
    settings = settings or LanguageSettings()
    rows = read_labelled(Path(path))
    hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    unknown = 0
    started = time.perf_counter()
    for row in rows:
        code, _ = detect_paragraph_language(row["text"], settings)
        unknown += code == UNKNOWN
        for key in ((row["bucket"], ""), (row["bucket"], row["lang"]), ("", "")):
            hits[key][0] += code == row["lang"]
            hits[key][1] += 1
    seconds = time.perf_counter() - started
    metrics: dict[str, float] = {}
    for (bucket, lang), (good, total) in sorted(hits.items()):
        name = ".".join(part for part in ("langid", _metric_bucket(bucket), lang, "accuracy") if part)
        metrics[name] = round(100.0 * good / total, 2)
    metrics["langid.unknown_pct"] = round(100.0 * unknown / max(1, len(rows)), 2)
    metrics["langid.lines"] = float(len(rows))
    metrics["langid.seconds"] = round(seconds, 1)
    metrics["langid.max_rss_mb"] = round(max_rss_mb(), 1)
    logger.info("langid: %d lines in %.1f s", len(rows), seconds)
    return metrics


def format_report(metrics: dict) -> str:
    """Return a human-readable table: accuracy per bucket, then per language and bucket."""
    buckets = sorted({name.split(".")[1] for name in metrics
                      if name.count(".") == 2 and name.endswith(".accuracy") and name != "langid.accuracy"})
    languages = sorted({name.split(".")[2] for name in metrics if name.count(".") == 3})
    lines = ["language identification (accuracy %, unknown counts as wrong)"]
    lines.append("  " + " ".join(f"{bucket:>10}" for bucket in buckets) + f" {'all':>10}")
    lines.append("  " + " ".join(f"{metrics[f'langid.{b}.accuracy']:>10.2f}" for b in buckets)
                 + f" {metrics.get('langid.accuracy', float('nan')):>10.2f}")
    lines.append("")
    lines.append(f"  {'lang':<6}" + " ".join(f"{bucket:>10}" for bucket in buckets))
    for lang in languages:
        cells = [metrics.get(f"langid.{b}.{lang}.accuracy") for b in buckets]
        lines.append(f"  {lang:<6}" + " ".join(f"{c:>10.2f}" if c is not None else f"{'-':>10}" for c in cells))
    lines.append("")
    lines.append(f"  unknown: {metrics.get('langid.unknown_pct', 0.0):.2f} % of {int(metrics.get('langid.lines', 0))} lines;"
                 f" {metrics.get('langid.seconds', 0.0):.1f} s; peak memory {metrics.get('langid.max_rss_mb', 0.0):.0f} MB")
    return "\n".join(lines)
