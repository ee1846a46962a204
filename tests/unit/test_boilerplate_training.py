"""Tests of the boilerplate training and evaluation modules on a tiny invented labelled folder."""

import json

import pytest

from pipeline.errors import ConfigError
from pipeline.evaluation.boilerplate import evaluate, format_report, line_f1, token_f1
from pipeline.text.line_features import FEATURE_NAMES
from pipeline.text.line_model import check_model, predict_proba
from pipeline.training.boilerplate import train

MENU = ["Home", "World", "Sport", "Business", "Culture", "Sign in"]
FOOTER = ["About us", "Contact", "Privacy policy", "Follow us", "Newsletter"]
SENTENCES = [
    "The harbour authority said on Monday that the new pier would open before the summer.",
    "Fishermen have waited for the repairs since a storm damaged the old pier two winters ago.",
    "Local shops expect more visitors once the ferry service returns to its old timetable.",
    "The council has set aside money for lighting and benches along the waterfront path.",
    "Engineers tested the foundations last month and found them sound enough for the work.",
    "Residents will be invited to a public meeting to discuss the opening celebrations.",
]


def write_page(folder, page_id, site, n_body):
    body = [f"{s} (report {page_id}, part {k})" for k, s in enumerate(SENTENCES[:n_body])]
    lines = MENU + [f"Pier news for page {page_id}"] + body + FOOTER
    labels = [0] * len(MENU) + [0] + [1] * len(body) + [0] * len(FOOTER)
    (folder / f"{page_id}.page.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / f"{page_id}.gold.txt").write_text("\n".join(body), encoding="utf-8")
    rows = ["line\tlabel\tntok\tcover"] + [
        f"{i}\t{lab}\t{len(line.split())}\t{float(lab):.3f}" for i, (line, lab) in
        enumerate(zip(lines, labels))]
    (folder / f"{page_id}.labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return site


@pytest.fixture()
def folder(tmp_path):
    manifest = ["id,source,site"]
    for k in range(8):
        page_id = f"p{k}"
        site = write_page(tmp_path, page_id, f"site{k % 4}.example", 3 + k % 4)
        manifest.append(f"{page_id},{'alpha' if k % 2 else 'beta'},{site}")
    (tmp_path / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return tmp_path


def test_train_writes_json_model_that_separates_menu_from_body(folder, tmp_path):
    out = tmp_path / "model.json"
    summary = train(folder, out)
    assert summary["pages"] == 8 and summary["max_probability_gap_vs_sklearn"] < 1e-6
    model = json.loads(out.read_text(encoding="utf-8"))
    check_model(model)
    assert model["features"] == list(FEATURE_NAMES)
    assert model["trees"], "no trees"
    low, high = predict_proba(model, [[0.0] * len(FEATURE_NAMES), [30.0] * len(FEATURE_NAMES)])
    assert 0.0 <= low <= 1.0 and 0.0 <= high <= 1.0


def test_model_with_other_features_is_refused():
    with pytest.raises(ConfigError, match="line_model.json:0:"):
        check_model({"features": ["words"], "trees": [], "base_score": 0.0})


def test_evaluate_reports_cross_validated_metrics_per_source(folder):
    metrics = evaluate(folder, cv_folds=2, html=False)
    assert metrics["pages"] == 8 and metrics["cv_folds"] == 2
    for name in ("text.token_f1", "text.line_f1", "text.token_f1@alpha", "text.line_f1@beta"):
        assert 0.0 <= metrics[name] <= 1.0
    assert metrics["text.token_f1"] > 0.9
    report = format_report(metrics)
    assert "text.token_f1" in report and "alpha" in report


def test_token_and_line_f1():
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("", "a") == 0.0
    assert token_f1("a b", "a b c d") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    labels = {0: (1, 3), 1: (0, 2), 2: (1, 0), 3: (1, 4)}
    assert line_f1({0, 3}, labels) == 1.0           # the 0-token line does not count
    assert line_f1({0, 1}, labels) == pytest.approx(2 * 1 / (2 * 1 + 1 + 1))


def test_tree_walk_sends_equal_values_left():
    import math
    tree = {"feature": [0, -1, 1, -1, -1], "threshold": [1.0, 0.0, 5.0, 0.0, 0.0],
            "left": [1, -1, 3, -1, -1], "right": [2, -1, 4, -1, -1],
            "value": [0.0, -2.0, 0.0, 1.0, 3.0]}
    model = {"features": list(FEATURE_NAMES), "base_score": 0.5, "learning_rate": 1.0,
             "trees": [tree, tree]}
    width = len(FEATURE_NAMES)
    rows = [[1.0] + [0.0] * (width - 1),            # at the threshold: left leaf (-2)
            [1.0001, 5.0] + [0.0] * (width - 2),    # right, then at 5.0: left leaf (+1)
            [2.0, 5.5] + [0.0] * (width - 2)]       # right, right (+3)
    got = predict_proba(model, rows)
    want = [1 / (1 + math.exp(-(0.5 + 2 * v))) for v in (-2.0, 1.0, 3.0)]
    assert got == pytest.approx(want)
    assert predict_proba(model, []) == []


def test_align_labels_marks_lines_half_of_whose_tokens_are_in_the_gold():
    from pipeline.training.line_labels import align_labels

    gold = "The pier opens in May. Boats return to the harbour."
    lines = ["Home News Sport", "The pier opens in May.", "Boats return", "to the harbour today now",
             "", "Share this"]
    # "to the harbour today now": 3 of 5 tokens align (0.6); "Share this": none
    assert align_labels(lines, gold) == [(0, 3), (1, 5), (1, 2), (1, 5), (0, 0), (0, 2)]
    assert align_labels(["to the harbour today now extra"], gold) == [(1, 6)]     # 3 of 6: 0.5
    assert align_labels(["to the harbour today now extra more"], gold) == [(0, 7)]


def test_deep_and_shallow_trees_walk_the_same_way():
    """Trees deeper than COMPLETE_MAX_DEPTH use the node walker, others the complete layout."""
    import math
    import random

    from pipeline.text.line_model import COMPLETE_MAX_DEPTH, _forest

    def chain(depth, feature=0):   # a right-leaning chain: x <= 0, x <= 1, ... (leaf values 1, 2, ...)
        n = 2 * depth + 1
        tree = {"feature": [-1] * n, "threshold": [0.0] * n, "left": [-1] * n, "right": [-1] * n,
                "value": [0.0] * n}
        for level in range(depth):
            node, leaf, nxt = 2 * level, 2 * level + 1, 2 * level + 2
            tree["feature"][node] = feature
            tree["threshold"][node] = float(level)
            tree["left"][node], tree["right"][node] = leaf, nxt
            tree["value"][leaf] = float(level + 1)
        tree["value"][n - 1] = float(depth + 1)
        return tree

    def chain_value(x, depth):   # the first level whose threshold x does not exceed, else the end
        return next((level + 1 for level in range(depth) if x <= level), depth + 1)

    width = len(FEATURE_NAMES)
    rng = random.Random(0)
    rows = [[rng.choice([-1.0, 0.0, 0.5, 3.0, 7.0, 12.0])] + [0.0] * (width - 1) for _ in range(30)]
    for depth in (3, COMPLETE_MAX_DEPTH + 2):
        model = {"features": list(FEATURE_NAMES), "base_score": -2.0, "learning_rate": 1.0,
                 "trees": [chain(depth), chain(depth)]}
        assert _forest(model).complete is (depth <= COMPLETE_MAX_DEPTH)
        want = [1 / (1 + math.exp(-(-2.0 + 2 * chain_value(r[0], depth)))) for r in rows]
        assert predict_proba(model, rows) == pytest.approx(want)


def test_the_exported_bag_is_the_mean_of_its_members_and_seeded(folder):
    from pipeline.evaluation.boilerplate import load_pages
    from pipeline.training.boilerplate import N_BAGS, TREES_PER_BAG, train_line_model

    model, summary = train_line_model(load_pages(folder))
    assert len(model["trees"]) == N_BAGS * TREES_PER_BAG
    assert summary["max_probability_gap_vs_sklearn"] < 1e-6     # JSON walk = mean of the bags
    again, _ = train_line_model(load_pages(folder))
    assert again == model                                       # seeded: the same model
