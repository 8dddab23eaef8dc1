"""The library's faster paths answer exactly what the plain ones answer."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tui_reader.search import CorpusUnavailable, Library
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


def test_facets_of_every_article_count_live_articles_only(seeded_corpus: Path, index_dir: Path) -> None:
    library = Library.open(seeded_corpus, index_dir)
    library.update()
    # a changed file leaves its old documents deleted in their segment
    changed = seeded_corpus / "fr" / "qatar.txt"
    changed.write_text("date 2025-01-21\n\nLe Maroc et la Turquie ont signé un accord.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    library.update()
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
    raw = {i: sets.reader.doc_frequency("entity", i) for i in expected}
    assert raw != expected  # document frequencies still count the deleted documents
    every = library.search("")
    facets = {c.id: c.articles for c in library.facets(every, top=None)}
    assert facets == expected
    countries = library.facets(every, top=None, kind="country")
    by_count = sorted(expected, key=lambda i: -expected[i])
    assert [c.id for c in countries] == [i for i in by_count if i.startswith("country:")]


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
