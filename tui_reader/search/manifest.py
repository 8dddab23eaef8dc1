"""The manifest: which corpus files the index holds, with the signature they had when read.

It lives in SQLite beside the index and is written only after the Whoosh commit that holds the
files' articles, so a process killed in between leaves files that are re-read, never lost ones.
A manifest that cannot be written raises OSError, as any other file of the index would; one
that SQLite finds damaged raises `ManifestUnreadable`, since no other folder would help.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui_reader.corpus import Skipped
from tui_reader.corpus.reasons import PERMISSION_DENIED, VANISHED


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str
    size: int
    mtime_ns: int
    articles: int
    skipped: tuple[Skipped, ...]

    @property
    def retry(self) -> bool:
        """Whether the file was skipped for a reason that may pass without it changing (see
        `Skipped.passing`): it is read again once it can be opened."""
        return any(s.passing for s in self.skipped)


class ManifestUnreadable(Exception):
    """The manifest is missing, damaged or not a manifest (`str(error)` says which)."""


def read_entries(path: Path, check: bool = False) -> dict[str, FileEntry]:
    """The entries of the existing manifest at `path`, read without changing it; raises
    `ManifestUnreadable` when there is none, or when the file is empty or not a manifest (SQLite
    takes an empty file for an empty database). With `check`, every page of the file is checked
    too (SQLite's quick check, about 15 ms at 60,000 files): reading the entries does not read
    the pages of the table's index of paths, which an update writes."""
    if not path.exists():
        raise ManifestUnreadable("its manifest is missing")
    try:
        manifest = Manifest(path, readonly=True)
        try:
            if check:
                manifest.check()
            return manifest.entries()
        finally:
            manifest.close()
    except sqlite3.Error as exc:
        raise ManifestUnreadable(f"its manifest cannot be read ({exc})") from exc


class Manifest:
    def __init__(self, path: Path, readonly: bool = False) -> None:
        self._path = path
        if readonly:
            uri = f"file:{path}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            try:
                self._db = sqlite3.connect(path, check_same_thread=False)
            except sqlite3.Error as exc:
                raise _write_error(exc, path) from exc
            try:
                # The default rollback journal, not WAL: a read-only index directory stays readable.
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER,"
                    " mtime_ns INTEGER, articles INTEGER, skipped TEXT)"
                )
                # SQLite opens a file it may not write read-only without a word, and says so only
                # at the first write: find out now, before the index is changed.
                self._db.execute("DELETE FROM files WHERE 0")
                self._db.commit()
            except sqlite3.Error as exc:
                self._db.close()
                raise _write_error(exc, path) from exc

    def check(self) -> None:
        """Raise `ManifestUnreadable` when SQLite finds a page of the file damaged."""
        try:
            found = self._db.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.Error as exc:
            raise ManifestUnreadable(f"its manifest cannot be read ({exc})") from exc
        if not found or found[0] != "ok":
            raise ManifestUnreadable("its manifest cannot be read (database disk image is malformed)")

    def entries(self) -> dict[str, FileEntry]:
        """Every file the index holds, by path, with what was skipped in it."""
        rows = self._db.execute(
            "SELECT path, size, mtime_ns, articles,"
            " CASE WHEN skipped IN ('[]', '') THEN NULL ELSE skipped END FROM files"
        )
        return {row[0]: FileEntry(row[0], row[1], row[2], row[3], _load_skipped(row[4])) for row in rows}

    def skipped(self) -> list[Skipped]:
        """What was skipped in the files the index holds, and why."""
        rows = self._db.execute("SELECT skipped FROM files WHERE skipped != '[]' AND skipped != ''")
        return [s for (raw,) in rows for s in _load_skipped(raw)]

    def record(self, entries: Iterable[FileEntry]) -> None:
        rows = [(e.path, e.size, e.mtime_ns, e.articles, _dump_skipped(e.skipped)) for e in entries]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise _write_error(exc, self._path) from exc

    def forget(self, paths: Iterable[str]) -> None:
        try:
            with self._db:
                self._db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])
        except sqlite3.Error as exc:
            raise _write_error(exc, self._path) from exc

    def close(self) -> None:
        self._db.close()


# SQLite's primary result codes for a file it cannot write (READONLY, FULL, CANTOPEN), as the
# errno of the OSError that writing a plain file raises.
_WRITE_ERRNO = {8: errno.EACCES, 13: errno.ENOSPC, 14: errno.EACCES}
# ... and for a file that is damaged (CORRUPT, NOTADB): no writable folder would help.
_DAMAGED = (11, 26)


def _write_error(exc: sqlite3.Error, path: Path) -> OSError | ManifestUnreadable:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    if code in _DAMAGED:
        return ManifestUnreadable(f"its manifest cannot be read ({exc})")
    number = _WRITE_ERRNO.get(code, errno.EIO)
    return OSError(number, str(exc), str(path))


# The skips of one file listed one by one; the others are counted in one record.
SKIPS_LISTED = 20


def capped(skipped: Iterable[Skipped], listed: int = SKIPS_LISTED) -> tuple[Skipped, ...]:
    """The skips of one file as they are kept and reported: its warnings, the skips that may pass
    and its first `listed` skips, then one record that counts the others ("and 299,980 more
    lines skipped"), so that a file of bad lines costs later commands nothing."""
    kept: list[Skipped] = []
    more, path = 0, ""
    for item in skipped:
        if item.warning or item.passing:
            kept.append(item)
        elif listed > 0 and item.count == 1:
            kept.append(item)
            listed -= 1
        else:
            more, path = more + item.count, item.path
    if more:
        noun = ("line" if path.lower().endswith(".jsonl") else "item") + ("s" if more > 1 else "")
        kept.append(Skipped(path, f"and {more:,} more {noun} skipped", count=more))
    return tuple(kept)


def _dump_skipped(skipped: tuple[Skipped, ...]) -> str:
    return json.dumps(
        [[s.path, s.reason, s.line, s.passing, *((s.count,) if s.count != 1 else ())] for s in skipped],
        ensure_ascii=False,
    )


def _load_skipped(raw: str | None) -> tuple[Skipped, ...]:
    if not raw:
        return ()
    return tuple(_skipped_rows(json.loads(raw)))


def _skipped_rows(rows: list[list[object]]) -> Iterator[Skipped]:
    for path, reason, line, *more in rows:
        # A manifest written before skips said whether they pass: the two reasons that do.
        passes = more[0] is True if more else reason in (PERMISSION_DENIED, VANISHED)
        count = more[1] if len(more) > 1 and type(more[1]) is int and more[1] > 0 else 1
        yield Skipped(str(path), str(reason), int(line) if isinstance(line, int) else None, passes, count)
