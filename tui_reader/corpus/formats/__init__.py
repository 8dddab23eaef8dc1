"""The file formats a corpus may hold, by file name suffix.

Each format reads a file's bytes into articles and what it skipped inside the file; a problem
with the whole file is raised as `Unreadable`. `max_bytes` bounds what is read, so that a
stray multi-gigabyte file costs a skip, not the reader's memory (see `limits`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui_reader.corpus.article import Article, Skipped
from tui_reader.corpus.formats.jsonl import parse_json, parse_jsonl
from tui_reader.corpus.formats.limits import MAX_COLLECTION_BYTES, MAX_FILE_BYTES
from tui_reader.corpus.formats.markdown import parse_markdown
from tui_reader.corpus.formats.txt import parse_txt

__all__ = ["FORMATS", "MAX_COLLECTION_BYTES", "MAX_FILE_BYTES", "SUFFIXES", "Format", "Parse"]

Parse = Callable[[str, bytes], list[Article | Skipped]]


@dataclass(frozen=True, slots=True)
class Format:
    """How to read one kind of corpus file."""

    parse: Parse
    max_bytes: int


FORMATS: dict[str, Format] = {
    ".txt": Format(parse_txt, MAX_FILE_BYTES),
    ".md": Format(parse_markdown, MAX_FILE_BYTES),
    ".markdown": Format(parse_markdown, MAX_FILE_BYTES),
    ".json": Format(parse_json, MAX_FILE_BYTES),
    ".jsonl": Format(parse_jsonl, MAX_COLLECTION_BYTES),
    ".ndjson": Format(parse_jsonl, MAX_COLLECTION_BYTES),
}
SUFFIXES = frozenset(FORMATS)
