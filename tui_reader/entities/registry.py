"""The entity registry. (Provisional interface: empty until the registry data lands.)"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from tui_reader.entities.mention import Form, Kind


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """One canonical entity."""

    id: str  # "country:MA" or "org:<slug>"
    kind: Kind
    name_en: str
    name_fr: str
    name_ar: str = ""
    org_kind: str = ""  # for organizations: "un-body", "intergovernmental", ... ("" for countries)
    country: str = ""  # ISO alpha-2 of a national organization, "" otherwise


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form that names an entity."""

    text: str  # as written in the data (original case and accents)
    entity_id: str
    form: Form  # "name", "acronym" or "demonym"
    lang: str = ""  # "fr", "en", "ar", or "" when the form is shared by several languages


class EntityRegistry:
    """Canonical entities and every alias that names them."""

    version = "empty-0"  # changes whenever the data changes: the index re-extracts on a change

    def entities(self) -> Iterator[EntityInfo]:
        """Every canonical entity."""
        return iter(())

    def aliases(self) -> Iterator[Alias]:
        """Every alias of every entity (names, acronyms, demonyms with their inflections)."""
        return iter(())

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
