"""A build killed with SIGKILL at any point: the next update leaves a complete index, no article
twice, none missing, and says it recovered. A build stopped by SIGKILL or SIGTERM while its
writer processes run leaves none of them behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tui_reader.search import Library
from tui_reader.search.indexer import PARALLEL_FROM

FILES = 240

# Each scenario runs the real `briefread index` in a child process with one function patched to
# SIGKILL the process at a precise point.
SCENARIOS = {
    "while scanning": """
        import tui_reader.search.indexer as m
        real = m.scan
        def scan(root, *args):
            for n, item in enumerate(real(root, *args)):
                if n == 50:
                    die()
                yield item
        m.scan = scan
    """,
    "while writing segments": """
        import tui_reader.search.indexer as m
        real = m.read_file
        count = [0]
        def read_file(root, path):
            count[0] += 1
            if count[0] == 150:
                die()
            return real(root, path)
        m.read_file = read_file
    """,
    "during the commit": """
        from whoosh.codec import whoosh3
        real = whoosh3.W3SegmentWriter if hasattr(whoosh3, "W3SegmentWriter") else None
        import whoosh.writing as w
        real_finish = w.SegmentWriter._finish
        calls = [0]
        def _finish(self):
            calls[0] += 1
            if calls[0] == 2:
                die()
            return real_finish(self)
        w.SegmentWriter._finish = _finish
    """,
    "between the commit and the manifest": """
        import tui_reader.search.manifest as m
        real = m.Manifest.record
        calls = [0]
        def record(self, entries):
            calls[0] += 1
            if calls[0] == 2:
                die()
            return real(self, entries)
        m.Manifest.record = record
    """,
}

RUNNER = """
import os, signal, sys
def die():
    os.kill(os.getpid(), signal.SIGKILL)
import tui_reader.search.indexer as indexer
indexer.BATCH_DOCS = 60  # several commits, so every phase happens more than once
indexer.PARALLEL_FROM = 1000  # the multi-process writer, as on a large corpus
{patch}
from tui_reader.cli import main
sys.argv = ["briefread", "--corpus", sys.argv[1], "--index", sys.argv[2], "index", *sys.argv[3:]]
main()
"""


def make_corpus(root: Path) -> None:
    for n in range(FILES):
        sub = root / f"d{n % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"brief{n:04d}.txt").write_text(
            f"date 2024-{n % 12 + 1:02d}\n\nBrief number {n} marker{n} about the harbour.", encoding="utf-8"
        )


def run_index(corpus: Path, index: Path, patch: str = "", *extra: str) -> subprocess.CompletedProcess[str]:
    code = RUNNER.format(patch=textwrap.dedent(patch))
    return subprocess.run(
        [sys.executable, "-c", code, str(corpus), str(index), *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_complete(corpus: Path, index: Path) -> None:
    library = Library.open(corpus, index)
    everything = library.search("")
    ids = [row.id for row in everything]
    assert len(ids) == FILES
    assert len(set(ids)) == FILES
    assert len(library.search("harbour")) == FILES
    assert len(library.search("marker123")) == 1
    assert not library.is_stale()


@pytest.mark.parametrize("point", list(SCENARIOS))
@pytest.mark.parametrize("rebuild", [False, True], ids=["build", "rebuild"])
def test_killed_build_is_completed_by_the_next_run(tmp_path: Path, point: str, rebuild: bool) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    if rebuild:
        assert run_index(corpus, index).returncode == 0
    killed = run_index(corpus, index, SCENARIOS[point], *(["--rebuild"] if rebuild else []))
    assert killed.returncode == -9, killed.stderr
    if rebuild:
        # The previous generation stays complete and searchable while a rebuild is unfinished.
        assert_complete(corpus, index)
    done = run_index(corpus, index)
    assert done.returncode == 0, done.stderr
    if not rebuild:
        assert "interrupted update was found and completed" in done.stdout
    assert_complete(corpus, index)


def test_a_killed_first_build_keeps_its_commits_and_the_next_run_reads_only_the_rest(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    killed = run_index(corpus, index, SCENARIOS["while writing segments"])
    assert killed.returncode == -9, killed.stderr
    committed = len(Library.open(corpus, index).search(""))
    assert 0 < committed < FILES
    done = run_index(corpus, index)
    assert done.returncode == 0, done.stderr
    assert "interrupted update was found and completed" in done.stdout
    rest = FILES - committed
    assert f"from {rest} files ({rest} new, 0 changed, 0 deleted, {committed} unchanged)" in done.stdout
    assert_complete(corpus, index)


def test_killed_while_one_large_file_is_committed_in_parts(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    lines = [
        json.dumps(
            {"id": f"a{n}", "title": f"Brief {n}", "text": f"Brief number {n} marker{n} about the harbour."}
        )
        for n in range(FILES)
    ]
    (corpus / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    patch = """
        import tui_reader.search.indexer as m
        real = m.article_mentions
        count = [0]
        def article_mentions(tagger, article):
            count[0] += 1
            if count[0] == 170:  # a part of the file committed, the next one on its way
                die()
            return real(tagger, article)
        m.article_mentions = article_mentions
    """
    killed = run_index(corpus, index, patch)
    assert killed.returncode == -9, killed.stderr
    assert 0 < len(Library.open(corpus, index).search("harbour")) < FILES
    done = run_index(corpus, index)
    assert done.returncode == 0, done.stderr
    assert "interrupted update was found and completed" in done.stdout
    assert_complete(corpus, index)


# The smallest build that starts the writer processes: the multi-process writer from
# `PARALLEL_FROM` bytes to read, a process each `MpWriter.batchsize` (100) articles. The white
# space makes the bytes without making the work; the articles after the second hundred keep the
# processes running while the test finds them.
WRITER_FILES = 1000
PROCS = 2


def make_writer_corpus(root: Path) -> None:
    root.mkdir(parents=True)
    pad = " " * (PARALLEL_FROM // WRITER_FILES)
    for n in range(WRITER_FILES):
        (root / f"b{n:04d}.txt").write_text(f"date 2024-01\n\nBrief {n} on the harbour.{pad}marker{n}\n")


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _stat(int(entry.name))[1:2] == [str(pid)]:
            found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    return _stat(pid)[:1] not in ([], ["Z"], ["X"])


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: state, parent pid..."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the writer processes in /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_stopped_while_its_writer_processes_run_leaves_none_and_the_next_run_completes(
    tmp_path: Path, stop: signal.Signals
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    make_writer_corpus(corpus)
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    command = [sys.executable, "-m", "tui_reader", "--corpus", str(corpus), "--index", str(index), "index"]
    command += ["--procs", str(PROCS)]
    # Files, not pipes: a writer process that outlived the build would hold a pipe open.
    with open(tmp_path / "out", "w") as out, open(tmp_path / "err", "w") as err:
        build = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < PROCS:
            assert build.poll() is None, "the build ended before its writer processes started"
            assert time.monotonic() < deadline
            workers |= children(build.pid)
            time.sleep(0.01)
        build.send_signal(stop)
        build.wait(timeout=30)
    if stop == signal.SIGTERM:
        assert build.returncode == 143
        assert (tmp_path / "err").read_text().endswith("briefread: Terminated.\n")
    else:
        assert build.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers if running(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "writer processes outlived the build"
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    library = Library.open(corpus, index)
    assert len(library.search("harbour")) == WRITER_FILES
    assert len(library.search("marker999")) == 1
