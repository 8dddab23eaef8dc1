"""The Whoosh schema: what is indexed, what is stored, and its version."""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from tui_reader.search.analysis import STEMMED_LANGUAGES, folded_analyzer, stemmed_analyzer

# Bump on any change to fields or analyzers: an index with another version is rebuilt.
SCHEMA_VERSION = "3"


def body_field(lang: str) -> str:
    """The stemmed body field for `lang`."""
    return f"body_{lang}"


def build_schema() -> Any:
    """Lean on purpose: the text is stored once (in `text`, which is also the folded, positional
    field for phrases and exact words); stemmed fields keep frequencies only."""
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "path": ID(stored=True),
        "position": STORED(),
        "title": TEXT(analyzer=folded_analyzer(), stored=True, field_boost=2.0),
        "text": TEXT(analyzer=folded_analyzer(), stored=True, phrase=True),
        "date": ID(stored=True, sortable=True),
        "lang": ID(stored=True),
        "source": STORED(),
        "url": STORED(),
        # canonical entity ids ("country:MA org:un"), for filters, facets and cross-lingual search
        "entity": KEYWORD(stored=True, scorable=False, lowercase=False),
        # (start, end, id, form, source) per mention, so the reader highlights without re-matching
        "mentions": STORED(),
    }
    for lang in STEMMED_LANGUAGES:
        fields[body_field(lang)] = TEXT(analyzer=stemmed_analyzer(lang), phrase=False)
    return Schema(**fields)
