"""JSON Lines (one article per line) and JSON (a list of articles, or one article).

An article is an object with ``text`` (or ``body``), and optionally ``title``, ``date``,
``source``, ``url``, ``lang`` and ``id``. A record that is not valid JSON, not an object, has a
field of the wrong type or has no text is skipped alone, with its line (JSON Lines) or its item
number (JSON). Dates may be ``YYYY-MM-DD`` or longer ISO timestamps; the date part is kept.

An article's position in a JSON Lines file is its physical line number minus one, blank and bad
lines included, so that fixing or breaking one line changes no other article's id. The ``id``
field is checked but not used for the article id, which is path and position like every other.

A JSON Lines file is binary when its magic number says so, or when over 1 in 100 of its bytes
are control bytes and fewer than half of its lines look like records (``{`` ... ``}``): a NUL in
one record, or a binary blob pasted among records, costs those lines alone.
"""

from __future__ import annotations

import json

from tui_reader.corpus.article import Article, Skipped
from tui_reader.corpus.decode import control_heavy, decode
from tui_reader.corpus.errors import Unreadable
from tui_reader.corpus.reasons import EMPTY, NO_TEXT
from tui_reader.corpus.record import RawArticle, make_article

_TEXT_FIELDS = ("title", "source", "url", "lang")


def parse_jsonl(relpath: str, data: bytes) -> list[Article | Skipped]:
    """The articles of a JSON Lines file, and the lines skipped in it."""
    out: list[Article | Skipped] = []
    text = decode(data, controls_allowed=control_heavy(data) and _mostly_records(data))
    # Split on "\n" only: U+2028 and friends are legal inside JSON strings.
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        try:
            out.append(_article(relpath, index, _loads(line)))
        except Unreadable as exc:
            out.append(Skipped(relpath, str(exc), line=index + 1))
    return out or [Skipped(relpath, EMPTY)]


def _mostly_records(data: bytes) -> bool:
    """True when at least half of the non-blank lines of `data` look like JSON objects."""
    records = lines = 0
    for raw in data.split(b"\n"):
        line = raw.strip()
        if line:
            lines += 1
            records += line.startswith(b"{") and line.endswith(b"}")
    return records * 2 >= lines > 0


def parse_json(relpath: str, data: bytes) -> list[Article | Skipped]:
    """The articles of a JSON file holding a list of articles or one article."""
    document = _loads(decode(data))
    if isinstance(document, dict):
        return [_article(relpath, 0, document)]
    if not isinstance(document, list):
        raise Unreadable("not an article or a list of articles")
    out: list[Article | Skipped] = []
    for index, item in enumerate(document):
        try:
            out.append(_article(relpath, index, item))
        except Unreadable as exc:
            out.append(Skipped(relpath, f"item {index + 1}: {exc}"))
    return out or [Skipped(relpath, EMPTY)]


def _loads(source: str) -> object:
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        # The line is the file's (JSON) or always 1 (a JSON Lines record, located by its caller).
        raise Unreadable(f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except ValueError:  # the only other failure of json.loads: an integer too long to convert
        raise Unreadable("invalid JSON: a number too long to read") from None
    except RecursionError:
        raise Unreadable("invalid JSON: nested too deeply") from None


def _article(relpath: str, position: int, record: object) -> Article:
    if not isinstance(record, dict):
        raise Unreadable("not a JSON object")
    text = record.get("text")
    if text is None or text == "":
        text = record.get("body")
    if text is None:
        raise Unreadable(NO_TEXT)
    if not isinstance(text, str):
        raise Unreadable("text is not a string")
    fields = {name: record.get(name) for name in _TEXT_FIELDS}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise Unreadable(f"{name} is not a string")
    date = record.get("date")
    if date is not None and (isinstance(date, bool) or not isinstance(date, str | int)):
        raise Unreadable("date is not a string")
    identifier = record.get("id")
    if identifier is not None and (isinstance(identifier, bool) or not isinstance(identifier, str | int)):
        raise Unreadable("id is not a string or a number")
    raw = RawArticle(
        text=text,
        title=fields["title"] or "",
        date=date,
        lang=fields["lang"],
        source=fields["source"] or "",
        url=fields["url"] or "",
    )
    article = make_article(relpath, position, raw)
    if article is None:
        raise Unreadable(NO_TEXT)
    return article
