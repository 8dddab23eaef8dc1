"""The grouped-postings writer writes the same files as Whoosh's own, and its index searches alike."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as windex
from whoosh.qparser import QueryParser
from whoosh.query import Phrase

from tui_reader.search import IndexUnavailable
from tui_reader.search.bulk import BulkSegmentWriter, TermPool, bulk_writer
from tui_reader.search.schema import build_schema

WORDS = "maroc sénégal élections union africaine pétrole prix réunion sécurité rabat dakar".split()


def documents(count: int) -> list[dict[str, Any]]:
    docs = []
    for n in range(count):
        # Common words reach several posting blocks (128 postings); rare ones stay in one.
        words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(n % 17 + 1)] + [f"mot{n % 50}"]
        text = " ".join(words * (1 + n % 3))
        lang = "fr" if n % 2 else "en"
        docs.append(
            {
                "id": f"d{n}",
                "path": f"p{n % 40}.txt",
                "position": n,
                "title": f"Titre {words[0]} {n}",
                "text": text,
                "date": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "lang": lang,
                "entity": "country:MA" if "maroc" in words else "",
                "mentions": [],
                f"body_{lang}": [f"Titre {words[0]}", text],
            }
        )
    return docs


def build(root: Path, make_writer: Any, docs: list[dict[str, Any]]) -> dict[str, str]:
    root.mkdir()
    ix = windex.create_in(str(root), build_schema())
    writer = make_writer(ix)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    # Segment files are named after a random segment id: compare by what follows it.
    return {
        p.name.split(".", 1)[1]: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.iterdir()
        if "." in p.name and not p.name.endswith(".toc")
    }


def test_files_are_those_of_whooshs_writer(tmp_path: Path) -> None:
    docs = documents(700)
    ours = build(tmp_path / "bulk", lambda ix: bulk_writer(ix, compound=False, compress_from=0), docs)
    theirs = build(tmp_path / "whoosh", lambda ix: ix.writer(compound=False), docs)
    assert {"pst", "trm", "_stored.col"} <= set(ours)
    assert ours == theirs


def postings(root: Path) -> list[tuple[Any, ...]]:
    ix = windex.open_dir(str(root))
    with ix.reader() as reader:
        found = []
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            matcher = reader.postings(fieldname, text)
            found.append((fieldname, text, info.weight(), info.doc_frequency(), info.max_weight()))
            found.extend(matcher.all_items())
        return found


def test_short_blocks_stored_uncompressed_read_the_same(tmp_path: Path) -> None:
    docs = documents(700)
    ours = build(tmp_path / "bulk", lambda ix: bulk_writer(ix, compound=False), docs)
    theirs = build(tmp_path / "whoosh", lambda ix: ix.writer(compound=False), docs)
    assert ours["trm"] != theirs["trm"] and ours["_stored.col"] == theirs["_stored.col"]
    assert postings(tmp_path / "bulk") == postings(tmp_path / "whoosh")


def test_merging_segments_falls_back_to_whooshs_flush(tmp_path: Path) -> None:
    docs = documents(300)
    root = tmp_path / "ix"
    root.mkdir()
    ix = windex.create_in(str(root), build_schema())
    for part in (docs[:100], docs[100:200], docs[200:]):
        writer = bulk_writer(ix, compound=False)
        for doc in part:
            writer.add_document(**doc)
        writer.commit(optimize=True)  # merges the earlier segments into this writer's pool
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 300
        hits = searcher.search(QueryParser("text", ix.schema).parse("sénégal"), limit=None)
        expected = sum("sénégal" in d["text"] for d in docs)
        assert len(hits) == expected
    assert len(ix._segments()) == 1


def test_index_searches_sorts_and_highlights(tmp_path: Path) -> None:
    docs = documents(400)
    root = tmp_path / "ix"
    root.mkdir()
    ix = windex.create_in(str(root), build_schema())
    writer = bulk_writer(ix, procs=2, compound=False)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 400
        query = QueryParser("text", ix.schema).parse("union")
        hits = searcher.search(query, limit=None, sortedby="date", reverse=True)
        assert len(hits) == sum("union" in d["text"].split() for d in docs)
        dates = [hit["date"] for hit in hits]
        assert dates == sorted(dates, reverse=True)
        assert "<b" in hits[0].highlights("text").lower()
        phrase = Phrase("text", ["union", "africaine"])
        expected = sum("union africaine" in d["text"] for d in docs)
        assert len(searcher.search(phrase, limit=None)) == expected
        stemmed = QueryParser("body_fr", ix.schema).parse("élection")
        assert len(searcher.search(stemmed, limit=None)) == sum(
            d["lang"] == "fr" and "élections" in d["text"] for d in docs
        )


def test_pool_keeps_order_and_notices_disorder() -> None:
    pool = TermPool()
    pool.add(("text", b"b", 0, 1.0, b"x"))
    pool.add(("text", b"a", 1, 2.0, None))
    pool.add(("text", b"b", 2, 1.0, b"y"))
    assert pool.ordered
    assert list(pool.iter_postings()) == [
        ("text", b"a", 1, 2.0, b""),
        ("text", b"b", 0, 1.0, b"x"),
        ("text", b"b", 2, 1.0, b"y"),
    ]
    pool.add(("text", b"b", 1, 1.0, b"z"))
    assert not pool.ordered
    assert [p[2] for p in pool.iter_postings() if p[1] == b"b"] == [0, 1, 2]


def test_vectors_are_refused(tmp_path: Path) -> None:
    from whoosh.fields import TEXT, Schema

    ix = windex.create_in(str(tmp_path), Schema(body=TEXT(vector=True)))
    writer = BulkSegmentWriter(ix)
    with pytest.raises(ValueError, match="term vectors"):
        writer.add_document(body="some words")
    writer.cancel()


@pytest.mark.parametrize(
    ("error", "raised"),
    [(OSError(errno.ENOSPC, "No space left on device"), OSError), (MemoryError(), IndexUnavailable)],
)
def test_a_sub_process_that_fails_makes_the_commit_fail_without_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], error: BaseException, raised: type[Exception]
) -> None:
    root = tmp_path / "ix"
    root.mkdir()
    ix = windex.create_in(str(root), build_schema())
    writer = bulk_writer(ix, procs=2, compound=False)
    original = BulkSegmentWriter.add_document

    def failing(self: BulkSegmentWriter, **fields: Any) -> None:
        if fields["id"] == "d7":  # in a sub-process (they are forked with this in place)
            raise error
        original(self, **fields)

    BulkSegmentWriter.add_document = failing  # type: ignore[method-assign]
    try:
        for doc in documents(40):
            writer.add_document(**doc)
        with pytest.raises(raised) as caught:
            writer.commit()
    finally:
        BulkSegmentWriter.add_document = original  # type: ignore[method-assign]
        writer.cancel()
    if raised is OSError:
        assert caught.value.errno == errno.ENOSPC  # said as a full disk, not a crash
    # the articles of the failed segment are not committed as if they were indexed
    assert not ix.latest_generation() > 0 or ix.doc_count() < 40
    assert "Traceback" not in capfd.readouterr().err
