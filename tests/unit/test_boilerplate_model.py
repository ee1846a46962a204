"""Tests of step 5 of pipeline.text.boilerplate: the line model's thresholds at their edges, the
reasons of its drops, when it runs on trafilatura's text, and the passes that settle the result.

The models are written inline: one tree splitting on a feature, leaf values chosen so that the
probabilities are exact (``sigmoid(0) = 0.5``, ``sigmoid(700) = 1.0``).
"""

import dataclasses
from pathlib import Path

import pytest

from pipeline.text.boilerplate import BoilerplateSettings, clean_text, load_boilerplate_resources
from pipeline.text.line_features import FEATURE_NAMES
from tests.unit.test_boilerplate import PARA_1, PARA_2, PARA_3

CONFIG = Path(__file__).resolve().parents[2] / "config"
SURE = 700.0      # log-odds whose probability is exactly 1.0

def split_model(feature: str, at: float, below: float, above: float) -> dict:
    """Return a one-tree model: log-odds ``below`` when ``feature <= at``, else ``above``."""
    tree = {"feature": [FEATURE_NAMES.index(feature), -1, -1], "threshold": [at, 0.0, 0.0],
            "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, below, above]}
    return {"kind": "gradient_boosted_trees", "features": list(FEATURE_NAMES), "base_score": 0.0,
            "learning_rate": 1.0, "trees": [tree]}


@pytest.fixture(scope="module")
def resources():
    return load_boilerplate_resources(CONFIG)


def with_model(resources, model):
    return dataclasses.replace(resources, line_model=model)


def kept_numbers(cleaned):
    return [n for n, _ in cleaned.kept]


def reasons(cleaned):
    return {r.line: r.reason for r in cleaned.removed if r.reason != "empty"}


# short lines (5 words or fewer) score 0.5, longer ones 1.0
SHORT_HALF = split_model("words", 5.5, 0.0, SURE)
NO_RESCUE = dict(model_rescue_probability=1.0)    # rescue = min(this, threshold): never below it


@pytest.mark.parametrize("share, kept", [(0.5, True), (0.5000001, False)])
def test_share_of_the_page_maximum_edge(resources, share, kept):
    # threshold = min(keep probability, share x highest probability 1.0) = share
    text = "\n".join([PARA_1, "What happens next", PARA_2])
    settings = BoilerplateSettings(model_keep_probability=1.0, model_keep_share_of_max=share, **NO_RESCUE)
    cleaned = clean_text(text, resources=with_model(resources, SHORT_HALF), settings=settings)
    assert (2 in kept_numbers(cleaned)) is kept
    assert {1, 3} <= set(kept_numbers(cleaned))


@pytest.mark.parametrize("keep, kept", [(0.5, True), (0.5000001, False)])
def test_keep_probability_edge(resources, keep, kept):
    text = "\n".join([PARA_1, "What happens next", PARA_2])
    settings = BoilerplateSettings(model_keep_probability=keep, model_keep_share_of_max=1.0, **NO_RESCUE)
    cleaned = clean_text(text, resources=with_model(resources, SHORT_HALF), settings=settings)
    assert (2 in kept_numbers(cleaned)) is kept


@pytest.mark.parametrize("rescue, kept", [(0.5, True), (0.5000001, False)])
def test_short_line_between_kept_lines_is_rescued_from_its_probability(resources, rescue, kept):
    text = "\n".join([PARA_1, "What happens next", PARA_2])
    settings = BoilerplateSettings(model_keep_probability=0.9, model_keep_share_of_max=1.0,
                                   model_rescue_probability=rescue)
    cleaned = clean_text(text, resources=with_model(resources, SHORT_HALF), settings=settings)
    assert (2 in kept_numbers(cleaned)) is kept


def test_model_drops_are_navigation_before_the_text_then_low_content_or_comment_thread(resources):
    text = "\n".join(["Politics and more", PARA_1, PARA_2, "Seen elsewhere today", PARA_3,
                      "3 Comments", "Great plan indeed", PARA_1.replace("council", "mayor")])
    cleaned = clean_text(text, resources=with_model(resources, split_model("words", 5.5, -SURE, SURE)),
                         settings=BoilerplateSettings())
    got = reasons(cleaned)
    assert got[1] == "navigation"
    assert got[4] == "low_content"
    assert got[6] == "comment_form" and got[7] == "comment_thread"


# on pages of at most 4 lines, short lines score 0.5; longer pages and long lines 1.0
SMALL_PAGE_SHORT_HALF = split_model("log_lines", 1.7, 0.0, SURE)
SMALL_PAGE_SHORT_HALF["trees"][0] = {
    "feature": [FEATURE_NAMES.index("log_lines"), FEATURE_NAMES.index("words"), -1, -1, -1],
    "threshold": [1.7, 5.5, 0.0, 0.0, 0.0],      # log1p(4) = 1.61, log1p(5) = 1.79
    "left": [1, 2, -1, -1, -1], "right": [4, 3, -1, -1, -1], "value": [0.0, 0.0, 0.0, SURE, SURE]}


def test_a_later_pass_drops_what_the_model_rejects_once_the_page_is_clean(resources):
    # pass 1: five lines (the share line is a rule's), a big page: everything open is kept;
    # pass 2 on the four kept lines: a small page, where the short line scores 0.5 only
    text = "\n".join(["Quick update from the desk", PARA_1, "Share this article", PARA_2, PARA_3])
    settings = BoilerplateSettings(model_keep_probability=0.9, model_keep_share_of_max=1.0, **NO_RESCUE)
    res = with_model(resources, SMALL_PAGE_SHORT_HALF)
    cleaned = clean_text(text, resources=res, settings=settings)
    assert reasons(cleaned) == {1: "navigation", 3: "share_widget"}
    again = clean_text(cleaned.text, resources=res, settings=settings)
    assert again.removed == ()


def test_model_runs_on_trafilatura_text_only_when_a_rule_found_boilerplate(resources):
    res = with_model(resources, split_model("words", 5.5, -SURE, SURE))
    settings = BoilerplateSettings()
    plain = "\n".join([PARA_1, "Timetables are online", PARA_2])
    cleaned = clean_text(plain, resources=res, settings=settings, from_html=True)
    assert kept_numbers(cleaned) == [1, 2, 3]          # no boilerplate: trafilatura's choice stands
    with_share = plain + "\nShare this article"
    cleaned = clean_text(with_share, resources=res, settings=settings, from_html=True)
    assert reasons(cleaned) == {2: "low_content", 4: "share_widget"}
    off = BoilerplateSettings(html_use_line_model=False)
    assert kept_numbers(clean_text(with_share, resources=res, settings=off, from_html=True)) == [1, 2, 3]
    no_model = BoilerplateSettings(use_line_model=False)
    assert kept_numbers(clean_text(with_share, resources=res, settings=no_model, from_html=True)) == [1, 2, 3]
