"""`Library`: one corpus and its index, the single entry point of the search layer."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as windex
from whoosh import query as wq
from whoosh.index import EmptyIndexError

from tui_reader.corpus.article import Skipped
from tui_reader.corpus.scan import folder_stamps, folders_changed
from tui_reader.entities import EntityRegistry, default_registry
from tui_reader.search import errors, highlight
from tui_reader.search.docsets import DocSets
from tui_reader.search.documents import to_row, to_stored_article
from tui_reader.search.errors import ResultsOutdated, SearchError
from tui_reader.search.indexer import (
    corpus_is_empty,
    empty_corpus,
    own_folders,
    skipped_files,
    stale_paths,
    update_index,
)
from tui_reader.search.integrity import Depth, damaged, mark_damaged, segment_damage
from tui_reader.search.query import AliasIndex, ParsedQuery, fold_phrase, parse_query, warm_parser
from tui_reader.search.results import (
    EntityCount,
    ProgressCallback,
    SearchResults,
    Snippet,
    StoredArticle,
    UpdateSummary,
)
from tui_reader.search.schema import EntityIds
from tui_reader.search.store import Meta, read_meta
from tui_reader.search.update_child import NoChildProcess, child_env, update_in_child

_T = TypeVar("_T")
RELEVANCE_LIMIT = 1000  # ranked results kept; the total count is still exact
SNIPPET_SCAN_CHARS = 100_000  # where snippets look for matches first (all of a short article)
STORED_BATCH = 1000  # articles read at a time by `stored_articles`
# The stale scan as a child process runs it: one line of JSON, {"stale": bool} or the error.
_STALE_CHILD = """
import json, os, sys
from pathlib import Path
if hasattr(os, "nice"):
    os.nice(5)
from tui_reader.search.errors import SearchError
from tui_reader.search.indexer import stale_paths
try:
    found = bool(list(stale_paths(Path(sys.argv[1]), Path(sys.argv[2]))))
except SearchError as exc:
    print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
else:
    print(json.dumps({"stale": found}))
"""


class Library:
    """A corpus directory and its Whoosh index. Thread-safe; every call is synchronous, so the UI
    calls it from worker threads."""

    def __init__(self, corpus_dir: Path, index_dir: Path, registry: EntityRegistry | None = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = Path(index_dir)
        self._registry = registry
        self._lock = threading.RLock()
        # Rows are read on the UI thread while a search may run in a worker: they use their own
        # searcher (Whoosh readers are not shared between threads) and their own lock.
        self._rows_lock = threading.Lock()
        self._rows: Any = None
        self._rows_version = 0  # how many times the reader of result rows was replaced
        self._generation = ""
        self._ix: Any = None
        self._searcher: Any = None
        self._date_order: list[int] | None = None
        self._sets: DocSets | None = None
        self._aliases: AliasIndex | None = None
        self._parsed: dict[tuple[str, str | None], ParsedQuery] = {}
        self._children: set[subprocess.Popen[Any]] = set()
        self._closed = False
        # A row that could not be read (rows are read on the UI thread, which must not wait
        # for a check of the index): the next call from a worker checks the index.
        self._row_failed: BaseException | None = None
        self._checked: tuple[Any, str | None] | None = None  # (searcher, damage found) of `_damage`

    @property
    def registry(self) -> EntityRegistry:
        """The entity registry (the shipped one unless given), loaded when first needed: the
        first list (no query) does not need it."""
        if self._registry is None:
            self._registry = default_registry()
        return self._registry

    @classmethod
    def open(cls, corpus_dir: Path, index_dir: Path) -> Library:
        """Open the index (cheap; creates nothing). Searching an index never built finds nothing."""
        library = cls(corpus_dir, index_dir)
        with library._lock:
            library._open()
        return library

    # -- index lifecycle ---------------------------------------------------------------------

    def _open(self) -> None:
        meta = read_meta(self.index_dir)
        self._close_searcher()
        self._closed = False
        generation = shown_generation(meta)
        self._generation = generation
        self._date_order = None
        self._parsed.clear()
        if not generation:
            return
        first_build = generation != meta.generation
        try:
            self._ix = windex.open_dir(str(self.index_dir), indexname=generation, readonly=True)
            damage = self._segment_damage("times", meta.segments)
        except EmptyIndexError as exc:
            self._ix = None
            if first_build:
                return  # nothing saved yet: the next refresh looks again
            raise damaged(self.index_dir, "its table of contents is missing") from exc
        except Exception as exc:  # noqa: BLE001 - Whoosh raises many types for a damaged index
            self._ix = None
            if first_build:
                return  # a commit of the build was being written: the next refresh looks again
            detail = f"its table of contents cannot be read ({type(exc).__name__})"
            raise damaged(self.index_dir, detail) from exc
        if damage is not None:
            self._ix = None
            raise damaged(self.index_dir, damage)
        try:
            self._searcher = self._ix.searcher()
            self._swap_rows(self._ix.searcher())
        except Exception as exc:  # noqa: BLE001 - Whoosh raises many types for a damaged index
            self._close_searcher()
            raise damaged(self.index_dir, type(exc).__name__) from exc

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._ix = None
        self._swap_rows(None)

    def _swap_rows(self, searcher: Any) -> None:
        with self._rows_lock:
            if self._rows is not None:
                self._rows.close()
            self._rows = searcher
            self._rows_version += 1

    @property
    def built(self) -> bool:
        return self._searcher is not None

    def is_stale(self, *, in_child: bool = False) -> bool:
        """True when files were added, changed or deleted since the last update (a stat scan).
        `in_child`: scan in a child process, so that the scan (seconds of Python at 100,000
        files) leaves this process's interpreter to the searches; in this process when no
        child can be started."""
        if in_child:
            found = _stale_in_child(self.corpus_dir, self.index_dir, self._children)
            if found is not None:
                return found
            if self._closed:
                return False  # closed while the child scanned: nobody waits for the answer
        return bool(list(stale_paths(self.corpus_dir, self.index_dir)))

    def corpus_is_empty(self) -> bool:
        """Whether the corpus folder holds nothing (a drive not mounted): updates leave the
        index as it was built."""
        return corpus_is_empty(self.corpus_dir, self.index_dir)

    def empty_corpus(self) -> str:
        """What an update says of an empty corpus folder: the index keeps its articles."""
        return empty_corpus(self.corpus_dir, len(self.search("")) if self.built else 0)

    def skipped(self) -> list[Skipped]:
        """The files and lines the index left out, and why, with the warnings of the files it
        read (a manifest read and a stat scan of the corpus)."""
        return skipped_files(self.corpus_dir, self.index_dir)

    def folder_stamps(self) -> dict[str, int]:
        """The times of the corpus's folders now, for `folders_changed` (a stat per folder)."""
        return folder_stamps(self.corpus_dir, own_folders(self.index_dir))

    @staticmethod
    def folders_changed(stamps: dict[str, int]) -> bool:
        """Whether files may have been added, removed or renamed since `stamps` were taken."""
        return folders_changed(stamps)

    def update(
        self,
        progress: ProgressCallback | None = None,
        rebuild: bool = False,
        wait: bool | float = True,
        commit_seconds: float | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_wait: Callable[[], object] | None = None,
    ) -> UpdateSummary:
        """Bring the index up to date with the corpus (incremental unless `rebuild`); with
        `commit_seconds`, commit that often so that `refresh()` shows the index filling. Once
        `cancelled()` returns True the update stops at the next file and raises UpdateCancelled
        (see `update_index`). `on_wait` is called when another process is updating the index
        and this update waits for it: until it ends, or for `wait` seconds (IndexBusy then)."""
        summary = update_index(
            self.corpus_dir,
            self.index_dir,
            rebuild=rebuild,
            progress=progress,
            wait=wait,
            on_wait=on_wait,
            commit_seconds=commit_seconds,
            cancelled=cancelled,
        )
        self.refresh()
        return summary

    def update_in_child(
        self,
        progress: ProgressCallback | None = None,
        rebuild: bool = False,
        commit_seconds: float | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateSummary:
        """`update(..., wait=False)` run by a child process at a lower priority (see
        `update_child`), so that searching in this process stays quick while it reads; in this
        process when no child can be started."""
        try:
            summary = update_in_child(
                self.corpus_dir,
                self.index_dir,
                rebuild=rebuild,
                progress=progress,
                commit_seconds=commit_seconds,
                # closing the library stops the child at its next file, as a cancel does (it is
                # not killed with the stale scans: a stop leaves no temporary files behind)
                cancelled=lambda: self._closed or (cancelled is not None and cancelled()),
            )
        except NoChildProcess:
            return self.update(progress, rebuild, False, commit_seconds, cancelled)
        self.refresh()
        return summary

    def refresh(self) -> bool:
        """Pick up commits made by another process; True when the index changed."""
        with self._lock:
            generation = shown_generation(read_meta(self.index_dir))
            if generation != self._generation or self._searcher is None:
                if not generation and self._searcher is None:
                    return False
                self._open()
                return self._searcher is not None or not generation
            try:
                if self._searcher.up_to_date():
                    return False
                # Searcher.refresh() reuses segment readers and misses new deletions in them.
                searcher, rows = self._ix.searcher(), self._ix.searcher()
            except Exception:  # noqa: BLE001 - the table of contents is gone or damaged
                self._open()  # raises IndexUnavailable saying what is wrong
                return True
            self._searcher.close()
            self._searcher = searcher
            self._swap_rows(rows)
            self._date_order = None
            self._parsed.clear()
            return True

    def close(self) -> None:
        """Close the index, and stop a stale scan still running in a child process."""
        self._closed = True
        for child in list(self._children):
            if child.poll() is None:
                child.kill()
        with self._lock:
            self._close_searcher()

    # -- searching ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load what parsing a query needs (the registry's alias index, the query parser), so
        that the first query does not wait for it."""
        with self._lock:
            if self._aliases is None:
                self._aliases = AliasIndex(self.registry)
        warm_parser()

    def parse(self, query: str, typed: str | None = None) -> ParsedQuery:
        """`query` parsed (see `parse_query`, with `typed`), cached."""
        with self._lock:
            key = (query, typed)
            parsed = self._parsed.get(key)
            if parsed is None and not query.strip():
                return ParsedQuery(text="", query=None)
            if parsed is None:
                if self._aliases is None:
                    self._aliases = AliasIndex(self.registry)
                if self._searcher is not None:
                    reader = self._searcher.reader()
                    parsed = parse_query(
                        query, self._aliases, reader, self._docsets().prefix_frequencies, typed
                    )
                else:
                    parsed = parse_query(query, self._aliases, typed=typed)
                if len(self._parsed) > 256:
                    self._parsed.clear()
                self._parsed[key] = parsed
            return parsed

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
        """Articles matching `query` (empty: all), restricted to articles naming every entity id
        in `entities`, to the article ids in `only_ids` (when given) and to none in `except_ids`.
        `sort`: "date" (newest first), "relevance", or "auto" (relevance when the query has words,
        else date). `typed`: the query as typed, when `query` is its as-you-type form (see
        `parse_query`). Never raises for a malformed query (see `results.fallback`); raises
        IndexUnavailable when the index is damaged."""
        started = time.perf_counter()
        try:
            results = self._read(
                lambda: self._search(query, sort, entities, limit, started, only_ids, except_ids, typed),
                unexplained="raise",
            )
        except SearchError:
            raise
        except Exception as exc:  # noqa: BLE001 - a query must never take the reader down
            parsed = ParsedQuery(text=query, query=None)
            parsed.notes.append(f"This query could not be run ({type(exc).__name__}); try plainer words.")
            return self._results(parsed, [], None, started, "date")
        if len(results):
            results[0]  # read here, in the caller's thread: a row that cannot be read is damage
            if self._row_failed is not None:
                self._check_rows()
        return results

    def _search(
        self,
        query: str,
        sort: str,
        entities: Sequence[str],
        limit: int | None,
        started: float,
        only_ids: Collection[str] | None,
        except_ids: Collection[str],
        typed: str | None = None,
    ) -> SearchResults:
        with self._lock:
            parsed = self.parse(query, typed)
            if self._searcher is None or not self._searcher.doc_count():
                return self._results(parsed, [], None, started, "date")
            q = parsed.query
            allowed = self._id_docnums(only_ids) if only_ids is not None else None
            if entities:
                # the chosen entities narrow the results and leave their ranking to the query
                filters = [wq.Term("entity", e) for e in entities]
                if q is None:
                    q = wq.And(filters)
                else:
                    naming = set(self._docsets().of(wq.And(filters)))
                    allowed = naming if allowed is None else allowed & naming
            excluded = self._id_docnums(except_ids) if except_ids else None
            by_relevance = sort == "relevance" or (sort == "auto" and parsed.scored)
            if by_relevance and q is not None:
                ranked = self._docsets().ranked(q, limit or RELEVANCE_LIMIT, allowed, excluded)
                if ranked is not None:
                    docnums, scores, total = ranked
                    return self._results(parsed, docnums, scores, started, "relevance", total=total)
                hits = self._searcher.search(q, limit=limit or RELEVANCE_LIMIT, filter=allowed, mask=excluded)
                docnums = [h.docnum for h in hits]
                scores = [h.score for h in hits]
                return self._results(parsed, docnums, scores, started, "relevance", total=len(hits))
            order = self._dates()
            matching = None if q is None or isinstance(q, wq.Every) else self._docsets().of(q)
            if allowed is not None:
                matching = allowed if matching is None else matching & allowed
            if excluded:
                matching = (self._docsets().everything if matching is None else matching) - excluded
            docnums = order if matching is None else list(filter(matching.__contains__, order))
            total = len(docnums)
            if limit is not None:
                docnums = docnums[:limit]
            return self._results(parsed, docnums, None, started, "date", total=total)

    def _read(self, call: Callable[[], _T], unexplained: str = "damaged") -> _T:
        """`call()`, which reads the index. When it fails because another process changed the
        index meanwhile, it runs again on the new index; when the index is damaged, this raises
        IndexUnavailable saying so (and the next update rebuilds it). An error the index does
        not explain is raised as it is when `unexplained` is "raise", else as IndexUnavailable."""
        if self._row_failed is not None:
            self._check_rows()
        checked = self._checked
        if checked is not None and checked[1] is not None and checked[0] is self._searcher:
            raise damaged(self.index_dir, checked[1])  # found before: every read says so
        retried = False
        while True:
            try:
                return call()
            except SearchError:
                raise
            except Exception as exc:  # noqa: BLE001 - Whoosh raises many types for damaged files
                if not retried and self._changed_meanwhile():
                    retried = True
                    continue
                self._raise_if_damaged(exc)
                if unexplained == "raise":
                    raise
                raise damaged(self.index_dir, f"{type(exc).__name__} while reading it") from exc

    def _changed_meanwhile(self) -> bool:
        """Whether another process committed or rebuilt since this searcher was opened (files
        this searcher had not opened yet may be gone); if so the library now reads the new index."""
        with self._lock:
            try:
                current = shown_generation(read_meta(self.index_dir)) == self._generation and (
                    self._searcher is None or self._searcher.up_to_date()
                )
            except Exception:  # noqa: BLE001 - the table of contents is gone: not a newer index
                return False
            if current:
                return False
            self.refresh()
            return True

    def _raise_if_damaged(self, error: BaseException) -> None:
        """After `error` while reading: IndexUnavailable when the index's files are not what was
        written (each file is read once a searcher), and the index marked for the next update."""
        damage = self._damage()
        if damage is not None:
            mark_damaged(self.index_dir, self._generation, damage)
            raise damaged(self.index_dir, damage) from error

    def _damage(self) -> str | None:
        with self._lock:
            if self._ix is None:
                return None
            if self._checked is not None and self._checked[0] is self._searcher:
                return self._checked[1]
            try:
                found = self._segment_damage("contents", read_meta(self.index_dir).segments)
            except Exception as exc:  # noqa: BLE001 - Whoosh raises many types for a damaged index
                found = f"its table of contents cannot be read ({type(exc).__name__})"
            self._checked = (self._searcher, found)
            return found

    def _segment_damage(self, depth: Depth, sizes: dict[str, int]) -> str | None:
        """What is wrong with the files of the live segments (see `integrity.segment_damage`:
        "times" costs one stat a file). A commit by another process meanwhile may have removed
        files of segments it merged: then the check runs again on the new table of contents."""
        found = None
        for _ in range(2):
            toc = self._ix.latest_generation()
            segments = self._ix._segments()
            found = segment_damage(self.index_dir, self._generation, segments, depth, sizes)
            if found is None or self._ix.latest_generation() == toc:
                return found
        return found

    def _check_rows(self) -> None:
        """A row could not be read on the UI thread: check the index here, in a worker."""
        error, self._row_failed = self._row_failed, None
        if error is not None:
            self._raise_if_damaged(error)

    def _results(
        self,
        parsed: ParsedQuery,
        docnums: Sequence[int],
        scores: Sequence[float] | None,
        started: float,
        sort: str,
        total: int | None = None,
    ) -> SearchResults:
        results = SearchResults(
            parsed.text,
            docnums,
            scores,
            self._load_row,
            fallback=parsed.fallback,
            took_ms=(time.perf_counter() - started) * 1000,
            sort=sort,
        )
        results.total = len(docnums) if total is None else total
        results.reader_version = self._rows_version
        return results

    def current(self, results: SearchResults) -> bool:
        """Whether the rows of `results` still read the index they were found in: after a refresh
        their document numbers may name other articles, and the search is to be run again."""
        return results.reader_version == self._rows_version

    def _dates(self) -> list[int]:
        """Every live document, newest first (undated last; the same date: last added first);
        cached per searcher."""
        if self._date_order is None:
            self._date_order = self._docsets().newest_first("date")
        return self._date_order

    def _id_docnums(self, ids: Collection[str]) -> set[int]:
        return self._docsets().of_ids(ids)

    def _docsets(self) -> DocSets:
        if self._sets is None or self._sets.searcher is not self._searcher:
            self._sets = DocSets(self._searcher)
        return self._sets

    def _load_row(self, docnum: int, score: float) -> Any:
        with self._rows_lock:
            if self._rows is None:
                return to_row({}, score)
            try:
                return to_row(self._rows.stored_fields(docnum), score)
            except Exception as exc:  # noqa: BLE001 - a row of a results list made before a refresh
                if docnum < self._rows.reader().doc_count_all():
                    self._row_failed = exc  # not a stale list: maybe damage (see `_check_rows`)
                return to_row({}, score)

    # -- articles ----------------------------------------------------------------------------

    def article(self, article_id: str) -> StoredArticle | None:
        """The stored article with this id (IndexUnavailable when the index is damaged)."""
        return self._read(lambda: self._article(article_id))

    def stored_articles(self, ids: Iterable[str]) -> Iterator[StoredArticle]:
        """The stored articles with these ids, in their order (an id the index does not hold is
        left out), read a batch at a time; in a long list each is found from the number of every
        id (see `DocSets.id_numbers`), not by a lookup each."""
        remaining = iter(ids)
        while batch := list(islice(remaining, STORED_BATCH)):
            yield from self._read(partial(self._stored_articles, batch))

    def results_articles(
        self, results: SearchResults, positions: Iterable[int] | None = None
    ) -> Iterator[StoredArticle]:
        """The stored articles of `results` (those at `positions` of it, in that order; else
        all, in its order), read a batch at a time by their numbers: no row is read for its id
        first. ResultsOutdated when the index was refreshed since `results` was found: its
        numbers may name other articles now."""
        docnums = results.docnums
        remaining = iter(range(len(docnums)) if positions is None else positions)
        while batch := [docnums[i] for i in islice(remaining, STORED_BATCH)]:
            yield from self._read(partial(self._articles_numbered, results, batch))

    def _articles_numbered(self, results: SearchResults, docnums: Sequence[int]) -> list[StoredArticle]:
        with self._lock:
            if self._searcher is None or not self.current(results):
                raise ResultsOutdated()
            stored = self._searcher.stored_fields
            return [to_stored_article(stored(docnum), self.registry) for docnum in docnums]

    def _stored_articles(self, ids: Sequence[str]) -> list[StoredArticle]:
        with self._lock:
            if self._searcher is None:
                return []
            # a full batch (an export) maps every id once; fewer (a search's hits) are looked up
            numbers = self._docsets().id_numbers() if len(ids) >= STORED_BATCH else {}
            found = []
            for article_id in ids:
                docnum = numbers.get(article_id)
                if docnum is not None and docnum >= 0:
                    fields = self._searcher.stored_fields(docnum)
                elif numbers and docnum is None:
                    continue  # no live article has this id
                else:
                    fields = self._searcher.document(id=article_id)
                if fields:
                    found.append(to_stored_article(fields, self.registry))
            return found

    def has_word(self, word: str) -> bool:
        """Whether an article holds `word` as written (case and accents aside), not only a word
        of the same stem: "Obam" is no word, though "Obama" stems to it in French."""
        folded = fold_phrase(word)
        if not folded or " " in folded:
            return False

        def find() -> bool:
            with self._lock:
                if self._searcher is None:
                    return False
                return bool(self._docsets().term("text", folded))

        return self._read(find)

    def position(self, results: SearchResults, article_id: str) -> int | None:
        """Where the article `article_id` is in `results` (as the index now numbers it), or None."""
        return self._read(lambda: self._position(results, article_id))

    def _position(self, results: SearchResults, article_id: str) -> int | None:
        with self._lock:
            if self._searcher is None:
                return None
            docnum = self._searcher.document_number(id=article_id)
        return results.position(docnum) if docnum is not None else None

    def _article(self, article_id: str) -> StoredArticle | None:
        with self._lock:
            if self._searcher is None:
                return None
            fields = self._searcher.document(id=article_id)
            return to_stored_article(fields, self.registry) if fields else None

    def match_offsets(
        self, query: str, article: StoredArticle, limit: int | None = None, typed: str | None = None
    ) -> list[tuple[int, int]]:
        """Offsets in `article.text` (and only the text) of the words the query matches; with
        `limit`, in about its first `limit` characters only (`highlight.match_offsets`). `typed`
        as for `search`."""
        return self._read(lambda: self._match_offsets(query, article, limit, typed))

    def _match_offsets(
        self,
        query: str,
        article: StoredArticle,
        limit: int | None,
        typed: str | None = None,
        fields: tuple[str, ...] = ("text",),
    ) -> list[tuple[int, int]]:
        with self._lock:
            parsed = self.parse(query, typed)
            if parsed.query is None or self._searcher is None:
                return []
            terms = highlight.query_terms(parsed.query, self._searcher.reader())
        phrases = highlight.query_phrases(parsed.query, fields)
        return highlight.match_offsets(article, terms, parsed.entity_ids, limit, phrases, fields)

    def title_match_offsets(
        self, query: str, article: StoredArticle, typed: str | None = None
    ) -> list[tuple[int, int]]:
        """Offsets in `article.title` of the words the query matches (a title apart from the
        text, as a front matter's or a record's, is searched too). `typed` as for `search`."""
        if not article.title:
            return []
        title = replace(article, text=article.title, mentions=())
        return self._read(lambda: self._match_offsets(query, title, None, typed, ("title", "text")))

    def snippets(self, query: str, article: StoredArticle, count: int = 3) -> list[Snippet]:
        """Up to `count` fragments of the text around the query's first matches (looked for in
        the first `SNIPPET_SCAN_CHARS` characters, then in four times as many, and so on, when
        none is there: a match early in a huge article is found without reading all of it)."""
        limit = SNIPPET_SCAN_CHARS
        offsets = self.match_offsets(query, article, limit)
        while not offsets and len(article.text) > limit:
            limit *= 4
            offsets = self.match_offsets(query, article, limit)
        return highlight.snippets(article.text, offsets, count)

    def entity_counts(
        self, results: SearchResults, kind: str | None = None, top: int = 20
    ) -> list[EntityCount]:
        """Like `facets`, with mention counts too (from the entity field's postings)."""
        return self._read(lambda: self._entity_counts(results, kind, top))

    def _entity_counts(self, results: SearchResults, kind: str | None, top: int) -> list[EntityCount]:
        ranked = self.facets(results, top=None, kind=kind)[:top]
        with self._lock:
            if self._searcher is None:
                return ranked
            if isinstance(self._searcher.schema["entity"], EntityIds):
                found = self._docsets().frequencies("entity", [c.id for c in ranked], results.docnums)
                mentions = Counter(found)
            else:  # an index of schema 5 or before, shown while its rebuild runs: no counts there
                mentions = Counter()
                wanted = {c.id for c in ranked}
                for docnum in results.docnums:
                    for _start, _end, entity_id, _form, _rule in (
                        self._searcher.stored_fields(docnum).get("mentions") or ()
                    ):
                        if entity_id in wanted:
                            mentions[entity_id] += 1
        return [replace(c, mentions=mentions[c.id]) for c in ranked]

    def facets(
        self, results: SearchResults, top: int | None = 20, kind: str | None = None
    ) -> list[EntityCount]:
        """The entities named by the most articles of `results`, with article counts."""
        return self._read(lambda: self._facets(results, top, kind))

    def _facets(self, results: SearchResults, top: int | None, kind: str | None) -> list[EntityCount]:
        with self._lock:
            if self._searcher is None:
                return []
            counts: Counter[str] = Counter()
            sets = self._docsets()
            wanted = set(results.docnums)
            found: dict[str, int] = {}
            if len(wanted) == len(sets.everything):
                found = sets.live_counts("entity")
            else:
                for entity_id in sets.whole_terms("entity"):
                    if kind is not None and entity_id.startswith("country:") != (kind == "country"):
                        continue
                    docs = sets.term("entity", entity_id)
                    n = len(docs & wanted) if len(docs) < len(wanted) else len(wanted & docs)
                    if n:
                        found[entity_id] = n
            for entity_id, n in found.items():
                if kind is None or entity_id.startswith("country:") == (kind == "country"):
                    counts[entity_id] = n
        out = []
        # ties in the order of the names shown (then of the ids, for names shared)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self._shown_name(item[0]), item[0]))
        for entity_id, n in ranked[:top] if top is not None else ranked:
            info = self.registry.entity(entity_id)
            kind = info.kind if info else ("country" if entity_id.startswith("country:") else "organization")
            out.append(
                EntityCount(
                    entity_id,
                    kind,
                    info.name_en if info else entity_id,
                    info.name_fr if info else entity_id,
                    n,
                )
            )
        return out

    def _shown_name(self, entity_id: str) -> str:
        info = self.registry.entity(entity_id)
        return (info.name_en if info else entity_id).casefold()


def shown_generation(meta: Meta) -> str:
    """The generation a reader shows: the finished index, or, while a first build runs and has
    none, the one it is writing, so that its articles appear as they are saved (a rebuild keeps
    showing the previous index until it is done)."""
    return meta.generation or meta.building


def _stale_in_child(corpus_dir: Path, index_dir: Path, children: set[subprocess.Popen[Any]]) -> bool | None:
    """`is_stale` answered by a child Python process (in `children` while it runs); None when
    the child could not answer."""
    try:
        child = subprocess.Popen(
            [sys.executable, "-P", "-c", _STALE_CHILD, str(corpus_dir), str(index_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=child_env(),
        )
    except OSError:
        return None
    children.add(child)
    try:
        out, _ = child.communicate(timeout=600)
        answer = json.loads(out.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        child.kill()
        return None
    finally:
        children.discard(child)
    if not isinstance(answer, dict):
        return None
    if "error" in answer:
        error = getattr(errors, str(answer["error"]), None)
        if isinstance(error, type) and issubclass(error, SearchError):
            raise error(str(answer.get("message", "")))
        return None
    stale = answer.get("stale")
    return stale if isinstance(stale, bool) else None
