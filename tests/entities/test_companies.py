"""Companies named with their legal form."""

from __future__ import annotations

import pytest

from tui_reader.entities.tagger import default_tagger


def orgs(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in default_tagger().tag(text, lang) if m.kind == "organization"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The drugmaker Pfizer Inc. said on Monday", "en", [("Pfizer Inc.", "org:pfizer")]),
        ("Le géant pharmaceutique Pfizer Inc a annoncé", "fr", [("Pfizer Inc", "org:pfizer")]),
        ("shares of Deutsche Börse AG rose", "en", [("Deutsche Börse AG", "org:deutsche-boerse")]),
        ("Ford Motor Co said", "en", [("Ford Motor Co", "org:ford")]),
        ("Ford Motor Co's unit said", "en", [("Ford Motor Co", "org:ford")]),
        (
            "Barclays Bank Plc and Toyota Motor Corp said",
            "en",
            [
                ("Barclays Bank Plc", "org:barclays"),
                ("Toyota Motor Corp", "org:toyota"),
            ],
        ),
        ("said Bear Stearns and Co Inc today", "en", [("Bear Stearns and Co Inc", "org:bear-stearns")]),
        ("lead manager Goldman Sachs & Co. said", "en", [("Goldman Sachs & Co.", "org:goldman-sachs")]),
        ("la banque Lazard Frères et Cie a dit", "fr", [("Lazard Frères et Cie", "org:lazard")]),
        # a name in capitals takes a form in capitals, but in a headline set in capitals
        ("BMW AG shares rose", "en", [("BMW AG", "org:bmw")]),
        ("SHARES OF BMW AG ROSE", "en", [("BMW", "org:bmw")]),
        # a name that is also a surname is the firm's before its form, and so after it
        (
            "Nissan and Renault SA agreed a deal. Renault said it was pleased.",
            "en",
            [("Nissan", "org:nissan"), ("Renault SA", "org:renault"), ("Renault", "org:renault")],
        ),
        ("Michelin SA reported results.", "en", [("Michelin SA", "org:michelin")]),
    ],
)
def test_a_registry_company_takes_its_legal_form(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert orgs(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("sales of Verdant Power Inc rose", "en", ["Verdant Power Inc"]),
        ("Porsche SE and Procter & Gamble Ltd agreed", "en", ["Porsche SE", "Procter & Gamble Ltd"]),
        ("the Kiskunhalas-based Cash Investment Kft. said", "en", ["Cash Investment Kft."]),
        (
            "La société Pigal Kft et Verdant Power Inc. De New York.",
            "fr",
            ["société Pigal Kft", "Verdant Power Inc."],
        ),
        ("Il vit à New York. Acme Widgets SA a dit", "fr", ["Acme Widgets SA"]),
        ("manager Dillon Read and Co Inc said", "en", ["Dillon Read and Co Inc"]),
        (
            "Petroleos de Venezuela S.A. chose Royal Dutch Petroleum N.V.",
            "en",
            [
                "Petroleos de Venezuela S.A.",
                "Royal Dutch Petroleum N.V.",
            ],
        ),
        ("said director Ha of Zico Import Pty Ltd", "en", ["Zico Import Pty Ltd"]),
        (
            "Novo Industri A/S, Henkel KGaA, Sime Darby Bhd, Instrumentarium Oy and Petroleo "
            "Ipiranga Ltda agreed",
            "en",
            [
                "Novo Industri A/S",
                "Henkel KGaA",
                "Sime Darby Bhd",
                "Instrumentarium Oy",
                "Petroleo Ipiranga Ltda",
            ],
        ),
        (
            "Samuel Montagu and Co Ltd. and Verdant Widgets Co. agreed",
            "en",
            ["Samuel Montagu and Co Ltd.", "Verdant Widgets Co."],
        ),
    ],
)
def test_an_unknown_company_is_named_by_its_legal_form(text: str, lang: str, expected: list[str]) -> None:
    assert [name for name, _ in orgs(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("LES HAUTS FONCTIONNAIRES VONT SE RÉUNIR", "fr"),
        ("Sa mère et son père", "fr"),
        ("in SE Asia, Inc. and AG were words", "en"),
        ("born in Co. Kerry, he and Co-founders met", "en"),
        ("Messi and Co. were beaten, said Verdant and\nCo Inc", "en"),
    ],
)
def test_a_legal_form_alone_or_in_a_headline_in_capitals_names_nothing(text: str, lang: str) -> None:
    assert orgs(text, lang) == []


def test_an_acronym_of_a_company_without_its_legal_form() -> None:
    text = (
        "Maybank took a stake in <Cooperative Central Bank Bhd>. The government has supported CCB. "
        "Shares of Ford Motor Co rose; FM radio."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert ("CCB", "rule:cooperative-central-bank-bhd") in found
    assert [name for name, _ in found if name == "FM"] == []  # two letters name much else


def test_a_company_named_again_without_its_legal_form() -> None:
    text = (
        "Verdant Power Inc. said it would expand. Verdant Power shares rose, unlike Verdant Powerful "
        "products. Freenet AG fell. Its founder, Max Freenet, said Freenet Mobile and Freenet would grow."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == [
        ("Verdant Power Inc.", "rule:verdant-power-inc"),
        ("Verdant Power", "rule:verdant-power-inc"),
        ("Freenet AG", "rule:freenet-ag"),
        ("Freenet", "rule:freenet-ag"),
    ]


def test_a_company_named_in_a_headline_set_in_capitals() -> None:
    text = (
        "DIAMOND SHAMROCK (DIA) CUTS CRUDE PRICES\n\n"
        "Diamond Shamrock Corp said it cut its prices. PLACER PACIFIC was not named so in the text."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == [
        ("DIAMOND SHAMROCK", "rule:diamond-shamrock-corp"),
        ("DIA", "rule:diamond-shamrock-corp"),  # not the Defense Intelligence Agency
        ("Diamond Shamrock Corp", "rule:diamond-shamrock-corp"),
    ]
    # in capitals only where the line is set in capitals
    text = "Verdant Power Inc. said so. Its unit VERDANT POWER bought shares."
    found = [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == ["Verdant Power Inc."]
    # and in a line no longer than a headline: a long text in capitals on one line is no headline
    text = "Diamond Shamrock Corp said. " + "DIAMOND SHAMROCK CUTS PRICES AGAIN " * 20
    found = [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == ["Diamond Shamrock Corp"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_acronym_before_a_legal_form_names_a_company_not_the_registry_body(lang: str) -> None:
    # HTC is also the French acronym of an armed group, Hayat Tahrir al-Cham
    text = "Samsung Electronics Co Ltd, HTC Corp et Huawei. HTC a vendu plus. Le groupe HTC combat."
    found = orgs(text, lang)
    assert ("HTC Corp", "rule:htc-corp") in found
    assert [i for t, i in found if t == "HTC"] == ["rule:htc-corp", "rule:htc-corp"]
    # a firm of the registry keeps its id
    assert orgs("Le géant Pfizer Inc a annoncé. Pfizer a dit.", lang) == [
        ("Pfizer Inc", "org:pfizer"),
        ("Pfizer", "org:pfizer"),
    ]


def test_a_country_that_owns_a_company_is_left_out_of_its_name() -> None:
    text = "Japan's Canon Inc and Britain's Hanson Trust Plc agreed, as did Hudson's Bay Co."
    found = [(m.text, m.kind) for m in default_tagger().tag(text, "en")]
    assert found == [
        ("Japan", "country"),
        ("Canon Inc", "organization"),
        ("Britain", "country"),
        ("Hanson Trust Plc", "organization"),
        ("Hudson's Bay Co.", "organization"),
    ]


def test_a_french_person_or_title_before_de_is_no_part_of_a_company() -> None:
    text = "Le PDG Carlos Ghosn de Renault SA a écrit à Michel Dupont de Total SA."
    found = [(m.text, m.id) for m in default_tagger().tag(text, "fr") if m.kind == "organization"]
    assert found == [("Renault SA", "org:renault"), ("Total SA", "org:totalenergies")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a brand whose name opens with a country's acronym is one name
        ("USA Today said", "en", [("USA Today", "org:usa-today")]),
        ("U.S. Steel said", "en", [("U.S. Steel", "org:us-steel")]),
        # a body's own hyphenated acronym is not two others joined (Associated Press, HP)
        ("l'AP-HP a annoncé", "fr", [("AP-HP", "org:fr-aphp")]),
        # a known company's branch leaves no stray name behind
        ("Audi of America Inc said", "en", [("Audi", "org:audi")]),
    ],
)
def test_names_that_hold_other_names(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.id) for m in default_tagger().tag(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volkswagen Group continues to sell vans.", [("Volkswagen Group", "org:volkswagen")]),
        (
            "Siemens Group and the Volkswagen group said.",
            [("Siemens Group", "org:siemens"), ("Volkswagen", "org:volkswagen")],
        ),
        # a longer name goes on after "Group": the company's name stays as the registry has it
        ("Volkswagen Group China said.", [("Volkswagen", "org:volkswagen")]),
        # before a word that is no name of its own, the word for its kind is the company's
        (
            "The Omnicom Group and Publicis Group today announced",
            [("Omnicom Group", "rule:omnicom-group"), ("Publicis Group", "org:publicis")],
        ),
    ],
)
def test_a_company_name_ends_with_a_capitalised_group(text: str, expected: list[tuple[str, str]]) -> None:
    assert orgs(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The trust is managed by A.G. Edwards and Sons Inc and others.", ["A.G. Edwards and Sons Inc"]),
        ("John Wiley and Sons Inc said.", ["John Wiley and Sons Inc"]),
        # "and" goes on only before the family's word: "Messi and Co." is no firm
        ("Messi and Co. were beaten.", []),
    ],
)
def test_a_family_firm_keeps_the_name_before_and_sons(text: str, expected: list[str]) -> None:
    assert [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"] == expected
