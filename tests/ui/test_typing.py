"""Searching while the user types: only the newest query runs once a search is under way."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence

import pytest
from textual import events

from tests.ui.conftest import MakeApp, main, settle, typed
from tests.ui.fake_library import FakeLibrary
from tui_reader.search import SearchResults
from tui_reader.ui.terminal_input import WholePasteParser


class SlowLibrary(FakeLibrary):
    """Holds the search for `hold` until `release` is set."""

    def __init__(self, hold: str) -> None:
        super().__init__()
        self.hold = hold
        self.started = threading.Event()
        self.release = threading.Event()

    def search(
        self,
        query: str = "",
        *,
        sort: str = "auto",
        entities: Sequence[str] = (),
        limit: int | None = None,
        only_ids: Collection[str] | None = None,
        except_ids: Collection[str] = (),
        typed: str | None = None,
    ) -> SearchResults:
        if query == self.hold:
            self.started.set()
            self.release.wait(10)
        return super().search(
            query,
            sort=sort,
            entities=entities,
            limit=limit,
            only_ids=only_ids,
            except_ids=except_ids,
            typed=typed,
        )


async def test_queries_typed_during_a_slow_search_run_only_the_newest(make_app: MakeApp) -> None:
    library = SlowLibrary(hold="qa")
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen is not None
        await pilot.press("slash")
        library.searches.clear()
        await pilot.press("q", "a")
        await pilot.pause(0.2)
        assert library.started.wait(5)
        # two more pauses while "qa" is still searching: "qat" is stale before it can start
        await pilot.press("t")
        await pilot.pause(0.2)
        await pilot.press("a")
        await pilot.pause(0.2)
        library.release.set()
        await settle(pilot, delay=0.2)
        # "q" searched at once (a key after a pause), "qa" after the burst, "qat" never
        assert library.searches == ["q", "qa", "(qata OR qata*)"]
        assert screen.query_text == "qata"
        assert screen.results is not None and [r.id for r in screen.results] == ["qatar-en", "seed"]
        await typed(pilot, "r")
        assert library.searches[-1] == "(qatar OR qatar*)"


async def test_list_scrollbar_and_long_queries_follow_the_results_without_a_layout(make_app: MakeApp) -> None:
    from tests.ui.fake_library import make_article

    articles = [
        make_article(f"a{i}", f"Brief {i} on trade", "Trade text.", "2025-01-01", "en") for i in range(80)
    ]
    articles.append(make_article("q", "Qatar hosts talks", "Qatar text.", "2025-02-01", "en"))
    app = make_app(FakeLibrary(articles))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen is not None
        listing = screen.article_list
        assert (
            listing.show_vertical_scrollbar
            and listing.max_scroll_y == 81 - listing.scrollable_content_region.height
        )
        await pilot.press("slash")
        await typed(pilot, "qatar")
        assert len(listing.rows) == 1 and not listing.show_vertical_scrollbar and listing.max_scroll_y == 0
        await pilot.press(*["backspace"] * 5)
        await settle(pilot, delay=0.2)
        assert len(listing.rows) == 81 and listing.show_vertical_scrollbar
        query = screen.search_bar.input
        for ch in "trade " * 30:  # typed at once: a query far wider than the line
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        await settle(pilot, delay=0.3)
        assert query.value == ("trade " * 30)
        width = query.content_region.width
        assert query.virtual_size.width > width and query.scroll_x == query.virtual_size.width - width
        assert query.cursor_screen_offset.x < query.content_region.right + 1


async def test_a_pasted_text_of_several_lines_is_one_query(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        field = main(app).search_bar.input
        field.post_message(events.Paste("\n\nQatar\r\nsécurité\n  \nOman\n"))
        await settle(pilot, delay=0.2)
        assert field.value == "Qatar sécurité Oman"
        field.post_message(events.Paste("\n\n"))  # nothing but line breaks: nothing to add
        await settle(pilot)
        assert field.value == "Qatar sécurité Oman"


@pytest.mark.parametrize(
    ("burst", "line"),
    [
        ("/\x15Maroc ", "Maroc "),  # "/", ctrl+u, a word: the line is cleared, then typed
        ("\x15/Maroc ", "Maroc "),  # ctrl+u pages the list up before "/", never clears the line
        ("\x04/Maroc ", "Maroc "),
        ("/Marox\x7fc ", "Maroc "),  # backspace acts where it was typed
        ("/ab\x01X", "Xab"),  # ctrl+a, then a character at the start
    ],
)
async def test_keys_of_one_burst_act_in_the_order_they_were_typed(
    make_app: MakeApp, burst: str, line: str
) -> None:
    app = make_app(FakeLibrary())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for event in WholePasteParser().feed(burst):  # one read of the terminal: no pause between
            app.post_message(event)
        await settle(pilot, delay=0.5)
        assert main(app).search_bar.value == line


async def test_slash_selects_the_query_so_typing_starts_a_new_search(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        field = main(app).search_bar.input
        # "/" and a word: the word replaces the query, not glued onto it ("qatarturkey")
        await pilot.press("slash")
        await typed(pilot, "turkey")
        await pilot.press("enter")
        await settle(pilot)
        assert field.value == "turkey"
        assert main(app).query_text == "turkey"
        # "/", then End: the query is kept to be edited
        await pilot.press("slash", "end")
        await typed(pilot, " Ankara")
        assert field.value == "turkey Ankara"


async def test_keys_typed_after_escape_and_slash_at_once_stay_in_the_search_line(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        # escape, then "/" before the line has handled its leaving, then a word: no key of the
        # word reaches the list ("q" would quit, "e" export)
        keys = [("escape", None), ("slash", "/")] + [(ch, ch) for ch in "oman queue"]
        for key, character in keys:
            app.post_message(events.Key(key if key != " " else "space", character))
        await settle(pilot, delay=0.5)
        screen = main(app)
        assert app.is_running
        assert screen.focused is screen.search_bar.input
        assert screen.search_bar.value == "oman queue"


async def test_a_submit_handled_after_slash_leaves_the_focus_in_the_search_line(make_app: MakeApp) -> None:
    from tui_reader.ui.widgets.search_bar import SearchBar

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        # enter, then "/" before the screen has handled the submitted query (nor the focus event)
        screen.action_leave_search(True)
        screen.action_focus_search()
        screen._query_submitted(SearchBar.Submitted("qatar"))
        assert screen.focused is screen.search_bar.input


async def test_a_query_enter_j_and_n_in_one_burst_open_the_second_result_at_its_first_match(
    make_app: MakeApp,
) -> None:
    app = make_app(FakeLibrary())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # one read of the terminal: the live list of "q" is still on screen when j and n come
        for event in WholePasteParser().feed("/qatar\rjn"):
            app.post_message(event)
        await settle(pilot, delay=0.5)
        screen = main(app)
        assert screen.query_text == "qatar"
        assert [row.id for row in screen.article_list.rows][:2] == ["qatar-en", "seed"]
        assert screen.article_list.cursor == 1
        assert screen.article is not None and screen.article.id == "seed"
        assert screen.focused is screen.reader
        assert screen.reader.current_match == 0


@pytest.mark.parametrize("keys", ["js", "jm", "j\r"])
async def test_a_key_typed_with_the_query_and_enter_acts_on_the_list_enter_brings(
    make_app: MakeApp, keys: str
) -> None:
    library = FakeLibrary()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.article_list.cursor = 3  # somewhere down the whole list
        await settle(pilot)
        for event in WholePasteParser().feed("/qatar\r" + keys):  # one read of the terminal
            app.post_message(event)
        await settle(pilot, delay=0.5)
        assert [row.id for row in screen.article_list.rows][:2] == ["qatar-en", "seed"]
        marks = screen.session.marks
        if keys == "js":
            assert marks.bookmarked_ids == {"seed"}
        elif keys == "jm":
            assert "seed" in marks.read_ids and len(marks.read_ids) == 1
        else:
            assert screen.article is not None and screen.article.id == "seed"
            assert screen.focused is screen.reader
