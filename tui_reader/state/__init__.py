"""The user's state: read marks, bookmarks and search history (SQLite; no UI imports)."""

from tui_reader.state.database import STATE_FILE, StateUnavailable
from tui_reader.state.history import SearchHistory
from tui_reader.state.marks import MarkStore

__all__ = ["STATE_FILE", "MarkStore", "SearchHistory", "StateUnavailable"]
