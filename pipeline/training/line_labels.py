"""Line labels for text that has no labels file: which lines carry the gold main text.

The labelled pages come with labels for the lines of ``page.txt`` only. To train the line model
on trafilatura's text as well, its lines are labelled the way the data set labelled
``page.txt``: the lower-cased ``\\w+`` tokens of the text are aligned in order to those of the
gold text (``difflib``'s longest matching blocks, no junk heuristic), and a line is content when
at least ``MIN_ALIGNED_SHARE`` of its tokens align. On ``page.txt`` this reproduces the shipped
labels (one line of the 36,755 lines with tokens of the 196 dev pages differs).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

MIN_ALIGNED_SHARE = 0.5
_TOKEN_RE = re.compile(r"\w+")


def align_labels(lines: Sequence[str], gold: str) -> list[tuple[int, int]]:
    """Return ``(label, ntok)`` per line: label 1 when at least MIN_ALIGNED_SHARE of the line's
    tokens align with the gold text in order, ``ntok`` its token count (0 = no tokens)."""
    tokens: list[str] = []
    owner: list[int] = []
    for index, line in enumerate(lines):
        for token in _TOKEN_RE.findall(line.lower()):
            tokens.append(token)
            owner.append(index)
    gold_tokens = _TOKEN_RE.findall(gold.lower())
    matcher = difflib.SequenceMatcher(None, tokens, gold_tokens, autojunk=False)
    aligned = [0] * len(lines)
    counts = [0] * len(lines)
    for index in owner:
        counts[index] += 1
    for start, _, size in matcher.get_matching_blocks():
        for k in range(start, start + size):
            aligned[owner[k]] += 1
    return [(int(counts[i] > 0 and aligned[i] >= MIN_ALIGNED_SHARE * counts[i]), counts[i])
            for i in range(len(lines))]
