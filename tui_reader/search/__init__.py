"""The Whoosh index of a corpus: schema, analyzers, build and update, queries, snippets, facets."""

from tui_reader.search.errors import (
    CorpusUnavailable,
    IndexBusy,
    IndexDamaged,
    IndexHoldsCorpus,
    IndexOfAnotherCorpus,
    IndexStopped,
    IndexUnavailable,
    ResultsOutdated,
    SearchError,
    UpdateCancelled,
)
from tui_reader.search.library import Library
from tui_reader.search.results import (
    EntityCount,
    Progress,
    ProgressCallback,
    ResultRow,
    SearchResults,
    Snippet,
    StoredArticle,
    UpdateSummary,
)

__all__ = [
    "CorpusUnavailable",
    "EntityCount",
    "IndexBusy",
    "IndexDamaged",
    "IndexHoldsCorpus",
    "IndexOfAnotherCorpus",
    "IndexStopped",
    "IndexUnavailable",
    "Library",
    "Progress",
    "ProgressCallback",
    "ResultRow",
    "ResultsOutdated",
    "SearchError",
    "SearchResults",
    "Snippet",
    "StoredArticle",
    "UpdateCancelled",
    "UpdateSummary",
]
