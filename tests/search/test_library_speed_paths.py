"""The library's faster paths answer exactly what the plain ones answer."""

from __future__ import annotations

import os
import pickle
import time
import zlib
from pathlib import Path

import pytest
from whoosh import query as wq

from tui_reader.search import CorpusUnavailable, Library, ResultsOutdated, docsets
from tui_reader.search import library as library_module
from tui_reader.search.docsets import DocSets, _block_gaps
from tui_reader.search.library import _stale_in_child


def test_stale_scan_in_a_child_process_sees_new_changed_and_deleted_files(
    corpus: Path, index_dir: Path
) -> None:
    library = Library.open(corpus, index_dir)
    assert library.is_stale(in_child=True)  # never built
    library.update()
    assert not library.is_stale(in_child=True)
    assert _stale_in_child(corpus, index_dir, set()) is False  # answered by the child, not the fallback
    (corpus / "en" / "new.txt").write_text("date 2024-01-01\n\nA new brief.", encoding="utf-8")
    assert library.is_stale(in_child=True)
    library.update()
    changed = corpus / "en" / "markets.txt"
    changed.write_text("date 2023-11\n\nGold prices fell.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    assert library.is_stale(in_child=True)
    library.update()
    (corpus / "fr" / "qatar.txt").unlink()
    assert library.is_stale(in_child=True)
    library.update()
    assert not library.is_stale(in_child=True)


def test_stale_scan_in_a_child_process_reports_a_missing_corpus(corpus: Path, index_dir: Path) -> None:
    library = Library.open(corpus, index_dir)
    library.update()
    moved = corpus.with_name("elsewhere")
    corpus.rename(moved)
    with pytest.raises(CorpusUnavailable, match="does not exist"):
        library.is_stale(in_child=True)


def _with_a_changed_file(seeded_corpus: Path, index_dir: Path) -> Library:
    """A library updated twice: the second time a changed file leaves its old documents deleted
    in the first segment and adds a second one."""
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    changed = seeded_corpus / "fr" / "qatar.txt"
    changed.write_text("date 2025-01-21\n\nLe Maroc et la Turquie ont signé un accord.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    library.update()
    return library


def test_facets_of_every_article_count_live_articles_only(seeded_corpus: Path, index_dir: Path) -> None:
    library = _with_a_changed_file(seeded_corpus, index_dir)
    sets = library._docsets()
    assert library._searcher.reader().has_deletions()
    expected = {}
    for term in sets.reader.lexicon("entity"):
        entity_id = term.decode("utf-8")
        n = len(sets.term("entity", entity_id))
        if n:
            expected[entity_id] = n
    fresh = Library.open(seeded_corpus, index_dir)._docsets()
    assert fresh.live_counts("entity") == expected
    fresh.live_counts("entity").clear()  # kept per searcher, and a caller's copy
    assert fresh.live_counts("entity") == expected
    raw = {i: sets.reader.doc_frequency("entity", i) for i in expected}
    assert raw != expected  # document frequencies still count the deleted documents
    every = library.search("")
    facets = {c.id: c.articles for c in library.facets(every, top=None)}
    assert facets == expected
    countries = library.facets(every, top=None, kind="country")
    by_count = sorted(expected, key=lambda i: (-expected[i], _shown(library, i), i))
    assert [c.id for c in countries] == [i for i in by_count if i.startswith("country:")]


def _shown(library: Library, entity_id: str) -> str:
    info = library.registry.entity(entity_id)
    return (info.name_en if info else entity_id).casefold()


def test_facets_of_some_articles_use_the_entity_terms_read_once(seeded_corpus: Path, index_dir: Path) -> None:
    library = _with_a_changed_file(seeded_corpus, index_dir)
    sets = library._docsets()
    lexicon = [t.decode("utf-8") for t in sets.reader.lexicon("entity")]
    assert sets.whole_terms("entity") == lexicon
    for query in ["Maroc", "Qatar OR Turquie", "élections"]:
        results = library.search(query)
        wanted = set(results.docnums)
        assert 0 < len(wanted) < len(sets.everything)
        expected = {i: len(sets.term("entity", i) & wanted) for i in lexicon}
        facets = library.facets(results, top=None)
        assert {c.id: c.articles for c in facets} == {i: n for i, n in expected.items() if n}
        # ties in the order of the names shown
        assert [c.id for c in facets] == sorted(
            (i for i in lexicon if expected[i]), key=lambda i: (-expected[i], _shown(library, i), i)
        )


def test_prefix_walk_lists_the_terms_and_documents_lookups_find(seeded_corpus: Path, index_dir: Path) -> None:
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    (seeded_corpus / "en" / "more.txt").write_text(
        "date 2024-02-02\n\nMarkets in Marrakech and Marseille: the market marked a record.", encoding="utf-8"
    )
    library.update()  # a second segment
    reader = library._searcher.reader()
    assert len(list(reader.leaf_readers())) > 1
    walked = library._docsets()
    looked_up = Library.open(seeded_corpus, index_dir)._docsets()
    for fieldname in ("text", "title"):
        for prefix in ("mar", "mark", "marke", "d", "élec", "zzz"):
            expected = {
                t.decode("utf-8"): reader.doc_frequency(fieldname, t)
                for t in reader.expand_prefix(fieldname, prefix)
            }
            found = walked.prefix_frequencies(fieldname, prefix)
            assert found == expected and list(found) == sorted(expected)
            for term in found:  # postings read from the walked table entries
                assert walked.term(fieldname, term) == looked_up.term(fieldname, term)
    assert library.search("(mar OR mar*)", sort="date").docnums


def test_closing_the_library_stops_a_stale_scan_in_a_child(corpus: Path, index_dir: Path) -> None:
    import threading

    library = Library.open(corpus, index_dir)
    library.update()
    (corpus / "en" / "new.txt").write_text("date 2024-01-01\n\nA new brief.", encoding="utf-8")
    answers: list[bool] = []
    scan = threading.Thread(target=lambda: answers.append(library.is_stale(in_child=True)))
    scan.start()
    deadline = time.monotonic() + 10
    while not library._children and time.monotonic() < deadline:
        time.sleep(0.001)
    children = list(library._children)
    assert children
    library.close()
    scan.join(10)
    assert answers == [False]  # stopped: the child never said the new file is there
    assert all(child.poll() is not None for child in children)


class _Block:
    """The attributes of a W3 postings matcher that `_block_gaps` reads, over one written block."""

    def __init__(self, data: bytes, count: int, compression: int) -> None:
        self._postfile = self
        self._data_bytes = data
        self._dataoffset = 0
        self._nextoffset = len(data)
        self._blocklength = count
        self._compression = compression

    def get(self, position: int, length: int) -> bytes:
        return self._data_bytes[position : position + length]


@pytest.mark.parametrize("compression", [0, 3])
@pytest.mark.parametrize(
    "gaps",
    [
        (7,),
        (0, 1),
        (255, 256, 65535),
        (3, 65536, 2**31 - 1, 1),
        tuple(range(0, 128 * 700, 700)),
        tuple((i * 7919) % 70_000 + 1 for i in range(128)),
    ],
)
def test_block_ids_alone_are_the_ids_of_the_whole_block(gaps: tuple[int, ...], compression: int) -> None:
    weights = tuple(float(i % 3 + 1) for i in range(len(gaps)))
    values = tuple(bytes([i % 256, 75, 77, 74, 40]) * 3 for i in range(len(gaps)))  # opcode-like bytes
    data = pickle.dumps((gaps, weights, values), 2)
    if compression:
        data = zlib.compress(data, compression)
    assert _block_gaps(_Block(data, len(gaps), compression)) == gaps


def test_block_ids_alone_give_up_on_an_unexpected_block() -> None:
    data = zlib.compress(pickle.dumps(((1, 2**40), None, None), 2), 3)  # a gap no BININT holds
    assert _block_gaps(_Block(data, 2, 3)) is None
    data = zlib.compress(pickle.dumps(((1, 2, 3), None, None), 2), 3)
    assert _block_gaps(_Block(data, 4, 3)) is None  # fewer gaps than the block says


def test_postings_ids_read_alone_are_whooshs_ids(seeded_corpus: Path, index_dir: Path) -> None:
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    sets = DocSets(library._searcher)
    checked = 0
    for segment in sets.segments:
        for fieldname in ("text", "title", "entity"):
            for term in segment.reader.lexicon(fieldname):
                whoosh_ids = list(segment.reader.postings(fieldname, term).all_ids())
                assert segment.ids(fieldname, term.decode("utf-8")) == whoosh_ids
                assert segment.ids(fieldname, term.decode("utf-8"), 1000) == [d + 1000 for d in whoosh_ids]
                checked += 1
    assert checked > 50


@pytest.mark.parametrize("chunk", [16, 100, 8192])
def test_term_table_walk_lists_whooshs_prefix_terms(
    seeded_corpus: Path, index_dir: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docsets, "TABLE_CHUNK", chunk)
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    (seeded_corpus / "en" / "more.txt").write_text(
        "date 2024-02-02\n\nMarkets in Marrakech and Marseille: the market marked a record.", encoding="utf-8"
    )
    library.update()
    sets = DocSets(library._searcher)
    assert len(sets.segments) > 1
    for segment in sets.segments:
        for fieldname in ("text", "title", "entity", "lang", "date", "nosuchfield"):
            for prefix in ("", "m", "mar", "élec", "q", "zzzz", "\uffff"):
                reader = segment.reader
                expected = (
                    [(t.decode("utf-8"), i.doc_frequency()) for t, i in reader.iter_prefix(fieldname, prefix)]
                    if fieldname in reader.schema
                    else []
                )
                entries = list(segment.prefix_entries(fieldname, prefix))
                assert [(text, n) for text, n, _ in entries] == expected
                for text, _, info in entries:
                    assert segment.ids_of_info(fieldname, text, info) == segment.ids(fieldname, text)


def test_term_documents_leave_out_deleted_documents(seeded_corpus: Path, index_dir: Path) -> None:
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    changed = seeded_corpus / "fr" / "qatar.txt"
    changed.write_text("date 2025-01-21\n\nLe Maroc et le Qatar ont signé un accord.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    library.update()
    searcher = library._searcher
    assert searcher.reader().has_deletions()
    sets = DocSets(searcher)
    walked = DocSets(searcher)
    checked = 0
    for fieldname in ("text", "title", "entity", "lang"):
        walked.prefix_frequencies(fieldname, "")
        for term in searcher.reader().lexicon(fieldname):
            text = term.decode("utf-8")
            expected = set(searcher.docs_for_query(wq.Term(fieldname, text)))
            assert sets.term(fieldname, text) == expected
            assert walked.term(fieldname, text) == expected
            checked += 1
    assert checked > 50


def test_many_ids_are_read_from_one_walk_as_lookups_find_them(
    seeded_corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _with_a_changed_file(seeded_corpus, index_dir)
    searcher = library._searcher
    assert searcher.reader().has_deletions()
    ids = [t.decode("utf-8") for t in searcher.reader().lexicon("id")]
    looked_up = DocSets(searcher)
    expected = {i: looked_up.term("id", i) for i in ids}
    # the changed file's articles keep their ids: each is in both segments, deleted in the first
    assert any(searcher.reader().doc_frequency("id", i) > len(expected[i]) for i in ids)
    monkeypatch.setattr(docsets, "ID_LOOKUPS", 0)
    walked = DocSets(searcher)
    for article_id, docs in expected.items():
        assert walked.of_ids([article_id]) == docs
    assert walked.of_ids(ids) == walked.everything
    assert walked.of_ids(["no-such-id", *ids[:3]]) == set().union(*(expected[i] for i in ids[:3]))
    every = library.search("")
    read = {every[i].id for i in range(0, len(every), 2)}
    unread = library.search("", except_ids=read)
    assert {r.id for r in unread} == {r.id for r in every} - read
    assert {r.id for r in library.search("", only_ids=read)} == read


@pytest.mark.parametrize("batch", [2, 10_000])  # full batches walk the ids; a short one looks each up
def test_stored_articles_are_the_articles_of_the_ids_in_their_order(
    seeded_corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(library_module, "STORED_BATCH", batch)
    library = _with_a_changed_file(seeded_corpus, index_dir)
    every = library.search("")
    ids = [every[i].id for i in reversed(range(len(every)))]
    asked = [ids[0], "no-such-id", *ids[1:]]
    found = list(library.stored_articles(asked))
    assert found == [library.article(i) for i in ids]
    assert list(library.stored_articles([])) == []


@pytest.mark.parametrize("batch", [2, 10_000])
def test_the_articles_of_results_are_read_by_number_in_the_order_asked(
    seeded_corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(library_module, "STORED_BATCH", batch)
    library = _with_a_changed_file(seeded_corpus, index_dir)
    every = library.search("")
    ids = [every[i].id for i in range(len(every))]
    assert [a.id for a in library.results_articles(every)] == ids
    assert list(library.results_articles(every)) == [library.article(i) for i in ids]
    backwards = reversed(range(len(every)))
    assert [a.id for a in library.results_articles(every, backwards)] == ids[::-1]
    assert list(library.results_articles(every, [])) == []


def test_the_articles_of_results_found_before_a_refresh_are_not_read(
    seeded_corpus: Path, index_dir: Path
) -> None:
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    every = library.search("")
    changed = seeded_corpus / "fr" / "qatar.txt"
    changed.write_text("date 2025-01-21\n\nLe Maroc et la Turquie ont signé un accord.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    library.update()
    assert not library.current(every)  # its numbers may name other articles now
    with pytest.raises(ResultsOutdated):
        list(library.results_articles(every))
