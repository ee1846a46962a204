"""Tests of pipeline.scoring: features, weights file, per-source score, interval, evidence."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
import pytest

from pipeline import scoring
from pipeline.errors import ConfigError
from pipeline.scoring import (
    FEATURE_NAMES,
    FEATURES,
    ScoringSettings,
    document_features,
    load_weights,
    score_source,
)
from pipeline.text.signals import SignalSettings, extract_signals, load_lexicons
from pipeline.training.reliability import TrainingSettings, learn_hedge_cues

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
SETTINGS = ScoringSettings()


def make_weights(active: dict[str, float] | None = None, intercept: float = 0.5) -> dict:
    """Weights with centre 0, scale 1 and weight 0 except ``active``; component scale 1."""
    active = active or {}
    return {
        "features": {
            f.name: {"centre": 0.0, "scale": 1.0, "direction": f.direction,
                     "weight": active.get(f.name, 0.0), "component": f.component}
            for f in FEATURES
        },
        "intercept": intercept,
        "component_scale": {"sourcing": 1.0, "hedging": 1.0, "style": 1.0},
    }


def doc(doc_id: str, hedges: float = 0.0, sentences: float = 10.0, language="en", **extra) -> dict:
    signals = {"words": 100.0, "sentences": sentences, "hedges": hedges, "lexicon_matched": 1.0}
    signals.update(extra)
    evidence = [{"kind": "own_hedge", "text": "may", "sentence": f"{doc_id} may rain."}] if hedges else []
    return {"doc_id": doc_id, "title": "t", "text": "x", "signals": signals,
            "evidence": evidence, "signals_language": language}


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def test_document_features_rates():
    features = document_features([
        {"words": 200, "sentences": 10, "hedges": 5, "named_sources": 3, "anonymous_sources": 1,
         "loaded_words": 4, "title_question": 1},
        {},
    ])
    first = features.iloc[0]
    assert first["hedge_rate"] == 0.5
    assert first["named_source_rate"] == 0.3
    assert first["anonymous_source_share"] == 0.2  # 1 / (3 + 1 + 1)
    assert first["loaded_rate"] == 2.0  # per 100 words
    assert first["clickbait_title"] == 1.0
    assert features.iloc[1].sum() == 0.0  # empty document: all rates 0, no division error


def test_score_is_the_weighted_sum_times_100():
    weights = make_weights({"hedge_rate": 0.2}, intercept=0.5)
    docs = frame([doc("a", hedges=1), doc("b", hedges=3)])  # hedge rates 0.1 and 0.3
    row = score_source(docs, weights=weights, settings=SETTINGS)
    assert row["reliability_score"] == pytest.approx(100 * (0.5 + 0.2 * 0.2))
    assert row["rate_hedge_rate"] == pytest.approx(0.2)
    assert row["n_docs"] == 2
    assert row["hedging_score"] == pytest.approx(100 / (1 + math.exp(-0.04)))
    assert row["sourcing_score"] == 50.0 and row["style_score"] == 50.0


def test_direction_minus_lowers_the_score():
    weights = make_weights({"loaded_rate": 0.1}, intercept=0.5)
    docs = frame([doc("a", loaded_words=2)])  # 2 per 100 words
    row = score_source(docs, weights=weights, settings=SETTINGS)
    assert row["reliability_score"] == pytest.approx(100 * (0.5 - 0.2))


def test_score_is_clipped_to_0_100():
    weights = make_weights({"hedge_rate": 10.0}, intercept=0.5)
    assert score_source(frame([doc("a", hedges=10)]), weights=weights, settings=SETTINGS)[
        "reliability_score"] == 100.0
    weights = make_weights({"loaded_rate": 10.0}, intercept=0.5)
    assert score_source(frame([doc("a", loaded_words=50)]), weights=weights, settings=SETTINGS)[
        "reliability_score"] == 0.0


@pytest.mark.parametrize("n_docs, insufficient", [(2, True), (3, False)])
def test_insufficient_data_edge(n_docs, insufficient):
    settings = replace(SETTINGS, min_docs_for_score=3)
    docs = frame([doc(str(i), hedges=1) for i in range(n_docs)])
    assert score_source(docs, weights=make_weights(), settings=settings)["insufficient_data"] is insufficient


def test_default_minimum_is_20_documents():
    assert SETTINGS.min_docs_for_score == 20


def test_documents_without_lexicon_are_skipped():
    weights = make_weights({"hedge_rate": 0.2})
    docs = frame([doc("a", hedges=2), doc("b", hedges=0, language=None)])
    row = score_source(docs, weights=weights, settings=SETTINGS)
    assert (row["n_docs"], row["n_docs_skipped_no_lexicon"]) == (1, 1)
    assert row["rate_hedge_rate"] == pytest.approx(0.2)


def test_skip_uses_lexicon_flag_without_language_column():
    docs = frame([doc("a", hedges=2), doc("b", lexicon_matched=0.0)]).drop(columns="signals_language")
    row = score_source(docs, weights=make_weights(), settings=SETTINGS)
    assert row["n_docs"] == 1


def test_no_scorable_document_gives_nan_and_insufficient():
    docs = frame([doc("a", language=None)])
    row = score_source(docs, weights=make_weights(), settings=SETTINGS)
    assert math.isnan(row["reliability_score"]) and row["insufficient_data"]
    assert row["evidence"] == []


def test_bootstrap_interval_is_seeded_and_brackets_the_score():
    weights = make_weights({"hedge_rate": 0.3})
    docs = frame([doc(str(i), hedges=i % 4) for i in range(30)])
    first = score_source(docs, weights=weights, settings=SETTINGS)
    second = score_source(docs, weights=weights, settings=SETTINGS)
    assert (first["score_low"], first["score_high"]) == (second["score_low"], second["score_high"])
    assert first["score_low"] < first["reliability_score"] < first["score_high"]
    other_seed = score_source(docs, weights=weights, settings=replace(SETTINGS, bootstrap_seed=1))
    assert other_seed["score_low"] != first["score_low"]


def test_identical_documents_give_a_zero_width_interval():
    weights = make_weights({"hedge_rate": 0.3})
    row = score_source(frame([doc(str(i), hedges=2) for i in range(5)]), weights=weights,
                       settings=SETTINGS)
    assert row["score_low"] == row["score_high"] == pytest.approx(row["reliability_score"])


def test_evidence_follows_the_strongest_feature_and_limits():
    weights = make_weights({"hedge_rate": 0.3, "loaded_rate": 0.01})
    rows = [doc(str(i), hedges=1, loaded_words=1) for i in range(5)]
    rows[0]["evidence"].append({"kind": "loaded_word", "text": "vile", "sentence": "A vile act."})
    settings = replace(SETTINGS, evidence_per_source=3, evidence_per_kind=2)
    evidence = score_source(frame(rows), weights=weights, settings=settings)["evidence"]
    assert [e["kind"] for e in evidence] == ["own_hedge", "loaded_word", "own_hedge"]
    assert evidence[0] == {"kind": "own_hedge", "text": "may", "sentence": "0 may rain.",
                           "doc_id": "0", "effect": "raises"}
    assert evidence[1]["effect"] == "lowers"


def test_no_evidence_for_what_the_source_does_less_than_average():
    weights = make_weights({"hedge_rate": 0.3, "loaded_rate": 0.01})
    weights["features"]["loaded_rate"]["centre"] = 5.0  # the source (1 per 100 words) is below
    rows = [doc(str(i), hedges=1, loaded_words=1) for i in range(3)]
    rows[0]["evidence"].append({"kind": "loaded_word", "text": "vile", "sentence": "A vile act."})
    evidence = score_source(frame(rows), weights=weights, settings=SETTINGS)["evidence"]
    assert {e["kind"] for e in evidence} == {"own_hedge"}


def test_shipped_weights_load_and_keep_fixed_directions():
    weights = load_weights(CONFIG_DIR)
    assert set(weights["features"]) == set(FEATURE_NAMES)
    for feature in FEATURES:
        assert weights["features"][feature.name]["direction"] == feature.direction
        assert weights["features"][feature.name]["weight"] >= 0


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda w: w["features"]["hedge_rate"].update(weight=-0.1), "weight must be >= 0"),
        (lambda w: w["features"]["hedge_rate"].update(direction=-1), "fixed direction"),
        (lambda w: w["features"].pop("loaded_rate"), "loaded_rate missing"),
    ],
)
def test_bad_weights_file_raises(tmp_path, change, message):
    weights = make_weights()
    change(weights)
    (tmp_path / "reliability").mkdir()
    (tmp_path / "reliability" / "weights.json").write_text(json.dumps(weights), "utf-8")
    with pytest.raises(ConfigError, match=message):
        load_weights(tmp_path)


def test_unreadable_weights_file_names_the_line(tmp_path):
    (tmp_path / "reliability").mkdir()
    (tmp_path / "reliability" / "weights.json").write_text('{\n "features": ,\n}', "utf-8")
    with pytest.raises(ConfigError, match=r"weights\.json:2:"):
        load_weights(tmp_path)


def test_end_to_end_with_shipped_lexicons_and_weights():
    lexicons = load_lexicons(CONFIG_DIR)
    weights = load_weights(CONFIG_DIR)
    careful = ("Officials may revise the figures, Finance Minister Ana Ruiz said on Tuesday. "
               "The ministry's report shows 3.2 percent growth in 2023.")
    sloppy = "This is a DISGRACE! The corrupt elites lied again! Total insanity, obviously."
    rows = []
    for i, (text, title) in enumerate([(careful, "Growth revised"), (sloppy, "SHOCKING: they lied!")]):
        s = extract_signals(text, "en", title, lexicons=lexicons, settings=SignalSettings())
        rows.append({"doc_id": str(i), "title": title, "text": text, "signals": s.counts,
                     "evidence": list(s.evidence), "signals_language": s.signals_language})
    good = score_source(frame(rows[:1]), weights=weights, settings=SETTINGS)
    bad = score_source(frame(rows[1:]), weights=weights, settings=SETTINGS)
    assert good["reliability_score"] > bad["reliability_score"]
    assert good["style_score"] > bad["style_score"]
    assert 0 <= bad["reliability_score"] <= 100


def hedge_rows(n_uncertain_with_cue: int, n_certain_with_word: int) -> pd.DataFrame:
    """Sentences: ``n_uncertain_with_cue`` annotate "reckon" as a cue, the others hold it unmarked."""
    rows = [{"sentence": f"We reckon it works {i}.", "uncertain": 1, "genre": "news",
             "cues": '[[3, 9, "reckon", "speculation"]]'} for i in range(n_uncertain_with_cue)]
    rows += [{"sentence": f"Reckon row {i}, we reckon nothing.", "uncertain": 0, "genre": "news",
              "cues": "[]"} for i in range(n_certain_with_word)]
    rows.append({"sentence": "Bio may differ.", "uncertain": 1, "genre": "bio",
                 "cues": '[[4, 7, "may", "speculation"]]'})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("n_uncertain, kept", [(2, False), (3, True)])
def test_learned_cue_support_edge(n_uncertain, kept):
    cues = learn_hedge_cues(hedge_rows(n_uncertain, 0), TrainingSettings(min_cue_sentences=3))
    assert ("reckon" in cues) is kept
    assert "may" not in cues  # biomedical sentences are not learned from


@pytest.mark.parametrize("n_certain, kept", [(3, True), (4, False)])
def test_learned_cue_precision_edge(n_certain, kept):
    # 7 uncertain of 10 sentences = 0.7 (kept at min 0.7); 7 of 11 = 0.64 (dropped)
    settings = TrainingSettings(min_cue_sentences=3, min_cue_precision=0.7)
    assert ("reckon" in learn_hedge_cues(hedge_rows(7, n_certain), settings)) is kept


def test_json_strings_and_missing_evidence_are_accepted():
    weights = make_weights({"hedge_rate": 0.2}, intercept=0.5)
    rows = [doc("a", hedges=1), doc("b", hedges=3)]
    rows[0]["signals"] = json.dumps(rows[0]["signals"])
    rows[0]["evidence"] = json.dumps(rows[0]["evidence"])
    rows[1]["evidence"] = None
    row = score_source(frame(rows), weights=weights, settings=SETTINGS)
    assert row["reliability_score"] == pytest.approx(100 * (0.5 + 0.2 * 0.2))
    assert [e["doc_id"] for e in row["evidence"]] == ["a"]


# 60 documents x 15 features x 8 bytes = 7,200 bytes a resample: blocks of 1, of 3 (the last
# of 2: 500 = 3 x 166 + 2), of 499 (the last alone) and all 500 resamples at once
@pytest.mark.parametrize("block_bytes", [1, 3 * 7_200, 499 * 7_200, 10**12])
def test_bootstrap_in_blocks_gives_the_same_interval(monkeypatch, block_bytes):
    weights = make_weights({"hedge_rate": 0.3, "loaded_rate": 0.02, "named_source_rate": 0.1})
    docs = frame([doc(f"{i:02d}", hedges=i % 5, loaded_words=(7 * i) % 3, named_sources=i % 2)
                  for i in range(60)])
    monkeypatch.setattr(scoring, "BOOTSTRAP_BLOCK_BYTES", 10**12)
    expected = score_source(docs, weights=weights, settings=SETTINGS)
    monkeypatch.setattr(scoring, "BOOTSTRAP_BLOCK_BYTES", block_bytes)
    row = score_source(docs, weights=weights, settings=SETTINGS)
    assert (row["score_low"], row["score_high"]) == (expected["score_low"], expected["score_high"])


@pytest.mark.parametrize("block_bytes", [1, 37 * 15 * 8 * 3, 37 * 15 * 8 * 100])
def test_bootstrap_block_means_equal_the_whole_gather_bit_for_bit(monkeypatch, block_bytes):
    matrix = np.random.default_rng(5).random((37, 15)) * 1e3
    samples = np.random.default_rng(11).integers(0, 37, size=(101, 37))  # one draw of every resample
    monkeypatch.setattr(scoring, "BOOTSTRAP_BLOCK_BYTES", block_bytes)
    whole = matrix[samples].mean(axis=1)
    assert scoring._bootstrap_means(matrix, 101, 11).tobytes() == whole.tobytes()


def _many_docs(n: int, seed: int) -> list[dict]:
    """Return ``n`` invented documents with signals and evidence, some sentences shared."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        row = doc(f"d{int(rng.integers(0, 10 * n)):06d}-{i}", hedges=int(rng.integers(0, 4)),
                  loaded_words=int(rng.integers(0, 3)), named_sources=int(rng.integers(0, 3)))
        row["evidence"] = [
            {"kind": kind, "text": "x", "sentence": f"{kind} sentence {int(rng.integers(0, 40))}."}
            for kind in ("own_hedge", "loaded_word", "named_source") for _ in range(int(rng.integers(0, 3)))
        ]
        if i % 17 == 0:
            row["signals_language"] = None  # not scored
        rows.append(row)
    return rows


def test_documents_streamed_in_any_order_give_the_row_of_the_frame(monkeypatch):
    weights = make_weights({"hedge_rate": 0.3, "loaded_rate": 0.02, "named_source_rate": 0.1})
    rows = _many_docs(700, seed=3)
    monkeypatch.setattr(scoring, "FEATURE_BATCH_DOCS", 10**9)
    whole = score_source(frame(rows), weights=weights, settings=SETTINGS)
    monkeypatch.setattr(scoring, "FEATURE_BATCH_DOCS", 64)
    batched = score_source(frame(rows), weights=weights, settings=SETTINGS)
    streamed = scoring.SourceSignals(SETTINGS)
    for row in rows:
        streamed.add(row)
    assert json.dumps(batched, sort_keys=True) == json.dumps(whole, sort_keys=True)
    assert json.dumps(streamed.score(weights), sort_keys=True) == json.dumps(whole, sort_keys=True)
    assert whole["n_docs"] == 700 - len(range(0, 700, 17))
    assert len(whole["evidence"]) == min(SETTINGS.evidence_per_source, 3 * SETTINGS.evidence_per_kind)


def test_evidence_entry_keeps_its_keys_and_any_mapping_is_accepted():
    weights = make_weights({"hedge_rate": 0.3})
    rows = [doc("b", hedges=1), doc("a", hedges=1)]
    rows[0]["evidence"] = [MappingProxyType(
        {"kind": "own_hedge", "sentence": "B may go.", "text": "may", "extra": 1}
    )]
    original = dict(rows[1]["evidence"][0])
    evidence = score_source(frame(rows), weights=weights, settings=SETTINGS)["evidence"]
    assert evidence == [
        {"kind": "own_hedge", "text": "may", "sentence": "a may rain.", "doc_id": "a",
         "effect": "raises"},
        {"kind": "own_hedge", "sentence": "B may go.", "text": "may", "extra": 1, "doc_id": "b",
         "effect": "raises"},
    ]
    assert list(evidence[1]) == ["kind", "sentence", "text", "extra", "doc_id", "effect"]
    assert rows[1]["evidence"][0] == original  # the documents' entries are not changed
