"""Faults around the index: a second writer, a read-only or full disk, a damaged index."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tui_reader.search import IndexUnavailable, Library
from tui_reader.search.store import update_lock

BRIEFREAD = [sys.executable, "-m", "tui_reader"]


def briefread(
    corpus: Path, index: Path, *args: str, timeout: float = 120, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, *BRIEFREAD, "--corpus", str(corpus), "--index", str(index), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_briefs(root: Path, count: int, start: int = 0, words: int = 20) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        body = " ".join(f"word{n}x{k}" for k in range(words))
        (root / f"b{n:05d}.txt").write_text(
            f"date 2024-01\n\nBrief {n} on the harbour. {body}", encoding="utf-8"
        )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write_briefs(root, 5)
    return root


def mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this test needs to mount file systems (as root): {result.stderr.strip()}")


@pytest.fixture
def read_only_view(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(writable dir, read-only bind mount of it)."""
    source, view = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    view.mkdir()
    mount("--bind", str(source), str(view))
    try:
        mount("-o", "remount,bind,ro", str(view))
        yield source, view
    finally:
        subprocess.run(["umount", "--lazy", str(view)], check=False)


def test_second_indexer_waits_and_says_so(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    with update_lock(index, wait=False):
        child = subprocess.Popen(
            [*BRIEFREAD, "--corpus", str(corpus), "--index", str(index), "index"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stderr is not None
        line = child.stderr.readline()
        assert "Another briefread is updating this index; waiting for it." in line
        assert child.poll() is None
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0
    assert "Indexed 5 articles" in out


def test_a_search_that_updates_waits_for_another_writer_and_says_so(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert briefread(corpus, index, "index").returncode == 0
    write_briefs(corpus, 1, start=100)  # the search brings the index up to date first
    with update_lock(index, wait=False):
        child = subprocess.Popen(
            [*BRIEFREAD, "--corpus", str(corpus), "--index", str(index), "search", "harbour"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stderr is not None
        said, _, _ = select.select([child.stderr], [], [], 60)
        if not said:
            child.kill()
        assert said, "the search waits without a word"
        line = child.stderr.readline()
        assert "Another briefread is updating this index; waiting for it." in line
        assert child.poll() is None
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0
    assert out.startswith("6 articles")


def test_busy_index_can_refuse_instead_of_waiting(corpus: Path, tmp_path: Path) -> None:
    from tui_reader.search import IndexBusy

    index = tmp_path / "index"
    with update_lock(index, wait=False), pytest.raises(IndexBusy, match="Another briefread"):
        Library.open(corpus, index).update(wait=False)


def test_a_process_forked_by_a_writer_does_not_hold_the_lock_once_the_writer_is_gone(tmp_path: Path) -> None:
    # A writer process started by a build that was then killed must not keep others waiting.
    index = tmp_path / "index"
    holder = """
import os, sys, time
from pathlib import Path
from tui_reader.search.store import update_lock
with update_lock(Path(sys.argv[1]), wait=False):
    child = os.fork()
    if child == 0:
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
    os._exit(0)  # gone without releasing anything
"""
    with open(tmp_path / "out", "w") as out:  # a file: the child would hold a pipe open
        subprocess.run([sys.executable, "-c", holder, str(index)], stdout=out, timeout=60, check=True)
    child = int((tmp_path / "out").read_text())
    try:
        with update_lock(index, wait=False):
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def test_read_only_index_searches_and_says_why_it_cannot_write(
    corpus: Path, read_only_view: tuple[Path, Path]
) -> None:
    writable, read_only = read_only_view
    assert briefread(corpus, writable, "index").returncode == 0
    write_briefs(corpus, 1, start=100)  # a change the read-only index cannot take in
    found = briefread(corpus, read_only, "search", "harbour", "--json")
    assert found.returncode == 0, found.stderr
    assert '"total": 5' in found.stdout
    assert "not writable" in found.stderr and "Traceback" not in found.stderr
    refused = briefread(corpus, read_only, "index")
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "not writable" in refused.stderr


def permissions_enforced() -> list[str]:
    """A command prefix under which file permissions hold (root ignores them unless it drops the
    capabilities that let it)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root ignores file permissions, and setpriv is not there to make it heed them")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_a_read_only_manifest_in_a_writable_folder_searches_and_says_why_it_cannot_write(
    corpus: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    assert briefread(corpus, index, "index").returncode == 0
    (manifest,) = index.glob("manifest-*.sqlite")
    manifest.chmod(0o444)
    write_briefs(corpus, 1, start=100)  # a change the index cannot take in
    prefix = permissions_enforced()
    refused = briefread(corpus, index, "index", prefix=prefix)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1 and "not writable" in refused.stderr
    assert manifest.name in refused.stderr
    found = briefread(corpus, index, "search", "harbour", "--json", prefix=prefix)
    assert found.returncode == 0, found.stderr
    assert '"total": 5' in found.stdout
    assert "Traceback" not in found.stderr and found.stderr.count("\n") == 1
    assert "not writable" in found.stderr and "Searching the index as it is." in found.stderr
    # Nothing was written: once the manifest is writable again, the update just adds the file.
    manifest.chmod(0o644)
    done = briefread(corpus, index, "index")
    assert done.returncode == 0, done.stderr
    assert "interrupted" not in done.stdout and "damaged" not in done.stdout
    assert "Indexed 1 article from 1 file (1 new" in done.stdout


def test_no_index_in_a_read_only_place_says_so_without_promising_a_search(
    corpus: Path, read_only_view: tuple[Path, Path]
) -> None:
    _, read_only = read_only_view
    found = briefread(corpus, read_only / "new", "search", "harbour")
    assert found.returncode == 1 and "Traceback" not in found.stderr
    assert found.stderr.count("\n") == 1 and "cannot be created or written" in found.stderr
    assert "searching still works" not in found.stderr


def test_an_index_path_that_is_a_file_says_so(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    found = briefread(corpus, blocker / "sub", "search", "harbour")
    assert found.returncode == 1 and "Traceback" not in found.stderr
    assert "is a file, or inside one, not a folder; use --index with a folder" in found.stderr


def test_full_disk_is_a_clear_error_and_the_previous_index_still_opens(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "small-disk"
    index.mkdir()
    mount("-t", "tmpfs", "-o", "size=400k", "tmpfs", str(index))
    try:
        assert briefread(corpus, index, "index").returncode == 0
        write_briefs(corpus, 400, start=1000, words=120)
        failed = briefread(corpus, index, "index")
        assert failed.returncode == 1
        assert "disk" in failed.stderr and "full" in failed.stderr
        assert failed.stderr.count("\n") == 1, failed.stderr
        library = Library.open(corpus, index)
        assert len(library.search("word3x7")) == 1
        library.close()
    finally:
        subprocess.run(["umount", "--lazy", str(index)], check=False)  # mapped files may linger


def damage_segments(index: Path, damage: str) -> None:
    """Truncate or delete every segment file of the index."""
    segments = sorted(p for p in index.iterdir() if p.suffix in {".seg", ".trm", ".pst"})
    assert segments
    for segment in segments:
        if damage == "truncate":
            segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
        else:
            segment.unlink()


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_damaged_index_names_the_fix_and_index_rebuilds_it(corpus: Path, tmp_path: Path, damage: str) -> None:
    index = tmp_path / "index"
    assert briefread(corpus, index, "index").returncode == 0
    damage_segments(index, damage)
    with pytest.raises(IndexUnavailable, match=r"briefread index --rebuild"):
        Library.open(corpus, index)
    repaired = briefread(corpus, index, "index")
    assert repaired.returncode == 0, repaired.stderr
    assert "The index was damaged (" in repaired.stdout and "Rebuilt 5 articles" in repaired.stdout
    assert briefread(corpus, index, "search", "harbour").returncode == 0


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_a_search_on_a_damaged_index_rebuilds_it_first(corpus: Path, tmp_path: Path, damage: str) -> None:
    index = tmp_path / "index"
    assert briefread(corpus, index, "index").returncode == 0
    damage_segments(index, damage)
    searched = briefread(corpus, index, "search", "harbour", "--json")
    assert searched.returncode == 0, searched.stderr
    assert "Traceback" not in searched.stderr and "The index was damaged (" in searched.stderr
    assert '"total": 5' in searched.stdout


def test_update_after_waiting_sees_the_other_writers_work(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = subprocess.Popen([*BRIEFREAD, "--corpus", str(corpus), "--index", str(index), "index", "-q"])
    time.sleep(0.05)
    second = briefread(corpus, index, "index")
    first.wait(timeout=120)
    assert first.returncode == 0 and second.returncode == 0
    assert len(Library.open(corpus, index).search("")) == 5


def test_a_search_searches_the_index_as_it_is_behind_a_writer_that_does_not_end(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from tui_reader import cli

    index = tmp_path / "index"
    assert briefread(corpus, index, "index").returncode == 0
    write_briefs(corpus, 1, start=100)  # the search would bring the index up to date first
    monkeypatch.setattr(cli, "WAIT_FOR_WRITER_SECONDS", 0.5)
    with update_lock(index, wait=False):  # a writer stopped (kill -STOP) or a long rebuild
        result = CliRunner().invoke(
            cli.main, ["--corpus", str(corpus), "--index", str(index), "search", "harbour"]
        )
    assert result.exit_code == 0
    assert "waiting for it" in result.stderr and "Searching the index as it is." in result.stderr
    assert result.stdout.startswith("5 articles")
