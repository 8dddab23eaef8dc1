"""Markup, escape sequences and bidi controls in articles are shown literally, never obeyed."""

from __future__ import annotations

from collections.abc import Callable

from tests.ui.conftest import settle
from tests.ui.fake_library import FakeLibrary, make_article
from tui_reader.ui.app import BriefreadApp

HOSTILE_TITLE = "Hostile [bold]x[/] [link=file:///etc/passwd]y[/link] [@click=app.quit]z[/]"


def screen_text(app: BriefreadApp) -> str:
    """Everything on screen, as the terminal would receive it (SVG export of the frame)."""
    return app.export_screenshot()


async def test_markup_and_controls_are_shown_literally(make_app: Callable[..., BriefreadApp]) -> None:
    text = (
        "Markup [bold red]x[/] and a lone [/] stay literal, [@click=app.quit]quit[/] too.\n\n"
        "Escape \x1b[2J clear, OSC 52 \x1b]52;c;aGVsbG8=\x07 and OSC 8 \x1b]8;;http://x\x1b\\link, "
        "title \x1b]0;pwned\x07, C1 \x9b31m, bidi \u202eevil\u202c end, zero\u200bwidth, "
        "e" + "\u0301" * 50 + " flood."
    )
    article = make_article(
        "hostile",
        HOSTILE_TITLE,
        text,
        "2025-01-05",
        "en",
        [("[bold red]x[/]", "country:QA"), ("[@click=app.quit]quit[/]", "org:un")],
    )
    entity_named = make_article(
        "named",
        "Entity [bold]named[/]",
        "It names [red]Evil[/] Org.",
        "2025-01-01",
        "en",
        [("[red]Evil[/] Org", "rule:evil", 0, "rule")],
    )
    app = make_app(FakeLibrary([article, entity_named]))
    # wide enough for the reader, beside the entity pane, to show each sentence on one line
    async with app.run_test(size=(260, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen is not None
        screen = app.main_screen
        row = screen.article_list.render_line(0).text
        assert "Hostile [bold]x[/] [link=file:///etc/passwd]y[/link]" in row
        reader_lines = [screen.reader.render_line(y).text for y in range(screen.reader.line_count)]
        body = "\n".join(reader_lines)
        assert "[@click=app.quit]z[/]" in body
        assert "Markup [bold red]x[/] and a lone [/] stay literal, [@click=app.quit]quit[/] too." in body
        # escape sequences are drawn as visible control pictures, never emitted
        assert "␛[2J" in body and "␛]52;c;aGVsbG8=␇" in body
        assert "\x1b" not in body and "\x9b" not in body and "\u202e" not in body
        assert "evil" in body
        assert "\u0301" * 5 not in body
        # clicking the would-be action link does nothing
        await pilot.click("#reader", offset=(10, 6))
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert app.is_running
        frame = screen_text(app)
        assert "\x1b" not in frame and "\u202e" not in frame
        # the entity pane shows entity forms literally as well
        await pilot.press("escape", "j")
        await settle(pilot)
        prompts = [
            str(screen.entity_pane.get_option_at_index(i).prompt)
            for i in range(screen.entity_pane.option_count)
        ]
        assert any("[red]Evil[/] Org" in p for p in prompts)
        # and so does a notification that quotes article text: search for markup
        await pilot.press("slash", *"[bold]", "enter")
        await settle(pilot, delay=0.16)
        assert app.is_running


def terminal_width(text: str) -> int:
    """The cells a terminal following glibc's wcwidth gives `text`: none for a nonspacing mark
    or a format character, two for a wide character, one for any other (a spacing vowel sign
    of the Indic scripts included)."""
    import unicodedata

    width = 0
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


async def test_lines_of_indic_scripts_stay_inside_their_panes(make_app: Callable[..., BriefreadApp]) -> None:
    from tests.ui.conftest import main

    hindi = "क्षत्रिय हिन्दी समाचार मराठी तमிழ் ភាសាខ្មែរ"
    article = make_article("hindi", f"{hindi} ", f"{hindi} " * 40, "2025-01-05", "und", [])
    app = make_app(FakeLibrary([article]))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for widget in (main(app).article_list, main(app).reader):
            strips = [widget.render_line(y) for y in range(widget.size.height)]
            # every line as wide as Textual lays it out, in the cells a terminal draws
            assert len({strip.cell_length for strip in strips}) == 1
            for strip in strips:
                assert terminal_width(strip.text) == strip.cell_length, (type(widget).__name__, strip.text)
            assert any("हिन्दी" in strip.text for strip in strips)
