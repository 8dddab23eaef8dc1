"""Typed errors of the corpus layer."""

from __future__ import annotations


class CorpusError(Exception):
    """Base class of the corpus layer's errors."""


class Unreadable(CorpusError):
    """A file, or one record in it, that cannot be read as articles.

    `str(error)` is the reason reported in `Skipped.reason`; `line` locates it inside the file
    when that is known (1-based); `passing` as in `Skipped`.
    """

    def __init__(self, reason: str, line: int | None = None, passing: bool = False) -> None:
        super().__init__(reason)
        self.line = line
        self.passing = passing
