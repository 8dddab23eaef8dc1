"""Bytes from the terminal that are not valid UTF-8 do not stop the app; a bracketed paste is one
paste of text, whatever escape sequences it holds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import constants, events
from textual.message import Message

from tests.ui.conftest import MakeApp, main, settle
from tests.ui.tmux import wait_for
from tui_reader.ui.terminal_input import (
    WholePasteParser,
    lenient_incremental_decoder,
    use_lenient_decoder,
    use_whole_pastes,
)
from tui_reader.ui.widgets.article_list import ArticleList

# What QA pasted: text with colour codes, a window title (OSC) and line breaks in it.
PASTE_WITH_Q = b"\x1b[200~Maroc \x1b[31mq\x1b[0m\x1b[201~"
PASTE_WITH_KEYS = b"\x1b[200~hello \x1b[1ms world\x1b[201~"
PASTE_WITH_TITLE = b"\x1b[200~Qatar\nsecu\x1b]0;pwned2\x07 \x1b[31mrite\x1b[201~"


def parsed(data: bytes, *, one_at_a_time: bool = False) -> list[Message]:
    """The messages the app receives when the terminal sends `data` (at once, or byte by byte)."""
    parser = WholePasteParser()
    decode = lenient_incremental_decoder("utf-8")().decode
    chunks = [data[i : i + 1] for i in range(len(data))] if one_at_a_time else [data]
    messages: list[Message] = []
    for chunk in chunks:
        if text := decode(chunk):  # as the driver does: "" would tell the parser the input ended
            messages += parser.feed(text)
    return messages + list(parser.feed(""))


def described(messages: list[Message]) -> list[tuple[str, str | None]]:
    """("Key", its key) or ("Paste", its text) for each message."""
    return [
        ("Paste", m.text) if isinstance(m, events.Paste) else ("Key", getattr(m, "key", None))
        for m in messages
    ]


@pytest.mark.parametrize("one_at_a_time", [False, True])
@pytest.mark.parametrize(
    ("data", "text"),
    [
        (PASTE_WITH_Q, "Maroc q"),
        (PASTE_WITH_KEYS, "hello s world"),
        (PASTE_WITH_TITLE, "Qatar\nsecu rite"),
        (b"\x1b[200~a\x1b\x1b\x1b[2J\x1b]8;;http://x\x1b\\link\xc2\x9b1m\x00\x7f\tb\x1b[201~", "alink\tb"),
        (b"\x1b[200~\x1b[200~x\x1b[201~", "x"),
    ],
)
def test_a_bracketed_paste_is_one_paste_of_its_text_without_escape_sequences(
    data: bytes, text: str, one_at_a_time: bool
) -> None:
    assert described(parsed(data, one_at_a_time=one_at_a_time)) == [("Paste", text)]


def test_keys_around_a_paste_stay_keys() -> None:
    messages = parsed(b"k\x1b[200~Maroc \x1b[31mq\x1b[201~j\x1b[A\x1b")
    assert described(messages) == [
        ("Key", "k"),
        ("Paste", "Maroc q"),
        ("Key", "j"),
        ("Key", "up"),
        ("Key", "escape"),
    ]


def test_escape_then_a_pause_then_the_paste_marker_is_typed_keys_not_a_paste() -> None:
    parser = WholePasteParser()
    assert list(parser.feed("\x1b")) == []
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    assert [m.key for m in parser.tick() if isinstance(m, events.Key)] == ["escape"]
    keys = [m.key for m in parser.feed("[200~q") if isinstance(m, events.Key)]
    assert keys == ["left_square_bracket", "2", "0", "0", "tilde", "q"]


def test_the_linux_driver_reads_pastes_whole() -> None:
    linux_driver = pytest.importorskip("textual.drivers.linux_driver")
    use_whole_pastes()
    assert linux_driver.XTermParser is WholePasteParser


async def test_a_paste_with_escape_sequences_runs_no_command(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert isinstance(app.focused, ArticleList)
        sort, cursor = screen.sort, screen.article_list.cursor
        for data in (PASTE_WITH_Q, PASTE_WITH_KEYS):
            for message in parsed(data):
                app.post_message(message)
            await settle(pilot)
        # no "q" quit, no "s" bookmark, no "m" read mark, no "o" sort, no "j"/"w" move
        assert app.return_code is None and app.is_running
        assert not app.session.marks.bookmarked_ids and not app.session.marks.read_ids
        assert (screen.sort, screen.article_list.cursor) == (sort, cursor)
        await pilot.press("slash")
        field = screen.search_bar.input
        for message in parsed(PASTE_WITH_TITLE):
            app.post_message(message)
        await settle(pilot, delay=0.2)
        assert field.value == "Qatar secu rite"
        # a paste that comes with its escape sequences (another driver) is cleaned by the line
        field.post_message(events.Paste(" \x1b]0;pwned\x07\x1b[31mOman\x1b[0m\x07"))
        await settle(pilot, delay=0.2)
        assert field.value == "Qatar secu rite Oman"


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
    session = _start_on_one_article(tmp_path, "briefread-test")
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


def _start_on_one_article(tmp_path: Path, name: str) -> str:
    """`_start_app` on a corpus of one French article, 100 columns wide."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le Maroc\n\nLe Maroc et l'ONU.\n", encoding="utf-8")
    return _start_app(tmp_path, corpus, name, 100)


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


def _start_on_five_briefs(tmp_path: Path, name: str, body: Callable[[int], str]) -> str:
    """The app in tmux on five briefs, "Dépêche numéro 1" to 5, once it lists them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(1, 6):
        (corpus / f"a{n}.txt").write_text(f"Dépêche numéro {n}\n\n{body(n)}\n", encoding="utf-8")
    session = _start_app(tmp_path, corpus, name, 120)
    assert "Articles 5" in wait_for(session, "Articles 5")
    return session


def _listed_briefs(lines: list[str]) -> list[str]:
    """The numbers of the briefs in the list, in its order."""
    rows = [line for line in lines[2:7] if "Dépêche" in line]
    return [row.split("Dépêche numéro ")[1].split()[0] for row in rows]


def _shown_brief(lines: list[str]) -> str:
    """The number of the brief in the reader: the first line of the list holds its first row,
    then the reader's title."""
    return re.findall(r"Dépêche numéro (\d)", lines[2])[-1]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_keys_typed_in_a_burst_keep_their_order_around_slash_and_enter(tmp_path: Path) -> None:
    session = _start_on_five_briefs(
        tmp_path, "briefread-burst", lambda n: f"Le Maroc et la Tunisie, article {n}."
    )
    try:
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
        assert _shown_brief(lines) == _listed_briefs(lines)[2], lines
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_query_enter_j_and_n_typed_in_one_burst_open_the_second_result_at_its_first_match(
    tmp_path: Path,
) -> None:
    session = _start_on_five_briefs(tmp_path, "briefread-burst-n", lambda n: " ".join(["Le Maroc."] * n))
    try:
        # one burst, as a fast typist or a script types it: none of the keys waits for a search
        subprocess.run(["tmux", "send-keys", "-t", session, "/", "Maroc", "Enter", "j", "n"], check=True)
        lines = wait_for(session, "match 1/").splitlines()
        assert lines[0].strip() == "/ Maroc", lines[0]
        # j moved to the second row of the ranked list, and n opened it at its first match
        second = _listed_briefs(lines)[1]
        assert _shown_brief(lines) == second, lines
        assert f"match 1/{second}" in "\n".join(lines), lines
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_pasted_text_with_escape_sequences_neither_quits_nor_scrambles_the_query(tmp_path: Path) -> None:
    session = _start_on_one_article(tmp_path, "briefread-paste")
    try:
        assert "Articles 1" in wait_for(session, "Articles 1")
        subprocess.run(["tmux", "send-keys", "-t", session, "-H", *PASTE_WITH_Q.hex(" ").split()], check=True)
        time.sleep(1.0)
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        time.sleep(0.5)
        subprocess.run(
            ["tmux", "send-keys", "-t", session, "-H", *PASTE_WITH_TITLE.hex(" ").split()], check=True
        )
        screen = wait_for(session, "/ Qatar secu rite", timeout=10)
        assert "EXITED" not in screen and "Traceback" not in screen, screen
        assert screen.splitlines()[0].strip() == "/ Qatar secu rite", screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
