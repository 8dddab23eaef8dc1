"""`ArticleList`: a virtual list of result rows; only the rows on screen are read and drawn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.ui.entity_names import entity_badge
from tui_reader.ui.safe_text import clean
from tui_reader.ui.widgets.scrolling import set_virtual_size
from tui_reader.ui.widgets.strips import text_strip
from tui_reader.ui.wrap import take_cells

if TYPE_CHECKING:
    from tui_reader.search import ResultRow


class MarkLookup(Protocol):
    def is_read(self, article_id: str) -> bool: ...
    def is_bookmarked(self, article_id: str) -> bool: ...


class _NoMarks:
    def is_read(self, article_id: str) -> bool:
        return False

    def is_bookmarked(self, article_id: str) -> bool:
        return False


class ArticleList(ScrollView, can_focus=True):
    """One line per article: unread dot, bookmark star, date, language, title, entity badges."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Previous", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="list.page-up"),
        # Priority: the search line edits with these keys; in a burst that moves the focus
        # there ("ctrl+u / Maroc"), they must act here at once, not on the line once it has focus.
        Binding("ctrl+d", "half_page_down", "Half page down", show=False, priority=True, id="list.half-down"),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, priority=True, id="list.half-up"),
        Binding("enter", "open", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--unread",
        "article-list--read",
        "article-list--date",
        "article-list--lang",
        "article-list--badge",
        "article-list--marker",
        "article-list--bookmark",
        "article-list--empty",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved onto `row`."""

        def __init__(self, index: int, row: ResultRow) -> None:
            super().__init__()
            self.index = index
            self.row = row

    class Selected(Message):
        """`row` was opened (enter or click)."""

        def __init__(self, index: int, row: ResultRow) -> None:
            super().__init__()
            self.index = index
            self.row = row

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._rows: Sequence[ResultRow] = ()
        self.marks: MarkLookup = _NoMarks()
        self._empty_message = Text("")
        self._line_cache: dict[tuple[int, int, bool, bool, bool], Strip] = {}
        self._styles: dict[str, Style] = {}

    # -- data -----------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[ResultRow]:
        return self._rows

    @property
    def current_row(self) -> ResultRow | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[ResultRow], cursor: int = 0) -> None:
        """Show `rows` (read lazily) with the cursor on `cursor`."""
        self._rows = rows
        self._line_cache.clear()
        set_virtual_size(self, Size(self.size.width, len(rows)))
        cursor = max(0, min(cursor, len(rows) - 1))
        if cursor == 0:
            self.scroll_to(y=0, animate=False, force=True, immediate=True)
        self.set_reactive(ArticleList.cursor, cursor)
        self._scroll_cursor_visible()
        self.refresh()
        if rows:
            self.post_message(self.Highlighted(cursor, rows[cursor]))

    def set_empty_message(self, message: Text) -> None:
        """What to show when there are no rows."""
        self._empty_message = message
        if not self._rows:
            self.refresh()

    def refresh_marks(self) -> None:
        """Redraw after read marks or bookmarks changed."""
        self._line_cache.clear()
        self.refresh()

    # -- cursor ---------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_cursor_visible()
        if self._rows:
            self.post_message(self.Highlighted(new, self._rows[new]))

    def _scroll_cursor_visible(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_page_down(self) -> None:
        self.cursor += self._page

    def action_page_up(self) -> None:
        self.cursor -= self._page

    def action_half_page_down(self) -> None:
        self.cursor += max(1, self._page // 2)

    def action_half_page_up(self) -> None:
        self.cursor -= max(1, self._page // 2)

    def action_open(self) -> None:
        row = self.current_row
        if row is None:
            # enter is listed in the footer: an empty list says why nothing opened
            self.notify("No article to open.", timeout=1.5)
            return
        self.post_message(self.Selected(self.cursor, row))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self._rows):
            self.cursor = index
            self.post_message(self.Selected(index, self._rows[index]))

    def on_focus(self) -> None:
        self._line_cache.clear()
        self._styles.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._line_cache.clear()
        self._styles.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._line_cache.clear()
        self.virtual_size = Size(event.size.width, len(self._rows))
        self._scroll_cursor_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_cache.clear()
        self._styles.clear()

    def _style(self, component: str) -> Style:
        """The style of a component class ("" for the widget itself), cached between style
        updates: computing it walks the DOM, and every row needs several."""
        style = self._styles.get(component)
        if style is None:
            style = self.get_component_rich_style(component) if component else self.rich_style
            self._styles[component] = style
        return style

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        base = self._style("")
        if not self._rows:
            lines = self._empty_lines(width)
            if 1 <= y <= len(lines):
                return text_strip(lines[y - 1], self.app.console).apply_style(base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        is_cursor = index == self.cursor
        read = self.marks.is_read(row.id)
        key = (index, width, is_cursor, read, self.marks.is_bookmarked(row.id))
        strip = self._line_cache.get(key)
        if strip is None:
            if len(self._line_cache) > 1024:
                self._line_cache.clear()
            strip = self._render_row(row, width, is_cursor, read)
            self._line_cache[key] = strip
        return strip

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty message wrapped to the list's width, one space in from each side."""
        message = self._empty_message.copy()
        message.end = ""
        message.stylize_before(self._style("article-list--empty"))
        lines: list[Text] = []
        for line in message.wrap(self.app.console, max(1, width - 2), overflow="ellipsis"):
            line = Text(" ", end="") + line
            line.truncate(width, overflow="ellipsis", pad=True)
            lines.append(line)
        return lines

    def _render_row(self, row: ResultRow, width: int, is_cursor: bool, read: bool) -> Strip:
        # Built from segments directly: a screenful of rows is drawn on every keystroke.
        style = self._style
        base = style("")
        cursor = Style()
        if is_cursor:
            cursor = style("article-list--cursor" if self.has_focus else "article-list--cursor-blurred")
            if not self.has_focus and self.app.console.color_system in _FEW_COLOURS:
                # the faint background has no colour of its own among 16: the row is underlined
                cursor += _UNDERLINED
        # the day tells apart the articles of a month (a list of 50 cells: a terminal of 130
        # columns); below, the title and its badges need the room
        date_width = 10 if width >= 50 else 7
        # Two-letter codes leave a space before the title; an unknown language shows as blank.
        lang = "" if row.lang == "und" else clean(row.lang, single_line=True).text[:2]
        title_text = clean(row.title, single_line=True).text
        used = 1 + 1 + 1 + date_width + 1 + 3
        badges = _badges(row.entities, width - used, cell_len(title_text))
        head = [
            ("●" if not read else " ", style("article-list--marker")),
            ("★" if self.marks.is_bookmarked(row.id) else " ", style("article-list--bookmark")),
            (" ", base),
            (row.date[:date_width].ljust(date_width), style("article-list--date")),
            (" ", base),
            (lang.ljust(3), style("article-list--lang")),
        ]
        tail = [(" ", base), (badges, style("article-list--badge"))] if badges else []
        tail_width = (1 + cell_len(badges)) if badges else 0
        title_width = max(0, width - used - tail_width)
        title = _fit(title_text, title_width)
        title_style = style("article-list--read" if read else "article-list--unread")
        parts = [*head, (title, title_style), *tail]
        segments = [Segment(text, base + part_style + cursor) for text, part_style in parts if text]
        return Strip(segments).crop_extend(0, width, base + cursor)


# Colour systems whose nearest colour to a faint background is the background itself.
_FEW_COLOURS = frozenset(("standard", "windows"))
_UNDERLINED = Style(underline=True)


# A title keeps at least this many cells; a narrower row shows no badge.
MIN_TITLE = 20


def badge_budget(free: int, title_cells: int) -> int:
    """How many cells of a row's `free` cells (those after the date and language) go to entity
    badges, for a title of `title_cells`: whatever a short title leaves, and otherwise a quarter
    of the row (the title is cut a little), never leaving the title under `MIN_TITLE`."""
    if free < MIN_TITLE + 3:
        return 0
    reserved = min(free // 4, free - MIN_TITLE - 1)
    return max(reserved, free - title_cells - 1)


def _badges(entities: Sequence[str], free: int, title_cells: int) -> str:
    """The badges of `entities` (most named first) that fit the row's budget; one that does not
    fit is skipped, so a long name does not hide the short codes after it."""
    budget = badge_budget(free, title_cells)
    out: list[str] = []
    used = 0
    for entity_id in entities:
        if budget - used < 2:
            break
        badge = entity_badge(entity_id)
        if not badge or badge in out:
            continue
        cells = cell_len(badge) + (1 if out else 0)
        if used + cells > budget:
            continue
        used += cells
        out.append(badge)
    return " ".join(out)


def _fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    cut = take_cells(text, width - 1)
    return cut + "…" + " " * (width - 1 - cell_len(cut))
