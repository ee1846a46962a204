"""Evaluate boilerplate stripping on pages with human-labelled main text.

Folder format (``../shared/data/boilerplate/dev``): per page ``<id>.page.txt`` (naive text, one
line per block), ``<id>.labels.tsv`` (0-based ``line``, ``label`` 1 = content, ``ntok``),
``<id>.gold.txt`` (gold main text), ``<id>.html``; optional ``manifest.csv`` (``id``,
``source``, ``site``) groups pages by source dataset and by site.

Metrics (means over pages):
- ``text.token_f1`` / ``text.line_f1``: ``clean_text`` on ``page.txt``; token F1 is the F1 of
  the bag of lower-cased ``\\w+`` tokens of the kept text against the gold; line F1 is the F1 of
  keep (label 1) over the lines that have tokens.
- ``html.token_f1``: ``extract_html`` then ``clean_text(from_html=True)`` (our whole HTML path);
  ``html.extract_only.token_f1``: ``extract_html``'s text alone;
  ``html.trafilatura_default.token_f1`` and ``html.trafilatura_no_comments.token_f1``: plain
  ``trafilatura.extract`` in the same run; ``html.gain_over_trafilatura``: ours minus
  trafilatura with comments off.
- ``<metric>@<source>`` for each source dataset of the manifest.

With ``cv_folds`` >= 2 the line model is retrained in-process for each of that many folds,
grouped by site (on the page.txt and the trafilatura text of the other folds' pages), so a page
is always cleaned, as text and as HTML, by a model that never saw its site; with ``cv_folds=0``
the shipped model (``config/boilerplate/line_model.json``) is used (in-sample figures).
"""

from __future__ import annotations

import csv
import dataclasses
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from pipeline.settings import config_dir as configured_dir, settings_for
from pipeline.text.boilerplate import BoilerplateSettings, clean_text, load_boilerplate_resources
from pipeline.text.html_extract import ExtractedPage, decode_html, extract_html

log = logging.getLogger(__name__)

DEFAULT_CV_FOLDS = 5
_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class LabelledPage:
    """One evaluation page: id, source dataset, site, naive text, line labels, gold text."""

    page_id: str
    source: str
    site: str
    text: str
    labels: dict[int, tuple[int, int]]   # 0-based line -> (label, ntok)
    gold: str
    html_path: Path | None


def load_pages(path: Path) -> list[LabelledPage]:
    """Return the labelled pages of folder ``path``, sorted by id."""
    path = Path(path)
    manifest: dict[str, dict] = {}
    if (path / "manifest.csv").exists():
        with open(path / "manifest.csv", newline="", encoding="utf-8") as fh:
            manifest = {row["id"]: row for row in csv.DictReader(fh)}
    pages = []
    for page_txt in sorted(path.glob("*.page.txt")):
        page_id = page_txt.name[: -len(".page.txt")]
        labels = {}
        with open(path / f"{page_id}.labels.tsv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                labels[int(row["line"])] = (int(row["label"]), int(row["ntok"]))
        row = manifest.get(page_id, {})
        html_path = path / f"{page_id}.html"
        pages.append(LabelledPage(
            page_id=page_id, source=row.get("source") or "all", site=row.get("site") or page_id,
            text=page_txt.read_text(encoding="utf-8"), labels=labels,
            gold=(path / f"{page_id}.gold.txt").read_text(encoding="utf-8"),
            html_path=html_path if html_path.exists() else None))
    return pages


def token_f1(predicted: str, gold: str) -> float:
    """Return the bag-of-words F1 of ``predicted`` against ``gold`` (lower-cased ``\\w+``)."""
    p = Counter(_TOKEN_RE.findall(predicted.lower()))
    g = Counter(_TOKEN_RE.findall(gold.lower()))
    overlap = sum((p & g).values())
    if not p or not g:
        return 1.0 if not p and not g else 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 0.0 if overlap == 0 else 2 * precision * recall / (precision + recall)


def line_f1(kept_lines: set[int], labels: dict[int, tuple[int, int]]) -> float:
    """Return the F1 of keeping label-1 lines; ``kept_lines`` are 0-based, 0-token lines ignored."""
    tp = fp = fn = 0
    for line, (label, ntok) in labels.items():
        if ntok == 0:
            continue
        kept = line in kept_lines
        tp += kept and label == 1
        fp += kept and label == 0
        fn += (not kept) and label == 1
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def _fold_of_site(pages: list[LabelledPage], folds: int) -> dict[str, int]:
    """Return site -> fold, balancing pages per fold greedily (largest sites first, by name)."""
    sizes = Counter(p.site for p in pages)
    loads = [0] * folds
    assignment = {}
    for site, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        fold = min(range(folds), key=lambda f: (loads[f], f))
        assignment[site] = fold
        loads[fold] += size
    return assignment


def extract_pages(pages: list[LabelledPage], settings) -> dict[str, ExtractedPage]:
    """Return page id -> ``extract_html`` of the page's HTML (pages that have one)."""
    return {page.page_id: extract_html(decode_html(page.html_path.read_bytes()), None,
                                       settings=settings)
            for page in pages if page.html_path is not None}


def _models_by_page(pages, folds: int, settings, config_dir: Path | None = None,
                    extracted: dict[str, ExtractedPage] | None = None) -> dict[str, dict | None]:
    """Return page id -> the line model trained on the other folds' sites (their page.txt and
    the trafilatura text of their HTML in ``extracted``)."""
    from pipeline.training.boilerplate import train_line_model   # training imports this module
    fold_of = _fold_of_site(pages, folds)
    models = {}
    for fold in range(folds):
        train_pages = [p for p in pages if fold_of[p.site] != fold]
        model, _ = train_line_model(train_pages, settings=settings, config_dir=config_dir,
                                    extracted=extracted)
        for p in pages:
            if fold_of[p.site] == fold:
                models[p.page_id] = model
    return models


def evaluate(path: Path, *, config_dir: Path | None = None, cv_folds: int = DEFAULT_CV_FOLDS,
             settings: BoilerplateSettings | None = None, html: bool = True,
             limit: int | None = None) -> dict[str, float]:
    """Return flat metrics (see module docstring) for the labelled pages in ``path``."""
    settings = settings or settings_for("boilerplate")
    cross_validate = bool(cv_folds and cv_folds >= 2)
    resources = load_boilerplate_resources(config_dir or configured_dir(),
                                           with_line_model=not cross_validate)
    pages = load_pages(path)[:limit]
    started = time.monotonic()
    extracted = extract_pages(pages, settings) if (html or cross_validate) else {}
    models = (_models_by_page(pages, cv_folds, settings, config_dir, extracted)
              if cross_validate else {})
    per_page: list[tuple[str, dict[str, float]]] = []
    for page in pages:
        res = resources
        if page.page_id in models:
            res = dataclasses.replace(resources, line_model=models[page.page_id])
        cleaned = clean_text(page.text, resources=res, settings=settings)
        kept0 = {number - 1 for number, _ in cleaned.kept}
        scores = {"text.token_f1": token_f1(cleaned.text, page.gold),
                  "text.line_f1": line_f1(kept0, page.labels)}
        if html and page.page_id in extracted:
            scores.update(_html_scores(page, extracted[page.page_id], res, settings))
        per_page.append((page.source, scores))
    metrics = _average(per_page)
    if "html.token_f1" in metrics and "html.trafilatura_no_comments.token_f1" in metrics:
        # Ours minus trafilatura's best setting on the same pages, same run: must stay above 0.
        metrics["html.gain_over_trafilatura"] = round(
            metrics["html.token_f1"] - metrics["html.trafilatura_no_comments.token_f1"], 4)
    metrics["pages"] = float(len(pages))
    metrics["cv_folds"] = float(cv_folds if models else 0)
    metrics["seconds"] = round(time.monotonic() - started, 1)
    return metrics


def _html_scores(page: LabelledPage, extracted: ExtractedPage, resources, settings
                 ) -> dict[str, float]:
    html = decode_html(page.html_path.read_bytes())
    cleaned = clean_text(extracted.text, resources=resources, settings=settings,
                         known_title=extracted.title, from_html=True)
    default = trafilatura.extract(html, deduplicate=False) or ""
    no_comments = trafilatura.extract(html, deduplicate=False, include_comments=False) or ""
    return {"html.token_f1": token_f1(cleaned.text, page.gold),
            "html.extract_only.token_f1": token_f1(extracted.text, page.gold),
            "html.trafilatura_default.token_f1": token_f1(default, page.gold),
            "html.trafilatura_no_comments.token_f1": token_f1(no_comments, page.gold)}


def _average(per_page: list[tuple[str, dict[str, float]]]) -> dict[str, float]:
    sums: dict[str, list[float]] = {}
    for source, scores in per_page:
        for name, value in scores.items():
            sums.setdefault(name, []).append(value)
            sums.setdefault(f"{name}@{source}", []).append(value)
    return {name: round(sum(v) / len(v), 4) for name, v in sorted(sums.items())}


def format_report(metrics: dict) -> str:
    """Return a human-readable table of ``metrics``: one row per metric, sources as columns."""
    base = sorted({k.split("@")[0] for k in metrics if "@" in k or "." in k})
    sources = sorted({k.split("@")[1] for k in metrics if "@" in k})
    header = ["metric", "all"] + sources
    rows = [header]
    for name in base:
        if name not in metrics:
            continue
        rows.append([name, f"{metrics[name]:.3f}"]
                    + [f"{metrics[f'{name}@{s}']:.3f}" if f"{name}@{s}" in metrics else ""
                       for s in sources])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    extra = ", ".join(f"{k}={metrics[k]:g}" for k in ("pages", "cv_folds", "seconds") if k in metrics)
    return "\n".join(lines + [extra])
