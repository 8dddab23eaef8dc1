"""The records a corpus is read into."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from tui_reader.corpus.reasons import is_warning


def article_id(relpath: str, position: int) -> str:
    """A stable id from the file's path inside the corpus and the article's position in it.

    Marks and bookmarks are keyed by this id, so it must not depend on content or run order.
    """
    digest = hashlib.blake2b(f"{relpath}\x00{position}".encode(), digest_size=8).hexdigest()
    return digest


@dataclass(frozen=True, slots=True)
class Article:
    """One brief, normalised: `text` is NFC, white space collapsed inside lines, paragraphs
    separated by one blank line, and no control characters. Offsets into `text` stay valid for
    everything stored about it (entity spans, match offsets)."""

    id: str
    path: str  # posix path relative to the corpus root
    position: int  # index of the article inside its file (0 for one-article files)
    title: str
    text: str
    date: str = ""  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; the precision is the length
    lang: str = "und"  # ISO 639-1 code, or "und" when unknown
    source: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or one line of a .jsonl file) that was not read, and why; or, when `warning`, a
    file whose articles were read with something in it ignored, and what. `passing` when the
    reason is no matter of the file's content and may pass without the file changing (permission
    denied, the file moved away, a read error): the file is then tried again at the next update
    instead of being remembered as skipped. `count`: how many lines or items of the file this
    one record stands for (a file's skips past the first few are kept as one, see
    `search.manifest.capped`)."""

    path: str
    reason: str
    line: int | None = None
    passing: bool = field(default=False, compare=False)
    count: int = field(default=1, compare=False)

    @property
    def warning(self) -> bool:
        """True when the file's articles were read: this is no skip, but a warning."""
        return is_warning(self.reason)

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class FileReading:
    """What reading one corpus file produced: its articles and what was skipped in it."""

    path: str
    articles: list[Article]
    skipped: list[Skipped]
