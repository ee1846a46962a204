"""Features of each non-blank line for the learned line classifier.

The features describe the line (length, sentence ending, capitalisation, digits, punctuation),
its neighbourhood (mean words and share of "good" lines within 1, 3 and 10 lines either side),
its place (relative position by lines and by words, distance to the main block of running
text, to the headline), the page (lines, words) and the comment thread (markers before it).
``FEATURE_NAMES`` fixes the order; the model file stores the names and is checked against them.
"""

from __future__ import annotations

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


SHAPE_COLUMNS = ("words", "log_chars", "ends_sentence", "ends_colon", "starts_upper",
                 "starts_digit", "capitalised_share", "digit_share", "punct_share", "commas",
                 "mean_word_len", "separators", "is_good", "list_item", "table_row",
                 "table_cells")
_SHAPE_INDEX = [FEATURE_NAMES.index(name) for name in SHAPE_COLUMNS]
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
_PREV = [_COLUMN[f"prev_{name}"] for name in ("words", "good", "claimed")]
_NEXT = [_COLUMN[f"next_{name}"] for name in ("words", "good", "claimed")]


def line_shape(text: str, key: tuple[str, ...], words: float, good: bool) -> LineShape:
    """Return the LineShape of a line: its text, word tokens, length in words, good-line flag."""
    stripped = text.rstrip().rstrip("\"'”’»)]")
    last_char = stripped[-1:] if stripped else ""
    first_letter = _LETTER_RE.search(text)
    n_chars = len(text)
    tokens = text.split()
    upper = 0
    for token in tokens:
        if token[:1].isupper():
            upper += 1
    key_chars = 0
    for w in key:
        key_chars += len(w)
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
        key_chars / words if words else 0.0,
        float(len(_SEPARATOR_RE.findall(text))),
        float(good),
        float(text.startswith(LIST_ITEM_PREFIX)),
        float(text.startswith(TABLE_ROW_PREFIX)),
        float(text.count(TABLE_ROW_PREFIX)),
    )
    return LineShape(values, tuple(w for w in key if len(w) >= MIN_TOPIC_WORD_CHARS))


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


def _window_means(values: np.ndarray, k: int) -> np.ndarray:
    """Return, per line, the mean of ``values`` over the lines within ``k`` either side (the
    line itself left out; 0 when it has no such neighbour)."""
    n = len(values)
    prefix = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    lo = np.maximum(0, index - k)
    hi = np.minimum(n, index + k + 1)
    count = hi - lo - 1
    total = prefix[hi] - prefix[lo] - values
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
    good_f = good_a.astype(float)
    claimed_f = claimed.astype(float)
    for values, prev, nxt in ((words_a, _PREV[0], _NEXT[0]), (good_f, _PREV[1], _NEXT[1]),
                              (claimed_f, _PREV[2], _NEXT[2])):
        out[1:, prev] = values[:-1]
        out[0, prev] = -1.0
        out[:-1, nxt] = values[1:]
        out[-1, nxt] = -1.0
    for k in WINDOWS:
        out[:, c[f"mean_words_{k}"]] = _window_means(words_a, k)
    out[:, c["good_share_3"]] = _window_means(good_f, 3)
    out[:, c["good_share_10"]] = _window_means(good_f, 10)
    out[:, c["claimed_share_3"]] = _window_means(claimed_f, 3)
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
        for w in shapes[j].topic_words:
            block_vocab[w] = block_vocab.get(w, 0) + 1
    title_vocab = set(shapes[title_index].topic_words) if title_index is not None else set()
    main_share = c["main_block_vocabulary_share"]
    title_share = c["title_vocabulary_share"]
    for i in range(n):
        own_words = shapes[i].topic_words
        if not own_words:
            out[i, main_share] = out[i, title_share] = -1.0
            continue
        inside = block_start <= i <= block_end
        hits = in_title = 0
        for w in own_words:       # in the main block's other lines; in the headline
            if block_vocab.get(w, 0) > (own_words.count(w) if inside else 0):
                hits += 1
            if w in title_vocab:
                in_title += 1
        out[i, main_share] = hits / len(own_words)
        out[i, title_share] = in_title / len(own_words) if i != title_index else -1.0
    out[:, c["from_html"]] = float(from_html)
    out[:, c["page_claimed_share"]] = claimed.sum() / n
    return out
