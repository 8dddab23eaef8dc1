"""Organizations that a noun for a kind of body introduces ("the German firm UsedSoft")."""

from __future__ import annotations

import pytest

from tui_reader.entities.tagger import default_tagger


def orgs(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in default_tagger().tag(text, lang) if m.kind == "organization"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The court sided with the German firm UsedSoft in a battle", "en", [("UsedSoft", "rule:usedsoft")]),
        ("the US airline Continental denied responsibility", "en", [("Continental", "rule:continental")]),
        (
            "spokesperson told the daily Koelner Stadt-Anzeiger on Thursday",
            "en",
            [("Koelner Stadt-Anzeiger", "rule:koelner-stadt-anzeiger")],
        ),
        (
            'he told the German newspaper "Muenchner Merkur".',
            "en",
            [("Muenchner Merkur", "rule:muenchner-merkur")],
        ),
        ("an analyst from the bank M.M. Warburg said", "en", [("M.M. Warburg", "rule:m-m-warburg")]),
        ("the Norwegian cruise line operator Color Line said", "en", [("Color Line", "rule:color-line")]),
        (
            "has retained the investment banking firm Kahn and Harris",
            "en",
            [("Kahn and Harris", "rule:kahn-and-harris")],
        ),
        ("Le groupe Nueva Rumasa a offert 1,5 euro.", "fr", [("Nueva Rumasa", "rule:nueva-rumasa")]),
        (
            "Le groupe espagnol, par l'intermédiaire de sa filiale Alpinex, a gagné",
            "fr",
            [("Alpinex", "rule:alpinex")],
        ),
        ("l'agence de presse Xinhuo rapporte", "fr", [("Xinhuo", "rule:xinhuo")]),
        ("la compagnie aérienne Vuelingo annonce", "fr", [("Vuelingo", "rule:vuelingo")]),
        (
            "selon le quotidien Uusi Suomix, qui",
            "fr",
            [("Uusi Suomix", "rule:uusi-suomix")],
        ),
        # the firm a person of the markets speaks for
        (
            "said Tom Murtha, analyst at James Capel and Co. He added",
            "en",
            [("James Capel and Co", "rule:james-capel-and-co")],
        ),
        (
            "said Cynthia Latta, an economist with Data Resources. Latta of Data Resources said",
            "en",
            [("Data Resources", "rule:data-resources"), ("Data Resources", "rule:data-resources")],
        ),
        ("selon un courtier chez IG Markets, la baisse", "fr", [("IG Markets", "rule:ig-markets")]),
        # a capital of any script
        ("The Czech carmaker Škodax said on Monday.", "en", [("Škodax", "rule:skodax")]),
        # a wire's angle brackets around the name
        (
            "the sale of state-owned arms manufacturer <Royal Ordnance> today",
            "en",
            [("Royal Ordnance", "rule:royal-ordnance")],
        ),
    ],
)
def test_a_noun_for_a_kind_of_body_introduces_its_name(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert orgs(text, lang) == expected


def test_a_sentence_opening_adverb_before_the_name_alone_is_no_word_of_a_longer_name() -> None:
    text = "US airline Continentalx denied it. Later Continentalx said it would appeal."
    assert [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"] == [
        "Continentalx"
    ] * 2


def test_the_name_alone_later_in_the_article_is_the_same_body() -> None:
    text = (
        "United Internet holds 20 percent of telecommunications company Versatel. "
        "Options to increase its holding of Versatel were kept open. Versatel said it welcomed it."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.text == "Versatel"]
    assert found == [("Versatel", "rule:versatel")] * 3


def test_a_french_noun_kept_by_the_rules_still_names_the_body_alone_later() -> None:
    # French annotators keep the noun ("société Xyzcorp"); the name alone is that body later on
    text = "La société Xyzcorp a gagné le contrat. Xyzcorp a dit qu'elle commencerait lundi."
    assert orgs(text, "fr") == [
        ("société Xyzcorp", "rule:societe-xyzcorp"),
        ("Xyzcorp", "rule:societe-xyzcorp"),
    ]


def test_a_common_word_opening_a_sentence_is_not_the_name_again() -> None:
    text = "The German news magazine Focus reported it. Focus on the economy was weak, focus groups said."
    assert orgs(text, "en") == [("Focus", "rule:focus")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the company Chief Executive John Smith said", "en"),  # a title, then a person
        ("after the party Monday night", "en"),
        ("the daily SDR price rose", "en"),  # an adjective
        ("a giant PowerPoint version of it", "en"),
        ("the product carrier Ocean City was hit", "en"),  # a ship
        ("to send group III transmissions", "en"),
        ("The London-based magazine Jane's Defence Weekly said", "en"),  # a longer name
        ("telephone- company-oriented ISS-3000 Automatic switches", "en"),
        ("le président du parti Mariano Rajoy a dit", "fr"),  # the holder of a role
        ("le journal L'Évènement du jeudi a publié", "fr"),  # the title goes on in lowercase
        ("la firme Le", "fr"),
        # what is read in a publication is a work there, as the `publication` guard reads it
        ("publié dans le journal « Die Tageblatt », après", "fr"),
        ("D'après leur étude publiée dans la revue Science, les", "fr"),
        ("the analyst said the shares rose", "en"),  # no firm named
        ("the firm " + "-".join(["Qa"] * 40) + " said", "en"),  # longer than a name ever is
        ("said bank Vice-President S. Stanley Katz on Monday", "en"),  # a hyphenated title
        ("prices were lower at the weekly Nairobi coffee auction", "en"),  # "weekly" qualifies "auction"
        ("a banker at the West German commercial branch said", "en"),
    ],
)
def test_what_follows_such_a_noun_but_is_no_name_of_a_body(text: str, lang: str) -> None:
    assert orgs(text, lang) == []


def test_a_registry_name_after_the_noun_keeps_its_link() -> None:
    assert orgs("the German carmaker Volkswagen said", "en") == [("Volkswagen", "org:volkswagen")]


def test_the_name_alone_after_a_title_is_a_person() -> None:
    text = "La banque Rothschildo prête. M. de Rothschildo a dit non. Rothschildo a refusé."
    found = [(m.text, m.start) for m in default_tagger().tag(text, "fr") if m.kind == "organization"]
    assert found == [("Rothschildo", 10), ("Rothschildo", 58)]


def test_and_joins_a_firms_words_but_not_a_registry_name() -> None:
    assert orgs("the law firm Dreyerx and Traubx said", "en") == [
        ("Dreyerx and Traubx", "rule:dreyerx-and-traubx")
    ]
    assert orgs("the German firm UsedSoft and Oracle said", "en") == [
        ("UsedSoft", "rule:usedsoft"),
        ("Oracle", "org:oracle"),
    ]
