"""`ScrollingModal`: a modal screen of text that keys scroll (the help, the skipped files)."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class ScrollingModal(ModalScreen[None]):
    """Its body is the `VerticalScroll` of id `BODY_ID`; its bindings call these actions."""

    BODY_ID: ClassVar[str] = ""

    def action_close(self) -> None:
        self.dismiss(None)

    @property
    def body(self) -> VerticalScroll:
        return self.query_one(f"#{self.BODY_ID}", VerticalScroll)

    # immediate: each key of a burst (a held key) moves from where the one before it left
    def action_scroll(self, delta: int) -> None:
        self.body.scroll_to(y=self.body.scroll_y + delta, animate=False, immediate=True)

    def action_page(self, delta: int) -> None:
        body = self.body
        page = max(1, body.scrollable_content_region.height - 1)
        body.scroll_to(y=body.scroll_y + delta * page, animate=False, immediate=True)

    def action_top(self) -> None:
        self.body.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.body.scroll_end(animate=False)
