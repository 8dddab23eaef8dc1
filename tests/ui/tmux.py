"""Driving the app in a real terminal: tmux sessions for the tests that need one."""

from __future__ import annotations

import subprocess
import time


def wait_for(session: str, text: str, timeout: float = 30.0, poll: float = 0.2) -> str:
    """The screen of tmux `session` once it shows `text`, or as it is after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
        ).stdout
        if text in screen:
            break
        time.sleep(poll)
    return screen
