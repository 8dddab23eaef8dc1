"""SVG snapshots of stable screens at a fixed size, on the fake library's fixed articles.

Update them with `pytest tests/ui/test_snapshots.py --snapshot-update` and look at the SVGs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import MakeApp, settle
from tui_reader.ui.screens.main import FACETS_DELAY, PREVIEW_DELAY

SnapCompare = Callable[..., bool]


def steps(*groups: str | tuple[str, ...], delay: float = 0.0) -> Callable[[Pilot[Any]], Any]:
    """Press each group of keys, then let the app settle."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for group in groups:
            await pilot.press(*((group,) if isinstance(group, str) else group))
            await settle(pilot, delay=delay)
        # the article preview and the facets wait for the list to settle
        await settle(pilot, delay=max(FACETS_DELAY, PREVIEW_DELAY) + 0.15)

    return run


def test_main_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps())


def test_main_screen_narrow(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps())


def test_reader_with_entities(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps(("j", "enter")))


def test_search_with_highlights(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    keys = (("slash", "q", "a", "t", "a", "r"), "enter", ("j", "enter"), "n")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps(*keys, delay=0.16))


def test_help_screen(snap_compare: SnapCompare, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    # the help names the config file: one path whatever the test's temporary folder (a worker's
    # is longer), so that the help is as long, and its scroll bar the same
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/user/.config")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps("question_mark"))
