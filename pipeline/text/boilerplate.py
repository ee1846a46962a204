"""Boilerplate stripping: keep the lines of the article, drop everything else with a reason.

Method. The input is text with one line per block (a naive extractor's output, or the text
trafilatura extracted from HTML). Each non-blank line is decided once, by the first of these
steps that claims it:

1. Lines recurring across the source's pages (``SiteTemplate``, counted by the corpus pass over
   ``normalise_line`` keys) are ``site_template`` when they occur in at least
   ``template_min_docs`` documents and ``template_min_doc_share`` of them.
2. Phrase and pattern lists under ``config/boilerplate/patterns/<lang>/`` name comment forms and
   counters, thread markers, share widgets, related-article lead-ins, tag headings, navigation,
   captions, bylines, advertising, cookie and subscription notices; breadcrumbs
   ("Home » News » ...") and menus run together into one camel-case word are recognised by
   shape; a short line that is mostly a date is a ``dateline`` and gives ``published``. These
   rules look at one line at a time; a text where one of them claims a line "shows
   boilerplate".
3. The headline: with ``known_title`` the headline-shaped line most like it; otherwise the
   short line up to the running text whose content words best recur in the body (on a text
   that shows no boilerplate, only its first line, when running text follows it). It leaves
   the body (``title``) and fills ``title``; its repeats and look-alikes are
   ``repeated_title``.
4. A tag heading takes the run of short lines after it (``tag_list``); a related-links heading
   takes the run of headline-like lines after it (``related_links``); a comment heading after
   the running text starts the comment thread when it lies in the last part of the page or
   when thread markers or datelines follow it, and all lines after it go (``comment_thread``).
5. The remaining lines are scored by the line model (``config/boilerplate/line_model.json``,
   gradient-boosted trees over the line's shape, the token density of its neighbours within
   about 3 and 10 lines, its position, the page size and comment-thread markers; see
   ``line_features``) and kept above a threshold that falls with the page's best score, a
   short line between two kept lines staying (``line_model``). Without a model file a density
   rule stands in: the body runs from the first to the last "good" line
   (``min_words_per_line`` words ending in sentence punctuation, or ``long_line_words``
   words), short lines inside it stay. On trafilatura's text (``from_html=True``) the model runs
   with its own thresholds and only when the text shows boilerplate: trafilatura has already
   chosen the blocks.

Then the kept lines are cleaned again, as a text of their own, until a pass removes nothing
(``_settle``), so cleaning the cleaned text removes nothing more. Lines the model drops before
the first kept line are ``navigation``; after a comment marker ``comment_thread``; others
``low_content``. Every decision is a pure function of the text, the settings and the data files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline.text.line_dates import dateline_date
from pipeline.text.line_model import apply_line_model
from pipeline.text.line_resources import (
    BoilerplateResources,
    load_boilerplate_resources,
    word_key,
)

__all__ = [
    "BoilerplateSettings", "RemovedLine", "CleanedText", "SiteTemplate", "BoilerplateResources",
    "normalise_line", "load_boilerplate_resources", "clean_text", "build_site_template",
    "REASONS", "RulePass", "rule_pass", "first_pass",
]

REASONS = frozenset({
    "title", "repeated_title", "dateline", "byline", "navigation", "breadcrumb", "comment_form",
    "comment_thread", "share_widget", "related_links", "tag_list", "caption", "site_template",
    "low_content", "empty",
})  # plus "pattern:<list>" for pattern lists that are not themselves a reason

_LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
_DIGITS_RE = re.compile(r"\d+")
_DIGIT_RE = re.compile(r"\d")   # every date has one
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*(?:»|›|\s>\s|\s/\s)\s*")
_BREADCRUMB_CHAR_RE = re.compile(r"[»›]|\s[>/]\s")
_TITLE_SUFFIX_SPLIT_RE = re.compile(r"\s+(?:[-–—|:]|::)\s+")
_CAMEL_HUMP_RE = re.compile(r"[a-zà-ÿа-яё][A-ZÀ-ÞА-ЯЁ]")
_TERMINAL_CHARS = ".!?…。！？"
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_CHARS_PER_WORD = 2.0
_CLOSING_CHARS = "\"'”’»)]"
_SENTENCE_BREAK_RE = re.compile(r"[^\W\d_]{2}[.!?…]\s+\S")   # "summer. (report", not "U.S. troops"
_COMMENT_REASONS = frozenset({"comment_form", "comment_thread"})
# after a comment heading, these mark the entries of a thread ("Mark on May 4 said:", a date)
_THREAD_MARKER_REASONS = frozenset({"comment_thread", "dateline"})


@dataclass(frozen=True)
class BoilerplateSettings:
    """Named thresholds of the boilerplate cleaner (section ``[boilerplate]``)."""

    min_words_per_line: int = 6            # a "good" line has this many words ...
    long_line_words: int = 15              # ... or this many regardless of punctuation
    pattern_max_extra_words: int = 6       # words allowed after a "phrase ..." prefix entry
    dateline_max_words: int = 14           # a dateline is at most this long
    dateline_max_other_words: int = 3      # words on a dateline besides date, time, dateline words
    title_search_lines: int = 60           # the headline is among the first N non-blank lines
    anchor_window_lines: int = 3           # running text starts at two good lines this close
    title_min_words: int = 3
    title_max_words: int = 30
    title_min_body_overlap: float = 0.3    # share of headline content words found in the body
    title_known_min_similarity: float = 0.6  # word Jaccard with known_title to take a line
    title_suffix_max_words: int = 3        # " – Site" suffix cut from the title value
    breadcrumb_min_parts: int = 3
    breadcrumb_max_part_words: int = 4     # every part but the last is this short
    nav_min_camel_humps: int = 3           # "HomeNewsSportsJobs" = a menu run together
    tag_max_words: int = 4                 # lines after a tag heading this short are tags
    related_max_words: int = 20            # headline-like lines after a related heading
    comment_tail_min_word_share: float = 0.5  # a comment marker this far down starts the thread
    comment_thread_min_markers: int = 2    # ... or one followed by this many thread markers
    comment_lookahead_lines: int = 20      # ... within this many lines
    template_min_docs: int = 3             # a line in >= this many of the source's documents ...
    template_min_doc_share: float = 0.1    # ... and >= this share of them is site_template
    use_line_model: bool = True            # use config/boilerplate/line_model.json if present
    model_keep_probability: float = 0.7    # keep a line the model scores at least this ...
    model_keep_share_of_max: float = 0.7   # ... or this share of the page's highest score
    model_rescue_probability: float = 0.1  # a short line between kept lines stays above this
    html_use_line_model: bool = True       # also on trafilatura's text (with use_line_model)
    html_model_keep_probability: float = 0.4   # the same three thresholds on trafilatura's text
    html_model_keep_share_of_max: float = 0.6
    html_model_rescue_probability: float = 0.1
    html_favor_precision: bool = False     # trafilatura options for extract_html
    html_favor_recall: bool = False
    html_include_tables: bool = True
    html_no_fallback: bool = False
    html_layout_table_min_word_share: float = 0.8  # trafilatura's text this much table rows ...
    html_layout_table_min_kept_share: float = 0.3  # ... is redone without tables if that keeps this


@dataclass(frozen=True)
class RemovedLine:
    """A dropped line: 1-based line number, its text and the reason."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanedText:
    """Result of ``clean_text``: kept ``(line, text)`` pairs, removed lines, title, ISO date."""

    kept: tuple[tuple[int, str], ...]
    removed: tuple[RemovedLine, ...]
    title: str | None
    published: str | None

    @property
    def text(self) -> str:
        """Return the kept lines joined by newlines."""
        return "\n".join(text for _, text in self.kept)


@dataclass(frozen=True)
class SiteTemplate:
    """Per-source counts from the corpus pass: in how many of ``n_docs`` documents each
    ``normalise_line`` key occurs."""

    n_docs: int
    line_doc_counts: Mapping[str, int] = field(default_factory=dict)

    def is_template(self, key: str, settings: BoilerplateSettings) -> bool:
        """Return True when ``key`` recurs often enough across the source to be template."""
        if not key or self.n_docs <= 0:
            return False
        count = self.line_doc_counts.get(key, 0)
        return (count >= settings.template_min_docs
                and count / self.n_docs >= settings.template_min_doc_share)


def normalise_line(line: str) -> str:
    """Return the corpus-count key of ``line``: its lower-cased words joined by single spaces,
    digit runs folded to ``0``; ``""`` (do not count) when the line has no letters."""
    words = word_key(line)
    if not any(ch.isalpha() for w in words for ch in w):
        return ""
    return _DIGITS_RE.sub("0", " ".join(words))


def build_site_template(texts: Iterable[str]) -> SiteTemplate:
    """Return the SiteTemplate of one source's documents (each document counts a key once)."""
    counts: dict[str, int] = {}
    n_docs = 0
    for text in texts:
        n_docs += 1
        keys = {normalise_line(line) for line in _LINE_SPLIT_RE.split(text)}
        keys.discard("")
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return SiteTemplate(n_docs=n_docs, line_doc_counts=dict(sorted(counts.items())))


# --------------------------------------------------------------------------- line shape

def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSING_CHARS)
    return bool(stripped) and stripped[-1] in _TERMINAL_CHARS


def _is_good(n_words: float, text: str, settings: BoilerplateSettings) -> bool:
    return (n_words >= settings.long_line_words
            or (n_words >= settings.min_words_per_line and _ends_sentence(text)))


def _is_breadcrumb(text: str, settings: BoilerplateSettings) -> bool:
    if not ("»" in text or "›" in text or ">" in text or "/" in text) or not _BREADCRUMB_CHAR_RE.search(text):
        return False
    parts = [p for p in _BREADCRUMB_SPLIT_RE.split(text.strip()) if p]
    if len(parts) < settings.breadcrumb_min_parts:
        return False
    return all(len(word_key(p)) <= settings.breadcrumb_max_part_words for p in parts[:-1])


def _is_run_together_menu(text: str, settings: BoilerplateSettings) -> bool:
    tokens = text.split(None, 2)     # a menu run together is one or two tokens
    return (len(tokens) <= 2
            and any(len(_CAMEL_HUMP_RE.findall(t)) >= settings.nav_min_camel_humps for t in tokens))


def _strip_title_suffix(title: str, settings: BoilerplateSettings) -> str:
    parts = _TITLE_SUFFIX_SPLIT_RE.split(title.strip())
    if len(parts) >= 2:
        head = title.strip()[: title.strip().rfind(parts[-1])].rstrip(" -–—|:")
        if (len(word_key(parts[-1])) <= settings.title_suffix_max_words
                and len(word_key(head)) >= settings.title_min_words):
            return head
    return title.strip()


def _content_words(key: Iterable[str], stopwords: frozenset[str]) -> set[str]:
    return {w for w in key if len(w) > 1 and not w.isdigit() and w not in stopwords}


# --------------------------------------------------------------------------- steps

@dataclass
class _Line:
    number: int              # 1-based
    text: str
    key: tuple[str, ...]     # word tokens
    words: float = 0.0       # length in words (CJK characters count as 1/CJK_CHARS_PER_WORD)
    reason: str | None = None
    shape: object = None     # the line's LineShape, once the line model computed it


def word_units(text: str, key: tuple[str, ...]) -> float:
    """Return the length of a line in words: its ``\\w+`` tokens without CJK characters, plus
    its CJK characters divided by CJK_CHARS_PER_WORD (Chinese and Japanese have no spaces)."""
    cjk = len(_CJK_RE.findall(text))
    if not cjk:
        return float(len(key))
    return sum(1 for w in key if not _CJK_RE.search(w)) + cjk / CJK_CHARS_PER_WORD


def _rule_reasons(lines: list[_Line], resources: BoilerplateResources,
                  settings: BoilerplateSettings, site_template: SiteTemplate | None
                  ) -> str | None:
    """Mark template, pattern, breadcrumb, menu and dateline lines; return the first date."""
    published = None
    for ln in lines:
        if site_template is not None and site_template.is_template(normalise_line(ln.text), settings):
            ln.reason = "site_template"
            continue
        reason = resources.match(ln.text, settings.pattern_max_extra_words, ln.key)
        if reason is None and _is_breadcrumb(ln.text, settings):
            reason = "breadcrumb"
        if reason is None and _is_run_together_menu(ln.text, settings):
            reason = "navigation"
        if ln.words <= settings.dateline_max_words and _DIGIT_RE.search(ln.text):
            date = dateline_date(ln.text, resources.month_numbers, resources.dateline_words,
                                 settings.dateline_max_other_words)
            if date is not None:
                published = published or date
                if reason is None or reason == "byline":
                    reason = "dateline"
        ln.reason = reason
    return published


def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def _body_anchor(lines: list[_Line], settings: BoilerplateSettings) -> int:
    """Return the index of the first good line followed by another good line within
    ``anchor_window_lines`` lines (the start of the running text); the last index if none."""
    good = [i for i, ln in enumerate(lines)
            if ln.reason is None and _is_good(ln.words, ln.text, settings)]
    for a, b in zip(good, good[1:]):
        if b - a <= settings.anchor_window_lines:
            return a
    return good[0] if good else len(lines) - 1


def _title_shaped(ln: _Line, settings: BoilerplateSettings) -> bool:
    """Return True when ``ln`` is open and could be a headline: at most ``title_max_words``
    words, not ending like a sentence (``.``, ``…``, ``:``)."""
    return (ln.reason is None and ln.words <= settings.title_max_words
            and ln.text.rstrip().rstrip(_CLOSING_CHARS)[-1:] not in ".…:")


def _title_similarity(ln: _Line, known: tuple[str, ...], settings: BoilerplateSettings) -> float:
    """Return the word Jaccard of ``ln`` (its " – Site" suffix cut) with the headline words
    ``known``; 1.0 when the words are the same."""
    own = word_key(_strip_title_suffix(ln.text, settings))
    return 1.0 if own == known or ln.key == known else _similarity(own, known)


def _title_key(title: str, settings: BoilerplateSettings) -> tuple[str, ...]:
    return word_key(_strip_title_suffix(title, settings))


def _find_title(lines: list[_Line], resources: BoilerplateResources,
                settings: BoilerplateSettings, known_title: str | None,
                shows_boilerplate: bool) -> _Line | None:
    """Return the headline line, or None when no line qualifies.

    With ``known_title`` the headline-shaped line (see ``_title_shaped``) among the first
    ``title_search_lines`` lines most similar to it wins, if the similarity reaches
    ``title_known_min_similarity``. Otherwise candidates are the headline-shaped lines of at
    least ``title_min_words`` words up to the start of the running text, or, on a text that
    shows no boilerplate (no rule of steps 1-2 claimed a line: it may be a body already
    cleaned, whose short lines are subheadings and list items), its first line only, and only
    when a good line (running text) follows it; the candidate whose
    content words recur most in the lines after it wins, if that share reaches
    ``title_min_body_overlap`` (ties go to the earlier line)."""
    if known_title:
        known = _title_key(known_title, settings)
        best, best_sim = None, 0.0
        for ln in lines[: settings.title_search_lines]:
            if not _title_shaped(ln, settings):
                continue
            sim = _title_similarity(ln, known, settings)
            if sim > best_sim:
                best, best_sim = ln, sim
        if best is not None and best_sim >= settings.title_known_min_similarity:
            return best
    if shows_boilerplate:
        anchor = min(_body_anchor(lines, settings), settings.title_search_lines - 1)
        searched = lines[: anchor + 1]
    else:   # the first line, if it holds one sentence at most and running text follows it
        searched = lines[:1] if (len(lines) > 1 and not _SENTENCE_BREAK_RE.search(lines[0].text)
                                 and _is_good(lines[1].words, lines[1].text, settings)) else []
    candidates = [ln for ln in searched
                  if _title_shaped(ln, settings) and ln.words >= settings.title_min_words]
    if not candidates:
        return None
    last_seen: dict[str, int] = {}      # word -> last line number of a body-length line
    for other in lines:
        if other.words >= settings.min_words_per_line:
            for w in other.key:
                last_seen[w] = other.number
    best, best_score = None, 0.0
    for ln in candidates:
        words = _content_words(word_key(_strip_title_suffix(ln.text, settings)), resources.stopwords)
        if not words:
            continue
        score = sum(last_seen.get(w, 0) > ln.number for w in words) / len(words)
        if score > best_score:
            best, best_score = ln, score
    if best is not None and best_score >= settings.title_min_body_overlap:
        return best
    return None


def _mark_repeats_of_title(lines: list[_Line], title_line: _Line, title: str,
                           settings: BoilerplateSettings, known_title: str | None) -> None:
    """Mark the headline's repeats: exact repeats, and headline-shaped lines at least
    ``title_known_min_similarity`` similar to ``known_title`` (to the headline found when there
    is none), are ``repeated_title``; a line ending with the headline is ``breadcrumb``.
    Cleaning the text again with the headline as ``known_title`` then finds no other line."""
    full = title_line.key
    title_key = word_key(title)
    n = len(title_key)
    similar_to = _title_key(known_title or title, settings)
    similar_words = set(similar_to)
    for ln in lines:
        if ln is title_line or (ln.reason is not None and ln.reason != "breadcrumb"):
            continue
        if ln.key in (full, title_key):
            ln.reason = "repeated_title"
        elif n and len(ln.key) > n and len(ln.key) - n <= settings.pattern_max_extra_words and (
                ln.key[-n:] == title_key or ln.key[-len(full):] == full):
            ln.reason = "breadcrumb"
        elif (similar_words and not similar_words.isdisjoint(ln.key) and _title_shaped(ln, settings)
              and _title_similarity(ln, similar_to, settings) >= settings.title_known_min_similarity):
            ln.reason = "repeated_title"


def _mark_runs(lines: list[_Line], settings: BoilerplateSettings) -> None:
    """Extend tag and related-link headings over the runs that follow them."""
    i = 0
    while i < len(lines):
        reason = lines[i].reason
        if reason in ("tag_list", "related_links"):
            limit = settings.tag_max_words if reason == "tag_list" else settings.related_max_words
            j = i + 1
            while (j < len(lines) and lines[j].reason is None and lines[j].words <= limit
                   and not _ends_sentence(lines[j].text)):
                lines[j].reason = reason
                j += 1
            i = j
        else:
            i += 1


def _mark_comment_thread(lines: list[_Line], settings: BoilerplateSettings) -> None:
    """Drop the reader-comment thread: it starts at a comment marker after the start of the
    running text that either lies past ``comment_tail_min_word_share`` of the page's words or
    is followed by ``comment_thread_min_markers`` thread markers ("X on <date> said:",
    "Reply", ...) within ``comment_lookahead_lines`` lines; every open line after it goes."""
    if not any(ln.reason in _COMMENT_REASONS for ln in lines):
        return
    anchor = _body_anchor(lines, settings)
    total = sum(ln.words for ln in lines) or 1
    seen = sum(ln.words for ln in lines[: anchor + 1])
    for idx in range(anchor + 1, len(lines)):
        ln = lines[idx]
        if ln.reason in _COMMENT_REASONS:
            ahead = lines[idx + 1: idx + 1 + settings.comment_lookahead_lines]
            markers = sum(1 for other in ahead if other.reason in _THREAD_MARKER_REASONS)
            if (seen / total >= settings.comment_tail_min_word_share
                    or markers >= settings.comment_thread_min_markers):
                for later in lines[idx + 1:]:
                    if later.reason is None:
                        later.reason = "comment_thread"
                return
        seen += ln.words


def _density_rule(lines: list[_Line], settings: BoilerplateSettings) -> None:
    """Keep good lines, and a short line whose nearest open neighbours are both good; drop the
    rest (``navigation`` before the first good line, ``low_content`` after it)."""
    open_lines = [ln for ln in lines if ln.reason is None]
    good = [_is_good(ln.words, ln.text, settings) for ln in open_lines]
    first = good.index(True) if True in good else len(open_lines)
    for i, ln in enumerate(open_lines):
        if good[i]:
            continue
        if 0 < i < len(open_lines) - 1 and good[i - 1] and good[i + 1]:
            continue
        ln.reason = "navigation" if i < first else "low_content"


@dataclass
class RulePass:
    """Lines after the rule steps (1-4 of the method); ``reason`` None = still open."""

    lines: list[_Line]
    empties: list[RemovedLine]
    title: str | None
    title_index: int | None
    published: str | None
    shows_boilerplate: bool = False    # a rule of steps 1-2 claimed a line


def _split_lines(text: str) -> tuple[list[_Line], list[RemovedLine]]:
    """Return the non-blank lines of ``text`` (NFC, stripped) and its blank lines as ``empty``."""
    raw_lines = _LINE_SPLIT_RE.split(text)
    lines: list[_Line] = []
    empties: list[RemovedLine] = []
    for number, raw in enumerate(raw_lines, start=1):
        stripped = unicodedata.normalize("NFC", raw).strip()
        if not stripped:
            if number < len(raw_lines) or raw:
                empties.append(RemovedLine(number, raw, "empty"))
            continue
        key = word_key(stripped)
        lines.append(_Line(number=number, text=stripped, key=key, words=word_units(stripped, key)))
    return lines, empties


def _context_steps(lines: list[_Line], resources: BoilerplateResources,
                   settings: BoilerplateSettings, known_title: str | None,
                   shows_boilerplate: bool) -> tuple[str | None, int | None]:
    """Run steps 3-4 (headline, its repeats, tag and related runs, comment thread) on lines
    whose line-local reasons are set; return ``(title, index of the title line)``."""
    title_line = _find_title(lines, resources, settings, known_title, shows_boilerplate)
    title = title_index = None
    if title_line is not None:
        title_line.reason = "title"
        title = _strip_title_suffix(title_line.text, settings)
        title_index = lines.index(title_line)
        _mark_repeats_of_title(lines, title_line, title, settings, known_title)
    _mark_runs(lines, settings)
    _mark_comment_thread(lines, settings)
    return title, title_index


def rule_pass(text: str, *, resources: BoilerplateResources, settings: BoilerplateSettings,
              site_template: SiteTemplate | None = None,
              known_title: str | None = None) -> RulePass:
    """Return the RulePass of ``text``: every non-blank line with the reason a rule gave it."""
    lines, empties = _split_lines(text)
    published = _rule_reasons(lines, resources, settings, site_template)
    shows_boilerplate = any(ln.reason is not None for ln in lines)
    title, title_index = _context_steps(lines, resources, settings, known_title, shows_boilerplate)
    return RulePass(lines=lines, empties=empties, title=title, title_index=title_index,
                    published=published, shows_boilerplate=shows_boilerplate)


def first_pass(text: str, *, resources: BoilerplateResources, settings: BoilerplateSettings,
               site_template: SiteTemplate | None = None, known_title: str | None = None,
               from_html: bool = False) -> RulePass:
    """Return the RulePass of ``text`` after one pass of all steps (1-5): ``reason`` None marks
    the lines this pass keeps, before ``clean_text`` cleans them again until nothing changes."""
    passed = rule_pass(text, resources=resources, settings=settings,
                       site_template=site_template, known_title=known_title)
    _classify_open_lines(passed.lines, resources, settings, passed.title_index, from_html,
                         passed.shows_boilerplate)
    return passed


def clean_text(text: str, *, resources: BoilerplateResources, settings: BoilerplateSettings,
               site_template: SiteTemplate | None = None, known_title: str | None = None,
               from_html: bool = False) -> CleanedText:
    """Return the CleanedText of ``text``: the article lines kept (1-based numbers of the raw
    text), every other line removed with its reason, the headline and the dateline's date.

    The result is a fixed point: cleaning its text again (with the same ``known_title`` and
    ``from_html``) removes nothing more."""
    passed = first_pass(text, resources=resources, settings=settings,
                        site_template=site_template, known_title=known_title, from_html=from_html)
    lines = passed.lines
    title = _settle(lines, resources, settings, known_title, from_html, passed.title)
    kept = tuple((ln.number, ln.text) for ln in lines if ln.reason is None)
    removed = sorted([RemovedLine(ln.number, ln.text, ln.reason) for ln in lines
                      if ln.reason is not None] + passed.empties, key=lambda r: r.line)
    return CleanedText(kept=kept, removed=tuple(removed), title=title,
                       published=passed.published)


def _settle(lines: list[_Line], resources: BoilerplateResources, settings: BoilerplateSettings,
            known_title: str | None, from_html: bool, title: str | None) -> str | None:
    """Clean the kept lines again, as if they were the whole text, until a pass removes nothing;
    return the headline (the first pass's, or the first one a later pass finds).

    Then cleaning the cleaned text removes nothing more. Steps 1-2 look at one line at a time,
    so they claim none of the kept lines again; what a later pass can still change depends on
    the neighbours: the headline steps (3-4) and step 5. A text that shows no boilerplate
    (which a cleaned text never does) has its first line as its only headline candidate, so
    later passes do not take subheadings for headlines. A line a later pass drops keeps that
    pass's reason, except that a second headline is ``navigation`` (a headline-like line
    before the running text)."""
    while True:
        kept = [ln for ln in lines if ln.reason is None]
        if not kept:
            return title
        again = [_Line(number=ln.number, text=ln.text, key=ln.key, words=ln.words, shape=ln.shape)
                 for ln in kept]
        found, title_index = _context_steps(again, resources, settings, known_title, False)
        _classify_open_lines(again, resources, settings, title_index, from_html, False)
        dropped = [(old, new) for old, new in zip(kept, again) if new.reason is not None]
        if not dropped:
            return title
        for old, new in dropped:
            if new.reason == "title" and title is None:
                title = found
                old.reason = "title"
            elif new.reason == "title":
                old.reason = "navigation"
            else:
                old.reason = new.reason


def _classify_open_lines(lines: list[_Line], resources: BoilerplateResources,
                         settings: BoilerplateSettings, title_index: int | None,
                         from_html: bool, shows_boilerplate: bool) -> None:
    """Decide the lines no rule claimed: the line model if there is one, else (plain text only)
    the density rule. Trafilatura's text goes to the model only when it shows boilerplate (a
    rule of steps 1-2 claimed one of its lines): trafilatura has already chosen the blocks, and
    where it left nothing a rule sees, the model's doubts cost more than they bring; its text
    without the model keeps its open lines."""
    if from_html and not shows_boilerplate:
        return
    use = settings.use_line_model and (settings.html_use_line_model or not from_html)
    model = resources.line_model if use else None
    if model is None:
        if not from_html:
            _density_rule(lines, settings)
        return
    apply_line_model(lines, model, settings, title_index, from_html)
