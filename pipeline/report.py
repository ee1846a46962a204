"""The run report: one self-contained ``report.html`` page built from a run's tables.

The page is written for a person who opens it in a browser after a run. It shows, in order:
a summary of the run, the per-source reliability scores as a bar chart (score, bootstrap
interval as a whisker, the three components as small bars), one card per source with its
score, components, interval and evidence sentences (the evidence span highlighted, so a
reader sees why), lines of boilerplate removed per source by reason, document counts per
language, artifacts per kind per source, the ledger of rejected inputs, and the run's
settings and library versions.

Three properties hold for every input:

- Self-contained and inert: CSS and SVG are inline, there is no JavaScript, no external
  font, image or stylesheet; a Content-Security-Policy meta tag forbids every load, so even
  a mistake elsewhere could not make the page fetch anything.
- Escaped: every value that comes from the input (titles, source names, evidence, paths,
  details, settings) passes through :func:`_text`, which HTML-escapes it and replaces
  control characters and lone surrogates, so ``<script>`` in a title renders as text and
  the page always encodes as UTF-8.
- Deterministic: no timestamps, every listing is sorted, floats have fixed formats, colours
  are assigned by sorted key. The same inputs give the same bytes.

The module is pure (no luigi); pandas is used only to read the input frames.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from pipeline.errors import ConfigError
from pipeline.smallest import SmallestByKey

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportSettings:
    """Named limits of the report page (section ``[report]`` of ``config/luigi.cfg``).

    They bound the page size on large runs; none of them changes a figure, only how many
    rows are listed.
    """

    max_evidence_per_source: int = 8
    max_documents_per_source: int = 25
    max_rejected_rows: int = 500
    max_text_chars: int = 400
    max_label_chars: int = 28

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"[report] {field.name} must be a positive integer, got {value!r}")


# Columns of the reliability table that have their own place on the page; every other
# numeric column is listed in the per-source details table.
RELIABILITY_MAIN_COLUMNS = (
    "source",
    "n_docs",
    "reliability_score",
    "sourcing_score",
    "hedging_score",
    "style_score",
    "score_low",
    "score_high",
    "insufficient_data",
    "evidence",
)
COMPONENTS = (
    ("sourcing_score", "sourcing", "#3b6fb6"),
    ("hedging_score", "hedging", "#3a9a5b"),
    ("style_score", "style", "#d2892b"),
)
SCORE_MAX = 100.0

# Twenty distinguishable colours (Tableau 20 order); keys get them by sorted position.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d",
    "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e",
)

# Chart geometry (SVG user units; the charts scale to the page width).
CHART_WIDTH = 820
LABEL_WIDTH = 210
VALUE_WIDTH = 120
PLOT_WIDTH = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
AXIS_HEIGHT = 22
AXIS_MAX_TICKS = 5
GRID_COLOUR = "#d9dee4"
MUTED_COLOUR = "#5d6773"

SVG_FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

CSS = """
:root { --fg:#1d232b; --muted:#5d6773; --line:#d9dee4; --bg:#ffffff; --panel:#f5f7f9;
        --accent:#3b6fb6; --warn:#a35200; --mark:#fff0a8; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
       Arial, sans-serif; color:var(--fg); background:var(--bg); }
header.page, main, footer.page { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
header.page { padding-top: 24px; border-bottom: 1px solid var(--line); }
header.page h1 { margin: 0 0 4px; font-size: 26px; }
header.page .meta { color: var(--muted); margin: 0 0 12px; }
nav.toc { margin: 8px 0 14px; display:flex; flex-wrap:wrap; gap:6px 16px; font-size:14px; }
nav.toc a { color: var(--accent); text-decoration: none; }
section { padding: 8px 0 18px; border-bottom: 1px solid var(--line); }
h2 { font-size: 20px; margin: 18px 0 6px; }
h3 { font-size: 16px; margin: 0 0 6px; }
p.note { color: var(--muted); margin: 4px 0 10px; font-size: 14px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
              font-size: 13px; }
.tiles { display:flex; flex-wrap:wrap; gap:10px; margin: 10px 0; }
.tile { flex: 1 1 140px; background: var(--panel); border-radius: 6px; padding: 10px 12px; }
.tile .num { font-size: 22px; font-weight: 600; }
.tile .lbl { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { padding: 3px 10px 3px 0; text-align: left; vertical-align: top;
         border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
td.wrap { max-width: 460px; overflow-wrap: anywhere; }
svg.chart { width: 100%; height: auto; display: block; margin: 6px 0; }
.legend { display:flex; flex-wrap:wrap; gap:4px 14px; font-size:13px; margin: 4px 0; }
.legend .sw { display:inline-block; width:11px; height:11px; border-radius:2px;
              margin-right:5px; vertical-align:-1px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 12px 0; }
.card.insufficient { border-style: dashed; }
.card h3 { overflow-wrap: anywhere; }
.card .head { display:flex; flex-wrap:wrap; align-items:baseline; gap:6px 14px; }
.card .score { font-size: 24px; font-weight: 650; }
.badge { display:inline-block; font-size: 12px; padding: 1px 7px; border-radius: 10px;
         background: var(--panel); color: var(--muted); }
.badge.warn { background: #fde9d6; color: var(--warn); }
.components { display:grid; grid-template-columns: 90px 1fr 56px; gap: 3px 10px;
              align-items:center; max-width: 520px; margin: 8px 0; font-size: 14px; }
.meter { height: 8px; background: var(--panel); border-radius: 4px; overflow: hidden; }
.meter span { display:block; height: 100%; }
ol.evidence { margin: 6px 0; padding-left: 22px; }
ol.evidence li { margin: 4px 0; }
mark { background: var(--mark); padding: 0 1px; border-radius: 2px; }
details { margin: 6px 0; }
summary { cursor: pointer; color: var(--accent); font-size: 14px; }
footer.page { padding: 10px 24px 40px; color: var(--muted); font-size: 13px; }
.empty { color: var(--muted); font-style: italic; }
@media print { nav.toc, summary { display: none; } details { display: block; } }
"""

NO_TITLE_HTML = '<span class="empty">(no title)</span>'

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


# --------------------------------------------------------------------------------------------
# Escaping and formatting
# --------------------------------------------------------------------------------------------


def _clean_str(value: object) -> str:
    """Return ``value`` as a string that encodes as UTF-8 and holds no control characters."""
    text = "" if value is None else str(value)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL_CHARS.sub("\ufffd", text)


def _text(value: object) -> str:
    """Return ``value`` HTML-escaped (quotes included), safe in element text and attributes."""
    return html.escape(_clean_str(value), quote=True)


def _shorten(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "\u2026"


def _is_missing(value: object) -> bool:
    """Return True for None, NaN and pandas' missing markers."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, Mapping)) or _is_listlike(value):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_float(value: object) -> float:
    """Return ``value`` as a float, NaN when it is missing or not a number."""
    if _is_missing(value) or isinstance(value, (bool, str)):
        return math.nan
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return result if math.isfinite(result) else math.nan


def _as_int(value: object) -> int:
    """Return ``value`` as an int, 0 when it is missing or not a number."""
    number = _as_float(value)
    return 0 if math.isnan(number) else int(round(number))


def _as_bool(value: object) -> bool:
    """Return ``value`` read as a flag (missing is False; "true"/"1"/"yes" strings are True)."""
    if _is_missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _fmt_score(value: float) -> str:
    """Return a score with one decimal, or an en dash when it is NaN."""
    return "\u2013" if math.isnan(value) else f"{value:.1f}"


def _fmt_number(value: object) -> str:
    """Return a number in a fixed short format: integers plainly, floats to 4 significant digits."""
    number = _as_float(value)
    if math.isnan(number):
        return "\u2013"
    if number == int(number) and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:.4g}"


def _as_counts(value: object) -> dict[str, int]:
    """Return a ``{key: count}`` dict from a dict, a list of pairs (Parquet maps) or a JSON string.

    Missing or non-numeric counts are dropped; keys are strings.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    if isinstance(value, Mapping):
        items: Iterable[Any] = value.items()
    elif _is_listlike(value):
        items = [pair for pair in value if _is_listlike(pair) and len(pair) == 2]  # type: ignore[union-attr]
    else:
        return {}
    counts: dict[str, int] = {}
    for key, count in items:
        number = _as_int(count)
        if number:
            counts[_clean_str(key)] = counts.get(_clean_str(key), 0) + number
    return counts


def _is_listlike(value: object) -> bool:
    """Return True for lists, tuples and numpy arrays (what JSON and Parquet give for lists)."""
    return isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray"


def _as_evidence(value: object) -> list[dict[str, str]]:
    """Return evidence items as ``{"kind", "text", "sentence", ...}`` dicts of strings.

    A plain string item becomes a sentence without a highlighted span.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [{"kind": "", "text": "", "sentence": value}]
    if not _is_listlike(value):
        return []
    items = []
    for item in value:  # type: ignore[union-attr]
        if isinstance(item, Mapping):
            items.append({_clean_str(k): "" if _is_missing(v) else _clean_str(v) for k, v in item.items()})
        elif isinstance(item, str):
            items.append({"kind": "", "text": "", "sentence": item})
    return items


def _column(frame: pd.DataFrame | None, name: str) -> list[Any]:
    """Return the values of one column as a list, or Nones when the column is absent."""
    if frame is None or len(frame) == 0:
        return []
    if name not in frame.columns:
        return [None] * len(frame)
    return list(frame[name])


def _iter_records(frame: pd.DataFrame | None, names: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Yield the rows of ``frame`` as dicts holding ``names`` (None where a column is absent)."""
    names = list(names)
    columns = {name: _column(frame, name) for name in names}
    n_rows = 0 if frame is None else len(frame)
    for i in range(n_rows):
        yield {name: columns[name][i] for name in names}


def _source_name(value: object) -> str:
    """Return a source name for display; a missing one shows as ``(none)``."""
    return "(none)" if _is_missing(value) or str(value) == "" else _clean_str(value)


def _colours(keys: Iterable[str]) -> dict[str, str]:
    """Return a colour per key, assigned by sorted key so the same keys get the same colours."""
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(sorted(set(keys)))}


# --------------------------------------------------------------------------------------------
# Charts (inline SVG)
# --------------------------------------------------------------------------------------------


def _svg_open(height: int, label: str) -> str:
    """Return the opening tag of a chart of the given height with an accessible label."""
    return (
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{_text(label)}" font-size="12" font-family="{SVG_FONT}" fill="#1d232b">'
    )


def _axis(top: int, bottom: int, maximum: float, ticks: int = 4) -> list[str]:
    """Return SVG gridlines and tick labels of a 0..``maximum`` axis with ``ticks`` intervals."""
    parts = []
    for i in range(ticks + 1):
        value = maximum * i / ticks
        x = LABEL_WIDTH + PLOT_WIDTH * i / ticks
        parts.append(f'<line stroke="{GRID_COLOUR}" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}"/>')
        parts.append(
            f'<text fill="{MUTED_COLOUR}" x="{x:.1f}" y="{bottom + 15}" text-anchor="middle">'
            f"{_fmt_number(value)}</text>"
        )
    return parts


def _label(x: float, y: float, text: str, limit: int, anchor: str = "end") -> str:
    """Return an SVG text label cut to ``limit`` characters; the full text is its tooltip."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">'
        f"<title>{_text(text)}</title>{_text(_shorten(text, limit))}</text>"
    )


def _scale(value: float, maximum: float) -> float:
    """Return the width in SVG units of ``value`` on a 0..``maximum`` axis, clipped to the plot."""
    if math.isnan(value) or maximum <= 0:
        return 0.0
    return PLOT_WIDTH * min(max(value, 0.0), maximum) / maximum


def _reliability_chart(rows: list[dict[str, Any]], settings: ReportSettings) -> str:
    """Return the SVG bar chart of reliability scores: bar, interval whisker, component bars.

    Sources with ``insufficient_data`` get a hatched bar and a note; unscored sources a note.
    """
    row_height = 46
    height = 8 + row_height * len(rows) + AXIS_HEIGHT
    parts = [_svg_open(height, "Reliability score per source, 0 to 100")]
    parts.append(
        '<defs><pattern id="hatch-insufficient" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#c9d6ea"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#7f98c0" stroke-width="3"/></pattern></defs>'
    )
    bottom = 8 + row_height * len(rows)
    parts.extend(_axis(4, bottom, SCORE_MAX))
    for i, row in enumerate(rows):
        top = 8 + row_height * i
        score, low, high = row["score"], row["low"], row["high"]
        parts.append(_label(LABEL_WIDTH - 8, top + 13, row["source"], settings.max_label_chars))
        tooltip = (
            f"{row['source']}: score {_fmt_score(score)}, interval {_fmt_score(low)}"
            f"\u2013{_fmt_score(high)}, {row['n_docs']} documents"
        )
        fill = 'url(#hatch-insufficient)' if row["insufficient"] else "#3b6fb6"
        if not math.isnan(score):
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{top + 4}" width="{_scale(score, SCORE_MAX):.1f}" '
                f'height="14" rx="2" fill="{fill}"><title>{_text(tooltip)}</title></rect>'
            )
        if not math.isnan(low) and not math.isnan(high):
            x1 = LABEL_WIDTH + _scale(low, SCORE_MAX)
            x2 = LABEL_WIDTH + _scale(high, SCORE_MAX)
            parts.append(
                f'<g stroke="#1d232b" stroke-width="1.5"><title>{_text(tooltip)}</title>'
                f'<line x1="{x1:.1f}" y1="{top + 11}" x2="{x2:.1f}" y2="{top + 11}"/>'
                f'<line x1="{x1:.1f}" y1="{top + 6}" x2="{x1:.1f}" y2="{top + 16}"/>'
                f'<line x1="{x2:.1f}" y1="{top + 6}" x2="{x2:.1f}" y2="{top + 16}"/></g>'
            )
        for j, (key, name, colour) in enumerate(COMPONENTS):
            value = row["components"][key]
            y = top + 22 + 6 * j
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{_scale(value, SCORE_MAX):.1f}" '
                f'height="4" fill="{colour}"><title>{_text(name)} {_fmt_score(value)}</title></rect>'
            )
        if math.isnan(score):
            note = "not scored"
        else:
            note = _fmt_score(score) + (" \u00b7 few docs" if row["insufficient"] else "")
        muted = f' fill="{MUTED_COLOUR}"' if math.isnan(score) or row["insufficient"] else ""
        parts.append(
            f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{top + 16}"{muted}>{_text(note)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _stacked_chart(
    rows: list[tuple[str, dict[str, int]]],
    colours: Mapping[str, str],
    unit: str,
    settings: ReportSettings,
) -> str:
    """Return an SVG chart of one stacked horizontal bar per row (segments in sorted key order).

    Each segment's tooltip names its key and count; the row total is printed at the right.
    """
    row_height = 24
    maximum = max((sum(counts.values()) for _, counts in rows), default=0)
    step = _count_step(maximum)
    ticks = max(math.ceil(maximum / step), 1)
    axis_max = step * ticks
    height = 6 + row_height * len(rows) + AXIS_HEIGHT
    bottom = 6 + row_height * len(rows)
    parts = [_svg_open(height, f"{unit} per row, stacked")]
    parts.extend(_axis(2, bottom, axis_max, ticks))
    for i, (label, counts) in enumerate(rows):
        top = 6 + row_height * i
        parts.append(_label(LABEL_WIDTH - 8, top + 13, label, settings.max_label_chars))
        x = float(LABEL_WIDTH)
        for key in sorted(counts):
            width = _scale(counts[key], axis_max)
            parts.append(
                f'<rect x="{x:.1f}" y="{top + 3}" width="{width:.1f}" height="14" '
                f'fill="{colours[key]}"><title>{_text(f"{label}: {key} {counts[key]:,}")}</title></rect>'
            )
            x += width
        parts.append(
            f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{top + 14}">'
            f"{_text(_fmt_number(sum(counts.values())))} {_text(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _count_step(maximum: float) -> int:
    """Return the tick step of a count axis up to ``maximum``: the smallest 1, 2 or 5 times a
    power of ten that gives at most ``AXIS_MAX_TICKS`` intervals (1 for small counts)."""
    target = max(maximum / AXIS_MAX_TICKS, 1.0)
    power = 10 ** math.floor(math.log10(target))
    for factor in (1, 2, 5, 10):
        if factor * power >= target:
            return int(factor * power)
    return int(10 * power)


def _legend(colours: Mapping[str, str], ordered: bool = False) -> str:
    """Return an HTML legend of colour swatches, in sorted key order unless ``ordered``."""
    keys = list(colours) if ordered else sorted(colours)
    items = "".join(
        f'<span><span class="sw" style="background:{colours[key]}"></span>{_text(key)}</span>'
        for key in keys
    )
    return f'<div class="legend">{items}</div>'


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | frozenset = frozenset()) -> str:
    """Return an HTML table; ``rows`` hold already escaped cell HTML, ``numeric`` right-aligns columns."""
    head = "".join(
        ('<th class="num">' if i in numeric else "<th>") + f"{_text(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"num" if i in numeric else "wrap"}">{cell}</td>' for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _key_value_html(value: object, depth: int = 0) -> str:
    """Return a value of ``run_info`` as HTML: mappings as nested sorted tables, lists joined."""
    if isinstance(value, Mapping) and depth < 3:
        if not value:
            return '<span class="empty">none</span>'
        rows = [
            [f"<code>{_text(key)}</code>", _key_value_html(value[key], depth + 1)]
            for key in sorted(value, key=lambda k: _clean_str(k))
        ]
        return _table(["name", "value"], rows)
    if _is_listlike(value):
        return _text(", ".join(_clean_str(item) for item in value))  # type: ignore[union-attr]
    if isinstance(value, float):
        return _text(_fmt_number(value))
    return f"<code>{_text(value)}</code>"


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def _reliability_rows(reliability: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Return one dict per reliability row, sorted by score (highest first, unscored last), then name."""
    extra_columns = []
    if reliability is not None and len(reliability.columns):
        extra_columns = sorted(
            str(c)
            for c in reliability.columns
            if c not in RELIABILITY_MAIN_COLUMNS and pd.api.types.is_numeric_dtype(reliability[c])
        )
    names = list(RELIABILITY_MAIN_COLUMNS) + extra_columns
    rows = []
    for record in _iter_records(reliability, names):
        rows.append(
            {
                "source": _source_name(record["source"]),
                "n_docs": _as_int(record["n_docs"]),
                "score": _as_float(record["reliability_score"]),
                "low": _as_float(record["score_low"]),
                "high": _as_float(record["score_high"]),
                "insufficient": _as_bool(record["insufficient_data"]),
                "components": {key: _as_float(record[key]) for key, _, _ in COMPONENTS},
                "evidence": _as_evidence(record["evidence"]),
                "extra": {name: record[name] for name in extra_columns},
            }
        )
    rows.sort(key=lambda r: (math.isnan(r["score"]), -(0.0 if math.isnan(r["score"]) else r["score"]), r["source"]))
    return rows


# --------------------------------------------------------------------------------------------
# The page's figures, gathered one document (one ledger row) at a time
# --------------------------------------------------------------------------------------------

#: What the page reads of a document: the keys of a document summary (a row of the documents
#: frame). ``artifact_rate`` is accepted and not shown.
DOCUMENT_FIELDS = (
    "doc_id", "source", "language", "language_confidence", "title", "n_words",
    "n_removed", "removed_reasons", "artifact_kinds", "artifact_rate",
)
#: What the page reads of a rejected input (a line of ``rejected.jsonl``).
REJECTED_FIELDS = ("raw_path", "reason", "detail")


def _document_row(summary: Mapping[str, Any]) -> dict[str, Any]:
    """Return a document summary with typed values (a missing key reads as a missing value)."""
    language = summary.get("language")
    doc_id = summary.get("doc_id")
    title = summary.get("title")
    return {
        "doc_id": _clean_str("" if _is_missing(doc_id) else doc_id),
        "source": _source_name(summary.get("source")),
        "language": "unknown" if _is_missing(language) or language == "" else _clean_str(language),
        "language_confidence": _as_float(summary.get("language_confidence")),
        "title": "" if _is_missing(title) else _clean_str(title),
        "n_words": _as_int(summary.get("n_words")),
        "n_removed": _as_int(summary.get("n_removed")),
        "removed_reasons": _as_counts(summary.get("removed_reasons")),
        "artifact_kinds": _as_counts(summary.get("artifact_kinds")),
    }


def _add_counts(total: dict[str, int], counts: Mapping[str, int]) -> None:
    """Add the ``counts`` to ``total`` in place."""
    for name, count in counts.items():
        total[name] = total.get(name, 0) + count


class _ExactSum:
    """A float sum without rounding error, so independent of the order of its terms.

    Shewchuk's algorithm (what :func:`math.fsum` does), fed one term at a time: the partials
    are non-overlapping floats whose exact sum is the exact sum of the terms; a few dozen at
    most, however many terms.
    """

    def __init__(self) -> None:
        self._partials: list[float] = []

    def add(self, x: float) -> None:
        """Add ``x`` to the sum."""
        partials = self._partials
        i = 0
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            high = x + y
            low = y - (high - x)
            if low:
                partials[i] = low
                i += 1
            x = high
        partials[i:] = [x]

    def value(self) -> float:
        """Return the sum, correctly rounded."""
        return math.fsum(self._partials)


class SourceDocuments:
    """What the page shows of one source's documents: counts, sums and the listed documents."""

    __slots__ = ("n_docs", "n_words", "n_removed", "removed_reasons", "artifact_kinds", "languages", "_first")

    def __init__(self, limit: int) -> None:
        self.n_docs = 0
        self.n_words = 0
        self.n_removed = 0
        self.removed_reasons: dict[str, int] = {}
        self.artifact_kinds: dict[str, int] = {}
        self.languages: dict[str, int] = {}
        self._first = SmallestByKey(limit)

    @property
    def n_artifacts(self) -> int:
        """Return the artifacts of every kind found in the source's documents."""
        return sum(self.artifact_kinds.values())

    def listed(self) -> list[dict[str, Any]]:
        """Return the first ``max_documents_per_source`` documents by doc_id (ties: input order)."""
        return self._first.items()


class DocumentTally:
    """The figures the page shows of the corpus, gathered one document summary at a time.

    Memory holds, per source, counts and sums (documents, words, lines removed by reason,
    artifacts by kind, documents per language) and its first ``max_documents_per_source``
    documents by doc_id; per language, the document count and the exact sum of the
    confidences; and the titles of the ``cited`` documents (the evidence's doc_ids). It grows
    with the number of sources, languages and reasons, never with the number of documents.
    The figures do not depend on the order of the summaries.
    """

    def __init__(self, settings: ReportSettings, cited: Iterable[str] = ()) -> None:
        self._limit = settings.max_documents_per_source
        self._cited = set(cited)
        self._sources: dict[str, SourceDocuments] = {}
        self._titles: dict[str, tuple[str, str]] = {}
        self._confidence_sums: dict[str, _ExactSum] = {}
        self.n_documents = 0
        self.language_counts: dict[str, int] = {}
        self.confidence_counts: dict[str, int] = {}

    def add(self, summary: Mapping[str, Any]) -> None:
        """Count one document summary (keys of :data:`DOCUMENT_FIELDS`)."""
        doc = _document_row(summary)
        name, language, confidence = doc["source"], doc["language"], doc["language_confidence"]
        source = self._sources.get(name)
        if source is None:
            source = self._sources[name] = SourceDocuments(self._limit)
        source.n_docs += 1
        source.n_words += doc["n_words"]
        source.n_removed += doc["n_removed"]
        _add_counts(source.removed_reasons, doc["removed_reasons"])
        _add_counts(source.artifact_kinds, doc["artifact_kinds"])
        source.languages[language] = source.languages.get(language, 0) + 1
        source._first.add((doc["doc_id"], self.n_documents), doc)
        self.language_counts[language] = self.language_counts.get(language, 0) + 1
        if not math.isnan(confidence):
            self._confidence_sums.setdefault(language, _ExactSum()).add(confidence)
            self.confidence_counts[language] = self.confidence_counts.get(language, 0) + 1
        if doc["doc_id"] in self._cited:
            # Of documents sharing an id, the title of the last one in (source, input) order.
            kept = self._titles.get(doc["doc_id"])
            if kept is None or name >= kept[0]:
                self._titles[doc["doc_id"]] = (name, doc["title"])
        self.n_documents += 1

    def by_source(self) -> dict[str, SourceDocuments]:
        """Return the sources' figures, sources in sorted order."""
        return {name: self._sources[name] for name in sorted(self._sources)}

    def titles(self) -> dict[str, str]:
        """Return the title of each cited document found ("" for a document without title)."""
        return {doc_id: title for doc_id, (_, title) in self._titles.items()}

    def mean_confidence(self, language: str) -> float:
        """Return the mean confidence of the documents in ``language`` (NaN when none has one)."""
        count = self.confidence_counts.get(language, 0)
        return self._confidence_sums[language].value() / count if count else math.nan


class RejectedTally:
    """The figures the page shows of the rejected ledger, gathered one row at a time.

    Holds the exact count per reason, the total, and the first ``max_rejected_rows`` rows in
    (raw_path, reason, detail) order, whatever the order of the rows given.
    """

    def __init__(self, settings: ReportSettings) -> None:
        self.n_rejected = 0
        self.reasons: dict[str, int] = {}
        self._first = SmallestByKey(settings.max_rejected_rows)

    def add(self, row: Mapping[str, Any]) -> None:
        """Count one ledger row (raw_path, reason, detail; a missing one reads as "")."""
        entry = tuple(_clean_str("" if _is_missing(row.get(key)) else row.get(key)) for key in REJECTED_FIELDS)
        self.reasons[entry[1]] = self.reasons.get(entry[1], 0) + 1
        self._first.add(entry, entry)
        self.n_rejected += 1

    def first(self) -> list[tuple[str, str, str]]:
        """Return the first ``max_rejected_rows`` rows as (raw_path, reason, detail), sorted."""
        return self._first.items()


def _summary_section(
    documents: DocumentTally,
    sources: list[dict[str, Any]],
    rejected: RejectedTally,
    run_info: Mapping[str, object],
) -> str:
    """Return the summary section: tiles with the run's main counts."""
    n_documents = run_info.get("n_documents", documents.n_documents)
    n_rejected = run_info.get("n_rejected", rejected.n_rejected)
    scored = [s["score"] for s in sources if not math.isnan(s["score"])]
    by_source = documents.by_source()
    source_names = set(by_source) | {s["source"] for s in sources}
    tiles = [
        (_fmt_number(n_documents), "documents cleaned"),
        (_fmt_number(n_rejected), "inputs rejected"),
        (_fmt_number(len(source_names)), "sources"),
        (_fmt_number(len(documents.language_counts)), "languages"),
        (_fmt_number(sum(t.n_words for t in by_source.values())), "words kept"),
        (_fmt_number(sum(t.n_removed for t in by_source.values())), "lines removed"),
        (_fmt_number(sum(t.n_artifacts for t in by_source.values())), "artifacts found"),
        (_fmt_number(len(scored)), "sources scored"),
    ]
    body = "".join(
        f'<div class="tile"><div class="num">{_text(num)}</div><div class="lbl">{_text(lbl)}</div></div>'
        for num, lbl in tiles
    )
    flagged = sum(1 for s in sources if s["insufficient"])
    note = ""
    if scored:
        note = (
            f'<p class="note">Reliability scores range from {_fmt_score(min(scored))} to '
            f"{_fmt_score(max(scored))} (0\u2013100, higher means more careful reporting); "
            f"{flagged} source(s) have too few documents for a firm score.</p>"
        )
    return f'<section id="summary"><h2>Summary</h2><div class="tiles">{body}</div>{note}</section>'


def _reliability_section(sources: list[dict[str, Any]], settings: ReportSettings) -> str:
    """Return the reliability chart section (or a note when no source was scored)."""
    head = (
        '<section id="reliability"><h2>Reliability per source</h2>'
        '<p class="note">Bar: reliability score (0\u2013100, higher means more careful reporting). '
        "Whisker: bootstrap interval. Thin bars below: the sourcing, hedging and style components. "
        "Hatched bars: too few documents for a firm score.</p>"
    )
    if not sources:
        return head + '<p class="empty">No source in the reliability table.</p></section>'
    legend = _legend({name: colour for _, name, colour in COMPONENTS}, ordered=True)
    if all(math.isnan(s["score"]) for s in sources):
        head += '<p class="empty">No source could be scored in this run.</p>'
    return head + legend + _reliability_chart(sources, settings) + "</section>"


def _highlight(sentence: str, span: str, limit: int) -> str:
    """Return ``sentence`` escaped with the first occurrence of ``span`` wrapped in ``<mark>``.

    Long sentences are cut to about ``limit`` characters around the span. When the span is
    not in the sentence, it is shown after it as the cue.
    """
    match = re.search(re.escape(span), sentence, re.IGNORECASE) if span else None
    if match is None:
        shown = _text(_shorten(sentence, limit))
        if span:
            shown += f' <span class="badge">cue: <mark>{_text(_shorten(span, limit))}</mark></span>'
        return shown
    start, end = match.span()
    context = max((limit - (end - start)) // 2, 0)
    left_start = max(start - context, 0)
    right_end = min(end + context, len(sentence))
    left = ("\u2026" if left_start > 0 else "") + sentence[left_start:start]
    right = sentence[end:right_end] + ("\u2026" if right_end < len(sentence) else "")
    return f"{_text(left)}<mark>{_text(_shorten(sentence[start:end], limit))}</mark>{_text(right)}"


def _evidence_origin(doc_id: str, titles: Mapping[str, str], settings: ReportSettings) -> str:
    """Return the muted note naming the document an evidence sentence comes from ("" if unknown).

    The note shows the document's title (cut to ``max_label_chars`` * 2) and its id.
    """
    if not doc_id:
        return ""
    title = titles.get(doc_id, "")
    named = f"\u201c{_text(_shorten(title, 2 * settings.max_label_chars))}\u201d " if title else ""
    return f' <span class="note">\u2014 {named}<code>{_text(doc_id)}</code></span>'


def _component_meters(components: Mapping[str, float]) -> str:
    """Return the three component scores as labelled meters."""
    cells = []
    for key, name, colour in COMPONENTS:
        value = components[key]
        width = 0.0 if math.isnan(value) else min(max(value, 0.0), SCORE_MAX) * 100.0 / SCORE_MAX
        cells.append(
            f"<span>{_text(name)}</span>"
            f'<div class="meter"><span style="width:{width:.1f}%;background:{colour}"></span></div>'
            f'<span class="mono">{_fmt_score(value)}</span>'
        )
    return f'<div class="components">{"".join(cells)}</div>'


def _source_cards_section(
    sources: list[dict[str, Any]],
    documents: DocumentTally,
    settings: ReportSettings,
) -> str:
    """Return one card per source: score, components, interval, evidence, signals, documents.

    Sources that have documents but no reliability row get a card too (marked not scored).
    """
    cards = []
    listed = {s["source"] for s in sources}
    by_source = documents.by_source()
    unscored = [
        {
            "source": name, "n_docs": tally.n_docs, "score": math.nan, "low": math.nan,
            "high": math.nan, "insufficient": False,
            "components": {key: math.nan for key, _, _ in COMPONENTS}, "evidence": [], "extra": {},
        }
        for name, tally in by_source.items()
        if name not in listed
    ]
    titles = documents.titles()
    for index, source in enumerate(sources + unscored, start=1):
        name = source["source"]
        badges = [f'<span class="badge">{_fmt_number(source["n_docs"])} documents</span>']
        if source["insufficient"]:
            badges.append('<span class="badge warn">insufficient data</span>')
        if math.isnan(source["score"]):
            badges.append('<span class="badge warn">not scored</span>')
        if math.isnan(source["low"]) or math.isnan(source["high"]):
            interval = '<span class="note">no interval</span>'
        else:
            interval = (
                f'<span class="note">interval {_fmt_score(source["low"])}\u2013{_fmt_score(source["high"])}</span>'
            )
        evidence = source["evidence"][: settings.max_evidence_per_source]
        if evidence:
            items = []
            for item in evidence:
                kind = item.get("kind", "")
                extra = _evidence_origin(item.get("doc_id", ""), titles, settings)
                label = f'<span class="badge">{_text(kind)}</span> ' if kind else ""
                sentence = item.get("sentence", "") or item.get("text", "")
                items.append(
                    f"<li>{label}{_highlight(sentence, item.get('text', ''), settings.max_text_chars)}{extra}</li>"
                )
            more = len(source["evidence"]) - len(evidence)
            more_note = f'<p class="note">and {more} more evidence item(s)</p>' if more > 0 else ""
            evidence_html = f'<h3>Evidence</h3><ol class="evidence">{"".join(items)}</ol>{more_note}'
        else:
            evidence_html = '<p class="empty">No evidence sentences.</p>'
        extra_html = ""
        if source["extra"]:
            rows = [[f"<code>{_text(k)}</code>", _text(_fmt_number(v))] for k, v in sorted(source["extra"].items())]
            extra_html = (
                f"<details><summary>Signal columns ({len(rows)})</summary>"
                f"{_table(['signal', 'value'], rows, numeric={1})}</details>"
            )
        tally = by_source.get(name)
        docs_html = ""
        if tally is not None:
            shown = tally.listed()
            rows = [
                [
                    f"<code>{_text(d['doc_id'])}</code>",
                    _text(_shorten(d["title"], settings.max_text_chars)) or NO_TITLE_HTML,
                    _text(d["language"]),
                    _text(_fmt_number(d["n_words"])),
                    _text(_fmt_number(d["n_removed"])),
                    _text(_fmt_number(sum(d["artifact_kinds"].values()))),
                ]
                for d in shown
            ]
            caption = f"Documents ({tally.n_docs}" + (f", first {len(shown)} shown)" if len(shown) < tally.n_docs else ")")
            docs_html = (
                f"<details><summary>{_text(caption)}</summary>"
                + _table(["doc_id", "title", "language", "words", "lines removed", "artifacts"], rows, {3, 4, 5})
                + "</details>"
            )
        card_class = "card insufficient" if source["insufficient"] else "card"
        cards.append(
            f'<div class="{card_class}" id="source-{index}"><div class="head">'
            f"<h3>{_text(name)}</h3>"
            f'<span class="score">{_fmt_score(source["score"])}</span>{interval}{"".join(badges)}</div>'
            f"{_component_meters(source['components'])}{evidence_html}{extra_html}{docs_html}</div>"
        )
    body = "".join(cards) if cards else '<p class="empty">No sources.</p>'
    return (
        '<section id="sources"><h2>Sources in detail</h2>'
        '<p class="note">Each score with its components, interval and the sentences that drove it; '
        "the highlighted words are the evidence found.</p>"
        f"{body}</section>"
    )


def _boilerplate_section(by_source: Mapping[str, SourceDocuments], settings: ReportSettings) -> str:
    """Return the boilerplate section: lines removed per source, stacked by reason, and a table."""
    head = (
        '<section id="boilerplate"><h2>Boilerplate removed per source</h2>'
        '<p class="note">Lines removed from the documents of each source, by reason.</p>'
    )
    rows = [(name, tally.removed_reasons) for name, tally in by_source.items()]
    if not any(counts for _, counts in rows):
        return head + '<p class="empty">No lines were removed.</p></section>'
    colours = _colours(reason for _, counts in rows for reason in counts)
    table_rows = []
    for name, tally in by_source.items():
        table_rows.append(
            [
                _text(name),
                _text(_fmt_number(tally.n_docs)),
                _text(_fmt_number(tally.n_removed)),
                _text(f"{tally.n_removed / tally.n_docs:.1f}"),
                _text(_fmt_number(tally.n_words)),
            ]
        )
    table = _table(["source", "documents", "lines removed", "per document", "words kept"], table_rows, {1, 2, 3, 4})
    return head + _legend(colours) + _stacked_chart(rows, colours, "lines", settings) + table + "</section>"


def _language_section(documents: DocumentTally, settings: ReportSettings) -> str:
    """Return the languages section: document counts per language, overall and per source.

    The mean confidence is the exact sum of the confidences over their count (so it does not
    depend on the order the documents were read in), shown to two decimals.
    """
    head = '<section id="languages"><h2>Languages</h2>'
    if not documents.n_documents:
        return head + '<p class="empty">No documents.</p></section>'
    counts = documents.language_counts
    languages = sorted(counts, key=lambda lang: (-counts[lang], lang))
    colours = {lang: COMPONENTS[0][2] for lang in counts}
    chart = _stacked_chart([(lang, {lang: counts[lang]}) for lang in languages], colours, "docs", settings)
    table_rows = [
        [
            f"<code>{_text(lang)}</code>",
            _text(_fmt_number(counts[lang])),
            _text(f"{documents.mean_confidence(lang):.2f}" if documents.confidence_counts.get(lang) else "\u2013"),
        ]
        for lang in languages
    ]
    overall = _table(["language", "documents", "mean confidence"], table_rows, {1, 2})
    by_language = sorted(counts)
    source_rows = []
    for name, tally in documents.by_source().items():
        source_rows.append([_text(name)] + [_text(_fmt_number(tally.languages.get(lang, 0))) for lang in by_language])
    per_source = _table(["source"] + by_language, source_rows, set(range(1, len(by_language) + 1)))
    return (
        head + '<p class="note">Documents per detected language (<code>unknown</code>: confidence too low).</p>'
        + chart + overall + "<h3>Per source</h3>" + per_source + "</section>"
    )


def _artifact_section(by_source: Mapping[str, SourceDocuments], settings: ReportSettings) -> str:
    """Return the artifacts section: artifacts per kind per source (stacked) and rates per 1,000 words."""
    head = (
        '<section id="artifacts"><h2>Artifacts per source</h2>'
        '<p class="note">Translation and encoding artifacts found in the cleaned text, by kind; '
        "the rate is artifacts per 1,000 words kept.</p>"
    )
    rows = [(name, tally.artifact_kinds) for name, tally in by_source.items()]
    if not any(counts for _, counts in rows):
        return head + '<p class="empty">No artifacts were found.</p></section>'
    colours = _colours(kind for _, counts in rows for kind in counts)
    kinds = sorted(colours)
    table_rows = []
    for (name, counts), tally in zip(rows, by_source.values()):
        words = tally.n_words
        total = sum(counts.values())
        rate = f"{1000.0 * total / words:.2f}" if words else "\u2013"
        cells = [_text(_fmt_number(counts.get(kind, 0))) for kind in kinds]
        table_rows.append([_text(name), *cells, _text(_fmt_number(total)), _text(rate)])
    table = _table(["source"] + kinds + ["total", "per 1,000 words"], table_rows, set(range(1, len(kinds) + 3)))
    return head + _legend(colours) + _stacked_chart(rows, colours, "artifacts", settings) + table + "</section>"


def _rejected_section(rejected: RejectedTally, settings: ReportSettings) -> str:
    """Return the rejected ledger: counts per reason and the first rows, sorted by path then reason."""
    head = '<section id="rejected"><h2>Rejected inputs</h2>'
    if not rejected.n_rejected:
        return head + '<p class="empty">No input was rejected.</p></section>'
    reasons = rejected.reasons
    reason_table = _table(
        ["reason", "inputs"],
        [[f"<code>{_text(r)}</code>", _text(_fmt_number(reasons[r]))] for r in sorted(reasons)],
        {1},
    )
    shown = rejected.first()
    rows = [
        [
            f"<code>{_text(_shorten(path, settings.max_text_chars))}</code>",
            f"<code>{_text(reason)}</code>",
            _text(_shorten(detail, settings.max_text_chars)),
        ]
        for path, reason, detail in shown
    ]
    more = rejected.n_rejected - len(shown)
    more_note = f'<p class="note">and {more:,} more in <code>rejected.jsonl</code></p>' if more > 0 else ""
    return head + reason_table + _table(["raw_path", "reason", "detail"], rows) + more_note + "</section>"


def _run_info_footer(run_info: Mapping[str, object]) -> str:
    """Return the footer listing every ``run_info`` entry (settings, versions, ...) in sorted order."""
    shown_in_header = {"date", "config_hash", "n_documents", "n_rejected"}
    rows = [
        [f"<code>{_text(key)}</code>", _key_value_html(run_info[key])]
        for key in sorted(run_info, key=lambda k: _clean_str(k))
        if key not in shown_in_header
    ]
    body = _table(["name", "value"], rows) if rows else '<p class="empty">No run settings recorded.</p>'
    return (
        '<footer class="page" id="run"><h2>Run settings and versions</h2>'
        f'<p class="note">The settings and library versions of this run '
        f'(config hash <code>{_text(run_info.get("config_hash", ""))}</code>).</p>{body}'
        "<p>Generated by newsclean. This page is self-contained and loads nothing from the network.</p>"
        "</footer>"
    )


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def render_report(
    documents: pd.DataFrame,
    reliability: pd.DataFrame,
    rejected: pd.DataFrame,
    run_info: Mapping[str, object],
    *,
    settings: ReportSettings | None = None,
) -> str:
    """Return the run report as one self-contained HTML page (a string; the caller writes it).

    ``documents``: one row per cleaned document (doc_id, source, language, language_confidence,
    title, n_words, n_removed, removed_reasons, artifact_kinds, artifact_rate).
    ``reliability``: one row per source (source, n_docs, reliability_score, the three
    components, score_low, score_high, insufficient_data, evidence, other numeric columns).
    ``rejected``: raw_path, reason, detail. ``run_info``: date, config_hash, n_documents,
    n_rejected and any further entries (settings, versions), shown in the footer.
    Missing columns and empty frames are tolerated; the same inputs give the same string.
    The frames are read row by row into :func:`render_report_stream`, which gives the same page.
    """
    return render_report_stream(
        _iter_records(documents, DOCUMENT_FIELDS), reliability, _iter_records(rejected, REJECTED_FIELDS),
        run_info, settings=settings,
    )


def render_report_stream(
    documents: Iterable[Mapping[str, Any]],
    reliability: pd.DataFrame | None,
    rejected: Iterable[Mapping[str, Any]],
    run_info: Mapping[str, object],
    *,
    settings: ReportSettings | None = None,
) -> str:
    """Return the run report page from document summaries and ledger rows read one at a time.

    ``documents`` yields one summary per cleaned document (the keys of :data:`DOCUMENT_FIELDS`,
    a missing key read as a missing value) and ``rejected`` one ledger row (raw_path, reason,
    detail), each in any order; both are consumed once and no row is kept beyond what
    :class:`DocumentTally` and :class:`RejectedTally` hold (bounded by the ``[report]`` limits
    and by the number of sources, languages and reasons), so memory does not grow with the
    number of documents or rejected inputs. ``reliability`` and ``run_info`` as for
    :func:`render_report`; ``n_documents`` and ``n_rejected`` default to the counts read.
    """
    settings = settings or ReportSettings()
    run_info = run_info or {}
    sources = _reliability_rows(reliability)
    cited = {item.get("doc_id", "") for s in sources for item in s["evidence"][: settings.max_evidence_per_source]}
    tally = DocumentTally(settings, cited - {""})
    for summary in documents:
        tally.add(summary)
    ledger = RejectedTally(settings)
    for row in rejected:
        ledger.add(row)
    by_source = tally.by_source()
    logger.debug(
        "rendering report: %d documents, %d sources, %d rejected", tally.n_documents, len(sources), ledger.n_rejected
    )

    date = run_info.get("date", "")
    meta = f"Run of {_text(date)}" if date not in ("", None) else "Run"
    if run_info.get("config_hash"):
        meta += f" \u00b7 config <code>{_text(run_info['config_hash'])}</code>"
    toc = "".join(
        f'<a href="#{anchor}">{label}</a>'
        for anchor, label in (
            ("summary", "Summary"), ("reliability", "Reliability"), ("sources", "Sources"),
            ("boilerplate", "Boilerplate"), ("languages", "Languages"), ("artifacts", "Artifacts"),
            ("rejected", "Rejected"), ("run", "Settings"),
        )
    )
    page = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>newsclean report {_text(date)}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header class="page"><h1>newsclean run report</h1><p class="meta">{meta}</p>'
        f'<nav class="toc">{toc}</nav></header>',
        "<main>",
        _summary_section(tally, sources, ledger, run_info),
        _reliability_section(sources, settings),
        _source_cards_section(sources, tally, settings),
        _boilerplate_section(by_source, settings),
        _language_section(tally, settings),
        _artifact_section(by_source, settings),
        _rejected_section(ledger, settings),
        "</main>",
        _run_info_footer(run_info),
        "</body></html>",
    ]
    return "\n".join(page) + "\n"
