"""Accuracy of the paragraph language detector on a labelled file (``newsclean eval langid FILE``).

The file is tab-separated with a header and the columns ``text``, ``lang`` (ISO 639-1) and
``bucket`` (``word``, ``word-pair``, ``sentence``), like ``../shared/data/langid/dev.tsv``.
Every line goes through :func:`pipeline.text.language.detect_paragraph_language` without a
prior (the same function ``newsclean lang`` prints); "unknown" counts as wrong.

The pipeline's paragraphs take a shortcut that this does not measure: ``detect_paragraphs``
settles a paragraph by its words alone when they clearly read as one language
(:func:`pipeline.text.language.fast_language`, with the document's language as prior). So
every line is also given to that fast path with its own language as prior, as in a
document of that language: how many it settles (per bucket), how many of those it gets
right, and how often it agrees with the full detector given the same prior.
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
from pipeline.settings import settings_for
from pipeline.text.language import UNKNOWN, LanguageSettings, configured_languages, detect_paragraph_language, fast_language

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
    ``langid.seconds``, ``langid.max_rss_mb``; the fast path (module docstring):
    ``langid.fast_path.settled_pct`` and ``langid.fast_path.<bucket>.settled_pct`` (% of
    lines it settles), ``langid.fast_path.settled``, ``langid.fast_path.accuracy_pct`` (% of
    those right) and ``langid.fast_path.agreement_pct`` (% answered as the full detector
    with the same prior). Bucket names use ``_`` (``word_pair``).
    """
    settings = settings or settings_for("language")
    rows = read_labelled(Path(path))
    hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    fast: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # bucket -> [settled, lines]
    fast_right = fast_agree = 0
    languages = set(configured_languages(settings))
    unknown = 0
    started = time.perf_counter()
    for row in rows:
        code, _ = detect_paragraph_language(row["text"], settings)
        unknown += code == UNKNOWN
        for key in ((row["bucket"], ""), (row["bucket"], row["lang"]), ("", "")):
            hits[key][0] += code == row["lang"]
            hits[key][1] += 1
        if row["lang"] in languages:
            settled = fast_language(row["text"], settings, prior=row["lang"])
            for key in (row["bucket"], ""):
                fast[key][0] += settled is not None
                fast[key][1] += 1
            if settled:
                fast_right += settled[0] == row["lang"]
                fast_agree += settled[0] == detect_paragraph_language(row["text"], settings, prior=row["lang"])[0]
    seconds = time.perf_counter() - started
    metrics: dict[str, float] = {}
    for (bucket, lang), (good, total) in sorted(hits.items()):
        name = ".".join(part for part in ("langid", _metric_bucket(bucket), lang, "accuracy") if part)
        metrics[name] = round(100.0 * good / total, 2)
    for bucket, (settled, total) in sorted(fast.items()):
        name = ".".join(part for part in ("langid.fast_path", _metric_bucket(bucket), "settled_pct") if part)
        metrics[name] = round(100.0 * settled / max(1, total), 2)
    settled_all = fast[""][0] if "" in fast else 0
    metrics["langid.fast_path.settled"] = float(settled_all)
    metrics["langid.fast_path.accuracy_pct"] = round(100.0 * fast_right / settled_all, 2) if settled_all else 100.0
    metrics["langid.fast_path.agreement_pct"] = round(100.0 * fast_agree / settled_all, 2) if settled_all else 100.0
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
    languages = sorted({name.split(".")[2] for name in metrics
                        if name.count(".") == 3 and name.endswith(".accuracy") and name.split(".")[1] in buckets})
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
    if "langid.fast_path.settled" in metrics:
        settled = ", ".join(f"{b} {metrics[f'langid.fast_path.{b}.settled_pct']:.1f} %" for b in buckets
                            if f"langid.fast_path.{b}.settled_pct" in metrics)
        lines.append(f"  fast path (own language as prior): settles {settled}; of those {int(metrics['langid.fast_path.settled'])}"
                     f" lines {metrics['langid.fast_path.accuracy_pct']:.2f} % right,"
                     f" {metrics['langid.fast_path.agreement_pct']:.2f} % as the full detector")
    lines.append(f"  unknown: {metrics.get('langid.unknown_pct', 0.0):.2f} % of {int(metrics.get('langid.lines', 0))} lines;"
                 f" {metrics.get('langid.seconds', 0.0):.1f} s; peak memory {metrics.get('langid.max_rss_mb', 0.0):.0f} MB")
    return "\n".join(lines)
