"""A mention of a country or an organization in a text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

Kind = Literal["country", "organization"]
Form = Literal["name", "acronym", "demonym"]
Source = Literal["registry", "rule"]


@dataclass(frozen=True, slots=True)
class Mention:
    """`start`/`end` are `str` indices into the text given to the tagger."""

    start: int
    end: int
    text: str
    kind: Kind
    form: Form
    id: str  # "country:MA", "org:un", or an article-local "rule:<slug>" for rule-found names
    name_en: str
    name_fr: str
    source: Source = "registry"

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "form": self.form,
            "id": self.id,
            "name_en": self.name_en,
            "name_fr": self.name_fr,
            "source": self.source,
        }


class _Unfrozen:
    """A `Mention` under construction: the same slots in the same order, set by a plain
    `__init__` (the frozen dataclass's goes through `object.__setattr__` for each field)."""

    __slots__ = tuple(f.name for f in fields(Mention))

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        kind: Kind,
        form: Form,
        entity_id: str,
        name_en: str,
        name_fr: str,
        source: Source,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.form = form
        self.id = entity_id
        self.name_en = name_en
        self.name_fr = name_fr
        self.source = source


def make_mention(
    start: int,
    end: int,
    text: str,
    kind: Kind,
    form: Form,
    entity_id: str,
    name_en: str,
    name_fr: str,
    source: Source,
) -> Mention:
    """`Mention(start, end, text, kind, form, entity_id, name_en, name_fr, source)`, made faster
    (the tagger makes one for every match it keeps): built unfrozen, then given its class."""
    m = _Unfrozen(start, end, text, kind, form, entity_id, name_en, name_fr, source)
    m.__class__ = Mention  # type: ignore[assignment]
    return m  # type: ignore[return-value]


def linked_to(m: Mention, other: Mention) -> Mention:
    """`m`, its span and form kept, naming the entity `other` names."""
    return replace(m, id=other.id, name_en=other.name_en, name_fr=other.name_fr, source=other.source)


def replaced_by(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """`mentions` with `found` (sorted, not overlapping each other) in place of those they
    overlap, sorted."""
    if not found:
        return mentions
    # `found` is sorted and its names do not overlap, so their ends are sorted too: a mention
    # overlaps one of them when the last that starts before it ends has not ended
    starts = [f.start for f in found]
    kept = []
    for m in mentions:
        i = bisect.bisect_left(starts, m.end)
        if i == 0 or found[i - 1].end <= m.start:
            kept.append(m)
    return sorted(kept + found, key=lambda m: (m.start, m.end))
