"""`read_file` on hostile and changing files: it reports, it never raises, it is deterministic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.corpus import FileReading, Skipped, SourceFile, read_file, scan
from tui_reader.corpus.formats import FORMATS, Format
from tui_reader.corpus.formats.txt import parse_txt

BRIEF = "date 2025-05 Le Conseil de sécurité des Nations unies a adopté une résolution.\n"


def reasons(reading: FileReading) -> list[str]:
    assert reading.articles == []
    return [skipped.reason for skipped in reading.skipped]


def test_a_file_deleted_after_the_scan_vanished(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BRIEF, encoding="utf-8")
    [item] = scan(tmp_path)
    assert isinstance(item, SourceFile)
    (tmp_path / "a.txt").unlink()
    assert read_file(tmp_path, item.path) == FileReading("a.txt", [], [Skipped("a.txt", "file vanished")])
    assert reasons(read_file(tmp_path / "gone", "a.txt")) == ["file vanished"]
    assert reasons(read_file(tmp_path, "no/such/dir/a.txt")) == ["file vanished"]


def test_a_file_truncated_or_replaced_after_the_scan(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"")
    assert reasons(read_file(tmp_path, "a.txt")) == ["empty"]
    (tmp_path / "a.txt").unlink()
    (tmp_path / "a.txt").mkdir()
    assert reasons(read_file(tmp_path, "a.txt")) == ["not a regular file"]


def test_a_fifo_is_reported_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert reasons(read_file(tmp_path, "pipe.txt")) == ["not a regular file"]


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(BRIEF, encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the open fail as it would for anyone else
        real_open = os.open

        def deny(file: str, flags: int, *args: int) -> int:
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", file)
            return real_open(file, flags, *args)

        monkeypatch.setattr(os, "open", deny)
    assert reasons(read_file(tmp_path, "locked.txt")) == ["permission denied"]


@pytest.mark.parametrize("relpath", ["../outside.txt", "a/../../outside.txt", "/etc/hostname.txt"])
def test_paths_leading_outside_the_root_are_refused(tmp_path: Path, relpath: str) -> None:
    (tmp_path / "outside.txt").write_text(BRIEF, encoding="utf-8")
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    assert reasons(read_file(root, relpath)) == ["links outside the corpus"]


def test_unsupported_type(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7")
    assert reasons(read_file(tmp_path, "doc.pdf")) == ["unsupported file type .pdf"]


def test_a_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMATS, ".txt", Format(parse_txt, 2_000_000))
    (tmp_path / "big.txt").write_bytes(b"date 2025 " + b"mot " * 600_000)
    assert reasons(read_file(tmp_path, "big.txt")) == ["larger than the 2 MB limit"]
    (tmp_path / "ok.txt").write_bytes(b"date 2025 " + b"mot " * 400_000)
    assert len(read_file(tmp_path, "ok.txt").articles) == 1


def test_the_real_limits() -> None:
    assert FORMATS[".txt"].max_bytes == FORMATS[".md"].max_bytes == FORMATS[".json"].max_bytes == 20_000_000
    assert FORMATS[".jsonl"].max_bytes == 200_000_000


def test_an_unexpected_error_in_a_format_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(relpath: str, data: bytes) -> list[object]:
        raise RuntimeError("a bug")

    monkeypatch.setitem(FORMATS, ".txt", Format(broken, 1000))  # type: ignore[arg-type]
    (tmp_path / "a.txt").write_text(BRIEF, encoding="utf-8")
    assert reasons(read_file(tmp_path, "a.txt")) == ["could not be read (RuntimeError)"]


def test_the_same_file_reads_the_same(tmp_path: Path) -> None:
    content = "\n".join(
        [
            '{"title": "Un", "text": "Premier texte de la série, sur l\'ONU."}',
            "{bad",
            '{"text": "Second text about the United Nations and its agencies."}',
        ]
    )
    (tmp_path / "w.jsonl").write_text(content, encoding="utf-8")
    first = read_file(tmp_path, "w.jsonl")
    assert first == read_file(tmp_path, "w.jsonl")
    assert len(first.articles) == 2 and len(first.skipped) == 1


FORMAT_SEEDS = {
    "a.txt": "date 2025-05 ",
    "a.md": "---\ntitle: T\ndate: 2025-05\n---\n# H\n",
    "a.jsonl": '{"title": "T", "text": "',
    "a.json": '[{"text": "',
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(FORMAT_SEEDS)), tail=st.binary(max_size=300), text=st.text(max_size=300))
def test_any_content_is_read_or_skipped_never_raised(
    tmp_path: Path, name: str, tail: bytes, text: str
) -> None:
    for data in (
        tail,
        FORMAT_SEEDS[name].encode() + tail,
        (FORMAT_SEEDS[name] + text).encode("utf-8", "replace"),
    ):
        (tmp_path / name).write_bytes(data)
        reading = read_file(tmp_path, name)
        assert reading.path == name
        assert all(s.path == name and s.reason for s in reading.skipped)
        for article in reading.articles:
            assert article.text and article.title and "\n" not in article.title
            article.text.encode("utf-8")
