"""SIGTERM and SIGHUP (`kill`, `timeout`, a closed terminal window) quit the app as `q` does: the
terminal is given back as it was, with the exit code a signal gives."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.tmux import wait_for


def _terminal_modes(session: str) -> str:
    """Whether the pane is on the alternate screen, shows its cursor and reports the mouse."""
    return subprocess.run(
        ["tmux", "display", "-p", "-t", session, "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_quits_and_gives_the_terminal_back(tmp_path: Path, sig: signal.Signals) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "brief.txt").write_text("date 2024-05\n\nLe Maroc et l'ONU à Vienne.", encoding="utf-8")
    pid_file = tmp_path / "app.pid"
    session = f"briefread-signal-{os.getpid()}-{sig.name}"
    command = (
        f"cd {tmp_path} && BRIEFREAD_STATE={tmp_path / 'state'} "
        f'{sys.executable} -c \'import os,sys; open("{pid_file}", "w").write(str(os.getpid())); '
        f'sys.argv = ["briefread", "--corpus", "{corpus}", "--index", "{index}"]; '
        "from tui_reader.cli import main; main()'; "
        "echo EXITED $?; sleep 30"
    )
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "30", command], check=True)
    try:
        screen = wait_for(session, "1 article")
        assert "1 article" in screen, screen
        assert _terminal_modes(session) == "1 0 1"  # the app's screen: alternate, no cursor, mouse
        os.kill(int(pid_file.read_text()), sig)
        screen = wait_for(session, "EXITED", timeout=10.0)
        assert f"EXITED {128 + sig}" in screen, screen
        time.sleep(0.2)
        assert _terminal_modes(session) == "0 1 0"
        assert "Traceback" not in screen, screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
