"""The Whoosh schema: what is indexed, what is stored, and its version."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pickle import dumps
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.system import pack_uint

from tui_reader.search.analysis import (
    LEAN_CHARS,
    STEMMED_LANGUAGES,
    folded_analyzer,
    folded_words,
    lowered_words,
    stemmed_analyzer,
    stemmed_counts,
)

# Bump on any change to fields or analyzers: an index with another version is rebuilt.
SCHEMA_VERSION = "8"

Posting = tuple[bytes, int, float, bytes]  # term, frequency, weight, encoded value


def body_field(lang: str) -> str:
    """The stemmed body field for `lang`."""
    return f"body_{lang}"


class FoldedText(TEXT):  # type: ignore[misc]
    """Folded words with positions. Indexing computes the postings in one pass over the word
    list instead of Whoosh's token-by-token analyzer chain; the terms are the analyzer's, and
    queries still go through the analyzer."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        positions: dict[str, Any] = {}
        # a very long article's positions as machine integers (see `LEAN_CHARS`), not objects
        first: Callable[[int], Any] = (
            (lambda pos: array("L", (pos,))) if len(value) > LEAN_CHARS else (lambda pos: [pos])
        )
        for pos, word in enumerate(folded_words(value)):
            found = positions.get(word)
            if found is None:
                positions[word] = first(pos)
            else:
                found.append(pos)
        positions.pop("", None)  # the words past the most an article indexes (see `lowered_words`)
        boost = self.format.field_boost
        once = _ONCE
        for word, poslist in positions.items():
            n = len(poslist)
            if n == 1:  # most words: the encoding depends on the position alone
                pos = poslist[0]
                value = once.get(pos)
                if value is None:
                    value = _positions_value(poslist)
                    if pos < _ONCE_LIMIT:
                        once[pos] = value
                yield word.encode("utf-8"), 1, boost, value
            else:
                yield word.encode("utf-8"), n, n * boost, _positions_value(poslist)


def _positions_value(poslist: Sequence[int]) -> bytes:
    """Whoosh's Positions encoding: the count, then the pickled position deltas."""
    deltas = [b - a for a, b in zip([0, *poslist], poslist, strict=False)]
    value: bytes = pack_uint(len(poslist)) + dumps(deltas, 2)
    return value


_ONCE_LIMIT = 1 << 16
_ONCE: dict[int, bytes] = {}  # position -> encoding of a word found only there


class StemmedText(TEXT):  # type: ignore[misc]
    """Stemmed, folded words with frequencies only, indexed without the analyzer chain. The
    value may be a list of texts (the title and the text): their words are counted together,
    and the text's words, split once, serve the `text` field too."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(analyzer=stemmed_analyzer(lang), phrase=False, **kwargs)
        self.lang = lang

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if isinstance(value, str):
            lowered = lowered_words(value)
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            lowered = [word for part in value for word in lowered_words(part)]
        else:
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for word, n in stemmed_counts(lowered, self.lang).items():
            yield word.encode("utf-8"), n, n * boost, pack_uint(n)


class EntityIds(KEYWORD):  # type: ignore[misc]
    """Entity ids, each given once per mention ("country:MA country:MA org:un"): a posting's
    value is the number of the article's mentions of the entity (Whoosh's Frequency encoding),
    so mention counts are read from the postings instead of every stored record. Scored as the
    words are (BM25F, the mentions as the term's frequency): an article found through an
    entity's name in another language ranks by how much it names the entity."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for word, n in Counter(value.split()).items():
            yield word.encode("utf-8"), n, n * boost, pack_uint(n)


def build_schema() -> Any:
    """Lean on purpose: the text is stored once (in `text`, which is also the folded, positional
    field for phrases and exact words); stemmed fields keep frequencies only."""
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "path": ID(stored=True),
        "position": STORED(),
        "title": FoldedText(analyzer=folded_analyzer(), stored=True, field_boost=2.0),
        "text": FoldedText(analyzer=folded_analyzer(), stored=True, phrase=True),
        "date": ID(stored=True, sortable=True),
        "lang": ID(stored=True),
        "source": STORED(),
        "url": STORED(),
        # canonical entity ids ("country:MA org:un"), for filters, facets and cross-lingual search;
        # indexed once per mention, stored once
        "entity": EntityIds(stored=True, scorable=True, lowercase=False),
        # (start, end, id, form, source) per mention, so the reader highlights without re-matching
        "mentions": STORED(),
    }
    for lang in STEMMED_LANGUAGES:
        fields[body_field(lang)] = StemmedText(lang)
    return Schema(**fields)
