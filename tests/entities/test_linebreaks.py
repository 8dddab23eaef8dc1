"""Organization names with a word OCR broke at a line end ("So¬ciété des nations")."""

from __future__ import annotations

import pytest

from tui_reader.entities.tagger import Tagger, default_tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return default_tagger()


def spans(tagger: Tagger, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in tagger.tag(text, "fr")]


def test_a_registry_name_across_a_line_break(tagger: Tagger) -> None:
    assert spans(tagger, "Le président de la Reichs¬bank a démissionné.") == [
        ("Reichs¬bank", "org:de-reichsbank")
    ]
    text = "le désarmement, la So¬ciété des nations, la liberté des mers"
    assert spans(tagger, text) == [("So¬ciété des nations", "org:league-of-nations")]


def test_a_head_noun_across_a_line_break(tagger: Tagger) -> None:
    found = tagger.tag("Hier, la Cham¬bre a voté le budget.", "fr")
    assert [(m.text, m.source, m.start) for m in found] == [("Cham¬bre", "rule", 9)]
    found = tagger.tag("les actions de la Com¬pagnie Lyonnaise montent", "fr")
    assert [m.text for m in found] == ["Com¬pagnie Lyonnaise"]


def test_a_mark_before_a_capital_joins_two_words(tagger: Tagger) -> None:
    # "Saint¬Mandé" is a compound, not a broken word; the offsets of other mentions stay
    text = "le L.T.C. Saint¬Mandé jouera contre la Reichs¬bank et l'ONU"
    assert [m.text for m in tagger.tag(text, "fr")] == ["Reichs¬bank", "ONU"]
    assert tagger.tag("la Reichs¬ et la suite", "fr") == []
