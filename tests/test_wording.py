"""The words of index progress, as the reader's status line and `briefread index` show them."""

from __future__ import annotations

import pytest

from tui_reader.search import Progress
from tui_reader.wording import counted, progress_text


@pytest.mark.parametrize(
    ("progress", "words"),
    [
        (Progress("scan", 0, 0), "scanning files"),
        (Progress("read", 3, 10, 1250, 500, 2000), "indexing 3/10 files, 1,250 articles"),
        (Progress("read", 0, 1, 2500, 100, 400), "indexing 2,500 articles"),
        (Progress("commit", 10, 10, 4000), "saving 10/10 files, 4,000 articles"),
        (Progress("commit", 1, 1, 1), "saving 1 article"),
        (
            Progress("read", 3, 10, 1250, rebuilding="new entity rules"),
            "rebuilding (new entity rules): indexing 3/10 files, 1,250 articles",
        ),
    ],
)
def test_progress_in_words(progress: Progress, words: str) -> None:
    assert progress_text(progress) == words


def test_counted() -> None:
    assert (counted(1, "article"), counted(1564, "article")) == ("1 article", "1,564 articles")
