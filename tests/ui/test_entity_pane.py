"""Pilot tests of the entity pane: a cursor visible across the whole row in every theme, a
width that grows with the terminal, and counts that say what they count."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.text import Text
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets._footer import FooterKey

from tests.ui.conftest import MakeApp, main, settle
from tests.ui.fake_library import FakeLibrary, make_article
from tui_reader.search import EntityCount, StoredArticle
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.widgets.entity_pane import EntityPane

NATO = "North Atlantic Treaty Organization"


def nato_article() -> list[StoredArticle]:
    text = f"The {NATO} met in Brussels. Turkey and Austria spoke; the {NATO} agreed."
    return [
        make_article(
            "nato",
            "NATO ministers meet",
            text,
            "2025-06-03",
            "en",
            [(NATO, "org:nato"), (NATO, "org:nato", 1), ("Turkey", "country:TR"), ("Austria", "country:AT")],
        )
    ]


def pane_lines(pane: EntityPane) -> list[str]:
    return [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]


def backgrounds(strip: Strip) -> set[Color | None]:
    return {segment.style.bgcolor if segment.style else None for segment in strip}


def colours(strip: Strip) -> set[Color | None]:
    return {segment.style.color if segment.style else None for segment in strip if segment.text.strip()}


def cursor_line(pane: EntityPane) -> int:
    assert pane.highlighted is not None
    return pane._index_to_line[pane.highlighted]


def after_cursor(pane: EntityPane) -> int:
    """The first line after the cursor's row, which may take several lines."""
    assert pane.highlighted is not None
    prompt = pane.get_option_at_index(pane.highlighted).prompt
    assert isinstance(prompt, Text)
    return cursor_line(pane) + prompt.plain.count("\n") + 1


# -- the cursor --------------------------------------------------------------------------------


async def _cursor_on_nato(app: BriefreadApp, pilot: Pilot[None]) -> EntityPane:
    await settle(pilot)
    pane = main(app).entity_pane
    pane.focus()
    await settle(pilot)
    pane.highlighted = pane.get_option_index("a:org:nato")
    await settle(pilot)
    return pane


async def test_entity_cursor_covers_the_whole_row(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _cursor_on_nato(app, pilot)
        row = pane.render_line(cursor_line(pane))
        assert "North Atlantic" in row.text
        # the name whole on the lines the cursor's row takes, cut on its own row
        lines = [pane.render_line(y).text.strip() for y in range(cursor_line(pane), after_cursor(pane))]
        assert " ".join(" ".join(lines).split()) == f"2× {NATO}"
        other = pane.render_line(after_cursor(pane))  # Turkey's row, or a heading
        (cursor_bg,) = backgrounds(row)  # one background from the first cell to the last
        assert cursor_bg not in backgrounds(other)
        # the text of the cursor's row is drawn in the cursor's own colour
        assert len(colours(row)) == 1
        focused_bg = cursor_bg

        main(app).article_list.focus()  # blurred: still shown, differently
        await settle(pilot)
        row = pane.render_line(cursor_line(pane))
        (blurred_bg,) = backgrounds(row)
        assert blurred_bg not in backgrounds(pane.render_line(after_cursor(pane)))
        assert blurred_bg != focused_bg


@pytest.mark.parametrize("theme", ["textual-light", "solarized-light", "gruvbox", "nord", "ansi-dark"])
async def test_entity_cursor_is_visible_in_every_theme(make_app: MakeApp, theme: str) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        pane = await _cursor_on_nato(app, pilot)
        row = pane.render_line(cursor_line(pane))
        (cursor_bg,) = backgrounds(row)
        (text_colour,) = colours(row)
        assert cursor_bg != text_colour
        for y in range(after_cursor(pane), after_cursor(pane) + 3):
            assert cursor_bg not in backgrounds(pane.render_line(y))


async def test_entity_cursor_colours_follow_the_theme(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _cursor_on_nato(app, pilot)
        y = after_cursor(pane) + 1  # a country of the article, not under the cursor
        before = colours(pane.render_line(y))
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        assert colours(pane.render_line(y)) != before


# -- the width ---------------------------------------------------------------------------------


async def test_entity_pane_grows_with_the_terminal(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        box = main(app).query_one("#entity-box")
        assert 40 <= box.outer_size.width <= 50
        lines = pane_lines(main(app).entity_pane)
        assert any(line.rstrip().endswith(NATO) for line in lines)
        assert not any("…" in line for line in lines)
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert main(app).query_one("#entity-box").outer_size.width == 30


async def test_second_name_only_when_it_fits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=0.3)
        await pilot.press("j")  # the seed: Morocco (Maroc), the United Nations (Nations unies)
        await settle(pilot, delay=0.3)
        lines = pane_lines(main(app).entity_pane)
        assert any("Morocco · Maroc" in line for line in lines)
        un = next(line for line in lines if "United Nations" in line)
        assert "…" not in un and "Nations unies" not in un  # no room for it whole: left out
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot, delay=0.3)
        await pilot.press("j")
        await settle(pilot, delay=0.3)
        lines = pane_lines(main(app).entity_pane)
        assert any("United Nations · Nations unies" in line for line in lines)


# -- counts: thousands separators, and mentions told from articles -----------------------------


async def test_facet_counts_have_thousands_separators(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=0.3)  # past the facets of the first search
        pane = main(app).entity_pane
        pane.show_facets(
            [
                EntityCount("country:MA", "country", "Morocco", "Maroc", 12564),
                EntityCount("org:un", "organization", "United Nations", "Nations unies", 7),
            ]
        )
        await settle(pilot)
        lines = pane_lines(pane)
        lines = lines[next(i for i, line in enumerate(lines) if line.startswith("In these results")) :]
        morocco = next(line for line in lines if "Morocco" in line)
        un = next(line for line in lines if "United Nations" in line)
        assert morocco.startswith("12,564 Morocco")
        assert un.index("United") == morocco.index("Morocco")  # one column for the counts


async def test_pane_counts_say_what_they_count(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=0.3)
        await pilot.press("j")  # the seed names Morocco 3 times
        await settle(pilot, delay=0.3)
        lines = pane_lines(main(app).entity_pane)
        article_heading = next(i for i, line in enumerate(lines) if line.startswith("In this article"))
        results_heading = next(i for i, line in enumerate(lines) if line.startswith("In these results"))
        assert "mentions" in lines[article_heading]
        assert "articles" in lines[results_heading]
        morocco = [line for line in lines if "Morocco" in line]
        assert morocco[0].lstrip().startswith("3× Morocco")  # in the article: mentions
        assert morocco[1].lstrip().startswith("2 Morocco")  # in the results: articles
        assert "×" not in " ".join(lines[results_heading:])


async def test_the_cursor_is_on_the_first_name_when_the_pane_gets_the_focus(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the article: its entities fill the pane
        await settle(pilot)
        pane = main(app).entity_pane
        assert pane.highlighted is None
        main(app).focus_pane(pane)
        await settle(pilot)
        assert pane.highlighted is not None
        option = pane.get_option_at_index(pane.highlighted)
        assert not option.disabled  # a name, not a heading
        assert pane.highlighted == min(
            i for i in range(pane.option_count) if not pane.get_option_at_index(i).disabled
        )


async def test_facet_names_cut_alike_are_told_apart_by_their_short_forms(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=0.3)  # past the facets of the first search
        pane = main(app).entity_pane
        pane.show_facets(
            [
                EntityCount(
                    "org:ma-dgsn",
                    "organization",
                    "General Directorate for National Security",
                    "Direction générale de la sûreté nationale",
                    3,
                ),
                EntityCount(
                    "org:ma-dgst",
                    "organization",
                    "General Directorate for Territorial Surveillance",
                    "Direction générale de la surveillance du territoire",
                    2,
                ),
                EntityCount("org:un", "organization", "United Nations", "Nations unies", 1),
            ]
        )
        await settle(pilot)
        lines = pane_lines(pane)
        lines = lines[next(i for i, line in enumerate(lines) if line.startswith("In these results")) + 1 :]
        dgsn, dgst, un = (line.strip() for line in lines[:3])
        assert dgsn != dgst
        assert dgsn.startswith("3 DGSN General") and dgsn.endswith("…")
        assert dgst.startswith("2 DGST General")
        assert un == "1 United Nations"  # a name that fits is shown as it is


async def test_the_help_lists_the_arrow_and_page_keys_of_the_entity_pane(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sections = {section.title: section for section in app.help_sections()}
        keys = {key.binding_id: key.keys for key in sections["Entity pane"].keys}
        assert keys["entities.down"] == "j, ↓" and keys["entities.up"] == "k, ↑"
        assert keys["entities.first"] == "g, home" and keys["entities.last"] == "G, end"
        assert keys["entities.page-down"] == "space, pgdn" and keys["entities.page-up"] == "b, pgup"
        # space pages the pane as it pages the list and the reader (it is no entity to choose)
        await pilot.press("enter")
        await settle(pilot)
        pane = main(app).entity_pane
        main(app).focus_pane(pane)
        await settle(pilot)
        first = pane.highlighted
        await pilot.press("space")
        await settle(pilot)
        assert pane.highlighted is not None and first is not None and pane.highlighted > first
        assert main(app).search_state.filters == ()


async def test_the_footer_shows_enter_to_list_an_entitys_articles(make_app: MakeApp) -> None:
    app = make_app(FakeLibrary(nato_article()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main(app).focus_pane(main(app).entity_pane)
        await settle(pilot)
        shown = {key.key: key.description for key in app.screen.query(FooterKey)}
        assert shown.get("enter") == "Its articles"
        sections = {section.title: section for section in app.help_sections()}
        keys = {key.binding_id: key.keys for key in sections["Entity pane"].keys}
        assert keys["entities.choose"] == "⏎, click"
        await pilot.press("enter")  # the first name: Austria (countries come first)
        await settle(pilot)
        assert [f.entity_id for f in main(app).search_state.filters] == ["country:AT"]


async def test_the_cursor_row_shows_every_name_whole(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, delay=0.3)  # past the facets of the first search
        pane = main(app).entity_pane
        long_name = "General Directorate for Territorial Surveillance"
        pane.show_facets(
            [
                EntityCount(
                    "org:ma-dgst", "organization", long_name, "Direction générale de la surveillance", 2
                ),
                EntityCount("org:un", "organization", "United Nations", "Nations unies", 1),
            ]
        )
        await settle(pilot)
        pane.focus()
        pane.highlighted = pane.get_option_index("f:org:ma-dgst")
        await settle(pilot)
        shown = " ".join(line.strip() for line in pane_lines(pane))
        # cut to fit the pane on its row, whole on the lines it takes under the cursor
        assert f"{long_name} · Direction générale de la surveillance" in " ".join(shown.split())
        pane.highlighted = pane.get_option_index("f:org:un")
        await settle(pilot)
        lines = pane_lines(pane)
        assert any(
            line.strip().startswith("2 DGST General") and line.rstrip().endswith("…") for line in lines
        )
        under = [pane.render_line(y).text for y in range(cursor_line(pane), after_cursor(pane))]
        assert " ".join(" ".join(under).split()) == "1 United Nations · Nations unies"
        # on two lines in this pane, the second starting under the name
        assert len(under) == 2 and under[1].startswith(" " * 5) and under[1][5] != " "
