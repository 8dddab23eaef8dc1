"""Matching documents as Python sets (filters, date order, facets, counts), and ranking them.

Whoosh's matcher trees walk documents one at a time in Python; reading each term's postings
into a set and combining sets in C is an order of magnitude faster for filters that match much of
the corpus. A term's postings are read a block (up to 128 documents) at a time, straight from
Whoosh's W3 postings blocks, instead of one `id()`/`next()` call per document.

`DocSets.ranked` scores words the same way: Whoosh's BM25F (the same idf, average field lengths,
field-length bytes, weights and boosts) computed a block at a time into a dict, then the top N;
phrases check the positions of the documents holding every word. That also gives the exact
number of matches, which Whoosh counts in a second pass, and it never misses a document the way
Whoosh's block-skipping top-N can when an And mixes words and filters. Query types it does not
know are left to Whoosh.
"""

from __future__ import annotations

import heapq
import io
import pickle
import re
import struct
import zlib
from bisect import bisect_left
from collections.abc import Collection, Iterator
from itertools import accumulate, compress, filterfalse, islice
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3TermInfo
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

CACHED_FIELDS = {"entity", "lang", "date"}  # small vocabularies, long postings, asked again and again
# Read whole, term after term, the first time one of their terms is asked: facets ask for every
# entity, and one ordered walk of a segment's terms costs far less than a lookup per term.
WHOLE_FIELDS = {"entity", "lang"}
UNCACHED_FIELDS = {"id", "path"}  # one document a term: nothing to gain
# Other terms are kept too, within a bound: typing "mar", "mark", "marke" asks for mostly the
# same expansions again.
RECENT_TERMS = 512
RECENT_IDS = 1_000_000
# Prefix expansions kept, and the term table entries they found (so their postings are read
# without looking the terms up again): typing "mar", "mark" narrows the same expansion.
RECENT_PREFIXES = 32
RECENT_INFOS = 50_000
# More article ids than this asked at once (the unread or bookmarked view of a long-read corpus):
# one walk of the id field's term table maps every id to its document, instead of a lookup each.
ID_LOOKUPS = 256
K1 = 1.2  # Whoosh's BM25F defaults, which the searcher uses
B = 0.75
_LENGTHS = [byte_to_length(b) for b in range(256)]
# A W3 postings block is the zlib-compressed protocol-2 pickle of (id gaps, weights, values): the
# gaps come first, as a run of BININT1/BININT2/BININT opcodes (after a MARK when more than three).
# A W3 term table entry: key and value lengths, the key (field number, term), then the term info,
# whose document frequency follows its flags byte and total weight.
_ENTRY = struct.Struct("!ii")
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 5
_MIN_ID_AT = 15  # the first document's number, after the lengths and the greatest weight
# A W3 postings block starts with its length (negative for the last block).
_LENGTH = struct.Struct("!i")
_UINT = struct.Struct("!I")  # whoosh.system.pack_uint: a Frequency posting's value
TABLE_CHUNK = 8192  # bytes of the term table read at first; doubled at each further read
_GAPS = re.compile(rb"\x80\x02\(?((?:K.|M..|J....)++)", re.DOTALL)

Ranked = tuple[list[int], list[float], int]  # document numbers, scores, number of matches


class DocSets:
    """Evaluates queries to sets of live document numbers on one searcher, and ranks them."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self._all: frozenset[int] | None = None
        self._leaves: list[_Segment] | None = None
        self._cache: dict[tuple[str, str], frozenset[int]] = {}
        self._recent: dict[tuple[str, str], frozenset[int]] = {}
        self._recent_ids = 0
        self._whole: set[str] = set()
        self._terms: dict[str, list[str]] = {}  # the terms of the fields in `_whole`
        self._live: dict[str, dict[str, int]] = {}  # `live_counts` of `CACHED_FIELDS`
        self._prefixes: dict[tuple[str, str], dict[str, int]] = {}
        self._infos: dict[tuple[str, str], dict[int, Any]] = {}
        self._id_numbers: dict[str, int] | None = None

    @property
    def everything(self) -> frozenset[int]:
        if self._all is None:
            # Per segment: its range of numbers less its deleted set (one test per document
            # through the composite reader costs seconds at 100,000 documents).
            live: set[int] = set()
            for reader, base in self.reader.leaf_readers():
                numbers = range(base, base + reader.doc_count_all())
                deleted = reader.deleted_docs_set if reader.has_deletions() else None
                if deleted:
                    live.update(numbers)
                    live.difference_update(base + d for d in deleted)
                else:
                    live.update(numbers)
            self._all = frozenset(live)
        return self._all

    @property
    def segments(self) -> list[_Segment]:
        if self._leaves is None:
            self._leaves = [_Segment(r, base) for r, base in self.reader.leaf_readers()]
        return self._leaves

    def term(self, fieldname: str, text: str) -> frozenset[int]:
        key = (fieldname, text)
        found = self._cache.get(key)
        if found is None:
            found = self._recent.get(key)
        if found is not None:
            return found
        if fieldname in WHOLE_FIELDS and fieldname not in self._whole:
            self._load_field(fieldname)
            return self._cache.get(key, frozenset())
        ids: list[int] = []
        infos = self._infos.get(key)
        for index, segment in enumerate(self.segments):
            if infos is None:
                found_ids = segment.ids(fieldname, text, segment.base)
            elif index in infos:
                found_ids = segment.ids_of_info(fieldname, text, infos[index], segment.base)
            else:
                continue  # the prefix walk found no such term in this segment
            deleted = segment.deleted
            ids.extend(filterfalse(deleted.__contains__, found_ids) if deleted else found_ids)
        found = frozenset(ids)
        if fieldname in CACHED_FIELDS:
            self._cache[key] = found
        elif fieldname not in UNCACHED_FIELDS and len(found) <= RECENT_IDS // 4:
            while self._recent and (
                self._recent_ids + len(found) > RECENT_IDS or len(self._recent) >= RECENT_TERMS
            ):
                self._recent_ids -= len(self._recent.pop(next(iter(self._recent))))
            self._recent[key] = found
            self._recent_ids += len(found)
        return found

    def _load_field(self, fieldname: str) -> None:
        found: dict[str, list[int]] = {}
        for segment in self.segments:
            base = segment.base
            for text, ids in segment.every_term(fieldname):
                found.setdefault(text, []).extend(map(base.__add__, ids) if base else ids)
        live = self.everything if self.reader.has_deletions() else None
        self._terms[fieldname] = sorted(found)
        for text, ids in found.items():
            docs = frozenset(ids)
            self._cache[(fieldname, text)] = docs & live if live is not None else docs
        self._whole.add(fieldname)

    def of_ids(self, ids: Collection[str]) -> set[int]:
        """The live documents whose `id` is one of `ids`: a lookup each for a few; for more than
        `ID_LOOKUPS`, read from the number of every id, mapped once per searcher."""
        found: set[int] = set()
        if len(ids) <= ID_LOOKUPS:
            for article_id in ids:
                found |= self.term("id", article_id)
            return found
        numbers = self.id_numbers()
        for article_id in ids:
            docnum = numbers.get(article_id)
            if docnum is None:
                continue
            if docnum < 0:
                found |= self.term("id", article_id)
            else:
                found.add(docnum)
        return found

    def id_numbers(self) -> dict[str, int]:
        """Every article id of a live document with its document number (-1 for an id of
        several documents, to be looked up): one ordered walk of each segment's term table,
        the number read from the term info of an id with one document."""
        if self._id_numbers is None:
            numbers: dict[str, int] = {}
            for segment in self.segments:
                base, deleted = segment.base, segment.deleted
                for text, frequency, info in segment.prefix_entries("id", ""):
                    if frequency != 1:
                        numbers[text] = -1
                        continue
                    if isinstance(info, bytes):
                        docnum = base + _UINT.unpack_from(info, _MIN_ID_AT)[0]
                    else:
                        docnum = base + info.min_id()
                    if docnum in deleted:
                        continue
                    numbers[text] = -1 if text in numbers else docnum
            self._id_numbers = numbers
        return self._id_numbers

    def whole_terms(self, fieldname: str) -> list[str]:
        """Every term of `fieldname` (one of `WHOLE_FIELDS`), in term order, some perhaps in
        deleted documents only: read once with the field, instead of a walk of the lexicon
        merged over every segment each time (facets ask for them with every result list)."""
        if fieldname not in self._whole:
            self._load_field(fieldname)
        return self._terms[fieldname]

    def prefix_frequencies(self, fieldname: str, prefix: str) -> dict[str, int]:
        """Every term of `fieldname` that starts with `prefix`, in term order, with its document
        frequency summed over the segments (deleted documents included: Whoosh's
        `doc_frequency`). One ordered walk of each segment's term table, instead of a lookup per
        term and segment; a longer prefix of a recent one is read from that one's answer."""
        key = (fieldname, prefix)
        found = self._prefixes.get(key)
        if found is not None:
            return found
        for (name, shorter), known in reversed(self._prefixes.items()):
            if name == fieldname and prefix.startswith(shorter):
                found = {text: n for text, n in known.items() if text.startswith(prefix)}
                break
        else:
            walked: dict[str, int] = {}
            if len(self._infos) > RECENT_INFOS:
                self._infos.clear()
            for index, segment in enumerate(self.segments):
                for text, frequency, info in segment.prefix_entries(fieldname, prefix):
                    walked[text] = walked.get(text, 0) + frequency
                    self._infos.setdefault((fieldname, text), {})[index] = info
            found = dict(sorted(walked.items()))
        if len(self._prefixes) >= RECENT_PREFIXES:
            del self._prefixes[next(iter(self._prefixes))]
        self._prefixes[key] = found
        return found

    def live_counts(self, fieldname: str) -> dict[str, int]:
        """Every term of `fieldname` with its number of live documents (terms with none left
        out): the term table's document frequencies, postings read only in segments with
        deletions (the same numbers as `len(term(...))`, without reading every posting); kept
        for the fields of `CACHED_FIELDS` (the facets of every article, asked again and again)."""
        known = self._live.get(fieldname)
        if known is not None:
            return dict(known)
        counts = self._live_counts(fieldname)
        if fieldname in CACHED_FIELDS:
            self._live[fieldname] = counts
        return dict(counts)

    def _live_counts(self, fieldname: str) -> dict[str, int]:
        if fieldname in self._whole:
            return {
                text: len(docs) for (name, text), docs in self._cache.items() if name == fieldname and docs
            }
        counts: dict[str, int] = {}
        for segment in self.segments:
            reader = segment.reader
            if fieldname not in reader.schema:
                continue
            if reader.has_deletions():
                deleted = reader.deleted_docs_set
                for text, ids in segment.every_term(fieldname):
                    n = len(set(ids).difference(deleted))
                    if n:
                        counts[text] = counts.get(text, 0) + n
            else:
                for term, info in reader.iter_field(fieldname):
                    text = _text(term)
                    counts[text] = counts.get(text, 0) + info.doc_frequency()
        return counts

    def frequencies(self, fieldname: str, texts: Collection[str], within: Collection[int]) -> dict[str, int]:
        """For each of `texts`, the sum of its frequency (the field's format stores it in the
        postings' values) over the documents `within` (live ones): the postings of those terms
        only, no stored record."""
        wanted = within if isinstance(within, set | frozenset) else set(within)
        everything = len(wanted) == len(self.everything) and not self.reader.has_deletions()
        sums = dict.fromkeys(texts, 0)
        for segment in self.segments:
            base = segment.base
            for text in sums:
                ids, counts = segment.frequencies(fieldname, text)
                if everything:
                    sums[text] += sum(counts)
                else:
                    inside = map(wanted.__contains__, map(base.__add__, ids) if base else ids)
                    sums[text] += sum(compress(counts, inside))
        return sums

    def newest_first(self, fieldname: str = "date") -> list[int]:
        """Every live document by the sortable text column `fieldname`, greatest first, then the
        documents without a value; the same value: the last added first. Reads each segment's
        column in one go instead of one lookup per document or per term."""
        values: list[bytes] = []
        for segment in self.segments:
            values.extend(segment.column_values(fieldname))
        order = list(range(len(values) - 1, -1, -1))
        order.sort(key=values.__getitem__, reverse=True)  # stable: ties keep the last added first
        if self.reader.has_deletions():
            live = self.everything
            order = [d for d in order if d in live]
        return order

    def count(self, q: Any) -> int:
        """How many live documents match `q`."""
        return len(self.of(q))

    def of(self, q: Any) -> frozenset[int] | set[int]:
        """The live documents matching `q`."""
        if q is None or isinstance(q, wq.Every):
            return self.everything
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return frozenset()
        if type(q) is wq.Term:
            return self.term(q.fieldname, _text(q.text))
        if isinstance(q, wq.And):
            parts = sorted((self.of(k) for k in q.subqueries if not isinstance(k, wq.Not)), key=len)
            result: set[int] = set(parts[0]) if parts else set(self.everything)
            for part in parts[1:]:
                result &= part
            for k in q.subqueries:
                if isinstance(k, wq.Not):
                    result -= self.of(k.query)
            return result
        if isinstance(q, wq.AndNot):
            return set(self.of(q.a)) - self.of(q.b)
        if isinstance(q, wq.Phrase):
            return self._phrases(q.fieldname, q.words[:-1], q.words[-1:], q.slop, q)
        if isinstance(q, wq.Or):
            families, others = _phrase_families(q.subqueries)
            sets = [self.of(k) for k in others]
            for (fieldname, head, slop, _), lasts in families.items():
                sets.append(self._phrases(fieldname, list(head), lasts, slop, q))
            return sets[0] if len(sets) == 1 else set().union(*sets)
        if isinstance(q, wq.Not):
            return self.everything - self.of(q.query)
        if isinstance(q, wq.TermRange | wq.Prefix):
            fieldname = q.fieldname
            return set().union(*(self.term(fieldname, _text(t)) for t in q._btexts(self.reader)))
        return set(self.searcher.docs_for_query(q))

    def _phrases(self, fieldname: str, head: list[str], lasts: list[str], slop: int, q: Any) -> set[int]:
        """The live documents where `head` is followed by one of `lasts` (`_Scorer.phrases`);
        those of `q` by Whoosh when the field keeps no positions to read here."""
        try:
            found = _Scorer(self).phrases(
                fieldname, [_text(w) for w in head], [_text(w) for w in lasts], slop
            )
        except _Unscorable:
            return set(self.searcher.docs_for_query(q))
        return set(found).intersection(self.everything) if self.reader.has_deletions() else set(found)

    def ranked(
        self,
        q: Any,
        limit: int,
        allowed: Collection[int] | None = None,
        excluded: Collection[int] | None = None,
    ) -> Ranked | None:
        """The `limit` best live documents for `q` by Whoosh's BM25F score, best first (ties:
        the lower document number first), their scores, and how many documents match; only
        documents in `allowed` (when given) and not in `excluded`. None when `q` holds a query
        type this does not know: the caller then asks Whoosh.

        Terms, phrases, And, Or and Not are scored as Whoosh scores them (an And or Or adds up
        its parts, a phrase its words, a Not excludes and adds 1); ranges and prefixes add their
        boost, as Whoosh's constant-score multi-term queries do. A sum may differ from Whoosh's
        in the last bit (another order of additions), which can only swap documents of equal
        score."""
        try:
            scores = _Scorer(self).of(q)
        except _Unscorable:
            return None
        if self.reader.has_deletions() or allowed is not None or excluded:
            live = self.everything if allowed is None else self.everything.intersection(allowed)
            if excluded:
                live = live.difference(excluded)
            scores = {d: v for d, v in scores.items() if d in live}
        items = list(scores.items())
        if len(items) > limit:
            # the limit-th best score, found among bare floats; ties with it are all kept
            threshold = heapq.nlargest(limit, scores.values())[-1]
            items = [item for item in items if item[1] >= threshold]
        items.sort(key=_best_first)
        top = items[:limit]
        return [d for d, _ in top], [v for _, v in top], len(scores)


class _Segment:
    """One segment of the index: its reader, its first document number, and, once asked, its
    field-length bytes (one byte a document, as Whoosh's scorer reads them)."""

    def __init__(self, reader: Any, base: int) -> None:
        self.reader = reader
        self.base = base
        self._lengths: dict[str, bytes] = {}
        self._deleted: frozenset[int] | None = None

    @property
    def deleted(self) -> frozenset[int]:
        """The deleted documents of the segment, as numbers of the whole index."""
        if self._deleted is None:
            deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else ()
            self._deleted = frozenset(self.base + d for d in deleted)
        return self._deleted

    def _matcher(self, fieldname: str, text: str) -> Any:
        try:
            matcher = self.reader.postings(fieldname, text)
        except TermNotFound:  # the term is absent from this segment; damage raises on
            return None
        # Deleted documents are removed by the callers, as sets.
        return matcher.child if isinstance(matcher, FilterMatcher) else matcher

    def ids(self, fieldname: str, text: str, base: int = 0) -> list[int]:
        """Segment document numbers of a term's postings, deleted documents included, plus
        `base`."""
        return self._ids_of(self._matcher(fieldname, text), base)

    def every_term(self, fieldname: str) -> Iterator[tuple[str, list[int]]]:
        """Every term of `fieldname` in the segment with its document numbers, from one walk of
        the term table (no lookup per term)."""
        if fieldname not in self.reader.schema:
            return
        try:
            terms = self.reader._terms
            codec, postfile = terms._codec, terms._postfile
        except AttributeError:
            for term in self.reader.lexicon(fieldname):
                yield _text(term), self.ids(fieldname, _text(term))
            return
        fmt = self.reader.schema[fieldname].format
        for term, info in self.reader.iter_field(fieldname):
            matcher = codec.postings_reader(postfile, info, fmt, term=(fieldname, term))
            yield _text(term), self._ids_of(matcher)

    def prefix_entries(self, fieldname: str, prefix: str) -> Iterator[tuple[str, int, Any]]:
        """Every term of `fieldname` in the segment that starts with `prefix`, in term order, with
        its document frequency and its term info (or the term info's bytes, for `ids_of_info`).
        The table is read in large chunks and only the frequencies are decoded, instead of three
        reads and a term info a term."""
        reader = self.reader
        if fieldname not in reader.schema:
            return
        try:
            terms = reader._terms
            table = terms._tindex
            key = terms._keycoder(fieldname, reader._text_to_bytes(fieldname, prefix))
            dbfile, end = table.dbfile, table.endofdata
            pos = table.closest_key_pos(key)
        except AttributeError:
            for term, info in reader.iter_prefix(fieldname, prefix):
                yield _text(term), info.doc_frequency(), info
            return
        skip = len(terms._keycoder(fieldname, b""))  # the field number before the term
        chunk = TABLE_CHUNK
        buffer, start = b"", pos
        while pos is not None and pos < end:
            at = pos - start
            if at + _ENTRY.size > len(buffer):
                buffer, start, at = bytes(dbfile.get(pos, min(chunk, end - pos))), pos, 0
                chunk = min(chunk * 2, 1 << 20)
            keylength, valuelength = _ENTRY.unpack_from(buffer, at)
            size = _ENTRY.size + keylength + valuelength
            if at + size > len(buffer):
                buffer, start, at = bytes(dbfile.get(pos, min(max(chunk, size), end - pos))), pos, 0
                chunk = min(chunk * 2, 1 << 20)
            keyat = at + _ENTRY.size
            if not buffer.startswith(key, keyat, keyat + keylength):
                return
            value = buffer[keyat + keylength : at + size]
            frequency = _DOC_FREQUENCY.unpack_from(value, _DOC_FREQUENCY_AT)[0]
            yield buffer[keyat + skip : keyat + keylength].decode("utf-8"), frequency, value
            pos += size

    def ids_of_info(self, fieldname: str, text: str, info: Any, base: int = 0) -> list[int]:
        """`ids`, from the term's table entry (found by a walk of the table) instead of a lookup."""
        if isinstance(info, bytes):
            info = W3TermInfo.from_bytes(info)
        found = self._ids_of_extent(info, base)
        if found is not None:
            return found
        try:
            terms = self.reader._terms
            matcher = terms._codec.postings_reader(
                terms._postfile,
                info,
                self.reader.schema[fieldname].format,
                term=(fieldname, text.encode("utf-8")),
            )
        except AttributeError:
            return self.ids(fieldname, text, base)
        return self._ids_of(matcher, base)

    def _ids_of_extent(self, info: Any, base: int) -> list[int] | None:
        """`ids_of_info` from one read of the term's postings (every block), the blocks' ids
        decoded by `_gaps_of`; None when the postings are not W3 blocks of gaps (the caller then
        reads them through Whoosh's matcher)."""
        try:
            if info.is_inlined() or not isinstance(info, W3TermInfo):
                return None
            offset, length = info._offset, info._length
            if isinstance(length, tuple):  # Whoosh's term info reads its length as a 1-tuple
                (length,) = length
            data = bytes(self.reader._terms._postfile.get(offset, length))
        except (AttributeError, struct.error):
            return None
        if not data.startswith(WHOOSH3_HEADER_MAGIC):
            return None
        ids: list[int] = []
        pos, end = len(WHOOSH3_HEADER_MAGIC), len(data)
        view = memoryview(data)
        while pos < end:
            size = _LENGTH.unpack_from(data, pos)[0]
            last = size < 0
            following = pos + _LENGTH.size + abs(size)
            stream = io.BytesIO(view[pos + _LENGTH.size : following])
            try:
                count, _, _, compression, _, _ = pickle.load(stream)
            except Exception:  # noqa: BLE001 - not a W3 block header
                return None
            gaps = _gaps_of(view[pos + _LENGTH.size + stream.tell() : following], count, compression)
            if gaps is None:
                return None
            ids.extend(islice(accumulate(gaps, initial=base), 1, None) if base else accumulate(gaps))
            pos = following
            if last:
                return ids if pos == end else None
        return None

    @staticmethod
    def _ids_of(matcher: Any, base: int = 0) -> list[int]:
        if matcher is None:
            return []
        if not isinstance(matcher, W3LeafMatcher):
            found = list(matcher.all_ids())
            return [d + base for d in found] if base else found
        # A W3LeafMatcher keeps its current block's unpickled data in `_data` (ids first, as
        # gaps unless `_byteids`) and the decoded ids in `_ids`; `_next_block` moves to the next
        # block and sets `_atend` after the last one. The gaps are summed in C, from `base`.
        ids: list[int] = []
        while not matcher._atend and matcher._i < matcher._blocklength:
            if matcher._ids is not None:
                ids.extend(map(base.__add__, matcher._ids) if base else matcher._ids)
            else:
                gaps = None if matcher._data is not None or matcher._byteids else _block_gaps(matcher)
                if gaps is None:
                    if matcher._data is None:
                        matcher._read_data()
                    gaps = matcher._data[0]
                    if matcher._byteids:
                        ids.extend(map(base.__add__, gaps) if base else gaps)
                        matcher._next_block()
                        continue
                ids.extend(islice(accumulate(gaps, initial=base), 1, None) if base else accumulate(gaps))
            matcher._next_block()
        return ids

    def postings(self, fieldname: str, text: str) -> tuple[list[int], list[float]]:
        """Segment document numbers and weights of a term's postings."""
        ids, weights, _ = self.postings_with_values(fieldname, text, values=False)
        return ids, weights

    def postings_with_values(
        self, fieldname: str, text: str, values: bool = True
    ) -> tuple[list[int], list[float], list[bytes]]:
        """Segment document numbers, weights and encoded values (positions) of a term."""
        matcher = self._matcher(fieldname, text)
        ids: list[int] = []
        weights: list[float] = []
        encoded: list[bytes] = []
        if matcher is None:
            return ids, weights, encoded
        if not isinstance(matcher, W3LeafMatcher):
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                if values:
                    encoded.append(matcher.value())
                matcher.next()
            return ids, weights, encoded
        while not matcher._atend and matcher._i < matcher._blocklength:
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if values:
                if matcher._values is None:
                    matcher._read_values()
                encoded.extend(matcher._values)
            matcher._next_block()
        return ids, weights, encoded

    def frequencies(self, fieldname: str, text: str) -> tuple[list[int], list[int]]:
        """Segment document numbers of a term's postings and its frequency in each (deleted
        documents included), the frequencies decoded a block at a time."""
        if fieldname not in self.reader.schema:
            return [], []
        matcher = self._matcher(fieldname, text)
        if matcher is None:
            return [], []
        decode = self.reader.schema[fieldname].format.decode_frequency
        if not isinstance(matcher, W3LeafMatcher) or matcher._fixedsize != _UINT.size:
            found, _, values = self.postings_with_values(fieldname, text)
            return found, list(map(decode, values))
        ids: list[int] = []
        counts: list[int] = []
        while not matcher._atend and matcher._i < matcher._blocklength:
            if matcher._ids is None:
                matcher._read_ids()
            ids.extend(matcher._ids)
            if matcher._data is None:
                matcher._read_data()
            values = matcher._data[2]  # the block's values, one packed uint each (`pack_uint`)
            if isinstance(values, bytes) and len(values) == _UINT.size * len(matcher._ids):
                counts.extend(struct.unpack(f"!{len(matcher._ids)}I", values))
            else:
                if matcher._values is None:
                    matcher._read_values()
                counts.extend(map(decode, matcher._values))
            matcher._next_block()
        return ids, counts

    def column_values(self, fieldname: str) -> list[bytes]:
        """The raw column value of every document of the segment (b"" for none)."""
        count = self.reader.doc_count_all()
        if not self.reader.has_column(fieldname):
            return [b""] * count
        column = self.reader.column_reader(fieldname, translate=False)
        try:  # a VarBytesColumn: one read of the data, then slices
            offsets, sizes = column._offsets, column._lengths
            start = column._basepos
            data = bytes(column._dbfile.get(start, (offsets[-1] + sizes[-1]) if count else 0))
            return [data[o : o + n] for o, n in zip(offsets, sizes, strict=True)]
        except AttributeError:
            return [column[d] for d in range(count)]

    def lengths(self, fieldname: str) -> bytes:
        found = self._lengths.get(fieldname)
        if found is None:
            count = self.reader.doc_count_all()
            column = self.reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            if column is None:
                found = bytes(count)
            else:
                try:  # a column of one byte a document: read it in one go
                    found = bytes(column._dbfile.get(column._basepos, count))
                except AttributeError:
                    found = bytes(column[d] for d in range(count))
            self._lengths[fieldname] = found
        return found


def _block_gaps(matcher: Any) -> tuple[int, ...] | None:
    """The id gaps of a W3 matcher's current block without its weights and values (positions):
    only the start of the block is decompressed, and only the gaps are unpickled. None when the
    block does not start as expected (the caller then decodes the whole block)."""
    data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    return _gaps_of(data, matcher._blocklength, matcher._compression)


def _gaps_of(data: Any, count: int, compression: Any) -> tuple[int, ...] | None:
    """The id gaps at the start of a W3 block's data (`_block_gaps`)."""
    size = 5 * count + 8  # protocol, MARK, at most five bytes a gap, the tuple opcode
    try:
        head = zlib.decompressobj().decompress(data, size) if compression else bytes(data[:size])
    except zlib.error:
        return None
    found = _GAPS.match(head)
    if found is None:
        return None
    try:
        gaps = pickle.loads(b"\x80\x02(" + found.group(1) + b"t.")
    except Exception:  # noqa: BLE001 - not a run of gaps after all
        return None
    return gaps if isinstance(gaps, tuple) and len(gaps) == count else None


class _Unscorable(Exception):
    """A query shape `ranked` leaves to Whoosh."""


class _Scorer:
    def __init__(self, sets: DocSets) -> None:
        self.sets = sets
        self.searcher = sets.searcher
        self.schema = sets.searcher.schema

    def of(self, q: Any) -> dict[int, float]:
        boost = getattr(q, "boost", 1.0)
        if type(q) is wq.Term:
            scores = self.term(q.fieldname, _text(q.text))
        elif isinstance(q, wq.Or):
            families, others = _phrase_families(q.subqueries)
            parts = [self.of(k) for k in others]
            for (fieldname, head, slop, kid_boost), lasts in families.items():
                found = self.phrases(fieldname, list(head), lasts, slop)
                parts.append({d: v * kid_boost for d, v in found.items()} if kid_boost != 1.0 else found)
            scores = self.union(parts)
        elif isinstance(q, wq.And):
            positive = [self.of(k) for k in q.subqueries if not isinstance(k, wq.Not)]
            excluded = [self.sets.of(k.query) for k in q.subqueries if isinstance(k, wq.Not)]
            scores = self.intersection(positive, excluded)
        elif isinstance(q, wq.AndNot):
            scores = self.intersection([self.of(q.a)], [self.sets.of(q.b)])
        elif isinstance(q, wq.Phrase):
            scores = self.phrase(q.fieldname, [_text(w) for w in q.words], q.slop)
        elif isinstance(q, wq.TermRange | wq.Prefix) and getattr(q, "constantscore", False):
            return dict.fromkeys(self.sets.of(q), boost)
        elif isinstance(q, wq.Not):
            return dict.fromkeys(self.sets.of(q), 1.0)  # Whoosh's InverseMatcher scores 1
        elif q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return {}
        else:
            raise _Unscorable
        if boost != 1.0:
            return {d: v * boost for d, v in scores.items()}
        return scores

    def _norms(self, fieldname: str) -> list[float]:
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        # bm25(idf, tf, fl, avgfl, B, K1) as whoosh.scoring writes it, its length part per byte
        return [K1 * ((1 - B) + B * length / avgfl) for length in _LENGTHS]

    def term(self, fieldname: str, text: str) -> dict[int, float]:
        if fieldname not in self.schema:
            return {}
        scores: dict[int, float] = {}
        if not self.schema[fieldname].scorable:
            for segment in self.sets.segments:
                ids, weights = segment.postings(fieldname, text)
                base = segment.base
                scores.update(
                    zip(map(base.__add__, ids), weights, strict=True)
                    if base
                    else zip(ids, weights, strict=True)
                )
            return scores
        idf = self.searcher.idf(fieldname, text)
        k1p1 = K1 + 1
        norms = self._norms(fieldname)
        for segment in self.sets.segments:
            ids, weights = segment.postings(fieldname, text)
            if not ids:
                continue
            lengths = segment.lengths(fieldname)
            values = [idf * ((w * k1p1) / (w + norms[lengths[d]])) for d, w in zip(ids, weights, strict=True)]
            base = segment.base
            scores.update(
                zip(map(base.__add__, ids), values, strict=True) if base else zip(ids, values, strict=True)
            )
        return scores

    def phrase(self, fieldname: str, words: list[str], slop: int) -> dict[int, float]:
        """Documents where `words` follow each other (each at most `slop` positions after the
        one before), scored as Whoosh scores its SpanNear2 phrase: the sum of the words' BM25."""
        if not words:
            return {}
        return self.phrases(fieldname, words[:-1], [words[-1]], slop)

    def phrases(self, fieldname: str, head: list[str], lasts: list[str], slop: int) -> dict[int, float]:
        """Documents where the words `head` are followed by one of `lasts` (`phrase`), scored
        as Whoosh scores the Or of those phrases: per phrase found, the sum of its words' BM25.
        The head's positions are read once per document, however many `lasts` there are."""
        field = self.schema[fieldname] if fieldname in self.schema else None
        if field is None or not lasts:
            return {}
        if not field.scorable or not field.format.supports("positions"):
            raise _Unscorable
        decode = field.format.decode_positions
        head_idfs = [self.searcher.idf(fieldname, w) for w in head]
        norms = self._norms(fieldname)
        k1p1 = K1 + 1
        scores: dict[int, float] = {}
        for segment in self.sets.segments:
            heads = [segment.postings_with_values(fieldname, w) for w in head]
            if any(not ids for ids, _, _ in heads):
                continue
            within = set(heads[0][0]).intersection(*(ids for ids, _, _ in heads[1:])) if heads else None
            lengths = segment.lengths(fieldname)
            # per document: where its head ends (None: nowhere), and the head's score
            ends_of: dict[int, tuple[set[int] | None, float]] = {}
            for last in lasts:
                ids, weights, values = segment.postings_with_values(fieldname, last)
                if not ids:
                    continue
                idf = self.searcher.idf(fieldname, last)
                for j, d in enumerate(ids):
                    if within is not None and d not in within:
                        continue
                    known = ends_of.get(d)
                    if known is None:
                        known = ends_of[d] = self._head_ends(
                            d, heads, head_idfs, norms[lengths[d]], decode, slop
                        )
                    ends, head_score = known
                    if ends is None:
                        continue
                    positions = decode(values[j])
                    if ends and not (
                        any(p - 1 in ends for p in positions)
                        if slop == 1
                        else any(1 <= p - e <= slop for p in positions for e in ends)
                    ):
                        continue
                    w = weights[j]
                    score = head_score + idf * ((w * k1p1) / (w + norms[lengths[d]]))
                    key = d + segment.base
                    scores[key] = scores.get(key, 0.0) + score
        return scores

    @staticmethod
    def _head_ends(
        d: int, heads: list[Any], idfs: list[float], norm: float, decode: Any, slop: int
    ) -> tuple[set[int] | None, float]:
        """Where the words of `heads` (postings of each) follow each other in document `d` (the
        positions of the last word: an empty set for no head), None when nowhere, and their
        BM25 there."""
        ends: set[int] | None = None
        total = 0.0
        k1p1 = K1 + 1
        for (ids, weights, values), idf in zip(heads, idfs, strict=True):
            i = bisect_left(ids, d)
            positions = decode(values[i])
            if ends is None:
                ends = set(positions)
            elif slop == 1:
                ends = {p for p in positions if p - 1 in ends}
            else:
                ends = {p for p in positions if any(1 <= p - e <= slop for e in ends)}
            if not ends:
                return None, 0.0
            w = weights[i]
            total += idf * ((w * k1p1) / (w + norm))
        return (ends if ends is not None else set()), total

    @staticmethod
    def union(parts: list[dict[int, float]]) -> dict[int, float]:
        parts = sorted((p for p in parts if p), key=len, reverse=True)
        if not parts:
            return {}
        total = dict(parts[0])
        for part in parts[1:]:
            get = total.get
            total.update({d: get(d, 0.0) + v for d, v in part.items()})
        return total

    def intersection(self, parts: list[dict[int, float]], excluded: list[Any]) -> dict[int, float]:
        nots = float(len(excluded))
        if not parts:
            keep = set(self.sets.everything).difference(*excluded)
            return dict.fromkeys(keep, nots)
        parts = sorted(parts, key=len)
        keep = set(parts[0])
        for part in parts[1:]:
            keep.intersection_update(part)
        keep.difference_update(*excluded)
        if nots:
            return {d: sum(p[d] for p in parts) + nots for d in keep}
        return {d: sum(p[d] for p in parts) for d in keep}


def _phrase_families(
    kids: list[Any],
) -> tuple[dict[tuple[str, tuple[str, ...], int, float], list[str]], list[Any]]:
    """`kids` (an Or's) as families of phrases that differ in their last word only (a phrase
    whose last word is a prefix, expanded), by field, first words, slop and boost, with their
    last words; and the other kids."""
    families: dict[tuple[str, tuple[str, ...], int, float], list[str]] = {}
    others: list[Any] = []
    for kid in kids:
        if type(kid) is wq.Phrase and len(kid.words) > 1:
            key = (kid.fieldname, tuple(_text(w) for w in kid.words[:-1]), kid.slop, kid.boost)
            families.setdefault(key, []).append(_text(kid.words[-1]))
        else:
            others.append(kid)
    return families, others


def _best_first(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def _text(text: str | bytes) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else text
