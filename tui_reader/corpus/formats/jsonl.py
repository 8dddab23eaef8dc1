"""JSON Lines (one article per line) and JSON (a list of articles, or one article).

An article is an object with ``text`` (or ``body``), and optionally ``title``, ``date``,
``source``, ``url``, ``lang`` and ``id``. A record that is not valid JSON, not an object, or has
no text (or a text that is not a string) is skipped alone, with its line (JSON Lines) or its
item number (JSON); so is a JSON Lines record over `MAX_ARTICLE_BYTES` (20 MB, the limit of a file
of one article), which is not parsed. A file stops at `MAX_ARTICLES_PER_FILE` articles, the rest
skipped with one reason. A JSON Lines file is read one line at a time, and when
it is UTF-8 without being decoded whole, so that it is held once in memory, not three times.
Dates may be ``YYYY-MM-DD`` or longer ISO timestamps; the date part is kept.

An article's position in a JSON Lines file is its physical line number minus one, blank and bad
lines included, so that fixing or breaking one line changes no other article's id. Lines end in
"\n", "\r\n" or a lone "\r" (which JSON never holds raw inside a record), and a byte order mark
opening a line (files joined end to end) is not part of its record. The ``id``
field is not read: the article id is path and position like every other, so ``id`` may hold
anything. A title that is a number is written out; another metadata field of the wrong type
(``"title": ["a"]``, ``"date": true``) is left out of its article, which is read, and the file
gets one warning for all such fields (see `record.metadata`).

A JSON Lines file is binary when its magic number says so, or when over 1 in 100 of its bytes
are control bytes and fewer than half of its lines look like records (``{`` ... ``}``): a NUL in
one record, or a binary blob pasted among records, costs those lines alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import AnyStr

from tui_reader.corpus.article import Article, Skipped
from tui_reader.corpus.decode import control_heavy, decode, plain_utf8
from tui_reader.corpus.errors import Unreadable
from tui_reader.corpus.formats.limits import MAX_ARTICLES_PER_FILE, MAX_FILE_BYTES
from tui_reader.corpus.reasons import EMPTY, NO_TEXT, article_too_large, too_many_articles
from tui_reader.corpus.record import Digits, Ignored, RawArticle, make_article, metadata

# One record is one article: it has the size limit of a file of one article (.txt, .md), so
# that the 200 MB of a JSON Lines archive are many articles, never one that costs gigabytes to
# normalise and index.
MAX_ARTICLE_BYTES = MAX_FILE_BYTES


def parse_jsonl(relpath: str, data: bytes) -> list[Article | Skipped]:
    """The articles of a JSON Lines file, and the lines skipped in it."""
    if plain_utf8(data):
        try:
            return _parse_lines(relpath, _utf8_lines(data))
        except UnicodeDecodeError:
            pass  # not UTF-8 throughout: the whole file is decoded as one text
    text = decode(data, controls_allowed=control_heavy(data) and _mostly_records(data))
    return _parse_lines(relpath, _text_lines(text))


def _parse_lines(relpath: str, lines: Iterator[str | None]) -> list[Article | Skipped]:
    out: list[Article | Skipped] = []
    ignored = Ignored()
    articles = 0
    for index, line in enumerate(lines):
        if articles >= MAX_ARTICLES_PER_FILE and line is not None and line.strip():
            out.append(Skipped(relpath, too_many_articles(MAX_ARTICLES_PER_FILE), line=index + 1))
            break
        if line is None:
            out.append(Skipped(relpath, article_too_large(MAX_ARTICLE_BYTES), line=index + 1))
            continue
        if line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            continue
        try:
            out.append(_article(relpath, index, _loads(line), ignored, f"line {index + 1}"))
            articles += 1
        except Unreadable as exc:
            out.append(Skipped(relpath, str(exc), line=index + 1))
    return [*out, *ignored.warnings(relpath)] if out else [Skipped(relpath, EMPTY)]


# The lines of a file, one at a time, so that a large file is never held twice: split on "\n",
# "\r\n" and "\r" only (U+2028 and friends are legal inside JSON strings). A line over
# `MAX_ARTICLE_BYTES` is None, without being copied.


def _utf8_lines(data: bytes) -> Iterator[str | None]:
    """The lines of UTF-8 bytes; `UnicodeDecodeError` at the first line that is not UTF-8."""
    for start, end in _line_spans(data, b"\n", b"\r", _BYTES_BREAK):
        yield None if end - start > MAX_ARTICLE_BYTES else data[start:end].decode("utf-8")


def _text_lines(text: str) -> Iterator[str | None]:
    for start, end in _line_spans(text, "\n", "\r", _TEXT_BREAK):
        if end - start > MAX_ARTICLE_BYTES // 4:  # a character is at most 4 bytes of UTF-8
            line = text[start:end]
            yield None if len(line.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES else line
        else:
            yield text[start:end]


_BYTES_BREAK = re.compile(rb"\r\n?|\n")
_TEXT_BREAK = re.compile(r"\r\n?|\n")


def _line_spans(
    data: AnyStr, newline: AnyStr, cr: AnyStr, breaks: re.Pattern[AnyStr]
) -> Iterator[tuple[int, int]]:
    """Where each line of `data` starts and ends (its break left out): `newline` ends a line,
    and where `data` holds a `cr`, whatever `breaks` matches."""
    start = 0
    if cr not in data:
        while start <= len(data):
            end = data.find(newline, start)
            end = len(data) if end < 0 else end
            yield start, end
            start = end + 1
        return
    for found in breaks.finditer(data):
        yield start, found.start()
        start = found.end()
    yield start, len(data)


def _mostly_records(data: bytes) -> bool:
    """True when at least half of the non-blank lines of `data` look like JSON objects."""
    records = lines = start = 0
    while start <= len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].strip()
        if line:
            lines += 1
            records += line.startswith(b"{") and line.endswith(b"}")
        start = end + 1
    return records * 2 >= lines > 0


def parse_json(relpath: str, data: bytes) -> list[Article | Skipped]:
    """The articles of a JSON file holding a list of articles or one article."""
    document = _loads(decode(data))
    ignored = Ignored()
    if isinstance(document, dict):
        return [_article(relpath, 0, document, ignored), *ignored.warnings(relpath)]
    if not isinstance(document, list):
        raise Unreadable("not an article or a list of articles")
    out: list[Article | Skipped] = []
    articles = 0
    for index, item in enumerate(document):
        if articles >= MAX_ARTICLES_PER_FILE:
            out.append(Skipped(relpath, f"item {index + 1}: {too_many_articles(MAX_ARTICLES_PER_FILE)}"))
            break
        try:
            out.append(_article(relpath, index, item, ignored, f"item {index + 1}"))
            articles += 1
        except Unreadable as exc:
            out.append(Skipped(relpath, f"item {index + 1}: {exc}"))
    return [*out, *ignored.warnings(relpath)] if out else [Skipped(relpath, EMPTY)]


def _loads(source: str) -> object:
    try:
        return json.loads(source, parse_int=_integer)
    except json.JSONDecodeError as exc:
        # The line is the file's (JSON) or always 1 (a JSON Lines record, located by its caller).
        raise Unreadable(f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise Unreadable("invalid JSON: nested too deeply") from None


def _integer(digits: str) -> int | Digits:
    """A JSON integer; its digits as text when it has more than Python converts (4,300 by
    default): an `id` is not read, a `title` is written out, and the record is read."""
    try:
        return int(digits)
    except ValueError:
        return Digits(digits)


def _article(relpath: str, position: int, record: object, ignored: Ignored, where: str = "") -> Article:
    if not isinstance(record, dict):
        raise Unreadable("not a JSON object")
    text = record.get("text")
    if text is None or text == "":
        text = record.get("body")
    if text is None:
        raise Unreadable(NO_TEXT)
    if not isinstance(text, str) or isinstance(text, Digits):
        raise Unreadable("text is not a string")
    # Fields of the wrong type are counted only once the record is known to be an article.
    ignored_here = Ignored()
    raw = RawArticle(text=text, **metadata(record, ignored_here, where))
    article = make_article(relpath, position, raw)
    if article is None:
        raise Unreadable(NO_TEXT)
    ignored.merge(ignored_here)
    return article
