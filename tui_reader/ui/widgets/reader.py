"""`ReaderView`: one article, wrapped, with entities and search matches styled by span."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.search.highlight import first_chars
from tui_reader.ui.article_meta import metadata_lines
from tui_reader.ui.safe_text import CleanText, clean, plain, styled
from tui_reader.ui.widgets.strips import text_strip
from tui_reader.ui.wrap import wrap_offsets

if TYPE_CHECKING:
    from tui_reader.search import StoredArticle

MAX_READER_CHARS = 200_000  # longer texts are cut in the reader (export gives the whole text)
NO_MATCHES = "No search matches in this article; press / to search."
TITLE_MATCHES_ONLY = "The search matches only the title of this article."
# a search that matched where the reader cuts a long article
NO_MATCHES_SHOWN = (
    f"No search matches in the first {MAX_READER_CHARS:,} characters that the reader shows; "
    "export the article to read it all."
)
# Lines of text shown below a match that n/N brings into view: one on the last lines comes up to
# a third of the pane.
MATCH_CONTEXT_LINES = 2


class _Place(NamedTuple):
    """Where the reader is in the text, to find again after the lines are wrapped anew."""

    top: int  # the first visible line
    offset: int  # body offset shown on that line, -1 when it is a title or metadata line
    match_shown: bool  # the current match was in view
    at_end: bool = False  # scrolled down to the article's last line


class ReaderView(ScrollView, can_focus=True):
    """The article being read. Lines are wrapped here so a match offset maps to a line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Scroll down", show=False, id="reader.down"),
        Binding("k,up", "line_up", "Scroll up", show=False, id="reader.up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page-down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page-up"),
        # Priority: the search line edits with these keys; in a burst that moves the focus
        # there ("ctrl+u / Maroc"), they must act here at once, not on the line once it has focus.
        Binding(
            "ctrl+d", "half_page_down", "Half page down", show=False, priority=True, id="reader.half-down"
        ),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, priority=True, id="reader.half-up"),
        Binding("n", "next_match", "Next match", id="reader.next-match"),
        Binding("N", "previous_match", "Previous match", id="reader.previous-match"),
        Binding("J", "step(1)", "Next article", show=False, id="reader.next-article"),
        Binding("K", "step(-1)", "Previous article", show=False, id="reader.previous-article"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--rule-line",
        "reader--country",
        "reader--organization",
        "reader--rule",
        "reader--match",
        "reader--match-current",
        "reader--empty",
    }

    DEFAULT_CSS = """
    ReaderView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    class Step(Message):
        """Open the next (`delta` 1) or previous (-1) article of the list."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class MatchStep(Message):
        """Go to the next (`delta` 1) or previous (-1) match: handled by the screen, after the
        keys typed before (`J n` goes to the first match of the next article)."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class MatchMoved(Message):
        """The current match changed (`index` is -1 before the first `n`)."""

        def __init__(self, index: int, total: int, wrapped: bool = False) -> None:
            super().__init__()
            self.index = index
            self.total = total
            self.wrapped = wrapped

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.article: StoredArticle | None = None
        self.matches: list[tuple[int, int]] = []
        self.title_matches: list[tuple[int, int]] = []  # drawn in the title; n/N visit the text's
        self.show_highlights = True
        self.current_match = -1
        self.truncated = False
        self._empty_message = Text("")
        self._clean = CleanText("")
        self._lines: list[Text] = []
        self._line_starts: list[int] = []  # offset in the cleaned body of each line, -1 if none
        self._body = (0, 0)  # the lines [first, end) of the body, whose starts increase
        # The body offset put at the top by the last re-wrap and the line it is on: while the
        # reader stays on that line, the next re-wrap keeps this offset rather than the line's
        # start, so that resizing back and forth does not drift.
        self._anchor: tuple[int, int] | None = None
        self._height = 0  # the height the lines were last shown in (a resize changes `size` first)
        # The size the reader had when it was last scrolled, and its top line then. A resize
        # changes `size` first, and a taller reader has its scroll cut back (to 0 when the whole
        # article fits) before it hears of the resize: the place is the top line shown before.
        self._shown_size = Size(0, 0)
        self._shown_top = 0
        self._layout_width = -1
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    # -- content --------------------------------------------------------------------------

    def show_article(
        self,
        article: StoredArticle | None,
        matches: list[tuple[int, int]],
        title_matches: list[tuple[int, int]] | None = None,
    ) -> None:
        """Show `article` from its top, with search `matches` (offsets into its text) and
        `title_matches` (offsets into its title)."""
        self.article = article
        self.matches = sorted(matches)
        self.title_matches = sorted(title_matches or [])
        self.current_match = -1
        self._relayout(keep_place=False)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.post_message(self.MatchMoved(-1, len(self.matches)))

    def set_matches(
        self, matches: list[tuple[int, int]], title_matches: list[tuple[int, int]] | None = None
    ) -> None:
        """Change the search matches of the article shown (the query or the index changed); the
        current match stays current while the new query still matches there."""
        current = self.matches[self.current_match] if 0 <= self.current_match < len(self.matches) else None
        self.matches = sorted(matches)
        self.title_matches = sorted(title_matches or [])
        self.current_match = bisect_left(self.matches, current) if current is not None else -1
        if not 0 <= self.current_match < len(self.matches) or self.matches[self.current_match] != current:
            self.current_match = -1
        self._relayout()
        self.post_message(self.MatchMoved(self.current_match, len(self.matches)))

    def forget_match(self) -> None:
        """No match is current: the next n or N goes on from what is on screen (the article is
        opened again from the list)."""
        if self.current_match >= 0:
            self.current_match = -1
            self._strips.clear()
            self.refresh()
            self.post_message(self.MatchMoved(-1, len(self.matches)))

    def set_highlights(self, show: bool) -> None:
        self.show_highlights = show
        self._relayout()

    def set_empty_message(self, message: Text) -> None:
        self._empty_message = message
        if self.article is None:
            self._relayout()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_of_offset(self, offset: int) -> int:
        """The line showing character `offset` of the article text."""
        return self._line_of_body_offset(self._clean.offset(offset))

    def _line_of_body_offset(self, offset: int) -> int:
        """The line showing offset `offset` of the cleaned body (0 if there is no body)."""
        first, end = self._body
        if first >= end:
            return 0
        return max(first, bisect_right(self._line_starts, offset, first, end) - 1)

    # -- layout ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._layout_width:
            self._relayout()
        elif self.size != self._shown_size and self.article is not None:
            # as tall as the article or taller, then shorter again: the same line at the top
            self.scroll_to(y=self._shown_top, animate=False, immediate=True)
        self._shown_size = self.size
        self._height = self._page

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.size == self._shown_size:  # not the cut of a resize (see `_shown_size`)
            self._shown_top = round(new_value)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        used = self._styles.copy()
        self._styles.clear()
        if not self.is_mounted:
            return
        # A focus change restyles the panes around the reader: wrap a long article again only
        # when a style the lines were drawn with has changed.
        if used and all(self._style(component) == style for component, style in used.items()):
            return
        self._relayout()

    def _style(self, component: str) -> Style:
        """A component class's style ("" for the widget's own), cached between style updates."""
        style = self._styles.get(component)
        if style is None:
            style = self.get_component_rich_style(component) if component else self.rich_style
            self._styles[component] = style
        return style

    def _relayout(self, *, keep_place: bool = True) -> None:
        """Wrap the article again; with `keep_place`, the text at the top stays at the top."""
        place = self._place() if keep_place else None
        self._shown_size = self.size
        width = self.scrollable_content_region.width
        self._layout_width = width
        self._strips.clear()
        self._body = (0, 0)
        if width <= 0:
            self._lines, self._line_starts = [], []
        elif self.article is None:
            self._lines = [Text(""), Text(" ") + self._empty_message]
            self._line_starts = [-1, -1]
        else:
            self._lines, self._line_starts = self._layout(self.article, width)
        self.virtual_size = Size(width, len(self._lines))
        if place is not None:
            self._restore_place(place)
        else:
            self._anchor = None
        self.refresh()

    def _place(self) -> _Place | None:
        if self.article is None or not self._lines:
            return None
        top = min(self._top_shown(), len(self._lines) - 1)
        first, end = self._body
        if self._anchor is not None and self._anchor[0] == top:
            offset = self._anchor[1]
        elif top < first or first >= end:
            offset = -1
        else:
            offset = self._line_starts[min(top, end - 1)]  # a line after the body: its end
        height = self._height or self._page
        # (not when the whole text fits: the place is then the top line kept from before)
        at_end = 0 < top and top + height >= len(self._lines) > height
        return _Place(top, offset, self._match_line_shown(height, top), at_end)

    def _top_shown(self) -> int:
        """The top line as last shown (a resize under way may have cut the scroll already)."""
        return round(self.scroll_y) if self.size == self._shown_size else self._shown_top

    def _restore_place(self, place: _Place) -> None:
        if place.at_end:
            # read to the end: the end stays in view, however many lines the text now takes
            top = max(0, len(self._lines) - self._page)
            place = place._replace(offset=self._line_starts[top] if top >= self._body[0] else -1)
        elif place.offset < 0:
            top = min(place.top, self._body[0])  # in the title and metadata, at most their end
        else:
            top = self._line_of_body_offset(place.offset)
        self.scroll_to(y=top, animate=False, immediate=True)
        top = round(self.scroll_y)
        self._anchor = (top, place.offset) if place.offset >= 0 else None
        self._height = self._page
        if place.match_shown and not self._match_line_shown(self._page):
            # the current match went out of view: scroll as little as brings it back
            line = self._match_line()
            self.scroll_to(y=line if line < top else line - self._page + 1, animate=False, immediate=True)

    def _match_line(self) -> int:
        """The line of the current match's start (-1 without a current match)."""
        if not 0 <= self.current_match < len(self.matches):
            return -1
        return self.line_of_offset(self.matches[self.current_match][0])

    def _match_line_shown(self, height: int, top: int | None = None) -> bool:
        line = self._match_line()
        top = round(self.scroll_y) if top is None else top
        return line >= 0 and top <= line < top + height

    def _layout(self, article: StoredArticle, width: int) -> tuple[list[Text], list[int]]:
        style = self._style
        lines: list[Text] = []
        starts: list[int] = []

        def add(text: Text, start: int = -1) -> None:
            lines.append(text)
            starts.append(start)

        if self.show_highlights and self.title_matches and article.title:
            match = style("reader--match")
            title = styled(article.title, [(s, e, match) for s, e in self.title_matches], single_line=True)
            title.style = style("reader--title")
        else:
            title = plain(article.title or "(untitled)", style("reader--title"))
        for part in title.divide(wrap_offsets(title.plain, width)):
            part.rstrip_end(width)
            add(part)
        meta_style = style("reader--meta")
        meta = metadata_lines(
            date=article.date,
            lang=article.lang,
            path=article.path,
            source=article.source,
            url=article.url,
            width=width,
        )
        for line in meta:
            add(plain(line, meta_style))
        add(Text("─" * width, style("reader--rule-line")))
        body_first = len(lines)

        text = article.text
        self.truncated = len(text) > MAX_READER_CHARS
        if self.truncated:
            text = text[: first_chars(text, MAX_READER_CHARS)]
        self._clean = clean(text)
        body = Text(self._clean.text, end="")
        if self.show_highlights:
            size = len(body)
            for start, end, span_style in self._spans(article):
                s, e = self._clean.offset(start), self._clean.offset(end)
                if 0 <= s < e <= size:
                    body.stylize(span_style, s, e)
        offset = 0
        for paragraph in body.split("\n", allow_blank=True):
            length = len(paragraph.plain)
            breaks = wrap_offsets(paragraph.plain, width)
            if not breaks:
                add(paragraph, offset)
            else:
                for part, start in zip(paragraph.divide(breaks), [0, *breaks], strict=True):
                    part.rstrip_end(width)
                    part.rstrip()
                    add(part, offset + start)
            offset += length + 1
        self._body = (body_first, len(lines))
        if self.truncated:
            add(Text(""))
            note = Text(
                f"(the reader shows the first {MAX_READER_CHARS:,} characters of "
                f"{len(article.text):,}; export the article to read it all)",
                style("reader--meta"),
            )
            for part in note.divide(wrap_offsets(note.plain, width)):
                part.rstrip()
                add(part)
        return lines, starts

    def _spans(self, article: StoredArticle) -> list[tuple[int, int, Style]]:
        style = self._style
        country, organization, rule = (
            style("reader--country"),
            style("reader--organization"),
            style("reader--rule"),
        )
        spans: list[tuple[int, int, Style]] = []
        for mention in article.mentions:
            if mention.source == "rule":
                spans.append((mention.start, mention.end, rule))
            elif mention.kind == "country":
                spans.append((mention.start, mention.end, country))
            else:
                spans.append((mention.start, mention.end, organization))
        match = style("reader--match")
        spans.extend((start, end, match) for start, end in self.matches)
        return spans

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        base = self._style("")
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            text = self._lines[index]
            current = self._current_span_on_line(index)
            if current is not None:
                text = text.copy()
                text.stylize(self._style("reader--match-current"), *current)
            strip = text_strip(text, self.app.console)
            strip = strip.crop_extend(0, width, base).apply_style(base)
            if len(self._strips) > 512:
                self._strips.clear()
            self._strips[index] = strip
        return strip

    def _current_span_on_line(self, index: int) -> tuple[int, int] | None:
        if not self.show_highlights or not 0 <= self.current_match < len(self.matches):
            return None
        start = self._line_starts[index]
        if start < 0:
            return None
        end = start + len(self._lines[index].plain)
        m_start, m_end = self.matches[self.current_match]
        s, e = self._clean.offset(m_start), self._clean.offset(m_end)
        if e <= start or s >= end:
            return None
        return max(s, start) - start, min(e, end) - start

    # -- actions --------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def action_line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False)

    def action_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self._page - 1, animate=False)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self._page + 1, animate=False)

    def action_half_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self._page // 2, animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self._page // 2, animate=False)

    def action_step(self, delta: int) -> None:
        self.post_message(self.Step(delta))

    def action_next_match(self) -> None:
        self.post_message(self.MatchStep(1))

    def action_previous_match(self) -> None:
        self.post_message(self.MatchStep(-1))

    def move_match(self, delta: int) -> None:
        """The next (`delta` 1) or previous (-1) match from the current one, or from the view."""
        self._move_match(delta)

    def go_to_match(self, delta: int) -> None:
        """The article's first (`delta` 1) or last (-1) match, wherever the reader is."""
        if self.matches:
            self._show_match((0 if delta > 0 else len(self.matches) - 1), False)
        else:
            self._move_match(delta)

    def _move_match(self, delta: int) -> None:
        total = len(self.matches)
        if not total:
            # n/N are listed in the footer: say why nothing moved rather than do nothing
            if self.article is None:
                said = "No article is open."
            else:
                said = TITLE_MATCHES_ONLY if self.title_matches else NO_MATCHES
                if self.truncated and not self.title_matches:
                    said = NO_MATCHES_SHOWN
            self.notify(said, timeout=3)
            self.post_message(self.MatchMoved(-1, 0))
            return
        top = round(self.scroll_y)
        if self.current_match >= 0 and self._match_line_shown(self._page):
            new = self.current_match + delta
        elif self.current_match >= 0 or top > 0:
            # the reader was scrolled away from the current match (or to a place before the first
            # n): as in less, the search goes on from what is on screen, not from where it was
            new = self._match_from_view(delta, top)
        else:
            new = 0 if delta > 0 else total - 1
        self._show_match(new % total, not 0 <= new < total)

    def _match_from_view(self, delta: int, top: int) -> int:
        """n: the first match at or below the top line; N: the last one at or above the bottom
        line (one past either end when there is none: the search wraps)."""
        order = range(len(self.matches))

        def line(index: int) -> int:
            return self.line_of_offset(self.matches[index][0])

        if delta > 0:
            return bisect_left(order, top, key=line)
        return bisect_right(order, top + self._page - 1, key=line) - 1

    def _show_match(self, index: int, wrapped: bool) -> None:
        total = len(self.matches)
        self.current_match = index
        self._strips.clear()
        self.scroll_match_into_view()
        self.refresh()
        self.post_message(self.MatchMoved(self.current_match, total, wrapped))

    def scroll_match_into_view(self) -> None:
        if not 0 <= self.current_match < len(self.matches):
            return
        line = self.line_of_offset(self.matches[self.current_match][0])
        top, height = round(self.scroll_y), self._page
        # a match on the last lines of the view shows too little after it: it comes up too
        below = MATCH_CONTEXT_LINES if height > 3 * MATCH_CONTEXT_LINES else 0
        if not top <= line < top + height - below:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    def on_blur(self) -> None:
        self.refresh()
