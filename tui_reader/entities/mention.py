"""A mention of a country or an organization in a text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, make_dataclass
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
        return asdict(self)


# The same slots, not frozen: a mention is built as this and then becomes a `Mention`, which is
# several times cheaper than the frozen dataclass's `__init__` (one `object.__setattr__` per field).
_Draft = make_dataclass("_Draft", [(f.name, f.type) for f in fields(Mention)], slots=True)


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
    (the tagger makes one for every match it keeps)."""
    m = _Draft(start, end, text, kind, form, entity_id, name_en, name_fr, source)
    m.__class__ = Mention
    return m  # type: ignore[no-any-return]
