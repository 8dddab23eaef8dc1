"""Spacing vowel signs take a cell, as terminals draw them.

Rich measures the spacing combining marks of the Indic and South-East Asian scripts (Unicode
category Mc: the "ि" of "हिन्दी", the "ா" of Tamil) as zero cells wide, where terminals (glibc's
wcwidth, which tmux, xterm and VTE follow) give each one cell: a line of Hindi then ran past the
border of its pane by as many cells as it had such signs. `use_terminal_widths` makes Rich, and
Textual through it, measure them as one cell.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import rich.cells

# Modules that took Rich's function by name when they were imported.
_HOLDERS = ("textual.widgets._input",)


def spacing_mark_width(measure: Callable[..., int]) -> Callable[..., int]:
    """`measure` (Rich's `get_character_cell_size`), with a spacing combining mark one cell."""

    @lru_cache(maxsize=4096)
    def measured(character: str, *args: Any) -> int:
        width = measure(character, *args)
        if width == 0 and unicodedata.category(character) == "Mc":
            return 1
        return width

    measured.counts_spacing_marks = True  # type: ignore[attr-defined]
    return measured


def use_terminal_widths() -> None:
    """Measure spacing combining marks as one cell from now on (once per process)."""
    original = getattr(rich.cells, "get_character_cell_size", None)
    if original is None or getattr(original, "counts_spacing_marks", False):
        return
    measured = spacing_mark_width(original)
    rich.cells.get_character_cell_size = measured  # type: ignore[assignment]
    for name in _HOLDERS:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "get_character_cell_size", None) is original:
            module.get_character_cell_size = measured  # type: ignore[attr-defined]
    cached = getattr(rich.cells, "cached_cell_len", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()  # lengths measured before
