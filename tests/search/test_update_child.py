"""The reader's index updates run in a child process at a lower priority (`update_child`): the
same progress, summary and errors as an update in the process, a cancel that stops the child
and leaves an interrupted update, and one sentence when the child dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tui_reader.search import (
    CorpusUnavailable,
    IndexBusy,
    IndexUnavailable,
    Library,
    Progress,
    UpdateCancelled,
    UpdateSummary,
)
from tui_reader.search.store import read_meta, update_lock
from tui_reader.search.update_child import NICENESS, update_in_child


def make_corpus(root: Path, files: int = 30) -> None:
    for n in range(files):
        sub = root / f"d{n % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"brief{n:03d}.txt").write_text(
            f"date 2024-{n % 12 + 1:02d}\n\nBrief {n} marker{n}: the harbour of Rabat and the UN.",
            encoding="utf-8",
        )


def test_a_child_builds_the_index_and_reports_as_it_goes(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    (corpus / "bad.json").write_text("{not json", encoding="utf-8")
    seen: list[Progress] = []
    children: list[subprocess.Popen[bytes]] = []
    summary = update_in_child(corpus, index, progress=seen.append, started=children.append)
    assert summary.added == 31 and summary.articles == 30 and summary.total_articles == 30
    assert [s.path for s in summary.not_indexed] == ["bad.json"]
    phases = [p.phase for p in seen]
    assert "read" in phases and phases[-1] == "committed"
    assert seen[-1].done == seen[-1].total == 31
    assert children[0].pid != os.getpid() and children[0].poll() is not None
    library = Library.open(corpus, index)
    try:
        assert len(library.search("marker7")) == 1
        assert len(library.search("org:UN")) == 30  # the child tagged the articles
        assert not library.is_stale()
    finally:
        library.close()


def test_the_child_runs_at_a_lower_priority(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    children: list[subprocess.Popen[bytes]] = []
    niceness: list[int] = []

    def progress(p: Progress) -> None:
        if not niceness:
            niceness.append(os.getpriority(os.PRIO_PROCESS, children[0].pid))

    update_in_child(corpus, index, progress=progress, started=children.append)
    assert niceness == [min(os.getpriority(os.PRIO_PROCESS, 0) + NICENESS, 19)]


def test_library_update_in_child_refreshes_the_library(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus, files=5)
    library = Library.open(corpus, index)
    try:
        assert library.update_in_child().articles == 5
        assert len(library.search("harbour")) == 5
        (corpus / "d0" / "late.txt").write_text("A late brief on the harbour.", encoding="utf-8")
        summary = library.update_in_child()
        assert (summary.added, summary.unchanged) == (1, 5)
        assert len(library.search("harbour")) == 6
    finally:
        library.close()


def test_errors_of_the_child_are_raised_as_they_are(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    with pytest.raises(CorpusUnavailable, match="does not exist"):
        update_in_child(corpus, index)
    make_corpus(corpus, files=3)
    held, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with update_lock(index, wait=True):
            held.set()
            release.wait(30)

    index.mkdir(exist_ok=True)
    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(IndexBusy, match="updating the index"):
            update_in_child(corpus, index)
    finally:
        release.set()
        holder.join()


def test_a_cancel_stops_the_child_and_leaves_an_interrupted_update(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus, files=300)
    children: list[subprocess.Popen[bytes]] = []
    read: list[int] = []
    with pytest.raises(UpdateCancelled):
        update_in_child(
            corpus,
            index,
            progress=lambda p: read.append(p.done),
            cancelled=lambda: bool(read),
            started=children.append,
        )
    assert children[0].poll() is not None
    meta = read_meta(index)
    assert meta.updating_pid == children[0].pid  # stopped before the end: the next update completes it
    summary = update_in_child(corpus, index)
    assert summary.recovered == "An interrupted update was found and completed."
    assert summary.total_articles == 300


def test_a_child_that_dies_is_said_in_one_sentence(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)

    def kill(child: subprocess.Popen[bytes]) -> None:
        os.kill(child.pid, signal.SIGKILL)

    started = time.monotonic()
    with pytest.raises(IndexUnavailable) as raised:
        update_in_child(corpus, index, started=kill)
    assert time.monotonic() - started < 10
    message = str(raised.value)
    assert message.startswith("Indexing stopped (") and "run `briefread index`" in message
    assert "Traceback" not in message and "\n" not in message


def test_what_the_child_prints_does_not_garble_its_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus, files=5)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import tui_reader.search.indexer as indexer\n"
        "real = indexer.read_file\n"
        "def read_file(root, path):\n"
        "    print('a library talking on stdout ' * 20)\n"
        "    return real(root, path)\n"
        "indexer.read_file = read_file\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(hooks))
    seen: list[Progress] = []
    summary = update_in_child(corpus, index, progress=seen.append)
    assert summary.articles == 5 and seen[-1].phase == "committed"


def test_closing_the_library_stops_its_child_as_a_cancel_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.search import library as library_module

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus, files=300)
    library = Library.open(corpus, index)
    children: list[subprocess.Popen[bytes]] = []
    real = library_module.update_in_child

    def recording(*args: Any, **kwargs: Any) -> UpdateSummary:
        given = kwargs.pop("started", None) or (lambda child: None)
        return real(*args, started=lambda child: (children.append(child), given(child)), **kwargs)

    monkeypatch.setattr(library_module, "update_in_child", recording)

    def progress(p: Progress) -> None:
        if p.phase == "read" and p.done >= 50:
            library.close()  # the reader quitting while it indexes

    with pytest.raises(UpdateCancelled):
        library.update_in_child(progress=progress)
    assert children[0].returncode == 0  # it stopped by itself, not killed midway
    assert read_meta(index).updating_pid  # left as an interrupted update
    assert not list(index.glob("*.tmp"))


def test_the_current_folder_does_not_shadow_the_modules_of_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus, files=3)
    here = tmp_path / "here"
    here.mkdir()
    (here / "queue.py").write_text("raise ImportError('a queue.py of the folder the reader runs in')\n")
    monkeypatch.chdir(here)
    assert update_in_child(corpus, index).articles == 3


PARENT = """
import sys
from pathlib import Path
from tui_reader.search.update_child import update_in_child
update_in_child(
    Path(sys.argv[1]), Path(sys.argv[2]), started=lambda child: print(child.pid, flush=True)
)
"""

SLOW_READS = """
import time
import tui_reader.search.indexer as indexer
real = indexer.read_file
def read_file(root, path):
    time.sleep(0.05)
    return real(root, path)
indexer.read_file = read_file
real_update = indexer.update_index
def quiet_update(*args, **kwargs):
    kwargs["progress"] = None  # nothing written to the parent until the end
    return real_update(*args, **kwargs)
indexer.update_index = quiet_update
"""


def test_the_child_ends_with_its_parent_however_that_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus, files=300)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_READS, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]))
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(corpus), str(index)], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    time.sleep(1.0)  # reading, slowly
    assert _alive(child)
    parent.kill()  # the reader killed
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, which the init process reaps, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
