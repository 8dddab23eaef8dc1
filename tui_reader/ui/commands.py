"""The command palette's commands: open an article by title, filter by an entity, index tasks,
highlights, views and themes."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui_reader.entities.registry import fold
from tui_reader.ui.safe_text import clean, shorten

if TYPE_CHECKING:
    from tui_reader.search import ResultRow
    from tui_reader.ui.app import BriefreadApp
    from tui_reader.ui.screens.main import MainScreen

TITLE_HITS = 8
_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")
ENTITY_HITS = 10
# How well an entity's name or acronym matches the words typed, as a share of the score of a
# command whose name starts with them: the whole name or acronym ranks first, above every
# command; then a name that starts with the words (just below such a command), one with a word
# that starts with them (both above an article whose title does, `_TITLE`), and one that holds
# them inside a word (3 letters or more). Among names that match alike, the one the words cover
# most comes first.
_EXACT = 2.0
_START = 0.9
_WORD_START = 0.8
_INSIDE = 0.6
_COVER = 0.1
_FUZZY = 0.5  # a name that holds the letters typed in order, and no more
_TITLE = 0.75  # an article whose title holds what was typed
# "filter" or "filter by" before the name (also while "by" is typed)
_FILTER_WORDS = re.compile(r"\s*filter\b(?:\s+by?(?=\s|$))?\s*", re.IGNORECASE)


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """`candidate` (untrusted, never markup) with the matched characters underlined."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content


def entity_words(query: str) -> str:
    """What names an entity in a palette query: the query without "filter" or "filter by"."""
    match = _FILTER_WORDS.match(query)
    return (query[match.end() :] if match else query).strip()


@lru_cache(maxsize=1)
def _entity_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each entity's names and acronyms in every language, as written and folded (case,
    accents and hyphens ignored)."""
    from tui_reader.entities import default_registry

    forms: dict[str, dict[str, str]] = {}
    for alias in default_registry().aliases():
        if alias.form in ("name", "acronym"):
            forms.setdefault(alias.entity_id, {}).setdefault(alias.text, fold(alias.text))
    return {entity_id: tuple(by_text.items()) for entity_id, by_text in forms.items()}


class NameMatch:
    """How well a name or acronym matches the words typed (folded like the registry's)."""

    def __init__(self, words: str) -> None:
        self.words = words
        self.key = fold(words)
        self._word_start = re.compile(r"(?<![^\W_])" + re.escape(self.key)) if self.key else None

    def factor(self, key: str) -> float:
        """The share of a command's score that a name folded to `key` earns (0: no match)."""
        typed = self.key
        if not typed or not key:
            return 0.0
        if key == typed:
            return _EXACT
        if key.startswith(typed):
            kind = _START
        elif self._word_start is not None and self._word_start.search(key):
            kind = _WORD_START
        elif len(typed) >= 3 and typed in key:
            kind = _INSIDE
        else:
            return 0.0
        return kind + _COVER * len(typed) / len(key)

    def best(self, forms: Iterable[tuple[str, str]]) -> tuple[float, str]:
        """The best factor among `forms` (text, folded key), with the form that earns it (of
        forms that differ only in case or accents, the one written as typed)."""
        best, shown = 0.0, ""
        for text, key in forms:
            factor = self.factor(key)
            if factor > best or (factor and factor == best and text == self.words):
                best, shown = factor, text
        return best, shown


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
        """ "Filter by" an entity found by any of its names and acronyms, in any language: a
        whole one first, then one that starts with what was typed, and so on (see `NameMatch`).
        When fewer than `ENTITY_HITS` are found so, entities whose English or French name holds
        the letters typed, in order (a typo), come after them."""
        from tui_reader.entities import default_registry

        app = self._app
        candidates: dict[str, tuple[str, str]] = {}
        main = self._main()
        if main is not None and main.article is not None:
            for mention in main.article.mentions:
                if mention.source == "registry":
                    candidates[mention.id] = (mention.name_en or mention.name_fr, mention.name_fr)
        named_here = set(candidates)  # the article's own names may not be the registry's
        for info in default_registry().entities():
            candidates.setdefault(info.id, (info.name_en or info.name_fr, info.name_fr))
        words = entity_words(matcher.query)
        names = NameMatch(words)
        # what a command named by the words typed scores (the palette's scale)
        full = max(matcher.match(f"Filter by {words}"), 1.0) if names.key else 0.0
        all_forms = _entity_forms()
        found: list[tuple[float, str, str, str]] = []  # score, entity id, name, the form matched
        for entity_id, (name, name_fr) in candidates.items():
            forms = all_forms.get(entity_id, ())
            if entity_id in named_here or not forms:
                forms = (*((f, fold(f)) for f in (name, name_fr) if f), *forms)
            factor, form = names.best(forms)
            if factor:
                found.append((full * factor, entity_id, name, form))
        if len(found) < ENTITY_HITS:
            by_name = {entity_id for _, entity_id, _, _ in found}
            for entity_id, (name, name_fr) in candidates.items():
                if entity_id not in by_name:
                    fuzzy = max((matcher.match(f"Filter by {f}") for f in (name, name_fr) if f), default=0.0)
                    if fuzzy > 0:
                        found.append((_FUZZY * fuzzy, entity_id, name, ""))
        found.sort(key=lambda f: f[0], reverse=True)
        hits: list[Hit] = []
        for score, entity_id, name, form in found[:ENTITY_HITS]:
            label = clean(name, single_line=True).text
            text = f"Filter by {label}"
            if form and fold(form) != fold(name):
                text += f" ({clean(form, single_line=True).text})"  # the name that matched
            hits.append(
                Hit(
                    score,
                    highlighted(matcher, text),
                    partial(app.cmd_filter_entity, entity_id, label),
                    text=text,
                    help="List every article that names it, in any language",
                )
            )
        return hits

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
            score = max(_TITLE * matcher.match(text), 0.5 / (rank + 1))
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
