"""The entity registry. (Provisional interface: empty until the registry data lands.)"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tui_reader.entities.mention import Kind


@dataclass(frozen=True, slots=True)
class EntityInfo:
    id: str
    kind: Kind
    name_en: str
    name_fr: str


class EntityRegistry:
    """Canonical entities and every alias that names them."""

    version = "empty-0"

    def entity(self, entity_id: str) -> EntityInfo | None:
        """The entity with this canonical id, if the registry has it."""
        return None

    def resolve(self, alias: str, kind: Kind | None = None) -> list[str]:
        """Canonical ids named by `alias` (an id, a bare code such as `MA` or `un`, or any name,
        acronym or demonym in any language; case and accents ignored)."""
        return []


@cache
def default_registry() -> EntityRegistry:
    return EntityRegistry()
