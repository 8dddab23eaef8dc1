"""A huge article in the app: the reader shows and highlights its first part, quickly."""

from __future__ import annotations

from tests.ui.conftest import MakeApp, main, search_and_open, settle
from tests.ui.fake_library import FakeLibrary, make_article
from tui_reader.ui.widgets.reader import MAX_READER_CHARS


async def test_matches_are_asked_for_in_the_part_the_reader_shows(make_app: MakeApp) -> None:
    text = "Qatar here. " * (MAX_READER_CHARS // 12 + 5_000)  # 60,000 characters past the limit
    library = FakeLibrary([make_article("big", "Qatar many times", text, "2025-01-01", "en")])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "qatar")
        reader = main(app).reader
        assert reader.truncated
        assert library.match_limits and set(library.match_limits) == {MAX_READER_CHARS}
        shown = MAX_READER_CHARS // 12  # whole "Qatar here. " units before the limit
        assert len(reader.matches) in (shown, shown + 1)
        await pilot.press("G")
        await settle(pilot)
        height = reader.scrollable_content_region.height
        screen = " ".join(reader.render_line(y).text.strip() for y in range(height))
        assert "the reader shows the first 200,000 characters" in screen  # and how to read the rest
