"""Fit the reliability weights (config/reliability/weights.json) on the rated dev domains.

``newsclean train reliability DIR`` (DIR = ../shared/data/reliability) runs ``train``:

0. hedge cues are learned from the cue spans of hedge_sentences.csv.gz (news and
   Wikipedia) into config/lexicons/en/hedges.learned.txt (``learn_hedge_cues``);
1. every article's signals are extracted with the shipped lexicons (English);
2. each domain's feature is the mean of its articles' rates (fitting per domain, not per
   article, is what transfers to unseen domains);
3. features are standardised over the training domains and multiplied by their fixed
   direction (scoring.FEATURES); a ridge regression with non-negative coefficients then
   predicts the domain's aggregate expert quality rating (``pc1``, 0..1, mixed domains
   included). A feature whose direction the data contradict gets weight 0 instead of flipping.
   The ridge penalty and the fewest articles a fitted domain needs are chosen by an inner
   cross-validation over domains (``select_model``); ``evaluate`` repeats that choice inside
   every outer fold, so its figures include the cost of choosing.

The domain name, URL and any rating list are never features: only the text and headline.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from pipeline.scoring import COMPONENTS, FEATURE_NAMES, FEATURES, contributions, document_features
from pipeline.text.signals import (
    SignalSettings,
    extract_signals,
    is_proper_noun,
    load_lexicons,
    parse_lexicon_lines,
    tokenize,
)

logger = logging.getLogger(__name__)


def default_config_dir() -> Path:
    """Return the configuration folder in use (NEWSCLEAN config override first)."""
    from pipeline.settings import config_dir

    return config_dir()


@dataclass(frozen=True)
class TrainingSettings:
    """Named settings of the weight fit and of the model choice.

    The fit has two choices, made by cross-validation over the training domains
    (``select_model``): the ridge penalty and the fewest articles a domain needs to enter the
    fit (a mean over one or two articles is mostly noise).
    """

    ridge_alphas: tuple[float, ...] = (1.0, 10.0)  # L2 penalties tried
    min_articles_options: tuple[int, ...] = (1, 3, 5)  # fewest articles per fitted domain, tried
    selection_folds: int = 5  # folds over domains of the inner cross-validation
    selection_seed: int = 11  # seed of the inner fold assignment
    min_articles_for_auc: int = 3  # domains with fewer articles are not scored in an AUC
    min_feature_scale: float = 1e-6  # floor of a feature's standard deviation
    min_cue_sentences: int = 3  # a learned hedge cue must mark this many uncertain sentences
    min_cue_precision: float = 0.7  # ... and this share of the sentences holding it uncertain
    max_cue_tokens: int = 4  # longest learned cue, in words
    cue_genres: tuple[str, ...] = ("news", "wiki")  # genres learned from (bio is not news)


LEARNED_HEDGES_HEADER = """\
# English hedge cues learned from the cue spans of the Szeged uncertainty corpus (dev split,
# news and Wikipedia sentences) by `newsclean train reliability`: a cue is kept when it marks
# at least {min_sentences} uncertain sentences and at least {precision:.0%} of the sentences
# that hold it are uncertain. Generated file: edit hedges.txt instead.
"""


def _sentence_ngrams(sentence: str, max_tokens: int) -> set[tuple[str, ...]]:
    """Return the lowercased word n-grams (n <= max_tokens) of ``sentence`` that a lexicon
    could match: n-grams starting on a proper noun are left out, as the matcher leaves them
    out (``signals.is_proper_noun``: a capitalised word inside the sentence that is not
    shouted)."""
    words = [t for t, _, _ in tokenize(sentence)]
    lowered = [t.casefold().replace("’", "'") for t in words]
    min_caps = SignalSettings().min_caps_word_letters
    grams: set[tuple[str, ...]] = set()
    for i in range(len(words)):
        if is_proper_noun(words, i, min_caps):
            continue
        for k in range(1, max_tokens + 1):
            if i + k <= len(words):
                grams.add(tuple(lowered[i : i + k]))
    return grams


def learn_hedge_cues(sentences: pd.DataFrame, settings: TrainingSettings) -> list[str]:
    """Return the learned hedge cues (sorted phrases) from labelled sentences.

    ``sentences``: columns sentence, uncertain (0/1), cues (JSON list of [start, end, cue,
    type]), genre. Candidates are the annotated cue strings of ``cue_genres`` sentences;
    a candidate is kept by the support and precision settings, measured per sentence.
    """
    rows = sentences[sentences["genre"].isin(settings.cue_genres)]
    candidates: set[tuple[str, ...]] = set()
    for cues in rows["cues"]:
        for _, _, cue, _ in json.loads(cues):
            words = tuple(t.casefold().replace("’", "'") for t, _, _ in tokenize(cue))
            if 0 < len(words) <= settings.max_cue_tokens:
                candidates.add(words)
    total: dict[tuple[str, ...], int] = {}
    uncertain: dict[tuple[str, ...], int] = {}
    for sentence, label in zip(rows["sentence"].astype(str), rows["uncertain"]):
        for gram in _sentence_ngrams(sentence, settings.max_cue_tokens) & candidates:
            total[gram] = total.get(gram, 0) + 1
            uncertain[gram] = uncertain.get(gram, 0) + int(label)
    kept = [
        " ".join(gram)
        for gram in candidates
        if uncertain.get(gram, 0) >= settings.min_cue_sentences
        and uncertain[gram] / total[gram] >= settings.min_cue_precision
    ]
    return sorted(kept)


def write_learned_hedges(cues: list[str], lexicon_dir: Path, settings: TrainingSettings) -> Path:
    """Write ``cues`` not already in hedges.txt/hearsay.txt to hedges.learned.txt; return it."""
    known: set[tuple[str, ...]] = set()
    for name in ("hedges.txt", "hearsay.txt"):
        path = lexicon_dir / name
        known.update(parse_lexicon_lines(path.read_text(encoding="utf-8").splitlines(), str(path)))
    new = [cue for cue in cues if tuple(cue.split()) not in known]
    header = LEARNED_HEDGES_HEADER.format(
        min_sentences=settings.min_cue_sentences, precision=settings.min_cue_precision
    )
    out = lexicon_dir / "hedges.learned.txt"
    out.write_text(header + "".join(f"{cue}\n" for cue in new), encoding="utf-8")
    load_lexicons.cache_clear()
    return out


def load_articles(data_dir: Path) -> pd.DataFrame:
    """Return the articles table of ``data_dir/articles.csv.gz`` (text and title as str)."""
    articles = pd.read_csv(Path(data_dir) / "articles.csv.gz")
    articles["text"] = articles["text"].fillna("").astype(str)
    articles["title"] = articles["title"].fillna("").astype(str)
    return articles


def article_signal_counts(
    articles: pd.DataFrame, config_dir: Path | None = None, settings: SignalSettings | None = None
) -> pd.DataFrame:
    """Return one row of signal counts per article (same index), extracted as English."""
    lexicons = load_lexicons(config_dir or default_config_dir())
    settings = settings or SignalSettings()
    rows = [
        extract_signals(text, "en", title or None, lexicons=lexicons, settings=settings).counts
        for text, title in zip(articles["text"], articles["title"])
    ]
    return pd.DataFrame(rows, index=articles.index)


def domain_table(articles: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """Return one row per domain: mean of each feature, n_articles, label, pc1, corpus,
    mean_log_words (for the length control)."""
    frame = features.copy()
    frame["domain"] = articles["domain"].values
    means = frame.groupby("domain")[list(FEATURE_NAMES)].mean()
    info = articles.groupby("domain").agg(
        n_articles=("text", "size"), label=("label", "first"), pc1=("pc1", "first"),
        corpus=("corpus", lambda c: "|".join(sorted(set(c)))),
    )
    words = articles["text"].str.split().str.len().clip(lower=1)
    info["mean_log_words"] = np.log(words).groupby(articles["domain"]).mean()
    return means.join(info).sort_index()


def domain_auc(labels: pd.Series, scores: pd.Series) -> float:
    """Return ROC-AUC of ``scores`` for reliable vs unreliable ``labels`` (NaN if one class)."""
    keep = labels.isin(["reliable", "unreliable"]).to_numpy()
    y = (labels[keep] == "reliable").to_numpy()
    if y.all() or not y.any():
        return float("nan")
    return float(roc_auc_score(y, scores[keep].to_numpy(dtype=float)))


def raw_scores(rows: pd.DataFrame, weights: dict) -> pd.Series:
    """Return the unclipped score (intercept + contributions) of domain feature rows."""
    x = rows[list(FEATURE_NAMES)].to_numpy(dtype=float)
    return pd.Series(weights["intercept"] + contributions(x, weights).sum(axis=1), index=rows.index)


def select_model(domains: pd.DataFrame, settings: TrainingSettings) -> tuple[float, int, float]:
    """Return (ridge_alpha, min_articles, cross-validated AUC) of the best setting.

    Every pair of ``ridge_alphas`` x ``min_articles_options`` is fitted in a cross-validation
    over ``domains`` (stratified by label, seeded); out-of-fold scores are pooled and the AUC
    taken over domains with >= min_articles_for_auc articles. Ties go to the earlier pair.
    """
    folds = StratifiedKFold(
        n_splits=settings.selection_folds, shuffle=True, random_state=settings.selection_seed
    )
    splits = list(folds.split(domains.index, domains["label"]))
    scored = domains["n_articles"] >= settings.min_articles_for_auc
    best = (settings.ridge_alphas[0], settings.min_articles_options[0], -1.0)
    for min_articles in settings.min_articles_options:
        for alpha in settings.ridge_alphas:
            oof = pd.Series(np.nan, index=domains.index)
            for train_idx, test_idx in splits:
                train_rows = domains.iloc[train_idx]
                train_rows = train_rows[train_rows["n_articles"] >= min_articles]
                weights = fit_weights(train_rows, alpha, settings)
                oof.iloc[test_idx] = raw_scores(domains.iloc[test_idx], weights).to_numpy()
            auc = domain_auc(domains.loc[scored, "label"], oof[scored])
            if auc > best[2]:
                best = (alpha, min_articles, auc)
    return best


def fit_weights(domains: pd.DataFrame, ridge_alpha: float, settings: TrainingSettings) -> dict:
    """Return a weights dict fitted on ``domains`` (rows with pc1; columns FEATURE_NAMES).

    Keys: features {name: centre, scale, direction, weight, component, meaning}, intercept,
    component_scale {component: sd of its summed contributions over the training domains},
    n_domains.
    """
    rows = domains[domains["pc1"].notna()]
    x = rows[list(FEATURE_NAMES)].to_numpy(dtype=float)
    centre = x.mean(axis=0)
    scale = np.maximum(x.std(axis=0), settings.min_feature_scale)
    direction = np.array([f.direction for f in FEATURES], dtype=float)
    signed = (x - centre) / scale * direction
    model = Ridge(alpha=ridge_alpha, positive=True)
    model.fit(signed, rows["pc1"].to_numpy(dtype=float))
    weights = {
        "features": {
            f.name: {
                "centre": float(centre[i]),
                "scale": float(scale[i]),
                "direction": f.direction,
                "weight": float(model.coef_[i]),
                "component": f.component,
                "meaning": f.meaning,
            }
            for i, f in enumerate(FEATURES)
        },
        "intercept": float(model.intercept_),
        "n_domains": int(len(rows)),
    }
    contrib = contributions(x, weights)
    weights["component_scale"] = {
        component: float(contrib[:, [f.component == component for f in FEATURES]].sum(axis=1).std())
        for component in COMPONENTS
    }
    return weights


def train(
    data: Path, out: Path, settings: TrainingSettings | None = None, *,
    config_dir: Path | None = None,
) -> dict:
    """Learn the hedge cues, then fit the weights on ``data`` (the reliability folder).

    Writes ``config_dir/lexicons/en/hedges.learned.txt`` (from hedge_sentences.csv.gz;
    ``config_dir`` defaults to the configuration folder in use), then
    extracts the article signals with the lexicons of ``config_dir`` and writes the weights
    to ``out`` (a .json path, or a directory: ``out/weights.json``). Returns a summary:
    n_articles, n_domains, learned cues, chosen settings, out path, weights per feature.
    """
    settings = settings or TrainingSettings()
    config_dir = Path(config_dir or default_config_dir())
    sentences = pd.read_csv(Path(data) / "hedge_sentences.csv.gz")
    cues = learn_hedge_cues(sentences, settings)
    learned_path = write_learned_hedges(cues, config_dir / "lexicons" / "en", settings)
    logger.info("learned %d hedge cues -> %s", len(cues), learned_path)
    articles = load_articles(data)
    counts = article_signal_counts(articles, config_dir)
    domains = domain_table(articles, document_features(counts))
    alpha, min_articles, selection_auc = select_model(domains, settings)
    weights = fit_weights(domains[domains["n_articles"] >= min_articles], alpha, settings)
    weights["trained_on"] = {
        "data": "reliability dev split (articles.csv.gz)",
        "target": "pc1 (aggregate expert quality rating, Lin et al. 2023)",
        "ridge_alpha": alpha,
        "min_articles_per_domain": min_articles,
        "selection_cv_auc": round(selection_auc, 4),
        "note": "selection_cv_auc is optimistic (best of the grid); see newsclean eval reliability",
    }
    path = Path(out)
    if path.suffix != ".json":
        path = path / "weights.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    logger.info("wrote %s (%d domains)", path, weights["n_domains"])
    return {
        "n_articles": int(len(articles)),
        "n_domains": weights["n_domains"],
        "learned_hedge_cues": len(cues),
        "ridge_alpha": alpha,
        "min_articles_per_domain": min_articles,
        "selection_cv_auc": selection_auc,
        "out": str(path),
        "weights": {n: weights["features"][n]["weight"] for n in FEATURE_NAMES},
    }
