"""Train the boilerplate line classifier on labelled pages and write it as JSON.

``newsclean train boilerplate DIR`` calls ``train(DIR, config/boilerplate/line_model.json)``.
One model serves both inputs of the cleaner:

- plain text: each page's ``page.txt`` goes through the rule steps of ``clean_text``; the lines
  no rule claimed become rows (features from ``pipeline.text.line_features``, label from
  ``labels.tsv``);
- HTML: each page's ``html`` goes through ``extract_html`` (trafilatura, as at run time) and the
  rule steps with ``from_html``; its open lines become rows too, labelled by aligning them to the
  gold text (``pipeline.training.line_labels``). The feature ``from_html`` tells the two apart.

The model is a bag of ``N_BAGS`` scikit-learn HistGradientBoostingClassifiers, each fitted on a
bootstrap sample of the training sites (whole sites, so a bag never sees half a site), with
a fixed seed, no early stopping and one thread. Averaging the bags' log-odds makes the page
decisions steadier than one larger model (a line's fate on a page turned on a few trees). The
average is itself a sum of trees: every bag's trees, leaf values divided by ``N_BAGS``, so the
JSON file keeps the single-forest format that ``pipeline.text.line_model`` walks at run time
(no pickle). The dump reads the fitted predictors (``_predictors``), so the scikit-learn version
is pinned; the summary says how far the JSON walker is from scikit-learn's probabilities.
Cross-validated figures come from ``newsclean eval boilerplate DIR`` (folds grouped by site).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

from pipeline.evaluation.boilerplate import (
    LabelledPage,
    extract_pages,
    load_pages,
)
from pipeline.settings import config_dir as configured_dir
from pipeline.text.boilerplate import (
    BoilerplateSettings,
    first_pass,
    load_boilerplate_resources,
    rule_pass,
)
from pipeline.text.html_extract import ExtractedPage
from pipeline.text.line_features import FEATURE_NAMES
from pipeline.text.line_model import line_rows, predict_proba
from pipeline.training.line_labels import align_labels

log = logging.getLogger(__name__)
TRAIN_THREADS = 1             # OpenMP threads while fitting (the machine is shared)

N_BAGS = 4                    # models averaged, each on a bootstrap sample of the sites
TREES_PER_BAG = 40
MAX_LEAF_NODES = 15
MAX_DEPTH = 6                 # shallow trees are also quicker to walk at run time
MAX_FEATURES_SHARE = 0.5      # share of the features each split may look at
LEARNING_RATE = 0.2
L2_REGULARIZATION = 1.0
MIN_SAMPLES_LEAF = 20
RANDOM_SEED = 0
SETTLED_WEIGHT = 0.3          # weight of a row of a page one pass already cleaned (settled_rows)
SIGNIFICANT_DIGITS = 9        # leaf values are rounded to this in the JSON


def _rows_of(lines, rows, labels) -> tuple[list[list[float]], list[int]]:
    """Return the rows and labels of the open lines that have tokens."""
    x, y = [], []
    for ln, row, (label, ntok) in zip(lines, rows, labels):
        if ln.reason is None and ntok > 0:
            x.append(row)
            y.append(label)
    return x, y


def _text_labels(page: LabelledPage, lines) -> list[tuple[int, int]]:
    return [page.labels.get(ln.number - 1, (0, 0)) for ln in lines]


def page_rows(page: LabelledPage, resources, settings) -> tuple[list[list[float]], list[int]]:
    """Return the feature rows and 0/1 labels of the lines of ``page.txt`` no rule claimed."""
    passed = rule_pass(page.text, resources=resources, settings=settings)
    rows = line_rows(passed.lines, settings, passed.title_index)
    return _rows_of(passed.lines, rows, _text_labels(page, passed.lines))


def html_rows(page: LabelledPage, extracted: ExtractedPage, resources, settings
              ) -> tuple[list[list[float]], list[int]]:
    """Return the feature rows and 0/1 labels (aligned to the gold text) of the lines of
    trafilatura's text of ``page`` that no rule claimed."""
    passed = rule_pass(extracted.text, resources=resources, settings=settings,
                       known_title=extracted.title)
    if not passed.shows_boilerplate:      # the cleaner does not run the model on such text
        return [], []
    rows = line_rows(passed.lines, settings, passed.title_index, from_html=True)
    labels = align_labels([ln.text for ln in passed.lines], page.gold)
    return _rows_of(passed.lines, rows, labels)


def settled_rows(text: str, labels_of, resources, settings, *, known_title: str | None,
                 from_html: bool) -> tuple[list[list[float]], list[int]]:
    """Return the rows and labels of the lines one pass of the cleaner keeps of ``text``
    (``resources`` holds the model), taken as a text of their own: the cleaner runs again on
    its output until nothing more goes, so the model must know such pages too.
    ``labels_of(lines)`` gives ``(label, ntok)`` per line of ``text``'s rule pass."""
    passed = first_pass(text, resources=resources, settings=settings,
                        known_title=known_title, from_html=from_html)
    kept = [ln for ln in passed.lines if ln.reason is None]
    label_of = dict(zip((ln.number for ln in passed.lines), labels_of(passed.lines)))
    again = rule_pass("\n".join(ln.text for ln in kept), resources=resources,
                      settings=settings, known_title=known_title)
    rows = line_rows(again.lines, settings, again.title_index, from_html)
    labels = [label_of[kept[ln.number - 1].number] for ln in again.lines]
    return _rows_of(again.lines, rows, labels)


def _round(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def _export_trees(clf: HistGradientBoostingClassifier, scale: float) -> list[dict]:
    """Return the trees of a fitted binary HistGradientBoostingClassifier, leaf values times
    ``scale``, in the JSON form of ``pipeline.text.line_model``."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [-1 if leaf else int(f)
                        for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"])],
            "threshold": [float(v) for v in nodes["num_threshold"]],   # exact: rows sit on them
            "left": [int(v) for v in nodes["left"]],
            "right": [int(v) for v in nodes["right"]],
            "value": [_round(v * scale) for v in nodes["value"]],
        })
    return trees


def export_bag(classifiers: Sequence[HistGradientBoostingClassifier]) -> dict:
    """Return the JSON-ready model whose log-odds are the mean of ``classifiers``' log-odds."""
    scale = 1.0 / len(classifiers)
    base = float(np.mean([np.ravel(c._baseline_prediction)[0] for c in classifiers]))
    trees = [tree for c in classifiers for tree in _export_trees(c, scale)]
    return {"kind": "gradient_boosted_trees", "features": list(FEATURE_NAMES),
            "base_score": base, "learning_rate": 1.0, "trees": trees}


def make_classifier(seed: int) -> HistGradientBoostingClassifier:
    """Return one unfitted bag member with the module's fixed settings."""
    return HistGradientBoostingClassifier(
        max_iter=TREES_PER_BAG, max_depth=MAX_DEPTH, max_leaf_nodes=MAX_LEAF_NODES,
        max_features=MAX_FEATURES_SHARE, learning_rate=LEARNING_RATE,
        l2_regularization=L2_REGULARIZATION, min_samples_leaf=MIN_SAMPLES_LEAF,
        early_stopping=False, random_state=seed)


SiteRows = dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]   # site -> (x, y, weight)


def _collect(pages, per_page) -> SiteRows:
    """Return site -> (rows, labels, weights) from ``per_page(page)`` -> list of (x, y, w)."""
    by_site: dict[str, tuple[list, list, list]] = {}
    for page in pages:
        x, y, w = by_site.setdefault(page.site, ([], [], []))
        for px, py, weight in per_page(page):
            x += px
            y += py
            w += [weight] * len(py)
    return {site: (np.asarray(x, dtype=np.float64), np.asarray(y), np.asarray(w, dtype=np.float64))
            for site, (x, y, w) in sorted(by_site.items()) if x}


def _fit_bag(data: SiteRows) -> list[HistGradientBoostingClassifier]:
    """Return N_BAGS classifiers, each fitted on a bootstrap sample of the sites of ``data``."""
    sites = sorted(data)
    classifiers = []
    with threadpool_limits(limits=TRAIN_THREADS):
        for bag in range(N_BAGS):
            rng = np.random.RandomState(RANDOM_SEED + bag)
            sample = [sites[i] for i in rng.randint(0, len(sites), size=len(sites))]
            clf = make_classifier(RANDOM_SEED + bag)
            clf.fit(np.vstack([data[s][0] for s in sample]),
                    np.concatenate([data[s][1] for s in sample]),
                    sample_weight=np.concatenate([data[s][2] for s in sample]))
            classifiers.append(clf)
    return classifiers


def _merge(a: SiteRows, b: SiteRows) -> SiteRows:
    out = dict(a)
    for site, (x, y, w) in b.items():
        if site in out:
            ox, oy, ow = out[site]
            out[site] = (np.vstack([ox, x]), np.concatenate([oy, y]), np.concatenate([ow, w]))
        else:
            out[site] = (x, y, w)
    return dict(sorted(out.items()))


def train_line_model(pages: Sequence[LabelledPage], *, settings: BoilerplateSettings | None = None,
                     config_dir: Path | None = None,
                     extracted: Mapping[str, ExtractedPage] | None = None) -> tuple[dict, dict]:
    """Return ``(model, summary)``: the JSON-ready model trained on ``pages`` (their page.txt
    lines, and trafilatura's lines of the pages in ``extracted``) and a summary (pages, rows,
    content share, largest gap between scikit-learn and the JSON walker).

    Two rounds: a first bag on the lines of the rule pass; then, with it, one pass of the
    cleaner over every page, whose kept lines (a text of their own) add rows weighted
    ``SETTLED_WEIGHT``; the final bag is fitted on both."""
    settings = settings or BoilerplateSettings()
    resources = load_boilerplate_resources(config_dir or configured_dir(), with_line_model=False)
    extracted = extracted or {}

    def base(page):
        yield (*page_rows(page, resources, settings), 1.0)
        if page.page_id in extracted:
            yield (*html_rows(page, extracted[page.page_id], resources, settings), 1.0)

    data = _collect(pages, base)
    if SETTLED_WEIGHT > 0:
        with_first = dataclasses.replace(resources, line_model=export_bag(_fit_bag(data)))

        def settled(page):
            yield (*settled_rows(page.text, lambda lines: _text_labels(page, lines), with_first,
                                 settings, known_title=None, from_html=False), SETTLED_WEIGHT)

        data = _merge(data, _collect(pages, settled))
    classifiers = _fit_bag(data)
    model = export_bag(classifiers)
    all_x = np.vstack([x for x, _, _ in data.values()])
    all_y = np.concatenate([y for _, y, _ in data.values()])
    check = all_x[: min(len(all_x), 2000)]
    ours = np.asarray(predict_proba(model, check))
    logit = np.mean([c.decision_function(check) for c in classifiers], axis=0)
    theirs = 1.0 / (1.0 + np.exp(-logit))
    summary = {"pages": len(pages), "html_pages": sum(p.page_id in extracted for p in pages),
               "rows": int(len(all_y)),
               "content_share": round(float(all_y.mean()), 4) if len(all_y) else 0.0,
               "trees": len(model["trees"]),
               "max_probability_gap_vs_sklearn": float(np.max(np.abs(ours - theirs)))}
    return model, summary


def train(data: Path, out: Path) -> dict:
    """Train on the labelled pages in ``data`` (page.txt and, where there is one, the HTML),
    write the model JSON to ``out`` (a file, or a folder that receives ``line_model.json``) and
    return the training summary."""
    settings = BoilerplateSettings()
    pages = load_pages(Path(data))
    model, summary = train_line_model(pages, settings=settings,
                                      extracted=extract_pages(pages, settings))
    out = Path(out)
    if out.is_dir():
        out = out / "line_model.json"
    model["training"] = {k: summary[k] for k in ("pages", "html_pages", "rows", "content_share")}
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(out)
    summary["out"] = str(out)
    summary["bytes"] = out.stat().st_size
    log.info("line model written to %s (%d bytes)", out, summary["bytes"])
    return summary
