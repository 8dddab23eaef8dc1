"""The seed format: date header variants, paragraphs, titles, the seed article itself."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, SEED, need
from tui_reader.corpus import Article, Skipped, article_id, read_file


def read_one(
    tmp_path: Path, content: str | bytes, name: str = "a.txt"
) -> tuple[list[Article], list[Skipped]]:
    data = content.encode() if isinstance(content, str) else content
    (tmp_path / name).write_bytes(data)
    reading = read_file(tmp_path, name)
    return reading.articles, reading.skipped


def test_the_seed_article() -> None:
    seed = need(SEED)
    reading = read_file(seed.parent, seed.name)
    assert reading.skipped == []
    [article] = reading.articles
    assert article.date == "2025-05"
    assert article.text.startswith("Le directeur général du pôle DGSN-DGST")
    assert article.lang == "fr"
    assert (article.id, article.path, article.position) == (article_id(seed.name, 0), seed.name, 0)
    # The first sentence is long: cut at a word boundary, with an ellipsis.
    assert len(article.title) <= 100 and article.title.endswith("…")
    assert article.text.startswith(article.title[:-1])
    assert "\n" not in article.title and not article.title[:-1].endswith(" ")


def test_the_seed_text_is_the_one_its_gold_offsets_point_into() -> None:
    gold = json.loads(need(DATA / "gold" / "seed.json").read_text(encoding="utf-8"))
    seed = need(SEED)
    [article] = read_file(seed.parent, seed.name).articles
    assert article.text == gold["text"]
    for entity in gold["entities"]:
        assert article.text[entity["start"] : entity["end"]] == entity["text"]


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        (" date 2025-05 Le directeur général est arrivé.", "2025-05", "Le directeur général est arrivé."),
        ("date 2024-11-03\n\nUn texte.", "2024-11-03", "Un texte."),
        ("date 2024-11-03\nUn texte.", "2024-11-03", "Un texte."),
        ("\n\n  date 2025\n\nUn texte.", "2025", "Un texte."),
        ("DATE: 2025-01 Un texte.", "2025-01", "Un texte."),
        ("Date palms grow well in the south.", "", "Date palms grow well in the south."),
        ("No header at all.", "", "No header at all."),
    ],
)
def test_date_header(tmp_path: Path, content: str, date: str, text: str) -> None:
    [article], skipped = read_one(tmp_path, content)
    assert (article.date, article.text, skipped) == (date, text, [])


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("date 2025-13 Un texte.", "2025-13 is not a date in the calendar"),
        ("date 2025-02-30\n\nUn texte.", "2025-02-30 is not a date in the calendar"),
        ("date 2025-13-01\n\nUn texte.", "2025-13-01 is not a date in the calendar"),
        ("date 0000\n\nUn texte.", "0000 is not in the years 1000 to 2999"),
        ("date 2025-1-5 Un texte.", "2025-1-5 is not written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("date hier\n\nUn texte.", "hier is not written YYYY, YYYY-MM or YYYY-MM-DD"),
        # an escape sequence in it is shown, not removed to leave a valid date
        ("date 2025-05\x1b[31m\n\nUn texte.", "2025-05\u241b[31m is not written YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_a_header_that_is_no_date_leaves_the_article_undated_with_a_warning(
    tmp_path: Path, content: str, why: str
) -> None:
    [article], [warning] = read_one(tmp_path, content)
    assert (article.date, article.text) == ("", "Un texte.")
    assert warning.warning and warning.describe() == f"a.txt: date ignored: {why}"


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        ("date" + " " * 30_000 + "x y", "", "date x y"),
        ("DATE" + "\t" * 30_000 + "2025x y", "", "DATE 2025x y"),
        ("date" + " " * 15_000 + ":" + " " * 15_000 + "x y", "", "date : x y"),
    ],
    ids=["spaces", "tabs", "colon"],
)
def test_a_header_line_of_blanks_is_read_in_linear_time(
    tmp_path: Path, content: str, date: str, text: str
) -> None:
    # Two runs of blanks that both match the line would try each split of it: 20 s for these
    # 30,000 blanks.
    start = time.perf_counter()
    [article], _ = read_one(tmp_path, content)
    assert time.perf_counter() - start < 2
    assert (article.date, article.text) == (date, text)


def test_paragraphs_are_separated_by_one_blank_line_and_hard_wraps_joined(tmp_path: Path) -> None:
    content = "date 2025-05\r\n\r\n  First   line\r\nwrapped.\t \r\n \r\n\r\n\r\nSecond\u00a0one.  \r\n"
    [article], _ = read_one(tmp_path, content)
    assert article.text == "First line wrapped.\n\nSecond one."


@pytest.mark.parametrize("content", [b"", b"   \n\n \t\n", b"date 2025-05\n", b" date 2025-05-07 \n\n\n"])
def test_a_file_without_text_is_skipped_as_empty(tmp_path: Path, content: bytes) -> None:
    articles, skipped = read_one(tmp_path, content)
    assert articles == [] and skipped == [Skipped("a.txt", "empty")]


def test_a_very_long_line_is_read(tmp_path: Path) -> None:
    line = " ".join(["mot"] * 25_000)  # 99,999 characters, no sentence end
    [article], skipped = read_one(tmp_path, f"date 2025-05 {line}\n")
    assert article.text == line and skipped == []
    assert len(article.title) <= 100 and article.title.endswith("…")


def test_title_is_the_first_sentence(tmp_path: Path) -> None:
    content = "date 2025-05\n\nM. Dupont a rencontré le Dr. Martin à Rabat. Ils ont parlé.\n\nSuite."
    [article], _ = read_one(tmp_path, content)
    assert article.title == "M. Dupont a rencontré le Dr. Martin à Rabat"


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
@pytest.mark.parametrize("at", [0, 2_500], ids=["first-byte", "middle"])
def test_one_nul_in_a_brief_is_neutralised_not_binary(tmp_path: Path, name: str, at: int) -> None:
    body = " ".join(f"Phrase {n} du brief sur la coopération régionale." for n in range(100))  # 5 KB
    [article], skipped = read_one(tmp_path, f"{body[:at]}\x00{body[at:]}\n", name)
    assert skipped == [] and "\x00" not in article.text
    assert article.text == f"{body[:at]}\ufffd{body[at:]}".strip()
