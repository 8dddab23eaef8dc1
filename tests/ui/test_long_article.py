"""Articles that are slow to load: a huge one shows its first part quickly, a late one never
shows beside a list that no longer holds it."""

from __future__ import annotations

import time

from tests.ui.conftest import MakeApp, main, search_and_open, settle
from tests.ui.fake_library import FakeLibrary, make_article
from tui_reader.search import StoredArticle
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


async def test_n_says_when_the_matches_lie_past_the_part_the_reader_shows(make_app: MakeApp) -> None:
    text = "Filler words. " * (MAX_READER_CHARS // 14 + 1_000) + "The Zanzibar harbour."
    library = FakeLibrary([make_article("big", "A long brief", text, "2025-01-01", "en")])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "zanzibar")
        reader = main(app).reader
        assert reader.truncated and reader.matches == []
        await pilot.press("n")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(
            "No search matches in the first 200,000 characters that the reader shows" in m and "export" in m
            for m in messages
        ), messages


class SlowArticles(FakeLibrary):
    """Articles that take a while to load: a search that empties the list comes back first."""

    def article(self, article_id: str) -> StoredArticle | None:
        time.sleep(0.4)
        return super().article(article_id)


async def test_an_article_still_loading_does_not_come_back_beside_an_empty_list(make_app: MakeApp) -> None:
    app = make_app(SlowArticles())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash", *"qatar")
        await pilot.pause(0.2)  # the list shows Qatar's articles; the first one starts loading
        await pilot.press(*" zzz")
        await settle(pilot, delay=0.8)
        assert len(screen.article_list.rows) == 0
        assert screen.reader.article is None and screen.article is None
        assert "No article to show." in " ".join(screen.reader.render_line(y).text for y in range(3))
