"""Features of each non-blank line for the learned line classifier.

The features describe the line (length, sentence ending, capitalisation, digits, punctuation,
list item or table row of trafilatura's text), its neighbourhood (mean words and share of "good"
lines within 1, 3 and 10 lines either side), its place (relative position by lines and by
words, distance to the main block of running text, to the headline), the page (lines, words,
share of lines the rules claimed, trafilatura's text or not) and the comment thread (markers
before it). ``FEATURE_NAMES`` fixes the order; the model file stores the names and is checked
against them when it is loaded.

The columns that depend on the line alone (``SHAPE_COLUMNS``) are computed once per line
(``line_shape``) and kept for the passes that clean the kept lines again; the rest is computed
with numpy over the whole page.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FEATURE_NAMES = (
    "words", "log_chars", "ends_sentence", "ends_colon", "starts_upper", "starts_digit",
    "capitalised_share", "digit_share", "punct_share", "commas", "mean_word_len", "separators",
    "is_good", "claimed", "repeats_in_page",
    "prev_words", "next_words", "prev_good", "next_good", "prev_claimed", "next_claimed",
    "mean_words_1", "mean_words_3", "mean_words_10", "good_share_3", "good_share_10",
    "claimed_share_3", "rel_position", "rel_word_position", "log_lines", "log_words",
    "main_block_distance", "main_block_rel_distance", "in_main_block", "main_block_share",
    "after_title", "lines_after_title", "comment_markers_before", "after_comment_marker",
    "lines_after_comment_marker", "related_markers_before", "lines_after_related_marker",
    "block_words_share", "block_to_main_ratio", "block_rank", "block_distance",
    "main_block_vocabulary_share", "title_vocabulary_share",
    "from_html", "list_item", "table_row", "table_cells", "page_claimed_share",
)
MIN_TOPIC_WORD_CHARS = 4            # shorter words (function words) do not show the topic
MAX_BLOCK_RANK = 5

WINDOWS = (1, 3, 10)
LIST_ITEM_PREFIX = "- "             # how trafilatura's text marks list items ...
TABLE_ROW_PREFIX = "|"              # ... and table rows ("| cell | cell |")
MAIN_BLOCK_MAX_GAP_LINES = 2        # short lines allowed inside one block of running text
_COMMENT_REASONS = frozenset({"comment_form", "comment_thread"})
_RELATED_REASONS = frozenset({"related_links", "tag_list"})
_SEPARATOR_RE = re.compile(r"[|»›·•/]")
_FAR = 1000.0
_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile(r"[^\w\s]|_")
_LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LineShape:
    """The features of one line that do not depend on its neighbours (computed once a line)."""

    values: tuple[float, ...]          # ordered as SHAPE_COLUMNS
    topic_words: tuple[str, ...]       # its words of at least MIN_TOPIC_WORD_CHARS characters
    topic_counts: dict[str, int]       # ... and how often each occurs on the line


SHAPE_COLUMNS = ("words", "log_chars", "ends_sentence", "ends_colon", "starts_upper",
                 "starts_digit", "capitalised_share", "digit_share", "punct_share", "commas",
                 "mean_word_len", "separators", "is_good", "list_item", "table_row",
                 "table_cells")
_SHAPE_INDEX = [FEATURE_NAMES.index(name) for name in SHAPE_COLUMNS]
_NO_VALUES = (0.0,) * len(SHAPE_COLUMNS)
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
_PREV = [_COLUMN[f"prev_{name}"] for name in ("words", "good", "claimed")]
_NEXT = [_COLUMN[f"next_{name}"] for name in ("words", "good", "claimed")]


def line_shape(text: str, key: tuple[str, ...], words: float, good: bool) -> LineShape:
    """Return the LineShape of a line: its text, word tokens, length in words, good-line flag."""
    stripped = text.rstrip().rstrip("\"'”’»)]")
    last_char = stripped[-1:]
    first_letter = _LETTER_RE.search(text)
    n_chars = len(text)
    tokens = text.split()
    upper = 0
    for token in tokens:
        if token[:1].isupper():
            upper += 1
    topic = topic_words(key)
    values = (
        float(words),
        math.log1p(n_chars),
        float(last_char in ".!?…"),
        float(last_char == ":"),
        float(first_letter is not None and first_letter.group().isupper()),
        float(text[:1].isdigit()),
        upper / len(tokens) if tokens else 0.0,
        len(_DIGIT_RE.findall(text)) / n_chars if n_chars else 0.0,
        len(_PUNCT_RE.findall(text)) / n_chars if n_chars else 0.0,
        float(text.count(",")),
        sum(map(len, key)) / words if words else 0.0,
        float(len(_SEPARATOR_RE.findall(text))),
        float(good),
        float(text.startswith(LIST_ITEM_PREFIX)),
        float(text.startswith(TABLE_ROW_PREFIX)),
        float(text.count(TABLE_ROW_PREFIX)),
    )
    return LineShape(values, topic, Counter(topic))


def topic_words(key: tuple[str, ...]) -> tuple[str, ...]:
    """Return the words of ``key`` that can show the topic (MIN_TOPIC_WORD_CHARS or longer)."""
    return tuple(w for w in key if len(w) >= MIN_TOPIC_WORD_CHARS)


def claimed_shape(key: tuple[str, ...]) -> LineShape:
    """Return a stand-in LineShape for a line a rule claimed: its own columns are never read
    (the model scores open lines only), its topic words are (when it is the headline)."""
    topic = topic_words(key)
    return LineShape(_NO_VALUES, topic, Counter(topic))


def _blocks(good: np.ndarray, words: np.ndarray) -> list[tuple[int, int, float]]:
    """Return ``(start, end, words)`` of each run of good lines (gaps of at most
    MAIN_BLOCK_MAX_GAP_LINES other lines), in page order."""
    blocks: list[tuple[int, int, float]] = []
    start = last = -1
    total = 0.0
    for i in np.flatnonzero(good).tolist():
        if start >= 0 and i - last - 1 <= MAIN_BLOCK_MAX_GAP_LINES:
            total += words[i]
        else:
            if start >= 0:
                blocks.append((start, last, total))
            start, total = i, words[i]
        last = i
    if start >= 0:
        blocks.append((start, last, total))
    return blocks


@functools.lru_cache(maxsize=512)
def _window_bounds(n: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(lo, hi, count)`` per line of an ``n``-line page: the window of ``k`` lines
    either side is ``lo:hi`` and holds ``count`` lines besides the line itself."""
    index = np.arange(n)
    lo = np.maximum(0, index - k)
    hi = np.minimum(n, index + k + 1)
    return lo, hi, (hi - lo - 1)[:, None]


def _window_means(signals: np.ndarray, k: int) -> np.ndarray:
    """Return, per line (row), the mean of each column of ``signals`` (lines x signals) over
    the lines within ``k`` either side (the line itself left out; 0 when it has none)."""
    n = len(signals)
    prefix = np.zeros((n + 1, signals.shape[1]))
    np.cumsum(signals, axis=0, out=prefix[1:])
    lo, hi, count = _window_bounds(n, k)
    total = prefix[hi] - prefix[lo] - signals
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


def _signed_distance(index: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Return ``start - i`` before a block, ``end - i`` (negative) after it, 0 inside."""
    return np.where(index < start, start - index, np.where(index > end, end - index, 0))


def line_features(texts: Sequence[str], keys: Sequence[tuple[str, ...]],
                  words: Sequence[float], reasons: Sequence[str | None], good: Sequence[bool],
                  title_index: int | None, from_html: bool = False,
                  shapes: Sequence[LineShape] | None = None) -> np.ndarray:
    """Return the feature matrix (one row per non-blank line, columns as FEATURE_NAMES).

    ``texts``/``keys``/``words`` are the lines, their word tokens and lengths in words,
    ``reasons`` what the rules already decided (None = open), ``good`` the good-line flags,
    ``title_index`` the headline's index among the lines, ``from_html`` whether the lines are
    trafilatura's text (its list items start with "- ", table rows with "|"); ``shapes`` the
    lines' LineShapes when already computed."""
    n = len(texts)
    out = np.zeros((n, len(FEATURE_NAMES)))
    if n == 0:
        return out
    if shapes is None:
        shapes = [line_shape(t, k, w, g) for t, k, w, g in zip(texts, keys, words, good)]
    out[:, _SHAPE_INDEX] = np.array([shape.values for shape in shapes])
    words_a = np.asarray(words, dtype=float)
    good_a = np.asarray(good, dtype=bool)
    claimed = np.array([r is not None for r in reasons])
    index = np.arange(n)
    c = _COLUMN
    prefix_words = np.concatenate(([0.0], np.cumsum(words_a)))
    total_words = prefix_words[-1] or 1.0
    key_counts = Counter(keys)
    out[:, c["claimed"]] = claimed
    out[:, c["repeats_in_page"]] = [key_counts[key] - 1 for key in keys]
    signals = np.empty((n, 3))                 # words, good, claimed
    signals[:, 0] = words_a
    signals[:, 1] = good_a
    signals[:, 2] = claimed
    out[1:, _PREV] = signals[:-1]
    out[0, _PREV] = -1.0
    out[:-1, _NEXT] = signals[1:]
    out[-1, _NEXT] = -1.0
    for k in WINDOWS:
        means = _window_means(signals, k)
        out[:, c[f"mean_words_{k}"]] = means[:, 0]
        if k == 3:
            out[:, c["good_share_3"]] = means[:, 1]
            out[:, c["claimed_share_3"]] = means[:, 2]
        elif k == 10:
            out[:, c["good_share_10"]] = means[:, 1]
    out[:, c["rel_position"]] = index / n
    out[:, c["rel_word_position"]] = prefix_words[:-1] / total_words
    out[:, c["log_lines"]] = math.log1p(n)
    out[:, c["log_words"]] = math.log1p(total_words)

    blocks = _blocks(good_a & ~claimed, words_a)
    if blocks:
        main = max(range(len(blocks)), key=lambda b: (blocks[b][2], -b))
        block_start, block_end, block_words = blocks[main]
        distance = _signed_distance(index, block_start, block_end).astype(float)
        starts = np.array([b[0] for b in blocks])[:, None]
        ends = np.array([b[1] for b in blocks])[:, None]
        to_each = _signed_distance(index[None, :], starts, ends)     # blocks x lines
        own = np.argmin(np.abs(to_each), axis=0)                     # first nearest block
        own_words = np.array([b[2] for b in blocks])[own]
        ranked = sorted(range(len(blocks)), key=lambda b: (-blocks[b][2], b))
        rank_of = np.empty(len(blocks))
        rank_of[ranked] = np.arange(len(blocks))
        out[:, c["block_words_share"]] = own_words / total_words
        out[:, c["block_to_main_ratio"]] = own_words / block_words
        out[:, c["block_rank"]] = np.minimum(rank_of[own], MAX_BLOCK_RANK)
        out[:, c["block_distance"]] = to_each[own, index]
    else:
        block_start = block_end = -1
        block_words = 0.0
        distance = np.full(n, _FAR)
        out[:, c["block_rank"]] = MAX_BLOCK_RANK
        out[:, c["block_distance"]] = _FAR
    out[:, c["main_block_distance"]] = distance
    out[:, c["main_block_rel_distance"]] = distance / n
    out[:, c["in_main_block"]] = distance == 0.0
    out[:, c["main_block_share"]] = block_words / total_words
    if title_index is not None:
        out[:, c["after_title"]] = index > title_index
        out[:, c["lines_after_title"]] = index - title_index
    else:
        out[:, c["lines_after_title"]] = -_FAR

    # markers before each line: comment markers after the start of the main block, related
    comment = np.array([r in _COMMENT_REASONS for r in reasons]) & (index > block_start) & (
        block_start >= 0)
    related = np.array([r in _RELATED_REASONS for r in reasons]) & ~comment
    for marks, count_name, after_name, lines_name in (
            (comment, "comment_markers_before", "after_comment_marker",
             "lines_after_comment_marker"),
            (related, "related_markers_before", None, "lines_after_related_marker")):
        before = np.concatenate(([0], np.cumsum(marks)[:-1]))
        last = np.maximum.accumulate(np.where(marks, index, -1))
        last_before = np.concatenate(([-1], last[:-1]))
        out[:, c[count_name]] = before
        if after_name:
            out[:, c[after_name]] = last_before >= 0
        out[:, c[lines_name]] = np.where(last_before >= 0, index - last_before, -_FAR)

    block_vocab: dict[str, int] = {}
    for j in range(block_start, block_end + 1) if block_start >= 0 else ():
        for w, count in shapes[j].topic_counts.items():
            block_vocab[w] = block_vocab.get(w, 0) + count
    title_vocab = set(shapes[title_index].topic_words) if title_index is not None else set()
    main_share = c["main_block_vocabulary_share"]
    title_share = c["title_vocabulary_share"]
    for i in range(n):
        n_own = len(shapes[i].topic_words)
        if not n_own:
            out[i, main_share] = out[i, title_share] = -1.0
            continue
        inside = block_start <= i <= block_end
        hits = in_title = 0
        for w, count in shapes[i].topic_counts.items():
            if block_vocab.get(w, 0) > (count if inside else 0):   # in the block's other lines
                hits += count
            if w in title_vocab:
                in_title += count
        out[i, main_share] = hits / n_own
        out[i, title_share] = in_title / n_own if i != title_index else -1.0
    out[:, c["from_html"]] = float(from_html)
    out[:, c["page_claimed_share"]] = claimed.sum() / n
    return out
