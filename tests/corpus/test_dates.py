"""Dates keep their precision; anything that is not a real date is dropped, never fatal."""

from __future__ import annotations

import datetime as dt

import pytest

from tui_reader.corpus.dates import parse_date


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2025", "2025"),
        ("2025-05", "2025-05"),
        ("2025-05-07", "2025-05-07"),
        (" 2025-05-07 ", "2025-05-07"),
        ("2024-02-29", "2024-02-29"),
        ("2025-05-07T10:00:00Z", "2025-05-07"),
        ("2025-05-07 10:00", "2025-05-07"),
        ("1810-01-06", "1810-01-06"),
        (2025, "2025"),
        (dt.date(2025, 5, 7), "2025-05-07"),
        (dt.datetime(2025, 5, 7, 10, 30), "2025-05-07"),
    ],
)
def test_valid_dates(value: object, date: str) -> None:
    assert parse_date(value) == date


@pytest.mark.parametrize(
    "value",
    [
        "2025-13",
        "2025-00",
        "0000",
        "hier",
        "2025-02-30",
        "2025-02-29",
        "999",
        "0999",
        "3000",
        "2025-5",
        "2025-05-7",
        "25-05-07",
        "2025/05/07",
        "2025-05-07T",
        "",
        None,
        True,
        2025.0,
        ["2025"],
        dt.date(900, 1, 1),
        "２０２５",
    ],
)
def test_invalid_dates_give_no_date(value: object) -> None:
    assert parse_date(value) == ""
