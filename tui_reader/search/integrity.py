"""Spotting a damaged index cheaply enough to look at every open and every update.

Whoosh never changes a segment file once it is written (deletions live in the table of
contents), so after each update the size, modification time and CRC-32 of every segment file
are written beside the index: the seal. Opening the index compares sizes (one stat a file); an
update also compares modification times and reads again only the files whose time changed (a
copied index, or damage); a reader that meets an error it cannot explain reads every file once.
Damage found by a reader is written down for its generation, and the next update rebuilds it.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tui_reader.search.errors import IndexDamaged

SEAL_SUFFIX = ".seal.json"  # "<generation>.seal.json": no "_", so Whoosh's clean-up leaves it alone
MARK_SUFFIX = ".damaged"
_CHUNK = 1 << 20

Depth = Literal["sizes", "times", "contents"]


@dataclass(frozen=True, slots=True)
class FileSeal:
    size: int
    mtime_ns: int
    crc: int


# The index's own small files (the meta file, the seals, a damage mark) are far smaller.
SMALL_FILE_BYTES = 16 << 20


def read_small_text(path: Path) -> str:
    """The UTF-8 text of one of the index's small files. OSError when it is no regular file (a
    FIFO would make the read wait for ever, a link to /dev/zero never end) or is larger than
    `SMALL_FILE_BYTES`; UnicodeDecodeError when it is not UTF-8."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if status.st_size > SMALL_FILE_BYTES:
            raise OSError(errno.EFBIG, "larger than an index's own file can be")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(SMALL_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > SMALL_FILE_BYTES:
        raise OSError(errno.EFBIG, "larger than an index's own file can be")
    return data.decode("utf-8")


def damaged(index_dir: Path, detail: str) -> IndexDamaged:
    """The error a reader raises for a damaged index: what is wrong, and the command that fixes it."""
    return IndexDamaged(
        f"The index in {index_dir} is damaged ({detail}); run `briefread index --rebuild`.", detail
    )


def seal_path(index_dir: Path, generation: str) -> Path:
    return index_dir / f"{generation}{SEAL_SUFFIX}"


def mark_path(index_dir: Path, generation: str) -> Path:
    return index_dir / f"{generation}{MARK_SUFFIX}"


def read_seal(index_dir: Path, generation: str) -> dict[str, FileSeal]:
    """The seal of `generation`, by file name; empty when there is none or it is unreadable."""
    try:
        data = json.loads(read_small_text(seal_path(index_dir, generation)))
        return {str(name): FileSeal(int(s), int(t), int(c)) for name, (s, t, c) in data["files"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def sealed_corpus(index_dir: Path) -> str:
    """The corpus the latest sealed generation in `index_dir` was built for, or "" when no seal
    says (the meta file says it too: this is for when that file is damaged)."""
    seals = sorted(index_dir.glob(f"g*{SEAL_SUFFIX}"), key=lambda p: (len(p.name), p.name), reverse=True)
    for path in seals:
        try:
            corpus = json.loads(read_small_text(path)).get("corpus")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(corpus, str) and corpus:
            return corpus
    return ""


def write_seal(index_dir: Path, generation: str, corpus: str = "") -> None:
    """Seal the segment files of `generation` as they are now, and write down the corpus it was
    built for. Files already sealed with the same size and time keep their CRC (an update reads
    only the segments it wrote). Best effort: an index that cannot be sealed is only checked less
    closely."""
    old = read_seal(index_dir, generation)
    files: dict[str, FileSeal] = {}
    try:
        for path in index_dir.glob(f"{generation}_*.*"):
            stat = path.stat()
            known = old.get(path.name)
            if known is None or (known.size, known.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
                known = FileSeal(stat.st_size, stat.st_mtime_ns, _crc(path))
            files[path.name] = known
        tmp = index_dir / f".{generation}{SEAL_SUFFIX}.{os.getpid()}.tmp"
        data = {name: [s.size, s.mtime_ns, s.crc] for name, s in sorted(files.items())}
        tmp.write_text(json.dumps({"files": data, "corpus": corpus}), encoding="utf-8")
        os.replace(tmp, seal_path(index_dir, generation))
    except OSError:
        return


def mark_damaged(index_dir: Path, generation: str, detail: str) -> None:
    """Write down that `generation` is damaged, so that the next update rebuilds it (best effort:
    a read-only index cannot be marked)."""
    try:
        mark_path(index_dir, generation).write_text(detail, encoding="utf-8")
    except OSError:
        pass


def marked_damage(index_dir: Path, generation: str) -> str | None:
    """What a reader found wrong with `generation`, or None."""
    try:
        return read_small_text(mark_path(index_dir, generation)).strip() or "a reader failed"
    except OSError:
        return None


def segment_damage(
    index_dir: Path,
    generation: str,
    segments: Iterable[Any],
    depth: Depth,
    sizes: Mapping[str, int] | None = None,
) -> str | None:
    """What is wrong with the files of `segments` (the live segments of the table of contents),
    as a phrase, or None. Only sealed files are checked (or, without a seal, the files in
    `sizes`), so segments committed since the last seal pass. `depth`: "sizes" compares sizes,
    "times" also reads again the files whose modification time changed, "contents" reads every
    file."""
    seal = read_seal(index_dir, generation)
    recorded: Mapping[str, FileSeal | int] = seal or (sizes or {})
    if not recorded:
        return None
    live = tuple(f"{segment.segment_id()}." for segment in segments)
    for name, sealed in sorted(recorded.items()):
        if not name.startswith(live):
            continue
        try:
            stat = (index_dir / name).stat()
        except FileNotFoundError:
            return f"the segment file {name} is missing"
        except OSError as exc:
            return f"the segment file {name} cannot be read ({exc.strerror or exc})"
        size = sealed.size if isinstance(sealed, FileSeal) else sealed
        if stat.st_size != size:
            return f"the segment file {name} changed size"
        if not isinstance(sealed, FileSeal) or depth == "sizes":
            continue
        if depth == "contents" or stat.st_mtime_ns != sealed.mtime_ns:
            try:
                crc = _crc(index_dir / name)
            except OSError as exc:
                return f"the segment file {name} cannot be read ({exc.strerror or exc})"
            if crc != sealed.crc:
                return f"the segment file {name} changed"
    return None


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc
