"""Pilot tests of the reader pane: keeping the reading place when the terminal is resized, the
metadata lines under the title, and what `n`/`N` say when there is nothing to jump to."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events

from tests.ui.conftest import MakeApp, search_and_open, search_for, settle, typed
from tests.ui.fake_library import FakeLibrary, make_article
from tui_reader.search import StoredArticle
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.article_meta import metadata_lines, shorten_middle
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.reader import ReaderView

URL = "https://example.org/briefs/nato-air-defence-ministers-meeting-in-brussels-2025-06-03"
PATH = "briefs/2025/06/defence/nato-air-defence-ministers-meeting-in-brussels.md"


def long_article(paragraphs: int = 40) -> StoredArticle:
    """An article whose every sentence can be told apart, a few screens long at any width."""
    text = "\n\n".join(
        " ".join(f"Paragraph {p} sentence {s} says something about the weather." for s in range(6))
        for p in range(paragraphs)
    )
    text += "\n\nAt the end Qatar is named once.\n\nAnd Qatar is named again, last."
    return make_article("long", "A long brief", text, "2025-06-03", "en")


def reader_of(app: BriefreadApp) -> ReaderView:
    screen = app.main_screen
    assert isinstance(screen, MainScreen)
    return screen.reader


def top_line(reader: ReaderView) -> tuple[int, str]:
    """The body offset and the text of the first visible line."""
    index = round(reader.scroll_y)
    return reader._line_starts[index], reader._lines[index].plain


def shows_offset(reader: ReaderView, offset: int) -> bool:
    """Whether the first visible line holds body offset `offset`."""
    start, text = top_line(reader)
    return 0 <= start <= offset <= start + len(text)


def visible(reader: ReaderView, line: int) -> bool:
    top = round(reader.scroll_y)
    return top <= line < top + reader.scrollable_content_region.height


async def open_first(pilot: object, app: BriefreadApp) -> ReaderView:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    reader = reader_of(app)
    assert app.focused is reader
    return reader


# -- 1. resizing keeps the place --------------------------------------------------------------


async def test_resize_keeps_the_top_line_of_the_text(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, app)
        await pilot.press("space", "space", "space", "j", "j")
        await settle(pilot)
        offset, text = top_line(reader)
        assert offset > 0
        for width in (200, 80, 160, 120):
            await pilot.resize_terminal(width, 40)
            await settle(pilot)
            assert shows_offset(reader, offset), (width, top_line(reader), text)
        # back at the first width, the very same line is at the top (the place does not drift)
        assert top_line(reader) == (offset, text)


async def test_resize_keeps_the_top_line_in_the_middle_of_a_paragraph(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, app)
        await pilot.press("space", "j", "j", "j", "j", "j")
        await settle(pilot)
        offset, _ = top_line(reader)
        await pilot.resize_terminal(80, 40)
        await settle(pilot)
        assert shows_offset(reader, offset)
        # scrolling after a resize starts a new place: the next resize keeps that one
        await pilot.press("j")
        await settle(pilot)
        offset, _ = top_line(reader)
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        assert shows_offset(reader, offset)


async def test_resize_to_a_size_the_article_fits_and_back_keeps_the_place(make_app: MakeApp) -> None:
    # Grown until the whole article fits, the reader is scrolled to its top by Textual before it
    # hears of the resize; shrunk again, it shows the line it showed before.
    app = make_app(FakeLibrary([long_article(6)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, app)
        await pilot.press(*["j"] * 10)
        await settle(pilot)
        offset, _ = top_line(reader)
        assert offset > 0
        for width, height in ((80, 24), (60, 15), (200, 60), (120, 40)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            if reader.max_scroll_y:
                assert shows_offset(reader, offset), (width, height, top_line(reader))
        assert reader.max_scroll_y > 0
        # taller only (the width, and so the lines, unchanged), then back
        offset, text = top_line(reader)
        await pilot.resize_terminal(120, 100)
        await settle(pilot)
        assert reader.max_scroll_y == 0
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert top_line(reader) == (offset, text)


async def test_resize_keeps_the_current_match_in_view(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        reader = await open_first(pilot, app)
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 0
        for width in (80, 60, 200, 120):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            assert visible(reader, reader.line_of_offset(reader.matches[0][0])), width


async def test_resize_at_the_end_keeps_the_end_in_view(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, app)
        await pilot.press("G")
        await settle(pilot)
        last = len(reader._lines) - 1
        assert visible(reader, last) and reader.scroll_y > 0
        for width, height in ((80, 24), (40, 12), (160, 40)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            last = len(reader._lines) - 1
            assert visible(reader, last), (width, height)
            assert reader._lines[last].plain.strip() == "And Qatar is named again, last."


async def test_resize_at_the_top_stays_at_the_top(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, app)
        for width in (200, 80, 120):
            await pilot.resize_terminal(width, 40)
            await settle(pilot)
            assert reader.scroll_y == 0


# -- 2. metadata lines ------------------------------------------------------------------------


def header_lines(reader: ReaderView) -> list[str]:
    """The lines above the rule that separates the title and metadata from the text."""
    lines = [line.plain for line in reader._lines]
    rule = next(i for i, line in enumerate(lines) if line and set(line) == {"─"})
    return lines[:rule]


async def test_metadata_breaks_between_fields_and_never_inside_a_url(make_app: MakeApp) -> None:
    article = make_article("nato", "NATO air defence ministers meet", "Text.", "2025-06-03", "en")
    article = StoredArticle(
        article.id, PATH, 0, article.title, article.text, article.date, article.lang, "AFP", URL, ()
    )
    app = make_app(FakeLibrary([article]))
    for size in ((120, 40), (80, 24), (200, 40)):
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            reader = await open_first(pilot, app)
            width = reader.scrollable_content_region.width
            lines = header_lines(reader)
            assert all(cell_len(line) <= width for line in lines), lines
            assert not any(line.endswith("·") or line.startswith("·") for line in lines), lines
            assert any(line.startswith("2025-06-03 · en") for line in lines), lines
            # the URL and the path are on one line each, whole or shortened in the middle
            url_lines = [line for line in lines if "https:" in line or "-2025-06-03" in line]
            assert len(url_lines) == 1, lines
            url_line = url_lines[0]
            assert url_line.startswith("url: https://example.")
            assert url_line.endswith("2025-06-03")
            assert URL in url_line or "…" in url_line
            path_lines = [
                line
                for line in lines
                if not line.startswith("url:") and ("briefs/" in line or "brussels.md" in line)
            ]
            assert len(path_lines) == 1, lines
            assert path_lines[0].endswith("brussels.md")
            assert PATH in path_lines[0] or "…" in path_lines[0]
            app = make_app(FakeLibrary([article]))


def test_metadata_lines_fit_every_width() -> None:
    wide_path = "報告/" + "東京" * 20 + ".md"  # wide characters take two cells each
    for path in (PATH, wide_path):
        for width in range(1, 121):
            lines = metadata_lines(
                date="2025-06-03", lang="en", path=path, source="Agence France-Presse", url=URL, width=width
            )
            assert all(cell_len(line) <= width for line in lines), (width, lines)
            assert not any(line.endswith(" ·") or line.startswith("· ") for line in lines), lines
            if width >= 13:  # room for "url: " and a useful part of the URL
                # a path or URL is whole or keeps its start and its end around one ellipsis
                assert any(path in line or path.endswith(line.split("…")[-1]) for line in lines)
                url_line = lines[-1]
                assert url_line.startswith("url: http")
                assert URL in url_line or URL.endswith(url_line.split("…")[-1])


def test_shorten_middle() -> None:
    assert shorten_middle("abcdef", 6) == "abcdef"
    assert shorten_middle("abcdefgh", 5) == "ab…gh"
    assert shorten_middle("abcdefgh", 1) == "…"
    assert shorten_middle("abcdefgh", 0) == ""
    assert cell_len(shorten_middle("東京東京東京", 6)) <= 6


# -- 3. n/N with nothing to jump to -----------------------------------------------------------


async def test_n_without_matches_says_so(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = await open_first(pilot, app)
        assert reader.matches == []
        await pilot.press("n")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("No search matches in this article" in m and "/" in m for m in messages), messages
        assert reader.current_match == -1
        assert reader.scroll_y == 0


async def test_N_with_a_query_that_this_article_lacks_says_so(make_app: MakeApp) -> None:
    articles = [
        long_article(),
        make_article("other", "Other brief about weather", "No such word here.", "2024-01-01", "en"),
    ]
    app = make_app(FakeLibrary(articles))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "weather")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("G")  # the other brief: "weather" only in its title
        await settle(pilot)
        reader = await open_first(pilot, app)
        assert reader.article is not None and reader.article.id == "other"
        assert reader.matches == []
        await pilot.press("N")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("No search matches in this article" in m for m in messages), messages


# -- 4. n/N go on from the place the reader was scrolled to -----------------------------------


def spaced_matches_article() -> StoredArticle:
    """Qatar once every fifth paragraph but the last ten: ten matches several screens apart,
    then more than a screen without one."""
    text = "\n\n".join(
        (f"Paragraph {p} names Qatar. " if p % 5 == 0 and p < 50 else "")
        + " ".join(f"Paragraph {p} sentence {s} says something about the weather." for s in range(4))
        for p in range(60)
    )
    return make_article("spaced", "A brief about Qatar", text, "2025-06-03", "en")


def match_line(reader: ReaderView) -> int:
    return reader.line_of_offset(reader.matches[reader.current_match][0])


async def test_n_and_N_go_on_from_where_the_reader_was_scrolled(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([spaced_matches_article()]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        reader = await open_first(pilot, app)
        lines = [reader.line_of_offset(start) for start, _ in reader.matches]
        assert len(lines) == 10
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 0
        # paged down far past the first match: n is the first match below, not the second one
        await pilot.press(*["space"] * 6)
        await settle(pilot)
        top = round(reader.scroll_y)
        assert lines[1] < top
        await pilot.press("n")
        await settle(pilot)
        expected = next(i for i, line in enumerate(lines) if line >= top)
        assert reader.current_match == expected and match_line(reader) >= top
        # at the bottom, N is the last match, not the one before the current
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert reader.current_match == len(lines) - 1
        # back at the top, n is the first match again (no wrap is said)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 0
        legend = str(app.main_screen.query_one("#legend").render())  # type: ignore[union-attr]
        assert "match 1/10" in legend and "wrapped" not in legend
        # while the current match is in view, n and N step from it
        await pilot.press("n", "n", "N")
        await settle(pilot)
        assert reader.current_match == 1


async def test_n_to_a_match_on_the_last_lines_brings_it_up_with_text_below(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([spaced_matches_article()]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "qatar")
        reader = await open_first(pilot, app)
        height = reader.scrollable_content_region.height
        second = reader.line_of_offset(reader.matches[1][0])
        reader.scroll_to(y=second - height + 1, animate=False, immediate=True)  # on the last line
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 1
        top = round(reader.scroll_y)
        assert top <= second < top + height - 2
        assert second - top == height // 3


async def test_J_and_n_typed_at_once_go_to_the_first_match_of_the_next_article(make_app: MakeApp) -> None:
    second = make_article("second", "Another brief", long_article().text, "2025-01-01", "en")
    app = make_app(FakeLibrary([spaced_matches_article(), second]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "qatar")
        reader = await open_first(pilot, app)
        first = reader.article
        assert first is not None
        for key in ("J", "n"):  # in one burst: n before the next article is there
            app.post_message(events.Key(key, key))
        await settle(pilot, delay=0.3)
        assert reader.article is not None and reader.article.id != first.id
        assert reader.current_match == 0
        assert visible(reader, reader.line_of_offset(reader.matches[0][0]))
        for key in ("K", "n", "n"):  # back, and the n after the first one moves on from it
            app.post_message(events.Key(key, key))
        await settle(pilot, delay=0.3)
        assert reader.article is not None and reader.article.id == first.id
        assert reader.current_match == 1


async def test_n_after_scrolling_before_any_match_starts_from_the_view(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary([spaced_matches_article()]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        reader = await open_first(pilot, app)
        lines = [reader.line_of_offset(start) for start, _ in reader.matches]
        await pilot.press(*["space"] * 4)
        await settle(pilot)
        top = round(reader.scroll_y)
        bottom = top + reader.scrollable_content_region.height - 1
        await pilot.press("N")
        await settle(pilot)
        assert reader.current_match == max(i for i, line in enumerate(lines) if line <= bottom)
        # past the last match, n wraps to the first and says so
        await pilot.press("G")
        await settle(pilot)
        assert lines[-1] < round(reader.scroll_y)
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 0
        legend = str(app.main_screen.query_one("#legend").render())  # type: ignore[union-attr]
        assert "wrapped to the top" in legend


async def test_new_matches_of_the_article_shown_keep_the_current_one_where_it_still_matches(
    make_app: MakeApp,
) -> None:
    app = make_app(FakeLibrary([long_article()]))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "qatar")
        reader = reader_of(app)
        await pilot.press("n", "n")
        await settle(pilot)
        second = reader.matches[1]
        # an index update brings the same article again, with one more match before: the
        # second match stays current, now the third
        reader.set_matches([(0, 9), *reader.matches])
        assert reader.matches[reader.current_match] == second
        # matches that no longer hold it: none is current
        reader.set_matches([(0, 9)])
        assert reader.current_match == -1
