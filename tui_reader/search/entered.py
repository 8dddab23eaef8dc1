"""A query as entered (enter in the reader's search line, `briefread search`): what the list
showed while it was typed stays found. A quote left open is closed; a phrase that no article has
as written is searched with its last word the start of a word (`"premier min`), or without that
word when it has one or two letters; and a last word that no article has as written (`Obam`,
which only the French stem of "Obama" matches) is also read as the start of a word. Each change
is said in the note."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_reader.search.library import Library
    from tui_reader.search.results import SearchResults

# A last word long enough to read as the start of one (`config*` needs as many letters).
PREFIX_MIN = 3
LAST_WORD = re.compile(r"(?:^|(?<=[\s(]))([^\W_]+)$")
OPERATORS = {"AND", "OR", "NOT", "TO"}

# A filter's name right before an opening quote (`org:"`), and a negation before a phrase or a
# filter (`-`, `NOT `).
FIELD_BEFORE_QUOTE = re.compile(r'(?:^|(?<=[\s(-]))[^\W\d_]+:(?="$)')
NEGATION_END = re.compile(r"(?:^|(?<=[\s(]))(?:-|NOT[ \t]+)$")

# (query, the query as typed) -> results
Search = Callable[[str, str], "SearchResults"]


def as_you_type(query: str) -> str:
    """`query` with its last word also matched as a prefix, so the list narrows while the word is
    being typed: `qat` searches `(qat OR qat*)` (the word itself keeps its cross-language entity
    matches). A trailing space, quotes, a field filter or a short word leave the query as it is."""
    word = prefix_word(query)
    if word is None:
        return query
    return f"{query[: len(query) - len(word)]}({word} OR {word}*)"


def prefix_word(query: str) -> str | None:
    """The last word of `query`, when `as_you_type` also reads it as a prefix."""
    if query.count('"') % 2 or _in_open_range(query):
        return None
    match = LAST_WORD.search(query)
    if match is None:
        return None
    word = match.group(1)
    if len(word) < PREFIX_MIN or word in OPERATORS:
        return None
    return word


def _in_open_range(query: str) -> bool:
    """Whether `query` ends inside a range whose bracket is not closed (`date:[2008 TO 2009`):
    its last word is the range's end, which a prefix would break."""
    opened = max(query.rfind("["), query.rfind("{"))
    return opened >= 0 and max(query.rfind("]"), query.rfind("}")) < opened


def short_last_word(text: str) -> str | None:
    """The last word of `text` when it is too short to search as a prefix and follows words."""
    match = LAST_WORD.search(text)
    if match is None or not text[: match.start()].strip():
        return None
    word = match.group(1)
    return word if len(word) < PREFIX_MIN and word not in OPERATORS else None


@dataclass(frozen=True, slots=True)
class ClosedPhrase:
    """An open quote closed (`phrase`); the same with its last word a prefix (`prefixed`: None for
    a negated phrase, or a last word too short or no word); and for a last word too short, the
    phrase without it (`shorter`: None when nothing is left, or negated)."""

    phrase: str
    prefixed: str | None
    shorter: str | None
    quoted: str = ""  # the phrase alone, in its quotes (`phrase` is the whole query)


def closed_phrase(text: str) -> ClosedPhrase | None:
    """`text` with the quote it leaves open closed (a phrase being typed when enter came); None
    when no phrase is open, or the open quote is a filter's value (mended as any query is)."""
    if not text.count('"') % 2:
        return None
    opened = text.rindex('"')
    if FIELD_BEFORE_QUOTE.search(text[: opened + 1]) is not None:
        return None
    before, words = text[:opened], text[opened + 1 :].split()
    if not words:
        return None
    phrase = f'{before}"{" ".join(words)}"'
    last = words[-1]
    negated = NEGATION_END.search(before) is not None
    prefixed = f'{before}"{" ".join(words)}*"' if prefix_word(last) == last and not negated else None
    short = len(last) < PREFIX_MIN and LAST_WORD.fullmatch(last) is not None
    shorter = f'{before}"{" ".join(words[:-1])}"' if short and len(words) > 1 and not negated else None
    return ClosedPhrase(phrase, prefixed, shorter, f'"{" ".join(words)}"')


@dataclass(frozen=True, slots=True)
class Entered:
    results: SearchResults
    searched: tuple[str, str]  # what was searched, and the text read as typed (see `Library.search`)
    note: str  # what the search changed and found, then the query's own notes


def search_entered(
    library: Library, query: str, search: Search, cancelled: Callable[[], bool] = lambda: False
) -> Entered:
    """`query` searched as entered, with `search` (see the module's text)."""
    closed = closed_phrase(query)
    if closed is not None:
        return _closed(closed, search, cancelled)
    searched = (query, query)
    results = search(*searched)
    widened = ""
    short = short_last_word(query)
    if short is not None and not results.total and not results.fallback and not cancelled():
        # "Maroc co": what typing listed, the query without its short last word
        rest = query[: len(query) - len(short)].rstrip()
        found = search(rest, rest)
        if found.total:
            note = (
                f"No article has {query!r}: listed {rest!r} (a last word of {PREFIX_MIN - 1} letters "
                "or fewer is not read as the start of a word)."
            )
            return Entered(found, (rest, rest), " ".join(n for n in (note, found.fallback) if n))
    word = prefix_word(query)
    if (
        word is not None
        and not results.fallback
        and not cancelled()
        and (not results.total or not (library.parse(query).entity_ids or library.has_word(word)))
    ):
        as_prefix = (as_you_type(query), query)
        found = search(*as_prefix)
        if found.total > results.total:
            results, searched = found, as_prefix
            widened = f"No article has the word {word!r}: these have words that start with it ({word}*)."
    return Entered(results, searched, widened or results.fallback)


def _closed(closed: ClosedPhrase, search: Search, cancelled: Callable[[], bool]) -> Entered:
    phrase = closed.phrase
    searched = (phrase, phrase)
    results = search(*searched)
    note = f"The quote was not closed: searched {phrase}."
    wider = closed.prefixed or closed.shorter
    if wider is not None and not results.total and not cancelled():
        found = search(wider, wider)
        if found.total:
            results, searched = found, (wider, wider)
            quoted = closed.quoted or phrase
            if closed.prefixed is not None:
                note = (
                    f"No article has the phrase {quoted}: these have it with words that start "
                    f"with its last word ({wider})."
                )
            else:
                note = (
                    f"No article has the phrase {quoted}: listed {wider} (a last word of "
                    f"{PREFIX_MIN - 1} letters or fewer is not read as the start of a word)."
                )
    return Entered(results, searched, " ".join(n for n in (note, results.fallback) if n))
