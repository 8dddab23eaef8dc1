"""Word wrapping by terminal cells that reports where each line starts.

The reader needs the offset of every wrapped line to scroll a search match into view, so it wraps
text itself rather than letting the renderer do it.
"""

from __future__ import annotations

import re
from unicodedata import combining

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets (after 0) where `text` (one paragraph, no newline) breaks into lines of at most
    `width` cells; words longer than a line are folded."""
    width = max(1, width)
    if cell_len(text) <= width:
        return []
    breaks: list[int] = []
    line_width = 0
    for match in _WORD.finditer(text):
        start = match.start()
        word = match.group()
        stripped = word.rstrip()
        word_width = cell_len(stripped)
        if line_width and line_width + word_width > width:
            breaks.append(start)
            line_width = 0
        if word_width > width:
            # Fold a word longer than a line, one character at a time.
            for offset, ch in enumerate(stripped, start):
                ch_width = cell_len(ch)
                if line_width + ch_width > width and line_width:
                    breaks.append(offset)
                    line_width = 0
                line_width += ch_width
            line_width += cell_len(word) - word_width
        else:
            line_width += cell_len(word)
    return breaks


def _clusters(text: str) -> list[int]:
    """Where the characters that are drawn as one start in `text` (a letter and its combining
    marks, the two letters of a flag), and `len(text)` last."""
    bounds = [0]
    i, size = 0, len(text)
    while i < size:
        j = i + 1
        if _REGIONAL <= text[i] <= _REGIONAL_LAST and j < size and _REGIONAL <= text[j] <= _REGIONAL_LAST:
            j += 1
        while j < size and combining(text[j]):
            j += 1
        bounds.append(j)
        i = j
    return bounds


_REGIONAL, _REGIONAL_LAST = "\U0001f1e6", "\U0001f1ff"


def take_cells(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells`, never cutting a letter from its marks or
    a flag in two."""
    if cell_len(text) <= cells:
        return text
    bounds = _clusters(text)
    used = 0
    for start, end in zip(bounds, bounds[1:], strict=False):
        used += cell_len(text[start:end])
        if used > cells:
            return text[:start]
    return text


def take_cells_end(text: str, cells: int) -> str:
    """The longest end of `text` that fits in `cells`, cut as `take_cells` cuts."""
    if cell_len(text) <= cells:
        return text
    bounds = _clusters(text)
    used = 0
    for start, end in zip(reversed(bounds[:-1]), reversed(bounds[1:]), strict=False):
        used += cell_len(text[start:end])
        if used > cells:
            return text[end:]
    return text
