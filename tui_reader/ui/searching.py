"""The search a list shows: a query, entity filters, a marks view and a sort, and the steps back
through earlier searches (no terminal)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui_reader.search.entered import (
    FIELD_BEFORE_QUOTE,
    NEGATION_END,
    as_you_type,
    prefix_word,
    search_entered,
    short_last_word,
)

if TYPE_CHECKING:
    from tui_reader.search import Library, ResultRow, SearchResults

VIEWS = ("all", "unread", "bookmarked")
VIEW_LABELS = {"all": "all articles", "unread": "unread only", "bookmarked": "bookmarked only"}
PREFETCH_ROWS = 50  # rows read in the worker so the first screenful draws without the index
# `o` cycles the sorts: "auto" ranks by relevance when the query has words, else newest first.
SORTS = ("auto", "date", "oldest")
SORT_LABELS = {"auto": "relevance", "date": "newest first", "oldest": "oldest first"}
BACK_LIMIT = 100


def next_sort(sort: str, has_query: bool) -> str:
    """The sort after `sort` for `o`: relevance, newest first, oldest first, and round again.
    With no query "auto" already lists newest first, so newest first is skipped."""
    order = SORTS if has_query else ("auto", "oldest")
    current = "auto" if sort not in order else sort
    return order[(order.index(current) + 1) % len(order)]


@dataclass(frozen=True, slots=True)
class EntityFilter:
    entity_id: str
    label: str


@dataclass(frozen=True, slots=True)
class SearchState:
    """What a list shows, as far as the user chose it: the query, the entity filters, the view."""

    query: str = ""
    filters: tuple[EntityFilter, ...] = ()
    view: str = "all"

    @property
    def is_everything(self) -> bool:
        return not self.query.strip() and not self.filters and self.view == "all"

    def peeled(self) -> SearchState | None:
        """This state with one layer fewer: the last filter, else the query, else the view."""
        if self.filters:
            return SearchState(self.query, self.filters[:-1], self.view)
        if self.query:
            return SearchState("", (), self.view)
        if self.view != "all":
            return SearchState()
        return None


class BackStack:
    """The searches to go back to, most recent last: each step forward (a query entered, an
    entity chosen, a view) keeps the state it left. Steps that came back to a state kept
    before were a detour (`v` round the views to the one it left): they go with it."""

    def __init__(self, limit: int = BACK_LIMIT) -> None:
        self._states: list[SearchState] = []
        self._limit = limit

    def __len__(self) -> int:
        return len(self._states)

    def push(self, state: SearchState) -> None:
        if state in self._states:
            index = len(self._states) - 1 - self._states[::-1].index(state)
            del self._states[index + 1 :]
            return
        self._states.append(state)
        del self._states[: -self._limit]

    def back(self, current: SearchState) -> SearchState | None:
        """The state one step back from `current` (None: nothing left to go back to, and
        `current` shows everything). A state like `current` is no step: it is skipped; with
        the stack used up, one layer of `current` goes (see `SearchState.peeled`)."""
        while self._states:
            state = self._states.pop()
            if state != current:
                return state
        return current.peeled()


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str = ""
    live: bool = False  # being typed: its last word is also a prefix (see `as_you_type`)
    entities: tuple[str, ...] = ()
    view: str = "all"
    sort: str = "auto"
    read_ids: frozenset[str] = field(default_factory=frozenset)
    bookmarked_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class SearchOutcome:
    results: SearchResults
    rows: Sequence[ResultRow]
    fallback: str = ""  # the note on a malformed query, about the query as the user typed it
    kept_at: int | None = None  # the row of the article to keep, when asked for and listed
    # what was searched, and the text that `Library.search` read as typed: the reader highlights
    # what the list found
    searched: tuple[str, str] = ("", "")


class OldestFirst(Sequence["ResultRow"]):
    """Rows listed newest first (undated last), read oldest first with the undated still last."""

    def __init__(self, rows: Sequence[ResultRow]) -> None:
        self._rows = rows
        # The undated rows are the last ones: find where they start (a few rows read).
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            if rows[middle].date:
                low = middle + 1
            else:
                high = middle
        self._dated = low

    def __len__(self) -> int:
        return len(self._rows)

    def from_newest(self, index: int) -> int:
        """Where the row at `index` of the newest-first list is in this one (and back)."""
        return self._dated - 1 - index if index < self._dated else index

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index < self._dated:
            return self._rows[self._dated - 1 - index]
        return self._rows[index]


_LAST_FILTER = re.compile(r"(?:^|(?<=[\s(-]))[^\W\d_]+:(?:\[[^\]]*|[^\s\[\]]*)$")


def _filter_being_typed(query: str) -> str | None:
    """The filter `query` ends with, its value perhaps half typed (`country:Mar`, `date:2025-0`)."""
    match = _LAST_FILTER.search(query)
    return match.group(0) if match else None


def without_last_filter(query: str) -> str | None:
    """`query` without the last filter written in it (`country:Maroc`, `date:[2012 TO 2014]`,
    `org:"Nations unies"`), its negation (`-`, `NOT`) and an operator it leaves with nothing on
    one side; None when it has none. Phrases are left as they are, filters inside them too."""
    from tui_reader.search.query import FILTER_NAMES

    tokens = _QUERY_TOKEN.findall(query)
    filter_core = re.compile(rf"-?(?i:{'|'.join(FILTER_NAMES)}):\S.*", re.DOTALL)
    for k in range(len(tokens) - 1, -1, -1):
        token = tokens[k]
        core = token.lstrip("(").rstrip(")")
        if not filter_core.fullmatch(core):
            continue
        opening, closing = token[: len(token) - len(token.lstrip("("))], token[len(token.rstrip(")")) :]
        pair = min(len(opening), len(closing))  # "(country:MA)": brackets around it alone go too
        opening, closing = opening[pair:], closing[pair:]
        kept = tokens[:k]
        rest = tokens[k + 1 :]
        if kept and kept[-1] == "NOT":
            kept.pop()
        if kept and kept[-1] in ("AND", "OR") and (not rest or rest[0].startswith(")") or closing):
            kept.pop()  # "a OR country:DZ", "(a OR country:DZ)"
        elif rest and rest[0] in ("AND", "OR") and (not kept or kept[-1].endswith("(") or opening):
            rest.pop(0)  # "country:MA OR a"
        words = [*kept, *([opening] if opening else []), *([closing] if closing else []), *rest]
        return _joined(words)
    return None


def _joined(tokens: list[str]) -> str:
    """`tokens` joined by spaces, a lone bracket kept against its neighbour: "(a", "b)"."""
    out: list[str] = []
    for token in tokens:
        if out and (token.startswith(")") and token.strip(")") == "" or out[-1].strip("(") == ""):
            out[-1] += token
        else:
            out.append(token)
    return " ".join(out)


# A token of a query: a phrase (spaces inside kept), a filter's quoted or bracketed value with
# its name, or a run of other characters.
_QUERY_TOKEN = re.compile(r'[^\s"\[]*(?:"[^"]*"?|\[[^\]]*\]?)[^\s"]*|[^\s"]+|"')


@dataclass(frozen=True, slots=True)
class LiveQuery:
    """What a query being typed searches: its complete part (`plain`), the same with its last
    word also a prefix (`query`), a note on what it leaves out, and what to search when `query`
    finds nothing (`wider`: an open quote without its half-typed last word), if anything."""

    plain: str
    query: str
    note: str = ""
    wider: str | None = None
    wider_note: str = ""  # the note when `wider` is searched


def live_query(library: Library, typed: str) -> LiveQuery:
    """The query to search while `typed` is being typed. What is half typed is left out, so
    the list depends on the line alone, however fast it was typed or pasted: a trailing filter
    whose value names nothing yet ("country:Mar" on the way to "country:Maroc", `org:"Nations`,
    "date:2025-0"), said in the note; an open quote is searched as the phrase of its complete
    words followed by its last word as a prefix (`"premier min` searches `"premier min*"`), and
    as the phrase of its complete words when that finds nothing, or when the quote is negated
    (`NOT "premier min` searches `NOT "premier"`)."""
    text = typed
    if text.count('"') % 2:
        opened = text.rindex('"')
        field = FIELD_BEFORE_QUOTE.search(text[: opened + 1])
        if field is not None:
            # a filter's value typed in quotes: closed, it is the filter being typed
            return _without_unnamed_filter(library, text, text[field.start() :], closing='"')
        return _open_quote(library, text, opened)
    return _without_unnamed_filter(library, text, _filter_being_typed(text))


def _without_unnamed_filter(
    library: Library, text: str, typed_filter: str | None, closing: str = ""
) -> LiveQuery:
    """`text` searched while it is typed, without `typed_filter` (the filter it ends with,
    completed by `closing`) when that names nothing yet."""
    if typed_filter is not None:
        parsed = library.parse(typed_filter + closing)
        if parsed.matches_nothing or parsed.nothing_left:
            # the words before it are complete: none is read as a prefix
            rest = NEGATION_END.sub("", text[: len(text) - len(typed_filter)]).rstrip()
            note = f"Listing without {typed_filter!r} while it is typed."
            return _searchable(library, LiveQuery(rest, rest, note))
        if closing:
            return LiveQuery(text + closing, text + closing)
    short = short_last_word(text)
    if short is not None:
        # one or two letters of a word after others ("Maroc co"): as a word they find little or
        # nothing, as a prefix too much to expand; the list without them until the word grows
        rest = text[: len(text) - len(short)].rstrip()
        note = f"Listing without {short!r} while it is typed."
        return _searchable(library, LiveQuery(text, text, wider=rest, wider_note=note))
    return _searchable(library, LiveQuery(text, as_you_type(text)))


def _open_quote(library: Library, text: str, opened: int) -> LiveQuery:
    """`text`, whose quote at `opened` is not closed, searched while it is typed."""
    before, inside = text[:opened], text[opened + 1 :]
    words = inside.split()
    complete = words if inside[-1:].isspace() else words[:-1]
    phrase = f'{before}"{" ".join(complete)}"' if complete else NEGATION_END.sub("", before).rstrip()
    if NEGATION_END.search(before) is not None or not words:
        # a negated phrase excludes only what it holds once complete
        return _searchable(library, LiveQuery(phrase, phrase))
    if not complete or len(words) == len(complete):
        # one word typed, or the phrase's words all complete: no phrase to cut
        plain = before + words[0] if not complete else phrase
        return _searchable(library, LiveQuery(plain, as_you_type(plain)))
    # the phrase with its last word as a prefix, in order (`"premier min*"`); a last word too
    # short to expand, the phrase as typed, and without that word when that finds nothing
    last = words[-1]
    typed_phrase = f'{before}"{" ".join(words)}"'
    if prefix_word(last) == last:
        prefixed = f'{before}"{" ".join(words)}*"'
        return _searchable(library, LiveQuery(typed_phrase, prefixed, wider=phrase))
    note = f"Listing without {last!r} while it is typed."
    return _searchable(library, LiveQuery(typed_phrase, typed_phrase, wider=phrase, wider_note=note))


def _searchable(library: Library, live: LiveQuery) -> LiveQuery:
    """`live`, or everything when what it searches holds nothing to search yet ("(", "NOT")."""
    if live.plain.strip() and library.parse(live.plain).nothing_left:
        return LiveQuery("", "", live.note or library.parse(live.plain).fallback)
    return live


def run_search(
    library: Library, request: SearchRequest, cancelled: Callable[[], bool], keep: str | None = None
) -> SearchOutcome | None:
    """Search, apply the marks view and read the first rows, and find the row of the article
    `keep` wherever it is in the list; None when `cancelled()` turned true on the way (a newer
    keystroke made this search stale)."""
    only = request.bookmarked_ids if request.view == "bookmarked" else None
    unread = request.view == "unread"

    def search(query: str, typed: str) -> SearchResults:
        return library.search(
            query,
            sort="date" if request.sort == "oldest" else request.sort,
            entities=list(request.entities),
            only_ids=only,
            except_ids=request.read_ids if unread else (),
            typed=typed,
        )

    if request.live:
        live = live_query(library, request.query)
        searched = (live.query, live.plain)
        results = search(*searched)
        widened = False
        if live.wider is not None and not results.total and not cancelled():
            searched = (live.wider, live.wider)
            results = search(*searched)
            widened = True
        # the note is about what the user typed, not about its last word's prefix search
        note = live.wider_note if widened and live.wider_note else live.note
        fallback = " ".join(n for n in (note, library.parse(live.plain).fallback if live.plain else "") if n)
    else:
        entered = search_entered(library, request.query, search, cancelled)
        results, searched, fallback = entered.results, entered.searched, entered.note
    rows: Sequence[ResultRow] = OldestFirst(results) if request.sort == "oldest" else results
    for i in range(min(PREFETCH_ROWS, len(rows))):
        rows[i]
    kept_at = library.position(results, keep) if keep is not None else None
    if kept_at is not None and isinstance(rows, OldestFirst):
        kept_at = rows.from_newest(kept_at)
    if cancelled():
        return None
    return SearchOutcome(results, rows, fallback, kept_at, searched)
