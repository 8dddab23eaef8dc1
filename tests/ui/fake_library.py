"""A small in-memory `Library` with fixed articles and mentions, for UI tests and snapshots that
must not change when the index or the entity registry does."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path

from whoosh.query import NullQuery

from tui_reader.entities import Mention
from tui_reader.search import (
    EntityCount,
    Library,
    Progress,
    ProgressCallback,
    ResultRow,
    ResultsOutdated,
    SearchResults,
    Snippet,
    StoredArticle,
    UpdateSummary,
)
from tui_reader.search.query import ParsedQuery

_NAMES = {
    "country:MA": ("Morocco", "Maroc"),
    "country:QA": ("Qatar", "Qatar"),
    "country:TR": ("Turkey", "Turquie"),
    "country:AT": ("Austria", "Autriche"),
    "org:un": ("United Nations", "Nations unies"),
    "org:isil": ("Islamic State", "État islamique"),
}


def mention(text: str, surface: str, entity_id: str, nth: int = 0, source: str = "registry") -> Mention:
    """The `nth` occurrence of `surface` in `text` as a mention of `entity_id`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    kind = "country" if entity_id.startswith("country:") else "organization"
    en, fr = _NAMES.get(entity_id, (surface, surface))
    return Mention(start, start + len(surface), surface, kind, "name", entity_id, en, fr, source)  # type: ignore[arg-type]


def make_article(
    article_id: str,
    title: str,
    text: str,
    date: str,
    lang: str,
    mentions: Sequence[tuple[str, str] | tuple[str, str, int] | tuple[str, str, int, str]] = (),
) -> StoredArticle:
    built = []
    for spec in mentions:
        surface, entity_id, *rest = spec
        nth = int(rest[0]) if rest else 0
        source = str(rest[1]) if len(rest) > 1 else "registry"
        built.append(mention(text, surface, entity_id, nth, source))
    built.sort(key=lambda m: m.start)
    return StoredArticle(article_id, f"{article_id}.txt", 0, title, text, date, lang, "", "", tuple(built))


SEED_TEXT = (
    "Le directeur général du pôle DGSN-DGST a effectué une visite à Vienne, capitale de "
    "l'Autriche, à la tête d'une délégation du Royaume du Maroc.\n\n"
    "La rencontre était organisée par l'équipe de suivi des sanctions de l'ONU, avec le Qatar "
    "et la Turquie. La Direction générale de la sûreté nationale y participait.\n\n"
    "Le communiqué rappelle le rôle actif du Maroc et la crédibilité des services marocains."
)


def sample_articles() -> list[StoredArticle]:
    return [
        make_article(
            "seed",
            "Le directeur général du pôle DGSN-DGST a effectué une visite à Vienne",
            SEED_TEXT,
            "2025-05",
            "fr",
            [
                ("Autriche", "country:AT"),
                ("Royaume du Maroc", "country:MA"),
                ("ONU", "org:un"),
                ("Qatar", "country:QA"),
                ("Turquie", "country:TR"),
                ("Maroc", "country:MA", 1),
                ("marocains", "country:MA"),
                ("Direction générale de la sûreté nationale", "rule:dgsn", 0, "rule"),
            ],
        ),
        make_article(
            "qatar-en",
            "Qatar hosts United Nations talks on Morocco",
            "Qatar hosted talks with the United Nations on Tuesday.\n\n"
            "Morocco sent a delegation; the UN envoy praised Qatar for its mediation.",
            "2025-06-02",
            "en",
            [
                ("Qatar", "country:QA"),
                ("United Nations", "org:un"),
                ("Morocco", "country:MA"),
                ("UN", "org:un"),
                ("Qatar", "country:QA", 1),
            ],
        ),
        make_article(
            "turkey-en",
            "Turkey and Austria sign a border agreement",
            "Turkey and Austria signed an agreement on border checks.",
            "2025-04-11",
            "en",
            [("Turkey", "country:TR"), ("Austria", "country:AT")],
        ),
        make_article(
            "isil-fr",
            "L'État islamique revendique une attaque",
            "L'État islamique a revendiqué une attaque. Les Nations unies condamnent.",
            "2025-03-20",
            "fr",
            [("État islamique", "org:isil"), ("Nations unies", "org:un")],
        ),
        make_article(
            "hostile",
            "Hostile [bold]x[/] [link=file:///etc/passwd]y[/link] [@click=app.quit]z[/]",
            "Markup [bold red]x[/] and a lone [/] stay literal.\n\n"
            "Escape \x1b[2J and OSC \x1b]52;c;aGk=\x07 and bidi \u202eevil\u202c are neutralised.",
            "2025-01-05",
            "en",
        ),
    ]


class FakeLibrary(Library):
    """Case-insensitive word search over `articles`; every call is cheap and synchronous."""

    def __init__(self, articles: Sequence[StoredArticle] | None = None, *, stale: bool = False) -> None:
        super().__init__(Path("corpus"), Path("index"))
        self.articles = {a.id: a for a in (articles if articles is not None else sample_articles())}
        self.stale = stale
        self.changed = False
        self.folders_moved = False  # a file added or removed in the corpus, as the app polls
        self.added = 0  # what the next update reports as added
        self.updates = 0
        self.searches: list[str] = []
        self.stale_checks: list[int] = []  # for each stale check, how many searches ran before it
        self.lock = threading.Lock()
        self.match_limits: list[int | None] = []  # the limit of each match_offsets call
        self.match_queries: list[str] = []  # the query of each match_offsets call
        # what `update` reports before it returns, and an event it then waits for (5 s at most)
        self.progress_steps: list[Progress] = []
        self.step_seconds = 0.15  # the app shows at most ten steps a second, and each new phase
        self.hold: threading.Event | None = None

    def is_stale(self, *, in_child: bool = False) -> bool:
        self.stale_checks.append(len(self.searches))
        return self.stale

    def folder_stamps(self) -> dict[str, int]:
        return {"corpus": 0}

    def folders_changed(self, stamps: dict[str, int]) -> bool:  # type: ignore[override]
        moved, self.folders_moved = self.folders_moved, False
        return moved

    def update(
        self,
        progress: ProgressCallback | None = None,
        rebuild: bool = False,
        wait: bool = True,
        commit_seconds: float | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateSummary:
        self.updates += 1
        for step in self.progress_steps:
            if progress is not None:
                time.sleep(self.step_seconds)
                progress(step)
        if self.hold is not None:
            self.hold.wait(5)
        self.stale = False
        added, self.added = self.added, 0
        return UpdateSummary(total_articles=len(self.articles), rebuilt=rebuild, added=added)

    def update_in_child(
        self,
        progress: ProgressCallback | None = None,
        rebuild: bool = False,
        commit_seconds: float | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateSummary:
        """`update` in this process: the fake reads no corpus."""
        return self.update(
            progress, rebuild=rebuild, wait=False, commit_seconds=commit_seconds, cancelled=cancelled
        )

    def refresh(self) -> bool:
        changed, self.changed = self.changed, False
        return changed

    def close(self) -> None:
        pass

    def _words(self, query: str) -> list[str]:
        words = re.findall(r"\w+", query)
        return list(dict.fromkeys(w.casefold() for w in words if w not in ("AND", "OR", "NOT")))

    def _matches(self, article: StoredArticle, words: list[str]) -> bool:
        haystack = (article.title + " " + article.text).casefold()
        return all(w in haystack for w in words)

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
        self.searches.append(query)
        fallback = ""
        if query.count('"') % 2:
            fallback = "Unbalanced quote: searched for the words instead."
        words = self._words(query)
        found = [
            a
            for a in self.articles.values()
            if self._matches(a, words)
            and all(e in {m.id for m in a.mentions} for e in entities)
            and (only_ids is None or a.id in only_ids)
            and a.id not in except_ids
        ]
        by_relevance = sort == "relevance" or (sort == "auto" and bool(words))
        if by_relevance:
            found.sort(key=lambda a: -sum((a.title + a.text).casefold().count(w) for w in words))
        else:
            found.sort(key=lambda a: a.date, reverse=True)
        if limit is not None:
            found = found[:limit]
        rows = [self._row(a) for a in found]
        return SearchResults(
            query,
            list(range(len(rows))),
            None,
            lambda docnum, score: rows[docnum],
            fallback=fallback,
            took_ms=1.0,
            sort="relevance" if by_relevance else "date",
        )

    @staticmethod
    def _row(article: StoredArticle) -> ResultRow:
        counts = Counter(m.id for m in article.mentions if m.source == "registry")
        ids = tuple(sorted(counts, key=lambda i: -counts[i]))
        return ResultRow(article.id, article.date, article.title, article.lang, article.path, 0.0, ids)

    def has_word(self, word: str) -> bool:
        pattern = re.compile(rf"\b{re.escape(word.casefold())}\b")
        return any(pattern.search((a.title + " " + a.text).casefold()) for a in self.articles.values())

    def article(self, article_id: str) -> StoredArticle | None:
        return self.articles.get(article_id)

    def stored_articles(self, ids: Iterable[str]) -> Iterator[StoredArticle]:
        return (self.articles[i] for i in ids if i in self.articles)

    def results_articles(
        self, results: SearchResults, positions: Iterable[int] | None = None
    ) -> Iterator[StoredArticle]:
        for position in range(len(results)) if positions is None else positions:
            if not self.current(results):
                raise ResultsOutdated()
            yield self.articles[results[position].id]

    def parse(self, query: str, typed: str | None = None) -> ParsedQuery:
        if not query.strip() or self._words(query):
            return ParsedQuery(text=query, query=None)
        return ParsedQuery(text=query, query=NullQuery, notes=["Nothing left to search."])

    def position(self, results: SearchResults, article_id: str) -> int | None:
        return next((i for i in range(len(results)) if results[i].id == article_id), None)

    def match_offsets(
        self, query: str, article: StoredArticle, limit: int | None = None, typed: str | None = None
    ) -> list[tuple[int, int]]:
        text = article.text.casefold()
        out: list[tuple[int, int]] = []
        for word in self._words(query):
            out.extend((m.start(), m.end()) for m in re.finditer(re.escape(word), text))
        self.match_limits.append(limit)
        self.match_queries.append(query)
        return sorted(o for o in out if limit is None or o[1] <= limit)

    def snippets(self, query: str, article: StoredArticle, count: int = 3) -> list[Snippet]:
        return []

    def facets(
        self, results: SearchResults, top: int | None = 20, kind: str | None = None
    ) -> list[EntityCount]:
        counts: Counter[str] = Counter()
        for row in results:
            counts.update(set(row.entities))
        out = []
        for entity_id, n in sorted(counts.items(), key=lambda p: (-p[1], p[0]))[:top]:
            en, fr = _NAMES.get(entity_id, (entity_id, entity_id))
            kind_ = "country" if entity_id.startswith("country:") else "organization"
            out.append(EntityCount(entity_id, kind_, en, fr, n))
        return out
