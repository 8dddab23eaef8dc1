"""Search history: the queries the user ran, most recent first, kept in the state database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tui_reader.state.database import StateUnavailable, connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS search_history (
    query TEXT PRIMARY KEY,
    used_at REAL NOT NULL
)
"""


class SearchHistory:
    """Distinct queries with the time each was last used; at most `limit` are kept."""

    def __init__(self, connection: sqlite3.Connection, limit: int = 500) -> None:
        self._db = connection
        self._limit = limit
        self._db.execute(_SCHEMA)
        self._db.commit()
        self._clock = 0.0

    @classmethod
    def open(cls, state_dir: Path, limit: int = 500) -> SearchHistory:
        """Open (creating if needed) the history in `state_dir`; raises `StateUnavailable`."""
        db = connect(state_dir)
        try:
            return cls(db, limit)
        except sqlite3.Error as exc:
            db.close()
            raise StateUnavailable(f"Search history cannot be saved in {state_dir} ({exc}).") from exc

    @classmethod
    def in_memory(cls, limit: int = 500) -> SearchHistory:
        return cls(sqlite3.connect(":memory:"), limit)

    def add(self, query: str) -> None:
        """Record `query` as the most recent (blank queries are ignored)."""
        query = query.strip()
        if not query:
            return
        # Strictly increasing even when the clock is coarse, so the order is the order of use.
        self._clock = max(time.time(), self._clock + 1e-6)
        with self._db:
            self._db.execute(
                "INSERT INTO search_history (query, used_at) VALUES (?, ?) "
                "ON CONFLICT(query) DO UPDATE SET used_at = excluded.used_at",
                (query, self._clock),
            )
            self._db.execute(
                "DELETE FROM search_history WHERE query NOT IN "
                "(SELECT query FROM search_history ORDER BY used_at DESC LIMIT ?)",
                (self._limit,),
            )

    def recent(self, limit: int = 100) -> list[str]:
        """The most recent queries, newest first."""
        rows = self._db.execute(
            "SELECT query FROM search_history ORDER BY used_at DESC LIMIT ?", (limit,)
        ).fetchall()
        return [str(r[0]) for r in rows]

    def close(self) -> None:
        self._db.close()
