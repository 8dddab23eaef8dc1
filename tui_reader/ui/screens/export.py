"""`ExportScreen`: asks where to write an export (the suffix chooses Markdown or JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_reader.ui.export import ExportError, export_target, failure, typed_path
from tui_reader.ui.widgets.ordered_input import OrderedInput


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, default: Path, title: str) -> None:
        super().__init__()
        self.default = default
        self.title_text = title
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(Text(self.title_text, "bold"), markup=False)
            yield OrderedInput(str(self.default), id="export-path")
            yield Static(
                Text(
                    "enter writes it · a .json name writes JSON, .jsonl one article a line, anything "
                    "else Markdown · escape cancels",
                    "dim",
                ),
                markup=False,
            )
            yield Static("", id="export-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        error = self.query_one("#export-error", Static)
        if not raw:
            error.update(Text("Type a file name.", "bold"))
            return
        try:
            path = typed_path(raw)
        except ExportError as exc:
            error.update(Text(str(exc), "bold"))
            return
        try:
            if path.is_dir():
                error.update(Text(f"{path} is a directory; type a file name.", "bold"))
                return
            if not path.parent.is_dir():
                error.update(Text(f"The folder {path.parent} does not exist.", "bold"))
                return
            target = export_target(path)
            exists = target.exists()
        except ExportError as exc:
            error.update(Text(str(exc), "bold"))
            return
        except OSError as exc:  # a name too long, a folder that may not be looked into
            error.update(Text(failure(path, exc), "bold"))
            return
        if exists and self._confirm != path:
            self._confirm = path
            replaced = path.name if target == path else f"{path.name} links to {target}, which"
            error.update(Text(f"{replaced} exists: press enter again to replace it.", "bold"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
