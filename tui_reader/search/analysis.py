"""Analyzers: per-language stemming, then accent folding, so every search ignores case and accents.

Stemming runs before folding because the Snowball stemmers expect the accents ("élections" ->
"élect" -> "elect"); folding first would make them stem a different word. Each analyzer is two
stages (a tokenizer that lowercases, and one filter), because in pure Python every stage of a
Whoosh chain costs time on every token of every article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

STEMMED_LANGUAGES = ("fr", "en")
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


class StemFoldFilter(Filter):  # type: ignore[misc]
    """Drop stop words, stem, then fold accents, in one stage with a plain dict as stem cache."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stops = frozenset(stopwords_for_language(lang)) if has_stopwords(lang) else frozenset()
        self.stem = stemmer_for_language(lang) if has_stemmer(lang) else None
        self.cache: dict[str, str] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StemFoldFilter) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("StemFoldFilter", self.lang))

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        stops, cache, stem = self.stops, self.cache, self.stem
        for token in tokens:
            text = token.text
            if text in stops or len(text) < 2:
                if token.removestops:
                    continue
                token.stopped = True
                yield token
                continue
            folded = cache.get(text)
            if folded is None:
                folded = (stem(text) if stem else text).translate(accent_map)
                if len(cache) >= STEM_CACHE:
                    cache.clear()
                cache[text] = folded
            token.text = folded
            yield token


def _fold(text: str) -> str:
    return text.translate(accent_map)


@cache
def folded_analyzer() -> Any:
    """Lowercase and fold accents, no stop words and no stemming: for phrases and exact words."""
    return WordTokenizer(fold=True)


@cache
def stemmed_analyzer(lang: str) -> Any:
    """Lowercase, remove stop words, stem in `lang`, then fold accents."""
    return WordTokenizer(fold=False) | StemFoldFilter(lang)
