"""An update its caller cancels (the reader quitting while it indexes) stops at once and is left
as an interrupted update: no writer process stays behind, and the next update completes the
index with every article once."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from tui_reader.search import Library, Progress, UpdateCancelled, bulk, indexer
from tui_reader.search.indexer import update_index
from tui_reader.search.store import read_meta

FILES = 300
CANCEL_AT = 230  # files read: one batch committed, and the second sent to writer processes


@pytest.fixture(autouse=True)
def _small_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "BATCH_DOCS", 120)  # a commit before the cancel
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 1000)  # the writer processes of a large corpus


def make_corpus(root: Path, word: str = "harbour") -> None:
    for n in range(FILES):
        sub = root / f"d{n % 5}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"brief{n:04d}.txt").write_text(
            f"date 2024-{n % 12 + 1:02d}\n\nBrief number {n} marker{n} about the {word}.", encoding="utf-8"
        )


def assert_complete(corpus: Path, index: Path, word: str = "harbour") -> None:
    library = Library.open(corpus, index)
    ids = [row.id for row in library.search("")]
    assert len(ids) == len(set(ids)) == FILES
    assert len(library.search(word)) == FILES
    assert len(library.search("marker77")) == 1
    assert not library.is_stale()
    library.close()


def assert_left_interrupted(index: Path) -> None:
    assert read_meta(index).updating_pid == os.getpid()
    assert not list(index.glob("*.tmp")), "the writer's temporary files were left"
    assert not multiprocessing.active_children(), "writer processes were left running"


def cancel_after_reading(corpus: Path, index: Path, procs: int) -> int:
    """Update the index with a cancel that fires once `CANCEL_AT` files are read; the number of
    files read when it stopped."""
    read: list[int] = []

    def progress(p: Progress) -> None:
        if p.phase == "read":
            read.append(p.done)

    with pytest.raises(UpdateCancelled):
        update_index(corpus, index, progress=progress, procs=procs, cancelled=lambda: len(read) >= CANCEL_AT)
    return read[-1]


@pytest.mark.parametrize("procs", [1, 2], ids=["one writer", "writer processes"])
def test_a_cancelled_build_stops_at_the_next_file_and_the_next_update_completes_it(
    tmp_path: Path, procs: int
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    assert cancel_after_reading(corpus, index, procs) == CANCEL_AT
    assert_left_interrupted(index)
    summary = update_index(corpus, index, procs=procs)
    assert summary.recovered == "An interrupted update was found and completed."
    assert_complete(corpus, index)


@pytest.mark.parametrize("procs", [1, 2], ids=["one writer", "writer processes"])
def test_an_update_cancelled_after_commits_is_completed_without_a_rebuild(tmp_path: Path, procs: int) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    update_index(corpus, index, procs=procs)
    make_corpus(corpus, word="lighthouse")
    cancel_after_reading(corpus, index, procs)
    assert_left_interrupted(index)
    summary = update_index(corpus, index, procs=procs)
    assert summary.recovered == "An interrupted update was found and completed."
    assert not summary.rebuilt
    assert_complete(corpus, index, word="lighthouse")
    assert not Library.open(corpus, index).search("harbour")


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the slowed writer processes must be forked"
)
def test_a_commit_waiting_for_the_writer_processes_stops_when_cancelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    gate, indexed = tmp_path / "gate", tmp_path / "indexed"
    real = bulk.BulkSubWriterTask._process_file

    def held(task: bulk.BulkSubWriterTask, *job: object) -> None:
        # The writer processes hold on until the gate opens (20 s at most): a commit waiting
        # for them waits that long.
        deadline = time.monotonic() + 20
        while not gate.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        indexed.touch()
        real(task, *job)

    monkeypatch.setattr(bulk.BulkSubWriterTask, "_process_file", held)
    committing: list[Progress] = []

    def progress(p: Progress) -> None:
        if p.phase == "commit":
            committing.append(p)

    with pytest.raises(UpdateCancelled):
        update_index(corpus, index, progress=progress, procs=2, cancelled=lambda: bool(committing))
    assert not indexed.exists(), "the commit waited for the writer processes"
    assert_left_interrupted(index)
    gate.touch()
    monkeypatch.setattr(bulk.BulkSubWriterTask, "_process_file", real)
    update_index(corpus, index, procs=2)
    assert_complete(corpus, index)
