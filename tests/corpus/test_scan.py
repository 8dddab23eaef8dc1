"""Walking a corpus folder: order, ignored names, skipped entries, links, hostile trees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui_reader.corpus import Skipped, SourceFile, read_file, scan


def write(root: Path, relpath: str, text: str = "date 2025-05 Un texte de brief.") -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def listing(root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """(paths of the files listed, (path, reason) of what was skipped)."""
    items = list(scan(root))
    files = [item.path for item in items if isinstance(item, SourceFile)]
    skipped = [(item.path, item.reason) for item in items if isinstance(item, Skipped)]
    return files, skipped


def test_files_are_listed_sorted_with_size_and_mtime(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.md", "a-b.jsonl", "A.json", "é.txt", "a/b/c.txt", "NOTE.TXT"]:
        write(tmp_path, name)
    items = list(scan(tmp_path))
    assert all(isinstance(item, SourceFile) for item in items)
    paths = [item.path for item in items]
    assert paths == sorted(paths) and len(paths) == 7 and "a/b/c.txt" in paths
    first = items[0]
    assert isinstance(first, SourceFile)
    status = (tmp_path / first.path).stat()
    assert (first.size, first.mtime_ns) == (status.st_size, status.st_mtime_ns)
    assert items == list(scan(tmp_path))


def test_hidden_and_readme_files_are_ignored_silently(tmp_path: Path) -> None:
    for name in [
        ".hidden.txt",
        ".git/x.txt",
        "sub/.DS_Store",
        "README.md",
        "sub/readme.txt",
        "LICENSE",
        "sub/LICENCE.md",
        "Readme",
        "README.rst",
        "License.txt",
        "COPYING",
        "sub/CHANGELOG.md",
        "keep.txt",
    ]:
        write(tmp_path, name)
    assert listing(tmp_path) == (["keep.txt"], [])


def test_articles_named_like_repository_files_are_listed(tmp_path: Path) -> None:
    # Only the whole name before the extension marks a repository file, not its first letters.
    names = [
        "licences-de-peche-maroc.txt",
        "LICENSED-exports.md",
        "readme-first.jsonl",
        "sub/Licensing.txt",
        "copyings.md",
        "README.fr.md",
    ]
    for name in names:
        write(tmp_path, name)
    files, skipped = listing(tmp_path)
    assert (sorted(files), skipped) == (sorted(names), [])
    [article] = read_file(tmp_path, "licences-de-peche-maroc.txt").articles
    assert article.text == "Un texte de brief."


def test_unsupported_and_special_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path, "image.png")
    write(tmp_path, "Makefile")
    write(tmp_path, "ok.md")
    os.mkfifo(tmp_path / "pipe.txt")
    assert listing(tmp_path) == (
        ["ok.md"],
        [
            ("Makefile", "unsupported file type (no extension)"),
            ("image.png", "unsupported file type .png"),
            ("pipe.txt", "not a regular file"),
        ],
    )


def test_names_that_are_not_utf8_or_hold_controls_are_skipped(tmp_path: Path) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.txt"), "wb") as file:
        file.write(b"text")
    write(tmp_path, "esc\x1b[31m.txt")
    files, skipped = listing(tmp_path)
    assert files == []
    assert sorted(skipped) == [
        ("bad\ufffd.txt", "file name is not valid UTF-8 or holds control characters"),
        ("esc\ufffd[31m.txt", "file name is not valid UTF-8 or holds control characters"),
    ]


def test_deep_nesting(tmp_path: Path) -> None:
    relpath = "/".join(f"d{n}" for n in range(60)) + "/deep.txt"
    write(tmp_path, relpath)
    assert listing(tmp_path) == ([relpath], [])
    [article] = read_file(tmp_path, relpath).articles
    assert article.path == relpath


def test_missing_root(tmp_path: Path) -> None:
    assert list(scan(tmp_path / "nowhere")) == [Skipped(".", "corpus folder not found")]
    write(tmp_path, "file.txt")
    assert list(scan(tmp_path / "file.txt")) == [Skipped(".", "corpus folder not found")]


def test_a_folder_that_cannot_be_listed_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "locked/secret.txt")
    write(tmp_path, "open.txt")
    real_scandir = os.scandir
    locked = str(tmp_path / "locked")

    def scandir(path: str) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert listing(tmp_path) == (["open.txt"], [("locked", "permission denied")])


def test_links_outside_the_corpus_are_not_followed(tmp_path: Path) -> None:
    root, outside = tmp_path / "corpus", tmp_path / "outside"
    write(outside, "secret.txt", "date 2025 Secret.")
    write(root, "a.txt")
    (root / "file-link.txt").symlink_to(outside / "secret.txt")
    (root / "folder-link").symlink_to(outside)
    (root / "relative.txt").symlink_to("../outside/secret.txt")
    assert listing(root) == (
        ["a.txt"],
        [
            ("file-link.txt", "links outside the corpus"),
            ("folder-link", "links outside the corpus"),
            ("relative.txt", "links outside the corpus"),
        ],
    )
    for path in ["file-link.txt", "relative.txt", "folder-link/secret.txt", "../outside/secret.txt"]:
        reading = read_file(root, path)
        assert reading.articles == [] and [s.reason for s in reading.skipped] == ["links outside the corpus"]


def test_symlink_loops_end(tmp_path: Path) -> None:
    write(tmp_path, "sub/a.txt")
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "self").symlink_to(".")
    (tmp_path / "x.txt").symlink_to("y.txt")
    (tmp_path / "y.txt").symlink_to("x.txt")
    (tmp_path / "dangling.txt").symlink_to("missing.txt")
    assert listing(tmp_path) == (
        ["sub/a.txt"],
        [
            ("dangling.txt", "broken link"),
            ("self", "symlink loop"),
            ("sub/up", "symlink loop"),
            ("x.txt", "symlink loop"),
            ("y.txt", "symlink loop"),
        ],
    )
    assert [s.reason for s in read_file(tmp_path, "x.txt").skipped] == ["symlink loop"]


def test_links_inside_the_corpus_are_followed_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt")
    write(tmp_path, "sub/b.txt")
    write(tmp_path, ".archive/c.txt")
    (tmp_path / "alias.txt").symlink_to("a.txt")
    (tmp_path / "0-sub").symlink_to("sub")
    (tmp_path / "archive").symlink_to(".archive")
    (tmp_path / "zarchive").symlink_to(".archive")
    (tmp_path / "sub" / "c-again.txt").symlink_to("../.archive/c.txt")
    assert listing(tmp_path) == (
        ["a.txt", "archive/c.txt", "sub/b.txt"],
        [
            ("0-sub", "same folder as sub"),
            ("alias.txt", "same file as a.txt"),
            ("sub/c-again.txt", "same file as archive/c.txt"),
            ("zarchive", "same folder as archive"),
        ],
    )
    [article] = read_file(tmp_path, "archive/c.txt").articles
    assert article.path == "archive/c.txt"


def test_a_file_with_several_hard_links_is_read_once(tmp_path: Path) -> None:
    write(tmp_path, "b/brief.txt")
    write(tmp_path, "other.txt")
    os.link(tmp_path / "b" / "brief.txt", tmp_path / "a-copy.txt")
    (tmp_path / "z").mkdir()
    os.link(tmp_path / "b" / "brief.txt", tmp_path / "z" / "again.txt")
    (tmp_path / "link.txt").symlink_to("z/again.txt")
    assert listing(tmp_path) == (
        ["a-copy.txt", "other.txt"],
        [
            ("b/brief.txt", "same file as a-copy.txt"),
            ("link.txt", "same file as a-copy.txt"),
            ("z/again.txt", "same file as a-copy.txt"),
        ],
    )


def test_names_with_dots_and_cases_are_split_as_os_path_splitext_splits_them(tmp_path: Path) -> None:
    """The walk splits a name's extension without `os.path.splitext`; a link (followed apart)
    still uses it. Both decide alike, and a folder with one bad name lists its others."""
    names = [
        "a..txt",
        "x.",
        "noext",
        "UPPER.TXT",
        "dots...md",
        "a.b.c.json",
        "readme.",
        "README..md",
        "Readme.TXT",
        "LICENSE.tar.gz",
        "changelog.d/news.txt",
        "sub/bell\x07.txt",
        "sub/fine.txt",
    ]
    for name in names:
        write(tmp_path, name)
    for name in ["a..txt", "x.", "Readme.TXT", "README..md"]:
        os.symlink(tmp_path / name, tmp_path / f"link-{name}")
    files, skipped = listing(tmp_path)
    expected_files = []
    expected_skipped = [("sub/bell\ufffd.txt", "file name is not valid UTF-8 or holds control characters")]
    # links after the names: a link to an ignored file lists it under the link's path
    for path in [*names, "link-a..txt", "link-x.", "link-Readme.TXT", "link-README..md"]:
        name = path.rsplit("/", 1)[-1]
        if path.startswith("sub/bell"):
            continue
        stem, suffix = os.path.splitext(name)
        if stem.lower() in {"readme", "license", "licence", "copying", "changelog"}:
            continue
        if suffix.lower() not in {".txt", ".md", ".json", ".jsonl"}:
            reason = "unsupported file type " + (suffix.lower() if suffix else "(no extension)")
            expected_skipped.append((path, reason))
        elif path.startswith("link-") and path.removeprefix("link-") in expected_files:
            expected_skipped.append((path, f"same file as {path.removeprefix('link-')}"))
        else:
            expected_files.append(path)
    assert files == sorted(expected_files)
    assert sorted(skipped) == sorted(expected_skipped)


def test_folder_stamps_tell_a_file_added_or_removed(tmp_path: Path) -> None:
    from tui_reader.corpus.scan import folder_stamps, folders_changed

    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A brief.", encoding="utf-8")
    stamps = folder_stamps(tmp_path)
    assert set(stamps) == {str(tmp_path.resolve()), str((tmp_path / "sub").resolve())}
    assert not folders_changed(stamps)
    (tmp_path / ".git" / "x").write_text("not watched", encoding="utf-8")
    assert not folders_changed(stamps)
    new = tmp_path / "sub" / "b.txt"
    new.write_text("Another.", encoding="utf-8")
    os.utime(tmp_path / "sub", ns=(1, 1))  # whatever the file system's clock resolution
    assert folders_changed(stamps)
    stamps = folder_stamps(tmp_path)
    shutil.rmtree(tmp_path / "sub")
    assert folders_changed(stamps)
