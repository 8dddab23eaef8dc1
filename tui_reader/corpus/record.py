"""From the fields a format found to a normalised `Article`."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui_reader.corpus.article import Article, Skipped, article_id
from tui_reader.corpus.dates import parse_date, why_undated
from tui_reader.corpus.language import SAMPLE_CHARS, detect_language, language_tag
from tui_reader.corpus.normalize import clean_line, clean_text
from tui_reader.corpus.reasons import DATE_IGNORED, FIELD_IGNORED, ignored
from tui_reader.corpus.title import make_title

# Only web links are kept: the UI may make the url clickable, and a file: or javascript: url
# from an untrusted article must not be.
_WEB_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article's fields as a format found them, before normalisation."""

    text: str
    title: str = ""
    date: object = None  # a header string, or whatever YAML or JSON gave
    lang: object = None
    source: str = ""
    url: str = ""


class Ignored:
    """What was left out of a file's articles (fields of the wrong type, dates that are none),
    reported as one warning on the file for each kind: the first, where it was, how many more."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[str, int]] = {}  # kind: (the first, with where; how many)

    def add(self, why: str, where: str = "", kind: str = FIELD_IGNORED) -> None:
        first, count = self._found.get(kind, (f"{why} ({where})" if where else why, 0))
        self._found[kind] = (first, count + 1)

    def date(self, value: object, where: str = "") -> None:
        """Adds why a date given in the file gives none, if it does."""
        why = why_undated(value)
        if why:
            self.add(why, where, DATE_IGNORED)

    def merge(self, other: Ignored) -> None:
        for kind, (first, count) in other._found.items():
            mine = self._found.get(kind, (first, 0))
            self._found[kind] = (mine[0], mine[1] + count)

    def warnings(self, relpath: str) -> list[Skipped]:
        return [
            Skipped(relpath, ignored(kind, first, count - 1)) for kind, (first, count) in self._found.items()
        ]


class Digits(str):
    """A whole number too long for Python to convert (more than 4,300 digits by default), kept as
    it is written: a number where a number may stand (written out as a title), not text where
    text must stand (a text, a language)."""

    __slots__ = ()


def metadata(fields: Mapping[Any, object], ignored: Ignored, where: str = "") -> dict[str, Any]:
    """The metadata of `RawArticle` from a record's or a front matter's fields.

    ``title``, ``source`` and ``url`` are text, a number being written out (``"title": 2024``);
    ``date`` is text or a whole number (a year), or a date an explicit YAML tag made; ``lang`` is
    text. A field of another type (a
    list, a mapping, true) is left out, and added to `ignored`; a missing or null one is absent. A
    date that is none (``2025-02-30``) is added to `ignored` too.
    """
    out: dict[str, Any] = {}
    for name in ("title", "source", "url"):
        value = _text_or_number(fields.get(name))
        if value is None:
            ignored.add(f"{name} is not text or a number", where)
        out[name] = value or ""
    date = fields.get("date")
    if date is not None and (isinstance(date, bool) or not isinstance(date, str | int | dt.date)):
        ignored.add("date is not text or a whole number", where)
        date = None
    ignored.date(date, where)
    lang = fields.get("lang")
    if lang is not None and (not isinstance(lang, str) or isinstance(lang, Digits)):
        ignored.add("lang is not text", where)
        lang = None
    return {**out, "date": date, "lang": lang}


def _text_or_number(value: object) -> str | None:
    """A value as text: "" when absent, None when it is neither text nor a finite number."""
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)  # a plain str, also for `Digits`
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value) if isinstance(value, int) or math.isfinite(value) else None
    return None


def make_article(relpath: str, position: int, raw: RawArticle) -> Article | None:
    """The normalised article, or None when no text is left once normalised."""
    text = clean_text(raw.text)
    if not text:
        return None
    title = make_title(raw.title, text)
    url = clean_line(raw.url)
    return Article(
        id=article_id(relpath, position),
        path=relpath,
        position=position,
        title=title,
        text=text,
        date=parse_date(raw.date),
        lang=language_tag(raw.lang) or detect_language(_with_title(raw.title, text)),
        source=clean_line(raw.source),
        url=url if _WEB_URL.fullmatch(url) else "",
    )


def _with_title(given_title: str, text: str) -> str:
    """The text to detect the language of: a title made from the text would count its first
    sentence twice, a given one adds words."""
    return f"{given_title}\n\n{text[:SAMPLE_CHARS]}" if given_title else text
