"""A name that other states' bodies share is the registry's body only in an article about its state."""

from __future__ import annotations

import pytest

from tui_reader.entities.tagger import default_tagger


def organizations(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.id, m.source) for m in default_tagger().tag(text, lang) if m.kind == "organization"]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "en",
            "Ms Fernández's government lost its majority in Congress last year, and Argentina's "
            "opposition now controls the budget.",
            "Congress",
        ),
        (
            "fr",
            "Selon le président de la Chambre des députés, Gianfranco Fini, le nouveau gouvernement "
            "de l'Italie aura une majorité.",
            "Chambre des députés",
        ),
        ("en", "New Zealand's Labour won the election in Wellington.", "Labour"),
        (
            "fr",
            "Le camp Gbagbo compte sur le Conseil constitutionnel, dit-on en Côte d'Ivoire.",
            "Conseil constitutionnel",
        ),
        ("fr", "Aux États-Unis, les Républicains de Donald Trump ont gagné le Sénat.", "Républicains"),
        # another state named by its bodies only: Spain's Congress
        ("en", "The PSOE will preside over Congress if it wins, Bono said.", "Congress"),
    ],
)
def test_in_an_article_about_another_state_the_name_is_that_states_body(
    lang: str, text: str, name: str
) -> None:
    found = [
        (entity_id, source) for surface, entity_id, source in organizations(text, lang) if surface == name
    ]
    # still an organization, no longer the registry's American, French or British body
    assert len(found) == 1
    entity_id, source = found[0]
    assert source == "rule" and entity_id.startswith("rule:")


@pytest.mark.parametrize(
    ("lang", "text", "name", "entity_id"),
    [
        # the body's own country named
        (
            "en",
            "Congress passed the budget. The United States will borrow less.",
            "Congress",
            "org:us-congress",
        ),
        (
            "fr",
            "En France, la Chambre des députés a voté la loi en 1905.",
            "Chambre des députés",
            "org:fr-chambre-des-deputes",
        ),
        # another body of the state named
        (
            "fr",
            "Les Républicains et le PS s'opposent sur l'accord avec l'Allemagne.",
            "Les Républicains",
            "org:fr-lr",
        ),
        # no country named at all: nothing says it is another state's
        ("en", "Congress passed the budget on Tuesday.", "Congress", "org:us-congress"),
        # another body of the state named, even one kept as no mention (the building)
        ("en", "Congress and the Pentagon disagree on Mexico.", "Congress", "org:us-congress"),
        ("en", "Congress passed the bill on Mexico, the White House said.", "Congress", "org:us-congress"),
        # a club is no state body: Bayern is no other state's club
        (
            "en",
            "Bayern beat Barcelona 4-0, the worst defeat for a club from Spain.",
            "Bayern",
            "org:bayern-munich",
        ),
    ],
)
def test_otherwise_the_name_stays_linked(lang: str, text: str, name: str, entity_id: str) -> None:
    assert (name, entity_id, "registry") in organizations(text, lang)


def test_two_generic_names_are_no_evidence_for_each_other() -> None:
    found = organizations(
        "In Italy the Christian Democrats and the Social Democrats agreed on a coalition.", "en"
    )
    assert [(surface, source) for surface, _, source in found] == [
        ("Christian Democrats", "rule"),
        ("Social Democrats", "rule"),
    ]
    found = organizations("The Social Democrats won in Germany, and the Christian Democrats conceded.", "en")
    assert [(surface, entity_id) for surface, entity_id, _ in found] == [
        ("Social Democrats", "org:de-spd"),
        ("Christian Democrats", "org:de-cdu"),
    ]


def test_the_name_shortened_later_is_no_evidence_for_itself() -> None:
    # "la Chambre" later in the article is the same chamber: it follows its full name's link
    text = (
        "Le chef du gouvernement compte sur la Chambre des députés. En République tchèque, la "
        "Chambre votera mardi, puis la Chambre ira en vacances."
    )
    found = [(surface, entity_id) for surface, entity_id, _ in organizations(text, "fr")]
    assert found == [
        ("Chambre des députés", "rule:chambre-des-deputes"),
        ("Chambre", "rule:chambre-des-deputes"),
        ("Chambre", "rule:chambre-des-deputes"),
    ]


def test_a_broadcaster_or_a_firm_of_the_bodys_state_is_no_evidence() -> None:
    text = "Hans Olav Syversen of the Christian Democrats told DW that Norway must look at other energy."
    assert ("Christian Democrats", "rule") in [(s, src) for s, _, src in organizations(text, "en")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a longer name that opens with words of its own is another body, whole
        (
            "Delegates to the American Pork Congress will decide.",
            [("American Pork Congress", "rule:american-pork-congress")],
        ),
        (
            "He led the Zimbabwe Congress of Trade Unions.",
            [("Zimbabwe Congress of Trade Unions", "rule:zimbabwe-congress-of-trade-unions")],
        ),
        (
            "a move to ban the National Democratic Party (NPD) again",
            [("National Democratic Party", "org:de-npd"), ("NPD", "org:de-npd")],
        ),
        # the body's own country before its name, or a word opening the sentence, is not
        (
            "The top members of the American Congress met.",
            [("American", "country:US"), ("Congress", "org:us-congress")],
        ),
        ("Then Congress voted.", [("Congress", "org:us-congress")]),
        # a name that other bodies share, in the complement of a head: no party, whole
        ("The Ministry of Labour said.", [("Ministry of Labour", "rule:ministry-of-labour")]),
        ("Ministry of Labour officials said.", [("Ministry of Labour", "rule:ministry-of-labour")]),
        (
            "Gert Weisskirchen of the Alliance of Social Democrats and Liberals said.",
            [("Alliance of Social Democrats and Liberals", "rule:alliance-of-social-democrats-and-liberals")],
        ),
    ],
)
def test_a_generic_body_name_inside_a_longer_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.id) for m in default_tagger().tag(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an article about the United States: the American Congress
        (
            "Le Congrès a rejeté le plan du Trésor. Aux États-Unis, les marchés ont chuté.",
            [("Congrès", "org:us-congress")],
        ),
        # about another state, or none: another congress, found by the rules
        ("Le Congrès a rejeté le budget.", [("Congrès", "rule:congres")]),
        (
            "En Espagne, le Congrès a voté; les États-Unis et l'Espagne ont signé.",
            [("Congrès", "rule:congres")],
        ),
        # a name that continues it is another body
        (
            "Le Congrès international de chirurgie s'ouvre à New York, aux États-Unis.",
            [("Congrès international de chirurgie", "rule:congres-international-de-chirurgie")],
        ),
    ],
)
def test_the_french_congress_is_the_american_one_only_in_an_article_about_the_united_states(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s, i) for s, i, _ in organizations(text, "fr")] == expected
