"""Typed errors of the search layer; the CLI and the UI turn them into one line for the user."""

from __future__ import annotations


class SearchError(Exception):
    """Base class: `str(error)` is one sentence that says what to do."""


class IndexUnavailable(SearchError):
    """The index cannot be opened or written (missing, damaged, read-only, disk full)."""


class IndexStopped(IndexUnavailable):
    """The process that was updating the index ended before it finished; `why`, when known,
    says how ("its process was stopped by SIGKILL")."""

    def __init__(self, why: str = "") -> None:
        said = f" ({why})" if why else ""
        super().__init__(f"Indexing stopped{said}; run `briefread index` to finish it and see why.")
        self.why = why


class IndexDamaged(IndexUnavailable):
    """Files of the index are missing or damaged; `detail` says which. An update rebuilds it."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


class ResultsOutdated(SearchError):
    """The index was refreshed since a result list was found: its rows may name other articles."""

    def __init__(self, message: str = "The index changed since this list was found; search again.") -> None:
        super().__init__(message)


class IndexBusy(SearchError):
    """Another process is updating the index."""


class CorpusUnavailable(SearchError):
    """The corpus directory does not exist or cannot be read."""


class IndexOfAnotherCorpus(SearchError):
    """The index was built for another corpus directory; only a rebuild may replace it."""


class IndexHoldsCorpus(SearchError):
    """The index folder is the corpus folder, or holds it: its files would be read as articles."""


class UpdateCancelled(SearchError):
    """The caller stopped an update before it finished (the reader quit while indexing). The
    index is left as an interrupted update leaves it: the next update completes it."""

    def __init__(
        self, message: str = "The index update was stopped before it finished; the next update completes it."
    ) -> None:
        super().__init__(message)
