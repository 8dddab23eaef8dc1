"""How entities are named on screen: canonical names from the registry, short badges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_reader.entities import Mention


@lru_cache(maxsize=4096)
def entity_name(entity_id: str, fallback: str = "") -> str:
    """The English canonical name of `entity_id` (its French name, `fallback`, or the id itself
    when the registry lacks it)."""
    from tui_reader.entities import default_registry

    info = default_registry().entity(entity_id)
    if info is not None:
        return info.name_en or info.name_fr or entity_id
    return fallback or entity_id.partition(":")[2] or entity_id


@lru_cache(maxsize=4096)
def entity_badge(entity_id: str) -> str:
    """A short label for a list row: the ISO code of a country, the acronym-like tail of an
    organization slug; "" for article-local (rule-found) entities."""
    kind, _, key = entity_id.partition(":")
    if kind == "country":
        return key.upper()
    if kind == "org":
        tail = key.rsplit("-", 1)[-1]
        if len(tail) <= 6:
            return tail.upper()
        name = entity_name(entity_id)
        return name if len(name) <= 8 else name[:7] + "…"
    return ""


def entity_kind(entity_id: str) -> str:
    """ "country", "organization" or "rule" from the id's prefix."""
    prefix = entity_id.partition(":")[0]
    return {"country": "country", "org": "organization"}.get(prefix, "rule")


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity named in an article: how often, and the forms the text used."""

    id: str
    kind: str  # "country" or "organization"
    source: str  # "registry" or "rule"
    name: str
    other_name: str  # the French name when it differs from the English one
    mentions: int
    forms: tuple[str, ...]
    acronym: str = ""  # the acronym the text used for it, if any (DGSN)


def summarize_mentions(mentions: Iterable[Mention]) -> list[EntitySummary]:
    """Mentions grouped by entity id (three forms of Morocco count as Morocco 3), most named
    first, then by name."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.id, []).append(mention)
    out: list[EntitySummary] = []
    for entity_id, items in groups.items():
        first = items[0]
        name = first.name_en or first.name_fr or first.text
        other = first.name_fr if first.name_fr and first.name_fr != name else ""
        forms = tuple(dict.fromkeys(m.text for m in items))
        acronym = next((m.text for m in items if m.form == "acronym" and m.text != name), "")
        out.append(
            EntitySummary(entity_id, first.kind, first.source, name, other, len(items), forms, acronym)
        )
    out.sort(key=lambda e: (-e.mentions, e.name.casefold()))
    return out
