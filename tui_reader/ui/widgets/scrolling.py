"""Scroll views whose scrollable size changes often (the list at every search, the query line at
every key)."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new scrollable size and update its scrollbars, as a layout would, without
    laying out the whole screen (a layout still follows when a scrollbar appears or goes)."""
    if view.virtual_size == size:
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)
    view.refresh()
