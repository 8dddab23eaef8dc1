"""Article dates, kept at the precision they were given: ``2025``, ``2025-05`` or ``2025-05-07``.

A value that is not a real calendar date between the years `MIN_YEAR` and `MAX_YEAR` gives ``""``:
the article is still read, undated. Timestamps keep their date part.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MIN_YEAR = 1000
MAX_YEAR = 2999

# The date, then optionally a time ("T10:00:00Z", " 10:00"), which is not checked.
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\S.*)?)?)?", re.ASCII | re.DOTALL)


def parse_date(value: object) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a header, YAML or JSON value, else ``""``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat() if MIN_YEAR <= value.year <= MAX_YEAR else ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return ""
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return ""
    if month_s is None:
        return year_s
    month = int(month_s)
    if not 1 <= month <= 12:
        return ""
    if day_s is None:
        return f"{year_s}-{month_s}"
    if not 1 <= int(day_s) <= calendar.monthrange(year, month)[1]:
        return ""
    return f"{year_s}-{month_s}-{day_s}"
