"""While a first build runs, a reader shows what it has saved so far."""

from __future__ import annotations

from pathlib import Path

from tui_reader.search import Library
from tui_reader.search.indexer import update_index
from tui_reader.search.store import read_meta, write_meta


def _as_if_still_building(index_dir: Path) -> None:
    """Make a finished first build look like one still running (its commits saved, no finished
    generation yet), as a reader sees it between two commits."""
    meta = read_meta(index_dir)
    meta.building, meta.generation, meta.updating_pid = meta.generation, "", 1
    write_meta(index_dir, meta)


def test_a_reader_shows_the_articles_a_first_build_has_saved(corpus: Path, index_dir: Path) -> None:
    update_index(corpus, index_dir)
    total = read_meta(index_dir)
    _as_if_still_building(index_dir)
    library = Library.open(corpus, index_dir)
    assert library.built
    assert library.search("").total == len(list(corpus.rglob("*.txt")))
    assert total.generation == read_meta(index_dir).building


def test_a_first_build_with_nothing_saved_yet_is_an_empty_index(corpus: Path, index_dir: Path) -> None:
    index_dir.mkdir()
    write_meta(index_dir, read_meta(index_dir).__class__(building="g1", updating_pid=1))
    library = Library.open(corpus, index_dir)  # no table of contents yet: no error
    assert not library.built and library.search("").total == 0
    assert library.refresh() is False
