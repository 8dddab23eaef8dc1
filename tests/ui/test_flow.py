"""Pilot tests of going back, sorting, indexing, the footer, notes and help: the main screen's flow."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.ui.conftest import MakeApp, ids, main, search_and_open, search_for, settle, typed
from tests.ui.fake_library import FakeLibrary, make_article
from tests.ui.test_real_library import need_registry
from tui_reader.config import Config, Locations
from tui_reader.search import Progress, ProgressCallback, UpdateSummary
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.messages import IndexChanged
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.searching import BackStack, SearchState, next_sort
from tui_reader.ui.widgets.article_list import ArticleList


def chips(app: BriefreadApp) -> list[str]:
    return [str(chip.render()) for chip in main(app).query(".chip")]


async def choose(app: BriefreadApp, pilot: object, option: str) -> None:
    pane = main(app).entity_pane
    pane.highlighted = pane.get_option_index(option)
    pane.action_select()


async def test_escape_after_choosing_an_entity_goes_back_to_the_query(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        assert set(ids(app)) == {"qatar-en", "seed"}
        await pilot.press("tab", "tab")
        await settle(pilot)
        # an entity of the article (qatar-en names the UN): a new search on it
        await choose(app, pilot, "a:org:un")
        await settle(pilot)
        assert set(ids(app)) == {"qatar-en", "seed", "isil-fr"}
        assert screen.query_text == "" and len(chips(app)) == 1
        assert isinstance(app.focused, ArticleList)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_text == "qatar" and screen.search_bar.value == "qatar"
        assert set(ids(app)) == {"qatar-en", "seed"} and not chips(app)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_text == "" and len(ids(app)) == 5
        await pilot.press("escape")  # nothing left: nothing happens
        await settle(pilot)
        assert len(ids(app)) == 5


async def test_escape_in_the_list_removes_one_layer_at_a_time(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot, delay=0.5)
        await choose(app, pilot, "f:country:TR")  # a facet of the results narrows them
        await settle(pilot)
        assert ids(app) == ["seed"] and len(chips(app)) == 1 and screen.query_text == "qatar"
        await pilot.press("m", "v")  # the seed read, then the unread view: nothing left
        await settle(pilot)
        assert ids(app) == [] and screen.view == "unread"
        await pilot.press("escape")  # the view goes
        await settle(pilot)
        assert ids(app) == ["seed"] and screen.view == "all" and len(chips(app)) == 1
        await pilot.press("escape")  # the filter goes
        await settle(pilot)
        assert set(ids(app)) == {"qatar-en", "seed"} and not chips(app)
        assert screen.query_text == "qatar"
        await pilot.press("escape")  # the query goes
        await settle(pilot)
        assert len(ids(app)) == 5 and screen.search_bar.value == ""


async def test_escape_in_the_search_line_keeps_the_query(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        assert screen.query_text == "qatar" and screen.search_bar.value == "qatar"
        assert set(ids(app)) == {"qatar-en", "seed"}
        # left like enter leaves it: ranked, not "newest first while typing"
        assert screen.results is not None and screen.results.sort == "relevance"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_text == "" and len(ids(app)) == 5


async def test_sort_without_a_query_does_not_switch_relevance_off(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        newest = ids(app)
        await pilot.press("o")
        await settle(pilot)
        assert screen.sort == "oldest"
        assert ids(app) == list(reversed(newest))
        assert "oldest first" in str(screen.query_one("#status-text").render())
        await pilot.press("o")
        await settle(pilot)
        assert screen.sort == "auto" and ids(app) == newest
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.results is not None and screen.results.sort == "relevance"
        # with a query: relevance, newest first, oldest first, relevance
        await pilot.press("o")
        await settle(pilot)
        assert screen.results is not None and screen.results.sort == "date"
        assert ids(app) == ["qatar-en", "seed"]
        await pilot.press("o")
        await settle(pilot)
        assert ids(app) == ["seed", "qatar-en"]
        await pilot.press("o")
        await settle(pilot)
        assert screen.results is not None and screen.results.sort == "relevance"


def test_sort_cycle_and_back_stack() -> None:
    assert [next_sort(s, True) for s in ("auto", "date", "oldest", "relevance")] == [
        "date",
        "oldest",
        "auto",
        "date",
    ]
    assert [next_sort(s, False) for s in ("auto", "date", "oldest")] == ["oldest", "oldest", "auto"]
    stack = BackStack()
    first, second = SearchState("maroc"), SearchState("maroc", view="unread")
    stack.push(first)
    stack.push(first)
    stack.push(second)
    assert len(stack) == 2
    assert stack.back(second) == first  # the state shown now is no step back
    assert stack.back(first) == SearchState()  # the stack used up: one layer goes
    assert stack.back(SearchState()) is None
    # `v` round the views back to the one it left, then a new query: the views were a detour
    stack = BackStack()
    stack.push(SearchState())
    for view in ("all", "unread", "bookmarked", "all"):
        stack.push(SearchState("maroc", view=view))
    assert stack.back(SearchState("syria")) == SearchState("maroc")
    assert stack.back(SearchState("maroc")) == SearchState()


async def test_a_second_query_typed_in_the_same_burst_replaces_the_first_and_escape_comes_back_to_it(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        burst = [("slash", "/"), *((c, c) for c in "qatar"), ("enter", None)]
        burst += [("slash", "/"), *((c, c) for c in "turkey"), ("enter", None)]
        for key, character in burst:  # one burst: `/` comes before the line has its first keys
            app.post_message(events.Key(key, character))
        await settle(pilot, delay=0.5)
        assert screen.search_bar.value == "turkey" and screen.query_text == "turkey"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_text == "qatar"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_text == ""


async def test_escape_after_going_round_the_views_goes_back_to_the_search_before(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await search_for(pilot, "qatar")
        await pilot.press("v", "v", "v")  # unread, bookmarked, all again
        await settle(pilot)
        assert screen.view == "all"
        # the next query typed in one burst: the line loses the focus before it has its keys
        for key, character in [("slash", "/"), *((ch, ch) for ch in "maroc"), ("enter", None)]:
            app.post_message(events.Key(key, character))
        await settle(pilot, delay=0.5)
        assert screen.query_text == "maroc"
        await pilot.press("escape")
        await settle(pilot)
        assert (screen.query_text, screen.view) == ("qatar", "all")
        assert set(ids(app)) == {"qatar-en", "seed"}


class SlowIndexLibrary(FakeLibrary):
    """Starts empty; `update` waits for the test, then the articles are there."""

    def __init__(self) -> None:
        super().__init__([], stale=True)
        self.release = threading.Event()

    def update(
        self,
        progress: ProgressCallback | None = None,
        rebuild: bool = False,
        wait: bool = True,
        commit_seconds: float | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateSummary:
        self.release.wait(10)
        self.articles["new"] = make_article("new", "Fresh news", "Fresh text.", "2026-01-01", "en")
        return super().update(progress, rebuild, wait, commit_seconds, cancelled)


async def test_an_empty_list_while_indexing_says_so(make_app: MakeApp) -> None:
    library = SlowIndexLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            screen = main(app)
            for _ in range(100):  # the stale check runs in a worker: wait for the update it starts
                await pilot.pause(0.1)
                if screen.indexing:
                    break
            assert screen.indexing
            text = screen.article_list.render_line(1).text
            assert "Indexing" in text and "no articles" not in text.casefold()
        finally:
            library.release.set()
        await settle(pilot)
        assert ids(app) == ["new"]


async def test_narrow_footer_keeps_help_and_quit_and_status_ends_in_an_ellipsis(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query_one(Footer).query(FooterKey))
        assert [k.action for k in keys[:2]] == ["help", "quit"]
        for key in keys[:2]:
            assert key.region.right <= 80 and key.region.width > 0
        screen = main(app)
        screen._status_detail = (
            "best 1,234,567 of 9,876,543 articles · newest first while typing (enter ranks) · 4 ms"
        )
        screen._update_status()
        await pilot.pause()
        status = screen.query_one("#status-text")
        line = status.render_line(0).text.rstrip()
        assert line.endswith("…")
        assert "1,234,567" in line


async def test_note_for_a_malformed_query_shows_what_was_typed(real_locations: Locations) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "(Qatar OR Turkey")
        message = screen.query_one("#search-message")
        assert message.display
        note = str(message.render())
        assert "'(Qatar OR Turkey)'" in note
        assert "Turkey*" not in note


async def test_a_long_note_takes_two_lines_at_most_in_a_short_terminal(real_locations: Locations) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "country:Atlantis org:Nowhere Qatar")
        await pilot.press("enter")
        await settle(pilot)
        message = screen.query_one("#search-message")
        assert "No org is called 'Nowhere'" in str(message.render())  # four lines at this width
        assert message.display and message.size.height == 2
        # taller, the note is whole again
        await pilot.resize_terminal(40, 30)
        await settle(pilot)
        assert message.size.height > 2


async def test_wrapping_n_is_said_in_the_legend_until_the_next_move(make_app: MakeApp) -> None:
    articles = [make_article("a", "Qatar twice", "Qatar here.\n\nAnd Qatar there.", "2025-01-01", "en")]
    app = make_app(FakeLibrary(articles))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "qatar")
        legend = main(app).query_one("#legend")
        await pilot.press("n", "n")
        assert "match 2/2" in str(legend.render()) and "wrapped" not in str(legend.render())
        await pilot.press("n")
        assert "wrapped to the top" in str(legend.render())
        await pilot.press("n")
        assert "match 2/2" in str(legend.render()) and "wrapped" not in str(legend.render())
        await pilot.press("N", "N")
        assert "wrapped to the bottom" in str(legend.render())
        assert not [n for n in app._notifications if "Search hit" in n.message]


async def test_help_scrolls_with_g_G_and_space_and_explains_queries_and_the_legend(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.body
        assert body.max_scroll_y > 0
        await pilot.press("space")
        assert body.scroll_y > 1
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0
        text = " ".join(
            w.render_line(y).text for w in app.screen.query("#help-body Static") for y in range(w.size.height)
        )
        assert "Query language" in text and "country:Maroc" in text
        assert "typing replaces it" in text and "premier min*" in text
        assert "escape, q or ? closes this help" in text
        assert "found by a rule" in text and "not in the registry" in text


def _help_text(app: BriefreadApp) -> str:
    return "\n".join(
        w.render_line(y).text for w in app.screen.query("#help-body Static") for y in range(w.size.height)
    )


async def test_help_lists_each_key_once_and_keeps_descriptions_on_a_small_terminal(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        search = next(s for s in app.screen.sections if s.title == "Search input")
        assert [k.description for k in search.keys if "⏎" in k.keys or "enter" in k.keys] == [
            "Run the search and go to the list"
        ]
        text = _help_text(app)
        assert "app.quit" in text and "search.submit" in text  # the ids for [keymap]
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        body = app.screen.body
        await pilot.press("g")
        assert body.scroll_y == 0
        # a held-down key: every j scrolls one line, also when all twenty wait in the queue
        for _ in range(20):
            app.post_message(events.Key("j", "j"))
        await settle(pilot)
        assert body.scroll_y == 20
        text = _help_text(app)
        assert "Quit" in text and "Help" in text and "app.quit" not in text


def test_counts_say_one_article_and_separate_thousands() -> None:
    from tui_reader.search.indexer import UpdateSummary
    from tui_reader.ui.screens.main import _summary_line
    from tui_reader.wording import counted

    assert counted(1, "article") == "1 article" and counted(1564, "article") == "1,564 articles"
    summary = UpdateSummary()
    summary.total_articles, summary.added, summary.seconds = 1, 1564, 2.0
    assert _summary_line(summary) == "index: 1 article, 1,564 files added in 2.0 s"
    summary.added, summary.changed, summary.deleted = 0, 1, 2
    assert _summary_line(summary) == "index: 1 article, 1 file changed, 2 removed in 2.0 s"
    summary.added = 1
    assert _summary_line(summary) == "index: 1 article, 1 file added, 1 changed, 2 removed in 2.0 s"


def test_the_status_line_leaves_the_hint_about_skipped_files_to_the_note() -> None:
    from tui_reader.corpus import Skipped
    from tui_reader.search.indexer import UpdateSummary
    from tui_reader.ui.screens.main import _summary_line

    summary = UpdateSummary(total_articles=3911, added=3911, seconds=135.9)
    summary.skipped = [Skipped(f"junk{n}.bin", "binary") for n in range(8)]
    status = "index: 3,911 articles, 3,911 files added in 135.9 s, 8 skipped"
    assert _summary_line(summary, short=True) == status
    assert _summary_line(summary) == status + " (! lists them)"


def test_the_status_line_counts_warnings_apart_from_skipped_files() -> None:
    from tui_reader.corpus import Skipped
    from tui_reader.search.indexer import UpdateSummary
    from tui_reader.ui.screens.main import _summary_line

    summary = UpdateSummary(total_articles=3, added=3, seconds=1.0)
    summary.skipped = [Skipped("a.md", "front matter ignored: not valid YAML (line 2)")]
    status = "index: 3 articles, 3 files added in 1.0 s, 1 warning"
    assert _summary_line(summary, short=True) == status
    assert _summary_line(summary) == status + " (! lists them)"
    summary.skipped.append(Skipped("junk.bin", "binary file"))
    assert (
        _summary_line(summary, short=True)
        == "index: 3 articles, 3 files added in 1.0 s, 1 skipped, 1 warning"
    )


class _FillingLibrary(FakeLibrary):
    """A first build that commits twice: an old article, then a newer one."""

    def update(self, progress: ProgressCallback | None = None, **kwargs: Any) -> UpdateSummary:
        for key, day in (("old", "2020-01-01"), ("new", "2025-01-01")):
            self.articles[key] = make_article(key, f"{key} brief", "Qatar.", day, "en")
            if progress is not None:
                progress(Progress("committed", len(self.articles), 2))
            time.sleep(0.3)  # the list of the commit is drawn before the next
        return UpdateSummary(total_articles=len(self.articles), added=2)


async def test_the_list_stays_on_the_newest_article_as_a_first_build_fills_it(make_app: MakeApp) -> None:
    library = _FillingLibrary([])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.start_update()
        await settle(pilot, delay=0.8)
        assert ids(app) == ["new", "old"]
        assert screen.article_list.cursor == 0
        assert screen.reader.article is not None and screen.reader.article.id == "new"


async def test_a_file_added_later_leaves_the_article_previewed_on_the_first_row(make_app: MakeApp) -> None:
    library = FakeLibrary([make_article("old", "Old brief", "Qatar.", "2020-01-01", "en")])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.article_list.cursor == 0 and screen.focused is screen.article_list
        assert screen.reader.article is not None and screen.reader.article.id == "old"
        library.articles["new"] = make_article("new", "New brief", "Oman.", "2025-01-01", "en")
        screen.post_message(IndexChanged())
        await settle(pilot)
        assert ids(app) == ["new", "old"]
        assert screen.article_list.current_row is not None
        assert screen.article_list.current_row.id == "old"
        assert screen.reader.article is not None and screen.reader.article.id == "old"


async def test_the_article_read_stays_when_many_newer_ones_are_indexed(make_app: MakeApp) -> None:
    library = FakeLibrary([make_article("read", "Read brief", "Qatar.", "2020-01-01", "en")])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "read"
        for i in range(800):  # the last commit of a first build: the article is far down the list
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            library.articles[f"n{i}"] = make_article(f"n{i}", f"Newer {i}", "Oman.", day, "en")
        screen.post_message(IndexChanged())
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "read"
        assert screen.article_list.cursor == 800
        assert screen.article_list.current_row is not None
        assert screen.article_list.current_row.id == "read"


async def test_a_narrow_footer_drops_the_palette_key_that_covered_its_last_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        assert not footer.query(".-command-palette")
        await pilot.resize_terminal(100, 24)
        await settle(pilot)
        assert app.screen.query_one(Footer).query(".-command-palette")


async def test_files_added_while_the_app_is_open_are_indexed(make_app: MakeApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui_reader.ui.screens.main as main_screen

    monkeypatch.setattr(main_screen, "POLL_SECONDS", 0.2)
    library = FakeLibrary([make_article("old", "Old brief", "Qatar.", "2020-01-01", "en")])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await settle(pilot, delay=0.5)
        updates = library.updates
        # a folder changed but no article did: an update, and not a word about it
        library.folders_moved = True
        await settle(pilot, delay=0.6)
        assert library.updates == updates + 1
        assert str(main(app).query_one("#index-text").render()) == ""
        # a file added: indexed and listed without a key pressed
        library.articles["new"] = make_article("new", "New brief", "Oman.", "2025-01-01", "en")
        library.added = 1
        library.folders_moved = True
        await settle(pilot, delay=0.6)
        assert library.updates == updates + 2
        assert ids(app) == ["new", "old"]


async def test_a_corpus_folder_gone_while_the_app_is_open_is_said_in_its_words(make_app: MakeApp) -> None:
    from tui_reader.search import CorpusUnavailable

    library = FakeLibrary()

    def gone(*args: object, **kwargs: object) -> UpdateSummary:
        raise CorpusUnavailable("The corpus directory corpus does not exist; pass --corpus DIR.")

    library.update = gone  # type: ignore[method-assign]
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        status = str(main(app).query_one("#index-text").render())
        assert "is gone (moved, renamed or unmounted)" in status
        assert "press R once the folder is back" in status
        assert "--corpus" not in status


async def test_the_footer_keys_say_why_nothing_happens_on_an_empty_list(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "zzzqqq")
        await pilot.press("enter")
        await settle(pilot)
        assert ids(app) == [] and isinstance(app.focused, ArticleList)
        shown = {key.key for key in app.screen.query(FooterKey)}
        assert {"enter", "m", "s"} <= shown
        for key in ("enter", "m", "s"):
            before = len(app._notifications)
            await pilot.press(key)
            await settle(pilot)
            assert len(app._notifications) > before, key
        messages = [n.message for n in app._notifications]
        assert "No article to open." in messages
        assert "No article to mark read." in messages
        assert "No article to bookmark." in messages


async def test_ctrl_c_says_how_to_quit_from_where_the_focus_is(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert app._notifications and list(app._notifications)[-1].message == "Press q to quit briefread."
        await pilot.press("slash")
        await typed(pilot, "Qatar")
        await pilot.press("ctrl+c")
        await settle(pilot)
        # in the search line q is a letter of the query
        assert list(app._notifications)[-1].message == "Press escape, then q, to quit briefread."
        assert main(app).search_bar.value == "Qatar"
