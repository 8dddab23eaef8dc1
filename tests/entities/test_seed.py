"""The seed article, tagged with the real registry: every mention the issue names."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import DATA_DIR, DATA_FILES
from tui_reader.entities.tagger import default_tagger

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_da8b90398754ecf0.txt"
_HEADER = re.compile(r"\s*date\s+\S+\s*")


@pytest.fixture(scope="module")
def mentions() -> tuple[str, list[Mention]]:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not available (shared data lives beside the project)")
    missing = [name for name in DATA_FILES if not (DATA_DIR / name).is_file()]
    if missing:
        pytest.skip(f"registry data not written yet: {', '.join(missing)}")
    raw = SEED.read_text(encoding="utf-8")
    header = _HEADER.match(raw)
    text = raw[header.end() :] if header else raw
    return text, default_tagger().tag(text, "fr")


def test_offsets_point_at_the_text(mentions: tuple[str, list[Mention]]) -> None:
    text, found = mentions
    assert found
    for m in found:
        assert text[m.start : m.end] == m.text


def test_the_ten_countries(mentions: tuple[str, list[Mention]]) -> None:
    _, found = mentions
    countries = [(m.text, m.id) for m in found if m.kind == "country" and m.form == "name"]
    assert countries == [
        ("Autriche", "country:AT"),
        ("Turquie", "country:TR"),
        ("Pakistan", "country:PK"),
        ("Royaume du Maroc", "country:MA"),
        ("Qatar", "country:QA"),
        ("Turquie", "country:TR"),
        ("Arabie Saoudite", "country:SA"),
        ("Pakistan", "country:PK"),
        ("Émirats arabes unis", "country:AE"),
        ("Maroc", "country:MA"),
    ]


def test_marocains_is_a_demonym_of_morocco(mentions: tuple[str, list[Mention]]) -> None:
    _, found = mentions
    demonyms = [(m.text, m.id) for m in found if m.form == "demonym"]
    assert demonyms == [("marocains", "country:MA")]


def test_organizations(mentions: tuple[str, list[Mention]]) -> None:
    _, found = mentions
    orgs = Counter((m.text, m.id) for m in found if m.kind == "organization")
    assert orgs[("ONU", "org:un")] == 1
    assert orgs[("Daech", "org:isil")] == 2
    assert orgs[("Al-Qaïda", "org:al-qaeda")] == 2
    assert orgs[("Direction générale de la sûreté nationale", "org:ma-dgsn")] == 1
    assert orgs[("Direction générale de la surveillance du territoire", "org:ma-dgst")] == 1


def test_dgsn_and_dgst_inside_the_joint_name(mentions: tuple[str, list[Mention]]) -> None:
    text, found = mentions
    joint = [m.start() for m in re.finditer("DGSN-DGST", text)]
    assert len(joint) == 3
    by_start = {m.start: m for m in found}
    for start in joint:
        assert (by_start[start].text, by_start[start].id) == ("DGSN", "org:ma-dgsn")
        assert (by_start[start + 5].text, by_start[start + 5].id) == ("DGST", "org:ma-dgst")


def test_vienne_is_not_a_country(mentions: tuple[str, list[Mention]]) -> None:
    _, found = mentions
    assert not [m for m in found if m.text == "Vienne"]
