"""What the UI layer computes without a terminal: cleaning untrusted text, wrapping, the
as-you-type query, grouping mentions, exports."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.ui.fake_library import sample_articles
from tui_reader.ui import export
from tui_reader.ui.entity_names import summarize_mentions
from tui_reader.ui.export import ExportError, unused_path, write_export
from tui_reader.ui.safe_text import clean, styled
from tui_reader.ui.searching import as_you_type, without_last_filter
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


@pytest.mark.parametrize(
    ("query", "left"),
    [
        ("Maroc country:Maroc", "Maroc"),
        ("country:Maroc org:ONU crise", "country:Maroc crise"),
        ("date:[2012 TO 2014] Obama", "Obama"),
        ('org:"Nations unies" x', "x"),
        ("country:Qatar -country:Maroc", "country:Qatar"),  # with its negation
        ("Qatar NOT country:Maroc", "Qatar"),
        ("Qatar AND country:MA", "Qatar"),
        ("country:MA OR Qatar", "Qatar"),
        ("a (country:MA OR country:DZ)", "a (country:MA)"),
        ("(country:MA) Qatar", "Qatar"),
        ('"premier  ministre" country:FR', '"premier  ministre"'),  # a phrase as it is
        ('"see country:Maroc" Qatar', None),  # words of a phrase are no filter
        ("Maroc", None),
    ],
)
def test_the_last_filter_typed_in_a_query_is_removed_whole(query: str, left: str | None) -> None:
    assert without_last_filter(query) == left


def test_as_you_type_makes_the_last_word_a_prefix() -> None:
    assert as_you_type("qat") == "(qat OR qat*)"
    assert as_you_type("maroc qat") == "maroc (qat OR qat*)"
    for unchanged in [
        "",
        "qa",
        "qatar ",
        "country:Maroc",
        '"qatar',
        "a AND",
        "qat*",
        "l'ONU",
        "date:[2008 TO 2009",
    ]:
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
    assert "\\[@click=app.quit\\]z\\[/\\]" in text  # escaped: rendered, it shows as written
    assert "\x1b" not in text and "\u202e" not in text
    js = tmp_path / "out.json"
    assert write_export(js, sample_articles(), query="q", filters=["Morocco"]) == 5
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["query"] == "q" and data["filters"] == ["Morocco"] and "view" not in data
    assert write_export(js, sample_articles()[:1], view="bookmarked only") == 1
    assert json.loads(js.read_text(encoding="utf-8"))["view"] == "bookmarked only"
    assert write_export(md, sample_articles()[:1], view="unread only") == 1
    assert md.read_text(encoding="utf-8").startswith("_Exported from briefread (view: unread only)._")
    assert data["articles"][4]["text"] == hostile.text  # JSON keeps the exact text, escaped
    assert not list(tmp_path.glob(".*.part"))


def test_a_jsonl_export_is_one_article_a_line_that_briefread_reads_back(tmp_path: Path) -> None:
    from tui_reader.corpus import read_file

    articles = sample_articles()
    assert write_export(tmp_path / "out.jsonl", articles) == len(articles)
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [a.id for a in articles]
    back = read_file(tmp_path, "out.jsonl")
    assert not back.skipped and len(back.articles) == len(articles)
    for read, written in zip(back.articles, articles, strict=True):
        if written.id != "hostile":  # its escape sequences go when it is read, as any file's
            assert (read.title, read.text, read.date) == (written.title, written.text, written.date)


def test_export_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """Renaming the export over a pipe, a device or a link to one would replace it with a file."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    (tmp_path / "to-pipe.md").symlink_to(fifo)
    (tmp_path / "to-nothing.md").symlink_to(tmp_path / "gone.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    expected = {
        "pipe.md": f"{fifo} is not a regular file: choose another name.",
        "to-pipe.md": f"{tmp_path / 'to-pipe.md'} links to {fifo}, which is not a regular file: "
        "choose another name.",
        "to-nothing.md": f"{tmp_path / 'to-nothing.md'} is a link to no file: choose another name.",
        "loop.md": f"{tmp_path / 'loop.md'} is a link to no file: choose another name.",
        "folder": f"{tmp_path / 'folder'} is a folder: type a file name.",
    }
    for name, message in expected.items():
        with pytest.raises(ExportError) as raised:
            write_export(tmp_path / name, sample_articles())
        assert str(raised.value) == message
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert (tmp_path / "to-pipe.md").is_symlink() and (tmp_path / "to-nothing.md").is_symlink()
    assert not (tmp_path / "gone.md").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_export_through_a_link_replaces_the_file_it_leads_to(tmp_path: Path) -> None:
    real = tmp_path / "notes" / "real.md"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert write_export(link, sample_articles()) == 5
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # a replaced file keeps its permissions
    assert not list(tmp_path.rglob(".*.part"))


def test_export_never_writes_through_a_planted_temporary_name(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (tmp_path / ".out.md.part").symlink_to(victim)
    write_export(tmp_path / "out.md", sample_articles())
    assert victim.read_text() == "keep"


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        (errno.EACCES, "permission denied; choose a folder you can write to."),
        (errno.EROFS, "the disk is read-only; choose a folder you can write to."),
        (errno.ENOSPC, "the disk is full; free some space or choose another folder."),
        (errno.ENOENT, "its folder does not take new files; choose a folder you can write to."),
        (errno.EIO, "input/output error; choose another folder or name."),
    ],
)
def test_export_errors_name_the_chosen_path_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, sentence: str
) -> None:
    def refuse(path: object, *args: object) -> int:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(export.os, "open", refuse)
    target = tmp_path / "out.md"
    with pytest.raises(ExportError) as raised:
        write_export(target, sample_articles())
    assert str(raised.value) == f"Cannot write {target}: {sentence}"


def test_export_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.md"
    with pytest.raises(ExportError) as raised:
        write_export(target, sample_articles())
    assert str(raised.value) == (
        f"Cannot write {target}: the folder {target.parent} does not exist; choose an existing folder."
    )


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


def test_palette_ranks_a_whole_name_before_its_start_a_word_and_a_part_of_a_word() -> None:
    from tui_reader.entities.registry import fold
    from tui_reader.ui.commands import NameMatch, entity_words

    assert entity_words("Filter by Nations") == "Nations"
    assert entity_words("filter b") == ""  # "by" being typed
    assert entity_words("filters") == "filters"
    onu = NameMatch("onu")
    whole, start, word = (onu.factor(fold(n)) for n in ("ONU", "ONU-Habitat", "Secrétariat de l'ONU"))
    assert whole > start > word > 0
    nation = NameMatch("Nation")
    assert nation.factor(fold("Nations unies")) > nation.factor(fold("Organisation des Nations unies"))
    assert nation.factor(fold("Organisation des Nations unies")) > nation.factor(fold("Internationale")) > 0
    assert NameMatch("un").factor(fold("Tunisie")) == 0  # two letters match a word's start only
    assert onu.best([("Onu", "onu"), ("ONU", "onu")]) == (onu.factor("onu"), "Onu")
    assert NameMatch("ONU").best([("Onu", "onu"), ("ONU", "onu")])[1] == "ONU"  # as typed


def test_a_cut_title_never_splits_a_flag_or_a_letter_from_its_accent() -> None:
    from rich.cells import cell_len

    from tui_reader.ui.article_meta import shorten_middle
    from tui_reader.ui.widgets.article_list import _fit

    title = "France launches 🇫🇷 satellite"
    for width in range(10, 30):
        row = _fit(title, width)
        assert cell_len(row) == width
        assert "🇫🇷" in row or "🇫" not in row and "🇷" not in row
    assert _fit("Le cafe\u0301 du port", 8) == "Le cafe\u0301…"  # "é" as "e" and an accent
    assert shorten_middle("🇫🇷🇫🇷🇫🇷🇫🇷.txt", 8).count("🇫") == shorten_middle("🇫🇷🇫🇷🇫🇷🇫🇷.txt", 8).count("🇷")


def test_emoji_joined_or_toned_are_drawn_one_by_one() -> None:
    # terminals draw joined and toned emoji in different widths: each is drawn alone, and the
    # offsets of what follows still land right
    cleaned = clean("said 👍🏽 and 👨\u200d👩\u200d👧 ok ❤\ufe0f")
    assert cleaned.text == "said 👍 and 👨👩👧 ok ❤"
    original = "said 👍🏽 and 👨\u200d👩\u200d👧 ok ❤\ufe0f"
    assert cleaned.text[cleaned.offset(original.index("ok")) :].startswith("ok")
    # a joiner anywhere else goes too: Rich measures the letters it joins as one cell where a
    # terminal draws them all, and the rest of the line would run over the next pane
    for joined in ("ب\u200dت", "O\u200dV\u200dE\u200dR"):
        cleaned = clean(joined)
        assert "\u200d" not in cleaned.text and cell_len(cleaned.text) == len(cleaned.text)


def test_hangul_fillers_are_dropped() -> None:
    # invisible, and measured by Rich otherwise than by terminals (U+3164: 0 cells, or 2)
    original = "Maroc\u3164\u3164\u115f\u1160\uffa0SPOOF"
    cleaned = clean(original)
    assert cleaned.text == "MarocSPOOF"
    assert cleaned.offset(original.index("SPOOF")) == len("Maroc")


def test_markdown_export_shows_article_markup_as_written(tmp_path: Path) -> None:
    """A brief's own headings, rules, lists, links, images and HTML are escaped: rendered, the
    export shows them as the brief has them, and none passes for the export's own structure."""
    seed = next(a for a in sample_articles() if a.id == "seed")
    text = (
        'Maroc *important* <img src="http://tracker.example/x.png"> `code` &copy; [a](javascript:x)\n\n'
        "# Fake heading\n\n---\n\n## Entities\n\n1. list\n\n> quote"
    )
    brief = dataclasses.replace(seed, title="## <b>Title</b>", text=text)
    md = tmp_path / "out.md"
    write_export(md, [brief])
    out = md.read_text(encoding="utf-8")
    assert out.count("\n## Entities\n") == 1  # the export's own section, not the brief's
    assert "\n---\n" not in out and "\n# Fake" not in out and "\n1. list" not in out
    body = out.split("\n## Entities\n")[0]
    assert not re.search(r"(?<!\\)[<>&\[\]*`]", body)  # all escaped
    assert out.startswith("# \\## \\<b\\>Title\\</b\\>\n")
    assert "Maroc \\*important\\* \\<img src=" in out and "\\`code\\` \\&copy; \\[a\\](javascript:x)" in out
    assert "\\# Fake heading\n\n\\---\n\n\\## Entities\n\n1\\. list\n\n\\> quote" in out
    assert "(`country:MA`)" in out
