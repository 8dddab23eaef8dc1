"""Organizations the registry does not know: head-noun rules and acronym definitions."""

from __future__ import annotations

import pytest

from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import Alias, EntityInfo, EntityRegistry
from tui_reader.entities.rules import RuleFinder, initials, slug
from tui_reader.entities.tagger import Tagger

REGISTRY = EntityRegistry(
    [
        EntityInfo("country:MA", "country", "Morocco", "Maroc"),
        EntityInfo("country:IN", "country", "India", "Inde"),
        EntityInfo("org:unsc", "organization", "UN Security Council", "Conseil de sécurité"),
    ],
    [
        Alias("Maroc", "country:MA", "name", "fr"),
        Alias("India", "country:IN", "name", "en"),
        Alias("Conseil de sécurité", "org:unsc", "name", "fr"),
    ],
    version="test",
)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(REGISTRY)


def rule_spans(mentions: list[Mention]) -> list[str]:
    return [m.text for m in mentions if m.source == "rule"]


def test_french_head_noun_and_complements(tagger: Tagger) -> None:
    text = "la Direction générale de la sûreté nationale et le ministère de l'Intérieur ont dit"
    found = [m for m in tagger.tag(text, "fr") if m.source == "rule"]
    assert [m.text for m in found] == [
        "Direction générale de la sûreté nationale",
        "ministère de l'Intérieur",
    ]
    m = found[0]
    assert m.kind == "organization" and m.form == "name"
    assert m.id == "rule:direction-generale-de-la-surete-nationale"
    assert m.name_en == m.name_fr == "Direction générale de la sûreté nationale"


def test_french_span_ends_at_a_verb_or_punctuation(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("prier la Chambre de choisir un président", "fr")) == ["Chambre"]
    assert rule_spans(tagger.tag("Le texte. Le Conseil fédéral a décidé, hier.", "fr")) == ["Conseil fédéral"]


def test_capitalised_institution_alone(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("le projet présenté par la Commission.", "fr")) == ["Commission"]
    # a lowercase head alone is a common noun
    assert rule_spans(tagger.tag("la commission a siégé", "fr")) == []


def test_english_runs_of_capitalised_words(tagger: Tagger) -> None:
    text = "The Securities and Exchange Commission and the Ministry of Foreign Affairs met."
    assert rule_spans(tagger.tag(text, "en")) == [
        "Securities and Exchange Commission",
        "Ministry of Foreign Affairs",
    ]
    assert rule_spans(tagger.tag("Party officials said", "en")) == []


def test_places_are_not_organizations(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("settlers in the West Bank said", "en")) == []


def test_longer_name_absorbs_a_country_inside_it(tagger: Tagger) -> None:
    found = tagger.tag("the Reserve Bank of India said", "en")
    assert [(m.text, m.source) for m in found] == [("Reserve Bank of India", "rule")]


def test_registry_wins_over_rules(tagger: Tagger) -> None:
    found = tagger.tag("le Conseil de sécurité a voté", "fr")
    assert [(m.text, m.id) for m in found] == [("Conseil de sécurité", "org:unsc")]


def test_acronym_defined_after_long_form(tagger: Tagger) -> None:
    text = "The Securities and Exchange Commission (SEC) opened an inquiry. Later the SEC closed it."
    found = [m for m in tagger.tag(text, "en") if m.source == "rule"]
    assert [(m.text, m.form) for m in found] == [
        ("Securities and Exchange Commission", "name"),
        ("SEC", "acronym"),
        ("SEC", "acronym"),
    ]
    assert len({m.id for m in found}) == 1
    assert found[1].name_en == "Securities and Exchange Commission"


def test_acronym_before_its_long_form(tagger: Tagger) -> None:
    text = "la CCSDN (commission consultative du secret de la défense nationale) a rendu un avis"
    found = [(m.text, m.form) for m in tagger.tag(text, "fr") if m.source == "rule"]
    assert ("CCSDN", "acronym") in found


def test_acronym_from_initials_of_a_long_form_in_the_article(tagger: Tagger) -> None:
    text = (
        "La Direction générale de la sûreté nationale a publié un bilan. "
        "Selon la DGSN, les chiffres baissent."
    )
    found = [m for m in tagger.tag(text, "fr") if m.source == "rule"]
    assert [m.text for m in found] == ["Direction générale de la sûreté nationale", "DGSN"]
    assert found[0].id == found[1].id


def test_bare_unknown_acronym_is_never_a_mention(tagger: Tagger) -> None:
    assert tagger.tag("Le XYZ a déclaré que le ABCD et la QRS (sic) refusent.", "fr") == []


def test_rule_ids_and_helpers() -> None:
    assert slug("Direction générale de la sûreté nationale") == ("direction-generale-de-la-surete-nationale")
    assert initials("Direction générale de la sûreté nationale") == "DGSN"
    assert initials("commission consultative du secret de la défense nationale") == "CCSDN"
    assert initials("Securities and Exchange Commission") == "SEC"


def test_rule_finder_never_raises_on_odd_text() -> None:
    finder = RuleFinder()
    for text in ("", "(", "()", "Ministère", "(AB)", "Commission (C)", "\ud800 Agence (\x00)"):
        assert isinstance(finder.find(text, "und", []), list)


def test_rules_can_be_turned_off() -> None:
    tagger = Tagger(REGISTRY, rules=False)
    assert tagger.tag("la Direction générale de la sûreté nationale", "fr") == []
