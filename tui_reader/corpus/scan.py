"""Walking a corpus folder: which files hold articles, in a stable order.

- Names starting with ``.`` (hidden files and folders) are ignored silently: version control,
  editor and system files are not articles and not worth a report.
- The usual repository files are ignored silently too, so a corpus can carry notes about itself:
  ``README``, ``LICENSE``, ``LICENCE``, ``COPYING`` and ``CHANGELOG``, alone or with one
  extension (``README.md``, ``licence.txt``), in any case and at any level. The whole name is
  compared, not its first letters: ``licences-de-peche.txt`` or ``README.fr.md`` is read like
  any other file, since an article lost without a word is worse than a note read as one.
- Reported as `Skipped`: files of an unsupported type, anything that is not a regular file
  (FIFO, socket, device), folders that cannot be listed, and names that are not valid UTF-8 or
  hold control characters (their reported path has U+FFFD in place of those characters).
- Symbolic links are followed only inside the corpus, and every file and folder is listed
  once, by real path. A link whose target lies outside the corpus root is not followed
  ("links outside the corpus"); a broken link or a loop of links is reported. A file or folder
  that the walk reaches without links is listed under its own path, and links to it are
  reported as duplicates; a target that only links reach (inside a hidden folder, say) is
  listed under the first of its link paths in sorted order. A link to a folder that holds it
  is reported as a loop, so no walk runs forever.
- Files over their format's size limit are listed; reading them says why they are skipped.
- Folders the caller names as not part of the corpus (briefread's own index and state, when
  they lie inside it) are left out silently, whether the walk or a link reaches them.

The listing is sorted by path, and the same tree always gives the same listing.
"""

from __future__ import annotations

import errno
import heapq
import os
import re
import stat
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from tui_reader.corpus.article import Skipped
from tui_reader.corpus.formats import SUFFIXES
from tui_reader.corpus.reasons import (
    BAD_NAME,
    BROKEN_LINK,
    NO_ROOT,
    NOT_REGULAR,
    OUTSIDE,
    PERMISSION_DENIED,
    SYMLINK_LOOP,
    could_not_list,
    unsupported,
)

IGNORED_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog"})

_BAD_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found in the corpus: `path` is posix and relative to the corpus root."""

    path: str
    size: int
    mtime_ns: int


def scan(root: Path, exclude: Collection[Path] = ()) -> Iterator[SourceFile | Skipped]:
    """Every corpus file under `root`, sorted by path, or a `Skipped` saying why it is not one;
    nothing inside the folders in `exclude`.

    Never raises: a missing root gives one `Skipped` with the path ``"."``.
    """
    yield from _Walk(root, exclude).run()


class _Walk:
    def __init__(self, root: Path, exclude: Collection[Path] = ()) -> None:
        self.root = os.path.realpath(root)
        # Real paths relative to the root of the folders left out (the root itself never is).
        self.excluded = frozenset(_inside(self.root, os.path.realpath(folder)) for folder in exclude) - {""}
        self.found: list[SourceFile | Skipped] = []
        # Real paths relative to the root, each with the path it is listed under.
        self.real_files: dict[str, str] = {}
        self.real_folders: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []  # a heap of (listed path, path on disk)
        # Files with other hard links: (device, inode) -> their indexes in `found`.
        self.linked: dict[tuple[int, int], list[int]] = {}

    def run(self) -> list[SourceFile | Skipped]:
        if not os.path.isdir(self.root):
            return [Skipped(".", NO_ROOT)]
        self._walk(self.root, "", "")
        # Links are followed once the plain walk is done, so that what it reaches keeps its own
        # path; in path order, and links found inside linked folders join the queue.
        while self.links:
            self._follow(*heapq.heappop(self.links))
        self._one_name_per_file()
        self.found.sort(key=_path)
        return self.found

    def _one_name_per_file(self) -> None:
        """A file with several hard links in the corpus is read under its first path in order;
        the others are skipped as the same file, as a symbolic link to it is."""
        read_as: dict[str, str] = {}  # a path skipped here -> the path the file is read under
        for indexes in self.linked.values():
            if len(indexes) < 2:
                continue
            first = min(self.found[i].path for i in indexes)
            for i in indexes:
                path = self.found[i].path
                if path != first:
                    self.found[i] = Skipped(path, f"same file as {first}")
                    read_as[path] = first
        if not read_as:
            return
        for i, item in enumerate(self.found):
            # a symbolic link to one of those paths: the same file as the path it is read under
            if isinstance(item, Skipped) and item.reason.startswith(_SAME_FILE):
                target = read_as.get(item.reason[len(_SAME_FILE) :])
                if target is not None:
                    self.found[i] = Skipped(item.path, f"{_SAME_FILE}{target}")

    def _walk(self, folder: str, listed: str, real: str) -> None:
        """List `folder` (on disk) under the listed path `listed`; `real` is its real path
        relative to the root."""
        pending = [(folder, listed, real)]
        while pending:
            folder, listed, real = pending.pop()
            self.real_folders[real] = listed
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=_name)
            except (FileNotFoundError, NotADirectoryError):
                continue  # removed while walking: nothing to list
            except OSError as exc:
                self.found.append(Skipped(listed or ".", _folder_reason(exc)))
                continue
            # One search of the folder's names, and each name's only when one is bad.
            any_bad = _BAD_NAME.search("/".join(map(_name, entries))) is not None
            listed_in = f"{listed}/" if listed else ""
            real_in = f"{real}/" if real else ""
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                entry_listed = listed_in + name
                entry_real = real_in + name
                if any_bad and _BAD_NAME.search(name):
                    self.found.append(Skipped(_BAD_NAME.sub("\ufffd", entry_listed), BAD_NAME))
                    continue
                try:
                    if entry.is_symlink():
                        heapq.heappush(self.links, (entry_listed, entry.path))
                    elif entry.is_dir(follow_symlinks=False):
                        if entry_real not in self.excluded:
                            pending.append((entry.path, entry_listed, entry_real))
                    else:
                        # os.path.splitext of a name that does not start with ".", inline
                        dot = name.rfind(".")
                        stem, suffix = (name[:dot], name[dot:]) if dot > 0 else (name, "")
                        if stem.lower() not in IGNORED_STEMS:
                            self._add(entry_listed, entry_real, entry.stat(follow_symlinks=False), suffix)
                except OSError:
                    continue  # removed while walking

    def _follow(self, listed: str, on_disk: str) -> None:
        try:
            target = os.path.realpath(on_disk, strict=True)
            status = os.stat(target)
        except OSError as exc:
            loop = exc.errno == errno.ELOOP
            self.found.append(Skipped(listed, SYMLINK_LOOP if loop else BROKEN_LINK))
            return
        if os.path.commonpath((self.root, target)) != self.root:
            self.found.append(Skipped(listed, OUTSIDE))
            return
        real = _inside(self.root, target)
        if self._left_out(real):
            return
        if stat.S_ISDIR(status.st_mode):
            if real in self.real_folders:
                holder = os.path.realpath(os.path.dirname(on_disk))
                loop = os.path.commonpath((target, holder)) == target
                reason = SYMLINK_LOOP if loop else f"same folder as {self.real_folders[real] or '.'}"
                self.found.append(Skipped(listed, reason))
            else:
                self._walk(target, listed, real)
        elif not _ignored(os.path.basename(listed)):
            self._add(listed, real, status)

    def _left_out(self, real: str) -> bool:
        return any(real == folder or real.startswith(f"{folder}/") for folder in self.excluded)

    def _add(self, listed: str, real: str, status: os.stat_result, suffix: str | None = None) -> None:
        """List a file found under `listed`; `suffix` is its name's extension when known."""
        if not stat.S_ISREG(status.st_mode):
            self.found.append(Skipped(listed, NOT_REGULAR))
            return
        suffix = (os.path.splitext(listed)[1] if suffix is None else suffix).lower()
        if suffix not in SUFFIXES:
            self.found.append(Skipped(listed, unsupported(suffix)))
            return
        if real in self.real_files:
            self.found.append(Skipped(listed, f"{_SAME_FILE}{self.real_files[real]}"))
            return
        self.real_files[real] = listed
        if status.st_nlink > 1 and status.st_ino:
            self.linked.setdefault((status.st_dev, status.st_ino), []).append(len(self.found))
        self.found.append(SourceFile(listed, status.st_size, _stored_time(status.st_mtime_ns)))


# A file time as the index stores it: a 64-bit integer of nanoseconds, which ends in 2262. A
# clock set later (a broken device's) is wrapped into that range, not cut at its end, so that
# a file edited at two such times is still read again.
_TIME_RANGE = 2**63


def _stored_time(mtime_ns: int) -> int:
    if -_TIME_RANGE <= mtime_ns < _TIME_RANGE:
        return mtime_ns
    return mtime_ns % _TIME_RANGE


_SAME_FILE = "same file as "
_name = attrgetter("name")
_path = attrgetter("path")


def _inside(root: str, path: str) -> str:
    """`path` relative to `root`, posix, "" for the root itself; "" too when it lies outside."""
    if os.path.commonpath((root, path)) != root:
        return ""
    real = os.path.relpath(path, root).replace(os.sep, "/")
    return "" if real == "." else real


def _ignored(name: str) -> bool:
    return os.path.splitext(name)[0].lower() in IGNORED_STEMS


def _folder_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return PERMISSION_DENIED
    return could_not_list(error.strerror or type(error).__name__)


def folder_stamps(root: Path, exclude: Collection[Path] = ()) -> dict[str, int]:
    """The modification time (ns) of every folder that the walk of `scan` lists, by path on disk
    (links not followed). Adding, removing or renaming a file changes its folder's time, so
    `folders_changed` tells cheaply that a corpus may have changed: a stat per folder, not per
    file. An edit in place changes no folder and goes unseen."""
    top = os.path.realpath(root)
    excluded = {os.path.realpath(folder) for folder in exclude}
    stamps: dict[str, int] = {}
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            stamps[folder] = os.stat(folder).st_mtime_ns
            with os.scandir(folder) as listing:
                for entry in listing:
                    if (
                        not entry.name.startswith(".")
                        and entry.is_dir(follow_symlinks=False)
                        and entry.path not in excluded
                    ):
                        pending.append(entry.path)
        except OSError:
            continue  # gone, or unreadable: the next scan says so
    return stamps


def folders_changed(stamps: dict[str, int]) -> bool:
    """Whether a folder of `stamps` (from `folder_stamps`) changed or went away since."""
    for folder, stamp in stamps.items():
        try:
            if os.stat(folder).st_mtime_ns != stamp:
                return True
        except OSError:
            return True
    return False
