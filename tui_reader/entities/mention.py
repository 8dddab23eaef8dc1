"""A mention of a country or an organization in a text."""

from __future__ import annotations

from dataclasses import dataclass, fields
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


_new = object.__new__
# The slot descriptors of the fields, in order: setting them directly skips the frozen
# dataclass's `__setattr__` guard that its `__init__` goes through (one `object.__setattr__` call
# per field).
(_start, _end, _text, _kind, _form, _id, _name_en, _name_fr, _source) = (
    getattr(Mention, f.name).__set__ for f in fields(Mention)
)


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
    m: Mention = _new(Mention)
    _start(m, start)
    _end(m, end)
    _text(m, text)
    _kind(m, kind)
    _form(m, form)
    _id(m, entity_id)
    _name_en(m, name_en)
    _name_fr(m, name_fr)
    _source(m, source)
    return m
