"""`HelpScreen`: every key binding as it is now (after the user's keymap), by where it works, how
escape steps back, the query language in brief and what the reader's legend means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui_reader.ui.screens.scrolling import ScrollingModal


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str
    description: str
    binding_id: str


@dataclass(frozen=True, slots=True)
class HelpSection:
    title: str
    keys: Sequence[KeyHelp]


# (what to type or press, what it does): shown after the key bindings.
GOING_BACK = (
    ("escape", "in the search line: back to the list, the query stays"),
    ("", "in the reader or the entity pane: back to the list"),
    (
        "",
        "in the list: one step back, to the search before the last query entered, entity chosen or "
        "view; with none left, the last filter goes, then the query, then the view",
    ),
    ("x, backspace", "remove the last filter, chosen or typed (backspace in an empty search line)"),
    ("o", "sort: relevance (with a query), newest first, oldest first"),
)
QUERY_LANGUAGE = (
    ("/", "the search line, its query selected: typing replaces it, End or an arrow keeps it to edit"),
    ("élection", "the word in any form, any case or accent; the last word typed also as a prefix"),
    ("Qatar sécurité", "both words (AND is the default)"),
    ('"premier ministre"', "the exact phrase"),
    ('"premier min*"', "the phrase, its last word the start of a word"),
    ("Qatar OR Oman", "either; also AND, NOT (in capitals) and (parentheses)"),
    ("config*  gouvernment~", "words starting with config; words within 1 edit (~2: two)"),
    ("date:2025-05", "a year, month or day; a range: date:[2024 to 2025-06]"),
    ("lang:fr", "articles in a language"),
    ("country:Maroc  org:ONU", "articles naming an entity, by any name in any language"),
    ("", "A malformed query is mended (a note above the list says how), never refused."),
)
LEGEND = (
    ("country", "a country (or its people: marocains → Morocco), linked across languages"),
    ("organization", "an organization of the registry (ONU = UN = United Nations)"),
    (
        "rule",
        'an organization found by a rule ("Ministère de …", an acronym defined in the text), not in '
        "the registry: known only in this article",
    ),
    ("match", "a search match; n and N go to the next and previous one"),
)


# Narrower, the help leaves out the binding ids (the descriptions would have no room).
WIDTH_FOR_IDS = 80


def _guide(title: str, rows: Sequence[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(Text(title, "bold underline"), Text(""))
    for left, right in rows:
        table.add_row(Text(left), Text(right))
    table.add_row(Text(""), Text(""))
    return table


class HelpScreen(ScrollingModal):
    BODY_ID = "help-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("space,pagedown,ctrl+d", "page(1)", "Page down", show=False, id="help.page-down"),
        Binding("b,pageup,ctrl+u", "page(-1)", "Page up", show=False, id="help.page-up"),
        Binding("g,home", "top", "Top", show=False, id="help.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, sections: Sequence[HelpSection], config_note: str) -> None:
        super().__init__()
        self.sections = sections
        self.config_note = config_note

    def compose(self) -> ComposeResult:
        # the binding ids (for [keymap]) only where the descriptions keep room to be read
        with_ids = self.app.size.width >= WIDTH_FOR_IDS
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        if with_ids:
            table.add_column(style="dim", no_wrap=True)
        for section in self.sections:
            table.add_row(Text(section.title, "bold underline"), Text(""), *([Text("")] if with_ids else []))
            for key in section.keys:
                ids = [Text(key.binding_id)] if with_ids else []
                table.add_row(Text(key.keys), Text(key.description), *ids)
            table.add_row(Text(""), Text(""), *([Text("")] if with_ids else []))
        with VerticalScroll(id="help-body"):
            title = Text("Keys", "bold") + Text("   escape, q or ? closes this help; j/k scroll", "dim")
            yield Static(title, markup=False, id="help-title")
            yield Static(table, id="help-table")
            yield Static(_guide("Going back and sorting", GOING_BACK), id="help-back")
            yield Static(_guide("Query language", QUERY_LANGUAGE), id="help-query")
            yield Static(_guide("Reader legend", LEGEND), id="help-legend")
            yield Static(Text(self.config_note, "dim"), markup=False, id="help-note")
