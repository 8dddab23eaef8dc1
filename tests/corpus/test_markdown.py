"""Markdown briefs: front matter, heading titles, markup, and front matter that is not valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.corpus import Article, Skipped, read_file


def read_md(tmp_path: Path, content: str) -> tuple[list[Article], list[Skipped]]:
    (tmp_path / "a.md").write_text(content, encoding="utf-8")
    reading = read_file(tmp_path, "a.md")
    return reading.articles, reading.skipped


def test_front_matter_fields(tmp_path: Path) -> None:
    content = (
        "---\ntitle: L'OTAN en mer Baltique\ndate: 2025-05-20\nsource: Agence\n"
        "url: https://example.org/a\nlang: French\n---\nLe texte\nsur deux lignes.\n\nSuite.\n"
    )
    [article], skipped = read_md(tmp_path, content)
    assert skipped == []
    assert article.title == "L'OTAN en mer Baltique"
    assert (article.date, article.source, article.url, article.lang) == (
        "2025-05-20",
        "Agence",
        "https://example.org/a",
        "fr",
    )
    assert article.text == "Le texte sur deux lignes.\n\nSuite."


def test_a_tab_in_front_matter_is_read_as_a_space(tmp_path: Path) -> None:
    content = "---\ntitle:\tLe Maroc\tet l'ONU\ndate:\t2025-05-20\n---\nLe texte.\n"
    [article], skipped = read_md(tmp_path, content)
    assert skipped == []
    assert (article.title, article.date) == ("Le Maroc et l'ONU", "2025-05-20")


@pytest.mark.parametrize(
    ("value", "date"),
    [("2025", "2025"), ("2025-05", "2025-05"), ("'2025-05-07'", "2025-05-07")],
)
def test_front_matter_dates_keep_their_precision(tmp_path: Path, value: str, date: str) -> None:
    [article], skipped = read_md(tmp_path, f"---\ndate: {value}\n---\nText of the brief here.\n")
    assert (article.date, skipped) == (date, [])


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2025-02-30", "2025-02-30 is not a date in the calendar"),
        ("2025-13-01", "2025-13-01 is not a date in the calendar"),
        ('"May 5, 2025"', '"May 5, 2025" is not written YYYY, YYYY-MM or YYYY-MM-DD'),
        ("1746403200", "1746403200 is not in the years 1000 to 2999"),
    ],
)
def test_a_front_matter_date_that_is_none_leaves_the_article_undated_with_a_warning(
    tmp_path: Path, value: str, why: str
) -> None:
    [article], [warning] = read_md(tmp_path, f"---\ndate: {value}\n---\nText of the brief here.\n")
    assert (article.date, article.text) == ("", "Text of the brief here.")
    assert warning.warning and warning.describe() == f"a.md: date ignored: {why}"


def test_a_heading_first_line_is_the_title_and_leaves_the_body(tmp_path: Path) -> None:
    [article], _ = read_md(tmp_path, "---\ndate: 2025-03\n---\n\n# WHO warns of *cholera*\n\nThe text.\n")
    assert (article.title, article.text) == ("WHO warns of cholera", "The text.")


def test_a_heading_that_repeats_the_front_matter_title_is_dropped(tmp_path: Path) -> None:
    [article], _ = read_md(tmp_path, "---\ntitle: Same Title\n---\n# Same title\n\nBody.\n")
    assert (article.title, article.text) == ("Same Title", "Body.")
    [article], _ = read_md(tmp_path, "---\ntitle: Given\n---\n# Another\n\nBody.\n")
    assert (article.title, article.text) == ("Given", "Another\n\nBody.")


def test_markup_is_reduced_to_its_text(tmp_path: Path) -> None:
    content = (
        "Intro with a [link](https://example.org) and **bold** and _em_ and `code`.\n"
        "![a map](map.png) of snake_case_names.\n"
        "- first item\n- second item\n\n## Section\nText under it.\n\n---\n\n> quoted line\n"
    )
    [article], _ = read_md(tmp_path, content)
    assert article.text.split("\n\n") == [
        "Intro with a link and bold and em and code. a map of snake_case_names.",
        "- first item",
        "- second item",
        "Section",
        "Text under it.",
        "quoted line",
    ]


@pytest.mark.parametrize(
    ("front_matter", "reason"),
    [
        ("title: [unclosed\ndate: 2025", "front matter ignored: not valid YAML (line 3)"),
        ("- a list\n- not a mapping", "front matter ignored: not a mapping"),
        ("just a string", "front matter ignored: not a mapping"),
        ("date: !!timestamp 2025-02-30", "front matter ignored: not valid YAML"),
        ("date: !!timestamp yesterday", "front matter ignored: not valid YAML"),
        ("draft: !!bool maybe", "front matter ignored: not valid YAML"),
        ("x: !!python/object:os.system echo", "front matter ignored: not valid YAML (line 2)"),
        pytest.param(
            "b: " + "[" * 5000, "front matter ignored: more than 100 [ or { collections", id="nested"
        ),
        pytest.param("t: " + "x" * 20_000, "front matter ignored: longer than 16,000 characters", id="long"),
    ],
)
def test_bad_front_matter_is_ignored_and_the_article_still_read(
    tmp_path: Path, front_matter: str, reason: str
) -> None:
    [article], skipped = read_md(tmp_path, f"---\n{front_matter}\n---\n# The title\n\nThe body.\n")
    assert (article.title, article.text, article.date) == ("The title", "The body.", "")
    assert [(s.reason.startswith(reason), s.line, s.warning) for s in skipped] == [(True, None, True)]


def test_ignored_front_matter_is_a_warning_on_the_file(tmp_path: Path) -> None:
    [article], [warning] = read_md(tmp_path, "---\ntitle: [unclosed\n---\nLe Maroc.\n")
    assert warning.describe() == "a.md: front matter ignored: not valid YAML (line 2)"
    assert warning.warning and article.text == "Le Maroc."


def test_aliases_do_not_blow_up(tmp_path: Path) -> None:
    front_matter = "a: &a [x, y]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ntitle: Aliases"
    [article], skipped = read_md(tmp_path, f"---\n{front_matter}\n---\nThe body.\n")
    assert (article.title, skipped) == ("Aliases", [])


def test_unclosed_front_matter_is_text_and_said(tmp_path: Path) -> None:
    [article], [warning] = read_md(tmp_path, "---\ntitle: Never closed\n\nThe body.\n")
    assert article.text == "title: Never closed\n\nThe body."
    assert warning.describe() == "a.md: front matter ignored: no closing '---' line" and warning.warning


def test_metadata_of_the_wrong_type_is_ignored(tmp_path: Path) -> None:
    front_matter = "title: [a, b]\nsource: {x: 1}\nlang: 12\nurl: javascript:alert(1)"
    content = f"---\n{front_matter}\n---\nLe texte du brief est ici.\n"
    [article], [warning] = read_md(tmp_path, content)
    assert warning.warning
    assert warning.reason == "field ignored: title is not text or a number; 2 more fields ignored in the file"
    assert (article.title, article.source, article.url) == ("Le texte du brief est ici", "", "")


def test_an_integer_longer_than_python_converts_keeps_the_front_matter(tmp_path: Path) -> None:
    content = f"---\ntitle: {'9' * 5000}\ndate: 2025-02-11\nlang: fr\n---\nLe Maroc et la France.\n"
    [article], skipped = read_md(tmp_path, content)
    assert skipped == []
    assert (article.date, article.lang) == ("2025-02-11", "fr") and article.title.startswith("999")


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("0x" + "f" * 4000, id="hexadecimal"),
        pytest.param("0" + "7" * 5000, id="octal"),
        pytest.param("0b" + "1" * 15000, id="binary"),
    ],
)
def test_an_integer_in_another_base_too_long_to_write_out_is_kept_as_written(
    tmp_path: Path, number: str
) -> None:
    content = f"---\ntitle: {number}\ndate: 2025-02-11\n---\nLe Maroc et la France.\n"
    [article], skipped = read_md(tmp_path, content)
    assert skipped == []
    assert article.date == "2025-02-11" and article.title.startswith(number[:10])


@pytest.mark.parametrize("content", ["", "---\ntitle: Only metadata\n---\n", "# Only a heading\n"])
def test_a_markdown_file_without_text_is_empty(tmp_path: Path, content: str) -> None:
    articles, skipped = read_md(tmp_path, content)
    assert articles == [] and skipped == [Skipped("a.md", "empty")]


def test_plain_lines_are_kept_without_the_markup_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file of 200,000 short lines read in seconds, not minutes: a line with no markup in it
    # is kept as it is, the inline patterns run only where their characters are
    from tui_reader.corpus.formats import markdown

    inline_calls = 0
    inline = markdown._inline

    def counted(line: str) -> str:
        nonlocal inline_calls
        inline_calls += 1
        return inline(line)

    monkeypatch.setattr(markdown, "_inline", counted)
    [article], _ = read_md(tmp_path, "# Titre\n\n" + "ligne\n" * 200_000 + "Le **Maroc** et [l'ONU](x).\n")
    assert article.text == " ".join(["ligne"] * 200_000) + " Le Maroc et l'ONU."
    assert inline_calls == 2  # the heading and the last line


def test_a_thematic_break_that_opens_a_file_is_no_front_matter(tmp_path: Path) -> None:
    [article], skipped = read_md(tmp_path, "---\n\nLe Maroc et l'ONU.\n")
    assert skipped == [] and article.text == "Le Maroc et l'ONU."
