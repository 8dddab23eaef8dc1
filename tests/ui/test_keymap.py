"""A `[keymap]` table in the config file remaps bindings by id; help shows the effective keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.conftest import settle
from tui_reader.config import ConfigError, load_config
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.screens.help import HelpScreen


async def test_keymap_from_a_config_file(make_app: Callable[..., BriefreadApp], tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        '[keymap]\n"list.down" = "ctrl+n"\n"app.quit" = "ctrl+q"\n"app.help" = ["f2"]\n'
        '"no.such-binding" = "z"\n',
        encoding="utf-8",
    )
    config = load_config(config_file)
    app = make_app(config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen is not None
        listing = app.main_screen.article_list
        # the unknown id is reported in one line, naming the file
        assert any(
            "no.such-binding" in n.message and str(config_file) in n.message for n in app._notifications
        )
        await pilot.press("j")  # no longer bound
        assert listing.cursor == 0
        await pilot.press("ctrl+n")
        assert listing.cursor == 1
        await pilot.press("q")  # q no longer quits
        assert app.is_running
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {k.binding_id: k.keys for s in app.screen.sections for k in s.keys}
        assert keys["reader.next-match"] == "n"  # not remapped: the default
        assert keys["list.down"] == "^n"
        assert keys["app.quit"] == "^q"
        assert keys["app.help"] == "f2"
        assert keys["list.up"] == "k, ↑"
        assert str(config_file) in app.screen.config_note
        await pilot.press("q")  # closes help, does not quit
        assert app.is_running and not isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_a_key_the_keymap_takes_from_another_binding_is_said_once_and_shown_in_help(
    make_app: Callable[..., BriefreadApp], tmp_path: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keymap]\n"list.down" = "k"\n', encoding="utf-8")
    app = make_app(config=load_config(config_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen is not None
        listing = app.main_screen.article_list
        clashes = [n.message for n in app._notifications if "clash" in n.message]
        assert clashes == [
            f"Keymap clash: k now runs list.down, so list.up is left with ↑. "
            f"Give it another key in [keymap] of {config_file}."
        ]
        await pilot.press("k", "k")
        assert listing.cursor == 2  # k runs list.down
        await pilot.press("up")
        assert listing.cursor == 1
        assert [n.message for n in app._notifications if "clash" in n.message] == clashes  # not on each key
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {k.binding_id: k.keys for s in app.screen.sections for k in s.keys}
        assert keys["list.down"] == "k" and keys["list.up"] == "↑"


def test_a_keymap_entry_without_a_key_is_a_config_error(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    for entry in ('"list.up" = 7', '"app.quit" = ",, "', '"app.quit" = []'):
        config_file.write_text(f"[keymap]\n{entry}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="names no key"):
            load_config(config_file)
    config_file.write_text('[keymap]\n"app.quit" = "x,,"\n"app.help" = [" f2 ", "f3"]\n', encoding="utf-8")
    assert load_config(config_file).keymap == {"app.quit": "x", "app.help": "f2,f3"}


def test_a_keymap_entry_that_is_no_key_name_is_a_config_error(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    for entry in ('"reader.next-match" = "[b]x[/b],z"', '"app.quit" = "\\u001b[2J"', '"app.quit" = "ctrl+"'):
        config_file.write_text(f"[keymap]\n{entry}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="which is no key"):
            load_config(config_file)
    keys = '"n,ctrl+shift+n,f5,question_mark,?,é,left_square_bracket,€,§,«,١,ctrl+@,shift+tab"'
    config_file.write_text(f'[keymap]\n"reader.next-match" = {keys}\n', encoding="utf-8")
    assert load_config(config_file).keymap == {"reader.next-match": keys.strip('"')}


@pytest.mark.parametrize(
    ("keymap", "clash"),
    [
        # one key given to two bindings of one pane
        (
            '"list.down" = "j,down"\n"list.up" = "j"',
            "j is given to list.down and list.up, and runs only one of them",
        ),
        # a key given to a pane's binding while a binding of the whole screen has it
        ('"list.down" = "j,down,m"', "m runs list.down in the article list, not marks.toggle-read"),
        # ... or a binding of the app
        ('"reader.next-match" = "q"', "q runs reader.next-match in the reader, not app.quit"),
        # ... or a binding of the screen that comes first everywhere, named by its character
        ('"list.down" = "j,/"', "/ still runs search.focus, so list.down never runs on it"),
    ],
)
async def test_a_key_the_keymap_gives_twice_is_a_clash(
    make_app: Callable[..., BriefreadApp], tmp_path: Path, keymap: str, clash: str
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(f"[keymap]\n{keymap}\n", encoding="utf-8")
    app = make_app(config=load_config(config_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        clashes = [n.message for n in app._notifications if "clash" in n.message]
        assert clashes == [f"Keymap clash: {clash}. Give it another key in [keymap] of {config_file}."]


async def test_the_readme_keymap_example_is_no_clash(
    make_app: Callable[..., BriefreadApp], tmp_path: Path
) -> None:
    # n is the reader's own next-match key, over the screen's list.next-match, as the bindings come
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keymap]\n"reader.next-match" = "n,ctrl+n"\n', encoding="utf-8")
    app = make_app(config=load_config(config_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not [n.message for n in app._notifications if "clash" in n.message]


async def test_an_unknown_binding_id_is_shown_without_its_control_characters(
    make_app: Callable[..., BriefreadApp], tmp_path: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keymap]\n"\\u001b]2;owned\\u0007x" = "z"\n', encoding="utf-8")
    app = make_app(config=load_config(config_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        unknown = [n.message for n in app._notifications if "Unknown binding id" in n.message]
        assert len(unknown) == 1 and "]2;owned" in unknown[0]
        assert "\x1b" not in unknown[0] and "\x07" not in unknown[0]
