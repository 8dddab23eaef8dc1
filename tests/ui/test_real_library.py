"""The app on a real index of a tiny corpus written by the fixtures."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import main, search_and_open, settle, typed
from tui_reader.config import Config, Locations
from tui_reader.entities import default_registry
from tui_reader.search import Library
from tui_reader.ui.app import BriefreadApp
from tui_reader.ui.screens.skipped import SkippedScreen
from tui_reader.ui.searching import live_query


def titles(app: BriefreadApp) -> list[str]:
    rows = main(app).article_list.rows
    return [rows[i].title for i in range(len(rows))]


async def on_line(pilot: Pilot[None], query: str) -> None:
    """`query` in the search line as if typed there (the line has the focus), and its search done."""
    assert isinstance(pilot.app, BriefreadApp)
    main(pilot.app).search_bar.set_value(query)
    await settle(pilot, delay=0.3)


def need_registry() -> None:
    if default_registry().entity("country:MA") is None:
        pytest.skip("the entity registry data is not installed")


async def test_open_search_read_and_filter(real_locations: Locations) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert titles(app)[0] == "Qatar hosts United Nations talks"  # newest first
        assert len(titles(app)) == 4
        assert "Hostile [bold]x[/] [link=file:/" in screen.article_list.render_line(3).text
        await pilot.press("slash")
        await typed(pilot, "qatar")
        assert len(titles(app)) == 2
        await pilot.press("enter")
        seed_row = next(i for i in range(2) if screen.article_list.rows[i].path == "seed.txt")
        screen.article_list.cursor = seed_row
        await pilot.press("enter")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and article.path == "seed.txt"
        assert len(screen.reader.matches) == 1  # Qatar
        counts = {e.id: e.mentions for e in screen.entity_pane.article_entities}
        assert counts["country:MA"] == 3  # Royaume du Maroc, Maroc, marocains
        assert "org:un" in counts and "country:QA" in counts
        # the UN, chosen in the entity pane, lists every article naming it, in both languages
        await pilot.press("tab")
        pane = screen.entity_pane
        pane.highlighted = pane.get_option_index("a:org:un")
        await pilot.press("enter", "slash", "escape")
        await settle(pilot, delay=0.16)
        langs = {screen.article_list.rows[i].lang for i in range(len(screen.article_list.rows))}
        assert langs == {"fr", "en"}
        assert sorted(titles(app))[0].startswith("Le directeur")


async def test_first_run_indexes_while_the_ui_stays_up(tiny_index: tuple[Path, Path], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(tiny_index[0], corpus)
    app = BriefreadApp(Locations(corpus, tmp_path / "index", tmp_path / "state"), Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.main_screen is not None  # painted before the index exists
        await settle(pilot)
        await settle(pilot)
        assert len(titles(app)) == 4
        assert "4 articles" in str(main(app).query_one("#index-text").render())


async def test_marks_survive_a_rebuild(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "escape", "j", "s")
        first, second = main(app).article_list.rows[0].id, main(app).article_list.rows[1].id
    library = Library.open(real_locations.corpus, real_locations.index)
    summary = library.update(rebuild=True)
    library.close()
    assert summary.rebuilt
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert main(app).article_list.rows[0].id == first
        assert app.session.marks.is_read(first)
        assert app.session.marks.is_bookmarked(second)


async def test_a_damaged_index_is_rebuilt_when_the_app_opens(real_locations: Locations) -> None:
    need_registry()
    for toc in real_locations.index.glob("*.toc"):
        toc.unlink()  # the index's table of contents is gone
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):
            await settle(pilot, delay=0.1)
            if len(titles(app)) == 4:
                break
        assert len(titles(app)) == 4
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("The index was damaged (its table of contents is missing)") for m in messages)


async def test_n_in_the_list_opens_the_article_at_its_first_match(real_locations: Locations) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.article_list
        await pilot.press("n")
        await settle(pilot)
        assert app.focused is screen.reader
        assert screen.reader.article is not None and screen.reader.matches
        assert screen.reader.current_match == 0
        await pilot.press("escape")  # back to the list
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert screen.reader.current_match == len(screen.reader.matches) - 1


async def test_n_typed_with_the_key_that_moved_the_cursor_goes_to_the_first_match(
    real_locations: Locations,
) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "qatar")
        await pilot.press("enter")
        await settle(pilot)
        assert len(titles(app)) == 2
        # "j" and "n" read together: n runs before the list says its cursor moved
        screen.article_list.cursor = 1
        screen.action_list_match(1)
        await settle(pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.id == screen.article_list.rows[1].id
        assert screen.reader.matches
        assert screen.reader.current_match == 0


async def test_enter_on_a_half_typed_word_keeps_what_typing_found(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "Qata")
        live = titles(app)
        assert live  # "Qatar" starts with it
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(titles(app)) == sorted(live)
        note = str(main(app).query_one("#search-message").render())
        assert "No article has the word 'Qata': these have words that start with it (Qata*)." in note
        # a word that no article has as written, though the French stem of one is it: the
        # articles whose words start with it, in every language
        await pilot.press("slash")
        await typed(pilot, "délég")
        live = titles(app)
        await pilot.press("enter")
        await settle(pilot)
        assert len(titles(app)) == 2 and sorted(titles(app)) == sorted(live)
        note = str(main(app).query_one("#search-message").render())
        assert "No article has the word 'délég': these have words that start with it (délég*)." in note
        # a word that articles have is searched as written
        await pilot.press("slash")
        await typed(pilot, "Qatar")
        await pilot.press("enter")
        await settle(pilot)
        assert not main(app).query_one("#search-message").display


async def test_a_note_that_goes_while_typing_leaves_its_line_until_the_search_line_is_left(
    real_locations: Locations,
) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note = main(app).query_one("#search-message")
        await pilot.press("slash")
        await typed(pilot, "Qatar country:Mar")
        assert note.display and str(note.render()).strip()  # a filter that names nothing yet
        top = main(app).article_list.region.y
        await typed(pilot, "oc")
        assert not str(note.render()).strip()
        assert note.display  # blank: the list stays where it was
        assert main(app).article_list.region.y == top
        await pilot.press("enter")
        await settle(pilot)
        assert not note.display


async def test_a_note_too_long_for_the_terminal_is_wrapped_whole(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(72, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "délég")
        await pilot.press("enter")
        await settle(pilot)
        note = main(app).query_one("#search-message")
        expected = "No article has the word 'délég': these have words that start with it (délég*)."
        assert len(expected) > note.content_region.width  # more than one line of this terminal
        assert note.size.height == 2
        shown = " ".join(note.render_line(y).text.strip() for y in range(note.size.height))
        assert shown == expected


async def test_enter_on_an_open_quote_searches_the_phrase_the_list_showed(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, '"Qatar hos')
        live = titles(app)
        assert live == ["Qatar hosts United Nations talks"]
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == live  # not every article with "Qatar" and a word "hos"
        note = str(main(app).query_one("#search-message").render())
        assert 'No article has the phrase "Qatar hos"' in note and '("Qatar hos*")' in note
        await pilot.press("slash")
        await typed(pilot, '"Qatar hosted')
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == live
        note = str(main(app).query_one("#search-message").render())
        assert note == 'The quote was not closed: searched "Qatar hosted".'
        # a last word too short to be the start of one: the phrase before it, as typing listed
        await pilot.press("slash")
        await typed(pilot, '"Qatar ho')
        live = titles(app)
        await pilot.press("enter")
        await settle(pilot)
        assert len(live) == 2 and sorted(titles(app)) == sorted(live)
        note = str(main(app).query_one("#search-message").render())
        assert note.startswith('No article has the phrase "Qatar ho": listed "Qatar"')


async def test_a_half_typed_filter_is_left_out_while_it_is_typed(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        everything = titles(app)
        await pilot.press("slash")
        notes = {
            "country:": "Listing without 'country:' while it is typed.",
            "(": "Nothing left to search: a parenthesis is not closed.",
            '"': "",  # a quote just opened: nothing to say yet
        }
        for query, note in notes.items():
            await on_line(pilot, query)  # as typed: the line has the focus
            assert titles(app) == everything  # not blanked on the way to "country:Maroc"
            message = screen.query_one("#search-message")
            assert str(message.render()).strip() == note
        await on_line(pilot, "country:Maroc")
        assert 0 < len(titles(app)) < len(everything)
        assert not str(screen.query_one("#search-message").render()).strip()  # blank while typing
        # enter on a query with nothing to search lists nothing, and says why
        await on_line(pilot, "country:")
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == []
        assert "'country:' has no value" in str(screen.query_one("#search-message").render())


async def test_a_filter_value_half_typed_is_left_out_while_it_is_typed(
    real_locations: Locations,
) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        note = screen.query_one("#search-message")
        await pilot.press("slash")
        await on_line(pilot, "Qatar")
        qatar = titles(app)
        assert len(qatar) == 2
        # the value of a filter being typed names nothing yet: the list is the rest's
        for query in ("Qatar country:M", "Qatar country:Mar", "Qatar date:2025-0", "Qatar lang:e"):
            await on_line(pilot, query)
            assert titles(app) == qatar, query
            filter_typed = query.split()[-1]
            assert str(note.render()) == f"Listing without {filter_typed!r} while it is typed.", query
        await on_line(pilot, "Qatar country:Maroc")
        assert len(titles(app)) == 2
        assert not str(note.render()).strip()  # blank while typing
        # a filter that names something is searched, even when no article has it
        await on_line(pilot, "Qatar country:Austria")
        assert titles(app) == []
        # enter searches the query as written: nothing, and why
        await on_line(pilot, "Qatar country:Mar")
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == []
        assert "No country is called 'Mar'" in str(note.render())


async def test_a_pasted_query_lists_the_same_as_one_typed_key_by_key(real_locations: Locations) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        note = screen.query_one("#search-message")
        await pilot.press("slash")
        await on_line(pilot, "Qatar")
        qatar = titles(app)
        assert len(qatar) == 2
        await on_line(pilot, "")
        # the whole query at once, after a list of everything: the list is not what the first
        # key or the list before found, but the query's without its half-typed filter
        await on_line(pilot, "Qatar country:Atlantis")
        assert titles(app) == qatar
        assert str(note.render()) == "Listing without 'country:Atlantis' while it is typed."
        assert str(screen.query_one("#status-text").render()).startswith("2 articles")
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == []
        assert "No country is called 'Atlantis'" in str(note.render())


async def test_a_phrase_half_typed_narrows_the_list_as_it_is_typed(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await on_line(pilot, "Qatar")
        qatar = titles(app)
        assert len(qatar) == 2
        # the phrase's last word is half typed: it is read as the start of a word
        await on_line(pilot, '"Qata')
        assert titles(app) == qatar
        await on_line(pilot, '"Qatar hos')
        assert titles(app) == ["Qatar hosts United Nations talks"]
        # no word starts with it: the phrase's complete words are listed, not a blank list
        await on_line(pilot, '"Qatar zq')
        assert titles(app) == qatar
        await on_line(pilot, '"Qatar hos')
        # enter closes the phrase, which no article has as written: its last word stays the
        # start of a word, as typing read it (`test_enter_on_an_open_quote_...`)
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == ["Qatar hosts United Nations talks"]


async def test_an_index_deleted_while_the_app_is_open_is_built_again(real_locations: Locations) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(titles(app)) == 4
        shutil.rmtree(real_locations.index)
        main(app)._poll()
        await settle(pilot)
        await settle(pilot)
        assert len(titles(app)) == 4
        assert "4 articles" in str(main(app).query_one("#index-text").render())
    assert Library.open(real_locations.corpus, real_locations.index).built


async def test_a_match_in_a_title_apart_from_the_text_is_highlighted(
    tmp_path: Path, make_app: Callable[..., BriefreadApp]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief.md").write_text(
        "---\ntitle: Élection au Sénégal\ndate: 2025-03-02\n---\nLe vote a eu lieu dimanche à Dakar.\n",
        encoding="utf-8",
    )
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "élection")
        reader = main(app).reader
        assert reader.article is not None and reader.article.title == "Élection au Sénégal"
        assert reader.matches == [] and reader.title_matches == [(0, 8)]
        title = reader._lines[0]
        match = reader.get_component_rich_style("reader--match")
        assert [title.plain[s.start : s.end] for s in title.spans if s.style == match] == ["Élection"]
        await pilot.press("n")  # nothing to move to in the text, and it says where the match is
        await settle(pilot)
        assert "The search matches only the title of this article." in [n.message for n in app._notifications]
        await pilot.press("slash")
        await typed(pilot, "Dakar")
        await pilot.press("enter")
        await settle(pilot)
        assert reader.title_matches == []
        assert not [s for s in reader._lines[0].spans if s.style == match]


async def typing_qatar(pilot: Any, app: BriefreadApp) -> tuple[Any, Any]:
    """Type "Qatar" in the search line of the app just started; its screen and status line."""
    await settle(pilot)
    screen = main(app)
    status = screen.query_one("#status-text")
    await pilot.press("slash")
    await typed(pilot, "Qatar")
    assert "newest first while typing" in str(status.render())
    return screen, status


async def test_an_index_update_while_a_query_is_typed_keeps_it_a_live_filter(
    real_locations: Locations,
) -> None:
    shutil.rmtree(real_locations.index)  # the copy was built for the fixture's corpus: one of its own
    Library.open(real_locations.corpus, real_locations.index).update()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen, status = await typing_qatar(pilot, app)
        (real_locations.corpus / "oman.md").write_text(
            "---\ntitle: Qatar and Oman\ndate: 2020-01-01\nlang: en\n---\nQatar, Qatar, Qatar and Oman.\n",
            encoding="utf-8",
        )
        screen.action_update_index()  # as the folder watch does while the line keeps the keys
        for _ in range(50):
            await settle(pilot, delay=0.1)
            if len(titles(app)) == 3:
                break
        # the new article is listed where newest first puts it (by relevance it would come first)
        assert len(titles(app)) == 3
        assert titles(app)[-1] == "Qatar and Oman"
        assert "newest first while typing" in str(status.render())
        assert screen.focused is screen.search_bar.input


async def test_x_removes_the_last_filter_typed_in_the_query(real_locations: Locations) -> None:
    need_registry()
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await typed(pilot, "Qatar")
        qatar = titles(app)
        await typed(pilot, " country:Austria")
        await pilot.press("enter")
        await settle(pilot)
        assert titles(app) == []
        await pilot.press("x")  # in the list: no entity was chosen, the query's filter goes
        await settle(pilot)
        assert screen.search_bar.value == "Qatar"
        assert sorted(titles(app)) == sorted(qatar)
        await pilot.press("x")
        await settle(pilot)
        assert screen.search_bar.value == "Qatar"
        assert any(n.message == "No filter to remove." for n in app._notifications)


@pytest.mark.parametrize(
    ("typed", "query", "note"),
    [
        # a filter's value typed in quotes: closed when it names something, else left out
        ('Qatar org:"United Nations', 'Qatar org:"United Nations"', ""),
        ('Qatar org:"Atlant', "Qatar", "Listing without 'org:\"Atlant' while it is typed."),
        ("Qatar -country:Atlant", "Qatar", "Listing without 'country:Atlant' while it is typed."),
        # a negated phrase excludes only its complete words, never a word being typed
        ('Qatar NOT "United Nat', 'Qatar NOT "United"', ""),
        ('Qatar NOT "Unit', "Qatar", ""),
        ('Qatar -"United Nat', 'Qatar -"United"', ""),
        # an open phrase: its complete words, then its last word as a prefix, in that order
        ('"Qatar hos', '"Qatar hos*"', ""),
        ('"Qatar United Nat', '"Qatar United Nat*"', ""),
        ('"Qatar ', '"Qatar"', ""),
    ],
)
def test_what_a_query_being_typed_searches(
    real_locations: Locations, typed: str, query: str, note: str
) -> None:
    need_registry()
    library = Library.open(real_locations.corpus, real_locations.index)
    live = live_query(library, typed)
    assert (live.query, live.note) == (query, note)


async def test_the_reader_highlights_what_found_the_list_while_the_query_is_typed(
    real_locations: Locations,
) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash")
        await on_line(pilot, '"Qatar hos')
        assert titles(app) == ["Qatar hosts United Nations talks"]
        assert screen._searched == ('"Qatar hos*"', '"Qatar hos"')
        screen.article_list.cursor = 0
        screen.open_article(screen.article_list.rows[0])
        await settle(pilot)
        reader = screen.reader
        assert reader.article is not None
        title = reader.article.title
        assert [title[s:e] for s, e in reader.title_matches] == ["Qatar hosts"]  # not "Qatar" alone


@pytest.mark.parametrize("leave", ["click", "tab"])
async def test_leaving_the_search_line_by_a_click_or_tab_searches_the_query_as_written(
    real_locations: Locations, leave: str
) -> None:
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen, status = await typing_qatar(pilot, app)
        if leave == "click":
            screen.set_focus(screen.article_list)  # as a click on the list does
        else:
            await pilot.press("tab")
        await settle(pilot)
        assert screen.focused is not screen.search_bar.input
        assert "relevance" in str(status.render()) and "typing" not in str(status.render())
        await pilot.press("o")  # a sort of the query as written
        await settle(pilot)
        assert "newest first" in str(status.render()) and "typing" not in str(status.render())


async def test_the_app_indexes_in_a_child_process(
    real_locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and tagging the corpus in the app's own process would make each key wait for it."""
    import os
    import subprocess

    from tui_reader.search import library as library_module

    children: list[subprocess.Popen[bytes]] = []
    real = library_module.update_in_child

    def recording(*args: Any, **kwargs: Any) -> Any:
        assert "started" not in kwargs
        return real(*args, started=children.append, **kwargs)

    monkeypatch.setattr(library_module, "update_in_child", recording)
    shutil.rmtree(real_locations.index)
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await settle(pilot)
            if len(titles(app)) == 4 and not main(app).indexing:
                break
        assert len(titles(app)) == 4
        assert children and all(c.pid != os.getpid() and c.poll() is not None for c in children)


async def test_an_indexer_that_was_killed_says_first_which_key_goes_on(
    real_locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status line may show no more than its first words: the key comes first."""
    from tui_reader.search import IndexStopped
    from tui_reader.search import library as library_module

    def killed(*args: Any, **kwargs: Any) -> Any:
        raise IndexStopped("its process was stopped by SIGKILL")

    monkeypatch.setattr(library_module, "update_in_child", killed)
    shutil.rmtree(real_locations.index)
    app = BriefreadApp(real_locations, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await settle(pilot)
            if not main(app).indexing:
                break
        shown = str(main(app).query_one("#index-text").render())
        assert shown.startswith("Indexing stopped: press R to go on (its process was stopped by SIGKILL")
        # the empty list says why it is empty, not that the corpus has no articles
        listing = main(app).article_list
        text = " ".join(
            listing.render_line(y).text.strip() for y in range(6) if listing.render_line(y).text.strip()
        )
        assert text.startswith("No article is indexed yet. Indexing stopped: press R to go on"), text


async def test_the_files_the_index_left_out_are_listed_with_why(
    tmp_path: Path, make_app: Callable[..., BriefreadApp]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief.md").write_text(
        "---\ntitle: Vote\ndate: 2025-03-02\n---\nLe vote a eu lieu.\n", encoding="utf-8"
    )
    (corpus / "junk.txt").write_bytes(b"\x00\x01\x02\x1b[31m" * 200)
    (corpus / "records.jsonl").write_text(
        '{"id": "a", "text": "Le Maroc."}\n[b]not json\x1b]0;x\x07\n', encoding="utf-8"
    )
    (corpus / "loop").symlink_to(corpus / "loop")
    library = Library.open(corpus, tmp_path / "index")
    library.update()  # nothing is stale when the app opens: the list comes from the index's record
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, SkippedScreen)
        text = "\n".join(
            w.render_line(y).text
            for w in app.screen.query("#skipped-body Static")
            for y in range(w.size.height)
        )
        assert "3 left out" in text
        assert "junk.txt" in text and "binary file" in text
        assert "records.jsonl, line 2" in text
        assert "loop" in text and "symlink loop" in text
        assert "\x1b" not in text and "\x07" not in text  # a line's text is shown as data
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SkippedScreen)
        keys = {k.binding_id: k.keys for s in app.help_sections() for k in s.keys}
        assert keys["index.skipped"] == "!"


async def test_an_index_that_left_nothing_out_says_so(
    tmp_path: Path, make_app: Callable[..., BriefreadApp]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief.txt").write_text("Le vote a eu lieu.\n", encoding="utf-8")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert not isinstance(app.screen, SkippedScreen)
        assert "The index left no file out." in [n.message for n in app._notifications]
