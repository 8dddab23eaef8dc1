"""The command line, as a user runs it."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEED, need
from tui_reader.cli import dump_json, main, terminal_safe
from tui_reader.entities import default_tagger
from tui_reader.wording import counted


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("date 2024-05\n\nLe Qatar accueille une réunion.", encoding="utf-8")
    (root / "b.txt").write_text("date 2023\n\nOil prices rose in London.", encoding="utf-8")
    return root


def cli(corpus: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(
        main, ["--corpus", str(corpus), "--index", str(corpus.parent / "index"), *args], input=stdin
    )
    return result.exit_code, result.stdout, result.stderr


def test_index_then_nothing_to_do(corpus: Path) -> None:
    code, out, _ = cli(corpus, "index")
    assert code == 0
    assert "Indexed 2 articles from 2 files" in out and "docs/s" in out
    code, out, _ = cli(corpus, "index")
    assert code == 0 and "nothing to do" in out


def test_a_file_of_bad_lines_is_reported_in_its_first_lines_and_a_count(corpus: Path) -> None:
    (corpus / "bad.jsonl").write_text("{x\n" * 2_000, encoding="utf-8")
    for _ in range(2):
        code, out, _ = cli(corpus, "index")
        assert code == 0
        lines = [line for line in out.splitlines() if line.startswith("skipped bad.jsonl")]
        assert len(lines) == 21 and lines[19].startswith("skipped bad.jsonl:20: invalid JSON")
        assert lines[20] == "skipped bad.jsonl: and 1,980 more lines skipped"
        assert "; 2,000 skipped." in out


def test_an_index_an_earlier_release_built_is_rebuilt_and_says_why(corpus: Path) -> None:
    from tui_reader.search.store import read_meta, write_meta

    assert cli(corpus, "index")[0] == 0
    index_dir = corpus.parent / "index"
    meta = read_meta(index_dir)
    meta.registry = "0123456789ab.older"
    write_meta(index_dir, meta)
    why = "This version of briefread finds countries and organizations differently; the index was rebuilt."
    code, _, err = cli(corpus, "search", "Qatar")
    assert code == 0 and why in err
    code, out, _ = cli(corpus, "index")
    assert code == 0 and "nothing to do" in out and why not in out


def test_search_json_schema(corpus: Path) -> None:
    code, out, _ = cli(corpus, "search", "Qatar", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "took_ms", "fallback", "hits"}
    assert data["total"] == 1 and data["took_ms"] >= 0
    hit = data["hits"][0]
    assert set(hit) == {"id", "date", "title", "lang", "path", "score", "entities", "snippets"}
    assert hit["date"] == "2024-05" and hit["path"] == "a.txt"
    snippet = hit["snippets"][0]
    start, end = snippet["matches"][0]
    assert snippet["text"][start:end] == "Qatar"


def test_search_updates_the_index_first(corpus: Path) -> None:
    cli(corpus, "index")
    (corpus / "c.txt").write_text("date 2025\n\nNews from Nairobi.", encoding="utf-8")
    code, out, _ = cli(corpus, "search", "Nairobi", "--json")
    assert code == 0 and json.loads(out)["total"] == 1


def test_search_reads_a_query_as_enter_in_the_reader_does(corpus: Path) -> None:
    code, out, err = cli(corpus, "search", "Qata")
    assert code == 0 and out.startswith("1 article")
    assert "No article has the word 'Qata': these have words that start with it (Qata*)." in err
    code, out, err = cli(corpus, "search", '"Oil pri', "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 1 and '("Oil pri*")' in data["fallback"]
    assert data["hits"][0]["snippets"][0]["matches"]  # the phrase found is highlighted


def test_malformed_query_says_it_fell_back(corpus: Path) -> None:
    code, out, _ = cli(corpus, "search", '"Qatar', "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 1 and "quote" in data["fallback"]


def test_arguments_with_bytes_that_are_not_utf8_fail_cleanly(corpus: Path) -> None:
    """Python keeps such bytes of the command line as lone surrogates ("\udcff" for 0xFF)."""
    code, _, err = cli(corpus, "show", "\udcff")
    assert code == 1 and "No article has the id '\ufffd'" in err
    code, out, _ = cli(corpus, "search", "\udcff\udcfe", "--json")
    assert code == 0 and json.loads(out)["total"] == 0
    code, out, _ = cli(corpus, "entities", "Qatar\udcff")
    assert code == 0


def test_a_corpus_path_with_bytes_that_are_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus\udcff"  # the folder's name holds the byte 0xFF
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2024-05\n\nLe Qatar accueille une réunion.", encoding="utf-8")
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "search", "Qatar", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 1


def test_a_query_that_starts_with_a_hyphen_is_a_query(corpus: Path) -> None:
    code, out, err = cli(corpus, "search", "-Qatar", "--json")
    assert code == 0, err
    assert json.loads(out)["query"] == "-Qatar"
    code, _, err = cli(corpus, "entities", "-Qatar")
    assert code == 0, err


@pytest.mark.parametrize(
    ("args", "query", "hits"),
    [
        (["-Iran", "-n", "5"], "-Iran", 2),  # not -I -r -a -n: "-n" is no part of the query
        (["-n", "1", "-Iran"], "-Iran", 1),
        (["-nord", "--limit=1"], "-nord", 1),
        (["-n5", "-Qatar"], "-Qatar", 1),
        (['-"premier ministre"'], '-"premier ministre"', 2),
        (["-(Qatar OR Oman)"], "-(Qatar OR Oman)", 1),
        (["Oil", "-Qatar"], "Oil -Qatar", 1),  # several words are one query
        (["--json", "--", "-Qatar"], "-Qatar", 1),  # after "--", words only
    ],
)
def test_only_the_commands_options_are_options(corpus: Path, args: list[str], query: str, hits: int) -> None:
    code, out, err = cli(corpus, "search", *args, *([] if "--json" in args else ["--json"]))
    assert code == 0, err
    answer = json.loads(out)
    assert (answer["query"], len(answer["hits"])) == (query, hits)


def test_entities_of_a_query_that_starts_with_a_hyphen(corpus: Path) -> None:
    code, out, err = cli(corpus, "entities", "-Chine", "--json")
    assert code == 0, err
    assert [e["id"] for e in json.loads(out)] == ["country:QA"]
    code, out, err = cli(corpus, "entities", "-Qatar", "--json")
    assert code == 0 and json.loads(out) == []


def test_entities_of_one_kind_take_org_as_the_query_filter_does(corpus: Path) -> None:
    (corpus / "c.txt").write_text("date 2024\n\nL'ONU et le Maroc.", encoding="utf-8")
    code, out, err = cli(corpus, "entities", "--kind", "org", "--json")
    assert code == 0, err
    assert [e["id"] for e in json.loads(out)] == ["org:un"]
    assert cli(corpus, "entities", "--kind", "organization", "--json")[1] == out
    code, out, _ = cli(corpus, "entities", "--kind", "country", "--json")
    assert "org:un" not in out and "country:MA" in out


def test_entities_of_a_mended_query_say_so_and_an_empty_list_says_it_is_empty(corpus: Path) -> None:
    code, out, err = cli(corpus, "entities", '"Qatar')
    assert code == 0 and "note: Searched 'Qatar' instead" in err
    assert "country:QA" in out
    code, out, _ = cli(corpus, "entities", "zzqqxx")
    assert code == 0 and out.strip() == "No entities in 0 articles."


def test_counts_say_one_article_and_one_mention(corpus: Path) -> None:
    (corpus / "c.txt").write_text("date 2024\n\nLa Tunisie, la Tunisie et le Maroc.", encoding="utf-8")
    code, out, _ = cli(corpus, "entities")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows and all(row[1] == ("article" if row[0] == "1" else "articles") for row in rows)
    assert all(row[3] == ("mention" if row[2] == "1" else "mentions") for row in rows)
    assert any(row[0] == "1" for row in rows)
    # the columns stay aligned whatever the noun
    assert len({line.index(":") for line in out.splitlines()}) == 1
    code, out, _ = cli(corpus, "tag", stdin="Le Maroc.\n")
    assert code == 0 and out.splitlines()[-1] == "1 mention"


def test_a_search_that_rebuilds_a_damaged_index_says_why(corpus: Path) -> None:
    cli(corpus, "index")
    for manifest in (corpus.parent / "index").glob("manifest-*.sqlite"):
        manifest.unlink()
    code, out, err = cli(corpus, "search", "Qatar", "--json")
    assert code == 0 and json.loads(out)["total"] == 1
    assert "The index was damaged (its manifest is missing); it was rebuilt." in err


def test_show_prints_text_and_json(corpus: Path) -> None:
    _, out, _ = cli(corpus, "search", "Oil", "--json")
    article_id = json.loads(out)["hits"][0]["id"]
    code, out, _ = cli(corpus, "show", article_id)
    assert code == 0 and "Oil prices rose in London." in out
    code, out, _ = cli(corpus, "show", article_id, "--json")
    data = json.loads(out)
    assert data["text"] == "Oil prices rose in London." and data["date"] == "2023"
    assert isinstance(data["mentions"], list)


def test_unknown_id_is_one_line_error(corpus: Path) -> None:
    cli(corpus, "index")
    code, _, err = cli(corpus, "show", "nope")
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_corpus_is_one_line_error(tmp_path: Path) -> None:
    code, _, err = cli(tmp_path / "missing", "search", "x")
    assert code == 1
    assert "does not exist" in err and err.count("\n") == 1


def test_usage_error_exits_2(corpus: Path) -> None:
    code, _, _ = cli(corpus, "search")
    assert code == 2


def test_seed_is_found_by_qaida_and_emirats(corpus: Path) -> None:
    shutil.copy(need(SEED), corpus / SEED.name)
    for query in ("Qaida", '"emirats arabes unis"', "Emirats"):
        code, out, _ = cli(corpus, "search", query, "--json")
        assert code == 0
        hits = json.loads(out)["hits"]
        seed = [h for h in hits if h["path"] == SEED.name]
        assert seed and seed[0]["date"] == "2025-05", query
    code, out, _ = cli(corpus, "show", seed[0]["id"])
    assert "Le directeur général du pôle DGSN-DGST" in out


def test_terminal_safe_neutralises_escapes() -> None:
    hostile = "a\x1b[2Jb\x9b31mc\u202ed\x07 line\u2028para\u2029"
    safe = terminal_safe(hostile)
    assert not any(ch in safe for ch in "\x1b\x9b\u202e\x07\u2028\u2029")
    assert safe.startswith("a") and "[2Jb" in safe


def test_terminal_safe_keeps_the_joiners_that_scripts_and_emoji_are_written_with() -> None:
    persian = "می\u200cخواهم"  # "I want": the non-joiner keeps the first word apart
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert terminal_safe(persian) == persian and terminal_safe(family, one_line=True) == family
    assert terminal_safe("a\u202eb\u200bc") == "a\ufffdb\ufffdc"


def test_json_escapes_control_and_format_characters() -> None:
    out = dump_json({"t": "é\x1b[31m\x9b\u202e\u2028"})
    assert not any(ch in out for ch in "\x1b\x9b\u202e\u2028")
    assert json.loads(out)["t"] == "é\x1b[31m\x9b\u202e\u2028"


def test_json_escapes_format_characters_beyond_the_first_plane_as_a_pair() -> None:
    # tag characters (U+E0000-U+E007F) can hide text; private use is no text at all
    hidden = "a\U000e0041\U000f0000b"
    out = dump_json(hidden)
    assert out == '"a\\udb40\\udc41\\udb80\\udc00b"'
    assert json.loads(out) == hidden


def test_tag_jsonl_answers_each_line_before_the_next_arrives() -> None:
    """A program may feed one line, wait for its answer, then feed the next."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "tag", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for n, text in enumerate(["Le Maroc et l'ONU.", "NATO met in Vienna."]):
            proc.stdin.write((json.dumps({"id": n, "text": text}) + "\n").encode())
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, f"no answer to line {n} while standard input stays open"
            answer = json.loads(proc.stdout.readline())
            assert answer["id"] == n and answer["mentions"]
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0


FRENCH_RESULTS = (
    "Le coureur Armstrong (EU) a gagné l'étape devant les coureurs du peloton, et il a dit que la "
    "course était dure pour tous les concurrents de la journée."
)


def _tagged_ids(args: list[str], payload: str) -> list[list[str]]:
    result = CliRunner().invoke(main, ["tag", *args], input=payload)
    assert result.exit_code == 0, result.output
    if "--jsonl" in args:
        return [[m["id"] for m in json.loads(line)["mentions"]] for line in result.stdout.splitlines()]
    return [[m["id"] for m in json.loads(result.stdout)]]


def test_tag_detects_the_language_when_none_is_given() -> None:
    # French writes "UE" for the European Union: "(EU)" after a name is the United States
    assert _tagged_ids(["--json"], FRENCH_RESULTS) == [[]]
    assert _tagged_ids(["--json", "--lang", "und"], FRENCH_RESULTS) == [["org:eu"]]
    lines = [
        json.dumps({"id": 1, "text": FRENCH_RESULTS}),
        json.dumps({"id": 2, "text": FRENCH_RESULTS, "lang": "French"}),
        json.dumps({"id": 3, "text": FRENCH_RESULTS, "lang": "und"}),
    ]
    assert _tagged_ids(["--jsonl"], "\n".join(lines)) == [[], [], ["org:eu"]]


@pytest.mark.parametrize("lang", ["zz", "de", "", "x\x1b[2J"])
@pytest.mark.parametrize("mode", [[], ["--json"], ["--jsonl"]])
def test_tag_refuses_a_language_it_does_not_know(lang: str, mode: list[str]) -> None:
    result = CliRunner().invoke(main, ["tag", *mode, "--lang", lang], input="Le Maroc.\n")
    assert result.exit_code == 2
    assert not result.stdout
    assert "is not a language briefread tags: use fr, en, ar or und" in result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr


def test_tag_takes_a_known_language_however_it_is_written() -> None:
    for lang in ("fr", "FR", "fr-CA", "French", "français"):
        assert _tagged_ids(["--json", "--lang", lang], "Le Maroc.") == [["country:MA"]]
    assert _tagged_ids(["--json", "--lang", "en"], "Morocco.") == [["country:MA"]]
    assert _tagged_ids(["--json", "--lang", "ar"], "المغرب") == [["country:MA"]]


def test_tag_jsonl_answers_a_bad_line_and_goes_on() -> None:
    lines = [
        "[" * 100_000,  # nested too deep for the JSON reader
        "\x1c",  # white space to Python, not to JSON
        json.dumps({"id": float("nan"), "text": "Le Maroc."}),
        json.dumps({"id": [{"a": float("-inf")}], "text": "Le Maroc."}),  # inside, too
        json.dumps({"id": 4, "text": "Le Maroc."}),
    ]
    result = CliRunner().invoke(main, ["tag", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.split("\n")[:-1]]
    assert [(a["id"], a.get("line"), bool(a.get("error"))) for a in answers] == [
        (None, 1, True),
        (None, 2, True),
        (None, 3, True),
        (None, 4, True),
        (4, None, False),
    ]
    assert answers[4]["mentions"][0]["id"] == "country:MA"


def test_tag_jsonl_answers_a_blank_line_so_answers_stay_aligned() -> None:
    record = json.dumps({"id": "a", "text": "Le Maroc."})
    payload = "\n".join([record, "", "  \t\r", record.replace('"a"', '"b"'), "\ufeff"]) + "\n"
    result = CliRunner().invoke(main, ["tag", "--jsonl"], input=payload)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["id"], a.get("line"), a.get("error"), len(a["mentions"])) for a in answers] == [
        ("a", None, None, 1),
        (None, 2, "the line is empty", 0),
        (None, 3, "the line is empty", 0),
        ("b", None, None, 1),
        (None, 5, "the line is empty", 0),
    ]


def test_tag_jsonl_reads_a_byte_order_mark_and_answers_in_its_own_words() -> None:
    record = json.dumps({"id": 1, "text": "Le Maroc."})
    lines = [
        "\ufeff" + record,  # a file saved with a byte-order mark
        record,
        "\ufeff" + record,  # files joined with `cat`
        "{bad",
        '{"id": ' + "1" * 5000 + ', "text": "x"}',  # more digits than Python reads
        "[" * 100_000,
    ]
    result = CliRunner().invoke(main, ["tag", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["mentions"][0]["id"] for a in answers[:3]] == ["country:MA"] * 3
    assert [a["mentions"][0]["start"] for a in answers[:3]] == [3] * 3
    assert [a["error"] for a in answers[3:]] == [
        "the line is not valid JSON (at character 2)",
        "the line holds a number too long to read",
        "the line is nested too deep",
    ]


def test_tag_jsonl_a_record_without_text_is_answered_under_its_own_id() -> None:
    lines = [json.dumps({"id": "c"}), json.dumps({"id": [1, {"a": 2}], "text": 5}), json.dumps(["text"])]
    result = CliRunner().invoke(main, ["tag", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["id"], a["line"], a["error"]) for a in answers] == [
        ("c", 1, 'each line needs a "text" string'),
        ([1, {"a": 2}], 2, 'each line needs a "text" string'),
        (None, 3, 'each line needs a "text" string'),
    ]


def test_tag_jsonl_a_line_lang_that_names_no_language_falls_back_to_the_option() -> None:
    lines = [json.dumps({"id": 1, "text": FRENCH_RESULTS, "lang": bad}) for bad in (5, "?", None)]
    assert _tagged_ids(["--jsonl", "--lang", "UND"], "\n".join(lines)) == [["org:eu"]] * 3


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ("Élections législatives au Sénégal".encode("latin-1"), [(26, 33, "Sénégal")]),
        ("Le Maroc et la Tunisie".encode("utf-16"), [(3, 8, "Maroc"), (15, 22, "Tunisie")]),
        ("Le Maroc et la Tunisie".encode("utf-16-le"), [(3, 8, "Maroc"), (15, 22, "Tunisie")]),
        ("\ufeffLe Sénégal et le Maroc".encode(), [(3, 10, "Sénégal"), (17, 22, "Maroc")]),
        (b"Le S\xe9n\xe9gal et le Maroc", [(3, 10, "Sénégal"), (17, 22, "Maroc")]),
    ],
    ids=["latin-1", "utf-16-bom", "utf-16-le", "utf-8-bom", "latin-1-stdin"],
)
def test_tag_decodes_a_file_and_standard_input_as_the_corpus_reader_does(
    tmp_path: Path, data: bytes, found: list[tuple[int, int, str]]
) -> None:
    """Offsets count the characters of the decoded text, a byte-order mark excluded."""
    source = tmp_path / "brief.txt"
    source.write_bytes(data)
    for args, stdin in ((["--json", str(source)], None), (["--json"], data)):
        result = CliRunner().invoke(main, ["tag", *args], input=stdin)
        assert result.exit_code == 0, result.output
        assert [(m["start"], m["end"], m["text"]) for m in json.loads(result.stdout)] == found
    plain = CliRunner().invoke(main, ["tag", str(source)])
    assert plain.exit_code == 0 and counted(len(found), "mention") in plain.stdout.splitlines()
    assert all(text in plain.stdout for _, _, text in found)


def test_tag_reads_bytes_no_encoding_reads_as_text_all_the_same() -> None:
    data = b"MZ Le Maroc\x00\x01\x02\x03 et la Tunisie \xff\xfe\xfd"  # binary to the corpus reader
    result = CliRunner().invoke(main, ["tag", "--json"], input=data)
    assert result.exit_code == 0, result.output
    assert [m["text"] for m in json.loads(result.stdout)] == ["Maroc", "Tunisie"]


def test_tag_reads_a_name_after_a_terminal_colour_code_as_the_index_does() -> None:
    text = "Le Maroc et \x1b[31mONU\x1b[0m signent."
    result = CliRunner().invoke(main, ["tag", "--json"], input=text.encode())
    assert result.exit_code == 0, result.output
    assert [(m["start"], m["end"], m["text"]) for m in json.loads(result.stdout)] == [
        (3, 8, "Maroc"),
        (17, 20, "ONU"),
    ]
    line = json.dumps({"id": 1, "text": text}) + "\n"
    result = CliRunner().invoke(main, ["tag", "--jsonl"], input=line.encode())
    assert [m["text"] for m in json.loads(result.stdout)["mentions"]] == ["Maroc", "ONU"]
    # a sequence inside a name: the name as the index reads it, its span the text's own
    inside = "Les Nations\x1b[0m unies et le Royaume\x1b[1m-Uni."
    result = CliRunner().invoke(main, ["tag", "--json"], input=inside.encode())
    found = [(m["start"], m["end"], m["id"]) for m in json.loads(result.stdout)]
    assert found == [(4, 21, "org:un"), (28, 43, "country:GB")]
    assert all(inside[s:e].startswith(("Nations", "Royaume")) for s, e, _ in found)


def test_an_output_encoding_without_the_characters_prints_no_traceback(tmp_path: Path) -> None:
    text = "Le Maroc et la Côte d’Ivoire — 東京\n"  # the mention itself has a U+2019
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "BRIEFREAD_STATE": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", "tag"], input=text.encode(), capture_output=True, env=env
    )
    assert done.returncode == 0, done.stderr.decode("latin-1")
    assert b"Traceback" not in done.stderr
    assert b"country:MA" in done.stdout and b"country:CI" in done.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["tag"], ["tag", "--jsonl"]])
def test_output_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path: Path, args: list[str]) -> None:
    stdin = '{"id": "a", "text": "Le Maroc."}\n' if "--jsonl" in args else "Le Maroc.\n"
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tui_reader", *args],
            input=stdin.encode(),
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
        )
    assert done.returncode == 1
    assert done.stderr.decode() == "briefread: cannot write the output (No space left on device).\n"


def test_quiet_index_prints_the_summary_without_the_skipped_files(corpus: Path) -> None:
    (corpus / "junk.bin").write_bytes(b"\x00\x01\x02" * 50)
    code, out, _ = cli(corpus, "index", "-q")
    assert code == 0 and "1 skipped" in out and "skipped junk.bin" not in out
    code, out, _ = cli(corpus, "index", "--rebuild")
    assert code == 0 and "skipped junk.bin" in out


def test_a_skipped_file_with_a_path_of_thousands_of_characters_is_one_short_line(corpus: Path) -> None:
    folder = corpus.joinpath(*[f"{n:02d}" + "d" * 60 for n in range(8)])
    folder.mkdir(parents=True)
    (folder / "junk.bin").write_bytes(b"\x00\x01\x02" * 50)
    code, out, _ = cli(corpus, "index")
    [line] = [line for line in out.splitlines() if line.startswith("skipped ")]
    assert code == 0 and len(line) < 300
    assert line.startswith("skipped 00ddd") and "…" in line
    assert line.endswith("d/junk.bin: unsupported file type .bin")


def test_an_indexed_article_whose_front_matter_is_ignored_is_a_warning_not_a_skip(corpus: Path) -> None:
    (corpus / "c.md").write_text("---\ntitle: [unclosed\n---\nLe Maroc et la France.\n", encoding="utf-8")
    (corpus / "junk.bin").write_bytes(b"\x00\x01\x02" * 50)
    code, out, _ = cli(corpus, "index")
    assert code == 0
    assert "warning c.md: front matter ignored: not valid YAML (line 2)\n" in out
    assert "skipped c.md" not in out and "skipped junk.bin" in out
    assert "3 articles in the index; 1 skipped, 1 warning." in out
    code, out, _ = cli(corpus, "index")  # the same report from the manifest
    assert "warning c.md: front matter ignored" in out and "; 1 skipped, 1 warning." in out
    code, out, _ = cli(corpus, "search", "Maroc")
    assert code == 0 and "1 article" in out


def test_an_impossible_date_is_a_warning_and_the_article_is_indexed_undated(corpus: Path) -> None:
    (corpus / "c.txt").write_text("date 2025-02-30 Le Maroc et la France.", encoding="utf-8")
    (corpus / "d.md").write_text("---\ndate: 2025-13-01\n---\nLe Maroc et la Tunisie.\n", encoding="utf-8")
    code, out, _ = cli(corpus, "index")
    assert code == 0
    assert "warning c.txt: date ignored: 2025-02-30 is not a date in the calendar\n" in out
    assert "warning d.md: date ignored: 2025-13-01 is not a date in the calendar\n" in out
    assert "4 articles in the index; 0 skipped, 2 warnings." in out
    code, out, _ = cli(corpus, "search", "Maroc", "--json")
    assert code == 0 and [h["date"] for h in json.loads(out)["hits"]] == ["", ""]


def test_tag_takes_one_output_mode(corpus: Path) -> None:
    code, _, err = cli(corpus, "tag", "--json", "--jsonl", stdin="Le Maroc.\n")
    assert code == 2 and "Give --json or --jsonl, not both." in err


def test_an_interrupted_tag_says_so_in_one_line(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_reader.entities import Tagger

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Tagger, "tag", interrupted)
    code, _, err = cli(corpus, "tag", stdin="Le Maroc.\n")
    assert (code, err) == (130, "briefread: Interrupted.\n")


@pytest.mark.parametrize("mode", ["--json", "--jsonl"])
def test_json_is_utf8_whatever_the_locale(mode: str) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    payload = '{"id": 1, "text": "Le Maroc et l\\u2019\\u00c9gypte."}' if mode == "--jsonl" else "L'Égypte."
    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", "tag", mode, "--lang", "fr"],
        input=payload.encode("utf-8"),
        capture_output=True,
        env=env,
        check=True,
    )
    assert '"Égypte"' in done.stdout.decode("utf-8")


def test_a_stored_only_field_is_no_filter(corpus: Path) -> None:
    code, _, err = cli(corpus, "search", "source:Qatar")
    assert code == 0 and "'source:' is no filter" in err and "could not be read" not in err


def test_a_corpus_that_is_a_file_says_so(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFREAD_CORPUS", str(corpus / "a.txt"))
    result = CliRunner().invoke(main, ["--index", str(corpus.parent / "index"), "search", "Qatar"])
    assert result.exit_code == 1
    assert "is a file, not a directory; pass --corpus DIR" in result.stderr


def test_a_global_option_after_the_command_is_refused(corpus: Path) -> None:
    code, _, err = cli(corpus, "search", "--corpus", str(corpus), "Qatar")
    assert code == 2 and "--corpus goes before the command" in err
    code, _, err = cli(corpus, "entities", "--index=elsewhere")
    assert code == 2 and "--index goes before the command" in err


def test_a_mistyped_option_is_refused_not_searched(corpus: Path) -> None:
    code, out, err = cli(corpus, "search", "--jsn", "Qatar")
    assert code == 2 and "No such option '--jsn'. Did you mean '--json'?" in err and out == ""
    # a query word that starts with two dashes goes after "--"
    code, _, err = cli(corpus, "search", "--", "--jsn", "Qatar")
    assert code == 0 and "No such option" not in err
    # what does not look like an option is a query word
    code, _, err = cli(corpus, "search", "Qatar", "---")
    assert code == 0 and "No such option" not in err


@pytest.mark.parametrize(
    ("command", "option"), [("search", "-n"), ("search", "--sort"), ("entities", "--top")]
)
def test_an_option_without_its_value_says_so(corpus: Path, command: str, option: str) -> None:
    code, _, err = cli(corpus, command, *(["Qatar"] if command == "search" else []), option)
    assert code == 2 and f"Option '{option}' requires an argument." in err


def test_tag_does_not_load_the_search_layer() -> None:
    # start-up is most of a short `briefread tag`: Whoosh and the index code are not needed
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from tui_reader.cli import main\n"
        "result = CliRunner().invoke(main, ['tag', '--json'], input='Le Maroc.')\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.startswith(('tui_reader.search', 'whoosh'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


NEEDS_A_TERMINAL = (
    "briefread: the reader needs a terminal; in scripts use briefread search, show, index or tag.\n"
)


def test_the_reader_without_a_terminal_says_so_and_ends(corpus: Path) -> None:
    code, out, err = cli(corpus)
    assert (code, out, err) == (1, "", NEEDS_A_TERMINAL)


@pytest.mark.parametrize("missing", ["stdin", "stdout", "both"])
def test_the_reader_run_from_a_script_ends_at_once(corpus: Path, tmp_path: Path, missing: str) -> None:
    """`briefread < /dev/null`, `briefread | cat`, `echo | briefread`: the app would wait forever."""
    import pty

    assert cli(corpus, "index")[0] == 0
    main_fd, terminal = pty.openpty()
    try:
        env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tui_reader",
                "--corpus",
                str(corpus),
                "--index",
                str(corpus.parent / "index"),
            ],
            stdin=terminal if missing == "stdout" else None,
            stdout=terminal if missing == "stdin" else subprocess.PIPE,
            stderr=subprocess.PIPE,
            input=None if missing == "stdout" else b"\n",
            env=env,
            timeout=60,
        )
    finally:
        os.close(main_fd)
        os.close(terminal)
    assert done.returncode == 1
    assert done.stderr.decode() == NEEDS_A_TERMINAL
    assert not done.stdout


TEXT_TOO_LARGE = (
    "briefread: The text is larger than the 20 MB limit of an article; give a shorter text, or one text "
    "a line to briefread tag --jsonl.\n"
)


def test_tag_holds_a_text_to_the_size_of_an_article(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Le Maroc. " * 2_000_001)
    code, out, err = cli(tmp_path, "tag", str(big))
    assert (code, out, err) == (1, "", TEXT_TOO_LARGE)
    result = CliRunner().invoke(main, ["tag", "--json"], input=big.read_bytes())
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", TEXT_TOO_LARGE)
    big.write_bytes(b"Le Maroc. " * 1_000)
    code, out, _ = cli(tmp_path, "tag", str(big))
    assert code == 0 and out.endswith("1,000 mentions\n")


def _limited_memory(megabytes: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    return limit


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_tag_reads_no_endless_text_into_memory(tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    for args in (["tag", "/dev/zero"], ["tag", "-"]):
        with open("/dev/zero", "rb") as zeros:
            done = subprocess.run(
                [sys.executable, "-m", "tui_reader", *args],
                stdin=zeros,
                capture_output=True,
                env=env,
                timeout=120,
                preexec_fn=_limited_memory(1024),
            )
        assert (done.returncode, done.stdout, done.stderr.decode()) == (1, b"", TEXT_TOO_LARGE), args


def test_tag_jsonl_answers_a_line_over_the_limit_without_holding_it(tmp_path: Path) -> None:
    """A line of 600 MB with 512 MB of memory: it is answered, read on in pieces, then the next
    line is answered; an endless last line (no newline, as /dev/zero) ends with the input."""
    import threading

    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    errors = (tmp_path / "stderr").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "tag", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        env=env,
        preexec_fn=_limited_memory(512),
    )
    assert proc.stdin is not None and proc.stdout is not None

    def feed() -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(b'{"id": 1, "text": "Le Maroc."}\n{"id": 2, "text": "')
            piece = b"x" * (1 << 20)
            for _ in range(600):
                proc.stdin.write(piece)
            proc.stdin.write(b'"}\n{"id": 3, "text": "La Tunisie."}\n')
            for _ in range(25):
                proc.stdin.write(b"\0" * (1 << 20))
        finally:
            proc.stdin.close()

    read: list[bytes] = []
    threads = [
        threading.Thread(target=feed),
        threading.Thread(target=lambda: read.append(proc.stdout.read())),
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join(timeout=300)
        assert read, "the command did not end with its input"
        assert proc.wait(timeout=60) == 0, (tmp_path / "stderr").read_text()
    finally:
        proc.kill()
        errors.close()
    out = read[0]
    answers = [json.loads(line) for line in out.splitlines()]
    too_long = "the line is larger than the 20 MB limit"
    assert answers[0]["id"] == 1 and [m["id"] for m in answers[0]["mentions"]] == ["country:MA"]
    assert answers[1] == {"id": None, "line": 2, "error": too_long, "mentions": []}
    assert answers[2]["id"] == 3 and [m["id"] for m in answers[2]["mentions"]] == ["country:TN"]
    assert answers[3] == {"id": None, "line": 4, "error": too_long, "mentions": []}
    assert len(answers) == 4


def test_tag_with_standard_input_closed_asks_for_a_file(tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    for args in (["tag"], ["tag", "--jsonl"], ["tag", "-"]):
        done = subprocess.run(
            [sys.executable, "-m", "tui_reader", *args],
            capture_output=True,
            env=env,
            timeout=60,
            preexec_fn=lambda: os.close(0),
        )
        assert done.returncode == 1, args
        assert done.stderr.decode() == "briefread: standard input is closed; give a FILE.\n", args


@pytest.mark.parametrize(
    "args",
    [["search", "Qatar"], ["search", "Qatar", "--json"], ["index"], ["tag"], ["--version"], ["--help"], []],
)
def test_a_closed_standard_output_is_one_line_not_a_traceback(
    corpus: Path, tmp_path: Path, args: list[str]
) -> None:
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", *where, *args],
        input=b"Le Maroc.\n",
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 1
    assert done.stderr.decode() == "briefread: cannot write the output (standard output is closed).\n"


def test_a_closed_standard_error_leaves_the_command_working(corpus: Path, tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    for _ in range(2):  # the first run builds the index, the second only reads it
        done = subprocess.run(
            [sys.executable, "-m", "tui_reader", *where, "search", "Qatar"],
            stdout=subprocess.PIPE,
            env=env,
            timeout=120,
            preexec_fn=lambda: os.close(2),
        )
        assert done.returncode == 0 and done.stdout.decode().startswith("1 article ")


def test_a_tag_waiting_for_its_file_stops_on_sigterm(tmp_path: Path) -> None:
    import signal
    import time

    fifo = tmp_path / "text.fifo"
    os.mkfifo(fifo)
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "tag", str(fifo)], stderr=subprocess.PIPE, env=env
    )
    status = Path(f"/proc/{proc.pid}/status")
    deadline = time.monotonic() + 60
    while status.exists() and time.monotonic() < deadline:  # until its SIGTERM handler is set
        caught = next(line for line in status.read_text().splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)):
            break
        time.sleep(0.05)
    time.sleep(1.0)  # now waiting for a writer to open the FIFO
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err.decode()) == (143, "briefread: Terminated.\n")


def test_show_of_a_huge_id_shortens_it_in_the_error(corpus: Path) -> None:
    cli(corpus, "index")
    code, _, err = cli(corpus, "show", "x" * 100_000)
    assert code == 1
    assert err == f"briefread: No article has the id '{'x' * 39}…{'x' * 20}'; `briefread search` lists ids.\n"


def test_the_index_summary_separates_thousands(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(1_001):
        (corpus / f"{n:04d}.txt").write_text(f"Brief {n} from Rabat.", encoding="utf-8")
    for n in range(1_002, 2_003):
        (corpus / f"{n:04d}.bin").write_bytes(b"\0\1\2" * 50)
    code, out, _ = cli(corpus, "index", "-q")
    assert code == 0
    assert "Indexed 1,001 articles from 1,001 files (1,001 new, 0 changed, 0 deleted, 0 unchanged) " in out
    assert "; 1,001 articles in the index; 1,001 skipped." in out


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_an_update_before_a_search_draws_its_progress_on_the_terminal_not_in_the_results(
    corpus: Path,
) -> None:
    for n in range(400):
        (corpus / f"n{n:03d}.txt").write_text(f"date 2025\n\nNews {n} from Nairobi.", encoding="utf-8")
    leader, follower = os.openpty()
    index = corpus.parent / "index"
    command = [sys.executable, "-m", "tui_reader", "--corpus", str(corpus), "--index", str(index)]
    env = {**os.environ, "BRIEFREAD_STATE": str(corpus.parent / "state"), "COLUMNS": "100"}
    with subprocess.Popen(
        [*command, "search", "Nairobi", "-n", "1"], stdout=subprocess.PIPE, stderr=follower, env=env
    ) as run:
        os.close(follower)
        drawn = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed
                break
            if not chunk:
                break
            drawn += chunk
        out = run.stdout.read().decode() if run.stdout else ""
        assert run.wait(60) == 0
    os.close(leader)
    assert b"Indexing" in drawn or b"Scanning" in drawn
    assert out.startswith("400 articles") and "\x1b" not in out


def test_tag_reads_a_long_text_a_piece_at_a_time_with_the_whole_texts_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui_reader.cli as cli

    text = "Le Maroc et la Tunisie ont signé avec l'ONU. " * 40
    whole = CliRunner().invoke(main, ["tag", "--json", "--lang", "fr"], input=text.encode())
    monkeypatch.setattr(cli, "_TAG_PIECE_CHARS", 100)  # some twenty pieces, each cut at a space
    pieces = list(cli._tagged_pieces(default_tagger(), text, "fr"))
    assert len(pieces) > 10
    found = [m for piece in pieces for m in piece]
    assert all(text[m.start : m.end] == m.text for m in found)
    for args, parse in (
        (["tag", "--json"], json.loads),
        (["tag", "--jsonl"], lambda out: json.loads(out)["mentions"]),
    ):
        data = text.encode() if "--json" in args else (json.dumps({"id": 1, "text": text}) + "\n").encode()
        result = CliRunner().invoke(main, [*args, "--lang", "fr"], input=data)
        assert result.exit_code == 0, result.output
        assert parse(result.stdout) == json.loads(whole.stdout) == [m.to_json() for m in found]
    plain = CliRunner().invoke(main, ["tag", "--lang", "fr"], input=text.encode())
    assert counted(len(found), "mention") in plain.stdout.splitlines()


def test_a_standard_error_that_cannot_be_written_loses_the_notes_not_the_results(
    corpus: Path, tmp_path: Path
) -> None:
    # a launcher that is a script (pyenv's shims) started with `2>&-` leaves its own file, read
    # only, where standard error was
    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    with open(corpus / next(p.name for p in corpus.iterdir() if p.is_file()), "rb") as read_only:
        done = subprocess.run(
            [sys.executable, "-m", "tui_reader", *where, "search", "Qatar co"],  # a note on stderr
            stdout=subprocess.PIPE,
            stderr=read_only,
            env=env,
            timeout=120,
        )
    assert done.returncode == 0
    assert done.stdout.decode().startswith("1 article ")


@pytest.mark.parametrize("option", ["--corpus", "--index", "--config"])
def test_an_empty_path_option_is_refused_not_read_as_the_default(option: str, tmp_path: Path) -> None:
    # a script's unset variable: "--corpus $DIR" must not open ./corpus
    result = CliRunner().invoke(main, [option, "", "search", "x"], env={"BRIEFREAD_STATE": str(tmp_path)})
    assert result.exit_code == 2
    assert not result.stdout
    assert f"Invalid value for '{option}': is empty; give a path, or leave the option out." in result.stderr
