"""The metadata lines under an article's title, fitted to a width.

Fields are packed on a line with " · " between them and a line breaks between fields, never after a
separator. A path or a URL is one token: it is never split, and when it is wider than the line it is
shortened in the middle, keeping its start and its end (the host, the file name).
"""

from __future__ import annotations

from rich.cells import cell_len

from tui_reader.ui.safe_text import clean
from tui_reader.ui.wrap import take_cells, take_cells_end

SEPARATOR = " · "
ELLIPSIS = "…"


def metadata_lines(*, date: str, lang: str, path: str, source: str, url: str, width: int) -> list[str]:
    """The lines showing an article's date, language, path, source and URL in `width` cells.

    Values are untrusted: they are cleaned to one line of plain text first.
    """
    width = max(1, width)
    date, lang, path, source, url = (
        clean(v, single_line=True).text.strip() for v in (date, lang, path, source, url)
    )
    lines = _pack([f for f in (date, lang, path) if f], width)
    if source:
        lines.extend(_pack(["source:", *source.split()], width, " "))
    if url:
        lines.append(_label_token("url: ", url, width))
    return lines


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` cells: whole if it fits, else its start and end around "…"."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS if width == 1 else ""
    room = width - 1
    head = take_cells(text, (room + 1) // 2)
    tail = take_cells_end(text, room - cell_len(head))
    return f"{head}{ELLIPSIS}{tail}"


def _pack(fields: list[str], width: int, separator: str = SEPARATOR) -> list[str]:
    """`fields` joined by `separator`, a new line started before a field that does not fit."""
    lines: list[str] = []
    line = ""
    for field in fields:
        if not line:
            line = field
        elif cell_len(line) + cell_len(separator) + cell_len(field) <= width:
            line = f"{line}{separator}{field}"
        else:
            lines.append(line)
            line = field
    if line:
        lines.append(line)
    return [shorten_middle(line, width) for line in lines]


def _label_token(label: str, value: str, width: int) -> str:
    """`label` and `value` on one line, the value shortened in the middle when it is too wide."""
    room = width - cell_len(label)
    if room < 8:  # too narrow to show a label and a useful part of the value
        return shorten_middle(value, width)
    return label + shorten_middle(value, room)
