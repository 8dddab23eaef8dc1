"""Hostile text in the corpus reaches the terminal only as plain, inert characters."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli import main
from tui_reader.corpus.decode import decode_text

ESCAPES = [
    "\x1b[2J",  # clear screen
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52 clipboard write
    "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]0;pwned\x07",  # window title
    "\x9b31m",  # C1 CSI
    "\u202e",  # right-to-left override
]
FORBIDDEN = {"\x1b", "\x9b", "\x07", "\u202e", "\x00"}
MARKUP = ["[bold red]x[/]", "[/]", "[link=file:///etc/passwd]x[/link]", "[@click=app.quit]x[/]"]


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    body = "Harbour news. " + " ".join(ESCAPES) + " " + " ".join(MARKUP) + " Qatar closes."
    (root / "hostile.txt").write_text(
        f"date 2024-01\n\n{body}\n\nSecond paragraph harbour.", encoding="utf-8"
    )
    (root / "name\x1b[31m.txt").write_text(
        "date 2024-02\n\nHarbour brief with a hostile name.", encoding="utf-8"
    )
    (root / "front.md").write_text(
        '---\ntitle: "Title \\e[2J [bold]x[/] \\u202e"\n---\nHarbour text.\n', encoding="utf-8"
    )
    return root


def run(corpus: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(corpus.parent / "ix"), *args])
    assert result.exit_code == 0, result.output
    return result.stdout + result.stderr


def assert_inert(output: str) -> None:
    leaked = sorted({repr(ch) for ch in output if ch in FORBIDDEN})
    assert not leaked, f"control characters reached the terminal: {leaked}"


@pytest.mark.parametrize("as_json", [False, True], ids=["plain", "json"])
def test_search_and_show_output_is_inert(hostile_corpus: Path, as_json: bool) -> None:
    flag = ["--json"] if as_json else []
    out = run(hostile_corpus, "search", "harbour", *flag)
    assert_inert(out)
    ids = [h["id"] for h in json.loads(run(hostile_corpus, "search", "harbour", "--json"))["hits"]]
    assert len(ids) == 2  # the file whose name holds an escape sequence is skipped, with a reason
    for article_id in ids:
        assert_inert(run(hostile_corpus, "show", article_id, *flag))
    assert_inert(run(hostile_corpus, "entities", *flag))
    summary = run(hostile_corpus, "index")
    assert_inert(summary)
    assert "skipped name" in summary


def test_markup_is_shown_literally(hostile_corpus: Path) -> None:
    hits = json.loads(run(hostile_corpus, "search", "Qatar", "--json"))["hits"]
    shown = run(hostile_corpus, "show", hits[0]["id"])
    for markup in MARKUP:
        assert markup in shown


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_tag_never_raises_on_any_text(text: str) -> None:
    result = CliRunner().invoke(main, ["tag", "--json"], input=text)
    assert result.exit_code == 0, result.output
    mentions = json.loads(result.stdout)
    # offsets count the text decoded as the corpus reader decodes it (a leading U+FEFF is a
    # byte-order mark; NULs between letters make UTF-16)
    decoded = decode_text(text.encode())
    for m in mentions:
        assert 0 <= m["start"] < m["end"] <= len(decoded)
        assert decoded[m["start"] : m["end"]] == m["text"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), st.just("{"), st.just('{"text": 3}')), max_size=5))
def test_tag_jsonl_answers_every_line_in_order(lines: list[str]) -> None:
    records = [json.dumps({"id": n, "text": t}) if n % 2 else t for n, t in enumerate(lines)]
    payload = "\n".join(r.replace("\n", " ") for r in records)
    result = CliRunner().invoke(main, ["tag", "--jsonl"], input=payload)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.split("\n")[:-1]]
    # every line is answered, a blank one too (with an error): answers stay aligned with lines
    assert len(out) == len(io.BytesIO(payload.encode()).readlines())  # lines split at "\n" only
    for number, answer in enumerate(out, 1):
        assert answer.get("line", number) == number


_MENTION_TEXT = st.text(st.characters(blacklist_categories=()), min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(
    ident=st.one_of(st.none(), st.integers(), st.text(max_size=10), st.lists(st.integers(), max_size=2)),
    texts=st.lists(st.tuples(_MENTION_TEXT, st.sampled_from(["org:un", "rule:x", "country:MA"])), max_size=4),
    names=st.text(max_size=8),
)
def test_tag_jsonl_answer_is_the_json_of_the_record_with_controls_escaped(
    ident: object, texts: list[tuple[str, str]], names: str
) -> None:
    """The batch answer line, encoded with what mentions of one entity share cached, is exactly
    `dump_json` of the record: same keys and order, control and format characters escaped."""
    from tui_reader.cli import _AnswerWriter, dump_json
    from tui_reader.entities.mention import Mention

    mentions = [
        Mention(n, n + len(text), text, "organization", "name", entity_id, names, names + "\x1b", "rule")
        for n, (text, entity_id) in enumerate(texts)
    ]
    writer = _AnswerWriter()
    for _ in range(2):  # the second answer reuses what the first one cached
        out = io.StringIO()
        # written a piece of the text's mentions at a time, some pieces with none
        writer.write(out, ident, [mentions[:1], [], mentions[1:3], mentions[3:]])
        line = out.getvalue().removesuffix("\n")
        assert line == dump_json({"id": ident, "mentions": [m.to_json() for m in mentions]})
        assert FORBIDDEN.isdisjoint(line)
        assert json.loads(line)["mentions"] == [m.to_json() for m in mentions]


# What must not reach a terminal raw: controls, formats, surrogates, private use, separators.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


def _terminal_safe_a_character_at_a_time(text: str) -> str:
    """`terminal_safe` as it was before it replaced by regular expression (the reference)."""
    import unicodedata

    if text.isprintable():
        return text
    kept = "\n\t\u200c\u200d"  # the zero-width non-joiner and joiner are letters' business
    return "".join(ch if ch in kept or unicodedata.category(ch) not in _HIDDEN else "\ufffd" for ch in text)


def _escape_controls_a_character_at_a_time(raw: str) -> str:
    import unicodedata

    from tui_reader.cli import _json_escape

    return "".join(_json_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in raw)


HOSTILE_TEXTS = [
    "",
    "plain text, nothing to replace",
    "two\nlines\tand a tab\r\n",
    *ESCAPES,
    "".join(chr(c) for c in range(0x20)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0)),  # C0, C1
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width and soft hyphen
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f",  # bidi
    "e" + "\u0301\u0302\u0303\u0336" * 500,  # a combining storm (kept: not control)
    "\ud800 lone \udfff surrogates \udcff",
    "private \ue000\uf8ff\U000f0000\U0010fffd and tags \U000e0001\U000e0041\U000e007f",
    "unassigned \u0378 \U000e0080 and separators \u2028\u2029\u00a0\u3000",
    "[\\\\]^-] regex \\d characters \x1b]",
    "\x1b[31mred\x1b[0m" * 1000 + "é" * 1000 + "\u202e" * 3,
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_terminal_safe_and_json_escaping_are_the_character_at_a_time_ones(text: str) -> None:
    from tui_reader.cli import _escape_controls, terminal_safe

    assert terminal_safe(text) == _terminal_safe_a_character_at_a_time(text)
    assert _escape_controls(text) == _escape_controls_a_character_at_a_time(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=200))
def test_terminal_safe_is_the_character_at_a_time_one_on_any_text(text: str) -> None:
    from tui_reader.cli import _escape_controls, dump_json, terminal_safe

    assert terminal_safe(text) == _terminal_safe_a_character_at_a_time(text)
    assert _escape_controls(text) == _escape_controls_a_character_at_a_time(text)
    assert json.loads(dump_json(text)) == text


def test_a_path_or_a_mention_holding_a_line_break_or_a_tab_stays_on_its_line(tmp_path: Path) -> None:
    corpus = tmp_path / "news\nroom"
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2024-01\n\nLe Maroc.", encoding="utf-8")
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stdout.splitlines() if line.startswith("Corpus ")]
    assert "news\ufffdroom" in line and line.endswith(".")
    tagged = CliRunner().invoke(main, ["tag", "--lang", "fr", "-"], input="La Banque\tmondiale et le Maroc.")
    assert tagged.exit_code == 0, tagged.output
    rows = tagged.stdout.splitlines()
    assert any("Banque\ufffdmondiale" in row for row in rows), rows
    assert all("\t" not in row for row in rows)
