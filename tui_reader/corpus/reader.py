"""Reading one corpus file into articles.

`read_file` never raises for a bad file: every problem becomes a `Skipped` with its reason. It
reads nothing outside the corpus root, whatever links or ``..`` the path holds, and opens files
without blocking, so a FIFO is reported instead of hanging the reader.
"""

from __future__ import annotations

import errno
import os
import stat
from functools import lru_cache
from pathlib import Path, PurePosixPath

from tui_reader.corpus.article import Article, FileReading, Skipped
from tui_reader.corpus.errors import Unreadable
from tui_reader.corpus.formats import FORMATS, Format
from tui_reader.corpus.reasons import (
    NOT_REGULAR,
    OUTSIDE,
    PERMISSION_DENIED,
    SYMLINK_LOOP,
    VANISHED,
    could_not_read,
    too_large,
    unsupported,
)

_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def read_file(root: Path, relpath: str) -> FileReading:
    """Read the file at `relpath` (posix, relative to `root`) into articles and skips.

    Never raises for a bad file: a file that cannot be read at all gives one `Skipped` with the
    reason; a record that cannot be read inside a file gives a `Skipped` with its line. The
    result depends only on the file's content and path, but for a file the system would not let
    us read (a `Skipped` that is `passing`).
    """
    try:
        items = _read(root, relpath)
    except Unreadable as exc:
        items = [Skipped(relpath, str(exc), line=exc.line, passing=exc.passing)]
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a 100k-file index
        items = [Skipped(relpath, could_not_read(type(exc).__name__))]
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, Skipped)]
    return FileReading(relpath, articles, skipped)


def _read(root: Path, relpath: str) -> list[Article | Skipped]:
    suffix = PurePosixPath(relpath).suffix.lower()
    file_format = FORMATS.get(suffix)
    if file_format is None:
        raise Unreadable(unsupported(suffix))
    path = _inside(root, relpath)
    return file_format.parse(relpath, _read_bytes(path, file_format))


def _inside(root: Path, relpath: str) -> str:
    """The real path of `relpath` under `root`; `Unreadable` when it leads outside the root."""
    parts = PurePosixPath(relpath).parts
    if not parts or PurePosixPath(relpath).is_absolute() or ".." in parts:
        raise Unreadable(OUTSIDE)
    real_root = _real_root(os.fspath(root))
    path = real_root
    try:
        # One lstat per component of the relative path; a full resolution only past a link.
        for part in parts:
            path = os.path.join(path, part)
            if stat.S_ISLNK(os.lstat(path).st_mode):
                path = os.path.realpath(os.path.join(real_root, relpath), strict=True)
                break
    except OSError as exc:
        raise Unreadable(_reason(exc), passing=True) from None
    if os.path.commonpath((real_root, path)) != real_root:
        raise Unreadable(OUTSIDE)
    return path


@lru_cache(maxsize=16)
def _real_root(root: str) -> str:
    return os.path.realpath(root)


def _read_bytes(path: str, file_format: Format) -> bytes:
    limit = file_format.max_bytes
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise Unreadable(_reason(exc), passing=True) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(NOT_REGULAR)
        if status.st_size > limit:
            raise Unreadable(too_large(limit))
        with open(fd, "rb", closefd=False) as file:
            # What was stat'ed, not a buffer of the limit's size (200 MB for a .jsonl); one byte
            # more tells a file that grew since, read on up to one byte more than the limit.
            data = file.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += file.read(limit + 1 - len(data))
    except OSError as exc:
        raise Unreadable(_reason(exc), passing=True) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unreadable(too_large(limit))
    return data


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return VANISHED
    if isinstance(error, PermissionError):
        return PERMISSION_DENIED
    if isinstance(error, IsADirectoryError):
        return NOT_REGULAR
    if error.errno == errno.ELOOP:
        return SYMLINK_LOOP
    return could_not_read(error.strerror or type(error).__name__)
