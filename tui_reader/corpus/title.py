"""Titles: the one given in the metadata, else the first sentence of the text, shortened."""

from __future__ import annotations

import re

from tui_reader.corpus.normalize import clean_line

TITLE_MAX_CHARS = 100  # a title made from the text
GIVEN_TITLE_MAX_CHARS = 200  # a title from the metadata, which an author meant to be whole
ELLIPSIS = "\u2026"

# Words that end with a full stop without ending the sentence (lowercased, without the stop).
_ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle mlles mgr me dr pr prof st ste sts stes av apr env cf réf vol chap
    art al ex p pp éd coll dir gén col cdt lt sgt capt gov sen rep rev mr mrs ms messrs jr sr
    inc ltd co corp bros vs no nos nr fig approx dept univ mt ft jan feb febr mar apr jun jul
    aug sep sept oct nov dec janv févr avr juil déc
    """.split()
)
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u00bb\u201d\u2019)\]]*(?=\s)")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "U.S", "J.-C" without the last stop
_NEXT_CHAR = re.compile(r"\s*(\S?)")
_OPENERS = "\"'(\u00ab\u201c\u2018["
_CLOSERS = "\u00bb\u201d)]"  # after a space, as French typography sets "»"
_TRIM_BEFORE_ELLIPSIS = " ,;:-\u2013\u2014(\u00ab\u201c\"'"


def make_title(given: str, text: str) -> str:
    """The article's title: `given` cleaned when it has any text, else made from `text`.

    `text` must already be normalised (see `clean_text`).
    """
    title = clean_line(given)
    if title:
        return shorten(title, GIVEN_TITLE_MAX_CHARS)
    # A sentence ending further on would be cut to the same title: look no further.
    first_paragraph = text[: 4 * TITLE_MAX_CHARS].split("\n\n", 1)[0]
    # Never empty: a text that is only "." keeps its stop as title.
    return shorten(first_sentence(first_paragraph) or first_paragraph, TITLE_MAX_CHARS)


def first_sentence(paragraph: str) -> str:
    """The paragraph up to the end of its first sentence, without a final full stop.

    A full stop after an abbreviation ("M.", "Dr.", "Mme.") or initials ("J.", "U.S."), or one
    followed by a lowercase word, does not end the sentence; the stop in "3.5" is not followed
    by a space, so it never does.
    """
    for match in _SENTENCE_END.finditer(paragraph):
        following = _next_char(paragraph, match.end())
        if not following:
            break
        if following.islower():
            continue
        if match.group().startswith(".") and _is_abbreviation(paragraph, match.start()):
            continue
        if following in _CLOSERS:
            closer = paragraph.index(following, match.end())
            if _next_char(paragraph, closer + 1).islower():
                continue
            return paragraph[: closer + 1]
        return _drop_final_stop(paragraph[: match.end()])
    return _drop_final_stop(paragraph)


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(_TRIM_BEFORE_ELLIPSIS) + ELLIPSIS


def _next_char(text: str, start: int) -> str:
    """The first character at or after `start` that is not white space, or ""."""
    match = _NEXT_CHAR.match(text, start)
    return match.group(1) if match is not None else ""


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the word just before the full stop at `stop` is an abbreviation or initials."""
    word = text[text.rfind(" ", 0, stop) + 1 : stop].lstrip(_OPENERS)
    if not word:
        return False
    if word.lower() in _ABBREVIATIONS:
        return True
    return word[0].isupper() and _INITIALS.fullmatch(word) is not None


def _drop_final_stop(sentence: str) -> str:
    sentence = sentence.rstrip()
    if sentence.endswith(".") and not sentence.endswith("..."):
        if not _is_abbreviation(sentence, len(sentence) - 1):
            return sentence[:-1]
    return sentence
