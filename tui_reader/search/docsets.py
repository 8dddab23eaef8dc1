"""Matching documents as Python sets, for unranked queries (filters, date order, facets).

Whoosh's matcher trees walk documents one at a time in Python; reading each term's postings
into a set and combining sets in C is an order of magnitude faster for filters that match much of
the corpus. Queries this module does not know (phrases) fall back to Whoosh.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq

CACHED_FIELDS = {"entity", "lang", "date"}  # small vocabularies, long postings, asked again and again


class DocSets:
    """Evaluates queries to sets of live document numbers on one searcher."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self._all: frozenset[int] | None = None
        self._cache: dict[tuple[str, str], frozenset[int]] = {}

    @property
    def everything(self) -> frozenset[int]:
        if self._all is None:
            self._all = frozenset(self.reader.all_doc_ids())
        return self._all

    def term(self, fieldname: str, text: str) -> frozenset[int]:
        key = (fieldname, text)
        found = self._cache.get(key)
        if found is not None:
            return found
        try:
            ids = frozenset(self.reader.postings(fieldname, text).all_ids())
        except Exception:  # noqa: BLE001 - a term absent from the index raises TermNotFound
            ids = frozenset()
        if self.reader.has_deletions():
            ids = ids & self.everything
        if fieldname in CACHED_FIELDS:
            self._cache[key] = ids
        return ids

    def of(self, q: Any) -> frozenset[int] | set[int]:
        """The live documents matching `q`."""
        if q is None or isinstance(q, wq.Every):
            return self.everything
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return frozenset()
        if type(q) is wq.Term:
            text = q.text.decode("utf-8") if isinstance(q.text, bytes) else q.text
            return self.term(q.fieldname, text)
        if isinstance(q, wq.And):
            parts = sorted((self.of(k) for k in q.subqueries if not isinstance(k, wq.Not)), key=len)
            result: set[int] = set(parts[0]) if parts else set(self.everything)
            for part in parts[1:]:
                result &= part
            for k in q.subqueries:
                if isinstance(k, wq.Not):
                    result -= self.of(k.query)
            return result
        if isinstance(q, wq.Or):
            union: set[int] = set()
            for k in q.subqueries:
                union |= self.of(k)
            return union
        if isinstance(q, wq.Not):
            return self.everything - self.of(q.query)
        if isinstance(q, wq.TermRange | wq.Prefix):
            union = set()
            fieldname = q.fieldname
            for text in q._btexts(self.reader):
                word = text.decode("utf-8") if isinstance(text, bytes) else text
                union |= self.term(fieldname, word)
            return union
        return set(self.searcher.docs_for_query(q))
