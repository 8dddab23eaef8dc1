"""Marks, bookmarks and search history in the state directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui_reader.state import STATE_FILE, MarkStore, SearchHistory, StateUnavailable


def test_marks_are_saved_at_once_and_read_back(tmp_path: Path) -> None:
    marks = MarkStore.open(tmp_path)
    marks.set_read("a")
    assert marks.toggle_bookmark("b") is True
    assert marks.toggle_read("c") is True
    assert marks.toggle_read("c") is False
    other = MarkStore.open(tmp_path)  # a second process sees them without any close or flush
    assert other.read_ids == {"a"}
    assert other.bookmarked_ids == {"b"}
    marks.set_bookmarked("b", False)
    assert other.reload_if_changed()
    assert other.bookmarked_ids == frozenset()
    assert not other.reload_if_changed()
    marks.close()
    other.close()


def test_read_and_bookmark_are_independent(tmp_path: Path) -> None:
    marks = MarkStore.open(tmp_path)
    marks.set_bookmarked("x")
    marks.set_read("x")
    marks.set_read("x", False)
    assert marks.is_bookmarked("x") and not marks.is_read("x")
    marks.set_many_read(["x", "y", "z"])
    assert marks.read_ids == {"x", "y", "z"}
    marks.close()


def test_marks_survive_sigkill(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from pathlib import Path
        from tui_reader.state import MarkStore
        marks = MarkStore.open(Path({str(tmp_path)!r}))
        marks.set_read("killed-read")
        marks.set_bookmarked("killed-star")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == -signal.SIGKILL
    marks = MarkStore.open(tmp_path)
    assert marks.is_read("killed-read")
    assert marks.is_bookmarked("killed-star")
    marks.close()


def test_unwritable_state_dir_is_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StateUnavailable) as caught:
        MarkStore.open(blocker / "state")
    assert "cannot be saved" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert "Errno" not in str(caught.value)


def test_a_state_path_that_is_a_file_is_said_to_be_one(tmp_path: Path) -> None:
    blocker = tmp_path / "statefile"
    blocker.write_text("x")
    with pytest.raises(StateUnavailable) as caught:
        MarkStore.open(blocker)
    assert str(caught.value) == (
        f"Marks and history cannot be saved: {blocker} is a file, not a folder (set BRIEFREAD_STATE "
        "to a folder); they will last this session only."
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only directory")
def test_read_only_state_file(tmp_path: Path) -> None:
    MarkStore.open(tmp_path).close()
    (tmp_path / STATE_FILE).chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StateUnavailable):
            MarkStore.open(tmp_path).set_read("a")
    finally:
        tmp_path.chmod(0o755)


def test_in_memory_marks_work_without_a_directory() -> None:
    marks = MarkStore.in_memory()
    marks.set_read("a")
    assert marks.is_read("a")


def test_history_newest_first_distinct_and_capped(tmp_path: Path) -> None:
    history = SearchHistory.open(tmp_path, limit=3)
    for query in ["qatar", "maroc", "  ", "qatar", "onu", "otan"]:
        history.add(query)
    assert history.recent() == ["otan", "onu", "qatar"]
    again = SearchHistory.open(tmp_path)
    assert again.recent(2) == ["otan", "onu"]
    history.close()
    again.close()


def test_history_keeps_hostile_text_as_data(tmp_path: Path) -> None:
    history = SearchHistory.open(tmp_path)
    nasty = "'); DROP TABLE search_history; -- [bold]\x1b[2J"
    history.add(nasty)
    assert history.recent() == [nasty]
    history.close()


def test_state_imports_no_ui_library() -> None:
    code = (
        "import sys, tui_reader.state; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'click'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_each_corpus_keeps_its_own_marks(tmp_path: Path) -> None:
    # two corpora with the same file names give their articles the same ids
    first = MarkStore.open(tmp_path, "/news/a")
    first.set_read("same-id")
    first.set_bookmarked("same-id")
    second = MarkStore.open(tmp_path, "/news/b")
    assert second.read_ids == second.bookmarked_ids == frozenset()
    second.set_read("other")
    assert MarkStore.open(tmp_path, "/news/a").read_ids == {"same-id"}
    assert MarkStore.open(tmp_path, "/news/b").read_ids == {"other"}


def test_marks_saved_before_they_were_kept_by_corpus_go_to_the_first_corpus_opened(tmp_path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(tmp_path / STATE_FILE)
    db.execute(
        "CREATE TABLE marks (article_id TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0, "
        "bookmarked INTEGER NOT NULL DEFAULT 0, changed_at REAL NOT NULL)"
    )
    db.execute("INSERT INTO marks VALUES ('old', 1, 1, 0)")
    db.commit()
    db.close()
    marks = MarkStore.open(tmp_path, "/news/a")
    assert marks.read_ids == marks.bookmarked_ids == {"old"}
    assert MarkStore.open(tmp_path, "/news/b").read_ids == frozenset()
    assert MarkStore.open(tmp_path, "/news/a").read_ids == {"old"}
