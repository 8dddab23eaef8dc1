"""The search a list shows: a query, entity filters, a marks view and a sort (no terminal)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_reader.search import Library, ResultRow, SearchResults

VIEWS = ("all", "unread", "bookmarked")
VIEW_LABELS = {"all": "all articles", "unread": "unread only", "bookmarked": "bookmarked only"}
PREFETCH_ROWS = 50  # rows read in the worker so the first screenful draws without the index


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str = ""
    entities: tuple[str, ...] = ()
    view: str = "all"
    sort: str = "auto"
    read_ids: frozenset[str] = field(default_factory=frozenset)
    bookmarked_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class SearchOutcome:
    results: SearchResults
    rows: Sequence[ResultRow]


_LAST_WORD = re.compile(r"(?:^|(?<=[\s(]))([^\W_]+)$")
_OPERATORS = {"AND", "OR", "NOT", "TO"}
PREFIX_MIN = 3


def as_you_type(query: str) -> str:
    """`query` with its last word also matched as a prefix, so the list narrows while the word is
    being typed: `qat` searches `(qat OR qat*)` (the word itself keeps its cross-language entity
    matches). A trailing space, quotes, a field filter or a short word leave the query as it is."""
    if query.count('"') % 2:
        return query
    match = _LAST_WORD.search(query)
    if match is None:
        return query
    word = match.group(1)
    if len(word) < PREFIX_MIN or word in _OPERATORS:
        return query
    return f"{query[: match.start(1)]}({word} OR {word}*)"


def run_search(
    library: Library, request: SearchRequest, cancelled: Callable[[], bool]
) -> SearchOutcome | None:
    """Search, apply the marks view and read the first rows; None when `cancelled()` turned
    true on the way (a newer keystroke made this search stale)."""
    query = as_you_type(request.query)
    only = request.bookmarked_ids if request.view == "bookmarked" else None
    unread = request.view == "unread"
    results = library.search(
        query,
        sort=request.sort,
        entities=list(request.entities),
        only_ids=only,
        except_ids=request.read_ids if unread else (),
    )
    rows: Sequence[ResultRow] = results
    for i in range(min(PREFETCH_ROWS, len(rows))):
        rows[i]
    if cancelled():
        return None
    return SearchOutcome(results, rows)
