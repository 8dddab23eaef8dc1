"""Word wrapping by terminal cells that reports where each line starts.

The reader needs the offset of every wrapped line to scroll a search match into view, so it wraps
text itself rather than letting the renderer do it.
"""

from __future__ import annotations

import re

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
