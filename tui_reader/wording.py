"""Counts in words, for every message the user reads."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """ "1 article", "1,564 articles"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
