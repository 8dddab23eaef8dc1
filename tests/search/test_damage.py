"""A damaged index: a lost or broken manifest, a lost or broken table of contents, segment files
deleted, emptied or overwritten. Reading reports it in one sentence with the command that fixes
it; the next update rebuilds it by itself, says why, and holds every article once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.search import IndexUnavailable, Library
from tui_reader.search.indexer import update_index
from tui_reader.search.store import read_meta

ARTICLES = 4  # the `corpus` fixture of conftest.py


def build(corpus: Path, index_dir: Path) -> None:
    summary = update_index(corpus, index_dir)
    assert summary.total_articles == ARTICLES


def manifest_of(index_dir: Path) -> Path:
    (path,) = index_dir.glob("manifest-*.sqlite")
    return path


def toc_of(index_dir: Path) -> Path:
    (path,) = index_dir.glob("_*.toc")
    return path


def segment_file(index_dir: Path, suffix: str) -> Path:
    (path,) = (p for p in index_dir.glob(f"{read_meta(index_dir).generation}_*{suffix}"))
    return path


def overwrite(path: Path, keep_time: bool = False) -> None:
    """Garbage in place of everything after the first bytes: same size (and, `keep_time`, the
    same modification time, as bit rot would leave it)."""
    stat = path.stat()
    data = path.read_bytes()
    path.write_bytes(data[:8] + bytes((b ^ 0x5A) for b in data[8:]))
    if keep_time:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def assert_whole(corpus: Path, index_dir: Path) -> None:
    library = Library.open(corpus, index_dir)
    ids = [row.id for row in library.search("")]
    assert len(ids) == ARTICLES and len(set(ids)) == ARTICLES
    assert len(library.search("Qatar")) == 1
    assert not library.is_stale()
    library.close()


def assert_rebuilt(corpus: Path, index_dir: Path, why: str) -> None:
    summary = update_index(corpus, index_dir)
    assert summary.rebuilt
    assert summary.recovered.startswith("The index was damaged (") and why in summary.recovered
    assert summary.recovered.endswith("; it was rebuilt.")
    assert (summary.articles, summary.total_articles) == (ARTICLES, ARTICLES)
    assert_whole(corpus, index_dir)
    again = update_index(corpus, index_dir)
    assert again.nothing_to_do and not again.recovered and again.total_articles == ARTICLES


MANIFEST_DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "deleted": (lambda p: p.unlink(), "its manifest is missing"),
    "emptied": (lambda p: p.write_bytes(b""), "its manifest cannot be read"),
    "overwritten": (lambda p: p.write_text("garbage\n"), "its manifest cannot be read"),
}


@pytest.mark.parametrize("damage", list(MANIFEST_DAMAGE))
def test_a_lost_manifest_rebuilds_the_index_instead_of_adding_every_article_again(
    corpus: Path, index_dir: Path, damage: str
) -> None:
    build(corpus, index_dir)
    hurt, why = MANIFEST_DAMAGE[damage]
    hurt(manifest_of(index_dir))
    assert Library.open(corpus, index_dir).is_stale()  # so a search brings it up to date first
    assert_rebuilt(corpus, index_dir, why)


def test_a_manifest_that_disagrees_with_the_index_rebuilds_it(corpus: Path, index_dir: Path) -> None:
    build(corpus, index_dir)
    import sqlite3

    with sqlite3.connect(manifest_of(index_dir)) as db:
        db.execute("DELETE FROM files WHERE path = 'fr/qatar.txt'")
    db.close()
    assert Library.open(corpus, index_dir).is_stale()
    assert_rebuilt(corpus, index_dir, "it holds 4 articles where its manifest lists 3")


def test_a_search_on_an_index_that_lost_its_manifest_does_not_duplicate(
    corpus: Path, index_dir: Path
) -> None:
    build(corpus, index_dir)
    manifest_of(index_dir).unlink()
    found = briefread(corpus, index_dir, "search", "Qatar")
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("1 article ")
    assert "Rebuilt 4 articles" in found.stderr
    assert_whole(corpus, index_dir)


@pytest.mark.parametrize(
    ("damage", "why"),
    [("deleted", "its table of contents is missing"), ("emptied", "its table of contents cannot be read")],
)
def test_a_lost_table_of_contents_is_reported_and_rebuilt(
    corpus: Path, index_dir: Path, damage: str, why: str
) -> None:
    build(corpus, index_dir)
    toc = toc_of(index_dir)
    if damage == "deleted":
        toc.unlink()
    else:
        toc.write_bytes(b"")
    with pytest.raises(IndexUnavailable, match=f"is damaged \\({why}.*briefread index --rebuild"):
        Library.open(corpus, index_dir)
    assert_rebuilt(corpus, index_dir, why)


SEGMENT_DAMAGE: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "postings emptied": (".pst", lambda p: p.write_bytes(b""), "changed size"),
    "postings overwritten": (".pst", overwrite, "changed"),
    "stored fields deleted": ("._stored.col", lambda p: p.unlink(), "is missing"),
    "stored fields overwritten": ("._stored.col", overwrite, "changed"),
}


@pytest.mark.parametrize("damage", list(SEGMENT_DAMAGE))
def test_a_damaged_segment_file_is_found_when_the_index_opens(
    corpus: Path, index_dir: Path, damage: str
) -> None:
    build(corpus, index_dir)
    suffix, hurt, why = SEGMENT_DAMAGE[damage]
    path = segment_file(index_dir, suffix)
    hurt(path)
    with pytest.raises(IndexUnavailable) as raised:
        Library.open(corpus, index_dir)
    assert str(raised.value) == (
        f"The index in {index_dir} is damaged (the segment file {path.name} {why}); "
        "run `briefread index --rebuild`."
    )
    assert_rebuilt(corpus, index_dir, f"the segment file {path.name} {why}")


def test_a_rebuild_asked_for_on_a_damaged_index_says_it_was_damaged(corpus: Path, index_dir: Path) -> None:
    # the reader asks for a rebuild when it finds damage: the progress and the summary say why
    build(corpus, index_dir)
    path = segment_file(index_dir, ".pst")
    path.write_bytes(b"")
    why: set[str] = set()
    summary = update_index(corpus, index_dir, rebuild=True, progress=lambda p: why.add(p.rebuilding))
    assert why - {""} == {"the index was damaged"}
    assert (
        summary.recovered
        == f"The index was damaged (the segment file {path.name} changed size); it was rebuilt."
    )
    assert_whole(corpus, index_dir)
    # a rebuild asked for on a sound index says so
    why.clear()
    summary = update_index(corpus, index_dir, rebuild=True, progress=lambda p: why.add(p.rebuilding))
    assert why - {""} == {"asked for"} and not summary.recovered


def flip_every(path: Path, stride: int) -> None:
    """Flip one byte in `stride`, keeping the size and the modification time: damage no stat sees."""
    stat = path.stat()
    data = bytearray(path.read_bytes())
    for at in range(8, len(data), stride):
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize("suffix", [".pst", "._stored.col"])
def test_damage_only_reading_finds_is_reported_and_the_next_update_rebuilds(
    corpus: Path, index_dir: Path, suffix: str
) -> None:
    build(corpus, index_dir)
    library = Library.open(corpus, index_dir)
    ids = [row.id for row in library.search("")]
    library.close()
    path = segment_file(index_dir, suffix)
    flip_every(path, 97)
    library = Library.open(corpus, index_dir)
    message = (
        f"The index in {index_dir} is damaged (the segment file {path.name} changed); "
        "run `briefread index --rebuild`."
    )
    with pytest.raises(IndexUnavailable) as raised:  # some reads fail, some find nothing
        for query in ("Qatar", "élections", "Qatar OR Senegal", '"African Union"', ""):
            library.search(query)
        for article_id in ids:
            library.article(article_id)
    assert str(raised.value) == message
    for read in (lambda: library.search("Qatar"), lambda: library.article(ids[0])):
        with pytest.raises(IndexUnavailable, match="is damaged"):
            read()  # once found, every read says so
    library.close()
    assert_rebuilt(corpus, index_dir, f"the segment file {path.name} changed")


def test_an_error_the_index_does_not_explain_stays_a_note_on_the_query(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus, index_dir)
    library = Library.open(corpus, index_dir)

    def broken(*args: object) -> None:
        raise RuntimeError("a bug, not damage")

    monkeypatch.setattr(library, "_docsets", broken)
    results = library.search("Qatar")
    assert len(results) == 0 and "could not be run (RuntimeError)" in results.fallback
    assert update_index(corpus, index_dir).nothing_to_do


def test_an_empty_index_searches_without_a_note(tmp_path: Path, index_dir: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    library = Library.open(empty, index_dir)
    library.update()
    for query in ("élection", "Qatar OR Oman", ""):
        results = library.search(query)
        assert len(results) == 0 and not results.fallback


def test_a_copied_index_is_not_taken_for_a_damaged_one(corpus: Path, index_dir: Path) -> None:
    build(corpus, index_dir)
    for path in index_dir.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert_whole(corpus, index_dir)
    assert update_index(corpus, index_dir).nothing_to_do


def briefread(corpus: Path, index: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", "--corpus", str(corpus), "--index", str(index), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


DAMAGES = pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("manifest", "its manifest cannot be read (file is not a database)"),
        ("toc", "its table of contents is missing"),
        ("segment", "changed"),
    ],
)


def build_and_damage(corpus: Path, index_dir: Path, damage: str) -> None:
    """Build the index, then break its manifest, its table of contents or a segment."""
    build(corpus, index_dir)
    if damage == "manifest":
        manifest_of(index_dir).write_text("garbage\n")
    elif damage == "toc":
        toc_of(index_dir).unlink()
    else:
        overwrite(segment_file(index_dir, ".pst"))


@DAMAGES
def test_index_says_what_is_damaged_and_repairs_it(
    corpus: Path, index_dir: Path, damage: str, why: str
) -> None:
    build_and_damage(corpus, index_dir, damage)
    repaired = briefread(corpus, index_dir, "index", "-q")
    assert repaired.returncode == 0, repaired.stderr
    first, second = repaired.stdout.splitlines()[:2]
    assert first.startswith("The index was damaged (") and why in first and first.endswith("it was rebuilt.")
    assert second.startswith("Rebuilt 4 articles")
    found = briefread(corpus, index_dir, "search", "Qatar")
    assert found.returncode == 0 and found.stdout.startswith("1 article ")


@DAMAGES
def test_a_search_repairs_a_damaged_index_first_and_says_why(
    corpus: Path, index_dir: Path, damage: str, why: str
) -> None:
    build_and_damage(corpus, index_dir, damage)
    found = briefread(corpus, index_dir, "search", "Qatar")
    assert found.returncode == 0, found.stderr
    assert "Traceback" not in found.stderr
    said = found.stderr.splitlines()[0]
    assert said.startswith("The index was damaged (") and why in said and said.endswith("it was rebuilt.")
    assert found.stdout.startswith("1 article ")


@pytest.mark.parametrize(
    "content", ["[1, 2]", "null", '"text"', '{"generation": 5}', '{"segments": {"a": "b"}}']
)
def test_a_meta_file_of_another_shape_is_an_unreadable_one(
    corpus: Path, index_dir: Path, content: str
) -> None:
    build(corpus, index_dir)
    (index_dir / "briefread.json").write_text(content, encoding="utf-8")
    assert read_meta(index_dir).generation == ""
    library = Library.open(corpus, index_dir)
    library.update()
    assert len(library.search("")) == ARTICLES


def garble_path_index(manifest: Path) -> None:
    """Garbage over the page of the manifest's index of paths, which reading its entries does
    not touch but the next write does ("database disk image is malformed")."""
    import sqlite3

    with sqlite3.connect(manifest) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        query = "SELECT rootpage FROM sqlite_master WHERE name LIKE 'sqlite_autoindex%'"
        (root,) = db.execute(query).fetchone()
    db.close()
    data = bytearray(manifest.read_bytes())
    start = (root - 1) * size
    data[start + 8 : start + size] = bytes(b ^ 0x5A for b in data[start + 8 : start + size])
    manifest.write_bytes(bytes(data))


def test_a_garbled_manifest_is_damage_that_the_next_update_rebuilds(corpus: Path, index_dir: Path) -> None:
    build(corpus, index_dir)
    garble_path_index(manifest_of(index_dir))
    assert_rebuilt(corpus, index_dir, "its manifest cannot be read (database disk image is malformed)")


def test_a_search_over_a_garbled_manifest_rebuilds_instead_of_calling_it_unwritable(
    corpus: Path, index_dir: Path
) -> None:
    build(corpus, index_dir)
    garble_path_index(manifest_of(index_dir))
    (corpus / "en" / "oman.txt").write_text("date 2025-06\nNew brief about Oman.\n", encoding="utf-8")
    found = briefread(corpus, index_dir, "search", "Oman")
    assert found.returncode == 0, found.stderr
    said = found.stderr.splitlines()[0]
    assert said == (
        "The index was damaged (its manifest cannot be read (database disk image is malformed)); "
        "it was rebuilt."
    )
    assert "cannot be written" not in found.stderr
    assert found.stdout.startswith("1 article ")
    again = update_index(corpus, index_dir)
    assert again.nothing_to_do and not again.recovered and again.total_articles == ARTICLES + 1


def test_a_manifest_found_damaged_while_an_update_writes_it_is_named_and_rebuilt_next(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from tui_reader.search.errors import IndexDamaged
    from tui_reader.search.manifest import Manifest

    build(corpus, index_dir)
    (corpus / "en" / "oman.txt").write_text("date 2025-06\nNew brief about Oman.\n", encoding="utf-8")

    def malformed(self: Manifest, entries: object) -> None:
        error = sqlite3.DatabaseError("database disk image is malformed")
        error.sqlite_errorcode = 11  # type: ignore[attr-defined]  # SQLITE_CORRUPT
        from tui_reader.search.manifest import _write_error

        raise _write_error(error, manifest_of(index_dir))

    with monkeypatch.context() as patched:
        patched.setattr(Manifest, "record", malformed)
        with pytest.raises(IndexDamaged) as failed:
            update_index(corpus, index_dir)
    assert str(failed.value) == (
        f"The index in {index_dir} is damaged (its manifest cannot be read (database disk image is "
        "malformed)); run `briefread index --rebuild`."
    )
    # The article that update committed goes with the rebuild: the next one names the manifest,
    # not a segment it finds unexpected, and holds every article once.
    summary = update_index(corpus, index_dir)
    assert summary.rebuilt and "its manifest cannot be read" in summary.recovered
    assert summary.total_articles == ARTICLES + 1
    library = Library.open(corpus, index_dir)
    ids = [row.id for row in library.search("")]
    assert len(ids) == len(set(ids)) == ARTICLES + 1
    library.close()


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _endless(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


@pytest.mark.parametrize(
    ("file_of", "replace"),
    [
        (lambda i: i / "briefread.json", _endless),
        (lambda i: i / "briefread.json", _fifo),
        (toc_of, _fifo),
        (manifest_of, _fifo),
    ],
    ids=["meta-dev-zero", "meta-fifo", "toc-fifo", "manifest-fifo"],
)
def test_a_file_of_the_index_that_is_no_regular_file_is_damage(
    corpus: Path, index_dir: Path, file_of: Callable[[Path], Path], replace: Callable[[Path], None]
) -> None:
    build(corpus, index_dir)
    path = file_of(index_dir)
    replace(path)
    # read, it would wait for ever (a FIFO) or never end (/dev/zero)
    assert_rebuilt(corpus, index_dir, f"{path.name} is not a regular file")


def test_a_folder_where_the_meta_file_or_the_lock_should_be_is_moved_aside_not_fatal(
    corpus: Path, index_dir: Path
) -> None:
    build(corpus, index_dir)
    meta = index_dir / "briefread.json"
    meta.unlink()
    meta.mkdir()
    (meta / "kept.txt").write_text("someone's file", encoding="utf-8")
    assert_rebuilt(corpus, index_dir, "briefread.json")
    (aside,) = index_dir.glob("briefread.json.moved-aside-*")
    assert (aside / "kept.txt").read_text(encoding="utf-8") == "someone's file"  # never deleted
    lock = index_dir / ".update.lock"
    lock.unlink()
    lock.mkdir()  # empty: removed
    assert update_index(corpus, index_dir).nothing_to_do
    assert lock.is_file()
