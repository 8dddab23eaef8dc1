"""Messages that worker threads post back to the main screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui_reader.search import (
        EntityCount,
        Library,
        Progress,
        ResultRow,
        SearchResults,
        StoredArticle,
        UpdateSummary,
    )


class LibraryOpened(Message):
    """The index is open (`damage`: it was damaged, and opened empty to be rebuilt)."""

    def __init__(self, library: Library, damage: str = "") -> None:
        super().__init__()
        self.library = library
        self.damage = damage


class LibraryFailed(Message):
    """The index or the corpus cannot be used; `error` is one sentence for the user."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ResultsReady(Message):
    """A search finished. `keep` is the article id to keep the cursor on, if still listed, and
    `kept_at` its row when the search found it."""

    def __init__(
        self,
        seq: int,
        rows: Sequence[ResultRow],
        *,
        total: int,
        fallback: str,
        took_ms: float,
        sort: str,
        keep: str | None,
        results: SearchResults,
        kept_at: int | None = None,
        searched: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__()
        self.seq = seq
        self.rows = rows
        self.total = total
        self.fallback = fallback
        self.took_ms = took_ms
        self.sort = sort
        self.keep = keep
        self.results = results
        self.kept_at = kept_at  # the row of `keep`, found wherever it is in the list
        self.searched = searched  # what was searched, and as typed (see `SearchOutcome`)


class FacetsReady(Message):
    def __init__(self, seq: int, facets: list[EntityCount]) -> None:
        super().__init__()
        self.seq = seq
        self.facets = facets


class ArticleReady(Message):
    """An article was read from the index, with the offsets of the query's matches in its text
    and in its title."""

    def __init__(
        self,
        seq: int,
        article: StoredArticle | None,
        matches: list[tuple[int, int]],
        title_matches: list[tuple[int, int]] | None = None,
    ) -> None:
        super().__init__()
        self.seq = seq
        self.article = article
        self.matches = matches
        self.title_matches = title_matches or []


class IndexProgress(Message):
    """Progress of an index update; a newer one replaces an older one still queued."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class IndexFinished(Message):
    """An index update ended: `summary` when it succeeded, `error` (one sentence) otherwise."""

    def __init__(self, summary: UpdateSummary | None, error: str = "", busy: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.error = error
        self.busy = busy


class IndexChanged(Message):
    """New articles are searchable (a commit of ours during an update, or another process's)."""


class IndexStale(Message):
    """Files changed since the last index update (`seen`: the folders of the corpus changed while
    the app was open; the update then runs quietly)."""

    def __init__(self, seen: bool = False) -> None:
        super().__init__()
        self.seen = seen
