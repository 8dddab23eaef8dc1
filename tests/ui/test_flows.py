"""Pilot tests of the reader's flows, on a fake library with fixed articles and mentions."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static

from tests.ui.conftest import MakeApp, ids, main, search_and_open, settle, typed
from tests.ui.fake_library import FakeLibrary, make_article, sample_articles
from tui_reader.search import IndexUnavailable, Library, Progress, SearchResults, StoredArticle, UpdateSummary
from tui_reader.ui import export
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.messages import IndexFinished
from tui_reader.ui.screens import main as main_module
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import FACETS_DELAY
from tui_reader.ui.widgets.article_list import ArticleList
from tui_reader.ui.widgets.entity_pane import EntityPane
from tui_reader.ui.widgets.reader import ReaderView
from tui_reader.ui.widgets.search_bar import QueryInput


async def test_open_navigate_and_mark_read(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert ids(app) == ["qatar-en", "seed", "turkey-en", "isil-fr", "hostile"]
        assert isinstance(app.focused, ArticleList)
        # the first article is previewed in the reader, not marked read
        assert screen.reader.article is not None and screen.reader.article.id == "qatar-en"
        assert not app.session.marks.is_read("qatar-en")
        await pilot.press("j", "j")
        await settle(pilot)
        assert screen.article_list.cursor == 2
        assert screen.reader.article is not None and screen.reader.article.id == "turkey-en"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.marks.is_read("turkey-en")
        assert isinstance(app.focused, ReaderView)
        # J/K open the next/previous article without leaving the reader
        await pilot.press("J")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "isil-fr"
        assert app.session.marks.is_read("isil-fr")
        await pilot.press("K", "K")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "seed"
        assert isinstance(app.focused, ReaderView)
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("G")
        assert screen.article_list.cursor == 4
        await pilot.press("g")
        assert screen.article_list.cursor == 0
        # a click selects and opens
        await pilot.click(ArticleList, offset=(5, 4))
        await settle(pilot)
        assert screen.article_list.cursor == 4
        assert app.session.marks.is_read("hostile")


async def test_an_article_previewed_and_then_read_in_the_reader_is_marked_read(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.reader.article is not None and screen.reader.article.id == "qatar-en"
        assert not app.session.marks.is_read("qatar-en")
        await pilot.press("tab")  # from the list to the reader showing its preview
        await settle(pilot)
        assert isinstance(app.focused, ReaderView)
        assert app.session.marks.is_read("qatar-en")
        assert not app.session.marks.is_read("seed")
        await pilot.press("m")  # marked unread again: leaving the reader and coming back keeps it
        await pilot.press("escape", "tab")
        await settle(pilot)
        assert isinstance(app.focused, ReaderView)
        assert not app.session.marks.is_read("qatar-en")


async def test_first_key_after_a_pause_searches_without_waiting(make_app: MakeApp) -> None:
    library = FakeLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause(0.3)
        library.searches.clear()
        await pilot.press("q")
        await settle(pilot)  # no wait for the debounce
        assert library.searches == ["q"]


async def test_keys_in_a_burst_make_one_search(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_reader.ui.widgets import search_bar

    monkeypatch.setattr(search_bar, "DEBOUNCE_SECONDS", 1.5)  # a burst however slow the machine
    library = FakeLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause(1.6)
        library.searches.clear()
        await pilot.press(*"qatar")
        await settle(pilot, delay=1.7)
        assert library.searches == ["q", "(qatar OR qatar*)"]
        assert set(ids(app)) == {"qatar-en", "seed"}


async def test_search_as_you_type(make_app: MakeApp) -> None:
    library = FakeLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        assert isinstance(app.focused, QueryInput)
        library.searches.clear()
        await typed(pilot, "qa")
        assert set(ids(app)) == {"qatar-en", "seed"}
        # the key after a pause searches at once; the key right behind it waits for the pause
        assert library.searches[-1] == "qa" and len(library.searches) <= 2
        await typed(pilot, "tar hosts")
        assert ids(app) == ["qatar-en"]
        assert screen.query_text == "qatar hosts"
        # newest first while typing; enter ranks by relevance; a key switches back
        assert screen.results is not None and screen.results.sort == "date"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.results is not None and screen.results.sort == "relevance"
        assert isinstance(app.focused, ArticleList)
        await pilot.press("o")
        await settle(pilot)
        assert screen.results is not None and screen.results.sort == "date"
        assert "newest first" in str(screen.query_one("#status-text").render())
        # escape in the search line goes back to the list with the query kept; a second one
        # (in the list) goes back to the search before it
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert screen.query_text == "qatar hosts" and ids(app) == ["qatar-en"]
        assert isinstance(app.focused, ArticleList)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_text == "" and len(ids(app)) == 5


async def test_a_query_with_no_results_leaves_the_reader_and_the_entities_empty(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.ui.screens import main as main_module

    # the preview of the first key's top row waits past the burst's results, however slow the machine
    monkeypatch.setattr(main_module, "PREVIEW_DELAY", 0.6)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await pilot.pause(0.3)
        # "l" searches at once and its top row is previewed after a pause; "lang:xx" finds nothing
        await pilot.press(*"lang:xx")
        await settle(pilot, delay=0.8)
        assert screen.query_text == "lang:xx" and len(screen.article_list.rows) == 0
        assert screen.reader.article is None and screen.article is None
        assert screen.entity_pane.article_entities == []
        screen.action_copy_article()  # as the palette's "Copy this article" does
        await pilot.pause()
        assert "No article to copy." in [n.message for n in app._notifications]


async def test_letter_keys_do_not_fire_while_typing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, 'qmsv?"')
        assert app.is_running
        assert screen.search_bar.value == 'qmsv?"'
        assert not app.session.marks.read_ids and not app.session.marks.bookmarked_ids
        assert screen.view == "all"
        assert not isinstance(app.screen, HelpScreen)
        # an open quote is being typed: no note about it yet; enter searches it as written, and
        # the unbalanced quote falls back: an inline message says so
        message = screen.query_one("#search-message")
        assert not message.display
        await pilot.press("enter")
        await settle(pilot)
        assert message.display and "Unbalanced quote" in str(message.render())


async def test_marks_and_history_survive_a_restart(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # reads qatar-en
        await settle(pilot)
        await pilot.press("escape", "j", "s", "j", "m")  # bookmark the seed, mark turkey-en read
        assert app.session.marks.is_bookmarked("seed")
        assert app.session.marks.is_read("turkey-en")
        await pilot.press("slash")
        await typed(pilot, "turkey")
        await pilot.press("enter")
        await settle(pilot)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert app.session.marks.read_ids == {"qatar-en", "turkey-en"}
        assert app.session.marks.bookmarked_ids == {"seed"}
        assert screen.article_list.render_line(0).text.startswith("  ")  # read, no bookmark
        assert screen.article_list.render_line(1).text.startswith("●★")  # unread, bookmarked
        await pilot.press("v")  # unread only
        await settle(pilot)
        assert ids(app) == ["seed", "isil-fr", "hostile"]
        await pilot.press("v")  # bookmarked only
        await settle(pilot)
        assert ids(app) == ["seed"]
        await pilot.press("v", "slash", "up")
        await settle(pilot, delay=0.16)
        assert screen.search_bar.value == "turkey"
        assert ids(app) == ["turkey-en"]
        await pilot.press("down")
        await settle(pilot, delay=0.16)
        assert screen.search_bar.value == "" and len(ids(app)) == 5


async def test_the_first_step_back_in_history_shows_the_query_before(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        for query in ("turkey", "qatar"):
            await pilot.press("slash")
            await typed(pilot, query)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("slash")
        assert screen.search_bar.value == "qatar"
        await pilot.press("up")
        await settle(pilot, delay=0.16)
        assert screen.search_bar.value == "turkey"
        await pilot.press("down")
        await settle(pilot, delay=0.16)
        assert screen.search_bar.value == "qatar"


async def test_entity_filter_facets_and_chips(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=FACETS_DELAY + 0.1)
        screen = main(app)
        facets = {f.id: f.articles for f in screen.entity_pane.facets}
        assert facets["org:un"] == 3 and facets["country:MA"] == 2
        await pilot.press("tab", "tab")
        pane = screen.entity_pane
        assert app.focused is pane
        # the first article (qatar-en) names the UN: choose it
        pane.highlighted = pane.get_option_index("a:org:un")
        await pilot.press("enter")
        await settle(pilot)
        assert set(ids(app)) == {"qatar-en", "seed", "isil-fr"}
        assert {screen.article_list.rows[i].lang for i in range(3)} == {"en", "fr"}
        chips = list(screen.query(".chip"))
        assert len(chips) == 1 and "United Nations" in str(chips[0].render())
        assert isinstance(app.focused, ArticleList)
        # a facet adds a second filter
        pane.highlighted = pane.get_option_index("f:country:MA")
        pane.action_select()
        await settle(pilot)
        assert set(ids(app)) == {"qatar-en", "seed"}
        await pilot.press("x")
        await settle(pilot)
        assert len(ids(app)) == 3
        # backspace in an empty query removes the last filter
        await pilot.press("slash", "backspace")
        await settle(pilot)
        assert len(ids(app)) == 5 and not list(screen.query(".chip"))


async def test_choosing_an_entity_of_the_article_keeps_the_article_open(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=FACETS_DELAY + 0.1)
        screen = main(app)
        await pilot.press("j")  # the seed, which names the UN
        await settle(pilot)
        assert screen.article is not None and screen.article.id == "seed"
        await pilot.press("tab", "tab")
        pane = screen.entity_pane
        pane.highlighted = pane.get_option_index("a:org:un")
        await pilot.press("enter")
        await settle(pilot)
        listed = ids(app)
        assert set(listed) == {"qatar-en", "seed", "isil-fr"} and listed[0] != "seed"
        assert screen.article is not None and screen.article.id == "seed"
        assert listed[screen.article_list.cursor] == "seed"


async def test_copy_and_export(make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard.startswith("Qatar hosts United Nations talks on Morocco\n\nQatar hosted")
        said = [n.message for n in app._notifications if "to the clipboard" in n.message]
        assert said and "if it does not paste" in said[-1] and "use e to export it" in said[-1]
        await pilot.press("j", "e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = (tmp_path / "briefread-seed.md").read_text(encoding="utf-8")
        assert text.startswith("# Le directeur général")
        assert "- Morocco (`country:MA`): 3 mentions: Royaume du Maroc, Maroc, marocains" in text
        assert any("briefread-seed.md" in n.message for n in app._notifications)
        await pilot.press("E")
        await settle(pilot)
        field = app.screen.query_one("#export-path", Input)
        field.value = str(tmp_path / "list.json")
        await pilot.press("enter")
        await settle(pilot)
        data = json.loads((tmp_path / "list.json").read_text(encoding="utf-8"))
        assert [a["id"] for a in data["articles"]] == ids(app)
        seed = next(a for a in data["articles"] if a["id"] == "seed")
        assert {m["id"] for m in seed["mentions"]} >= {"country:MA", "org:un"}


async def test_ctrl_u_then_a_name_typed_at_once_in_the_export_dialog_is_that_name(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        for key, character in [("ctrl+u", None), *((c, c) for c in "all.jsonl")]:
            app.post_message(events.Key(key, character))  # one burst, as a paste of keys
        await settle(pilot, delay=0.3)
        assert app.screen.query_one("#export-path", Input).value == "all.jsonl"
        await pilot.press("enter")
        await settle(pilot)
        assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == len(ids(app))


async def test_an_exported_list_oldest_first_is_in_the_lists_order(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert main(app).sort == "oldest"
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "list.jsonl")
        await pilot.press("enter")
        await settle(pilot)
        lines = (tmp_path / "list.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == ids(app)
        assert len(set(ids(app))) == 5


class SlowLibrary(FakeLibrary):
    """A library whose articles are read only as `go` lets them through, one each."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Semaphore(0)

    def results_articles(
        self, results: SearchResults, positions: Iterable[int] | None = None
    ) -> Iterator[StoredArticle]:
        for article in super().results_articles(results, positions):
            assert self.go.acquire(timeout=10)
            yield article


async def test_a_long_export_counts_its_articles_in_the_status_line(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(main_module, "EXPORT_PROGRESS_FROM", 2)
    monkeypatch.setattr(main_module, "EXPORT_PROGRESS_SECONDS", 0.0)
    library = SlowLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = main(app).query_one("#status-text", Static)
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "list.md")
        await pilot.press("enter")
        library.go.release(3)
        await pilot.pause(0.3)  # not `settle`, which would wait for the export to end
        assert "exporting 3 of 5 articles" in str(status.render())
        assert not (tmp_path / "list.md").exists()
        library.go.release(2)
        await settle(pilot, delay=0.3)
        assert (tmp_path / "list.md").exists()
        assert "exporting" not in str(status.render())
        assert any("Exported 5 articles" in n.message for n in app._notifications)


async def test_a_second_export_stops_the_first_which_leaves_no_file(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    library = SlowLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for name in ("first.md", "second.md"):
            await pilot.press("E")
            await pilot.pause(0.2)
            app.screen.query_one("#export-path", Input).value = str(tmp_path / name)
            await pilot.press("enter")
            library.go.release()
            await pilot.pause(0.2)
        library.go.release(10)
        await settle(pilot, delay=0.3)
        assert (tmp_path / "second.md").read_text(encoding="utf-8").count("\n---\n") == 4
        assert not (tmp_path / "first.md").exists()
        files = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
        assert files == ["second.md"]  # no temporary file left
        said = [n.message for n in app._notifications]
        assert f"The export to {tmp_path / 'first.md'} was stopped: the new one replaces it." in said


class RefreshedLibrary(FakeLibrary):
    """A library whose reader was replaced since every list was found."""

    def current(self, results: SearchResults) -> bool:
        return False


async def test_an_export_of_a_list_the_index_changed_under_says_so(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(RefreshedLibrary())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "list.json")
        await pilot.press("enter")
        await settle(pilot)
        assert not (tmp_path / "list.json").exists()
        assert "The index changed while the list was read; export it again." in [
            n.message for n in app._notifications
        ]


async def test_export_refuses_a_pipe_and_says_why_a_write_failed(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(fifo)
        await pilot.press("enter")
        await pilot.press("enter")  # no "press enter again to replace it": there is nothing to replace
        await settle(pilot)
        error = app.screen.query_one("#export-error", Static)
        assert str(error.render()) == f"{fifo} is not a regular file: choose another name."
        assert stat.S_ISFIFO(fifo.lstat().st_mode)

        def refuse(path: object, *args: object) -> int:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr(export.os, "open", refuse)
        app.screen.query_one("#export-path", Input).value = "out.md"
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        target = tmp_path / "out.md"
        assert f"Cannot write {target}: permission denied; choose a folder you can write to." in messages
        assert not any("Errno" in m or ".part" in m for m in messages)


async def test_export_names_that_no_file_can_have_are_said_in_the_dialog(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        gone.rmdir()  # the folder the reader was started in is deleted meanwhile
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(home / "briefread-qatar-en.md")
        error = app.screen.query_one("#export-error", Static)
        too_long = tmp_path / ("b" * 300 + ".md")
        for typed, said in (
            (str(too_long), f"Cannot write {too_long}: the name is too long; choose a shorter one."),
            (
                "~no-such-user-of-briefread/a.md",
                "There is no user no-such-user-of-briefread: type a full path.",
            ),
            ("a.md", "The current folder no longer exists: type a full path."),
        ):
            field.value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert str(error.render()) == said, typed
        field.value = "~/a.md"
        await pilot.press("enter")
        await settle(pilot)
        assert (home / "a.md").read_text(encoding="utf-8").startswith("# Qatar hosts")
        assert app.is_running


async def test_indexing_in_a_worker_and_commits_from_elsewhere(make_app: MakeApp) -> None:
    library = FakeLibrary(stale=True)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert library.updates == 1
        assert library.stale_checks == [1]  # the scan for changed files waits for the first list
        assert "5 articles" in str(main(app).query_one("#index-text").render())
        library.articles["new"] = make_article("new", "Fresh news", "Fresh text.", "2026-01-01", "en")
        library.changed = True
        main(app)._poll()
        await settle(pilot)
        assert ids(app)[0] == "new"


async def test_the_status_line_says_how_far_indexing_one_large_file_is(make_app: MakeApp) -> None:
    library = FakeLibrary(stale=True)
    library.progress_steps = [Progress("scan", 0, 0), Progress("read", 0, 1, 2500, 3_000_000, 12_000_000)]
    library.hold = threading.Event()
    app = make_app(library)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            text = ""
            for _ in range(100):  # the update waits for `hold`: no settling, which waits for it
                await pilot.pause(0.02)
                text = str(main(app).query_one("#index-text").render())
                if text.startswith("indexing"):
                    break
            assert text == "indexing 2,500 articles"
            bar = main(app).query_one("#index-progress", ProgressBar)
            assert (bar.progress, bar.total) == (3_000_000, 12_000_000)  # bytes: a quarter read
            await pilot.pause(0.05)
            # and a quarter of the bar is drawn filled: the bar fills its 16 cells, no more
            drawn = bar.query_one("Bar")
            assert drawn.size.width == bar.size.width == 16
            line = drawn.render_line(0).text
            assert line.startswith("━━━━") and line[4:] == "╺" + "━" * 11
    finally:
        library.hold.set()


async def test_the_status_line_says_saving_while_a_save_runs(make_app: MakeApp) -> None:
    library = FakeLibrary(stale=True)
    # a save that starts right after the last file is read, as it does
    library.progress_steps = [Progress("read", 4, 10, 400), Progress("commit", 5, 10, 500)]
    library.step_seconds = 0.0
    library.hold = threading.Event()
    app = make_app(library)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            text = ""
            for _ in range(100):
                await pilot.pause(0.02)
                text = str(main(app).query_one("#index-text").render())
                if text.startswith("saving"):
                    break
            assert text == "saving 5/10 files, 500 articles"
    finally:
        library.hold.set()


async def test_a_rebuild_says_why_and_the_status_line_keeps_the_view_before_the_indexing_note(
    make_app: MakeApp,
) -> None:
    library = FakeLibrary(stale=True)
    library.progress_steps = [Progress("read", 4, 10, 400, rebuilding="new entity rules")]
    library.step_seconds = 0.0
    library.hold = threading.Event()
    app = make_app(library)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main(app)
            text = ""
            for _ in range(100):
                await pilot.pause(0.02)
                text = str(screen.query_one("#index-text").render())
                if text.startswith("rebuilding"):
                    break
            assert text == "rebuilding (new entity rules): indexing 4/10 files, 400 articles"
            screen.set_view("unread")
            for _ in range(50):
                await pilot.pause(0.02)
                if "unread only" in str(screen.query_one("#status-text").render()):
                    break
            status = str(screen.query_one("#status-text").render())
            # the index before the rebuild is listed whole until it is done
            assert "unread only" in status and "more as indexing" not in status
            screen._rebuilding = ""  # an update that adds files: the list grows as it saves them
            screen.run_search()
            for _ in range(50):
                await pilot.pause(0.02)
                if "more as indexing" in str(screen.query_one("#status-text").render()):
                    break
            status = str(screen.query_one("#status-text").render())
            assert status.index("unread only") < status.index("more as indexing saves them")
    finally:
        library.hold.set()


async def test_enter_searches_the_query_as_written_and_typing_searches_it_live(make_app: MakeApp) -> None:
    library = FakeLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar hosts")
        assert library.searches[-1] == "qatar (hosts OR hosts*)"  # the last word also a prefix
        await pilot.press("enter")
        await settle(pilot)
        assert library.searches[-1] == "qatar hosts"  # as `briefread search` reads it
        await pilot.press("enter")  # open the article: its matches are the query's as written
        await settle(pilot)
        assert library.match_queries[-1] == "qatar hosts"
        main(app).run_search()  # a refresh, as after an index update
        await settle(pilot)
        assert library.searches[-1] == "qatar hosts"  # and so it stays
        await pilot.press("slash", "end")  # "/" selects the query; End keeps it to add a word
        await typed(pilot, " summit")
        assert library.searches[-1] == "qatar hosts (summit OR summit*)"
        await pilot.press("escape")
        await settle(pilot)
        # as written; and as nothing has the word, its prefix too ("summit" might be half typed)
        assert library.searches[-2:] == ["qatar hosts summit", "qatar hosts (summit OR summit*)"]


async def test_n_and_N_move_between_matches(make_app: MakeApp) -> None:
    long_text = "\n\n".join(f"Paragraph {i} about nothing much at all." for i in range(60))
    long_text += "\n\nHere Qatar appears at last.\n\nAnd Qatar again."
    articles = [make_article("long", "A long brief about Qatar", long_text, "2025-01-01", "en")]
    app = make_app(FakeLibrary(articles))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "qatar")
        reader = main(app).reader
        assert len(reader.matches) == 2
        assert reader.current_match == -1
        assert reader.scroll_y == 0
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 0
        line = reader.line_of_offset(reader.matches[0][0])
        assert reader.scroll_y <= line < reader.scroll_y + reader.scrollable_content_region.height
        assert reader.scroll_y > 0
        await pilot.press("n")
        assert reader.current_match == 1
        await pilot.press("n")  # wraps to the first
        assert reader.current_match == 0
        await pilot.press("N")  # back to the last
        assert reader.current_match == 1
        await pilot.press("g")
        await settle(pilot)
        assert reader.scroll_y == 0


async def test_n_in_an_article_opened_again_starts_from_the_view_without_wrapping(make_app: MakeApp) -> None:
    text = "Qatar first. Then Qatar again. And Qatar at the end."
    articles = [make_article("short", "A short brief", text, "2025-01-01", "en")]
    app = make_app(FakeLibrary(articles))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "qatar")
        reader = main(app).reader
        await pilot.press("n", "n", "n")
        await settle(pilot)
        assert reader.current_match == 2
        await pilot.press("escape")  # back to the list
        await pilot.press("enter")  # the same article, opened again
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 0
        legend = str(main(app).query_one("#legend", Static).render())
        assert "match 1/3" in legend and "wrapped" not in legend


async def test_entity_pane_groups_mentions_by_entity(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the seed
        await settle(pilot)
        pane = main(app).entity_pane
        counts = {e.id: e.mentions for e in pane.article_entities}
        assert counts["country:MA"] == 3  # Royaume du Maroc, Maroc, marocains
        assert counts["org:un"] == 1
        morocco = next(e for e in pane.article_entities if e.id == "country:MA")
        assert morocco.name == "Morocco"
        assert set(morocco.forms) == {"Royaume du Maroc", "Maroc", "marocains"}
        prompts = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        # h toggles the highlights of the reader
        reader = main(app).reader
        assert [s for line in reader._lines for s in line.spans]
        await pilot.press("h")
        assert not reader.show_highlights
        assert not [s for line in reader._lines[3:] for s in line.spans]
        assert "highlights off" in str(main(app).query_one("#legend").render())
        await pilot.press("h")
        assert reader.show_highlights
        assert any("3× Morocco" in p for p in prompts)
        assert "Countries" in " ".join(prompts) and "Organizations" in " ".join(prompts)


async def test_an_index_update_refreshes_the_entities_of_the_open_article(make_app: MakeApp) -> None:
    library = FakeLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # the seed, in the reader
        await settle(pilot)
        screen = main(app)
        pane = screen.entity_pane
        assert {e.id: e.mentions for e in pane.article_entities}["country:QA"] == 1
        # the file changes: "Qatar" becomes "Népal" (as long: the other mentions keep their offsets)
        seed = library.articles["seed"]
        nepal = [
            replace(m, text="Népal", id="country:NP", name_en="Nepal", name_fr="Népal")
            if m.id == "country:QA"
            else m
            for m in seed.mentions
        ]
        library.articles["seed"] = replace(
            seed, text=seed.text.replace("Qatar", "Népal"), mentions=tuple(nepal)
        )
        await pilot.press("R")
        await settle(pilot)
        assert screen.reader.article is not None and "Népal" in screen.reader.article.text
        counts = {e.id: e.mentions for e in pane.article_entities}
        assert "country:QA" not in counts and counts["country:NP"] == 1
        assert counts["country:MA"] == 3
        options = [pane.get_option_at_index(i) for i in range(pane.option_count)]
        shown = " ".join(str(o.prompt) for o in options if (o.id or "").startswith("a:"))
        assert "Qatar" not in shown and "1× Nepal" in shown


async def test_removing_a_filter_keeps_the_article_being_read_open_and_current(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.choose_entity("org:un", "United Nations")
        await settle(pilot)
        assert len(ids(app)) == 3
        last = ids(app)[-1]
        await pilot.press("G", "enter")  # the last article of the narrowed list, in the reader
        await settle(pilot)
        assert screen.article is not None and screen.article.id == last
        await pilot.press("x")
        await settle(pilot)
        assert len(ids(app)) == 5 and not list(screen.query(".chip"))
        assert screen.article is not None and screen.article.id == last
        row = screen.article_list.current_row
        assert row is not None and row.id == last


async def test_palette_filters_by_entity_and_opens_by_title(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the seed: its entities are palette candidates
        await settle(pilot)
        await pilot.press("ctrl+p", *"turk")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await settle(pilot)
        assert set(ids(app)) == {"seed", "turkey-en"}
        await pilot.press("ctrl+p", *"open isl")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).reader.article is not None
        assert main(app).reader.article.id == "isil-fr"
        assert app.session.marks.is_read("isil-fr")


async def palette_hits(pilot: Pilot[None], query: str) -> list[str]:
    """Open the command palette, type `query` and return its hits, best first."""
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.5)
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).hit.text) for i in range(commands.option_count)]


async def test_palette_finds_an_entity_by_its_acronyms_and_names_in_each_language(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # turkey-en: the United Nations is none of its entities
        await settle(pilot)
        screen = main(app)
        # an exact acronym or name first, then the names that only start with it
        hits = await palette_hits(pilot, "ONU")
        assert hits[0] == "Filter by United Nations (ONU)"
        assert "Filter by UN Women (ONU Femmes)" in hits[1:]
        await pilot.press("escape")
        for query in ("Filter by Nations", "UN"):
            hits = await palette_hits(pilot, query)
            assert hits[0].startswith("Filter by United Nations ("), (query, hits)
            await pilot.press("escape")
        await palette_hits(pilot, "OTAN")
        await pilot.press("enter")
        await settle(pilot)
        assert [f.entity_id for f in screen.filters] == ["org:nato"]
        assert [f.label for f in screen.filters] == ["North Atlantic Treaty Organization"]


async def test_index_error_is_one_sentence(make_app: MakeApp, state_dir: Path) -> None:
    from tui_reader.config import Config, Locations

    def broken(corpus: Path, index: Path) -> Library:
        raise IndexUnavailable("The index in /x is damaged (EOFError); run `briefread index --rebuild`.")

    app = BriefreadApp(Locations(Path("c"), Path("i"), state_dir), Config(), library_factory=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = main(app).article_list.render_line(1).text
        assert "The index in /x is damaged" in line
        assert "Traceback" not in line
        assert app.is_running


async def test_narrow_terminal_layout(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.has_class("-narrow")
        assert not screen.query_one("#entity-box").display or not screen.query_one("#entity-box").region
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ReaderView)
        assert screen.query_one("#list-pane").region.width == 0
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, EntityPane)
        assert screen.query_one("#entity-box").region.width > 0
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#list-pane").region.width > 0


async def test_a_wide_terminal_moves_the_focus_without_restyling_the_screen(make_app: MakeApp) -> None:
    # The focus classes only change the layout of a narrow terminal; set on a wide one, each tab
    # restyled every widget of the screen for nothing (a slow key).
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        classes = set(screen.classes)
        for pane in (ReaderView, EntityPane, ArticleList):
            await pilot.press("tab")
            await settle(pilot)
            assert isinstance(app.focused, pane)
            assert set(screen.classes) == classes
        await pilot.press("tab")  # the reader, then narrower: the reader takes the list's place
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.focused, ReaderView) and screen.has_class("-reading")
        assert screen.query_one("#list-pane").region.width == 0
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not screen.has_class("-reading")
        assert screen.query_one("#list-pane").region.width > 0


async def test_a_tiny_terminal_gives_the_entity_pane_the_whole_width(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert isinstance(app.focused, EntityPane)
        assert screen.query_one("#reader-pane").region.width == 0
        assert screen.query_one("#entity-box").region.width == 40
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#list-pane").region.width > 0


async def test_a_tiny_terminal_gives_the_list_the_whole_width_while_it_has_focus(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.focused is screen.article_list
        assert screen.query_one("#list-pane").region.width == 40
        assert screen.query_one("#reader-pane").region.width == 0
        title = screen.article_list.rows[0].title
        assert title[:12] in screen.article_list.render_line(0).text  # titles have room
        await pilot.press("enter")  # the reader, alone
        await settle(pilot)
        assert screen.query_one("#reader-pane").region.width == 40
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#list-pane").region.width == 40


async def test_a_hundred_thousand_rows_draw_only_what_is_visible(make_app: MakeApp) -> None:
    loaded: list[int] = []
    articles = sample_articles()
    app = make_app(FakeLibrary(articles))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from tui_reader.search import ResultRow, SearchResults

        def load(docnum: int, score: float) -> ResultRow:
            loaded.append(docnum)
            return ResultRow(f"id{docnum}", "2025-01-01", f"Title {docnum}", "en", "p", 0.0, ())

        rows = SearchResults("", range(100_000), None, load)
        listing = main(app).article_list
        listing.set_rows(rows)
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert listing.cursor == 99_999
        assert listing.render_line(listing.scrollable_content_region.height - 1).text.count("Title 99999")
        assert len(set(loaded)) < 200


async def test_the_summary_of_an_update_leaves_the_status_line(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.ui.screens import main as main_module

    # long enough that a busy machine still finds the note before it goes
    monkeypatch.setattr(main_module, "INDEX_NOTE_SECONDS", 1.5)
    app = make_app(FakeLibrary(stale=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note = main(app).query_one("#index-text")
        assert "5 articles" in str(note.render())
        await settle(pilot, delay=2.0)
        assert str(note.render()).strip() == ""


async def test_palette_sorts_and_marks_and_has_no_second_theme_command(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = ids(app)[0]
        await pilot.press("ctrl+p", *"bookmark or")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.marks.is_bookmarked(first)
        await pilot.press("ctrl+p", *"sort the list")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).sort == "oldest"  # newest first is already the order without a query
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" not in titles and "Screenshot" not in titles and "Quit" in titles
        assert "Keys" not in titles  # Textual's key panel: "Show keys" lists briefread's


class BusyLibrary(FakeLibrary):
    """Another process holds the update lock while `busy` is set (and has saved nothing yet)."""

    def __init__(self) -> None:
        super().__init__(articles=[], stale=True)
        self.busy = True

    def update(self, *args: object, **kwargs: object) -> UpdateSummary:
        from tui_reader.search import IndexBusy

        if self.busy:
            self.updates += 1
            raise IndexBusy(
                "Another briefread is updating the index in /x; wait for it to finish and try again."
            )
        return super().update(*args, **kwargs)  # type: ignore[arg-type]


async def test_another_process_indexing_is_said_once_and_the_app_takes_over_when_it_ends(
    make_app: MakeApp,
) -> None:
    from tui_reader.ui.screens.main import OTHER_WRITER

    library = BusyLibrary()
    app = make_app(library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        listing = screen.article_list
        status = screen.query_one("#index-text", Static)
        text = " ".join(
            listing.render_line(y).text.strip() for y in range(4) if listing.render_line(y).text.strip()
        )
        assert text == OTHER_WRITER  # not "No articles in this corpus yet."
        assert "another briefread is indexing" in str(status.render())
        screen._poll()  # still busy: tried again, said once
        await settle(pilot)
        assert library.updates == 2
        assert [n.message for n in app._notifications].count(OTHER_WRITER) == 1
        library.busy = False  # the other process is done
        screen._poll()
        await settle(pilot)
        assert "another briefread" not in str(status.render()).lower()
        assert not screen._other_writer
        text = " ".join(
            listing.render_line(y).text.strip() for y in range(4) if listing.render_line(y).text.strip()
        )
        assert text == "No articles in this corpus yet."


class FullDiskLibrary(FakeLibrary):
    """Its updates meet a full disk."""

    def update(self, *args: object, **kwargs: object) -> UpdateSummary:
        self.updates += 1
        raise OSError(errno.ENOSPC, "No space left on device", "index/_MAIN_1.toc")


async def test_a_full_disk_while_indexing_is_said_in_one_sentence_and_indexing_ends(
    make_app: MakeApp,
) -> None:
    library = FullDiskLibrary(stale=True)
    app = make_app(library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        for _ in range(50):
            if library.updates and not screen.indexing:
                break
            await pilot.pause(0.1)
        assert library.updates == 1 and not screen.indexing
        said = "The disk holding index is full; free some space and run `briefread index` again."
        assert said in str(screen.query_one("#index-text", Static).render())
        assert said in [n.message for n in app._notifications]
        assert not [n for n in app._notifications if "Something went wrong" in n.message]


class GatedSearchLibrary(FakeLibrary):
    """Searches wait for `gate` once it is set up: the results of enter arrive when the test says."""

    def __init__(self, articles: list[StoredArticle]) -> None:
        super().__init__(articles)
        self.gate: threading.Event | None = None

    def search(self, query: str = "", **kwargs: Any) -> SearchResults:
        if self.gate is not None:
            self.gate.wait(5)
        return super().search(query, **kwargs)


async def test_n_typed_before_the_results_of_enter_goes_to_their_first_match(make_app: MakeApp) -> None:
    long_text = "\n\n".join(f"Paragraph {i} about nothing much at all." for i in range(60))
    long_text += "\n\nHere Sarkozy appears at last."
    articles = [
        make_article("other", "Budget news", "Nothing to see.", "2025-02-01", "en"),
        make_article("long", "A long brief", long_text, "2025-01-01", "en"),
    ]
    library = GatedSearchLibrary(articles)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        screen.search_bar.set_value("Sarkozy")
        library.gate = threading.Event()
        await pilot.press("enter", "n")  # before the search has answered
        await pilot.pause(0.2)
        assert screen.article is None or screen.article.id != "long"
        library.gate.set()
        await settle(pilot)
        assert screen.article is not None and screen.article.id == "long"
        assert screen.reader.current_match == 0
        assert app.focused is screen.reader


class CappedLibrary(FakeLibrary):
    """Ranks more matches than it lists, as a relevance search does past its limit."""

    def search(self, query: str = "", **kwargs: Any) -> SearchResults:
        results = super().search(query, **kwargs)
        results.total = len(results) + 100
        return results


async def test_the_status_says_the_list_holds_the_best_ranked_in_a_marks_view_too(make_app: MakeApp) -> None:
    app = make_app(CappedLibrary(sample_articles()))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("s")  # bookmark the first article
        await pilot.press("v")  # the unread view
        await settle(pilot)
        shown = len(screen.article_list.rows)
        assert f"best {shown:,} of {shown + 100:,} articles" in screen._status_detail
        assert screen.query_one("#list-pane").border_title == f"Articles {shown:,} of {shown + 100:,}"
        assert screen.view != "all"


async def test_an_update_that_another_briefread_made_ends_more_as_indexing_saves_them(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        status = screen.query_one("#status-text", Static)
        screen.indexing = True  # an update of ours started; a search while it runs says more come
        screen.run_search()
        await settle(pilot)
        assert "more as indexing saves them" in str(status.render())
        # it ends finding another briefread at work: no search follows, the tail goes all the same
        screen.post_message(IndexFinished(None, busy=True))
        await settle(pilot)
        assert "more as indexing" not in str(status.render())
        assert str(status.render()).startswith("5 articles")
