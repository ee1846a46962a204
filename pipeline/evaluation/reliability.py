"""Evaluate the reliability score and the hedge detector on the rated dev data.

``newsclean eval reliability DIR`` (DIR = ../shared/data/reliability) runs ``evaluate``:

- Domain-level ROC-AUC, reliable vs unreliable, on domains with >= ``min_articles_for_auc``
  articles. The score is fitted with cross-validation over domains (a domain is never in
  both the fitting and the scored fold: every row is a domain), nested (the model choice of
  ``select_model`` is redone inside each training fold), repeated over several fold
  assignments; out-of-fold scores are pooled per repeat and the AUC averaged. The same is
  reported within the AllSides corpus (features from AllSides articles only) and for a
  length-only control (mean log word count, no fitting) in the same run. Each component
  alone (sourcing, hedging, style) is reported as well.
- Hedge sentence F1: a sentence is predicted uncertain when the English hedge lexicon
  (hedges.txt, hearsay.txt and the learned cues; weasel phrases are not part of the Szeged
  speculation annotation) matches in it; F1 on the uncertain class per genre of
  hedge_sentences.csv.gz. The learned cues are cross-validated: learned on four folds of
  source documents, scored on the fifth.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

from pipeline.scoring import FEATURE_NAMES, FEATURES, contributions, document_features
from pipeline.settings import settings_for
from pipeline.text.signals import extract_signals, load_lexicons
from pipeline.training.reliability import (
    TrainingSettings,
    article_signal_counts,
    default_config_dir,
    domain_table,
    fit_weights,
    load_articles,
    learn_hedge_cues,
    select_model,
    write_learned_hedges,
)

logger = logging.getLogger(__name__)

MIN_ARTICLES_FOR_AUC = 3  # domains with fewer articles are not scored in the AUC
CV_FOLDS = 5
CV_REPEATS = 5
CV_SEED = 7
ALLSIDES = "allsides_baly2020"
HEDGE_FOLDS = 5  # folds (grouped by source document) for the learned hedge cues


def _auc(frame: pd.DataFrame, column: str) -> float:
    """Return ROC-AUC of ``column`` for reliable (1) vs unreliable (0) rows of ``frame``."""
    rows = frame[frame["label"].isin(["reliable", "unreliable"])]
    if rows["label"].nunique() < 2:
        return float("nan")
    return float(roc_auc_score(rows["label"] == "reliable", rows[column]))


def _score_rows(rows: pd.DataFrame, weights: dict) -> pd.DataFrame:
    """Return reliability (raw, unclipped) and component sums for domain feature rows."""
    x = rows[list(FEATURE_NAMES)].to_numpy(dtype=float)
    contrib = contributions(x, weights)
    out = pd.DataFrame(index=rows.index)
    out["score"] = weights["intercept"] + contrib.sum(axis=1)
    for component in ("sourcing", "hedging", "style"):
        mask = [f.component == component for f in FEATURES]
        out[component] = contrib[:, mask].sum(axis=1)
    return out


def cross_validated_scores(
    domains: pd.DataFrame, allsides_domains: pd.DataFrame, settings: TrainingSettings,
    repeat: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return out-of-fold scores for ``domains`` and for their AllSides-only rows.

    Folds are drawn over domains (stratified by label, seeded by CV_SEED + repeat); inside
    each training fold the model is chosen by an inner cross-validation (nested), then fitted.
    """
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=CV_SEED + repeat)
    scored, scored_allsides = [], []
    names = domains.index.to_numpy()
    for train_idx, test_idx in folds.split(names, domains["label"]):
        train = domains.iloc[train_idx]
        alpha, min_articles, _ = select_model(train, settings)
        weights = fit_weights(train[train["n_articles"] >= min_articles], alpha, settings)
        test_names = names[test_idx]
        scored.append(_score_rows(domains.loc[test_names], weights))
        in_allsides = allsides_domains.index.intersection(test_names)
        scored_allsides.append(_score_rows(allsides_domains.loc[in_allsides], weights))
    return pd.concat(scored), pd.concat(scored_allsides)


def _predict_uncertain(sentences: pd.Series, config_dir: Path) -> np.ndarray:
    """Return 1 for each sentence in which the English hedge lexicon of ``config_dir`` matches."""
    lexicons = load_lexicons(config_dir)
    settings = settings_for("signals")
    return np.array([
        int(extract_signals(text, "en", None, lexicons=lexicons, settings=settings).counts["hedges"] > 0)
        for text in sentences.astype(str)
    ])


def _lexicon_copy(config_dir: Path, target: Path) -> Path:
    """Copy config_dir/lexicons to target/lexicons without learned files; return target."""
    shutil.copytree(
        Path(config_dir) / "lexicons", target / "lexicons",
        ignore=shutil.ignore_patterns("*.learned.txt"),
    )
    return target


def hedge_f1(
    data_dir: Path, config_dir: Path | None = None, settings: TrainingSettings | None = None
) -> dict[str, float]:
    """Return hedge sentence F1 (uncertain class) per genre.

    ``hedge.f1_<genre>``: hand lexicon plus cues learned by ``learn_hedge_cues`` on the
    other folds (5 folds grouped by source document, so no document is in both).
    ``hedge.f1_<genre>_hand``: the hand lexicon alone (nothing learned).
    """
    settings = settings or TrainingSettings()
    config_dir = Path(config_dir or default_config_dir())
    sentences = pd.read_csv(Path(data_dir) / "hedge_sentences.csv.gz")
    genres = sentences["genre"].to_numpy()
    truth = sentences["uncertain"].to_numpy()
    metrics: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        hand_dir = _lexicon_copy(config_dir, Path(tmp) / "hand")
        hand = _predict_uncertain(sentences["sentence"], hand_dir)
        learned = np.zeros(len(sentences), dtype=int)
        folds = GroupKFold(n_splits=HEDGE_FOLDS)
        for fold, (train_idx, test_idx) in enumerate(
            folds.split(sentences, groups=sentences["doc_id"])
        ):
            fold_dir = _lexicon_copy(config_dir, Path(tmp) / f"fold{fold}")
            cues = learn_hedge_cues(sentences.iloc[train_idx], settings)
            write_learned_hedges(cues, fold_dir / "lexicons" / "en", settings)
            learned[test_idx] = _predict_uncertain(sentences["sentence"].iloc[test_idx], fold_dir)
    load_lexicons.cache_clear()
    for genre in sorted(set(genres)):
        mask = genres == genre
        metrics[f"hedge.f1_{genre}"] = float(f1_score(truth[mask], learned[mask]))
        metrics[f"hedge.f1_{genre}_hand"] = float(f1_score(truth[mask], hand[mask]))
    return metrics


def evaluate(
    path: Path, *, counts: pd.DataFrame | None = None, settings: TrainingSettings | None = None,
    hedges: bool = True,
) -> dict[str, float]:
    """Return flat metrics: reliability.* (domain AUCs, CV and controls) and hedge.f1_*.

    ``path``: the reliability data folder. ``counts``: precomputed article signal counts
    (same index as articles.csv.gz), to save the extraction in experiments.
    """
    settings = settings or TrainingSettings()
    articles = load_articles(path)
    if counts is None:
        counts = article_signal_counts(articles)
    features = document_features(counts)
    domains = domain_table(articles, features)
    in_allsides = (articles["corpus"] == ALLSIDES).to_numpy()
    allsides = domain_table(articles[in_allsides], features[in_allsides])

    eligible = domains["n_articles"] >= MIN_ARTICLES_FOR_AUC
    eligible_allsides = allsides["n_articles"] >= MIN_ARTICLES_FOR_AUC
    metrics: dict[str, float] = {
        "reliability.n_domains_auc": float(
            domains[eligible]["label"].isin(["reliable", "unreliable"]).sum()
        ),
        "reliability.n_domains_auc_allsides": float(
            allsides[eligible_allsides]["label"].isin(["reliable", "unreliable"]).sum()
        ),
        "reliability.length_control_auc": _auc(domains[eligible], "mean_log_words"),
        "reliability.length_control_auc_allsides": _auc(
            allsides[eligible_allsides], "mean_log_words"
        ),
    }
    per_repeat: dict[str, list[float]] = {}
    for repeat in range(CV_REPEATS):
        oof, oof_allsides = cross_validated_scores(domains, allsides, settings, repeat)
        oof = oof.join(domains[["label", "n_articles"]])
        oof_allsides = oof_allsides.join(allsides[["label", "n_articles"]])
        oof = oof[oof["n_articles"] >= MIN_ARTICLES_FOR_AUC]
        oof_allsides = oof_allsides[oof_allsides["n_articles"] >= MIN_ARTICLES_FOR_AUC]
        for column in ("score", "sourcing", "hedging", "style"):
            suffix = "auc" if column == "score" else f"{column}_auc"
            per_repeat.setdefault(f"reliability.{suffix}", []).append(_auc(oof, column))
            per_repeat.setdefault(f"reliability.{suffix}_allsides", []).append(
                _auc(oof_allsides, column)
            )
    for name, values in per_repeat.items():
        metrics[name] = float(np.mean(values))
        if name in ("reliability.auc", "reliability.auc_allsides"):
            metrics[f"{name}_min_repeat"] = float(np.min(values))
    if hedges:
        metrics.update(hedge_f1(path))
    return metrics


def format_report(metrics: dict) -> str:
    """Return a short plain-text report of ``metrics`` (one metric a line, sorted)."""
    lines = [
        "reliability: domain-level ROC-AUC, nested cross-validation over domains; "
        "hedge: sentence F1 on the uncertain class"
    ]
    for name in sorted(metrics):
        value = metrics[name]
        lines.append(f"  {name:45s} {value:.3f}" if isinstance(value, float) else f"  {name:45s} {value}")
    return "\n".join(lines)
