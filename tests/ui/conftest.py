"""Fixtures for the app's tests: a fake library (fixed articles and mentions), a tiny real corpus
with its index, and helpers to let workers and debounce timers finish."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerState

from tests.ui.fake_library import FakeLibrary
from tui_reader.config import Config, Locations
from tui_reader.search import Library
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.screens.main import MainScreen

TINY_CORPUS = {
    "seed.txt": (
        " date 2025-05 Le directeur général du pôle DGSN-DGST a effectué une visite à Vienne. "
        "La délégation du Royaume du Maroc a rencontré le Qatar et la Turquie sous l'égide de l'ONU.\n\n"
        "Le communiqué rappelle le rôle du Maroc et des services marocains.\n"
    ),
    "qatar.md": (
        "---\ntitle: Qatar hosts United Nations talks\ndate: 2025-06-02\nlang: en\n---\n"
        "Qatar hosted talks with the United Nations. Morocco sent a delegation to Qatar.\n"
    ),
    "austria.md": (
        "---\ntitle: Austria and Turkey sign an agreement\ndate: 2025-04-11\nlang: en\n---\n"
        "Austria and Turkey signed an agreement on border checks.\n"
    ),
    "hostile.md": (
        '---\ntitle: "Hostile [bold]x[/] [link=file:///etc/passwd]y[/link] [@click=app.quit]z[/]"\n'
        "date: 2025-01-05\nlang: en\n---\n"
        "Markup [bold red]x[/] and a lone [/] stay literal, [@click=app.quit]quit[/] too.\n"
    ),
}


async def settle(pilot: Pilot[None], rounds: int = 3, delay: float = 0.0) -> None:
    """Let debounce timers fire (`delay`) and workers finish, and their messages be handled."""
    if delay:
        await pilot.pause(delay)
    for _ in range(rounds):
        for _ in range(500):
            if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers):
                break
            await asyncio.sleep(0.01)
        await pilot.pause()


async def typed(pilot: Pilot[None], text: str) -> None:
    """Type `text` into the focused widget, then wait past the search debounce."""
    await pilot.press(*list(text))
    await settle(pilot, delay=0.16)


async def search_for(pilot: Pilot[None], query: str) -> None:
    """Type `query` in the search line (from the list) and enter it; its list done."""
    await pilot.press("slash")
    await typed(pilot, query)
    await pilot.press("enter")
    await settle(pilot)


async def search_and_open(pilot: Pilot[None], query: str) -> None:
    """Search for `query` from the list, then open the first result in the reader."""
    await search_for(pilot, query)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def make_app(state_dir: Path) -> Callable[..., BriefreadApp]:
    """`make_app(library=None, config=None)`: an app on a `FakeLibrary` (or the given one)."""

    def build(library: Library | None = None, config: Config | None = None) -> BriefreadApp:
        lib = library if library is not None else FakeLibrary()
        locations = Locations(Path("corpus"), Path("index"), state_dir)
        return BriefreadApp(locations, config or Config(), library_factory=lambda c, i: lib)

    return build


@pytest.fixture(scope="session")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A tiny corpus written here and its index, built once for the session."""
    root = tmp_path_factory.mktemp("tiny")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in TINY_CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index = root / "index"
    library = Library.open(corpus, index)
    library.update()
    library.close()
    return corpus, index


@pytest.fixture
def real_locations(tiny_index: tuple[Path, Path], tmp_path: Path) -> Locations:
    """A private copy of the tiny corpus and index (tests may add files or marks)."""
    corpus, index = tiny_index
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(index, tmp_path / "index")
    return Locations(tmp_path / "corpus", tmp_path / "index", tmp_path / "state")


MakeApp = Callable[..., BriefreadApp]


def main(app: BriefreadApp) -> MainScreen:
    """The app's main screen (the tests run after it is mounted)."""
    assert app.main_screen is not None
    return app.main_screen


def ids(app: BriefreadApp) -> list[str]:
    """The ids of the articles listed, in order."""
    rows = main(app).article_list.rows
    return [rows[i].id for i in range(len(rows))]
