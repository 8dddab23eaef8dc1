"""Finding mentions in text. (Provisional interface: finds nothing until the matcher lands.)"""

from __future__ import annotations

from functools import cache

from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import EntityRegistry, default_registry


class Tagger:
    def __init__(self, registry: EntityRegistry) -> None:
        self.registry = registry

    def tag(self, text: str, lang: str = "und") -> list[Mention]:
        """Mentions of countries and organizations in `text`, sorted by start offset."""
        return []


@cache
def default_tagger() -> Tagger:
    return Tagger(default_registry())
