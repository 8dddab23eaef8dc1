"""A mention of a country or an organization in a text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
