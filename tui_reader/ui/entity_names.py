"""How entities are named on screen: canonical names from the registry, short badges."""

from __future__ import annotations

import re
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


BADGE_WIDTH = 8  # the widest badge; a longer name is cut with an ellipsis
# A long acronym that is also written as a word (INTERPOL, ECOWAS) reads better as the word.
_LOUD_ACRONYM = 5
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, list[tuple[str, str]]]:
    """For each organization, its acronyms and one-word names, (text, form) in the data's order."""
    from tui_reader.entities import default_registry

    forms: dict[str, list[tuple[str, str]]] = {}
    for alias in default_registry().aliases():
        if (
            alias.entity_id.startswith("org:")
            and alias.form in ("acronym", "name")
            and len(alias.text) <= BADGE_WIDTH
            and _WORD.fullmatch(alias.text)
            and _latin(alias.text)  # the list reads in French and English: no Arabic name
        ):
            forms.setdefault(alias.entity_id, []).append((alias.text, alias.form))
    return forms


def _latin(text: str) -> bool:
    """Whether `text` is written in Latin letters (accented ones included)."""
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in text)


@lru_cache(maxsize=4096)
def entity_badge(entity_id: str) -> str:
    """A short label for a list row, at most `BADGE_WIDTH` cells: the ISO code of a country;
    for an organization, its short form (NATO, IMF, DGSN, Interpol, Hamas), else its name cut;
    "" for article-local (rule-found) entities."""
    kind, _, key = entity_id.partition(":")
    if kind == "country":
        return key.upper()
    if kind != "org":
        return ""
    name = entity_name(entity_id)
    if len(name) <= BADGE_WIDTH:
        return name
    forms = _short_forms().get(entity_id, [])
    # The slug is usually made from the acronym the press uses (org:un, org:ma-dgsn).
    tail = key.rsplit("-", 1)[-1].casefold()
    same = [(text, form) for text, form in forms if text.casefold() == tail]
    loud = [text for text, _ in same if text.isupper()]
    word = [text for text, form in same if form == "name" and not text.isupper()]
    if loud and (len(loud[0]) < _LOUD_ACRONYM or not word):
        return loud[0]
    if word:
        return word[0]
    acronyms = [text for text, form in forms if form == "acronym" and text.isupper()]
    if acronyms:
        return acronyms[0]
    words = [text for text, form in forms if form == "name"]
    if words:
        return words[0]
    return name[: BADGE_WIDTH - 1] + "…"


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
