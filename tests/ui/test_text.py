"""What the UI layer computes without a terminal: cleaning untrusted text, wrapping, the
as-you-type query, grouping mentions, exports."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.ui.fake_library import sample_articles
from tui_reader.ui.entity_names import summarize_mentions
from tui_reader.ui.export import unused_path, write_export
from tui_reader.ui.safe_text import clean, styled
from tui_reader.ui.searching import as_you_type
from tui_reader.ui.wrap import wrap_offsets


def test_controls_become_visible_and_bidi_overrides_go() -> None:
    cleaned = clean("a\x1b[2Jb\x07c\x9bd\u202eevil\u202c e\tf\nnext")
    assert cleaned.text == "a␛[2Jb␇c\ufffddevil e f\nnext"
    assert clean("one\ntwo", single_line=True).text == "one two"


def test_offsets_follow_dropped_characters() -> None:
    text = "x\u202eQatar\u202c Maroc"
    result = styled(text, [(2, 7, "bold"), (9, 14, "italic")])
    assert result.plain == "xQatar Maroc"
    spans = {(s.start, s.end, str(s.style)) for s in result.spans}
    assert spans == {(1, 6, "bold"), (7, 12, "italic")}


def test_combining_floods_are_cut() -> None:
    flood = "e" + "\u0301" * 40 + "x"
    assert clean(flood).text == "e" + "\u0301" * 4 + "x"


@given(st.text())
def test_clean_never_leaves_a_control(text: str) -> None:
    out = clean(text).text
    assert not any(ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))), st.integers(1, 50))
def test_wrapped_lines_fit(text: str, width: int) -> None:
    text = text.replace("\n", " ")
    bounds = [0, *wrap_offsets(text, width), len(text)]
    assert bounds == sorted(bounds)
    for a, b in zip(bounds, bounds[1:], strict=False):
        line = text[a:b].rstrip()
        assert cell_len(line) <= width or len(line) == 1


def test_wrap_breaks_between_words_and_folds_long_ones() -> None:
    assert wrap_offsets("aaa bbb ccc", 7) == [8]
    assert wrap_offsets("x" * 10, 4) == [4, 8]
    assert wrap_offsets("中文中文", 4) == [2]  # wide characters count two cells


def test_as_you_type_makes_the_last_word_a_prefix() -> None:
    assert as_you_type("qat") == "(qat OR qat*)"
    assert as_you_type("maroc qat") == "maroc (qat OR qat*)"
    for unchanged in ["", "qa", "qatar ", "country:Maroc", '"qatar', "a AND", "qat*", "l'ONU"]:
        assert as_you_type(unchanged) == unchanged


def test_mentions_are_grouped_by_entity() -> None:
    seed = next(a for a in sample_articles() if a.id == "seed")
    groups = {g.id: g for g in summarize_mentions(seed.mentions)}
    assert groups["country:MA"].mentions == 3
    assert groups["country:MA"].forms == ("Royaume du Maroc", "Maroc", "marocains")
    assert groups["rule:dgsn"].source == "rule"
    assert summarize_mentions(seed.mentions)[0].id == "country:MA"


def test_exports_keep_text_as_data(tmp_path: Path) -> None:
    hostile = next(a for a in sample_articles() if a.id == "hostile")
    md = tmp_path / "out.md"
    write_export(md, [hostile])
    text = md.read_text(encoding="utf-8")
    assert "[@click=app.quit]z[/]" in text
    assert "\x1b" not in text and "\u202e" not in text
    js = tmp_path / "out.json"
    assert write_export(js, sample_articles(), query="q", filters=["Morocco"]) == 5
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["query"] == "q" and data["filters"] == ["Morocco"]
    assert data["articles"][4]["text"] == hostile.text  # JSON keeps the exact text, escaped
    assert not list(tmp_path.glob(".*.part"))


def test_unused_path_never_overwrites(tmp_path: Path) -> None:
    first = unused_path(tmp_path, "briefread-x", ".md")
    first.write_text("taken")
    assert unused_path(tmp_path, "briefread-x", ".md").name == "briefread-x-2.md"


def test_palette_hits_show_titles_literally() -> None:
    from textual.command import Matcher

    from tui_reader.ui.commands import highlighted

    title = "Open Hostile [bold]x[/] [@click=app.quit]z[/]"
    content = highlighted(Matcher("open hostile"), title)
    assert content.plain == title
