"""Article dates, kept at the precision they were given: ``2025``, ``2025-05`` or ``2025-05-07``.

A value that is not a real calendar date between the years `MIN_YEAR` and `MAX_YEAR` gives ``""``:
the article is still read, undated, and `why_undated` says why, for the file's warning.
Timestamps keep their date part.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tui_reader.corpus.normalize import clean_line

MIN_YEAR = 1000
MAX_YEAR = 2999
SHOWN_CHARS = 40

# The date, then optionally a time ("T10:00:00Z", " 10:00"), which is not checked.
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\S.*)?)?)?", re.ASCII | re.DOTALL)


def parse_date(value: object) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a header, YAML or JSON value, else ``""``."""
    return _read(value)[0]


def why_undated(value: object) -> str:
    """Why `value`, a date given in a file, gives no date (``"2025-02-30 is not a date in the
    calendar"``); ``""`` when it gives one, or when no date was given (None, blank)."""
    return _read(value)[1]


def _read(value: object) -> tuple[str, str]:
    """The date of `value` and ``""``, or ``""`` and why there is none."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if MIN_YEAR <= value.year <= MAX_YEAR:
            return value.isoformat(), ""
        return "", _not_a_year(value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
        if _DATE.fullmatch(value) is None:
            return "", _not_a_year(value)
    if not isinstance(value, str) or not value.strip():
        return "", ""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return "", f"{_shown(value)} is not written YYYY, YYYY-MM or YYYY-MM-DD"
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return "", _not_a_year(_shown(value))
    if month_s is None:
        return year_s, ""
    month = int(month_s)
    if not 1 <= month <= 12 or (
        day_s is not None and not 1 <= int(day_s) <= calendar.monthrange(year, month)[1]
    ):
        return "", f"{_shown(value)} is not a date in the calendar"
    if day_s is None:
        return f"{year_s}-{month_s}", ""
    return f"{year_s}-{month_s}-{day_s}", ""


def _not_a_year(shown: str) -> str:
    return f"{shown} is not in the years {MIN_YEAR} to {MAX_YEAR}"


# Control characters as the symbols that picture them ("␛" for escape): a date that holds an
# escape sequence is shown with it, not as the valid date that removing it would leave.
_PICTURED = str.maketrans(
    {code: 0x2400 + code for code in range(32) if chr(code) not in "\t\n\r"} | {127: 0x2421}
)


def _shown(value: str) -> str:
    """A given date as a warning shows it: normalised to one line, its control characters
    pictured, cut at `SHOWN_CHARS`, quoted when it has spaces."""
    shown = clean_line(value[: SHOWN_CHARS * 2].translate(_PICTURED))
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - 1] + "…"
    return f'"{shown}"' if " " in shown else shown
