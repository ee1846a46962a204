"""Dates on datelines: find a calendar date in a short line and return it as ISO YYYY-MM-DD.

Month names come from ``config/boilerplate/months.txt`` (all languages at once), so the
expressions are built per resources object and cached by its month table.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

MIN_YEAR = 1990
MAX_YEAR = 2100

_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b")
_TIME_RE = re.compile(r"\b\d{1,2}[:h.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?", re.IGNORECASE)
_ORDINAL = r"(?:st|nd|rd|th|er|º|°)?"


@functools.lru_cache(maxsize=4)
def _month_patterns(months: tuple[tuple[str, int], ...]):
    names = "|".join(re.escape(name) for name, _ in sorted(months, key=lambda m: -len(m[0])))
    day_month_year = re.compile(
        rf"\b(\d{{1,2}}){_ORDINAL}\.?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?(\d{{4}})", re.IGNORECASE)
    month_day_year = re.compile(
        rf"(?<!\w)({names})\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})", re.IGNORECASE)
    return day_month_year, month_day_year


_KEYS: dict[int, tuple[dict, tuple]] = {}


def _months_key(month_numbers: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Return the sorted items of ``month_numbers``, remembered per table object."""
    held = _KEYS.get(id(month_numbers))
    if held is None or held[0] is not month_numbers:
        held = (month_numbers, tuple(sorted(month_numbers.items())))
        _KEYS[id(month_numbers)] = held
    return held[1]


def _iso(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(line: str, month_numbers: dict[str, int]) -> tuple[str, int, int] | None:
    """Return ``(iso_date, start, end)`` of the first calendar date in ``line``, or None."""
    text = unicodedata.normalize("NFKC", line)
    found: list[tuple[int, int, str]] = []
    for m in _ISO_RE.finditer(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _NUMERIC_RE.finditer(text):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        # "/" is month-first unless that cannot be; "." is day-first (European usage).
        day, month = (b, a) if m.group(2) == "/" and a <= 12 else (a, b)
        iso = _iso(year, month, day)
        if iso:
            found.append((m.start(), m.end(), iso))
    if month_numbers:
        dmy, mdy = _month_patterns(_months_key(month_numbers))
        for m in dmy.finditer(text):
            iso = _iso(int(m.group(3)), month_numbers[m.group(2).casefold()], int(m.group(1)))
            if iso:
                found.append((m.start(), m.end(), iso))
        for m in mdy.finditer(text):
            iso = _iso(int(m.group(3)), month_numbers[m.group(1).casefold()], int(m.group(2)))
            if iso:
                found.append((m.start(), m.end(), iso))
    if not found:
        return None
    start, end, iso = min(found)
    return iso, start, end


def dateline_date(line: str, month_numbers: dict[str, int], dateline_words: frozenset[str],
                  max_other_words: int) -> str | None:
    """Return the ISO date when ``line`` is a dateline (a date, a time, at most
    ``max_other_words`` words that are not dateline words), else None."""
    hit = find_date(line, month_numbers)
    if hit is None:
        return None
    iso, start, end = hit
    rest = _TIME_RE.sub(" ", line[:start] + " " + line[end:])
    words = [w for w in re.findall(r"[^\W\d_]+", rest.casefold())
             if w not in dateline_words and w not in month_numbers]
    if len(words) > max_other_words:
        return None
    return iso
