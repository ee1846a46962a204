"""Dates from metadata: normalised to ISO ``YYYY-MM-DD`` or None."""

from __future__ import annotations

import datetime as dt
import re

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
EARLIEST_YEAR = 1800
LATEST_YEAR = 2200


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD`` when it starts with a valid ISO date, else None."""
    if not value:
        return None
    match = _ISO_PREFIX.match(str(value))
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
