"""Read marks and bookmarks, kept in SQLite under the state directory and keyed by corpus and
article id: two corpora that hold the same file names (whose ids are then the same) keep their
own marks.

Every change is committed at once (WAL journal), so a mark survives the app being killed the next
instant, and a re-index (ids are stable, so marks need no migration). Marks saved before they
were kept by corpus (a table of article ids alone) go to the first corpus opened.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from tui_reader.state.database import StateUnavailable, connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corpus_marks (
    corpus TEXT NOT NULL,
    article_id TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    changed_at REAL NOT NULL,
    PRIMARY KEY (corpus, article_id)
)
"""
_LEGACY_TABLE = "marks"  # article_id, read, bookmarked, changed_at: one corpus's marks


class MarkStore:
    """Which articles are read and which are bookmarked.

    The sets are held in memory for the list to draw from; `reload_if_changed()` picks up marks
    written by another process sharing the same state directory.
    """

    def __init__(self, connection: sqlite3.Connection, corpus: str = "") -> None:
        self._db = connection
        self._corpus = corpus
        with self._db:
            self._db.execute(_SCHEMA)
            legacy = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_LEGACY_TABLE,)
            ).fetchone()
            if legacy:
                self._db.execute(
                    "INSERT OR IGNORE INTO corpus_marks (corpus, article_id, read, bookmarked, changed_at) "
                    f"SELECT ?, article_id, read, bookmarked, changed_at FROM {_LEGACY_TABLE}",
                    (corpus,),
                )
                self._db.execute(f"DROP TABLE {_LEGACY_TABLE}")
        self._read: set[str] = set()
        self._bookmarked: set[str] = set()
        self._data_version = -1
        self.reload()

    @classmethod
    def open(cls, state_dir: Path, corpus: str = "") -> MarkStore:
        """Open (creating if needed) the marks of the corpus `corpus` (its path) in `state_dir`;
        raises `StateUnavailable`."""
        db = connect(state_dir)
        try:
            return cls(db, corpus)
        except sqlite3.Error as exc:
            db.close()
            raise StateUnavailable(
                f"Marks cannot be saved in {state_dir} ({exc}); they will last this session only."
            ) from exc

    @classmethod
    def in_memory(cls) -> MarkStore:
        """Marks that live only as long as the process (when the state dir cannot be written)."""
        return cls(sqlite3.connect(":memory:"))

    def reload(self) -> None:
        rows = self._db.execute(
            "SELECT article_id, read, bookmarked FROM corpus_marks WHERE corpus = ? AND (read OR bookmarked)",
            (self._corpus,),
        ).fetchall()
        self._read = {aid for aid, read, _ in rows if read}
        self._bookmarked = {aid for aid, _, bookmarked in rows if bookmarked}
        self._data_version = self._version()

    def reload_if_changed(self) -> bool:
        """Reload when another connection committed since the last look; True when it did."""
        if self._version() == self._data_version:
            return False
        self.reload()
        return True

    def _version(self) -> int:
        row = self._db.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    @property
    def read_ids(self) -> frozenset[str]:
        return frozenset(self._read)

    @property
    def bookmarked_ids(self) -> frozenset[str]:
        return frozenset(self._bookmarked)

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self._bookmarked

    def set_read(self, article_id: str, read: bool = True) -> None:
        self.set_many_read([article_id], read)

    def set_many_read(self, article_ids: Iterable[str], read: bool = True) -> None:
        ids = [a for a in article_ids if (a in self._read) != read]
        if not ids:
            return
        now = time.time()
        with self._db:
            self._db.executemany(
                "INSERT INTO corpus_marks (corpus, article_id, read, changed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(corpus, article_id) DO UPDATE SET read = excluded.read, "
                "changed_at = excluded.changed_at",
                [(self._corpus, a, int(read), now) for a in ids],
            )
        if read:
            self._read.update(ids)
        else:
            self._read.difference_update(ids)
        self._data_version = self._version()

    def set_bookmarked(self, article_id: str, bookmarked: bool = True) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO corpus_marks (corpus, article_id, bookmarked, changed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(corpus, article_id) DO UPDATE SET bookmarked = excluded.bookmarked, "
                "changed_at = excluded.changed_at",
                (self._corpus, article_id, int(bookmarked), time.time()),
            )
        if bookmarked:
            self._bookmarked.add(article_id)
        else:
            self._bookmarked.discard(article_id)
        self._data_version = self._version()

    def toggle_read(self, article_id: str) -> bool:
        """Flip the read mark; returns the new state."""
        new = not self.is_read(article_id)
        self.set_read(article_id, new)
        return new

    def toggle_bookmark(self, article_id: str) -> bool:
        """Flip the bookmark; returns the new state."""
        new = not self.is_bookmarked(article_id)
        self.set_bookmarked(article_id, new)
        return new

    def close(self) -> None:
        self._db.close()
