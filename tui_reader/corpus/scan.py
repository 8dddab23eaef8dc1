"""Walking a corpus directory. (Provisional: to be replaced by the full scanner.)"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui_reader.corpus.article import Skipped

SUFFIXES = {".txt", ".md", ".jsonl", ".json"}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found in the corpus: `path` is posix and relative to the corpus root."""

    path: str
    size: int
    mtime_ns: int


def scan(root: Path) -> Iterator[SourceFile | Skipped]:
    """Every file under `root`, in a stable order, or a `Skipped` with the reason."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            if full.suffix.lower() not in SUFFIXES:
                yield Skipped(rel, "not a supported format")
                continue
            st = full.stat()
            yield SourceFile(rel, st.st_size, st.st_mtime_ns)
