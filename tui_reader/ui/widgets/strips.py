"""Turning a `Text` into a `Strip` for the line-API widgets."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.strip import Strip


def text_strip(text: Text, console: Console) -> Strip:
    """`text` as one strip, its base style included (`Text.render` drops the base style of a
    text that has no spans)."""
    if text.style:
        text = text.copy()
        text.stylize_before(text.style)
        text.style = ""
    return Strip(list(text.render(console)), text.cell_len)
