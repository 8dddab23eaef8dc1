"""`BriefreadApp`: wires the main screen, the key bindings and keymap, and the command palette."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.widgets import Input

from tui_reader.config import Config, Locations, user_config_path
from tui_reader.ui.cell_widths import use_terminal_widths
from tui_reader.ui.commands import BriefreadCommands
from tui_reader.ui.safe_text import clean
from tui_reader.ui.screens.help import HelpScreen, HelpSection, KeyHelp
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.session import LibraryFactory, Session, open_library
from tui_reader.ui.terminal_input import use_lenient_decoder, use_whole_pastes
from tui_reader.ui.widgets.article_list import ArticleList
from tui_reader.ui.widgets.entity_pane import EntityPane
from tui_reader.ui.widgets.reader import ReaderView
from tui_reader.ui.widgets.search_bar import QueryInput


class BriefreadApp(App[None]):
    """The reader. `library_factory` opens the index (a fake in tests)."""

    CSS_PATH = "app.tcss"
    TITLE = "briefread"
    COMMANDS = App.COMMANDS | {BriefreadCommands}
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.palette"),
    ]

    def __init__(
        self,
        locations: Locations,
        config: Config | None = None,
        *,
        library_factory: LibraryFactory = open_library,
    ) -> None:
        super().__init__()
        use_terminal_widths()  # before anything is measured
        self.config = config or Config()
        self.session = Session.start(locations, self.config, library_factory)
        self.main_screen: MainScreen | None = None
        # whether SIGTERM and SIGHUP quit the app (`run_app`: the real terminal, not tests)
        self.stop_on_signals = False

    def on_mount(self) -> None:
        unknown = sorted(set(self.config.keymap) - self.binding_ids())
        self.set_keymap(self.config.keymap)
        where = self.config.path or "the config file"
        clashes = self.keymap_clashes()
        if clashes:
            self._warn(f"Keymap clash: {'; '.join(clashes)}. Give it another key in [keymap] of {where}.")
        if unknown:
            ids = ", ".join(clean(i, single_line=True).text for i in unknown)
            self._warn(f"Unknown binding id in [keymap] of {where}: {ids} (press ? for the ids).")
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self._warn(
                    f"Unknown theme {self.config.theme!r} in the config; "
                    f"available: {', '.join(sorted(self.available_themes))}."
                )
        self.main_screen = MainScreen(self.session)
        self.push_screen(self.main_screen)
        if self.stop_on_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(sig, self._stop_on, sig)

    def _stop_on(self, sig: int) -> None:
        """SIGTERM or SIGHUP (`kill`, `timeout`, a closed terminal window): quit as `q` does,
        so that the terminal is given back as it was (no alternate screen, cursor shown, no
        mouse reports), with the exit code a signal gives."""
        self.exit(return_code=128 + sig)

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit from where the focus is (in a text field q is a letter)."""
        quit_binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == "app.quit")
        key = self.effective_key(quit_binding).split(", ")[0]
        if not key:
            return
        if isinstance(self.focused, Input):
            text = f"Press escape, then {key}, to quit briefread."
        else:
            text = f"Press {key} to quit briefread."
        self.notify(text, title="Do you want to quit?", markup=False)

    def _warn(self, text: str) -> None:
        self.notify(text, severity="warning", markup=False, timeout=10)

    def on_unmount(self) -> None:
        self.session.close()

    # -- bindings -------------------------------------------------------------------------

    def binding_sections(self) -> list[tuple[str, Sequence[BindingType]]]:
        return [
            ("Anywhere", self.BINDINGS),
            ("Main screen", MainScreen.BINDINGS),
            ("Article list", ArticleList.BINDINGS),
            ("Reader", ReaderView.BINDINGS),
            ("Entity pane", EntityPane.BINDINGS),
            ("Search input", QueryInput.BINDINGS),
        ]

    def binding_ids(self) -> set[str]:
        return {
            b.id
            for _, bindings in self.binding_sections()
            for b in bindings
            if isinstance(b, Binding) and b.id
        }

    def _effective_keys(self) -> dict[str, list[str]]:
        """The keys of each binding id after the user's keymap, as Textual applies it: a binding
        the keymap remaps has the keys it gives; any other keeps its own keys but those the
        keymap gives to another binding of the same pane."""
        keymap = self.config.keymap
        out: dict[str, list[str]] = {}
        for _, bindings in self.binding_sections():
            taken = {
                key.strip()
                for b in bindings
                if isinstance(b, Binding) and b.id in keymap
                for key in keymap[b.id].split(",")
            }
            for b in bindings:
                if not isinstance(b, Binding) or not b.id:
                    continue
                keys = [k.strip() for k in keymap.get(b.id, b.key).split(",") if k.strip()]
                out[b.id] = keys if b.id in keymap else [k for k in keys if k not in taken]
        return out

    def keymap_clashes(self) -> list[str]:
        """One phrase per binding that the keymap took a key from: "k now runs list.down, so
        list.up is left with up"."""
        keymap = self.config.keymap
        effective = self._effective_keys()
        phrases = []
        for _, bindings in self.binding_sections():
            given = {
                key.strip(): b.id
                for b in bindings
                if isinstance(b, Binding) and b.id in keymap
                for key in keymap[b.id].split(",")
            }
            for b in bindings:
                if not isinstance(b, Binding) or not b.id or b.id in keymap:
                    continue
                lost = [k.strip() for k in b.key.split(",") if k.strip() in given]
                if not lost:
                    continue
                keys = ", ".join(self.get_key_display(Binding(k, b.action)) for k in lost)
                runs = ", ".join(sorted({given[k] or "" for k in lost}))
                left = effective.get(b.id, [])
                rest = (
                    f"is left with {', '.join(self.get_key_display(Binding(k, b.action)) for k in left)}"
                    if left
                    else "has no key left"
                )
                phrases.append(f"{keys} now runs {runs}, so {b.id} {rest}")
            shared: dict[str, list[str]] = {}
            for b in bindings:
                if isinstance(b, Binding) and b.id in keymap:
                    for key in dict.fromkeys(k.strip() for k in keymap[b.id].split(",")):
                        shared.setdefault(key, []).append(b.id)
            for key, ids in shared.items():
                if len(ids) > 1:
                    shown = self.get_key_display(Binding(key, ""))
                    phrases.append(f"{shown} is given to {' and '.join(ids)}, and runs only one of them")
        return phrases + self._shadowed_screen_keys(effective)

    def _shadowed_screen_keys(self, effective: dict[str, list[str]]) -> list[str]:
        """One phrase per key that the keymap gives a pane's binding while a binding of the whole
        screen or of the app has it: in that pane the key runs the pane's ("m runs list.down in
        the article list, not marks.toggle-read"), unless the screen's binding comes first
        everywhere ("/ still runs search.focus, so list.down never runs on it")."""
        keymap = self.config.keymap
        sections = dict(self.binding_sections())
        outer = [
            b
            for title in ("Anywhere", "Main screen")
            for b in sections[title]
            if isinstance(b, Binding) and b.id
        ]
        screen_keys = {_key_name(key): b for b in outer for key in effective.get(b.id or "", [])}
        # a pane's own key over the screen's, as the bindings come (n in the reader): no clash
        built_in = {_key_name(key) for b in outer for key in _keys_of(b)}
        phrases = []
        for title in ("Article list", "Reader", "Entity pane"):
            for b in sections[title]:
                if not isinstance(b, Binding) or b.id not in keymap:
                    continue
                own = {_key_name(k) for k in _keys_of(b)}
                for key in effective.get(b.id, []):
                    other = screen_keys.get(_key_name(key))
                    if other is None or (_key_name(key) in built_in and _key_name(key) in own):
                        continue
                    shown = self.get_key_display(Binding(key, ""))
                    if other.priority:
                        phrases.append(f"{shown} still runs {other.id}, so {b.id} never runs on it")
                    else:
                        phrases.append(f"{shown} runs {b.id} in the {title.lower()}, not {other.id}")
        return phrases

    def effective_key(self, binding: Binding) -> str:
        """The keys of `binding` after the user's keymap, as shown to the user."""
        if binding.id:
            keys = self._effective_keys().get(binding.id, [])
        else:
            keys = [k.strip() for k in binding.key.split(",") if k.strip()]
        return ", ".join(self.get_key_display(Binding(key, binding.action)) for key in keys)

    def help_sections(self) -> list[HelpSection]:
        sections = []
        for title, bindings in self.binding_sections():
            keys = [
                KeyHelp(
                    self.effective_key(b) + (", click" if b.id == "entities.choose" else ""),
                    b.tooltip or b.description,
                    b.id or "",
                )
                for b in bindings
                if isinstance(b, Binding)
            ]
            if title == "Search input":
                keys.append(KeyHelp("backspace", "On an empty query: remove the last filter", ""))
            sections.append(HelpSection(title, keys))
        return sections

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """Said once, when the app starts (`keymap_clashes`), rather than on every key."""

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        path = self.config.path or user_config_path()
        note = (
            f'Remap any key in the [keymap] table of {path}, e.g. "list.down" = "j,down,ctrl+n". '
            "Letter keys do nothing while the search line has focus; escape leaves it."
        )
        self.push_screen(HelpScreen(self.help_sections(), note))

    # -- commands (palette) ---------------------------------------------------------------

    def _main(self) -> MainScreen | None:
        return self.main_screen

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own "Theme" is the palette's "Switch theme", its "Screenshot" would write a
        # file into whatever directory the app was started from, and its "Keys" panel lists
        # Textual's keys beside briefread's and no escape closes it: the palette's "Show keys"
        # lists briefread's.
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Screenshot", "Keys"):
                yield command

    def cmd_main_action(self, name: str) -> None:
        """Run the main screen's action `name` ("toggle_sort"), as its key does."""
        if (main := self._main()) is not None:
            getattr(main, f"action_{name}")()

    def cmd_toggle_highlights(self) -> None:
        if (main := self._main()) is not None:
            main.action_toggle_highlights()

    def cmd_update_index(self, rebuild: bool) -> None:
        if (main := self._main()) is not None:
            main.start_update(rebuild)

    def cmd_set_view(self, view: str) -> None:
        if (main := self._main()) is not None:
            main.set_view(view)

    def cmd_export_article(self) -> None:
        if (main := self._main()) is not None:
            main.action_export_article()

    def cmd_export_list(self) -> None:
        if (main := self._main()) is not None:
            main.action_export_list()

    def cmd_copy_article(self) -> None:
        if (main := self._main()) is not None:
            main.action_copy_article()

    def cmd_clear_search(self) -> None:
        if (main := self._main()) is not None:
            main.clear_search()

    def cmd_filter_entity(self, entity_id: str, label: str) -> None:
        if (main := self._main()) is not None:
            main.choose_entity(entity_id, label, pivot=False)

    def cmd_open_article(self, article_id: str) -> None:
        if (main := self._main()) is not None:
            main.open_article_id(article_id)


def run_app(locations: Locations, config: Config | None = None) -> None:
    """Open the reader on `locations` in this terminal until the user quits."""
    use_lenient_decoder()
    use_whole_pastes()
    app = BriefreadApp(locations, config)
    app.stop_on_signals = True
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


def _key_name(key: str) -> str:
    """A key as Textual names it: "/" is "slash", "?" "question_mark"."""
    return _character_to_key(key) if len(key) == 1 else key


def _keys_of(binding: Binding) -> list[str]:
    """The keys a binding comes with, before any keymap."""
    return [key.strip() for key in binding.key.split(",") if key.strip()]
