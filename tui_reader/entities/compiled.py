"""The default tagger kept in the user's cache between runs.

Building the registry, the rules and the automata takes about half a second, most of a short
`briefread tag`. The built tagger is pickled once into the user's cache directory, under a name
that changes with the Python version, the entity modules and the registry's data files, and read
back by later runs; the automata, which do not pickle, are compiled again from their patterns on
reading. A missing, broken, foreign or unwritable cache only means building the tagger again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import platformdirs

T = TypeVar("T")

_HERE = Path(__file__).resolve().parent
# A file kept for another version (another checkout, another Python) is left this long after it
# was written, so that two versions in use side by side do not keep deleting each other's.
_KEEP_OTHERS_SECONDS = 7 * 24 * 3600
# At most this many such files are kept (a few megabytes each), the most recently written.
_KEEP_OTHERS = 3
_SOURCES = (_HERE, _HERE / "data")


def by_fields(obj: object) -> tuple[type, tuple[object, ...]]:
    """`__reduce__` for a frozen dataclass with slots: rebuilt from its fields in order, several
    times faster to read back than the dataclass's own state protocol."""
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)  # type: ignore[attr-defined]


def fingerprint() -> str:
    """What the kept tagger was built from: the Python version and every entity module and data
    file, hashed."""
    return _hash_files(repr(sys.version_info[:2]), _SOURCES, (".py", ".tsv"))[:20]


@functools.cache
def code_digest() -> str:
    """A hash of the entity modules' source: it changes whenever the way mentions are found does."""
    return _hash_files("", (_HERE,), (".py",))[:8]


def _hash_files(prefix: str, folders: tuple[Path, ...], suffixes: tuple[str, ...]) -> str:
    digest = hashlib.sha256(prefix.encode())
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in suffixes and path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("briefread")) / "tagger"


def load_or_build(kind: type[T], build: Callable[[], T], folder: Path | None = None) -> T:
    """The object kept in `folder` (the user's cache by default) for the fingerprint of the code
    this process runs, when it is there, readable and a `kind`; otherwise `build()`, kept there
    for next time."""
    folder = folder or cache_dir()
    path = folder / f"{_LOADED}.pickle"
    kept = _load(path, kind)
    if kept is not None:
        return kept
    built = build()
    _save(built, path)
    return built


def _load(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as fh:
            # only a file this user wrote is read: a pickle runs code when it is read
            if hasattr(os, "getuid") and os.fstat(fh.fileno()).st_uid != os.getuid():
                return None
            obj = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a truncated or stale file is built again
        return None
    return obj if isinstance(obj, kind) else None


def _save(obj: object, path: Path) -> None:
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".building-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the whole file or none
        tmp = ""
        others = sorted(
            ((old.stat().st_mtime, old) for old in path.parent.glob("[0-9a-f]*.pickle") if old != path),
            reverse=True,
        )
        for rank, (mtime, old) in enumerate(others):
            # built for another version a while ago, or beyond the few latest others
            if rank >= _KEEP_OTHERS or mtime < time.time() - _KEEP_OTHERS_SECONDS:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a read-only or full disk: the tagger is built again next time
        pass
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# The fingerprint and the code digest of the files as they were when this process imported the
# entity modules: a process that runs on after they change (an app left open across an upgrade,
# its indexer) keeps and records what its own code makes under its own code's name, never the
# new files' name. (The data files are read when the tagger is built, later: one changed in
# between is kept under the older name, where only a process started before the change looks.)
_LOADED = fingerprint()
code_digest()
