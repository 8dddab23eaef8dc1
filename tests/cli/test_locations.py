"""Which corpus an index belongs to: a mistyped --index or a missing corpus is said, never acted on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui_reader.cli import main


@pytest.fixture
def corpora(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    for root, text in ((first, "Le Qatar accueille une réunion."), (second, "Oil prices rose in London.")):
        root.mkdir()
        (root / "a.txt").write_text(f"date 2024-05\n\n{text}", encoding="utf-8")
    return first, second


def run(corpus: Path, index: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(index), *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_index_of_another_corpus_is_refused_not_rebuilt(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = corpora
    index = tmp_path / "index"
    assert run(first, index, "index")[0] == 0
    for args in (("search", "prices"), ("index",), ("entities",), ()):
        code, out, err = run(second, index, *args)
        assert code == 1, args
        assert f"was built for the corpus {first}, not {second}" in err and "--rebuild" in err
        assert "Traceback" not in out + err
    # the index is still the first corpus's
    code, out, _ = run(first, index, "search", "Qatar")
    assert code == 0 and out.startswith("1 article ")


def test_rebuild_replaces_an_index_of_another_corpus(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = corpora
    index = tmp_path / "index"
    run(first, index, "index")
    code, out, _ = run(second, index, "index", "--rebuild")
    assert code == 0 and "Rebuilt 1 article from 1 file " in out
    code, out, _ = run(second, index, "search", "prices")
    assert code == 0 and out.startswith("1 article ")


def seal_without_corpus(index: Path) -> None:
    """The seal as a release that did not write down the corpus left it."""
    for seal in index.glob("*.seal.json"):
        data = json.loads(seal.read_text(encoding="utf-8"))
        del data["corpus"]
        seal.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("sealed", [True, False], ids=["sealed-with-corpus", "older-seal"])
def test_an_index_whose_meta_is_unreadable_is_not_taken_over_for_another_corpus(
    corpora: tuple[Path, Path], tmp_path: Path, sealed: bool
) -> None:
    first, second = corpora
    index = tmp_path / "index"
    run(first, index, "index")
    (index / "briefread.json").write_text("{not json", encoding="utf-8")
    if not sealed:
        seal_without_corpus(index)
    for args in (("search", "prices"), ("index",), ()):
        code, out, err = run(second, index, *args)
        assert code == 1, args
        if sealed:
            assert f"was built for the corpus {first}, not {second}" in err
        else:
            assert err == (
                f"briefread: The index in {index} is damaged (briefread.json is not valid JSON) and the "
                f"corpus it was built for is unknown; run `briefread --corpus {second} --index {index} "
                "index --rebuild` to rebuild it for this corpus.\n"
            )
        assert "--rebuild" in err and "Traceback" not in out + err
    assert (index / "briefread.json").read_text(encoding="utf-8") == "{not json"  # left as it was
    code, out, _ = run(second, index, "index", "--rebuild")
    assert code == 0 and "The index was damaged (briefread.json is not valid JSON); it was rebuilt." in out
    assert "Rebuilt 1 article from 1 file " in out
    code, out, _ = run(second, index, "search", "prices")
    assert code == 0 and out.startswith("1 article ")


def test_an_unreadable_meta_of_this_corpus_index_is_damage_that_an_update_repairs(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = corpora
    index = tmp_path / "index"
    run(first, index, "index")
    (index / "briefread.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(first, index, "search", "Qatar")
    assert code == 0 and out.startswith("1 article ")
    assert err.splitlines()[0] == "The index was damaged (briefread.json is not valid JSON); it was rebuilt."
    (index / "briefread.json").write_text("[1, 2]", encoding="utf-8")
    code, out, err = run(first, index, "index")
    assert code == 0
    assert out.splitlines()[0] == (
        "The index was damaged (briefread.json does not hold what briefread writes there); it was rebuilt."
    )
    assert "Rebuilt 1 article from 1 file " in out


def test_a_missing_corpus_with_an_index_is_searched_as_indexed(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = corpora
    index = tmp_path / "index"
    run(first, index, "index")
    shutil.rmtree(first)
    code, out, err = run(first, index, "search", "Qatar")
    assert code == 0 and out.startswith("1 article ")
    assert f"The corpus directory {first} does not exist" in err and "Searching the index as it is" in err


def test_an_empty_corpus_folder_leaves_the_index_as_it_was_built(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    # a drive not mounted leaves its mount point: no reason to forget every article
    first, _ = corpora
    index = tmp_path / "index"
    run(first, index, "index")
    shutil.rmtree(first)
    first.mkdir()
    code, out, err = run(first, index, "search", "Qatar")
    assert code == 0 and out.startswith("1 article ")
    assert f"The corpus folder {first} is empty" in err and "Searching the index as it is" in err
    code, out, err = run(first, index, "index")
    assert code == 1 and "run `briefread index --rebuild` to empty it" in err
    assert run(first, index, "search", "Qatar")[1].startswith("1 article ")
    code, out, err = run(first, index, "index", "--rebuild")
    assert code == 0 and run(first, index, "search", "Qatar")[1].startswith("0 articles")


def test_a_missing_corpus_without_an_index_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for args in (("search", "x"), ("index",), ()):
        code, out, err = run(missing, tmp_path / "index", *args)
        assert code == 1, args
        assert f"The corpus directory {missing} does not exist; pass --corpus DIR" in err


def test_an_index_and_the_state_inside_the_corpus_are_not_read_as_articles(
    corpora: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = corpora
    index, state = first / "index", first / "state"
    monkeypatch.setenv("BRIEFREAD_STATE", str(state))
    state.mkdir()
    (state / "state.sqlite3").write_bytes(b"")  # marks and history, as the app keeps them
    for _ in range(2):
        code, out, _ = run(first, index, "index")
        assert code == 0
        assert not [line for line in out.splitlines() if line.startswith("skipped")]
    assert "Up to date: 1 file, 1 article; nothing to do; 0 skipped." in out
    code, out, err = run(first, index, "search", "Qatar")
    assert code == 0 and out.startswith("1 article ") and not err  # nothing to update first


def test_another_index_and_the_state_file_in_the_corpus_are_left_out_silently(
    corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = corpora
    assert run(first, first / "sub" / "old-index", "index")[0] == 0  # an index no longer used
    (first / "sub" / "b.txt").write_text("date 2024-06\n\nOman signs a treaty.", encoding="utf-8")
    monkeypatch.setenv("BRIEFREAD_STATE", str(first))  # the state folder is the corpus itself
    for name in ("state.sqlite3", "state.sqlite3-journal"):
        (first / name).write_bytes(b"")
    for _ in range(2):
        code, out, _ = run(first, tmp_path / "index", "index")
        assert code == 0
        assert not [line for line in out.splitlines() if line.startswith(("skipped", "warning"))], out
    assert "Up to date: 2 files, 2 articles; nothing to do; 0 skipped." in out
    # a folder that only looks like an index is read as any other
    (first / "notes").mkdir()
    (first / "notes" / "briefread.json").write_text('[{"text": "Le Maroc et le Qatar."}]', encoding="utf-8")
    code, out, _ = run(first, tmp_path / "index", "index")
    assert code == 0 and "Indexed 1 article from 1 file (1 new," in out


def test_an_index_that_is_the_corpus_or_holds_it_is_refused(
    corpora: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = corpora
    inner = tmp_path / "outer" / "corpus"
    shutil.copytree(first, inner)
    cases = {
        (
            first,
            first,
        ): f"The index cannot be the corpus folder {first} itself; use --index with another folder",
        (inner, inner.parent): f"The corpus {inner} is inside the index folder {inner.parent}; use --index",
    }
    for (corpus, index), said in cases.items():
        before = sorted(p.name for p in index.iterdir())
        for args in (("index",), ("index", "--rebuild"), ("search", "Qatar"), ("entities",), ()):
            code, out, err = run(corpus, index, *args)
            assert code == 1, args
            assert err.startswith(f"briefread: {said}") and err.count("\n") == 1, args
            assert "Traceback" not in out + err
        assert sorted(p.name for p in index.iterdir()) == before  # nothing written there


def _loop(folder: Path) -> Path:
    """Two symbolic links that point at each other; the first."""
    (folder / "loop_a").symlink_to("loop_b")
    (folder / "loop_b").symlink_to("loop_a")
    return folder / "loop_a"


COMMANDS = (("search", "Qatar"), ("index",), ("show", "x"), ("entities",), ())


def test_a_corpus_or_index_path_that_is_a_loop_of_links_is_one_line(
    corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = corpora
    loop = _loop(tmp_path)
    cases = [
        (
            (loop, tmp_path / "index"),
            f"The corpus path {loop} is a loop of symbolic links; fix the link, or pass another "
            "--corpus DIR.",
        ),
        (
            (first, loop),
            f"The index path {loop} is a loop of symbolic links; fix the link, or pass another --index DIR.",
        ),
        ((first, loop / "inside"), f"The index path {loop / 'inside'} is a loop of symbolic links;"),
    ]
    for (corpus, index), said in cases:
        for args in COMMANDS:
            code, out, err = run(corpus, index, *args)
            assert code == 1, args
            assert err.startswith(f"briefread: {said}") and err.count("\n") == 1, (args, err)
            assert "Traceback" not in out + err
    monkeypatch.setenv("BRIEFREAD_CORPUS", str(loop))
    for args in COMMANDS:
        result = CliRunner().invoke(main, ["--index", str(tmp_path / "index"), *args])
        assert result.exit_code == 1, args
        assert result.stderr == (
            f"briefread: The corpus path {loop} is a loop of symbolic links; fix the link, or set "
            "BRIEFREAD_CORPUS to another folder.\n"
        )
    assert not (tmp_path / "index").exists()


def test_a_corpus_folder_in_the_current_folder_that_is_a_loop_of_links_is_one_line(
    corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = corpora
    here = tmp_path / "here"
    here.mkdir()
    (here / "corpus").symlink_to(_loop(tmp_path))
    monkeypatch.chdir(here)
    for args in COMMANDS:
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 1, args
        assert result.stderr == (
            f"briefread: The corpus path {here / 'corpus'} is a loop of symbolic links; fix or remove "
            "the link, or pass --corpus DIR.\n"
        )
    # given another corpus, the ./corpus link is not read at all
    (here / "index").mkdir()
    code, out, _ = run(first, tmp_path / "index", "search", "Qatar")
    assert code == 0 and out.startswith("1 article ")


def test_a_path_too_long_is_said_as_such(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = corpora
    too_long = tmp_path.joinpath(*["a" * 200] * 25)  # over PATH_MAX
    long_name = tmp_path / ("b" * 300)  # over NAME_MAX
    cases = [
        ((too_long, tmp_path / "index"), "The corpus path", "use --corpus with a shorter path."),
        ((long_name, tmp_path / "index"), "The corpus path", "use --corpus with a shorter path."),
        ((first, too_long), "The index path", "use --index with a shorter path."),
        ((first, long_name / "index"), "The index path", "use --index with a shorter path."),
    ]
    for (corpus, index), what, advice in cases:
        for args in COMMANDS:
            code, out, err = run(corpus, index, *args)
            assert code == 1, args
            assert err.startswith(f"briefread: {what} {tmp_path}/"), (args, err)
            assert err.endswith(f" is too long (File name too long); {advice}\n"), (args, err)
            assert len(err) < 300 and "cannot write the output" not in err
            assert "Traceback" not in out + err


def test_an_update_into_a_path_too_long_says_so(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    from tui_reader.search import IndexUnavailable
    from tui_reader.search.indexer import update_index

    first, _ = corpora
    with pytest.raises(
        IndexUnavailable, match=r"is too long \(File name too long\); use --index with a shorter"
    ):
        update_index(first, tmp_path / ("b" * 300))


def test_an_unforeseen_error_of_a_file_is_not_said_to_be_the_outputs(
    corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.search import Library

    first, _ = corpora

    def failing(*_: object) -> None:
        raise OSError(5, "Input/output error", str(tmp_path / "index" / "x"))

    monkeypatch.setattr(Library, "open", failing)
    code, out, err = run(first, tmp_path / "index", "search", "Qatar")
    assert code == 1 and "Traceback" not in out + err
    assert err == (
        f"briefread: {tmp_path / 'index' / 'x'} cannot be used (Input/output error); check that path "
        "and try again.\n"
    )


def test_a_path_from_the_home_folder_of_no_user_is_one_line(
    corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = corpora
    nobody = Path("~no-such-user-of-briefread/news")
    for (corpus, index), what in (((nobody, tmp_path / "index"), "corpus"), ((first, nobody), "index")):
        for args in COMMANDS:
            code, out, err = run(corpus, index, *args)
            assert code == 1, args
            assert err == (
                f"briefread: The {what} path {nobody} starts with ~no-such-user-of-briefread, but there "
                f"is no user no-such-user-of-briefread; use --{what} with a full path.\n"
            ), args
            assert "Traceback" not in out + err
    monkeypatch.setenv("BRIEFREAD_CORPUS", str(nobody))
    result = CliRunner().invoke(main, ["--index", str(tmp_path / "index"), "search", "Qatar"])
    assert result.exit_code == 1
    assert result.stderr.endswith("; set BRIEFREAD_CORPUS to a full path.\n")
    assert not (tmp_path / "index").exists()


def test_a_deleted_current_folder_is_said_only_when_a_path_needs_it(
    corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = corpora
    index = tmp_path / "index"
    assert run(first, index, "index")[0] == 0
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    # full paths need no current folder
    code, out, _ = run(first, index, "search", "Qatar")
    assert code == 0 and out.startswith("1 article ")
    said = (
        "briefread: The current folder no longer exists; cd to a folder that does, or pass "
        "--corpus DIR and --index DIR as full paths.\n"
    )
    for corpus, index_arg in ((Path("first"), index), (first, Path("index"))):
        code, out, err = run(corpus, index_arg, "search", "Qatar")
        assert (code, err) == (1, said)
        assert "Traceback" not in out + err
    result = CliRunner().invoke(main, ["search", "Qatar"])  # ./corpus cannot be looked for
    assert (result.exit_code, result.stderr) == (1, said)
