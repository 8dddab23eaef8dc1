"""`EntityPane`: the entities of the article being read, and the top entities of the results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_reader.ui.entity_names import EntitySummary, entity_badge
from tui_reader.ui.safe_text import plain
from tui_reader.ui.wrap import wrap_offsets

if TYPE_CHECKING:
    from tui_reader.search import EntityCount

_ARTICLE = "a:"
_FACET = "f:"


class EntityPane(OptionList):
    """Grouped by kind, each entity with its canonical name and count; enter filters by it."""

    # The list's keys, arrows and pages included: the help lists them, and a keymap remaps them.
    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer: the one thing the pane is for.
        Binding(
            "enter",
            "select",
            "Its articles",
            tooltip="List the articles naming this entity (one of the article's starts a new search; "
            "one of the results narrows the current list)",
            id="entities.choose",
        ),
        Binding("j,down", "cursor_down", "Next", show=False, id="entities.down"),
        Binding("k,up", "cursor_up", "Previous", show=False, id="entities.up"),
        Binding("g,home", "first", "First", show=False, id="entities.first"),
        Binding("G,end", "last", "Last", show=False, id="entities.last"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="entities.page-down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="entities.page-up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entity-pane--heading",
        "entity-pane--country",
        "entity-pane--organization",
        "entity-pane--rule",
        "entity-pane--count",
        "entity-pane--dim",
    }

    class Chosen(Message):
        """Filter the list by this entity. `pivot` (an entity of the article) starts a new
        search on it; otherwise (a facet of the results) it narrows the current one. `phrase`
        is set for article-local rule entities, which are searched by their words instead."""

        def __init__(self, entity_id: str, label: str, phrase: str = "", pivot: bool = False) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.label = label
            self.phrase = phrase
            self.pivot = pivot

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(markup=False, id=id, classes=classes)
        self._article: list[EntitySummary] = []
        self._facets: list[EntityCount] = []
        self._facets_note = ""
        self._choices: dict[str, tuple[str, str, str]] = {}
        self._built_width = 0
        self._coloured: dict[int, Text] = {}  # the prompts as built, by option index
        # by option id: every name of the entity in full, and where the names start on its row
        self._whole: dict[str, tuple[Text, int]] = {}
        self._plain_index: int | None = None  # the option shown without its colours

    def show_article_entities(self, entities: Sequence[EntitySummary]) -> None:
        self._article = list(entities)
        self._rebuild()

    def show_facets(self, facets: Sequence[EntityCount], note: str = "") -> None:
        self._facets = list(facets)
        self._facets_note = note
        self._rebuild()

    def on_mount(self) -> None:
        # The prompts hold the theme's colours: a new theme needs them built again.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        self.call_after_refresh(self._rebuild)

    def on_focus(self) -> None:
        # The cursor shows on the first name as soon as the pane has the focus.
        if self.highlighted is None and self.option_count:
            self.action_first()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._show_cursor_row()

    def _show_cursor_row(self) -> None:
        """Draw the cursor's row without the names' colours (the theme's cursor colours are made
        to be read together, a name's colour on the cursor may not be), and whole: a name cut
        to fit the pane, and the other language's name left out, show on the lines it takes."""
        index = self.highlighted
        if index == self._plain_index:
            return
        old, self._plain_index = self._plain_index, None
        if old is not None and old in self._coloured:
            self.replace_option_prompt_at_index(old, self._coloured[old])
        if index is not None and index in self._coloured:
            option_id = self.get_option_at_index(index).id or ""
            whole, indent = self._whole.get(option_id, (self._coloured[index], 0))
            width = self.scrollable_content_region.width
            self.replace_option_prompt_at_index(index, _on_lines(_without_colours(whole), width, indent))
            self._plain_index = index

    def on_resize(self) -> None:
        # Names are fitted to the width (a second name only when it fits whole).
        if self._built_width != self.scrollable_content_region.width:
            self._rebuild()

    def _style(self, component: str) -> Style:
        """A component's colour and text style without its background, so that the highlight
        of the cursor's row shows behind the whole row."""
        style = self.get_component_rich_style(component)
        return style.without_color + Style(color=style.color)

    def _heading(self, text: str) -> Option:
        return Option(Text(text, self._style("entity-pane--heading"), end=""), disabled=True)

    def _rebuild(self) -> None:
        style = self._style
        width = self._built_width = self.scrollable_content_region.width
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option | None] = []
        self._choices.clear()
        self._whole.clear()
        # Two different counts: mentions in the article ("3×"), articles among the results.
        options.append(self._heading("In this article (mentions)"))
        if not self._article:
            options.append(Option(Text("  none", style("entity-pane--dim")), disabled=True))
        count_width = _count_width(f"{e.mentions:,}×" for e in self._article)
        for kind, label in (("country", "Countries"), ("organization", "Organizations")):
            group = [e for e in self._article if e.kind == kind]
            if not group:
                continue
            options.append(self._heading(f" {label}"))
            for entity in group:
                name_style = style("entity-pane--rule" if entity.source == "rule" else f"entity-pane--{kind}")
                prompt = Text(no_wrap=True, overflow="ellipsis", end="")
                prompt.append(f"{entity.mentions:,}×".rjust(count_width) + " ", style("entity-pane--count"))
                if entity.acronym:
                    prompt.append_text(plain(entity.acronym, name_style + Style(bold=True)))
                    prompt.append(" ")
                prompt.append_text(plain(entity.name, name_style))
                suffix = " (rule)" if entity.source == "rule" else ""
                other = f" · {entity.other_name}" if entity.other_name else ""
                whole = prompt.copy()
                if other:
                    whole.append_text(plain(other, style("entity-pane--dim")))
                if other and prompt.cell_len + cell_len(other) + len(suffix) <= width:
                    prompt.append_text(plain(other, style("entity-pane--dim")))
                if suffix:
                    prompt.append(suffix, style("entity-pane--dim"))
                    whole.append(suffix, style("entity-pane--dim"))
                option_id = _ARTICLE + entity.id
                self._whole[option_id] = (whole, count_width + 1)
                phrase = entity.forms[0] if entity.source == "rule" and entity.forms else ""
                self._choices[option_id] = (entity.id, entity.name, phrase)
                options.append(Option(prompt, id=option_id))
        options.append(None)
        heading = "In these results (articles"
        if self._facets_note:
            heading += f", {self._facets_note}"
        options.append(self._heading(heading + ")"))
        if not self._facets:
            options.append(Option(Text("  none", style("entity-pane--dim")), disabled=True))
        count_width = _count_width(f"{f.articles:,}" for f in self._facets)
        for facet in self._facets:
            kind_style = style(
                "entity-pane--country" if facet.kind == "country" else "entity-pane--organization"
            )
            prompt = Text(no_wrap=True, overflow="ellipsis", end="")
            prompt.append(f"{facet.articles:,}".rjust(count_width) + " ", style("entity-pane--count"))
            name = facet.name_en or facet.name_fr or facet.id
            if prompt.cell_len + cell_len(name) > width:
                # a name cut to fit leads with its short form: two long names that start alike
                # ("General Directorate fo…", of National Security and of Territorial
                # Surveillance) are told apart, DGSN and DGST, as the list's badges show them
                badge = entity_badge(facet.id) if facet.kind != "country" else ""
                if badge and badge != name and not badge.endswith("…"):
                    prompt.append_text(plain(badge, kind_style + Style(bold=True)))
                    prompt.append(" ")
            whole = prompt.copy()
            prompt.append_text(plain(name, kind_style))
            whole.append_text(plain(name, kind_style))
            other = facet.name_fr if facet.name_en and facet.name_fr and facet.name_fr != name else ""
            if other:
                whole.append_text(plain(f" · {other}", style("entity-pane--dim")))
            option_id = _FACET + facet.id
            self._whole[option_id] = (whole, count_width + 1)
            self._choices[option_id] = (facet.id, name, "")
            options.append(Option(prompt, id=option_id))
        self._plain_index = None
        self.set_options(options)
        self._coloured = {
            index: option.prompt
            for index, option in enumerate(self.options)
            if option.id and isinstance(option.prompt, Text)
        }
        if highlighted is not None and highlighted in self._choices:
            try:
                self.highlighted = self.get_option_index(highlighted)
            except LookupError:
                pass
        self._show_cursor_row()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self._choices.get(event.option.id or "")
        if choice is not None:
            entity_id, label, phrase = choice
            pivot = (event.option.id or "").startswith(_ARTICLE)
            self.post_message(self.Chosen(entity_id, label, phrase, pivot))

    @property
    def article_entities(self) -> list[EntitySummary]:
        return list(self._article)

    @property
    def facets(self) -> list[EntityCount]:
        return list(self._facets)


def _on_lines(prompt: Text, width: int, indent: int) -> Text:
    """`prompt` broken into lines of `width` cells (the pane itself does not wrap its rows), the
    lines after the first `indent` cells in, under the names."""
    indent = indent if width - indent >= 8 else 0
    first = wrap_offsets(prompt.plain, width)[:1]
    lines = list(prompt.divide(first))
    if len(lines) > 1:
        rest = lines.pop()
        rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
        lines += [Text(" " * indent) + part for part in rest.divide(wrap_offsets(rest.plain, width - indent))]
    for line in lines:
        line.rstrip()
    return Text("\n", no_wrap=True, overflow="ellipsis", end="").join(lines)


def _without_colours(prompt: Text) -> Text:
    """`prompt` in the colour of the row it is drawn on, with its bold and italic."""
    out = Text(prompt.plain, no_wrap=True, overflow="ellipsis", end="")
    for span in prompt.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
        out.stylize(style.without_color, span.start, span.end)
    return out


def _count_width(counts: Iterable[str]) -> int:
    """The width of a right-aligned column of `counts`: 4 cells, or the widest count."""
    return max((4, *(len(count) for count in counts)))
