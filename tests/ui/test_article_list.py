"""Pilot tests of the article list: entity badges that fit the row (short forms, skipped when
too long, a share of the row that grows with it) and an empty message that wraps."""

from __future__ import annotations

import pytest

from tests.ui.conftest import MakeApp, main, settle, typed
from tests.ui.fake_library import FakeLibrary, make_article, sample_articles
from tui_reader.search import StoredArticle
from tui_reader.ui.entity_names import BADGE_WIDTH, entity_badge
from tui_reader.ui.widgets.article_list import MIN_TITLE, _badges, badge_budget

INTERPOL_TEXT = (
    "Interpol trained border officers of Senegal, Mali, Guinea and Mauritania, with the "
    "support of the European Union and Germany. Senegal hosted the course; Interpol paid for it "
    "and Interpol will hold the next one."
)


def interpol_article() -> list[StoredArticle]:
    return [
        make_article(
            "interpol",
            "Interpol trains border officers in Senegal",
            INTERPOL_TEXT,
            "2024-10-15",
            "en",
            [
                ("Interpol", "org:interpol"),
                ("Interpol", "org:interpol", 1),
                ("Interpol", "org:interpol", 2),
                ("Senegal", "country:SN"),
                ("Senegal", "country:SN", 1),
                ("Mali", "country:ML"),
                ("Guinea", "country:GN"),
                ("Mauritania", "country:MR"),
                ("European Union", "org:eu"),
                ("Germany", "country:DE"),
            ],
        )
    ]


# -- badges ------------------------------------------------------------------------------------


def test_organization_badges_prefer_short_forms() -> None:
    assert entity_badge("country:SN") == "SN"
    assert entity_badge("org:interpol") == "Interpol"
    assert entity_badge("org:nato") == "NATO"
    assert entity_badge("org:un") == "UN"
    assert entity_badge("org:imf") == "IMF"
    assert entity_badge("org:ma-dgsn") == "DGSN"
    assert entity_badge("org:hamas") == "Hamas"
    assert entity_badge("rule:dgsn") == ""
    assert all(len(entity_badge(i)) <= BADGE_WIDTH for i in ("org:european-commission", "org:arab-league"))


def test_badges_are_in_latin_letters() -> None:
    # these organizations have a one-word Arabic name and no short Latin form
    assert entity_badge("org:l-express") == "L'Expre…"
    assert entity_badge("org:bloomberg") == "Bloombe…"
    assert entity_badge("org:wikileaks") == "WikiLea…"


def test_a_badge_that_does_not_fit_is_skipped_not_the_rest() -> None:
    entities = ("org:european-commission", "country:SN", "country:ML")
    free, title = 28, 60  # a long title: the badges get their reserved share (7 cells)
    assert badge_budget(free, title) == 7
    assert _badges(entities, free, title) == "SN ML"


def test_badge_budget_grows_with_the_row_and_leaves_the_title_room() -> None:
    assert badge_budget(MIN_TITLE + 2, 80) == 0  # too narrow: the title alone
    budgets = [badge_budget(free, 200) for free in (32, 46, 61, 100)]
    assert budgets == sorted(budgets) and budgets[0] >= 5
    for free in range(MIN_TITLE + 3, 120):
        assert free - badge_budget(free, 200) - 1 >= MIN_TITLE
    # a short title leaves its room to the badges
    assert badge_budget(40, 10) == 29


async def test_badges_at_200_columns(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(interpol_article()))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        row = main(app).article_list.render_line(0).text
        assert "Interpol trains border officers in Senegal" in row
        assert row.rstrip().endswith("Senegal  Interpol SN ML GN")  # the whole title, and badges


@pytest.mark.parametrize("width", [120, 140])
async def test_badges_at_the_default_sizes(make_app: MakeApp, width: int) -> None:
    app = make_app(FakeLibrary(interpol_article() + sample_articles()))
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        listing = main(app).article_list
        rows = {listing.rows[y].id: listing.render_line(y).text for y in range(len(listing.rows))}
        assert rows["qatar-en"].rstrip().endswith("… QA UN MA")  # the title is cut for them
        assert rows["turkey-en"].rstrip().endswith("TR AT")
        assert rows["interpol"].rstrip().endswith("… Interpol")
        assert rows["seed"].rstrip().endswith("… MA AT UN")


@pytest.mark.parametrize("width", [130, 140, 160])
async def test_the_list_shows_the_day_of_each_article_from_130_columns(make_app: MakeApp, width: int) -> None:
    app = make_app(FakeLibrary(interpol_article()))
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        assert " 2024-10-15 en " in main(app).article_list.render_line(0).text


# -- the empty list ----------------------------------------------------------------------------


async def test_empty_message_wraps(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "zzzz")
        listing = main(app).article_list
        assert not listing.rows
        lines = [listing.render_line(y).text for y in range(6)]
        text = " ".join(line.strip() for line in lines if line.strip())
        # from the search line, the first escape leaves it, the second clears the search
        assert text == "No article matches. Press escape twice to clear the search."
        assert not any("…" in line for line in lines)
        await pilot.press("escape")
        await settle(pilot)
        text = " ".join(
            listing.render_line(y).text.strip() for y in range(6) if listing.render_line(y).text.strip()
        )
        assert text == "No article matches. Press escape to go back to the search before."


async def test_empty_message_names_the_entity_filter_that_narrows_the_search(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main(app).add_entity_filter("country:QA", "Qatar")
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "zzzz")
        listing = main(app).article_list
        assert not listing.rows
        text = " ".join(
            listing.render_line(y).text.strip() for y in range(6) if listing.render_line(y).text.strip()
        )
        assert text.startswith("No article naming Qatar matches (x in the list removes it).")
        main(app).add_entity_filter("country:MA", "Morocco")
        await settle(pilot)
        text = " ".join(
            listing.render_line(y).text.strip() for y in range(6) if listing.render_line(y).text.strip()
        )
        assert text.startswith("No article naming Qatar, Morocco matches (x in the list removes the last).")


async def test_empty_message_says_escape_goes_back_when_there_is_a_search_before(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")  # a search entered: escape comes back to it
        await settle(pilot)
        await pilot.press("slash", "ctrl+u")
        await typed(pilot, "zzzz")
        await pilot.press("enter")
        await settle(pilot)
        listing = main(app).article_list
        assert not listing.rows
        text = " ".join(listing.render_line(y).text.strip() for y in range(6))
        assert "Press escape to go back to the search before." in text
        await pilot.press("escape")
        await settle(pilot)
        assert main(app).search_bar.input.value == "qatar" and listing.rows


async def test_the_current_row_shows_when_the_list_is_not_focused_in_16_colours(make_app: MakeApp) -> None:
    from rich.color import ColorSystem

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.focus_pane(screen.reader)
        await settle(pilot)
        listing = screen.article_list

        def underlined(row: int) -> bool:
            listing._line_cache.clear()
            return all(seg.style is not None and seg.style.underline for seg in listing.render_line(row))

        app.console._color_system = ColorSystem.TRUECOLOR
        assert not underlined(listing.cursor)  # in more colours, its background tells it
        app.console._color_system = ColorSystem.STANDARD
        assert underlined(listing.cursor)
        assert not underlined(listing.cursor + 1)
        screen.focus_pane(listing)
        await settle(pilot)
        assert not underlined(listing.cursor)  # focused, its background is a colour of its own


async def test_an_empty_marks_view_says_no_article_has_the_mark(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v", "v")  # unread, then bookmarked: none is bookmarked
        await settle(pilot)
        listing = main(app).article_list
        assert not listing.rows
        text = " ".join(listing.render_line(y).text.strip() for y in range(6))
        assert "No article is bookmarked yet (s in the list or the reader bookmarks one)." in text
        assert "No article matches" not in text
        # with a query, the view narrows it: the message names the view and how to change it
        await pilot.press("slash")
        await typed(pilot, "zzzz")
        await pilot.press("enter")
        await settle(pilot)
        text = " ".join(listing.render_line(y).text.strip() for y in range(6))
        assert "No bookmarked article matches (v in the list changes the view)." in text
