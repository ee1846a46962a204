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
_SEPARATORS = "|»›·•/"
_FAR = 1000.0
_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile(r"[^\w\s]|_")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _window_mean(prefix: list[float], i: int, k: int, n: int) -> float:
    lo, hi = max(0, i - k), min(n, i + k + 1)
    count = hi - lo - 1
    return (prefix[hi] - prefix[lo] - (prefix[i + 1] - prefix[i])) / count if count else 0.0


def _blocks(good: Sequence[bool], words: Sequence[float]) -> list[tuple[int, int, float]]:
    """Return ``(start, end, words)`` of each run of good lines (gaps of at most
    MAIN_BLOCK_MAX_GAP_LINES other lines), in page order."""
    blocks: list[tuple[int, int, float]] = []
    start = last = -1
    total = 0.0
    for i, g in enumerate(good):
        if not g:
            continue
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


def _nearest_block(blocks, i: int) -> tuple[int, int]:
    """Return ``(block index, signed distance)`` of the block nearest line ``i`` (0 inside)."""
    best, best_dist = -1, _FAR
    for b, (start, end, _) in enumerate(blocks):
        dist = start - i if i < start else (end - i if i > end else 0)
        if abs(dist) < abs(best_dist):
            best, best_dist = b, dist
        if start > i and abs(dist) > abs(best_dist):
            break
    return best, float(best_dist)


def line_features(texts: Sequence[str], keys: Sequence[tuple[str, ...]],
                  words: Sequence[float], reasons: Sequence[str | None], good: Sequence[bool],
                  title_index: int | None, from_html: bool = False) -> list[list[float]]:
    """Return one feature row (ordered as FEATURE_NAMES) per non-blank line.

    ``texts``/``keys``/``words`` are the lines, their word tokens and lengths in words,
    ``reasons`` what the rules already decided (None = open), ``good`` the good-line flags,
    ``title_index`` the headline's index among the lines, ``from_html`` whether the lines are
    trafilatura's text (its list items start with "- ", table rows with "|")."""
    n = len(texts)
    claimed = [r is not None for r in reasons]
    prefix_words = [0.0]
    prefix_good = [0.0]
    prefix_claimed = [0.0]
    for i in range(n):
        prefix_words.append(prefix_words[-1] + words[i])
        prefix_good.append(prefix_good[-1] + good[i])
        prefix_claimed.append(prefix_claimed[-1] + claimed[i])
    total_words = prefix_words[-1] or 1.0
    key_counts = Counter(keys)
    blocks = _blocks([g and not c for g, c in zip(good, claimed)], words)
    main = max(range(len(blocks)), key=lambda b: (blocks[b][2], -b)) if blocks else -1
    block_start, block_end, block_words = blocks[main] if blocks else (-1, -1, 0.0)
    ranked = sorted(range(len(blocks)), key=lambda b: (-blocks[b][2], b))
    topic_words = [[w for w in key if len(w) >= MIN_TOPIC_WORD_CHARS] for key in keys]
    block_vocab: Counter = Counter()
    if blocks:
        for j in range(block_start, block_end + 1):
            block_vocab.update(topic_words[j])
    title_vocab = set(topic_words[title_index]) if title_index is not None else set()
    rank_of = {b: r for r, b in enumerate(ranked)}
    html_flag = float(from_html)
    page_claimed_share = prefix_claimed[-1] / n if n else 0.0
    log_lines = math.log1p(n)
    log_words = math.log1p(total_words)

    rows = []
    comment_markers = related_markers = 0
    last_comment = last_related = None
    for i in range(n):
        text, key = texts[i], keys[i]
        nw = words[i]
        stripped = text.rstrip().rstrip("\"'”’»)]")
        last_char = stripped[-1:] if stripped else ""
        first_letter = _LETTER_RE.search(text)
        n_chars = len(text)
        if block_start < 0:
            block_distance = _FAR
        elif i < block_start:
            block_distance = float(block_start - i)
        elif i > block_end:
            block_distance = float(block_end - i)
        else:
            block_distance = 0.0
        tokens = text.split()
        row = [
            float(nw),
            math.log1p(n_chars),
            float(last_char in ".!?…"),
            float(last_char == ":"),
            float(first_letter is not None and first_letter.group().isupper()),
            float(text[:1].isdigit()),
            sum(1 for t in tokens if t[:1].isupper()) / len(tokens) if tokens else 0.0,
            len(_DIGIT_RE.findall(text)) / n_chars if n_chars else 0.0,
            len(_PUNCT_RE.findall(text)) / n_chars if n_chars else 0.0,
            float(text.count(",")),
            sum(len(w) for w in key) / nw if nw else 0.0,
            float(sum(text.count(c) for c in _SEPARATORS)),
            float(good[i]),
            float(claimed[i]),
            float(key_counts[key] - 1),
            float(words[i - 1]) if i > 0 else -1.0,
            float(words[i + 1]) if i + 1 < n else -1.0,
            float(good[i - 1]) if i > 0 else -1.0,
            float(good[i + 1]) if i + 1 < n else -1.0,
            float(claimed[i - 1]) if i > 0 else -1.0,
            float(claimed[i + 1]) if i + 1 < n else -1.0,
        ]
        for k in WINDOWS:
            row.append(_window_mean(prefix_words, i, k, n))
        for prefix, k in ((prefix_good, 3), (prefix_good, 10), (prefix_claimed, 3)):
            row.append(_window_mean(prefix, i, k, n))
        row += [
            i / n,
            prefix_words[i] / total_words,
            log_lines,
            log_words,
            block_distance,
            block_distance / n,
            float(block_distance == 0.0),
            block_words / total_words,
            float(title_index is not None and i > title_index),
            float(i - title_index) if title_index is not None else -_FAR,
            float(comment_markers),
            float(last_comment is not None),
            float(i - last_comment) if last_comment is not None else -_FAR,
            float(related_markers),
            float(i - last_related) if last_related is not None else -_FAR,
        ]
        own, own_distance = _nearest_block(blocks, i)
        if own >= 0:
            row += [blocks[own][2] / total_words, blocks[own][2] / block_words,
                    float(min(rank_of[own], MAX_BLOCK_RANK)), own_distance]
        else:
            row += [0.0, 0.0, float(MAX_BLOCK_RANK), _FAR]
        own_words = topic_words[i]
        if own_words:
            inside = block_start <= i <= block_end
            own_counts = Counter(own_words) if inside else Counter()
            row.append(sum(block_vocab[w] - own_counts[w] > 0 for w in own_words) / len(own_words))
            row.append(sum(w in title_vocab for w in own_words) / len(own_words)
                       if i != title_index else -1.0)
        else:
            row += [-1.0, -1.0]
        row += [html_flag, float(text.startswith(LIST_ITEM_PREFIX)),
                float(text.startswith(TABLE_ROW_PREFIX)), float(text.count(TABLE_ROW_PREFIX)),
                page_claimed_share]
        rows.append(row)
        if reasons[i] in _COMMENT_REASONS and i > block_start >= 0:
            comment_markers += 1
            last_comment = i
        elif reasons[i] in _RELATED_REASONS:
            related_markers += 1
            last_related = i
    return rows
