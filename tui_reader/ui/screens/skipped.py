"""`SkippedScreen`: the files (and lines of .jsonl files) the index left out, and why, with the
files read with something in them ignored; as the last index update found them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui_reader.corpus.article import Skipped
from tui_reader.ui.safe_text import clean
from tui_reader.ui.screens.scrolling import ScrollingModal
from tui_reader.wording import counted

# Rows drawn at most: past them, one line says how many more there are.
MAX_ROWS = 2000


def skipped_table(skipped: Sequence[Skipped], limit: int = MAX_ROWS) -> Table:
    """One row a file or line: its path (with the line of a .jsonl record), and why it was left
    out, or what was ignored in it; every path and reason drawn as text, never as markup."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, max_width=60, overflow="ellipsis")
    table.add_column()
    for item in skipped[:limit]:
        where = clean(item.path, single_line=True).text + (f", line {item.line:,}" if item.line else "")
        reason = clean(item.reason, single_line=True).text
        if item.warning:
            reason = f"read, but {reason}"
        table.add_row(Text(where, "bold"), Text(reason, "dim" if item.warning else ""))
    if len(skipped) > limit:
        table.add_row(Text(f"and {len(skipped) - limit:,} more", "italic"), Text(""))
    return table


class SkippedScreen(ScrollingModal):
    BODY_ID = "skipped-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "close", "Close", id="skipped.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="skipped.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="skipped.up"),
        Binding("space,pagedown,ctrl+d", "page(1)", "Page down", show=False, id="skipped.page-down"),
        Binding("b,pageup,ctrl+u", "page(-1)", "Page up", show=False, id="skipped.page-up"),
        Binding("g,home", "top", "Top", show=False, id="skipped.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="skipped.bottom"),
    ]

    def __init__(self, skipped: Sequence[Skipped]) -> None:
        super().__init__()
        self.skipped = list(skipped)

    def compose(self) -> ComposeResult:
        left_out = sum(s.count for s in self.skipped if not s.warning)
        warnings = sum(1 for s in self.skipped if s.warning)
        said = [f"{left_out:,} left out"]
        if warnings:
            said.append(f"{counted(warnings, 'file')} read with something ignored")
        with VerticalScroll(id="skipped-body"):
            title = Text("Not indexed", "bold") + Text(
                f"   {'; '.join(said)}. escape or q closes; j/k scroll", "dim"
            )
            yield Static(title, markup=False, id="skipped-title")
            yield Static(skipped_table(self.skipped), id="skipped-table")
