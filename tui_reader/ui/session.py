"""What the screens share: where things live, the open library, marks and history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.config import Config, Locations
from tui_reader.state import MarkStore, SearchHistory, StateUnavailable

if TYPE_CHECKING:
    from tui_reader.search import Library

LibraryFactory = Callable[[Path, Path], "Library"]


def open_library(corpus: Path, index: Path) -> Library:
    """Open the index of `corpus` (imports the search layer: called from a worker thread, so
    the first frame does not wait for Whoosh)."""
    from tui_reader.search import Library

    return Library.open(corpus, index)


@dataclass
class Session:
    locations: Locations
    config: Config
    marks: MarkStore
    history: SearchHistory
    library_factory: LibraryFactory = open_library
    library: Library | None = None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        locations: Locations,
        config: Config,
        library_factory: LibraryFactory = open_library,
    ) -> Session:
        """Open the state store (falling back to memory, with a warning, when it cannot be
        written); the library is opened later, in a worker."""
        warnings: list[str] = []
        try:
            marks = MarkStore.open(locations.state, str(locations.corpus))
            history = SearchHistory.open(locations.state)
        except StateUnavailable as exc:
            warnings.append(str(exc))
            marks, history = MarkStore.in_memory(), SearchHistory.in_memory()
        return cls(locations, config, marks, history, library_factory, warnings=warnings)

    def open_library(self) -> Library:
        """Open the library (blocking: called from a worker thread)."""
        return self.library_factory(self.locations.corpus, self.locations.index)

    def empty_library(self) -> Library:
        """The library of the corpus and index, not opened: for an index that cannot be opened
        until it is rebuilt."""
        from tui_reader.search import Library

        return Library(self.locations.corpus, self.locations.index)

    def close(self) -> None:
        self.marks.close()
        self.history.close()
        if self.library is not None:
            from tui_reader.search import SearchError

            try:
                self.library.close()
            except (SearchError, OSError):
                pass  # the process is leaving; the index is consistent without this close
