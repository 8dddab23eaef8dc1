"""An update its caller cancels (the reader quitting while it indexes) stops at once and is left
as an interrupted update: no writer process stays behind, and the next update completes the
index with every article once."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from tui_reader.search import Library, Progress, UpdateCancelled, bulk, indexer
from tui_reader.search.indexer import update_index
from tui_reader.search.store import read_meta, write_meta

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


def cancel_after_reading(corpus: Path, index: Path, procs: int, rebuilding: set[str] | None = None) -> int:
    """Update the index with a cancel that fires once `CANCEL_AT` files are read; the number of
    files read when it stopped. `rebuilding` gathers why the progress says it rebuilds."""
    read: list[int] = []

    def progress(p: Progress) -> None:
        if rebuilding is not None:
            rebuilding.add(p.rebuilding)
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


@pytest.mark.parametrize("procs", [1, 2], ids=["one writer", "writer processes"])
def test_a_stopped_first_build_keeps_what_it_committed_and_reads_only_the_rest(
    tmp_path: Path, procs: int
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    cancel_after_reading(corpus, index, procs)
    committed = Library.open(corpus, index).search("").total
    assert 0 < committed < FILES
    listed: list[int] = []

    def progress(p: Progress) -> None:
        if p.phase == "read" and not listed:
            listed.append(Library.open(corpus, index).search("").total)

    summary = update_index(corpus, index, progress=progress, procs=procs)
    assert listed == [committed], "a reader must keep listing the committed articles"
    assert summary.recovered == "An interrupted update was found and completed."
    rest = FILES - committed
    assert (summary.added, summary.unchanged, summary.articles) == (rest, committed, rest)
    assert not summary.rebuilt
    assert_complete(corpus, index)


def test_a_first_build_stopped_under_another_release_starts_again(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    cancel_after_reading(corpus, index, 1)
    meta = read_meta(index)
    # the articles saved so far hold another release's entities (which recorded no `building_for`)
    meta.registry, meta.building_for = "0123456789ab.older", ""
    write_meta(index, meta)
    summary = update_index(corpus, index, procs=1)
    assert (summary.added, summary.articles) == (FILES, FILES)
    assert_complete(corpus, index)


@pytest.mark.parametrize("procs", [1, 2], ids=["one writer", "writer processes"])
def test_a_stopped_rebuild_for_a_new_release_keeps_what_it_committed_and_reads_only_the_rest(
    tmp_path: Path, procs: int
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    update_index(corpus, index, procs=procs)
    meta = read_meta(index)
    before = meta.generation
    meta.registry = "0123456789ab.older"  # the index an earlier release built
    write_meta(index, meta)
    why: set[str] = set()
    cancel_after_reading(corpus, index, procs, why)
    assert why == {"new entity rules"}
    assert Library.open(corpus, index).search("").total == FILES  # the old index stays listed
    summary = update_index(corpus, index, progress=lambda p: why.add(p.rebuilding), procs=procs)
    assert summary.upgraded and summary.rebuilt
    assert 0 < summary.added < FILES and summary.added + summary.unchanged == FILES
    assert why == {"new entity rules"}
    assert_complete(corpus, index)
    assert read_meta(index).registry != "0123456789ab.older"
    assert not [p.name for p in index.iterdir() if before in p.name], "the old index was left"


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


def test_a_commit_of_the_one_writer_stops_when_cancelled_while_it_writes(tmp_path: Path) -> None:
    # Writing the postings is seconds for a batch of noisy text: the reader's quit must not wait
    # for it. The batch is given up, as in a commit waiting for writer processes.
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    update_index(corpus, index, procs=1)
    make_corpus(corpus, word="lighthouse")
    committing: list[Progress] = []

    def progress(p: Progress) -> None:
        if p.phase == "commit":
            committing.append(p)

    with pytest.raises(UpdateCancelled):
        update_index(corpus, index, progress=progress, procs=1, cancelled=lambda: bool(committing))
    assert len(committing) == 1
    assert_left_interrupted(index)
    library = Library.open(corpus, index)
    assert not library.search("lighthouse"), "the commit went on after the cancel"
    library.close()
    summary = update_index(corpus, index, procs=1)
    assert summary.recovered == "An interrupted update was found and completed."
    assert_complete(corpus, index, word="lighthouse")


ARCHIVE_LINES = 600


def make_archive(root: Path) -> None:
    """One JSON Lines file holding every article: a whole archive exported at once."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"id": f"a{n}", "title": f"Brief {n}", "text": f"Brief number {n} about the harbour."})
        for n in range(ARCHIVE_LINES)
    ]
    (root / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def cancel_after_commits(corpus: Path, index: Path, procs: int, commits: int) -> list[int]:
    """Update the index with a cancel that fires after `commits` commits; the articles read at
    each commit."""
    committed: list[int] = []

    def progress(p: Progress) -> None:
        if p.phase == "committed":
            committed.append(p.articles)

    with pytest.raises(UpdateCancelled):
        update_index(
            corpus, index, progress=progress, procs=procs, cancelled=lambda: len(committed) >= commits
        )
    return committed


def test_reading_one_large_file_reports_its_articles_and_bytes_as_it_goes(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_archive(corpus)
    size = (corpus / "archive.jsonl").stat().st_size
    seen: list[Progress] = []
    update_index(corpus, index, progress=seen.append, procs=1)
    inside = [p for p in seen if p.phase == "read" and p.done == 0]
    assert [p.articles for p in inside] == list(range(50, ARCHIVE_LINES, 50))
    assert all(p.size_total == size for p in seen if p.phase != "scan")
    assert [p.size_done for p in inside] == sorted({p.size_done for p in inside})  # rising
    assert 0 < inside[0].size_done < inside[-1].size_done < size
    last = [p for p in seen if p.phase == "read"][-1]
    assert (last.done, last.articles, last.size_done) == (1, ARCHIVE_LINES, size)


@pytest.mark.parametrize("procs", [1, 2], ids=["one writer", "writer processes"])
def test_a_cancel_while_reading_one_large_file_stops_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, procs: int
) -> None:
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 1000)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_archive(corpus)
    tagged: list[int] = []
    real = indexer.article_mentions

    def counting(*args: object) -> object:
        tagged.append(1)
        return real(*args)

    monkeypatch.setattr(indexer, "article_mentions", counting)
    with pytest.raises(UpdateCancelled):
        update_index(corpus, index, procs=procs, cancelled=lambda: len(tagged) >= 100)
    assert len(tagged) == 100, "the update read on after the cancel"
    assert_left_interrupted(index)
    monkeypatch.setattr(indexer, "article_mentions", real)
    update_index(corpus, index, procs=procs)
    library = Library.open(corpus, index)
    assert len(library.search("harbour")) == ARCHIVE_LINES
    assert not library.is_stale()


def test_one_large_file_is_committed_in_parts_and_listed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "BATCH_DOCS", 120)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_archive(corpus)
    searchable: list[int] = []

    def progress(p: Progress) -> None:
        if p.phase == "committed":
            searchable.append(len(Library.open(corpus, index).search("harbour")))

    summary = update_index(corpus, index, progress=progress, procs=1)
    assert searchable == [150, 300, 450, 600]  # the reader lists them as they come
    assert summary.articles == ARCHIVE_LINES
    library = Library.open(corpus, index)
    assert len(library.search("harbour")) == ARCHIVE_LINES
    assert not library.is_stale()


@pytest.mark.parametrize("procs", [1, 2], ids=["one writer", "writer processes"])
def test_a_cancel_after_parts_of_a_file_were_committed_is_completed_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, procs: int
) -> None:
    monkeypatch.setattr(indexer, "BATCH_DOCS", 120)
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 1000)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_archive(corpus)
    assert cancel_after_commits(corpus, index, procs, 2) == [150, 300]
    assert len(Library.open(corpus, index).search("harbour")) == 300
    assert_left_interrupted(index)
    summary = update_index(corpus, index, procs=procs)
    assert summary.recovered == "An interrupted update was found and completed."
    library = Library.open(corpus, index)
    ids = [row.id for row in library.search("harbour")]
    assert len(ids) == len(set(ids)) == ARCHIVE_LINES
    assert not library.is_stale()


@pytest.mark.parametrize("first_build", [True, False], ids=["first build", "update"])
def test_parts_of_a_file_renamed_after_a_cancel_leave_no_article_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_build: bool
) -> None:
    monkeypatch.setattr(indexer, "BATCH_DOCS", 120)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    if not first_build:
        (corpus / "other.txt").write_text("date 2024-01\n\nAn older brief on the harbour.", encoding="utf-8")
        update_index(corpus, index, procs=1)
    make_archive(corpus)
    cancel_after_commits(corpus, index, 1, 1)
    (corpus / "archive.jsonl").rename(corpus / "renamed.jsonl")
    summary = update_index(corpus, index, procs=1)
    assert summary.recovered == "An interrupted update was found and completed."
    library = Library.open(corpus, index)
    ids = [row.id for row in library.search("brief")]
    assert len(ids) == len(set(ids)) == ARCHIVE_LINES + (0 if first_build else 1)
    assert not library.is_stale()
    assert not update_index(corpus, index, procs=1).rebuilt


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the stuck writer processes must be forked"
)
def test_a_writer_process_that_does_not_end_on_sigterm_is_killed_by_a_cancel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh import index as windex

    from tui_reader.search.schema import build_schema

    def stuck(task: bulk.BulkSubWriterTask) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as one stuck where no signal handler runs
        time.sleep(60)

    monkeypatch.setattr(bulk.BulkSubWriterTask, "run", stuck)
    monkeypatch.setattr(bulk, "TERMINATE_SECONDS", 0.5)
    (tmp_path / "ix").mkdir()
    writer = bulk.bulk_writer(windex.create_in(str(tmp_path / "ix"), build_schema()), procs=2)
    writer._new_task()
    started = time.monotonic()
    writer.cancel()
    assert time.monotonic() - started < 10
    assert not any(task.is_alive() for task in writer.tasks)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the writer processes must be forked"
)
def test_a_writer_process_holds_sigterm_back_until_it_has_its_own_handler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh import index as windex

    from tui_reader.search.schema import build_schema

    seen = tmp_path / "masks"

    def record(task: bulk.BulkSubWriterTask) -> None:
        held = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        bulk.die_with_parent(task.parent)
        after = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        seen.write_text(json.dumps([held, after]))

    monkeypatch.setattr(bulk.BulkSubWriterTask, "run", record)
    (tmp_path / "ix").mkdir()
    writer = bulk.bulk_writer(windex.create_in(str(tmp_path / "ix"), build_schema()), procs=2)
    task = writer._new_task()
    task.join(10)
    writer.cancel()
    assert json.loads(seen.read_text()) == [True, False]
    assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # this process's mask is back


_KILLED_UPDATE = """
import os, signal, sys
from pathlib import Path
from tui_reader.search import indexer
indexer.BATCH_DOCS = 120
def progress(p):
    if p.phase == "read" and p.done >= 200:
        os.kill(os.getpid(), signal.SIGKILL)
indexer.update_index(Path(sys.argv[1]), Path(sys.argv[2]), progress=progress, procs=1)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc to see a zombie")
def test_an_update_killed_and_left_unreaped_is_completed_without_a_rebuild(tmp_path: Path) -> None:
    # Killed, a process stays a zombie until its parent reaps it (in a container whose first
    # process reaps nothing, for ever): its pid still answers, and must not pass for a live update.
    import subprocess
    import sys

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    update_index(corpus, index, procs=1)
    make_corpus(corpus, word="lighthouse")
    child = subprocess.Popen([sys.executable, "-c", _KILLED_UPDATE, str(corpus), str(index)])
    stat = Path(f"/proc/{child.pid}/stat")
    try:
        deadline = time.monotonic() + 120
        # dead and not reaped (poll() would reap it): its state in /proc is Z
        while stat.read_bytes().rsplit(b")", 1)[1][1:2] != b"Z":
            assert time.monotonic() < deadline, "the update was not killed"
            time.sleep(0.05)
        assert read_meta(index).updating_pid == child.pid
        summary = update_index(corpus, index, procs=1)
    finally:
        child.wait()
    assert summary.recovered == "An interrupted update was found and completed."
    assert not summary.rebuilt
    assert_complete(corpus, index, word="lighthouse")
