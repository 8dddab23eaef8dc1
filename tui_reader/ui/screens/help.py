"""`HelpScreen`: every key binding as it is now (after the user's keymap), by where it works."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str
    description: str
    binding_id: str


@dataclass(frozen=True, slots=True)
class HelpSection:
    title: str
    keys: Sequence[KeyHelp]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, sections: Sequence[HelpSection], config_note: str) -> None:
        super().__init__()
        self.sections = sections
        self.config_note = config_note

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)
        for section in self.sections:
            table.add_row(Text(section.title, "bold underline"), Text(""), Text(""))
            for key in section.keys:
                table.add_row(Text(key.keys), Text(key.description), Text(key.binding_id))
            table.add_row(Text(""), Text(""), Text(""))
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys", "bold"), markup=False, id="help-title")
            yield Static(table, id="help-table")
            yield Static(Text(self.config_note, "dim"), markup=False, id="help-note")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + delta, animate=False)
