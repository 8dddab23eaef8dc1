"""Why a file, or a record in it, was skipped: the texts of `Skipped.reason`.

Kept in one place so that the walk and the reader say the same thing, and so that callers can
compare a reason with these names rather than with a copy of the text.

A warning is a `Skipped` too, whose reason starts with one of `WARNINGS`: the file's articles
were read, and part of what it holds was ignored (its front matter, a date, a field). It is
reported as a warning, not counted as skipped; the reason alone says which it is, so that it
stays one when it is stored and read back.
"""

from __future__ import annotations

FRONT_MATTER_IGNORED = "front matter ignored"
FIELD_IGNORED = "field ignored"
DATE_IGNORED = "date ignored"
WARNINGS = (FRONT_MATTER_IGNORED, FIELD_IGNORED, DATE_IGNORED)
_IGNORED_NOUNS = {FIELD_IGNORED: "field", DATE_IGNORED: "date"}

EMPTY = "empty"  # no text once the header, front matter and white space are gone
NO_TEXT = "no text"  # a JSON record with no text
BINARY = "binary file"
UNDECODABLE = "undecodable: not UTF-8 and no plausible text encoding"
NOT_REGULAR = "not a regular file"  # a folder, FIFO, socket or device where a file was expected
VANISHED = "file vanished"  # deleted or moved between the scan and the read
PERMISSION_DENIED = "permission denied"
OUTSIDE = "links outside the corpus"
SYMLINK_LOOP = "symlink loop"
BROKEN_LINK = "broken link"
BAD_NAME = "file name is not valid UTF-8 or holds control characters"
NO_ROOT = "corpus folder not found"


def is_warning(reason: str) -> bool:
    """True when `reason` is a warning's: the article was read, something in its file ignored."""
    return reason.startswith(tuple(f"{kind}: " for kind in WARNINGS))


def front_matter_ignored(why: str) -> str:
    """The front matter of a Markdown file was not read (the article was)."""
    return f"{FRONT_MATTER_IGNORED}: {why}"


def ignored(kind: str, why: str, more: int = 0) -> str:
    """Something left out of an article that was read: a metadata field of the wrong type
    (`FIELD_IGNORED`), a date that is none (`DATE_IGNORED`); `more` counts the others of the same
    kind left out in the same file."""
    if not more:
        return f"{kind}: {why}"
    return f"{kind}: {why}; {more} more {_IGNORED_NOUNS[kind]}{'s' if more > 1 else ''} ignored in the file"


def unsupported(suffix: str) -> str:
    """A file whose type is not a corpus format."""
    return f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"


def too_large(limit: int) -> str:
    """A file over its format's size limit (in bytes)."""
    return f"larger than the {limit // 1_000_000} MB limit"


def article_too_large(limit: int) -> str:
    """One record of a JSON Lines file over the size limit of an article file (in bytes)."""
    return f"article over the {limit // 1_000_000} MB limit"


def too_many_articles(limit: int) -> str:
    """A JSON or JSON Lines file holding more articles than one file may (the rest is not read)."""
    return (
        f"more than {limit:,} articles in one file: the rest was not read (split the file to read them all)"
    )


def could_not_read(detail: str) -> str:
    """Any other failure to read a file, with the system's word for it."""
    return f"could not be read ({detail})"


def could_not_list(detail: str) -> str:
    """Any other failure to list a folder, with the system's word for it."""
    return f"folder could not be listed ({detail})"
