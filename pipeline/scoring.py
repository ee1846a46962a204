"""Per-source reliability score from document signals.

Each document's signal counts become rates (FEATURES: named sources per sentence, share of
anonymous sources, hedges per sentence, loaded words per 100 words ...). A source's feature is
the mean of its documents' rates. Every feature has a direction fixed before any fitting
(``+1``: more of it reads as more careful reporting, ``-1``: less careful); the weights file
(config/reliability/weights.json, written by ``newsclean train reliability``) holds, per
feature, the centre and scale used to standardise it and a non-negative weight. The score is

    reliability_score = 100 * (intercept + sum_f weight_f * direction_f * z_f)

clipped to 0..100: the model is fit so that this predicts the aggregate expert quality rating
of a domain (0..1) from its text alone. The three components (sourcing, hedging, style) are
the same sums over their own features, mapped to 0..100 by a logistic curve around the
average training domain (50 = average, higher = more careful). The interval comes from a
seeded bootstrap over the source's documents.

Documents whose ``signals_language`` is None (no lexicon for their language) are skipped:
their lexicon counts are zeros, not evidence of absent hedges.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Mapping  # isinstance with typing.Mapping is ~10x slower
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.errors import ConfigError
from pipeline.smallest import SmallestByKey

logger = logging.getLogger(__name__)

COMPONENTS: tuple[str, ...] = ("sourcing", "hedging", "style")

#: The bootstrap draws and gathers resampled feature rows in blocks of at most this many bytes
#: (a memory bound only: 500 resamples of 10,000 documents at once would take 600 MB, their
#: indices 40 MB; the figures are the same for any block size).
BOOTSTRAP_BLOCK_BYTES = 32_000_000


@dataclass(frozen=True)
class ScoringSettings:
    """Named settings of the per-source score (section ``[scoring]`` of config/luigi.cfg)."""

    min_docs_for_score: int = 20  # fewer scored documents than this -> insufficient_data
    bootstrap_samples: int = 500  # resamples of the source's documents for the interval
    bootstrap_seed: int = 20240601  # seed of the bootstrap generator
    interval_level: float = 0.90  # central probability mass of the bootstrap interval
    evidence_per_source: int = 8  # evidence sentences returned per source
    evidence_per_kind: int = 2  # at most this many evidence sentences of one kind


def _ratio(num: pd.Series, den: pd.Series, per: float = 1.0) -> pd.Series:
    """Return per * num / den, 0 where den is 0."""
    den = den.astype(float)
    return (per * num.astype(float) / den.where(den > 0)).fillna(0.0)


@dataclass(frozen=True)
class Feature:
    """One document-level rate: its component, fixed direction, formula and evidence kinds."""

    name: str
    component: str
    direction: int  # +1: more = more careful reporting; -1: less careful. Fixed a priori.
    compute: Callable[[pd.DataFrame], pd.Series]
    evidence_kinds: tuple[str, ...]
    meaning: str


FEATURES: tuple[Feature, ...] = (
    Feature(
        "named_source_rate", "sourcing", +1,
        lambda c: _ratio(c["named_sources"], c["sentences"]),
        ("named_source",), "attributions to a named person or body, per sentence",
    ),
    Feature(
        "anonymous_source_share", "sourcing", -1,
        lambda c: _ratio(c["anonymous_sources"], c["named_sources"] + c["anonymous_sources"] + 1),
        ("anonymous_source",), "share of attributions that go to unnamed sources",
    ),
    Feature(
        "citation_rate", "sourcing", +1,
        lambda c: _ratio(c["citations"] + c["outlet_citations"], c["sentences"]),
        ("citation", "outlet_citation"), "citations of documents, data and other outlets, per sentence",
    ),
    Feature(
        "hearsay_rate", "sourcing", -1,
        lambda c: _ratio(c["hearsay"], c["sentences"]),
        ("hearsay",), "hearsay markers (\"reportedly\", \"allegedly\") per sentence",
    ),
    Feature(
        "figure_rate", "sourcing", +1,
        lambda c: _ratio(c["numbers"] + c["dates"], c["words"], 100.0),
        (), "figures and dates per 100 words",
    ),
    Feature(
        "hedge_rate", "hedging", +1,
        lambda c: _ratio(c["hedges"] - c["hearsay"], c["sentences"]),
        ("own_hedge", "attributed_hedge"), "epistemic hedges (hearsay markers apart) per sentence",
    ),
    Feature(
        "attributed_hedge_share", "hedging", +1,
        lambda c: _ratio(c["attributed_hedges"], c["hedges"] + 1),
        ("attributed_hedge",), "share of hedges inside attributed statements",
    ),
    Feature(
        "weasel_rate", "hedging", -1,
        lambda c: _ratio(c["weasels"], c["sentences"]),
        ("weasel",), "weasel phrases (\"some say\") per sentence",
    ),
    Feature(
        "booster_rate", "style", -1,
        lambda c: _ratio(c["boosters"], c["words"], 100.0),
        ("booster",), "boosters (\"clearly\", \"undoubtedly\") per 100 words",
    ),
    Feature(
        "absolute_rate", "style", -1,
        lambda c: _ratio(c["absolutes"], c["words"], 100.0),
        ("absolute",), "absolutist words (\"all\", \"never\", \"nothing\") per 100 words",
    ),
    Feature(
        "loaded_rate", "style", -1,
        lambda c: _ratio(c["loaded_words"], c["words"], 100.0),
        ("loaded_word",), "loaded and emotive words per 100 words",
    ),
    Feature(
        "exclamation_rate", "style", -1,
        lambda c: _ratio(c["exclamations"], c["sentences"]),
        ("exclamation",), "sentences with an exclamation mark, per sentence",
    ),
    Feature(
        "question_rate", "style", -1,
        lambda c: _ratio(c["questions"], c["sentences"]),
        (), "questions in the body, per sentence",
    ),
    Feature(
        "all_caps_rate", "style", -1,
        lambda c: _ratio(c["all_caps_words"], c["words"], 100.0),
        ("all_caps",), "words in capitals (5+ letters) per 100 words",
    ),
    Feature(
        "clickbait_title", "style", -1,
        lambda c: (
            (c["title_clickbait"] > 0)
            | (c["title_question"] > 0)
            | (c["title_exclamation"] > 0)
            | (c["title_all_caps_words"] > 0)
        ).astype(float),
        ("clickbait_title",), "headline with a teaser phrase, question, exclamation or shouting",
    ),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)


def document_features(signals: pd.DataFrame | list[Mapping[str, float]]) -> pd.DataFrame:
    """Return one row per document with one column per FEATURES rate.

    ``signals``: a DataFrame of count columns, or a list of count dicts (missing keys = 0).
    """
    counts = signals if isinstance(signals, pd.DataFrame) else pd.DataFrame(list(signals))
    counts = counts.reindex(columns=sorted(_COUNT_KEYS | set(counts.columns)), fill_value=0.0)
    counts = counts.fillna(0.0)
    return pd.DataFrame({f.name: f.compute(counts) for f in FEATURES}, index=counts.index)


_COUNT_KEYS = {
    "words", "sentences", "hedges", "attributed_hedges", "hearsay", "boosters", "weasels",
    "absolutes",
    "named_sources", "anonymous_sources", "citations", "outlet_citations", "dates",
    "numbers", "loaded_words", "exclamations", "questions", "all_caps_words",
    "title_clickbait", "title_question", "title_exclamation", "title_all_caps_words",
}


def load_weights(config_dir: Path) -> dict:
    """Return the weights dict of ``config_dir/reliability/weights.json``.

    Raises ConfigError when the file is missing, is not JSON, or lacks a feature of FEATURES,
    or gives a negative weight or a non-positive scale.
    """
    path = Path(config_dir) / "reliability" / "weights.json"
    try:
        weights = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}:0: weights file missing (run newsclean train reliability)") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: {exc.msg}") from exc
    features = weights.get("features", {})
    for feature in FEATURES:
        entry = features.get(feature.name)
        if entry is None:
            raise ConfigError(f"{path}:0: feature {feature.name} missing")
        if entry.get("weight", -1) < 0 or entry.get("scale", 0) <= 0:
            raise ConfigError(f"{path}:0: feature {feature.name}: weight must be >= 0, scale > 0")
        if entry.get("direction") != feature.direction:
            raise ConfigError(
                f"{path}:0: feature {feature.name}: direction {entry.get('direction')} "
                f"differs from the fixed direction {feature.direction}"
            )
    for key in ("intercept", "component_scale"):
        if key not in weights:
            raise ConfigError(f"{path}:0: {key} missing")
    return weights


def contributions(means: np.ndarray, weights: Mapping) -> np.ndarray:
    """Return weight * direction * standardised value, shape like ``means`` (..., n_features)."""
    spec = weights["features"]
    centre = np.array([spec[n]["centre"] for n in FEATURE_NAMES])
    scale = np.array([spec[n]["scale"] for n in FEATURE_NAMES])
    signed = np.array([spec[n]["weight"] * spec[n]["direction"] for n in FEATURE_NAMES])
    return (means - centre) / scale * signed


def reliability_from_means(means: np.ndarray, weights: Mapping) -> np.ndarray:
    """Return the 0..100 reliability score of each row of source-mean features."""
    raw = weights["intercept"] + contributions(means, weights).sum(axis=-1)
    return np.clip(100.0 * raw, 0.0, 100.0)


def component_scores(means: np.ndarray, weights: Mapping) -> dict[str, float]:
    """Return the 0..100 sourcing/hedging/style scores of one row of source-mean features."""
    contrib = contributions(means, weights)
    out: dict[str, float] = {}
    for component in COMPONENTS:
        mask = np.array([f.component == component for f in FEATURES])
        scale = float(weights["component_scale"].get(component, 0.0))
        total = float(contrib[mask].sum())
        out[f"{component}_score"] = 50.0 if scale <= 0 else 100.0 / (1.0 + math.exp(-total / scale))
    return out


def _as_dict(value) -> dict:
    """Return ``value`` as a dict: a dict as is, a JSON object string parsed, else {}."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else {}
    return dict(value) if isinstance(value, Mapping) else {}


def _as_list(value) -> list:
    """Return ``value`` as a list: a list or tuple as is, a JSON array string parsed, else []."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    return list(value) if isinstance(value, (list, tuple, np.ndarray)) else []


def _scorable(docs: pd.DataFrame) -> pd.Series:
    """Return a boolean Series: documents whose signals were computed with a lexicon."""
    if "signals_language" in docs.columns:
        return docs["signals_language"].notna() & (docs["signals_language"].astype(str) != "")
    return docs["signals"].map(lambda s: bool(_as_dict(s).get("lexicon_matched", 0)))


def evidence_order(means: np.ndarray, weights: Mapping) -> dict[str, str]:
    """Return {evidence kind: "raises" | "lowers"} in the order evidence is shown.

    Only features the source shows *more* than the average training domain give evidence
    (an outlet that rarely exclaims is not shown its one exclamation): weighted features by
    the size of their effect on the score first, then unweighted ones by how far above the
    average they are. "raises"/"lowers" is the feature's fixed direction. If the source is
    above average in nothing, all features are taken by the size of their effect.
    """
    spec = weights["features"]
    ranked: list[tuple[tuple[float, float, int], Feature]] = []
    for index, feature in enumerate(FEATURES):
        entry = spec[feature.name]
        excess = (means[index] - entry["centre"]) / entry["scale"]
        if excess > 0:
            ranked.append(((-entry["weight"] * excess, -excess, index), feature))
    if not ranked:
        contrib = contributions(means, weights)
        ranked = [((-abs(contrib[i]), 0.0, i), f) for i, f in enumerate(FEATURES)]
    order: dict[str, str] = {}
    for _, feature in sorted(ranked, key=lambda item: item[0]):
        for kind in feature.evidence_kinds:
            order.setdefault(kind, "raises" if feature.direction > 0 else "lowers")
    return order


#: Documents whose count dicts become feature rows at once (one small frame per batch).
FEATURE_BATCH_DOCS = 2_000


def _is_set(value) -> bool:
    """Return True for a present, non-empty value (not None, NaN or "")."""
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and str(value) != ""


def _sentence_of(item: tuple[str, Mapping]) -> str:
    """Return the sentence of a ``(doc_id, evidence entry)`` pair: what is shown once."""
    return item[1]["sentence"]


def _pick_evidence(by_kind: Mapping[str, list[tuple[str, Mapping]]], effects: Mapping[str, str],
                   settings: ScoringSettings) -> list[dict]:
    """Return up to evidence_per_source evidence entries, kinds in the order of ``effects``.

    ``by_kind``: per kind, ``(doc_id, entry)`` by doc_id and, within a document, in text order.
    Each entry is the document's {kind, text, sentence} plus doc_id and effect ("raises" or
    "lowers" the score). Kinds are visited round-robin; within a kind, documents by doc_id
    and entries in text order; one sentence is shown once.
    """
    order = list(effects)
    picked: list[dict] = []
    seen: set[str] = set()
    taken = {kind: 0 for kind in order}
    cursor = {kind: 0 for kind in order}
    while len(picked) < settings.evidence_per_source:
        progressed = False
        for kind in order:
            if len(picked) >= settings.evidence_per_source:
                break
            entries = by_kind.get(kind, [])
            while cursor[kind] < len(entries) and taken[kind] < settings.evidence_per_kind:
                doc_id, entry = entries[cursor[kind]]
                cursor[kind] += 1
                if entry["sentence"] not in seen:
                    seen.add(entry["sentence"])
                    # the shown entry is built only for what is picked
                    picked.append({**entry, "doc_id": doc_id, "effect": effects[kind]})
                    taken[kind] += 1
                    progressed = True
                    break
        if not progressed:
            break
    return picked


def _bootstrap_means(matrix: np.ndarray, n_samples: int, seed: int) -> np.ndarray:
    """Return the feature means of ``n_samples`` resamples (with replacement) of ``matrix``'s rows.

    The resamples are drawn from ``numpy.random.default_rng(seed)`` and gathered
    BOOTSTRAP_BLOCK_BYTES at a time, a block of resamples per draw: numpy draws each index on
    its own, so the indices (and each mean, which sums the same values in the same order) are
    those of one ``integers(0, n, size=(n_samples, n))`` call, whatever the block.
    """
    rng = np.random.default_rng(seed)
    n = matrix.shape[0]
    row_bytes = n * max(matrix.shape[1] * matrix.itemsize, np.dtype(np.int64).itemsize)
    block = max(1, BOOTSTRAP_BLOCK_BYTES // max(1, row_bytes))
    means = []
    for start in range(0, n_samples, block):
        samples = rng.integers(0, n, size=(min(block, n_samples - start), n))
        means.append(matrix[samples].mean(axis=1))
    return np.concatenate(means) if means else np.zeros((0, matrix.shape[1]))


def score_source(docs: pd.DataFrame, *, weights: Mapping, settings: ScoringSettings) -> dict:
    """Return the reliability row of one source.

    ``docs``: one row per document with columns doc_id, title, text, signals (count dict),
    evidence (list of dicts) and, if available, signals_language (without it, the count
    ``lexicon_matched`` decides). signals and evidence may also be JSON strings. Returns a dict with
    reliability_score, sourcing_score, hedging_score, style_score (0..100, NaN when no
    document could be scored), score_low, score_high (seeded bootstrap interval), n_docs
    (scored documents), n_docs_skipped_no_lexicon, insufficient_data (n_docs <
    min_docs_for_score), evidence (list of {kind, text, sentence, doc_id, effect}, see
    ``evidence_order``), and one
    ``rate_<feature>`` per FEATURES entry plus rate_quotes_per_sentence and words_per_doc.
    The rows are read one at a time into :class:`SourceSignals`, which gives the same row.
    """
    names = [name for name in ("doc_id", "signals", "evidence", "signals_language") if name in docs.columns]
    tally = SourceSignals(settings)
    for values in zip(*(docs[name] for name in names)):
        tally.add(dict(zip(names, values)))
    return tally.score(weights)


class SourceSignals:
    """One source's documents, added one at a time, and the reliability row they give.

    Memory holds, per scored document, its feature rates and two counts (a few hundred bytes,
    not its signals or evidence), and per evidence kind the first entries by doc_id that the
    evidence could show (``evidence_per_kind + evidence_per_source`` distinct sentences).
    The row equals what the whole frame gave, byte for byte: features are computed in batches
    of ``FEATURE_BATCH_DOCS`` (each row on its own), and the bootstrap draws its resamples a
    block of rows at a time from the one seeded generator.
    """

    def __init__(self, settings: ScoringSettings) -> None:
        self.settings = settings
        self.n_docs = 0
        self.n_skipped = 0
        self._pending: list[dict] = []
        self._features: list[np.ndarray] = []
        self._quotes: list[float] = []
        self._sentences: list[float] = []
        self._words: list[float] = []
        self._any_words = False
        self._evidence: dict[str, SmallestByKey] = {}  # per kind: (doc_id, entry), one per sentence
        self._limit = settings.evidence_per_kind + settings.evidence_per_source

    def add(self, doc: Mapping) -> None:
        """Add one document: doc_id, signals, evidence and (if known) signals_language."""
        signals = _as_dict(doc.get("signals"))
        scorable = (_is_set(doc.get("signals_language")) if "signals_language" in doc
                    else bool(signals.get("lexicon_matched", 0)))
        if not scorable:
            self.n_skipped += 1
            return
        index = self.n_docs
        self.n_docs += 1
        nan = float("nan")
        self._quotes.append(float(signals["quotes"]) if "quotes" in signals else nan)
        self._sentences.append(float(signals["sentences"]) if "sentences" in signals else nan)
        self._words.append(float(signals["words"]) if "words" in signals else nan)
        self._any_words = self._any_words or "words" in signals
        self._pending.append(signals)
        if len(self._pending) >= FEATURE_BATCH_DOCS:
            self._flush()
        doc_id = str(doc.get("doc_id"))
        for position, entry in enumerate(_as_list(doc.get("evidence"))):
            if isinstance(entry, Mapping) and "kind" in entry:
                kind = self._evidence.get(entry["kind"])
                if kind is None:
                    kind = self._evidence[entry["kind"]] = SmallestByKey(self._limit, identity=_sentence_of)
                kind.add((doc_id, index, position), (doc_id, entry))

    def _flush(self) -> None:
        if self._pending:
            features = document_features(self._pending)
            self._features.append(features[list(FEATURE_NAMES)].to_numpy(dtype=float))
            self._pending = []

    def score(self, weights: Mapping) -> dict:
        """Return the reliability row (see :func:`score_source`)."""
        settings = self.settings
        if self.n_skipped:
            logger.info("score_source: %d of %d documents skipped (no lexicon for their language)",
                        self.n_skipped, self.n_skipped + self.n_docs)
        row: dict = {
            "n_docs": self.n_docs,
            "n_docs_skipped_no_lexicon": self.n_skipped,
            "insufficient_data": bool(self.n_docs < settings.min_docs_for_score),
        }
        nan = float("nan")
        if not self.n_docs:
            row.update({
                "reliability_score": nan, "score_low": nan, "score_high": nan,
                **{f"{c}_score": nan for c in COMPONENTS},
                **{f"rate_{n}": nan for n in FEATURE_NAMES},
                "rate_quotes_per_sentence": nan, "words_per_doc": nan, "evidence": [],
            })
            return row
        self._flush()
        matrix = np.concatenate(self._features) if len(self._features) > 1 else self._features[0]
        means = matrix.mean(axis=0)
        row["reliability_score"] = float(reliability_from_means(means, weights))
        row.update(component_scores(means, weights))

        boot = reliability_from_means(_bootstrap_means(matrix, settings.bootstrap_samples, settings.bootstrap_seed),
                                      weights)
        tail = (1.0 - settings.interval_level) / 2.0 * 100.0
        row["score_low"] = float(np.percentile(boot, tail))
        row["score_high"] = float(np.percentile(boot, 100.0 - tail))

        for name, value in zip(FEATURE_NAMES, means):
            row[f"rate_{name}"] = float(value)
        row["rate_quotes_per_sentence"] = float(_ratio(pd.Series(self._quotes), pd.Series(self._sentences)).mean())
        row["words_per_doc"] = float(pd.Series(self._words).mean()) if self._any_words else 0.0

        effects = evidence_order(means, weights)
        by_kind = {kind: self._evidence[kind].items() for kind in effects if kind in self._evidence}
        row["evidence"] = _pick_evidence(by_kind, effects, settings)
        return row
