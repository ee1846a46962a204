"""The learned line classifier: gradient-boosted trees stored as JSON, walked in pure Python.

File format (``config/boilerplate/line_model.json``, written by ``newsclean train
boilerplate``)::

    {"kind": "gradient_boosted_trees", "features": [names...], "base_score": float,
     "learning_rate": float, "trees": [{"feature": [...], "threshold": [...], "left": [...],
     "right": [...], "value": [...]}, ...], "training": {...}}

A node with ``feature == -1`` is a leaf. The score of a row is ``base_score + learning_rate *
sum(leaf values)`` in log-odds; the probability that the line is content is its logistic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pipeline.errors import ConfigError
from pipeline.text.line_features import FEATURE_NAMES, line_features


def check_model(model: dict) -> None:
    """Raise ConfigError when ``model`` was trained on other features than FEATURE_NAMES."""
    if tuple(model.get("features", ())) != FEATURE_NAMES:
        raise ConfigError("line_model.json:0: feature names differ from this version; "
                          "retrain with `newsclean train boilerplate DIR`")


def predict_proba(model: dict, rows: Sequence[Sequence[float]]) -> list[float]:
    """Return the content probability of each feature row."""
    base = model["base_score"]
    rate = model["learning_rate"]
    trees = model["trees"]
    out = []
    for row in rows:
        total = 0.0
        for tree in trees:
            feature, threshold = tree["feature"], tree["threshold"]
            left, right = tree["left"], tree["right"]
            node = 0
            while feature[node] >= 0:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            total += tree["value"][node]
        score = base + rate * total
        out.append(1.0 / (1.0 + math.exp(-score)) if score > -700 else 0.0)
    return out


def line_rows(lines, settings, title_index: int | None) -> list[list[float]]:
    """Return the feature rows of the rule pass's ``lines`` (see pipeline.text.line_features)."""
    from pipeline.text.boilerplate import _is_good   # shared definition of a good line
    return line_features([ln.text for ln in lines], [ln.key for ln in lines],
                         [ln.words for ln in lines], [ln.reason for ln in lines],
                         [_is_good(ln.words, ln.text, settings) for ln in lines], title_index)


def apply_line_model(lines, model: dict, settings, title_index: int | None = None) -> None:
    """Set ``reason`` on the open lines of ``lines`` the model drops (``navigation`` before the
    first kept line, ``comment_thread`` after a comment marker, else ``low_content``)."""
    check_model(model)
    reasons = [ln.reason for ln in lines]
    rows = line_rows(lines, settings, title_index)
    open_idx = [i for i, r in enumerate(reasons) if r is None]
    probs = predict_proba(model, [rows[i] for i in open_idx])
    keep = {i: p >= settings.model_keep_probability for i, p in zip(open_idx, probs)}
    prob = dict(zip(open_idx, probs))
    # smoothing: a line the model doubts stays when the open lines on both sides are kept
    for pos in range(1, len(open_idx) - 1):
        i = open_idx[pos]
        if (not keep[i] and prob[i] >= settings.model_rescue_probability
                and keep[open_idx[pos - 1]] and keep[open_idx[pos + 1]]):
            keep[i] = True
    first_kept = next((i for i in open_idx if keep[i]), len(lines))
    comment_at = next((i for i, r in enumerate(reasons) if r in ("comment_form", "comment_thread")
                       and i > first_kept), None)
    for i in open_idx:
        if keep[i]:
            continue
        if i < first_kept:
            lines[i].reason = "navigation"
        elif comment_at is not None and i > comment_at:
            lines[i].reason = "comment_thread"
        else:
            lines[i].reason = "low_content"
