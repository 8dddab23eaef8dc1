"""Counts in words, and values cut to a length, for every message the user reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_reader.search.results import Progress


def counted(count: int, noun: str) -> str:
    """ "1 article", "1,564 articles"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def progress_text(p: Progress) -> str:
    """Where an index update is, in a few words: "scanning files", "indexing 3/10 files, 1,250
    articles", "saving 3/10 files, 1,250 articles"; a rebuild says why first ("rebuilding (new entity
    rules): indexing ...")."""
    why = f"rebuilding ({p.rebuilding}): " if p.rebuilding else ""
    if p.phase == "scan":
        return f"{why}scanning files"
    verb = {"read": "indexing", "commit": "saving", "committed": "saved"}.get(p.phase, p.phase)
    if p.total == 1:  # one file, perhaps a large archive: its articles say how far
        return f"{why}{verb} {counted(p.articles, 'article')}"
    return f"{why}{verb} {p.done:,}/{counted(p.total, 'file')}, {counted(p.articles, 'article')}"


def shortened(text: str, limit: int = 120) -> str:
    """`text` whole when it has at most `limit` characters, else its start and its end around
    "…": a path or an id of thousands of characters in a message would bury the sentence."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head) :]}"
