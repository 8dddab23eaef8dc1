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

# Read by every Python process started with it on its path: the app, and the child process that
# indexes for it. Each file is read slowly, and a corpus this small gets writer processes.
SLOW_READS = """
import time
import tui_reader.search.indexer as indexer
indexer.PARALLEL_FROM = 1000
real = indexer.read_file
def read_file(root, path):
    time.sleep(0.05)
    return real(root, path)
indexer.read_file = read_file
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
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_READS, encoding="utf-8")
    session = f"briefread-quit-{os.getpid()}"
    command = (
        f"cd {tmp_path} && PYTHONPATH={hooks} BRIEFREAD_STATE={tmp_path / 'state'} "
        f"{sys.executable} -m tui_reader --corpus {corpus} --index {index}; "
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
        assert not _processes_of(index, grace=3.0), "the indexing processes were left running"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
        for pid in _processes_of(index):
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


def _processes_of(index: Path, grace: float = 0.0) -> list[int]:
    """The Python processes working on `index` (the app, the child that indexes for it and its
    writer processes), once those that are exiting had `grace` seconds to go."""
    deadline = time.monotonic() + grace
    while True:
        pids = [pid for pid in _python_pids() if _works_on(pid, index)]
        if not pids or time.monotonic() >= deadline:
            return pids
        time.sleep(0.1)


def _python_pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _works_on(pid: int, index: Path) -> bool:
    """Whether process `pid` is Python with `index` among its arguments (not the shell)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return argv[0] == sys.executable.encode() and str(index).encode() in argv
