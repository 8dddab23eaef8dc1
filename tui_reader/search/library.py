"""`Library`: one corpus and its index, the single entry point of the search layer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tui_reader.search.results import (
    EntityCount,
    ProgressCallback,
    SearchResults,
    Snippet,
    StoredArticle,
    UpdateSummary,
)


class Library:
    """A corpus directory and its Whoosh index. Thread-safe; every call is synchronous, so the UI
    calls it from worker threads."""

    def __init__(self, corpus_dir: Path, index_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir

    @classmethod
    def open(cls, corpus_dir: Path, index_dir: Path) -> Library:
        """Open the index (cheap; creates nothing). Searching an index never built finds nothing."""
        raise NotImplementedError

    def is_stale(self) -> bool:
        """True when files were added, changed or deleted since the last update (a stat scan)."""
        raise NotImplementedError

    def update(self, progress: ProgressCallback | None = None, rebuild: bool = False) -> UpdateSummary:
        """Bring the index up to date with the corpus (incremental unless `rebuild`)."""
        raise NotImplementedError

    def search(
        self,
        query: str = "",
        *,
        sort: str = "auto",
        entities: Sequence[str] = (),
        limit: int | None = None,
    ) -> SearchResults:
        """Articles matching `query` (empty: all), restricted to articles naming every entity id
        in `entities`. `sort`: "date" (newest first), "relevance", or "auto" (relevance when the
        query has words, else date). Never raises for a malformed query: see `results.fallback`."""
        raise NotImplementedError

    def article(self, article_id: str) -> StoredArticle | None:
        """The stored article with this id."""
        raise NotImplementedError

    def match_offsets(self, query: str, article: StoredArticle) -> list[tuple[int, int]]:
        """Offsets in `article.text` (and only the text) of the words the query matches."""
        raise NotImplementedError

    def snippets(self, query: str, article: StoredArticle, count: int = 3) -> list[Snippet]:
        """Up to `count` fragments of the text around the query's matches."""
        raise NotImplementedError

    def facets(self, results: SearchResults, top: int = 20) -> list[EntityCount]:
        """The entities named by the most articles of `results`, with article counts."""
        raise NotImplementedError

    def refresh(self) -> bool:
        """Pick up commits made by another process; True when the index changed."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
