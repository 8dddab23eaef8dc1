"""Entities in a huge article: found in its first part only, while all of it stays searchable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.corpus import Article
from tui_reader.entities import default_tagger
from tui_reader.search import Library, analysis, documents
from tui_reader.search import library as library_module
from tui_reader.search.highlight import first_chars


def article(text: str) -> Article:
    return Article(id="a", path="a.txt", position=0, title="", text=text, lang="en")


def test_mentions_stop_at_the_limit_without_cutting_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_TAGGED_CHARS", 1_005)  # inside a word
    text = "Morocco and Spain met. " * 100
    mentions = documents.article_mentions(default_tagger(), article(text))
    assert mentions
    assert max(m.end for m in mentions) <= 1_005
    # the word the limit falls in is dropped whole, never tagged as a part
    assert all(m.text in ("Morocco", "Spain") for m in mentions)
    assert len(mentions) == len(default_tagger().tag(text[:1_000], "en"))


def test_a_short_article_is_tagged_whole() -> None:
    text = "Morocco and Spain met. " * 10
    mentions = documents.article_mentions(default_tagger(), article(text))
    assert len(mentions) == 20


def test_a_huge_article_keeps_its_first_mentions_and_all_its_words(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_TAGGED_CHARS", 2_000)
    (corpus / "huge.txt").write_text(
        "date 2025-01\n\n" + "Morocco and Spain met. " * 200 + "Portugal and the zebrafish.",
        encoding="utf-8",
    )
    library = Library.open(corpus, index_dir)
    library.update()
    rows = library.search("zebrafish")
    assert [row.path for row in rows] == ["huge.txt"]
    stored = library.article(rows[0].id)
    assert stored is not None
    ids = {m.id for m in stored.mentions}
    assert ids == {"country:MA", "country:ES"}  # Portugal, at the end, is past the limit
    assert max(m.end for m in stored.mentions) <= 2_000
    for m in stored.mentions:
        assert stored.text[m.start : m.end] == m.text


def test_matches_can_be_limited_to_the_first_part(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "SNIPPET_SCAN_CHARS", 1_000)
    (corpus / "long.txt").write_text(
        "date 2025-01\n\n" + "The harvest was late. " * 200 + "A zebrafish appeared.", encoding="utf-8"
    )
    library = Library.open(corpus, index_dir)
    library.update()
    row = library.search("harvest")[0]
    stored = library.article(row.id)
    assert stored is not None
    every = library.match_offsets("harvest", stored)
    first = library.match_offsets("harvest", stored, 998)  # inside a "harvest"
    assert len(every) == 200
    assert first == [m for m in every if m[1] <= 998]
    # a snippet is found past the part looked at first
    snippet = library.snippets("zebrafish", stored)[0]
    assert "zebrafish" in snippet.text


def test_a_snippet_past_the_first_part_is_looked_for_in_growing_parts(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a match early in a huge article is found without reading all of it
    monkeypatch.setattr(library_module, "SNIPPET_SCAN_CHARS", 1_000)
    text = "The harvest was late. " * 100 + "A zebrafish appeared. " + "The rain came. " * 20_000
    (corpus / "long.txt").write_text("date 2025-01\n\n" + text, encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()
    stored = library.article(library.search("zebrafish")[0].id)
    assert stored is not None
    limits: list[int | None] = []
    looked_for = library.match_offsets

    def recorded(query: str, article: object, limit: int | None = None, typed: str | None = None) -> object:
        limits.append(limit)
        return looked_for(query, article, limit, typed)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "match_offsets", recorded)
    snippet = library.snippets("zebrafish", stored)[0]
    assert "zebrafish" in snippet.text
    assert limits == [1_000, 4_000]


def test_first_chars_cuts_after_a_space() -> None:
    assert first_chars("abc def ghi", 100) == 11
    assert first_chars("abc def ghi", 9) == 7  # "abc def" and not "abc def g"
    assert first_chars("x" * 500, 300) == 300  # no space near: a hard cut


def test_an_article_of_too_many_different_words_indexes_its_first_ones(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # past the most different words an article indexes, a new word is left out (random strings,
    # not prose); the words already seen stay searchable wherever they come back, and phrases
    # keep their positions
    monkeypatch.setattr(analysis, "MAX_DISTINCT_WORDS", 1_000, raising=False)
    monkeypatch.setattr(analysis, "LEAN_CHARS", 100)
    words = [f"w{n:05d}x" for n in range(3_000)]
    text = " ".join(words[:1_000]) + " " + " ".join(words[1_000:]) + " w00001x w00002x zebra finch"
    (corpus / "many.txt").write_text("date 2025-01\n\n" + text, encoding="utf-8")
    (corpus / "short.txt").write_text("date 2025-01\n\nThe zebra finch sings.", encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()
    assert [row.path for row in library.search("w00999x")] == ["many.txt"]
    assert [row.path for row in library.search("w02500x")] == []
    assert [row.path for row in library.search('"w00001x w00002x"')] == ["many.txt"]
    # "zebra" and "finch" came after the limit: only the short article has them
    assert [row.path for row in library.search('"zebra finch"')] == ["short.txt"]
    assert [row.path for row in library.search("w02999x w00001x")] == []
