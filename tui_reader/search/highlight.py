"""Where a query matches inside an article's text, and snippets around those matches.

Offsets come from re-analysing the stored text into the index's own terms, so a match in the
reader is exactly what the index matched (stems, folded accents, prefix and fuzzy expansions).
The text is split once and lowercased in one call; only the terms are compared, word by word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq

from tui_reader.search.analysis import (
    STEMMED_LANGUAGES,
    fold_words,
    lowered_words,
    matching_words,
    word_spans,
)
from tui_reader.search.results import Snippet, StoredArticle
from tui_reader.search.schema import body_field

SNIPPET_CHARS = 160


def query_phrases(query: Any, fields: tuple[str, ...] = ("title", "text")) -> set[tuple[str, ...]]:
    """The phrases a query searches in `fields`, as the folded words of each."""
    if query is None:
        return set()
    return {
        tuple(leaf.words)
        for leaf in _leaves(query)
        if isinstance(leaf, wq.Phrase) and leaf.words and leaf.fieldname in fields
    }


def query_terms(query: Any, reader: Any) -> dict[str, set[str]]:
    """The index terms a query matches, by field (prefix and fuzzy terms expanded), phrases
    left out (`query_phrases`)."""
    terms: dict[str, set[str]] = {}
    if query is None:
        return terms
    for leaf in _leaves(query):
        found: Iterable[tuple[str, Any]]
        if isinstance(leaf, wq.Phrase):
            continue
        if isinstance(leaf, wq.FuzzyTerm | wq.Prefix | wq.Wildcard):
            try:
                found = [(leaf.fieldname, t) for t in leaf._btexts(reader)]
            except Exception:  # noqa: BLE001 - a field this index does not have expands to nothing
                found = []
        else:
            found = leaf.iter_all_terms(phrases=True)
        for fieldname, text in found:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            terms.setdefault(fieldname, set()).add(text)
    return terms


def _leaves(query: Any) -> Iterable[Any]:
    """The leaves of `query` that an article matches by holding them: none under a NOT
    ('Obama -"président américain"' shows no "président")."""
    if isinstance(query, wq.Not):
        return
    if isinstance(query, wq.AndNot):
        yield from _leaves(query.a)
        return
    children = list(query.children())
    if not children:
        yield query
        return
    for child in children:
        yield from _leaves(child)


def match_offsets(
    article: StoredArticle,
    terms: dict[str, set[str]],
    entity_ids: set[str] = frozenset(),  # type: ignore[assignment]
    limit: int | None = None,
    phrases: set[tuple[str, ...]] = frozenset(),  # type: ignore[assignment]
    fields: tuple[str, ...] = ("text",),
) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) offsets in `article.text`; with `limit`, only those
    in about its first `limit` characters (cut after a space, so that no word is cut in two).
    A phrase matches where its words follow one another; one found nowhere (the index may
    have split the text otherwise) shows its words wherever they are. The words are those the
    query searches in the exact `fields` (a title's: "title" and "text"; `title:Obama` shows
    nothing in the text) and in the text's stemmed field."""
    text = article.text
    if limit is not None and len(text) > limit:
        text = text[: first_chars(text, limit)]
    spans: list[tuple[int, int]] = []
    exact = set().union(*(terms.get(name, ()) for name in fields))
    stems = terms.get(body_field(article.lang), set()) if article.lang in STEMMED_LANGUAGES else set()
    if exact or stems or phrases:
        lowered = lowered_words(text)
        indices: set[int] = set()
        if phrases:
            indices, missing = _phrase_indices(fold_words(lowered), phrases)
            exact = exact | missing
        wanted = matching_words(lowered, exact, stems, article.lang) if exact or stems else set()
        indices.update(i for i, word in enumerate(lowered) if word in wanted)
        if indices:
            spans.extend(word_spans(text, sorted(indices)))
    if entity_ids:
        size = len(text)
        spans.extend((m.start, m.end) for m in article.mentions if m.id in entity_ids and m.end <= size)
    return _merge(spans, text)


def _phrase_indices(folded: list[str], phrases: set[tuple[str, ...]]) -> tuple[set[int], set[str]]:
    """The positions of the words of every occurrence of `phrases` in `folded`, and the words
    of the phrases that occur nowhere. Phrases that differ in their last word only (a phrase
    ending in a prefix, expanded) count as one: found when one of them is, else their first
    words are missing."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        by_first.setdefault(words[0], []).append(words)
    indices: set[int] = set()
    found: set[tuple[str, ...]] = set()
    for i, word in enumerate(folded):
        starting = by_first.get(word)
        if starting is None:
            continue
        for words in starting:
            size = len(words)
            if tuple(folded[i : i + size]) == words:
                indices.update(range(i, i + size))
                found.add(words[:-1] if size > 1 else words)
    heads: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for words in phrases:
        heads.setdefault(words[:-1] if len(words) > 1 else words, []).append(words)
    missing: set[str] = set()
    for head, family in heads.items():
        if head not in found:
            missing.update(family[0] if len(family) == 1 else head)
    return indices, missing


_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def first_chars(text: str, limit: int) -> int:
    """Where to cut `text` to keep about its first `limit` characters: after the last space
    before `limit` (within 200 characters), so that no word is cut in two."""
    if len(text) <= limit:
        return len(text)
    space = _LAST_SPACE.search(text, max(0, limit - 200), limit)
    return space.start() if space else limit


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """`spans` sorted, with those that overlap or that only a space, a hyphen or an apostrophe
    separates made one: the words of a phrase ("premier ministre", "Moyen-Orient", "l'ONU") are
    one match for n/N and the count. A word that the match holds already starts another one:
    "Zanzibar Zanzibar" is two matches, "premier ministre premier ministre" two."""
    merged: list[tuple[int, int]] = []
    words: set[str] = set()  # the words of the last match
    for start, end in sorted(spans):
        word = text[start:end].casefold()
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            words.add(word)
        elif merged and word not in words and _SPACE_ONLY.fullmatch(text, merged[-1][1], start):
            merged[-1] = (merged[-1][0], end)
            words.add(word)
        else:
            merged.append((start, end))
            words = {word}
    return merged


_SPACE_ONLY = re.compile(r"[ \t\xa0]{1,2}|[-‐'’]")


def snippets(text: str, offsets: list[tuple[int, int]], count: int = 3) -> list[Snippet]:
    """Up to `count` fragments of about SNIPPET_CHARS around the first matches, cut at spaces."""
    out: list[Snippet] = []
    covered_until = -1
    for start, end in offsets:
        if len(out) >= count:
            break
        if start < covered_until:
            continue
        lo = max(0, start - SNIPPET_CHARS // 3)
        hi = min(len(text), lo + SNIPPET_CHARS)
        if lo > 0:
            space = text.find(" ", lo, start)
            lo = space + 1 if space != -1 else lo
        if hi < len(text):
            space = text.rfind(" ", end, hi)
            hi = space if space != -1 else hi
        fragment = text[lo:hi].replace("\n\n", " ¶ ")
        shift = _shift_map(text[lo:hi])
        inside = tuple((shift(s - lo), shift(e - lo)) for s, e in offsets if s >= lo and e <= hi)
        out.append(Snippet(fragment, inside))
        covered_until = hi
    if not out and text:
        head = text[:SNIPPET_CHARS]
        out.append(Snippet(head.replace("\n\n", " ¶ "), ()))
    return out


def _shift_map(fragment: str) -> Any:
    # "\n\n" (2 chars) becomes " ¶ " (3 chars): move offsets after each paragraph break by one.
    breaks = []
    i = fragment.find("\n\n")
    while i != -1:
        breaks.append(i)
        i = fragment.find("\n\n", i + 2)

    def shift(pos: int) -> int:
        return pos + sum(1 for b in breaks if b < pos)

    return shift
