"""The one SQLite file that holds the user's state (marks, bookmarks, search history)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

STATE_FILE = "state.sqlite3"


class StateUnavailable(Exception):
    """The state directory cannot be created or written; `str()` is one sentence for the user."""


def connect(state_dir: Path) -> sqlite3.Connection:
    """A connection to the state database in `state_dir`, in WAL mode, committed per change.

    WAL with synchronous=NORMAL keeps every committed change across a crash or SIGKILL of the
    process (only a power loss can drop the last transactions), and lets two app instances share
    the file.
    """
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(state_dir / STATE_FILE, timeout=5.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=5000")
        return db
    except (OSError, sqlite3.Error) as exc:
        if state_dir.exists() and not state_dir.is_dir():
            raise StateUnavailable(
                f"Marks and history cannot be saved: {state_dir} is a file, not a folder (set "
                "BRIEFREAD_STATE to a folder); they will last this session only."
            ) from exc
        reason = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StateUnavailable(
            f"Marks and history cannot be saved in {state_dir} ({reason}); they will last this session only."
        ) from exc
