"""The learned line classifier: gradient-boosted trees stored as JSON, walked in pure Python.

File format (``config/boilerplate/line_model.json``, written by ``newsclean train
boilerplate``)::

    {"kind": "gradient_boosted_trees", "features": [names...], "base_score": float,
     "learning_rate": float, "trees": [{"feature": [...], "threshold": [...], "left": [...],
     "right": [...], "value": [...]}, ...], "training": {...}}

A node with ``feature == -1`` is a leaf; a row goes left when its feature is ``<=`` the
threshold. The score of a row is ``base_score + learning_rate * sum(leaf values)`` in log-odds;
the probability that the line is content is its logistic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.errors import ConfigError
from pipeline.text.line_features import (
    FEATURE_NAMES,
    SHAPE_COLUMNS,
    claimed_shape,
    line_features,
    line_shape,
)

_GOOD = SHAPE_COLUMNS.index("is_good")


def check_model(model: dict, source: str = "line_model.json") -> None:
    """Raise ConfigError (``source:0: ...``) when ``model`` was trained on other features than
    FEATURE_NAMES, so a stale model file stops a run before any work."""
    if tuple(model.get("features", ())) != FEATURE_NAMES:
        raise ConfigError(f"{source}:0: feature names differ from this version; "
                          "retrain with `newsclean train boilerplate DIR`")


COMPLETE_MAX_DEPTH = 8      # trees up to this deep are laid out complete (2**depth leaves)


@dataclass(frozen=True)
class _Forest:
    """The trees as arrays. Complete layout (``complete``): every tree padded to a full binary
    tree of ``depth`` levels, internal node ``j`` of a level having children ``2j+1`` and
    ``2j+2``, so a walk needs no child lookups (a leaf above the last level is copied into all
    the leaves below it, and its padded inner nodes always go left). Otherwise (deeper trees)
    the file's own node arrays, leaves pointing to themselves."""

    complete: bool
    feature: np.ndarray          # trees x inner nodes (complete) or trees x nodes
    threshold: np.ndarray
    value: np.ndarray            # trees x leaves (complete) or trees x nodes
    left: np.ndarray | None
    right: np.ndarray | None
    depth: int


_FORESTS: dict[int, tuple[dict, _Forest]] = {}


def _tree_depth(tree: dict) -> int:
    depth, stack = 0, [(0, 0)]
    while stack:
        node, d = stack.pop()
        depth = max(depth, d)
        if tree["feature"][node] >= 0:
            stack += [(tree["left"][node], d + 1), (tree["right"][node], d + 1)]
    return depth


def _complete_forest(trees: list[dict], depth: int) -> _Forest:
    n_leaves = 2 ** depth
    feature = np.zeros((len(trees), n_leaves - 1), dtype=np.intp)
    threshold = np.full((len(trees), n_leaves - 1), np.inf)
    value = np.zeros((len(trees), n_leaves))
    for t, tree in enumerate(trees):
        stack = [(0, 0, 0)]                    # (node, level, position within the level)
        while stack:
            node, level, pos = stack.pop()
            if tree["feature"][node] < 0:
                span = 2 ** (depth - level)
                value[t, pos * span:(pos + 1) * span] = tree["value"][node]
                continue
            inner = 2 ** level - 1 + pos
            feature[t, inner] = tree["feature"][node]
            threshold[t, inner] = tree["threshold"][node]
            stack += [(tree["left"][node], level + 1, 2 * pos),
                      (tree["right"][node], level + 1, 2 * pos + 1)]
    return _Forest(True, feature, threshold, value, None, None, depth)


def _node_forest(trees: list[dict], depth: int) -> _Forest:
    width = max((len(t["feature"]) for t in trees), default=1)
    shape = (len(trees), width)
    feature = np.zeros(shape, dtype=np.intp)
    threshold = np.full(shape, np.inf)
    left = np.tile(np.arange(width, dtype=np.intp), (len(trees), 1))
    right = left.copy()
    value = np.zeros(shape)
    for t, tree in enumerate(trees):
        n = len(tree["feature"])
        f = np.asarray(tree["feature"], dtype=np.intp)
        inner = f >= 0
        feature[t, :n] = np.where(inner, f, 0)
        threshold[t, :n] = np.where(inner, np.asarray(tree["threshold"], dtype=float), np.inf)
        left[t, :n] = np.where(inner, tree["left"], np.arange(n))
        right[t, :n] = np.where(inner, tree["right"], np.arange(n))
        value[t, :n] = tree["value"]
    return _Forest(False, feature, threshold, value, left, right, depth)


def _forest(model: dict) -> _Forest:
    """Return the array form of ``model``'s trees, built once per model object."""
    held = _FORESTS.get(id(model))
    if held is not None and held[0] is model:
        return held[1]
    trees = model["trees"]
    depth = max((_tree_depth(t) for t in trees), default=0)
    forest = (_complete_forest if depth <= COMPLETE_MAX_DEPTH else _node_forest)(trees, depth)
    _FORESTS[id(model)] = (model, forest)
    return forest


def predict_proba(model: dict, rows: Sequence[Sequence[float]]) -> list[float]:
    """Return the content probability of each feature row.

    All rows walk all trees at once, one array step per tree level, then the leaf values are
    summed; a row goes left when its feature is ``<=`` the node's threshold."""
    if len(rows) == 0:
        return []
    forest = _forest(model)
    x = np.asarray(rows, dtype=float)
    n_rows, n_features = x.shape
    n_trees = forest.feature.shape[0]
    flat_x = x.ravel()
    feature, threshold = forest.feature.ravel(), forest.threshold.ravel()
    row_offset = (np.arange(n_rows, dtype=np.intp) * n_features)[:, None]
    if forest.complete:
        tree_offset = np.arange(n_trees, dtype=np.intp) * feature.shape[0] // n_trees
        node = np.zeros((n_rows, n_trees), dtype=np.intp)
        for _ in range(forest.depth):
            at = tree_offset + node
            node = 2 * node + 1 + (flat_x[row_offset + feature[at]] > threshold[at])
        leaves = forest.value.shape[1]
        leaf_sum = forest.value.ravel()[np.arange(n_trees) * leaves + node - (leaves - 1)].sum(axis=1)
    else:
        width = forest.feature.shape[1]
        left, right = forest.left.ravel(), forest.right.ravel()
        base = np.arange(n_trees, dtype=np.intp) * width
        node = np.broadcast_to(base, (n_rows, n_trees)).copy()
        for _ in range(forest.depth):
            go_left = flat_x[row_offset + feature[node]] <= threshold[node]
            node = base + np.where(go_left, left[node], right[node])
        leaf_sum = forest.value.ravel()[node].sum(axis=1)
    score = model["base_score"] + model["learning_rate"] * leaf_sum
    return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(score, -700.0, 700.0)))]


def line_rows(lines, settings, title_index: int | None, from_html: bool = False) -> np.ndarray:
    """Return the feature matrix of the rule pass's ``lines`` (see pipeline.text.line_features).

    Only the rows of open lines (``reason`` None) are meant to be scored: a claimed line's own
    columns are left at 0. An open line's LineShape is computed once and kept on the line
    (``ln.shape``), for the passes that clean the kept lines again."""
    from pipeline.text.boilerplate import _is_good   # shared definition of a good line
    shapes, good = [], []
    for ln in lines:
        if ln.reason is None:
            if ln.shape is None:
                ln.shape = line_shape(ln.text, ln.key, ln.words,
                                      _is_good(ln.words, ln.text, settings))
            shapes.append(ln.shape)
            good.append(bool(ln.shape.values[_GOOD]))
        else:
            shapes.append(claimed_shape(ln.key))
            good.append(_is_good(ln.words, ln.text, settings))
    return line_features([ln.text for ln in lines], [ln.key for ln in lines],
                         [ln.words for ln in lines], [ln.reason for ln in lines], good,
                         title_index, from_html, shapes)


def keep_thresholds(settings, from_html: bool) -> tuple[float, float, float]:
    """Return ``(keep probability, share of the page's maximum, rescue probability)`` for
    plain text or for trafilatura's text (``from_html``)."""
    if from_html:
        return (settings.html_model_keep_probability, settings.html_model_keep_share_of_max,
                settings.html_model_rescue_probability)
    return (settings.model_keep_probability, settings.model_keep_share_of_max,
            settings.model_rescue_probability)


def apply_line_model(lines, model: dict, settings, title_index: int | None = None,
                     from_html: bool = False) -> None:
    """Set ``reason`` on the open lines of ``lines`` the model drops (``navigation`` before the
    first kept line, ``comment_thread`` after a comment marker, else ``low_content``)."""
    from pipeline.text.boilerplate import _is_good
    reasons = [ln.reason for ln in lines]
    open_idx = [i for i, r in enumerate(reasons) if r is None]
    if not open_idx:
        return
    rows = line_rows(lines, settings, title_index, from_html)
    probs = predict_proba(model, rows[open_idx])
    keep_probability, share_of_max, rescue_probability = keep_thresholds(settings, from_html)
    # On a page the model is unsure of as a whole, its most likely lines still carry the text:
    # the threshold falls with the page's highest probability.
    threshold = min(keep_probability, share_of_max * max(probs, default=0.0))
    rescue = min(rescue_probability, threshold)
    keep = {i: p >= threshold for i, p in zip(open_idx, probs)}
    prob = dict(zip(open_idx, probs))
    # smoothing: a line the model doubts stays when the open lines on both sides are kept
    for pos in range(1, len(open_idx) - 1):
        i = open_idx[pos]
        if (not keep[i] and prob[i] >= rescue
                and keep[open_idx[pos - 1]] and keep[open_idx[pos + 1]]):
            keep[i] = True
    # ... and so does a sentence-like ("good") line next to a kept line
    for pos, i in enumerate(open_idx):
        if keep[i] or prob[i] < rescue or not _is_good(lines[i].words, lines[i].text, settings):
            continue
        if ((pos > 0 and keep[open_idx[pos - 1]])
                or (pos + 1 < len(open_idx) and keep[open_idx[pos + 1]])):
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
