"""The command palette's commands: open an article by title, filter by an entity, index tasks,
highlights, views and themes."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui_reader.ui.safe_text import clean, shorten

if TYPE_CHECKING:
    from tui_reader.search import ResultRow
    from tui_reader.ui.app import BriefreadApp
    from tui_reader.ui.screens.main import MainScreen

TITLE_HITS = 8
_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")
ENTITY_HITS = 10


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """`candidate` (untrusted, never markup) with the matched characters underlined."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content


class BriefreadCommands(Provider):
    @property
    def _app(self) -> BriefreadApp:
        from tui_reader.ui.app import BriefreadApp

        app = self.app
        assert isinstance(app, BriefreadApp)
        return app

    def _main(self) -> MainScreen | None:
        return self._app.main_screen

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = self._app
        main = self._main()
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Toggle highlights", "Show or hide entity and match highlights", app.cmd_toggle_highlights),
            ("Update the index", "Index new and changed files now", partial(app.cmd_update_index, False)),
            ("Rebuild the index", "Re-index everything from scratch", partial(app.cmd_update_index, True)),
            ("Switch theme", "Choose a colour theme", app.action_change_theme),
            ("Show all articles", "Leave the unread or bookmarked view", partial(app.cmd_set_view, "all")),
            ("Show unread only", "List only articles not read yet", partial(app.cmd_set_view, "unread")),
            ("Show bookmarked only", "List bookmarked articles", partial(app.cmd_set_view, "bookmarked")),
            ("Export this article", "Write it to Markdown or JSON with its mentions", app.cmd_export_article),
            ("Export the list", "Write the listed articles to Markdown or JSON", app.cmd_export_list),
            ("Copy this article", "Copy its text to the clipboard (OSC 52)", app.cmd_copy_article),
            ("Clear search and filters", "Show every article again", app.cmd_clear_search),
            (
                "Sort the list",
                "Next order: newest, oldest, relevance (o)",
                partial(app.cmd_main_action, "toggle_sort"),
            ),
            (
                "Mark read or unread",
                "The article under the cursor (m)",
                partial(app.cmd_main_action, "toggle_read"),
            ),
            (
                "Bookmark or unbookmark",
                "The article under the cursor (s)",
                partial(app.cmd_main_action, "toggle_bookmark"),
            ),
            ("Show keys", "List every key binding", app.action_help),
        ]
        yield from commands
        if main is not None:
            for f in main.filters:
                yield (
                    f"Remove filter: {f.label}",
                    "Stop filtering by this entity",
                    partial(main.remove_filter, f.entity_id),
                )

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), callback, text=name, help=help_text)
        for hit in self._entity_hits(matcher):
            yield hit
        words = query.strip()
        if words.casefold().startswith("open "):
            words = words[5:].strip()
        if len(words) >= 2:
            for hit in await self._title_hits(matcher, words):
                yield hit

    def _entity_hits(self, matcher: Matcher) -> list[Hit]:
        from tui_reader.entities import default_registry

        app = self._app
        candidates: dict[str, tuple[str, str]] = {}
        main = self._main()
        if main is not None and main.article is not None:
            for mention in main.article.mentions:
                if mention.source == "registry":
                    candidates[mention.id] = (mention.name_en or mention.name_fr, mention.name_fr)
        for info in default_registry().entities():
            candidates.setdefault(info.id, (info.name_en or info.name_fr, info.name_fr))
        hits: list[Hit] = []
        for entity_id, (name, name_fr) in candidates.items():
            best = 0.0
            for form in {name, name_fr} - {""}:
                best = max(best, matcher.match(f"Filter by {form}"))
            if best <= 0:
                continue
            label = clean(name, single_line=True).text
            text = f"Filter by {label}"
            hits.append(
                Hit(
                    best,
                    highlighted(matcher, text),
                    partial(app.cmd_filter_entity, entity_id, label),
                    text=text,
                    help="List every article that names it, in any language",
                )
            )
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:ENTITY_HITS]

    async def _title_hits(self, matcher: Matcher, query: str) -> list[Hit]:
        from tui_reader.search import SearchError

        app = self._app
        library = app.session.library
        if library is None:
            return []

        def find() -> list[ResultRow]:
            results = library.search(query, sort="relevance", limit=TITLE_HITS * 3)
            return [results[i] for i in range(min(len(results), TITLE_HITS * 3))]

        try:
            rows = await asyncio.to_thread(find)
        except SearchError:
            return []
        hits: list[Hit] = []
        for rank, row in enumerate(rows):
            title = clean(row.title or "(untitled)", single_line=True).text
            text = f"Open {shorten(title, 70)}"
            score = max(matcher.match(text), 0.5 / (rank + 1))
            hits.append(
                Hit(
                    score,
                    highlighted(matcher, text),
                    partial(app.cmd_open_article, row.id),
                    text=text,
                    # help text is drawn as markup: only a validated date goes into it
                    help=f"Article of {row.date}" if _DATE.fullmatch(row.date) else "Article",
                )
            )
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:TITLE_HITS]
