"""The fields' own indexing gives the postings the analyzer chain gives, long articles included."""

from __future__ import annotations

import pytest
from whoosh.fields import TEXT

from tui_reader.search import analysis
from tui_reader.search.schema import build_schema

TEXT_SAMPLE = (
    "Le Maroc et l'ONU : ΟΔΟΣ ΣΟΦΟΣ, déjà Élections — élections! İstanbul straße STRASSE œuvre "
    "Ǆemal naïve NAÏVE 2024-05 l’accord d'Autriche al-Qaïda "
) * 3


def postings(field: TEXT, value: object) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(field.index(value))


def chain_postings(field: TEXT, value: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(TEXT.index(field, value))  # Whoosh's own: the analyzer, token by token


@pytest.mark.parametrize("lean", [False, True], ids=["article", "very long article"])
def test_the_text_field_indexes_as_its_analyzer_does(monkeypatch: pytest.MonkeyPatch, lean: bool) -> None:
    if lean:
        monkeypatch.setattr(analysis, "LEAN_CHARS", 10)
        monkeypatch.setattr("tui_reader.search.schema.LEAN_CHARS", 10)
    analysis._recent_words.clear()
    field = build_schema()["text"]
    assert postings(field, TEXT_SAMPLE) == chain_postings(field, TEXT_SAMPLE)


@pytest.mark.parametrize("lean", [False, True], ids=["article", "very long article"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_stemmed_fields_index_as_their_analyzers_do(
    monkeypatch: pytest.MonkeyPatch, lean: bool, lang: str
) -> None:
    if lean:
        monkeypatch.setattr(analysis, "LEAN_CHARS", 10)
    analysis._recent_words.clear()
    field = build_schema()[f"body_{lang}"]
    assert postings(field, TEXT_SAMPLE) == chain_postings(field, TEXT_SAMPLE)


def test_a_very_long_articles_words_share_one_string_per_distinct_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(analysis, "LEAN_CHARS", 10)
    analysis._recent_words.clear()
    words = analysis.lowered_words("Maroc maroc MAROC Rabat " * 50)
    assert len(words) == 200 and len({id(w) for w in words}) == 2
