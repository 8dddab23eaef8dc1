"""Bytes from the terminal that are not valid UTF-8 do not stop the app."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.tmux import wait_for
from tui_reader.ui.terminal_input import lenient_incremental_decoder, use_lenient_decoder


def test_the_linux_driver_decodes_invalid_bytes_as_replacement_characters() -> None:
    linux_driver = pytest.importorskip("textual.drivers.linux_driver")
    use_lenient_decoder()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"a\xffb\x9b") == "a\ufffdb\ufffd"
    assert decode(b"\xc3") == ""  # the start of a character waits for the rest
    assert decode(b"\xa9") == "é"


def test_a_lenient_decoder_keeps_valid_input_as_it_is() -> None:
    decode = lenient_incremental_decoder("utf-8")().decode
    assert decode("Maroc — ONU".encode()) == "Maroc — ONU"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_app_keeps_running_after_an_invalid_byte_is_typed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le Maroc\n\nLe Maroc et l'ONU.\n", encoding="utf-8")
    session = _start_app(tmp_path, corpus, "briefread-test", 100)
    try:
        screen = wait_for(session, "Articles 1")
        assert "Articles 1" in screen, screen
        subprocess.run(["tmux", "send-keys", "-t", session, "-H", "ff"], check=True)
        time.sleep(1.0)
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        screen = wait_for(session, "Articles 1")
        assert "EXITED" not in screen and "Traceback" not in screen and "UnicodeDecodeError" not in screen
        assert "Articles 1" in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def _start_app(tmp_path: Path, corpus: Path, name: str, width: int) -> str:
    """Start the app on `corpus` in a detached tmux session `width` columns wide; its name."""
    session = f"{name}-{os.getpid()}"
    command = (
        f"BRIEFREAD_STATE={tmp_path / 'state'} {sys.executable} -m tui_reader "
        f"--corpus {corpus} --index {tmp_path / 'index'}; echo EXITED; sleep 30"
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", "30", command], check=True
    )
    return session


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_keys_typed_in_a_burst_keep_their_order_around_slash_and_enter(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(1, 6):
        (corpus / f"a{n}.txt").write_text(
            f"Dépêche numéro {n}\n\nLe Maroc et la Tunisie, article {n}.\n", encoding="utf-8"
        )
    session = _start_app(tmp_path, corpus, "briefread-burst", 120)
    try:
        assert "Articles 5" in wait_for(session, "Articles 5")
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        time.sleep(0.5)
        # "/" typed in the line among other keys stays where it was typed
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", "Maroc/Tunisie"], check=True)
        time.sleep(1.0)
        # keys right after enter move in the ranked list, they do not join the query
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter", "j", "j"], check=True)
        time.sleep(1.0)
        lines = wait_for(session, "· relevance ·").splitlines()
        assert lines[0].strip() == "/ Maroc/Tunisie", lines[0]
        rows = [line for line in lines[2:7] if "Dépêche" in line]
        third = rows[2].split("Dépêche numéro ")[1].split()[0]
        # the first line of the list holds its first row, then the reader's title
        shown = re.findall(r"Dépêche numéro (\d)", lines[2])
        assert shown[-1] == third, lines
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
