"""Turning an article and its mentions into a Whoosh document, and a stored document back."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tui_reader.corpus import Article
from tui_reader.entities import EntityRegistry, Mention, Tagger
from tui_reader.entities.mention import Kind
from tui_reader.search.analysis import STEMMED_LANGUAGES
from tui_reader.search.highlight import first_chars
from tui_reader.search.results import ResultRow, StoredArticle
from tui_reader.search.schema import body_field

_FORMS = {"name": "n", "acronym": "a", "demonym": "d"}
_FORM_NAMES = {v: k for k, v in _FORMS.items()}
# Entities are found in the first this many characters of an article: far more than any brief
# or feature, and a bound on what one huge file dense with names costs the indexer and the reader
# (the whole text is still searchable).
MAX_TAGGED_CHARS = 500_000


def article_mentions(tagger: Tagger, article: Article) -> list[Mention]:
    """The mentions in `article`'s first `MAX_TAGGED_CHARS` characters, cut after a space so that
    no word is cut in two."""
    text = article.text
    return tagger.tag(text[: first_chars(text, MAX_TAGGED_CHARS)], article.lang)


def ranked_entity_ids(mentions: list[Mention]) -> list[str]:
    """Registry entity ids, most mentioned first (ties: first mentioned first)."""
    counts = Counter(m.id for m in mentions if m.source == "registry")
    first: dict[str, int] = {}
    for m in mentions:
        first.setdefault(m.id, m.start)
    return sorted(counts, key=lambda i: (-counts[i], first[i]))


def mentioned_ids(ids: list[str], mentions: list[Mention]) -> list[str]:
    """Each of `ids` once per mention of it (of any source), in the order of `ids`: the entity
    field's indexed value, whose postings then hold the mention counts (`schema.EntityIds`)."""
    counts = Counter(m.id for m in mentions)
    return [i for i in ids for _ in range(counts[i])]


def to_document(article: Article, mentions: list[Mention]) -> dict[str, Any]:
    ids = ranked_entity_ids(mentions)
    doc: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "position": article.position,
        "title": article.title,
        "text": article.text,
        "date": article.date,
        "lang": article.lang,
        "source": article.source,
        "url": article.url,
        "entity": " ".join(mentioned_ids(ids, mentions)),
        "_stored_entity": " ".join(ids),
        "mentions": [(m.start, m.end, m.id, _FORMS[m.form], m.source == "rule") for m in mentions],
    }
    if article.lang in STEMMED_LANGUAGES:
        # Two parts, not one string: the text part is split into words once for both fields.
        doc[body_field(article.lang)] = [article.title, article.text]
    return doc


def to_stored_article(fields: dict[str, Any], registry: EntityRegistry) -> StoredArticle:
    text: str = fields.get("text", "")
    mentions = []
    for start, end, entity_id, form, is_rule in fields.get("mentions") or ():
        surface = text[start:end]
        info = None if is_rule else registry.entity(entity_id)
        kind: Kind = "country" if entity_id.startswith("country:") else "organization"
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=surface,
                kind=info.kind if info else kind,
                form=_FORM_NAMES.get(form, "name"),  # type: ignore[arg-type]
                id=entity_id,
                name_en=info.name_en if info else surface,
                name_fr=info.name_fr if info else surface,
                source="rule" if is_rule else "registry",
            )
        )
    return StoredArticle(
        id=fields.get("id", ""),
        path=fields.get("path", ""),
        position=int(fields.get("position") or 0),
        title=fields.get("title", ""),
        text=text,
        date=fields.get("date", ""),
        lang=fields.get("lang", "und"),
        source=fields.get("source", ""),
        url=fields.get("url", ""),
        mentions=tuple(mentions),
    )


def to_row(fields: dict[str, Any], score: float) -> ResultRow:
    return ResultRow(
        id=fields.get("id", ""),
        date=fields.get("date", ""),
        title=fields.get("title", ""),
        lang=fields.get("lang", "und"),
        path=fields.get("path", ""),
        score=score,
        entities=tuple((fields.get("entity") or "").split()),
    )
