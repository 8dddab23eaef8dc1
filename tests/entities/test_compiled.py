"""The default tagger kept in the user's cache: read back when it is there and sound, built
again otherwise."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from tui_reader.entities import compiled
from tui_reader.entities.registry import default_registry
from tui_reader.entities.tagger import Tagger

TEXT = "Le directeur de la DGSN-DGST était à Vienne, capitale de l'Autriche, avec l'ONU et Daech."


class Builds:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> Tagger:
        self.count += 1
        return Tagger(default_registry()).build_all()


def test_the_kept_tagger_is_read_back_and_tags_the_same(tmp_path: Path) -> None:
    build = Builds()
    first = compiled.load_or_build(Tagger, build, tmp_path)
    kept = list(tmp_path.glob("*.pickle"))
    assert build.count == 1 and len(kept) == 1
    second = compiled.load_or_build(Tagger, build, tmp_path)
    assert build.count == 1 and second is not first
    assert second.tag(TEXT, "fr") == first.tag(TEXT, "fr") != []
    assert second.tag(TEXT, "en") == first.tag(TEXT, "en")


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"a": 1})])
def test_a_broken_or_foreign_file_is_built_again_and_replaced(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / f"{compiled.fingerprint()}.pickle"
    path.write_bytes(content)
    build = Builds()
    tagger = compiled.load_or_build(Tagger, build, tmp_path)
    assert build.count == 1 and tagger.tag(TEXT, "fr")
    assert compiled.load_or_build(Tagger, build, tmp_path).tag(TEXT, "fr") == tagger.tag(TEXT, "fr")
    assert build.count == 1


def test_an_unwritable_cache_only_means_building(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    build = Builds()
    assert compiled.load_or_build(Tagger, build, blocked / "tagger").tag(TEXT, "fr")
    assert compiled.load_or_build(Tagger, build, blocked / "tagger").tag(TEXT, "fr")
    assert build.count == 2


def test_files_of_other_versions_go_once_they_are_old(tmp_path: Path) -> None:
    stale = tmp_path / "0123456789abcdef0123.pickle"
    recent = tmp_path / "abcdef0123456789abcd.pickle"
    building = tmp_path / ".building-x.pickle"  # another process writing its file
    for path in (stale, recent, building):
        path.write_bytes(b"built from other data")
    long_ago = time.time() - 30 * 24 * 3600
    os.utime(stale, (long_ago, long_ago))
    os.utime(building, (long_ago, long_ago))
    compiled.load_or_build(Tagger, Builds(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{compiled.fingerprint()}.pickle", recent.name, building.name]
    )


def test_only_the_latest_few_files_of_other_versions_stay(tmp_path: Path) -> None:
    now = time.time()
    others = [tmp_path / f"{n:020x}.pickle" for n in range(6)]
    for age, path in enumerate(others):
        path.write_bytes(b"built from other data")
        os.utime(path, (now - 60 * age, now - 60 * age))  # the first is the latest
    compiled.load_or_build(Tagger, Builds(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{compiled.fingerprint()}.pickle", *(p.name for p in others[:3])]
    )


def test_the_fingerprint_follows_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "organizations.tsv").write_text("id\tkind\n")
    monkeypatch.setattr(compiled, "_SOURCES", (data,))
    before = compiled.fingerprint()
    (data / "organizations.tsv").write_text("id\tkind\norg:x\tother\n")
    assert compiled.fingerprint() != before


def test_a_process_keeps_what_it_builds_under_the_name_of_the_code_it_started_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the files change on disk while a process that imported the old ones runs on (an app left
    # open across an upgrade): what it builds is the old code's, and must not be kept under the
    # new files' name, where a new process would read it back
    data = tmp_path / "data"
    data.mkdir()
    (data / "organizations.tsv").write_text("id\tkind\norg:new\tother\n")
    monkeypatch.setattr(compiled, "_SOURCES", (data,))
    assert compiled.fingerprint() != compiled._LOADED
    cache = tmp_path / "cache"
    compiled.load_or_build(Tagger, Builds(), cache)
    assert [p.name for p in cache.iterdir()] == [f"{compiled._LOADED}.pickle"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_a_file_another_user_wrote_is_not_read(tmp_path: Path) -> None:
    build = Builds()
    compiled.load_or_build(Tagger, build, tmp_path)
    (path,) = tmp_path.glob("*.pickle")
    os.chown(path, 4242, -1)
    compiled.load_or_build(Tagger, build, tmp_path)
    assert build.count == 2


def test_the_version_an_index_records_names_the_registry_the_code_and_the_options() -> None:
    from tui_reader.entities import Tagger, default_registry, default_tagger, default_version

    assert default_tagger().version == default_version()
    assert default_version().startswith(default_registry().version + ".")
    other = {Tagger(default_registry(), rules=False).version, Tagger(default_registry(), guards=[]).version}
    assert default_version() not in other and len(other) == 2
