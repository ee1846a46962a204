"""Data files of the boilerplate cleaner: pattern lists, month names, stop words, line model.

Everything lives under ``config/boilerplate/`` (see its README.md). Files are read and compiled
once per process; the cache is keyed by the resolved config directory. A bad entry raises
``ConfigError`` whose message starts with ``file:line:``.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import re2

from pipeline.errors import ConfigError
from pipeline.text.line_model import check_model

log = logging.getLogger(__name__)

BOILERPLATE_SUBDIR = "boilerplate"
PATTERNS_SUBDIR = "patterns"
STOPWORDS_SUBDIR = "stopwords"
MONTHS_FILE = "months.txt"
LINE_MODEL_FILE = "line_model.json"
DATELINE_WORDS_LIST = "dateline_words"
REGEX_PREFIX = "re:"
PREFIX_MARKER = "..."

# Lists whose name is itself a removal reason; any other list gives reason "pattern:<list>".
REASON_LISTS = frozenset({
    "byline", "caption", "comment_form", "comment_thread", "navigation", "related_links",
    "share_widget", "tag_list", "breadcrumb",
})

_WORD_RE = re.compile(r"\w+")


def word_key(text: str) -> tuple[str, ...]:
    """Return the lower-cased word tokens of ``text`` (NFKC, casefolded), as a tuple."""
    return tuple(_WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold()))


@dataclass(frozen=True)
class PatternList:
    """One list of phrases and expressions; ``reason`` is what a match is reported as."""

    name: str
    reason: str
    exact: frozenset[tuple[str, ...]]
    prefixes: frozenset[tuple[str, ...]]
    regex: object | None          # the list's expressions as one compiled re2 alternation
    max_prefix_words: int


@dataclass(frozen=True)
class _Matcher:
    """All pattern lists merged for one lookup per line: for each exact phrase and each prefix
    the first list (in ``lists`` order) that holds it, and one re2 Set with one entry per list
    that has expressions. The first list with any kind of match gives the reason."""

    exact: dict[tuple[str, ...], int]
    prefixes: dict[tuple[str, ...], int]
    max_prefix_words: int
    regex_set: object | None
    regex_lists: tuple[int, ...]        # Set entry -> list index


def _matcher(lists: tuple[PatternList, ...], regex_sources: list[list[str]]) -> _Matcher:
    exact: dict[tuple[str, ...], int] = {}
    prefixes: dict[tuple[str, ...], int] = {}
    for index, plist in enumerate(lists):
        for phrase in plist.exact:
            exact.setdefault(phrase, index)
        for prefix in plist.prefixes:
            prefixes.setdefault(prefix, index)
    regex_set, regex_lists = None, []
    for index, sources in enumerate(regex_sources):
        if sources:
            if regex_set is None:
                regex_set = re2.Set.SearchSet(_re2_options())
            regex_set.Add("|".join(f"(?:{src})" for src in sources))
            regex_lists.append(index)
    if regex_set is not None:
        regex_set.Compile()
    return _Matcher(exact, prefixes, max((len(p) for p in prefixes), default=0), regex_set,
                    tuple(regex_lists))


@dataclass(frozen=True)
class BoilerplateResources:
    """Compiled data files; build with ``load_boilerplate_resources``."""

    config_dir: Path
    lists: tuple[PatternList, ...]
    month_numbers: dict[str, int]          # month name -> 1..12
    dateline_words: frozenset[str]
    stopwords: frozenset[str]
    any_regex: object | None = None         # all lists' expressions in one alternation
    line_model: dict | None = field(default=None, compare=False)
    matcher: _Matcher | None = field(default=None, compare=False, repr=False)

    def match(self, line: str, max_extra_words: int, key: tuple[str, ...] | None = None
              ) -> str | None:
        """Return the reason of the first pattern list matching ``line`` (whose word tokens
        are ``key``, computed when not given), or None."""
        if key is None:
            key = word_key(line)
        matcher = self.matcher or _matcher(self.lists, [[] for _ in self.lists])
        best = matcher.exact.get(key, len(self.lists))
        for n in range(max(1, len(key) - max_extra_words), min(len(key), matcher.max_prefix_words) + 1):
            index = matcher.prefixes.get(key[:n])
            if index is not None and index < best:
                best = index
        if matcher.regex_set is not None:
            # re2 is case-insensitive; lower case is its fast path
            found = matcher.regex_set.Match(line.strip().lower())
            if found:
                best = min(best, min(matcher.regex_lists[i] for i in found))
        return self.lists[best].reason if best < len(self.lists) else None


def _data_lines(path: Path):
    """Yield ``(line_number, entry)`` for the non-blank, non-comment lines of ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}:0: cannot read: {exc}") from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        entry = raw.strip()
        if entry and not entry.startswith("#"):
            yield number, entry


RE2_MAX_MEM_BYTES = 64 << 20   # DFA memory of the combined expressions


def _re2_options():
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.never_capture = True       # only "does it match" is asked; much faster
    options.max_mem = RE2_MAX_MEM_BYTES
    return options


def _compile_regex(path: Path, number: int, source: str) -> str:
    """Return ``source`` after checking that re2 compiles it (ConfigError ``file:line:`` if not)."""
    if not source:
        raise ConfigError(f"{path}:{number}: empty regular expression")
    try:
        re2.compile(source, _re2_options())
    except re2.error as exc:
        raise ConfigError(f"{path}:{number}: bad regular expression {source!r}: {exc}") from exc
    return source


def _alternation(sources) -> object | None:
    """Return one compiled re2 pattern matching any of ``sources``, or None if empty."""
    sources = list(sources)
    if not sources:
        return None
    return re2.compile("|".join(f"(?:{s})" for s in sources), _re2_options())


def _load_lists(patterns_dir: Path) -> tuple[tuple[PatternList, ...], object | None, _Matcher]:
    """Merge ``patterns/<lang>/<list>.txt`` of every language into one PatternList per list."""
    exact: dict[str, set] = {}
    prefixes: dict[str, set] = {}
    regexes: dict[str, list] = {}
    for path in sorted(patterns_dir.glob("*/*.txt")):
        name = path.stem
        if name == DATELINE_WORDS_LIST:
            continue
        exact.setdefault(name, set())
        prefixes.setdefault(name, set())
        regexes.setdefault(name, [])
        for number, entry in _data_lines(path):
            if entry.startswith(REGEX_PREFIX):
                regexes[name].append(_compile_regex(path, number, entry[len(REGEX_PREFIX):].strip()))
            elif entry.endswith(PREFIX_MARKER):
                key = word_key(entry[: -len(PREFIX_MARKER)])
                if not key:
                    raise ConfigError(f"{path}:{number}: prefix entry has no words: {entry!r}")
                prefixes[name].add(key)
            else:
                key = word_key(entry)
                if not key:
                    raise ConfigError(f"{path}:{number}: phrase has no words: {entry!r}")
                exact[name].add(key)
    lists = []
    all_regexes = [src for name in sorted(regexes) for src in regexes[name]]
    for name in sorted(exact):
        reason = name if name in REASON_LISTS else f"pattern:{name}"
        lists.append(PatternList(
            name=name, reason=reason, exact=frozenset(exact[name]),
            prefixes=frozenset(prefixes[name]), regex=_alternation(regexes[name]),
            max_prefix_words=max((len(p) for p in prefixes[name]), default=0)))
    lists = tuple(lists)
    return lists, _alternation(all_regexes), _matcher(lists, [regexes[name] for name in sorted(exact)])


def _load_dateline_words(patterns_dir: Path) -> frozenset[str]:
    words: set[str] = set()
    for path in sorted(patterns_dir.glob(f"*/{DATELINE_WORDS_LIST}.txt")):
        for _number, entry in _data_lines(path):
            words.update(word_key(entry))
    return frozenset(words)


def _load_months(path: Path) -> dict[str, int]:
    months: dict[str, int] = {}
    if not path.exists():
        return months
    for number, entry in _data_lines(path):
        parts = entry.split()
        if len(parts) < 3 or not parts[1].isdigit() or not 1 <= int(parts[1]) <= 12:
            raise ConfigError(f"{path}:{number}: expected '<lang> <1-12> <name> ...', got {entry!r}")
        for name in parts[2:]:
            months[unicodedata.normalize("NFKC", name).casefold()] = int(parts[1])
    return months


def _load_stopwords(directory: Path) -> frozenset[str]:
    words: set[str] = set()
    for path in sorted(directory.glob("*.txt")):
        for number, entry in _data_lines(path):
            key = word_key(entry)
            if len(key) != 1:
                raise ConfigError(f"{path}:{number}: expected one word, got {entry!r}")
            words.add(key[0])
    return frozenset(words)


def load_line_model(path: Path) -> dict | None:
    """Return the parsed line model JSON at ``path``, or None when the file does not exist."""
    if not path.exists():
        return None
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}:0: cannot read line model: {exc}") from exc
    for key in ("features", "trees", "base_score"):
        if key not in model:
            raise ConfigError(f"{path}:0: line model lacks {key!r}")
    check_model(model, str(path))
    return model


@functools.lru_cache(maxsize=8)
def _load_cached(config_dir: Path, with_line_model: bool) -> BoilerplateResources:
    base = config_dir / BOILERPLATE_SUBDIR
    if not base.is_dir():
        raise ConfigError(f"{base}:0: boilerplate config folder not found")
    patterns_dir = base / PATTERNS_SUBDIR
    lists, any_regex, matcher = _load_lists(patterns_dir)
    resources = BoilerplateResources(
        config_dir=config_dir,
        lists=lists,
        any_regex=any_regex,
        matcher=matcher,
        month_numbers=_load_months(base / MONTHS_FILE),
        dateline_words=_load_dateline_words(patterns_dir),
        stopwords=_load_stopwords(base / STOPWORDS_SUBDIR),
        line_model=load_line_model(base / LINE_MODEL_FILE) if with_line_model else None,
    )
    log.debug("boilerplate resources loaded from %s: %d lists", base, len(resources.lists))
    return resources


def load_boilerplate_resources(config_dir: Path, *, with_line_model: bool = True
                               ) -> BoilerplateResources:
    """Return the compiled boilerplate data files under ``config_dir/boilerplate`` (cached).

    The line model is checked against this version's features here, so a stale
    ``line_model.json`` stops a run before any work (``ConfigError``). ``with_line_model=False``
    leaves it out (training, which writes a new one)."""
    return _load_cached(Path(config_dir).resolve(), with_line_model)
