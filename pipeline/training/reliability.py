"""Fit the reliability weights (config/reliability/weights.json) on the rated dev domains.

``newsclean train reliability DIR`` (DIR = ../shared/data/reliability) runs ``train``:

1. every article's signals are extracted with the shipped lexicons (English);
2. each domain's feature is the mean of its articles' rates (fitting per domain, not per
   article, is what transfers to unseen domains);
3. features are standardised over the training domains and multiplied by their fixed
   direction (scoring.FEATURES); a ridge regression with non-negative coefficients then
   predicts the domain's aggregate expert quality rating (``pc1``, 0..1, mixed domains
   included). A feature whose direction the data contradict gets weight 0 instead of flipping.

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

from pipeline.scoring import COMPONENTS, FEATURES, FEATURE_NAMES, contributions, document_features
from pipeline.text.signals import SignalSettings, extract_signals, load_lexicons

logger = logging.getLogger(__name__)

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


@dataclass(frozen=True)
class TrainingSettings:
    """Named settings of the weight fit."""

    ridge_alpha: float = 3.0  # L2 penalty on standardised, direction-signed features
    min_articles_per_domain: int = 2  # domains with fewer articles are left out of the fit
    min_feature_scale: float = 1e-6  # floor of a feature's standard deviation


def load_articles(data_dir: Path) -> pd.DataFrame:
    """Return the articles table of ``data_dir/articles.csv.gz`` (text and title as str)."""
    articles = pd.read_csv(Path(data_dir) / "articles.csv.gz")
    articles["text"] = articles["text"].fillna("").astype(str)
    articles["title"] = articles["title"].fillna("").astype(str)
    return articles


def article_signal_counts(
    articles: pd.DataFrame, config_dir: Path = CONFIG_DIR, settings: SignalSettings | None = None
) -> pd.DataFrame:
    """Return one row of signal counts per article (same index), extracted as English."""
    lexicons = load_lexicons(config_dir)
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


def fit_weights(domains: pd.DataFrame, settings: TrainingSettings) -> dict:
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
    model = Ridge(alpha=settings.ridge_alpha, positive=True)
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


def train(data: Path, out: Path, settings: TrainingSettings | None = None) -> dict:
    """Fit the weights on ``data`` (the reliability folder) and write them to ``out``.

    ``out`` is a .json path or a directory (then ``out/weights.json``). Returns a summary:
    n_articles, n_domains, out path, the weights per feature and the in-sample correlation.
    """
    settings = settings or TrainingSettings()
    articles = load_articles(data)
    counts = article_signal_counts(articles)
    domains = domain_table(articles, document_features(counts))
    domains = domains[domains["n_articles"] >= settings.min_articles_per_domain]
    weights = fit_weights(domains, settings)
    weights["trained_on"] = {
        "data": "reliability dev split (articles.csv.gz)",
        "target": "pc1 (aggregate expert quality rating, Lin et al. 2023)",
        "ridge_alpha": settings.ridge_alpha,
        "min_articles_per_domain": settings.min_articles_per_domain,
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
        "out": str(path),
        "weights": {n: weights["features"][n]["weight"] for n in FEATURE_NAMES},
    }
