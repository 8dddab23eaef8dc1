"""`SearchBar`: the query input (debounced, with history) and the removable filter chips."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from tui_reader.corpus.normalize import without_controls
from tui_reader.ui.safe_text import plain
from tui_reader.ui.widgets.ordered_input import OrderedInput
from tui_reader.ui.widgets.scrolling import set_virtual_size

# A key typed after a pause searches at once; keys that follow it closer than this are
# gathered into one search that runs when the typing pauses this long.
DEBOUNCE_SECONDS = 0.12


class QueryInput(OrderedInput):
    """The query line: up/down walk the history, backspace on an empty line removes the last
    filter (escape, the screen's "back", leaves the line and keeps the query)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(1)", "Older query", show=False, id="search.history-back"),
        Binding("down", "history(-1)", "Newer query", show=False, id="search.history-forward"),
        # Priority: keys typed in a burst right after enter must reach the list, not the line
        # (the screen moves the focus at once and has the line submit once it has their keys).
        Binding(
            "enter",
            "screen.leave_search(True)",
            "Run the search and go to the list",
            show=False,
            priority=True,
            id="search.submit",
        ),
    ]

    class HistoryMoved(Message):
        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class RemoveLastFilter(Message):
        pass

    class SelectAll(Message):
        """Posted to the line itself by `/`: its query is selected once it has handled the keys
        typed before (its last visit's, still queued when `/` came), so that what is typed next
        replaces the whole query."""

    class Leave(Message):
        """Posted to the line itself when enter (`submit`) or escape leaves it: handled after the
        keys typed before it, so the query it submits holds them all."""

        def __init__(self, submit: bool) -> None:
            super().__init__()
            self.submit = submit
            self.value = ""  # the line's query when the line handled it (see `_on_query_input_leave`)

    def _on_query_input_select_all(self, event: SelectAll) -> None:
        event.stop()
        self.select_all()

    def _on_query_input_leave(self, event: Leave) -> None:
        # the query as it was left: the keys typed after a `/` that came next (one burst) may
        # be in the line by the time the bar handles this
        event.value = self.value

    def _watch_value(self, value: str) -> None:
        # The line has a fixed size: a longer text scrolls it, the screen needs no new layout.
        set_virtual_size(self, Size(self.content_width, 1))
        super()._watch_value(value)

    def _on_paste(self, event: events.Paste) -> None:
        # A query is one line: the lines of a pasted text are joined by spaces, where the
        # line's own paste would keep only the first ("Qatar\nsécurité" searches both words).
        # Escape sequences and controls in it are not text: they go, whichever driver sent it.
        lines = without_controls(event.text).splitlines()
        text = " ".join(part for part in lines if part.strip())
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.prevent_default()  # Input's own paste would insert the first line again
        event.stop()

    def action_history(self, delta: int) -> None:
        self.post_message(self.HistoryMoved(delta))

    def action_delete_left(self) -> None:
        if not self.value and self.selection.is_empty:
            self.post_message(self.RemoveLastFilter())
            return
        super().action_delete_left()


class FilterChip(Static):
    """One active filter; a click removes it."""

    class Removed(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, key: str, label: str) -> None:
        text = Text("✕ ", end="") + plain(label)
        super().__init__(text, markup=False, classes="chip")
        self.key = key
        self.tooltip = "Click (or x) to remove this filter"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Removed(self.key))


class SearchBar(Horizontal):
    """Query input and filter chips. Posts `QueryChanged` (debounced) and `Submitted`."""

    class QueryChanged(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Left(Message):
        """Escape left the line: the query stays, ranked as enter ranks it."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class FilterRemoved(Message):
        """Remove the filter `key` ("" for the last one)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.history: list[str] = []
        self._history_index = -1
        self._draft = ""
        self._timer: Timer | None = None
        self._last_change = -DEBOUNCE_SECONDS
        self._recalling = False

    def compose(self) -> ComposeResult:
        yield Static(Text("/", end=""), id="search-prompt", markup=False)
        yield Horizontal(id="chips")
        yield QueryInput(
            placeholder='search: words, "phrase", country:Maroc, date:2025…',
            id="query",
            select_on_focus=False,
        )

    @property
    def input(self) -> QueryInput:
        return self.query_one(QueryInput)

    @property
    def value(self) -> str:
        return self.input.value

    def set_value(self, value: str, *, emit: bool = True) -> None:
        """Replace the query; with `emit`, the search runs as if typed."""
        if value == self.input.value:
            if emit:
                self.flush()
            return
        self._recalling = not emit
        self.input.value = value
        self.input.cursor_position = len(value)

    def set_filters(self, filters: Sequence[tuple[str, str]]) -> None:
        """Show one chip per (key, label)."""
        chips = self.query_one("#chips", Horizontal)
        chips.remove_children()
        chips.mount_all(FilterChip(key, label) for key, label in filters)
        chips.display = bool(filters)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.input.value:
            # a key's change, handled once the line holds the keys typed after it (a burst),
            # or after enter submitted them all: the change of the last key searches
            return
        if self._recalling:
            self._recalling = False
            return
        if self._history_index == -1:
            self._draft = event.value
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = event.value
        now = time.monotonic()
        in_burst = now - self._last_change < DEBOUNCE_SECONDS
        self._last_change = now
        if not in_burst:
            self.post_message(self.QueryChanged(query))
            return
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.post_message(self.QueryChanged(query)))

    def flush(self) -> None:
        """Run the pending debounced search now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.post_message(self.QueryChanged(self.value))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    def _submit(self, value: str) -> None:
        self._history_index = -1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self.post_message(self.QueryChanged(value))
        self.post_message(self.Submitted(value))

    @on(QueryInput.Leave)
    def _leave(self, event: QueryInput.Leave) -> None:
        event.stop()
        if event.submit:
            self._submit(event.value)
        else:
            self.post_message(self.Left(event.value))

    @on(QueryInput.HistoryMoved)
    def _history(self, event: QueryInput.HistoryMoved) -> None:
        event.stop()
        if not self.history:
            return
        last = len(self.history) - 1
        index = max(-1, min(last, self._history_index + event.delta))
        # the line opens with the current query, most often the newest entry: a step that would
        # show the same text again goes one further ("Qatar" typed, up shows the query before)
        step = 1 if event.delta > 0 else -1
        while 0 <= index and 0 <= index + step <= last and self.history[index] == self.input.value:
            index += step
        if index == self._history_index:
            return
        self._history_index = index
        value = self._draft if index == -1 else self.history[index]
        self.input.value = value
        self.input.cursor_position = len(value)

    @on(QueryInput.RemoveLastFilter)
    def _remove_last(self, event: QueryInput.RemoveLastFilter) -> None:
        event.stop()
        self.post_message(self.FilterRemoved(""))

    @on(FilterChip.Removed)
    def _chip_removed(self, event: FilterChip.Removed) -> None:
        event.stop()
        self.post_message(self.FilterRemoved(event.key))
