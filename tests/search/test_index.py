"""Building and updating the index: incremental, versioned, recoverable."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tui_reader.entities import default_tagger
from tui_reader.search import Library, indexer
from tui_reader.search.indexer import update_index
from tui_reader.search.store import read_meta, write_meta


def open_built(corpus: Path, index_dir: Path) -> Library:
    library = Library.open(corpus, index_dir)
    library.update()
    return library


def test_first_build_indexes_every_file(corpus: Path, index_dir: Path) -> None:
    library = Library.open(corpus, index_dir)
    assert library.is_stale()
    summary = library.update()
    assert (summary.added, summary.articles, summary.total_articles) == (4, 4, 4)
    assert summary.skipped == []
    assert not library.is_stale()
    assert len(library.search("")) == 4


def test_second_run_has_nothing_to_do(corpus: Path, index_dir: Path) -> None:
    open_built(corpus, index_dir)
    summary = Library.open(corpus, index_dir).update()
    assert summary.nothing_to_do
    assert summary.unchanged == 4 and summary.articles == 0


def test_an_update_with_no_file_to_read_does_not_load_the_tagger(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = open_built(corpus, index_dir)
    loaded: list[Any] = []

    def tagger() -> Any:
        loaded.append(default_tagger())
        return loaded[-1]

    monkeypatch.setattr(indexer, "default_tagger", tagger)
    assert library.update().nothing_to_do
    (corpus / "fr" / "election.txt").unlink()
    assert library.update().deleted == 1
    assert not loaded and not library.is_stale()
    (corpus / "new.txt").write_text("date 2025-02\n\nA brand new brief about Kenya.", encoding="utf-8")
    assert library.update().added == 1
    assert loaded
    assert [r.entities for r in library.search("Kenya")] == [("country:KE",)]


def test_changed_new_and_deleted_files_update_exactly_those(corpus: Path, index_dir: Path) -> None:
    library = open_built(corpus, index_dir)
    changed = corpus / "en" / "markets.txt"
    changed.write_text("date 2023-11\n\nGold prices fell sharply in Zurich.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    (corpus / "fr" / "election.txt").unlink()
    (corpus / "new.txt").write_text("date 2025-02\n\nA brand new brief about Kenya.", encoding="utf-8")
    summary = library.update()
    assert (summary.added, summary.changed, summary.deleted, summary.unchanged) == (1, 1, 1, 2)
    assert summary.articles == 2
    assert summary.total_articles == 4
    assert len(library.search("Zurich")) == 1
    assert len(library.search("Oil")) == 0
    assert len(library.search("municipales")) == 0
    assert len(library.search("Kenya")) == 1


def test_rebuild_replaces_the_generation(corpus: Path, index_dir: Path) -> None:
    open_built(corpus, index_dir)
    first = read_meta(index_dir).generation
    summary = Library.open(corpus, index_dir).update(rebuild=True)
    assert summary.rebuilt and summary.total_articles == 4
    meta = read_meta(index_dir)
    assert meta.generation != first
    assert not any(first in p.name for p in index_dir.iterdir())


def test_schema_version_change_rebuilds(corpus: Path, index_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    open_built(corpus, index_dir)
    monkeypatch.setattr("tui_reader.search.indexer.SCHEMA_VERSION", "changed")
    assert Library.open(corpus, index_dir).is_stale()
    summary = Library.open(corpus, index_dir).update()
    assert summary.rebuilt and summary.articles == 4


def test_an_index_whose_entities_another_version_extracted_is_stale_and_rebuilt(
    corpus: Path, index_dir: Path
) -> None:
    """Upgrading briefread (a new registry, or new rules over the same one) extracts again, even
    when no article changed: the index says it is stale, and the next update rebuilds it."""
    open_built(corpus, index_dir)
    meta = read_meta(index_dir)
    meta.registry = "0123456789ab.older"  # as an earlier release recorded it
    write_meta(index_dir, meta)
    library = Library.open(corpus, index_dir)
    assert library.is_stale()
    summary = library.update()
    assert summary.rebuilt and summary.articles == 4
    assert summary.upgraded == (
        "This version of briefread finds countries and organizations differently; the index was rebuilt."
    )
    assert not library.is_stale()
    assert len(library.search("country:Qatar")) == 1


def test_interrupted_update_is_recovered_without_duplicates(corpus: Path, index_dir: Path) -> None:
    library = open_built(corpus, index_dir)
    meta_path = index_dir / "briefread.json"
    # A dead process's pid left in the meta, and files committed but missing from the manifest.
    text = meta_path.read_text().replace('"updating_pid": 0', '"updating_pid": 999999')
    meta_path.write_text(text)
    from tui_reader.search.manifest import Manifest
    from tui_reader.search.store import manifest_path

    manifest = Manifest(manifest_path(index_dir, read_meta(index_dir).generation))
    manifest.forget(["en/election.txt", "fr/qatar.txt"])
    manifest.close()
    summary = library.update()
    assert summary.recovered
    assert summary.total_articles == 4
    assert len(library.search("Qatar")) == 1


def test_another_process_commit_is_seen_after_refresh(corpus: Path, index_dir: Path) -> None:
    reader = open_built(corpus, index_dir)
    writer = Library.open(corpus, index_dir)
    (corpus / "late.txt").write_text("date 2025-03\n\nA late brief on Chile.", encoding="utf-8")
    writer.update()
    assert reader.refresh()
    assert len(reader.search("Chile")) == 1


def test_results_found_before_a_refresh_are_no_longer_current(corpus: Path, index_dir: Path) -> None:
    reader = open_built(corpus, index_dir)
    writer = Library.open(corpus, index_dir)
    before = reader.search("")
    assert reader.current(before)
    (corpus / "late.txt").write_text("date 2025-03\n\nA late brief on Chile.", encoding="utf-8")
    writer.update()
    assert reader.refresh()
    assert not reader.current(before)  # its document numbers may name other articles now
    assert reader.current(reader.search(""))


def test_an_update_while_the_corpus_is_away_leaves_nothing_to_recover(corpus: Path, index_dir: Path) -> None:
    from tui_reader.search import CorpusUnavailable

    update_index(corpus, index_dir)
    away = corpus.with_name("away")
    corpus.rename(away)
    with pytest.raises(CorpusUnavailable):
        update_index(corpus, index_dir)
    away.rename(corpus)
    summary = update_index(corpus, index_dir)
    assert not summary.recovered
    assert summary.nothing_to_do


def test_an_articles_place_in_a_result_list(corpus: Path, index_dir: Path) -> None:
    library = open_built(corpus, index_dir)
    results = library.search("", sort="date")
    assert len(results) > 1
    last = results[len(results) - 1]
    assert library.position(results, last.id) == len(results) - 1
    assert library.position(results, results[0].id) == 0
    assert library.position(results, "no-such-article") is None


def test_commit_seconds_makes_the_index_fill_as_it_goes(corpus: Path, index_dir: Path) -> None:
    from tui_reader.search import Progress

    seen: list[Progress] = []
    summary = Library.open(corpus, index_dir).update(progress=seen.append, commit_seconds=1e-9)
    committed = [p.done for p in seen if p.phase == "committed"]
    assert committed == [1, 2, 3, 4]  # one file per commit when each batch is over at once
    assert summary.total_articles == 4


def test_commits_come_less_often_as_a_long_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.search import Progress, indexer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(60):
        text = f"date 2024-01\n\nBrief {n} on the harbour."
        (corpus / f"brief{n:02d}.txt").write_text(text, encoding="utf-8")
    clock = [0.0]

    def monotonic() -> float:  # a second passes at each look at the clock
        clock[0] += 1.0
        return clock[0]

    monkeypatch.setattr(indexer.time, "monotonic", monotonic)
    seen: list[Progress] = []
    update_index(corpus, tmp_path / "index", progress=seen.append, commit_seconds=2.0, procs=1)
    committed = [p.done for p in seen if p.phase == "committed"]
    sizes = [b - a for a, b in zip([0, *committed], committed, strict=False)][:-1]  # the last is what is left
    assert committed[-1] == 60 and len(committed) <= 7
    assert sizes == sorted(sizes) and sizes[-1] >= 4 * sizes[0]  # 2, 4, 8 ... seconds apart


def test_a_large_file_is_read_after_the_small_ones_and_saved_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.search import Progress, indexer

    monkeypatch.setattr(indexer, "READ_LAST_BYTES", 2_000)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_large.txt").write_text("date 2024-01\n\n" + "The harbour. " * 300, encoding="utf-8")
    for n in range(5):
        (corpus / f"brief{n}.txt").write_text(f"date 2024-01\n\nBrief {n}.", encoding="utf-8")
    (corpus / "z_large.txt").write_text("date 2024-02\n\n" + "The port. " * 300, encoding="utf-8")
    seen: list[Progress] = []
    # no commit for time's sake: what is saved apart is the large files
    update_index(corpus, tmp_path / "index", progress=seen.append, commit_seconds=3600.0, procs=1)
    committed = [(p.done, p.articles) for p in seen if p.phase == "committed"]
    assert committed == [(5, 5), (6, 6), (7, 7)]


def test_temporary_folders_a_killed_writer_left_are_removed(corpus: Path, index_dir: Path) -> None:
    update_index(corpus, index_dir)
    generation = read_meta(index_dir).generation
    left = [index_dir / f"{generation}.tmp", index_dir / "g18ec97c0ff2d6f7b.tmp"]
    for folder in left:
        folder.mkdir()
        (folder / "x.ctmp").write_bytes(b"\\0" * 100)
    update_index(corpus, index_dir)
    assert not any(folder.exists() for folder in left)
    assert len(Library.open(corpus, index_dir).search("")) == 4


def test_an_index_inside_its_corpus_is_not_part_of_it(corpus: Path) -> None:
    index_dir = corpus / "index"
    (corpus / "fr" / "linked").symlink_to(index_dir)  # reached by a link too
    summary = update_index(corpus, index_dir)
    assert (summary.added, summary.total_articles, summary.skipped) == (4, 4, [])
    library = Library.open(corpus, index_dir)
    assert not library.is_stale()  # the files the update wrote are not new articles
    assert update_index(corpus, index_dir).nothing_to_do
    assert len(library.search("")) == 4


def test_a_file_skipped_for_a_reason_that_passes_is_read_once_it_can_be(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = corpus / "late.txt"
    late.write_text("date 2025\n\nLe Maroc et la Tunisie signent un accord.", encoding="utf-8")
    (corpus / "blank.txt").write_text("date 2025\n\n", encoding="utf-8")  # skipped for its content
    real_open = os.open

    def denied(path: Any, *args: Any, **kwargs: Any) -> int:
        # the file made unreadable (chmod 000 does not stop root, who runs the tests in CI)
        if os.fspath(path).endswith("late.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, *args, **kwargs)

    library = Library.open(corpus, index_dir)
    with monkeypatch.context() as patch:
        patch.setattr(os, "open", denied)
        first = library.update()
        reasons = ["blank.txt: empty", "late.txt: permission denied"]
        assert [s.describe() for s in first.skipped] == reasons
        assert not library.is_stale()  # still unreadable: nothing to read again
        again = library.update()
        assert again.nothing_to_do and [s.describe() for s in again.skipped] == reasons
    assert library.is_stale()  # readable now, its size and time unchanged
    summary = library.update()
    assert (summary.changed, summary.articles) == (1, 1)
    assert [s.describe() for s in summary.skipped] == ["blank.txt: empty"]
    assert len(library.search("Tunisie")) == 1
    assert library.update().nothing_to_do


def bad_lines_corpus(corpus: Path) -> None:
    lines = ['{"text": "Le Qatar accueille une réunion."}'] + ["{x"] * 300 + ['{"text": ""}'] * 25
    (corpus / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_file_of_bad_lines_lists_its_first_skips_and_counts_the_rest(corpus: Path, index_dir: Path) -> None:
    from tui_reader.search.manifest import Manifest
    from tui_reader.search.store import manifest_path

    bad_lines_corpus(corpus)
    for _ in range(2):  # as built, and as the manifest keeps it for the next runs
        summary = update_index(corpus, index_dir)
        listed = [s for s in summary.skipped if s.path == "bad.jsonl"]
        assert [s.line for s in listed[:20]] == list(range(2, 22))
        assert len(listed) == 21 and listed[20].line is None
        assert listed[20].describe() == "bad.jsonl: and 305 more lines skipped"
        assert summary.skipped_count == 325 and summary.total_articles == 5
    manifest = Manifest(manifest_path(index_dir, read_meta(index_dir).generation), readonly=True)
    assert len(manifest.entries()["bad.jsonl"].skipped) == 21
    manifest.close()


def test_a_manifest_that_lists_every_bad_line_is_capped_by_the_next_update(
    corpus: Path, index_dir: Path
) -> None:
    import dataclasses

    from tui_reader.corpus import Skipped
    from tui_reader.search.manifest import Manifest
    from tui_reader.search.store import manifest_path

    bad_lines_corpus(corpus)
    update_index(corpus, index_dir)
    path = manifest_path(index_dir, read_meta(index_dir).generation)
    manifest = Manifest(path)
    entry = manifest.entries()["bad.jsonl"]
    every = tuple(Skipped("bad.jsonl", "invalid JSON", n) for n in range(2, 327))
    manifest.record([dataclasses.replace(entry, skipped=every)])  # as an earlier release kept it
    manifest.close()
    summary = update_index(corpus, index_dir)
    assert summary.nothing_to_do
    assert len([s for s in summary.skipped if s.path == "bad.jsonl"]) == 21
    assert summary.skipped_count == 325
    manifest = Manifest(path, readonly=True)
    assert len(manifest.entries()["bad.jsonl"].skipped) == 21
    manifest.close()


def test_title_and_text_filters_search_one_field_in_the_form_typed(corpus: Path, index_dir: Path) -> None:
    update_index(corpus, index_dir)
    library = Library.open(corpus, index_dir)
    # the titles are the first lines: "Les élections municipales...", "The election in Senegal..."
    assert {r.path for r in library.search("title:ELECTIONS")} == {"fr/election.txt"}
    assert {r.path for r in library.search("election")} == {"fr/election.txt", "en/election.txt"}
    assert {r.path for r in library.search("text:délégations")} == {"fr/qatar.txt"}
    assert not library.search("title:délégations").total
