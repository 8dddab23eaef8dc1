"""JSON Lines and JSON files: records, bad records skipped alone, stable positions."""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pytest

from tui_reader.corpus import FileReading, Skipped, article_id, read_file
from tui_reader.corpus.formats import FORMATS, jsonl
from tui_reader.corpus.reasons import article_too_large, too_many_articles


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def read(tmp_path: Path, name: str, content: str | bytes) -> FileReading:
    data = content.encode() if isinstance(content, str) else content
    (tmp_path / name).write_bytes(data)
    return read_file(tmp_path, name)


GOOD = [
    record(title="Un", date="2025-02-11", lang="fr", source="S", text="Europol a coordonné une opération."),
    record(
        title="Two", date="2025-03-27T16:45:00Z", text="The IMF said that it has approved a line for Morocco."
    ),
    record(id="x-3", date="2024-10", url="https://example.org/3", body="Body used when there is no text."),
]


def test_jsonl_records_become_articles_at_their_line_positions(tmp_path: Path) -> None:
    reading = read(tmp_path, "w.jsonl", "\n".join([GOOD[0], "", GOOD[1], "   ", GOOD[2]]) + "\n")
    assert reading.skipped == []
    assert [a.position for a in reading.articles] == [0, 2, 4]
    assert [a.id for a in reading.articles] == [article_id("w.jsonl", n) for n in (0, 2, 4)]
    first, second, third = reading.articles
    assert (first.title, first.date, first.lang, first.source) == ("Un", "2025-02-11", "fr", "S")
    assert (second.date, second.lang) == ("2025-03-27", "en")
    assert third.text == "Body used when there is no text." and third.url == "https://example.org/3"
    assert third.title == "Body used when there is no text"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": "broken", "text": ', "invalid JSON: Expecting value (column 29)"),
        ("[1, 2]", "not a JSON object"),
        ('"text"', "not a JSON object"),
        (record(title="no text"), "no text"),
        (record(text=""), "no text"),
        (record(text="   \n\t "), "no text"),
        (record(text=["a", "list"]), "text is not a string"),
        pytest.param("1" * 5000, "not a JSON object", id="huge-int"),
        pytest.param("[" * 100_000, "invalid JSON: nested too deeply", id="deep"),
    ],
)
def test_a_bad_line_is_skipped_alone_with_its_line_number(tmp_path: Path, line: str, reason: str) -> None:
    reading = read(tmp_path, "w.jsonl", "\n".join([GOOD[0], line, GOOD[1]]))
    assert [a.position for a in reading.articles] == [0, 2]
    [skipped] = reading.skipped
    assert (skipped.path, skipped.line) == ("w.jsonl", 2)
    assert skipped.reason.startswith(reason)


def test_ids_do_not_move_when_an_earlier_line_breaks_or_is_fixed(tmp_path: Path) -> None:
    before = read(tmp_path, "w.jsonl", "\n".join(GOOD)).articles
    broken = read(tmp_path, "w.jsonl", "\n".join(["{oops", GOOD[1], GOOD[2]])).articles
    assert [a.id for a in broken] == [a.id for a in before[1:]]
    assert [(a.position, a.text) for a in broken] == [(a.position, a.text) for a in before[1:]]


def test_jsonl_with_crlf_and_a_bom(tmp_path: Path) -> None:
    reading = read(tmp_path, "w.jsonl", b"\xef\xbb\xbf" + "\r\n".join(GOOD).encode() + b"\r\n")
    assert reading.skipped == [] and len(reading.articles) == 3


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_jsonl_with_a_lone_carriage_return_at_each_line_end(tmp_path: Path, encoding: str) -> None:
    content = "\r".join([*GOOD, record(text="Déjà lu.")]) + "\r"
    reading = read(tmp_path, "w.jsonl", content.encode(encoding))
    assert reading.skipped == []
    assert [a.position for a in reading.articles] == [0, 1, 2, 3]
    assert reading.articles[3].text == "Déjà lu."


def test_a_byte_order_mark_opening_a_line_of_files_joined_end_to_end(tmp_path: Path) -> None:
    joined = "\n".join(GOOD[:2]).encode() + b"\n\xef\xbb\xbf" + GOOD[2].encode() + b"\n"
    reading = read(tmp_path, "w.jsonl", b"\xef\xbb\xbf" + joined)
    assert reading.skipped == [] and len(reading.articles) == 3


def test_unicode_line_separators_inside_strings_do_not_split_records(tmp_path: Path) -> None:
    reading = read(tmp_path, "w.jsonl", record(text="One\u2028two\u2029three.\x85four"))
    assert reading.skipped == []
    assert reading.articles[0].text == "One two\n\nthree. four"


def test_escaped_controls_and_lone_surrogates_are_neutralised(tmp_path: Path) -> None:
    line = r'{"title": "\u001b[31mRed\u001b[0m", "text": "A \ud800 lone half\u0007 and \u009b2J clear."}'
    [article] = read(tmp_path, "w.jsonl", line).articles
    assert article.title == "Red"
    assert article.text == "A \ufffd lone half\ufffd and clear."
    article.text.encode("utf-8")  # no lone surrogate left to break an encoder


def test_an_empty_jsonl_file_is_empty(tmp_path: Path) -> None:
    assert read(tmp_path, "w.jsonl", "\n\n  \n").skipped == [Skipped("w.jsonl", "empty")]


def test_json_list_single_object_and_bad_items(tmp_path: Path) -> None:
    items = [json.loads(GOOD[0]), {"title": "no text"}, json.loads(GOOD[1])]
    reading = read(tmp_path, "l.json", json.dumps(items, indent=2))
    assert [a.position for a in reading.articles] == [0, 2]
    assert reading.skipped == [Skipped("l.json", "item 2: no text")]
    [article] = read(tmp_path, "o.json", GOOD[1]).articles
    assert (article.position, article.date) == (0, "2025-03-27")


@pytest.mark.parametrize(
    ("content", "reason", "line"),
    [
        ('"just a string"', "not an article or a list of articles", None),
        ("42", "not an article or a list of articles", None),
        ('[\n  {"text": "a"},\n  oops\n]', "invalid JSON: Expecting value (column 3)", 3),
        ("[]", "empty", None),
        pytest.param("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply", None, id="deep"),
    ],
)
def test_a_bad_json_file_is_skipped_whole(
    tmp_path: Path, content: str, reason: str, line: int | None
) -> None:
    reading = read(tmp_path, "l.json", content)
    assert reading.articles == [] and reading.skipped == [Skipped("l.json", reason, line)]


MANY = [record(title=f"T{n}", text=f"Article number {n} about the harbour of Tangier.") for n in range(1000)]


@pytest.mark.parametrize(
    ("first", "reason"),
    [
        ('{"text":"bad\x00line"}', "invalid JSON: Invalid control character at (column 13)"),
        ('{"text":"' + "\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + '"}', "invalid JSON: Invalid control"),
        ("\x00" * 200, "invalid JSON"),
    ],
    ids=["nul", "controls", "nuls"],
)
def test_control_bytes_in_the_first_line_cost_that_line_only(tmp_path: Path, first: str, reason: str) -> None:
    reading = read(tmp_path, "nul_first.jsonl", "\n".join([first, *MANY]) + "\n")
    assert len(reading.articles) == 1000 and reading.articles[0].position == 1
    [skipped] = reading.skipped
    assert skipped.line == 1 and skipped.reason.startswith(reason)


def test_a_binary_blob_among_records_costs_its_lines_only(tmp_path: Path) -> None:
    # The blob makes over 1 in 100 of the file's bytes controls, but most lines are records.
    blob = bytes(range(0, 9)) * 300 + b"\n" + b"\x00\x01\x02\x03" * 200
    content = "\n".join(MANY[:50]).encode() + b"\n" + blob + b"\n" + "\n".join(MANY[50:100]).encode()
    reading = read(tmp_path, "w.jsonl", content)
    assert len(reading.articles) == 100
    assert [s.line for s in reading.skipped] == [51, 52]


@pytest.mark.parametrize(
    "content",
    [
        b"\x1f\x8b\x08\x00" + bytes(range(256)) * 20,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
        bytes(random.Random(3).randbytes(100_000)),
        b"\n".join([b"{" + bytes(range(32)) * 3 + b"}"] * 3 + [bytes(range(256))] * 10),
    ],
    ids=["gzip", "png", "random", "mostly-binary"],
)
def test_a_binary_file_named_jsonl_is_skipped_whole(tmp_path: Path, content: bytes) -> None:
    reading = read(tmp_path, "w.jsonl", content)
    assert reading.articles == [] and reading.skipped == [Skipped("w.jsonl", "binary file")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"], ids=["utf8", "decoded-whole"])
def test_a_record_over_the_article_limit_is_skipped_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.setattr(jsonl, "MAX_ARTICLE_BYTES", 2_000)
    huge = record(title="Huge", text="Le Maroc et la France. " * 100)
    content = "\n".join([GOOD[0], huge, GOOD[1]]) + "\n"
    reading = read(tmp_path, "w.jsonl", content.encode(encoding))
    assert [a.position for a in reading.articles] == [0, 2]
    assert reading.skipped == [Skipped("w.jsonl", "article over the 0 MB limit", line=2)]


def test_one_record_has_the_limit_of_a_file_of_one_article() -> None:
    assert jsonl.MAX_ARTICLE_BYTES == FORMATS[".txt"].max_bytes == 20_000_000
    assert Skipped("w.jsonl", article_too_large(jsonl.MAX_ARTICLE_BYTES), 3).describe() == (
        "w.jsonl:3: article over the 20 MB limit"
    )


def test_a_jsonl_file_is_held_once_while_it_is_read(tmp_path: Path) -> None:
    # Records without text leave nothing behind them: what is left is the reading itself.
    line = record(note="x" * 1_000)
    (tmp_path / "w.jsonl").write_text("\n".join([line] * 5_000), encoding="utf-8")
    tracemalloc.start()
    try:
        reading = read_file(tmp_path, "w.jsonl")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(reading.skipped) == 5_000
    assert peak < 1.5 * (tmp_path / "w.jsonl").stat().st_size


def test_a_line_that_is_not_utf8_decodes_the_file_as_before(tmp_path: Path) -> None:
    content = "\n".join(MANY[:3]).encode() + b'\n{"text": "Caf\xe9 cr\xe8me."}\n' + MANY[3].encode()
    reading = read(tmp_path, "w.jsonl", content)
    assert reading.skipped == [] and len(reading.articles) == 5
    assert reading.articles[3].text == "Café crème."


@pytest.mark.parametrize("identifier", [1.5, -2, 10**30, "x-1", "", [1], {"a": 1}, True, None])
def test_the_id_field_is_not_read_so_any_id_is_fine(tmp_path: Path, identifier: object) -> None:
    reading = read(
        tmp_path, "w.jsonl", record(id=identifier, text="Le Maroc et la France signent un accord.")
    )
    assert reading.skipped == [] and reading.articles[0].id == article_id("w.jsonl", 0)


def test_an_integer_longer_than_python_converts_is_read_as_its_digits(tmp_path: Path) -> None:
    huge = "9" * 5000
    line = f'{{"id": {huge}, "title": {huge}, "date": "2025-02-11", "text": "Le Maroc et la France."}}'
    reading = read(tmp_path, "w.jsonl", line)
    assert reading.skipped == []
    [article] = reading.articles
    assert (article.date, article.text) == ("2025-02-11", "Le Maroc et la France.")
    assert article.title.startswith("999")


def test_an_integer_too_long_to_convert_is_no_text_or_language(tmp_path: Path) -> None:
    huge = "9" * 5000
    lines = [f'{{"text": {huge}}}', f'{{"lang": {huge}, "text": "Le Maroc et la France."}}']
    reading = read(tmp_path, "w.jsonl", "\n".join(lines))
    assert [(s.line, s.reason) for s in reading.skipped if not s.warning] == [(1, "text is not a string")]
    [article] = reading.articles
    assert article.lang != huge
    assert any("lang is not text" in s.reason for s in reading.skipped if s.warning)


@pytest.mark.parametrize(("title", "expected"), [(2024, "2024"), (1.5, "1.5"), (-7, "-7")])
def test_a_title_that_is_a_number_is_written_out(tmp_path: Path, title: object, expected: str) -> None:
    reading = read(tmp_path, "w.jsonl", record(title=title, text="Le Niger et le Mali."))
    assert reading.skipped == [] and reading.articles[0].title == expected


def test_a_field_of_the_wrong_type_is_left_out_with_one_warning_for_the_file(tmp_path: Path) -> None:
    lines = [
        GOOD[0],
        record(title=True, source="Agence", text="Le Niger et le Mali."),
        record(lang=["fr"], date={"y": 2025}, url=3, text="La Tunisie et l'Algérie."),
        '{"date": 1e400, "text": "Le Tchad."}',
    ]
    reading = read(tmp_path, "w.jsonl", "\n".join(lines))
    assert [a.position for a in reading.articles] == [0, 1, 2, 3]
    niger, tunisia, chad = reading.articles[1:]
    assert (niger.title, niger.source, niger.text) == (
        "Le Niger et le Mali",
        "Agence",
        "Le Niger et le Mali.",
    )
    assert (tunisia.lang, tunisia.date, tunisia.url) == ("fr", "", "")
    assert chad.date == ""
    [warning] = reading.skipped
    assert warning.warning
    assert warning.describe() == (
        "w.jsonl: field ignored: title is not text or a number (line 2); 3 more fields ignored in the file"
    )


def test_a_field_of_the_wrong_type_in_a_json_list_is_located_by_its_item(tmp_path: Path) -> None:
    items = [{"text": "Le Niger."}, {"text": "Le Mali.", "source": ["a", "b"]}, {"source": [1]}]
    reading = read(tmp_path, "l.json", json.dumps(items))
    assert len(reading.articles) == 2
    # The record without text is skipped: its fields are not counted.
    assert reading.skipped == [
        Skipped("l.json", "item 3: no text"),
        Skipped("l.json", "field ignored: source is not text or a number (item 2)"),
    ]
    reading = read(tmp_path, "o.json", json.dumps({"text": "Le Tchad.", "lang": 5}))
    assert len(reading.articles) == 1
    assert reading.skipped == [Skipped("o.json", "field ignored: lang is not text")]


def test_dates_that_are_none_give_one_warning_for_the_file(tmp_path: Path) -> None:
    lines = [
        record(date="2025-02-30", text="Le Niger."),
        record(date="2025-05-07", text="Le Mali."),
        record(date=-5, text="Le Tchad."),
        record(title=["x"], text="Le Bénin."),
    ]
    reading = read(tmp_path, "w.jsonl", "\n".join(lines))
    assert [a.date for a in reading.articles] == ["", "2025-05-07", "", ""]
    assert sorted(s.reason for s in reading.skipped) == [
        "date ignored: 2025-02-30 is not a date in the calendar (line 1); 1 more date ignored in the file",
        "field ignored: title is not text or a number (line 4)",
    ]


def test_a_file_stops_at_the_articles_one_file_may_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "MAX_ARTICLES_PER_FILE", 3)
    tiny = [record(text=f"brief {n}") for n in range(6)]
    lines = read(tmp_path, "many.jsonl", "\n".join([tiny[0], "{bad", *tiny[1:]]) + "\n")
    assert [a.text for a in lines.articles] == ["brief 0", "brief 1", "brief 2"]  # a bad line is no article
    assert [(s.line, s.reason) for s in lines.skipped] == [
        (2, "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (5, too_many_articles(3)),
    ]
    items = read(tmp_path, "many.json", "[" + ",".join(tiny) + "]")
    assert [a.text for a in items.articles] == ["brief 0", "brief 1", "brief 2"]
    assert [s.reason for s in items.skipped] == [f"item 4: {too_many_articles(3)}"]
    assert "more than 3 articles in one file" in too_many_articles(3)
