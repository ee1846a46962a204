"""Train the boilerplate line classifier on labelled pages and write it as JSON.

``newsclean train boilerplate DIR`` calls ``train(DIR, config/boilerplate/line_model.json)``.
Each page's ``page.txt`` goes through the rule steps of ``clean_text``; the lines no rule
claimed become training rows (features from ``pipeline.text.line_features``, label from
``labels.tsv``). The model is scikit-learn's HistGradientBoostingClassifier (fixed seed, no early stopping, one
thread); its trees are dumped to JSON and evaluated at run time by ``pipeline.text.line_model``
(no pickle). The dump reads the fitted predictors (``_predictors``), so the scikit-learn version
is pinned; a summary field checks that the JSON walker reproduces scikit-learn's probabilities.
Cross-validated figures come from ``newsclean eval boilerplate DIR`` (folds grouped by site).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

from pipeline.evaluation.boilerplate import DEFAULT_CONFIG_DIR, LabelledPage, load_pages
from pipeline.text.boilerplate import BoilerplateSettings, load_boilerplate_resources, rule_pass
from pipeline.text.line_features import FEATURE_NAMES
from pipeline.text.line_model import line_rows, predict_proba

log = logging.getLogger(__name__)
TRAIN_THREADS = 1             # OpenMP threads while fitting (the machine is shared)

N_TREES = 300
MAX_LEAF_NODES = 15
LEARNING_RATE = 0.05
L2_REGULARIZATION = 1.0
MIN_SAMPLES_LEAF = 20
RANDOM_SEED = 0
SIGNIFICANT_DIGITS = 9        # leaf values are rounded to this in the JSON


def page_rows(page: LabelledPage, resources, settings) -> tuple[list[list[float]], list[int]]:
    """Return the feature rows and 0/1 labels of the lines of ``page`` that no rule claimed."""
    passed = rule_pass(page.text, resources=resources, settings=settings)
    lines = passed.lines
    rows = line_rows(lines, settings, passed.title_index)
    x, y = [], []
    for ln, row in zip(lines, rows):
        label, ntok = page.labels.get(ln.number - 1, (0, 0))
        if ln.reason is None and ntok > 0:
            x.append(row)
            y.append(label)
    return x, y


def _round(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def _export(clf: HistGradientBoostingClassifier) -> dict:
    """Return the JSON-ready model of a fitted binary HistGradientBoostingClassifier."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [-1 if leaf else int(f)
                        for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"])],
            "threshold": [float(v) for v in nodes["num_threshold"]],   # exact: rows sit on them
            "left": [int(v) for v in nodes["left"]],
            "right": [int(v) for v in nodes["right"]],
            "value": [_round(v) for v in nodes["value"]],
        })
    return {"kind": "gradient_boosted_trees", "features": list(FEATURE_NAMES),
            "base_score": float(np.ravel(clf._baseline_prediction)[0]), "learning_rate": 1.0,
            "trees": trees}


def make_classifier() -> HistGradientBoostingClassifier:
    """Return the unfitted line classifier with the module's fixed settings."""
    return HistGradientBoostingClassifier(
        max_iter=N_TREES, max_depth=None, max_leaf_nodes=MAX_LEAF_NODES,
        learning_rate=LEARNING_RATE, l2_regularization=L2_REGULARIZATION,
        min_samples_leaf=MIN_SAMPLES_LEAF, early_stopping=False, random_state=RANDOM_SEED)


def train_line_model(pages: Sequence[LabelledPage], *, settings: BoilerplateSettings | None = None,
                     config_dir: Path | None = None) -> tuple[dict, dict]:
    """Return ``(model, summary)``: the JSON-ready model trained on ``pages`` and a summary
    (pages, rows, content share, largest gap between sklearn and the JSON walker)."""
    settings = settings or BoilerplateSettings()
    resources = load_boilerplate_resources(config_dir or DEFAULT_CONFIG_DIR)
    x: list[list[float]] = []
    y: list[int] = []
    for page in pages:
        px, py = page_rows(page, resources, settings)
        x += px
        y += py
    features, labels = np.asarray(x, dtype=np.float64), np.asarray(y)
    clf = make_classifier()
    with threadpool_limits(limits=TRAIN_THREADS):
        clf.fit(features, labels)
    prior = float(labels.mean())
    model = _export(clf)
    check = slice(0, min(len(x), 2000))
    ours = np.asarray(predict_proba(model, x[check]))
    theirs = clf.predict_proba(features[check])[:, 1]
    summary = {"pages": len(pages), "rows": len(y), "content_share": round(prior, 4),
               "max_probability_gap_vs_sklearn": float(np.max(np.abs(ours - theirs))),
               "train_accuracy": round(float(clf.score(features, labels)), 4)}
    return model, summary


def train(data: Path, out: Path) -> dict:
    """Train on the labelled pages in ``data``, write the model JSON to ``out`` (a file, or a
    folder that receives ``line_model.json``) and return the training summary."""
    pages = load_pages(Path(data))
    model, summary = train_line_model(pages)
    out = Path(out)
    if out.is_dir():
        out = out / "line_model.json"
    model["training"] = {k: summary[k] for k in ("pages", "rows", "content_share")}
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(out)
    summary["out"] = str(out)
    summary["bytes"] = out.stat().st_size
    log.info("line model written to %s (%d bytes)", out, summary["bytes"])
    return summary
