"""What the search layer hands to its callers: plain records, no markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui_reader.corpus import Skipped
from tui_reader.entities import Mention


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an index update is: `phase` is "scan", "read", "commit" (writing) or "committed"
    (searchable up to `done`). `done` and `total` count files; `articles` counts the articles
    read so far, and `size_done` of `size_total` bytes measures the reading, also inside one
    large file (a JSON Lines export of a whole archive). A rebuild says why in `rebuilding`."""

    phase: str
    done: int
    total: int
    articles: int = 0
    size_done: int = 0
    size_total: int = 0
    rebuilding: str = ""  # why the whole index is built again ("new entity rules"), if it is


ProgressCallback = Callable[[Progress], None]


@dataclass(slots=True)
class UpdateSummary:
    """What one `update()` did."""

    added: int = 0  # files new to the index
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    articles: int = 0  # articles written in this run
    total_articles: int = 0  # articles in the index afterwards
    # every file/line not indexed, and every warning (an indexed file with something ignored)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    bytes_read: int = 0
    rebuilt: bool = False
    recovered: str = ""  # non-empty when an interrupted earlier run was recovered: what was done
    upgraded: str = ""  # non-empty when an earlier release built the index: why it was rebuilt

    @property
    def docs_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def not_indexed(self) -> list[Skipped]:
        """The files and lines skipped, without the warnings."""
        return [s for s in self.skipped if not s.warning]

    @property
    def skipped_count(self) -> int:
        """The files and lines skipped (a record may stand for many lines of one file)."""
        return sum(s.count for s in self.not_indexed)

    @property
    def warnings(self) -> list[Skipped]:
        return [s for s in self.skipped if s.warning]

    @property
    def nothing_to_do(self) -> bool:
        return not (self.added or self.changed or self.deleted or self.rebuilt)


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One article in a result list: what a list row shows."""

    id: str
    date: str
    title: str
    lang: str
    path: str
    score: float
    entities: tuple[str, ...]  # entity ids, most mentioned first (for badges)


@dataclass(frozen=True, slots=True)
class Snippet:
    """A fragment of an article's text; `matches` are offsets into `text` (never markup)."""

    text: str
    matches: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the index stores it, with its entity mentions."""

    id: str
    path: str
    position: int
    title: str
    text: str
    date: str
    lang: str
    source: str
    url: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity and how many articles (and mentions, when known) name it."""

    id: str
    kind: str
    name_en: str
    name_fr: str
    articles: int
    mentions: int = 0


class SearchResults(Sequence[ResultRow]):
    """The articles matching a query, in order. Rows are read lazily: a result list of 100,000
    articles costs one integer each until a row is shown."""

    def __init__(
        self,
        query: str,
        docnums: Sequence[int],
        scores: Sequence[float] | None,
        load_row: Callable[[int, float], ResultRow],
        *,
        fallback: str = "",
        took_ms: float = 0.0,
        sort: str = "date",
    ) -> None:
        self.query = query
        self.fallback = fallback  # non-empty when the query was malformed: what was searched instead
        self.took_ms = took_ms
        self.sort = sort
        self.total = len(docnums)  # matching articles; may exceed len() for ranked results
        self.reader_version = 0  # the library's reader the rows are read from (`Library.current`)
        self._docnums = docnums
        self._scores = scores
        self._load_row = load_row
        self._cache: dict[int, ResultRow] = {}

    def __len__(self) -> int:
        return len(self._docnums)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._docnums)))]
        if index < 0:
            index += len(self._docnums)
        row = self._cache.get(index)
        if row is None:
            score = self._scores[index] if self._scores is not None else 0.0
            row = self._load_row(self._docnums[index], score)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[index] = row
        return row

    @property
    def docnums(self) -> Sequence[int]:
        return self._docnums

    def position(self, docnum: int) -> int | None:
        """Where the article numbered `docnum` is in this list, or None."""
        try:
            return self._docnums.index(docnum)
        except ValueError:
            return None
