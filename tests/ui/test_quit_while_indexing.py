"""`q` pressed while the index is being built quits at once: the build stops, its writer
processes with it, and the next run completes it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.tmux import wait_for

FILES = 400

# The app on a corpus that takes a while to index (each file is read slowly), with the writer
# processes of a large corpus.
RUNNER = """
import sys, time
import tui_reader.search.indexer as indexer
indexer.PARALLEL_FROM = 1000
real = indexer.read_file
def read_file(root, path):
    time.sleep(0.05)
    return real(root, path)
indexer.read_file = read_file
from tui_reader.cli import main
sys.argv = ["briefread", "--corpus", sys.argv[1], "--index", sys.argv[2]]
main()
"""


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_q_during_a_build_quits_at_once_and_the_next_run_completes_it(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for n in range(FILES):
        sub = corpus / f"d{n % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"brief{n:04d}.txt").write_text(
            f"date 2024-{n % 12 + 1:02d}\n\nBrief number {n} about the harbour of Rabat.", encoding="utf-8"
        )
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    session = f"briefread-quit-{os.getpid()}"
    command = (
        f"BRIEFREAD_STATE={tmp_path / 'state'} {sys.executable} {runner} {corpus} {index}; "
        "echo EXITED $?; sleep 30"
    )
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "30", command], check=True)
    try:
        screen = wait_for(session, "indexing")
        assert "indexing" in screen, screen
        time.sleep(1.0)  # writer processes at work
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        screen = wait_for(session, "EXITED", timeout=10.0)
        assert "EXITED 0" in screen, screen
        assert "Traceback" not in screen and "Error" not in screen, screen
        assert not _processes_of(runner, grace=3.0), "writer processes were left running"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
        for pid in _processes_of(runner):
            os.kill(pid, signal.SIGKILL)
    meta = json.loads((index / "briefread.json").read_text(encoding="utf-8"))
    assert meta["updating_pid"], "the build should be left as an interrupted update"
    assert not list(index.glob("*.tmp"))
    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", "--corpus", str(corpus), "--index", str(index), "index"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "An interrupted update was found and completed." in done.stdout
    assert f"{FILES} articles in the index" in done.stdout


def _processes_of(script: Path, grace: float = 0.0) -> list[int]:
    """The processes running `script`, once those that are exiting had `grace` seconds to go."""
    deadline = time.monotonic() + grace
    while True:
        found = subprocess.run(["pgrep", "-f", str(script)], capture_output=True, text=True, check=False)
        pids = [int(pid) for pid in found.stdout.split() if _runs(int(pid), script)]
        if not pids or time.monotonic() >= deadline:
            return pids
        time.sleep(0.1)


def _runs(pid: int, script: Path) -> bool:
    """Whether process `pid` is Python running `script` (not the shell that started it)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return len(argv) > 1 and argv[1] == str(script).encode()
