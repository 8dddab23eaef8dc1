"""Analyzers: per-language stemming and accent folding, so every search ignores case and accents.

In French, stemming runs before folding because the Snowball stemmer expects the accents
("élections" -> "élect" -> "elect"); folding first would make it stem a different word. English
folds first: its stemmer knows no accents, and an English article's word written with one
("président") must stem as the English word does ("presid"). A query word typed with accents is
not stemmed as English here ("événement" is not "even"): the query adds its English stem only
when English articles write the word too (`query`). Folding also spells out the ligatures ("cœur" ->
"coeur"). Each analyzer is two
stages (a tokenizer that lowercases, and one filter), because in pure Python every stage of a
Whoosh chain costs time on every token of every article.

Indexing does not go through the chains at all: `lowered_words` splits and lowercases an
article's text once (one regex pass, one `lower()` call), and `fold_words` and `stemmed_counts`
turn that into the same terms as the chains, without a Token object per word; the fields in
`schema` call them. The highlighter finds the matching words the same way and asks for the
offsets of those words only (`word_spans`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import islice
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map as _whoosh_accent_map

from tui_reader.corpus.normalize import LIGATURES

STEMMED_LANGUAGES = ("fr", "en")
# Whoosh's accent map, and the ligatures it leaves alone written out as the press types them
# (and the typographic ones a query pasted from a PDF holds: the stored text has none).
accent_map = {
    **_whoosh_accent_map,
    ord("œ"): "oe",
    ord("Œ"): "OE",
    ord("æ"): "ae",
    ord("Æ"): "AE",
    **{ord(ligature): letters for ligature, letters in LIGATURES.items()},
}
# Languages whose stemmer reads unaccented words: their words are folded before stemming.
_FOLD_BEFORE_STEM = frozenset(("en",))
# Letters and digits; apostrophes and hyphens separate words ("l'ONU" -> "l", "ONU"). Runs longer
# than 64 are cut: they are not words (hashes, base64) and must not bloat the index.
WORD = re.compile(r"\w{1,64}")
STEM_CACHE = 300_000


class WordTokenizer(Tokenizer):  # type: ignore[misc]
    """Words, lowercased, optionally accent-folded, with positions and character offsets."""

    def __init__(self, fold: bool) -> None:
        self.fold = fold

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordTokenizer) and other.fold == self.fold

    def __hash__(self) -> int:
        return hash(("WordTokenizer", self.fold))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = _fold(value.lower()) if self.fold else value.lower()
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        fold = self.fold
        pos = start_pos
        for match in WORD.finditer(value):
            text = match.group().lower()
            token.text = text.translate(accent_map) if fold else text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = match.group()
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


# Words of the stop lists that are as often nouns: "avions" (planes), "été" (summer), "sommes"
# (sums), "son" (sound), "ton" (tone), "fût" (barrel). A search for them must find them.
_CONTENT_WORDS = {"fr": frozenset("avions été sommes son ton fût".split())}


class StemFoldFilter(Filter):  # type: ignore[misc]
    """Drop stop words, stem, then fold accents, in one stage with a plain dict as stem cache."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        stops = frozenset(stopwords_for_language(lang)) if has_stopwords(lang) else frozenset()
        self.stops = stops - _CONTENT_WORDS.get(lang, frozenset())
        self.stem = stemmer_for_language(lang) if has_stemmer(lang) else None
        self.fold_first = lang in _FOLD_BEFORE_STEM
        self.cache: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Analyzers are pickled into the index's table of contents: not the stem cache.
        return {"lang": self.lang}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["lang"])  # type: ignore[misc]

    def stem_fold(self, text: str) -> str:
        """The indexed form of one lowercased word ("" for a stop word or a one-letter word)."""
        folded = self.cache.get(text)
        if folded is None:
            if text in self.stops or len(text) < 2:
                folded = ""
            else:
                folded = self._stem_fold(text)
            if len(self.cache) >= STEM_CACHE:
                self.cache.clear()
            self.cache[text] = folded
        return folded

    def _stem_fold(self, text: str) -> str:
        if self.fold_first:
            text = text.translate(accent_map)
            return self.stem(text) if self.stem else text
        return (self.stem(text) if self.stem else text).translate(accent_map)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StemFoldFilter) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("StemFoldFilter", self.lang))

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        stops, cache = self.stops, self.cache
        for token in tokens:
            text = token.text
            if text in stops or len(text) < 2:
                if token.removestops:
                    continue
                token.stopped = True
                yield token
                continue
            if self.fold_first and token.mode == "query" and not text.isascii() and _fold(text) != text:
                # A word typed with accents is no English word ("événement"): the English stem of
                # its letters ("even") would find English words that it is not. English articles
                # still match it letter for letter in the folded fields.
                continue
            folded = cache.get(text)
            if folded is None:
                folded = self._stem_fold(text)
                if len(cache) >= STEM_CACHE:
                    cache.clear()
                cache[text] = folded
            token.text = folded
            yield token


def _fold(text: str) -> str:
    return text.translate(accent_map)


def lowered_words(value: str) -> list[str]:
    """The words of `value`, lowercased (not folded), in order: the word at index i has position
    i. The last few results are kept, because one article's text is analysed for several fields
    (the folded `text` field and the stemmed body field)."""
    words = _recent_words.get(value)
    if words is None:
        if len(value) > LEAN_CHARS:
            words = _lean_lowered_words(value)
        else:
            found = WORD.findall(value)
            # One lower() call for all the words: "\x00" is not cased, so each word lowercases as
            # it would alone (final sigma included) and the split gives them back one for one.
            words = "\x00".join(found).lower().split("\x00") if found else []
        if len(_recent_words) >= _RECENT:
            _recent_words.pop(next(iter(_recent_words)))
        _recent_words[value] = words
    return words


_RECENT = 4
_recent_words: dict[str, list[str]] = {}
# Past this many characters an article's words are listed leanly: one string for each distinct
# word, not one per occurrence (a 20 MB article of two-letter words: 6.5 million of them, which
# took a gigabyte as strings of their own).
LEAN_CHARS = 1_000_000


# The most different words of one article that are indexed: past them, a new word is left out
# (an empty string holds its place, so the positions of the words after it stay true). Prose has
# far fewer (15 MB of wire stories hold some 42,000, numbers included); two million random
# strings in one article made an index of a gigabyte whose prefix searches took seconds.
MAX_DISTINCT_WORDS = 100_000


def _lean_lowered_words(value: str) -> list[str]:
    """`lowered_words(value)`, each distinct word one string shared by its occurrences; past
    `MAX_DISTINCT_WORDS` different words, a new one is "" (left out of the index)."""
    shared: dict[str, str] = {}  # a lowercased word -> its one string
    lowered: dict[str, str] = {}  # a word as written -> that string
    words = []
    for match in WORD.finditer(value):
        word = match.group()
        low = lowered.get(word)
        if low is None:
            low = word.lower()
            known = shared.get(low)
            if known is not None:
                low = lowered[word] = known
            elif len(shared) < MAX_DISTINCT_WORDS:
                low = lowered[word] = shared[low] = low
            else:
                low = ""
        words.append(low)
    return words


def fold_words(lowered: list[str]) -> list[str]:
    """`lowered` words accent-folded, one for one: the terms of `folded_analyzer()`."""
    joined = "\x00".join(lowered)
    if joined.isascii():  # lowercase ASCII is left as it is by the accent map
        return list(lowered)
    if len(joined) > LEAN_CHARS:  # one folded string for each distinct word (see `LEAN_CHARS`)
        folded: dict[str, str] = {}
        return [
            w if w.isascii() else folded.get(w) or folded.setdefault(w, w.translate(accent_map))
            for w in lowered
        ]
    return [w if w.isascii() else w.translate(accent_map) for w in lowered]


def folded_words(value: str) -> list[str]:
    """The terms of `folded_analyzer()` for `value`, in order."""
    return fold_words(lowered_words(value))


def stemmed_counts(lowered: list[str], lang: str) -> dict[str, int]:
    """Term frequencies of `stemmed_analyzer(lang)` for words already lowercased."""
    folder = stem_folder(lang)
    cache, stem_fold = folder.cache, folder.stem_fold
    counts: dict[str, int] = {}
    for word, n in Counter(lowered).items():
        term = cache.get(word)
        if term is None:
            term = stem_fold(word)
        if term:
            counts[term] = counts.get(term, 0) + n
    return counts


def matching_words(lowered: list[str], exact: set[str], stems: set[str], lang: str) -> set[str]:
    """The distinct words of `lowered` whose folded form is in `exact` or whose stem (in `lang`)
    is in `stems`."""
    vocabulary = set(lowered)
    found: set[str] = set()
    if exact:
        found.update(w for w in vocabulary if (w if w.isascii() else w.translate(accent_map)) in exact)
    if stems:
        stem_fold = stem_folder(lang).stem_fold
        found.update(w for w in vocabulary if stem_fold(w) in stems)
    return found


def word_spans(value: str, indices: list[int]) -> list[tuple[int, int]]:
    """The (start, end) offsets in `value` of the words at `indices` (ascending)."""
    spans = []
    words = WORD.finditer(value)
    previous = -1
    for index in indices:
        match = next(islice(words, index - previous - 1, None))
        spans.append(match.span())
        previous = index
    return spans


@cache
def stem_folder(lang: str) -> StemFoldFilter:
    """The stemming stage of `stemmed_analyzer(lang)` (shared, so is its cache)."""
    return StemFoldFilter(lang)


@cache
def folded_analyzer() -> Any:
    """Lowercase and fold accents, no stop words and no stemming: for phrases and exact words."""
    return WordTokenizer(fold=True)


@cache
def stemmed_analyzer(lang: str) -> Any:
    """Lowercase, remove stop words, stem in `lang`, then fold accents."""
    return WordTokenizer(fold=False) | stem_folder(lang)
