"""The index directory: which generation of the Whoosh index is current, its versions, and the
lock that lets one process update it at a time.

A rebuild writes a new generation (a Whoosh index name) beside the current one and switches
`briefread.json` to it only when it is complete, so a killed rebuild leaves the previous index
usable and the next update cleans up what the killed one left.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui_reader.search.errors import (
    CorpusUnavailable,
    IndexBusy,
    IndexDamaged,
    IndexHoldsCorpus,
    IndexOfAnotherCorpus,
    IndexUnavailable,
)
from tui_reader.search.integrity import read_small_text, sealed_corpus
from tui_reader.wording import shortened

META_FILE = "briefread.json"
LOCK_FILE = ".update.lock"
LOCK_POLL_SECONDS = 0.2  # how often a bounded wait for the update lock tries it again
FORMAT = 1


@dataclass(slots=True)
class Meta:
    generation: str = ""
    # What built the index and for which corpus: of the current generation, or, while a first
    # build runs (no current generation yet), of the one it writes, so that it can be resumed.
    schema: str = ""
    registry: str = ""
    corpus: str = ""
    updating_pid: int = 0  # set while an update runs: a dead pid here means it was interrupted
    building: str = ""  # the generation a running rebuild writes
    # what that generation is built by and for (`building_stamp`), so that a rebuild that stopped
    # can be resumed by the same release
    building_for: str = ""
    segments: dict[str, int] = field(default_factory=dict)  # segment file -> size, to spot damage
    format: int = FORMAT


def read_meta(index_dir: Path) -> Meta:
    """The meta file, or an empty Meta when there is none (or it is unreadable)."""
    return load_meta(index_dir)[0]


def load_meta(index_dir: Path) -> tuple[Meta, str | None]:
    """(the meta file, or an empty Meta; None, or why a meta file that is there cannot be read,
    as a phrase)."""
    irregular = _irregular_file(index_dir)
    if irregular is not None:
        return Meta(), f"{irregular} is not a regular file"
    try:
        data: Any = json.loads(read_small_text(index_dir / META_FILE))
    except FileNotFoundError:
        return Meta(), None
    except OSError as exc:
        return Meta(), f"{META_FILE} cannot be read ({exc.strerror or exc})"
    except ValueError:
        return Meta(), f"{META_FILE} is not valid JSON"
    unknown = f"{META_FILE} does not hold what briefread writes there"
    if not isinstance(data, dict):
        return Meta(), unknown  # valid JSON that is no meta file ("[1, 2]", "null")
    default = Meta()
    fields = {}
    for name in Meta.__dataclass_fields__:
        value = data.get(name, getattr(default, name))
        expected = type(getattr(default, name))
        if type(value) is not expected:  # a field of the wrong type: the file is damaged
            return Meta(), unknown
        fields[name] = value
    if not all(isinstance(k, str) and type(v) is int for k, v in fields["segments"].items()):
        return Meta(), unknown
    return Meta(**fields), None


def _irregular_file(index_dir: Path) -> str | None:
    """The name of a file of the index in `index_dir` that is neither a regular file nor a folder
    (a FIFO, a device, a socket, a link to one), or None: reading one would wait for ever or
    without end. (A writer's temporary folder is a folder.)"""
    try:
        entries = list(os.scandir(index_dir))
    except OSError:
        return None
    for entry in entries:
        if entry.name != META_FILE and not _generation_of(entry.name):
            continue
        try:
            if not (entry.is_file() or entry.is_dir()):
                return entry.name
        except OSError:
            return entry.name
    return None


def holds_index(folder: Path) -> bool:
    """Whether `folder` holds files of a briefread index (named for a generation: a manifest,
    a table of contents, a segment, a seal)."""
    try:
        return any(_generation_of(entry.name) for entry in os.scandir(folder))
    except OSError:
        return False


def check_apart(index_dir: Path, corpus_dir: Path) -> None:
    """Raise `IndexHoldsCorpus` when `index_dir` is `corpus_dir` or holds it: the index's own
    files would be read as articles, and change with every update. (An index folder inside the
    corpus is fine: the scan leaves it out.)"""
    index, corpus = _real(index_dir), _real(corpus_dir)
    if index == corpus:
        raise IndexHoldsCorpus(
            f"The index cannot be the corpus folder {corpus_dir} itself; use --index with another "
            f"folder, outside the corpus or inside it (such as {corpus_dir / 'index'})."
        )
    if index in corpus.parents:
        raise IndexHoldsCorpus(
            f"The corpus {corpus_dir} is inside the index folder {index_dir}; use --index with a "
            "folder that does not hold the corpus."
        )


def _real(path: Path) -> Path:
    """`path` with its links followed, as far as they lead: a loop of links is no folder, and
    is said where the path is used, not as Path.resolve's RuntimeError."""
    return Path(os.path.realpath(path))


def check_corpus(index_dir: Path, corpus_dir: Path) -> None:
    """Raise `IndexHoldsCorpus` when the index folder is the corpus or holds it (see
    `check_apart`), `IndexOfAnotherCorpus` when the index in `index_dir` was built for a corpus
    other than `corpus_dir` (a mistyped --index must not replace an index that took long to
    build), and `CorpusUnavailable` when `corpus_dir` does not exist and no index was built from
    it."""
    check_apart(index_dir, corpus_dir)
    meta, unreadable = load_meta(index_dir)
    built_for = meta.corpus if meta.generation else ""
    if unreadable is not None and holds_index(index_dir):
        # The meta file is damaged: the seal of the latest build says which corpus it was for.
        built_for = sealed_corpus(index_dir)
        if not built_for:
            raise IndexDamaged(
                f"The index in {index_dir} is damaged ({unreadable}) and the corpus it was built for "
                f"is unknown; run `briefread --corpus {corpus_dir} --index {index_dir} index --rebuild` "
                "to rebuild it for this corpus.",
                unreadable,
            )
    if built_for and built_for != str(corpus_dir):
        raise IndexOfAnotherCorpus(
            f"The index in {index_dir} was built for the corpus {built_for}, not {corpus_dir}: "
            f"choose another --index, or run `briefread --corpus {corpus_dir} --index {index_dir} "
            "index --rebuild` to replace it."
        )
    if not built_for and not corpus_dir.is_dir():
        raise CorpusUnavailable(missing_corpus(corpus_dir))


def missing_corpus(corpus_dir: Path) -> str:
    if corpus_dir.exists():
        what = f"The corpus {corpus_dir} is a file, not a directory"
    else:
        what = f"The corpus directory {corpus_dir} does not exist"
    return f"{what}; pass --corpus DIR or set BRIEFREAD_CORPUS."


def write_meta(index_dir: Path, meta: Meta) -> None:
    """Write atomically: a reader sees the old meta or the new one, never half of one."""
    tmp = index_dir / f".{META_FILE}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(asdict(meta), fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        clear_the_way(index_dir / META_FILE)
        os.replace(tmp, index_dir / META_FILE)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise unwritable(index_dir, exc) from exc


def clear_the_way(path: Path) -> None:
    """Make room for the file of the index at `path` where a folder took its name: an empty one
    is removed, another is moved aside (`<name>.moved-aside-<n>`), never deleted."""
    if path.is_symlink() or not path.is_dir():
        return
    try:
        path.rmdir()
    except OSError:
        path.rename(path.with_name(f"{path.name}.moved-aside-{time.time_ns():x}"))


def new_generation() -> str:
    return f"g{time.time_ns():x}"


def manifest_path(index_dir: Path, generation: str) -> Path:
    return index_dir / f"manifest-{generation}.sqlite"


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs: not when it is gone, nor when it is a zombie, a killed process
    that no parent has reaped yet (in a container whose first process reaps none, it stays one)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether Linux's /proc says `pid` has ended, unreaped (false where there is no /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    # "pid (command) state ...": the command may hold spaces and parentheses
    state = stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3]
    return state in (b"Z", b"X")


def segment_sizes(index_dir: Path, generation: str) -> dict[str, int]:
    """Size of every segment file of `generation` (missing files are simply absent); segment
    files never change once written (deletions live in the table of contents)."""
    sizes = {}
    for path in index_dir.glob(f"{generation}_*"):
        try:
            sizes[path.name] = path.stat().st_size
        except OSError:
            continue
    return sizes


def remove_other_generations(index_dir: Path, keep: set[str]) -> int:
    """Delete the files of every generation not in `keep` (left by a killed or replaced build),
    and the writers' temporary folders of every generation ("<generation>.tmp"): the caller holds
    the update lock, so no writer is using one."""
    removed = 0
    for path in index_dir.iterdir():
        name = path.name
        gen = _generation_of(name)
        if not gen:
            continue
        if path.is_dir() and not path.is_symlink():
            if gen not in keep or name.endswith(".tmp"):
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        elif gen not in keep:
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _generation_of(name: str) -> str:
    # Whoosh names files "_<indexname>_<n>.toc", "<indexname>_<segid>.seg"...; ours start with "g".
    stem = name.lstrip("_")
    for prefix in ("manifest-",):
        if stem.startswith(prefix):
            stem = stem[len(prefix) :]
    if not stem.startswith("g"):
        return ""
    gen = stem.split("_", 1)[0].split(".", 1)[0]
    return gen if len(gen) > 8 and all(c in "0123456789abcdef" for c in gen[1:]) else ""


# The lock files this process holds open, as fd -> (device, inode). A forked child (a writer
# process) gets a copy of every fd, and a lock taken with flock() is held as long as any copy
# is open: a child that outlived a killed parent would hold the lock, and every later update
# would wait for it forever. Each child closes its copies as it starts (the lock stays with
# the parent).
_held_locks: dict[int, tuple[int, int]] = {}


def keep_from_children(fd: int) -> None:
    """Close the lock file `fd` in every process this one forks from now on."""
    status = os.fstat(fd)
    _held_locks[fd] = (status.st_dev, status.st_ino)


def _close_held_locks() -> None:
    for fd, file in _held_locks.items():
        try:
            status = os.fstat(fd)
            if (status.st_dev, status.st_ino) == file:  # not another file given the same number
                os.close(fd)
        except OSError:
            pass
    _held_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_locks)


@contextmanager
def update_lock(index_dir: Path, wait: bool | float, on_wait: Any = None) -> Iterator[None]:
    """Hold the update lock, waiting for another holder (`wait` True), for at most `wait`
    seconds (a number), or not at all (False): IndexBusy then. The kernel releases the lock when
    the holder dies, so a lock left by a killed process never blocks anyone: the processes it
    forks do not hold it (see `keep_from_children`)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        clear_the_way(index_dir / LOCK_FILE)
        fd = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        keep_from_children(fd)
    except OSError as exc:
        raise unwritable(index_dir, exc) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise IndexBusy(
                    f"Another briefread is updating the index in {index_dir}; "
                    "wait for it to finish and try again."
                ) from None
            if on_wait is not None:
                on_wait()
            if wait is True:
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:
                _lock_within(fd, float(wait), index_dir)
        yield
    finally:
        _held_locks.pop(fd, None)
        os.close(fd)


def _lock_within(fd: int, seconds: float, index_dir: Path) -> None:
    """Take the lock on `fd` within `seconds`, or raise IndexBusy (a writer stopped, or one that
    runs for long: a search does not wait for it to end)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise IndexBusy(
                    f"Another briefread has been updating the index in {index_dir} for more than "
                    f"{seconds:.0f} s."
                ) from None
            time.sleep(LOCK_POLL_SECONDS)


def unwritable(index_dir: Path, exc: OSError) -> IndexUnavailable:
    if exc.errno == errno.ENOSPC:
        return IndexUnavailable(
            f"The disk holding {index_dir} is full; free some space and run `briefread index` again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        file = _read_only_file(index_dir, exc)
        if file is not None:
            return IndexUnavailable(
                f"The file {file.name} of the index in {index_dir} is not writable; searching still "
                "works, but to update the index make that file writable, or use --index with a "
                "writable directory."
            )
        if _holds_files(index_dir):
            return IndexUnavailable(
                f"The index directory {index_dir} is not writable; searching still works, "
                "but to update it use --index with a writable directory."
            )
        return IndexUnavailable(
            f"The index directory {index_dir} cannot be created or written; "
            "use --index with a writable directory."
        )
    if exc.errno == errno.ENAMETOOLONG:
        return IndexUnavailable(
            f"The index path {shortened(str(index_dir))} is too long ({exc.strerror}); "
            "use --index with a shorter path."
        )
    if exc.errno in (errno.EEXIST, errno.ENOTDIR) or index_dir.is_file():
        return IndexUnavailable(
            f"The index path {index_dir} is a file, or inside one, not a folder; use --index with a folder."
        )
    return IndexUnavailable(
        f"The index in {index_dir} cannot be written ({exc.strerror or exc}); "
        "use --index with another folder."
    )


def _read_only_file(index_dir: Path, exc: OSError) -> Path | None:
    """The file of the index that `exc` failed to write, when it is that file which is read-only
    and not the whole folder (a manifest copied with its permissions, or made read-only)."""
    if not exc.filename:
        return None
    file = Path(os.fsdecode(exc.filename))
    if file.parent != index_dir or not file.is_file():
        return None
    if not os.access(index_dir, os.W_OK) or os.access(file, os.W_OK):
        return None
    return file


def _holds_files(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError:
        return False
