"""An acronym that an article gives its own name beats the registry's reading of it."""

from __future__ import annotations

import pytest

from tui_reader.entities.tagger import default_tagger


def acronyms(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in default_tagger().tag(text, lang) if m.form == "acronym"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wire's ticker after a company: CPC is not the Communist Party of China here
        (
            "a contract with Chinese Petroleum Corp <CPC> for gas. CPC said",
            [("CPC", "rule:chinese-petroleum-corp"), ("CPC", "rule:chinese-petroleum-corp")],
        ),
        # nor is SNP the Scottish National Party
        (
            "shares of Singapore National Printers Ltd (SNP) rose",
            [("SNP", "rule:singapore-national-printers-ltd")],
        ),
        ("the Interstate Commerce Commission (ICC) ruled", [("ICC", "rule:interstate-commerce-commission")]),
        # another registry body's acronym, defined for a registry name: not the Asian bank here
        (
            "The African Development Bank (ADB) lent more. The ADB said",
            [("ADB", "org:afdb"), ("ADB", "org:afdb")],
        ),
    ],
)
def test_an_acronym_the_article_defines_is_its_own_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert acronyms(text) == expected


def test_a_name_sharing_only_the_start_of_a_word_with_the_registry_body_is_another_body() -> None:
    # "Commission" is not "Commonwealth": Côte d'Ivoire's electoral commission, not the CIS
    text = (
        "La Commission électorale indépendante (CEI) a publié les résultats. Le président de la CEI a parlé."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "fr") if m.kind == "organization"]
    own = "rule:commission-electorale-independante"
    assert found == [("Commission électorale indépendante", own), ("CEI", own), ("CEI", own)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("General Motors Corp <GM> said", [("GM", "org:general-motors")]),
        ("GM'S <GM> PONTIAC SETS INCENTIVES", [("GM", "org:general-motors"), ("GM", "org:general-motors")]),
        # another spelling of the registry body's name keeps the registry's body
        ("the Organisation of American States (OAS) met", [("OAS", "org:oas")]),
        ("the Liberal Democratic Party (LDP) won", [("LDP", "org:jp-ldp")]),
        # a translation whose initials do not fit is no definition of its own
        ("the Federal Criminal Office (BKA) in Wiesbaden", [("BKA", "org:de-bka")]),
        ("the meeting (UN) ended", [("UN", "org:un")]),
    ],
)
def test_the_registry_keeps_its_acronym(text: str, expected: list[tuple[str, str]]) -> None:
    assert acronyms(text) == expected


def test_a_ticker_after_a_name_nothing_recognised_names_no_registry_body() -> None:
    assert acronyms("PUROLATOR <PCC> IN BUYOUT WITH HUTTON") == []


def test_a_ticker_is_no_country_and_no_other_body() -> None:
    text = "Union Carbide Corp <UK> rose. The Unilever Plc <UN.AS> group grew. The UK economy"
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en")]
    assert found == [
        ("Union Carbide Corp", "org:union-carbide"),
        ("Unilever Plc", "org:unilever"),
        ("UN", "org:unilever"),  # the company's ticker, not the United Nations
        ("UK", "country:GB"),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # one acronym, two bodies: the language of the text tells them apart
        ("a CFTC spokeswoman said", "en", [("CFTC", "org:us-cftc")]),
        ("la CFTC et la CGT ont signé", "fr", [("CFTC", "org:fr-cftc"), ("CGT", "org:fr-cgt")]),
        # an acronym joined by "&" needs its "&"
        ("S&P and AT&T, not S.P or AT T", "en", [("S&P", "org:sp-global"), ("AT&T", "org:att")]),
        # a French acronym whose body English calls otherwise is another thing in English text
        ("The March CPI rose; nurses lack PPE; RCA Corp fell", "en", []),
        ("la CPI a condamné; le PPE a gagné", "fr", [("CPI", "org:icc"), ("PPE", "org:epp")]),
        # dollars in a wire headline set in capitals are no aerospace agency
        ("FIRST UNION FILES 100 MLN DLR NOTES ISSUE", "en", []),
        ("the German Aerospace Center DLR said", "en", [("DLR", "org:de-dlr")]),
    ],
)
def test_registry_acronyms_in_context(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert acronyms(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a definition holds until the article defines the acronym again
        (
            "The Interstate Commerce Commission (ICC) said. The International Criminal Court (ICC) "
            "ruled. The ICC said",
            [
                ("ICC", "rule:interstate-commerce-commission"),
                ("ICC", "org:icc"),
                ("ICC", "org:icc"),
            ],
        ),
        # a stock symbol is no name: the article's other uses of its letters keep their body
        (
            "Unilever Plc <UN.AS> said. The UN Security Council met.",
            [("UN", "org:unilever"), ("UN", "org:un")],
        ),
        ("XYZ Holdings <ICC> said. The ICC in The Hague ruled.", [("ICC", "org:icc")]),
    ],
)
def test_a_definition_holds_where_the_article_uses_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        # another state's party: not the German SPD the generic name would be
        (
            "In Romania, the ruling Social Democratic Party (PSD) wants to sack the prosecutor.",
            "Social Democratic Party",
            "org:ro-psd",
        ),
        # the registry's body, named in a translation the registry lacks
        (
            "The National Institute of Demographic Studies (INED) published the figures.",
            "National Institute of Demographic Studies",
            "org:fr-ined",
        ),
        (
            "Le Centre national d'intelligence (CNI) espagnol enquête.",
            "Centre national d'intelligence",
            "org:es-cni",
        ),
    ],
)
def test_a_name_that_a_registry_acronym_in_brackets_names_is_that_body(
    text: str, name: str, entity_id: str
) -> None:
    lang = "fr" if " le " in f" {text.lower()} " else "en"
    found = {m.text: m.id for m in default_tagger().tag(text, lang)}
    assert found[name] == entity_id


def test_a_name_the_acronym_does_not_name_stays_the_articles_own() -> None:
    text = "Prices rose, the Reuter Monitor and Composite Information Service (CIS) said."
    found = {m.text: m.id for m in default_tagger().tag(text, "en")}
    assert found["Reuter Monitor and Composite Information Service"].startswith("rule:")


def test_a_definition_after_the_place_where_the_body_sits_is_its_own() -> None:
    text = (
        "The independent Institute for Science and International Security in Washington (ISIS) "
        "found the site. ISIS said it was new. The Islamic State in Iraq (ISIS) claimed an attack."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.text == "ISIS"]
    institute = "rule:institute-for-science-and-international-security"
    assert found == [("ISIS", institute), ("ISIS", institute), ("ISIS", "org:isil")]


def test_a_definition_after_words_joined_to_a_name_names_them_all() -> None:
    # the rules end a name before "et"; the acronym in brackets after the words it joins makes
    # them one name, which the acronym stands for
    text = (
        "L'Institut pour la science et la sécurité internationale (ISIS) a identifié le chercheur. "
        "Selon ISIS, il a travaillé trente ans dans un centre militaire."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "fr") if m.kind == "organization"]
    institute = "rule:institut-pour-la-science-et-la-securite-internationale"
    assert found == [
        ("Institut pour la science et la sécurité internationale", institute),
        ("ISIS", institute),
        ("ISIS", institute),
    ]
    # words that no acronym after them joins stay apart
    text = "L'Institut pour la science et la sécurité internationale a identifié le chercheur."
    found = [(m.text, m.id) for m in default_tagger().tag(text, "fr")]
    assert found == [("Institut pour la science", "rule:institut-pour-la-science")]


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        # the body's name in brackets after its acronym: spelt out, or in another language
        (
            "The SEC (Securities & Exchange Commission) said it would appeal.",
            "Securities & Exchange Commission",
            "org:us-sec",
        ),
        ("According to the EU (Europäische Union), the rules hold.", "Europäische Union", "org:eu"),
    ],
)
def test_a_name_in_brackets_after_a_registry_acronym_is_that_body(
    text: str, name: str, entity_id: str
) -> None:
    found = {m.text: (m.id, m.source) for m in default_tagger().tag(text, "en")}
    assert found[name] == (entity_id, "registry")


def test_a_rule_name_that_is_a_registry_name_is_the_registrys_body() -> None:
    # a person's name after it kept the registry's match from the name; the rules found it
    text = "He met the president of the European Commission José Manuel Durao Barroso."
    found = [(m.text, m.id, m.source) for m in default_tagger().tag(text, "en")]
    assert found == [("European Commission", "org:european-commission", "registry")]
    # one the article linked to a longer name of its own stays that name
    text = (
        "L'Académie des sciences de la République tchèque a publié un rapport. "
        "Selon l'Académie des sciences, le climat change."
    )
    ids = {m.id for m in default_tagger().tag(text, "fr") if m.text.startswith("Académie")}
    assert ids == {"rule:academie-des-sciences-de-la-republique-tcheque"}


def test_a_newspaper_s_short_title_after_its_full_one_is_that_newspaper() -> None:
    text = (
        "Millions of dollars went to the groups, the New York Times said. According to the "
        "Times, the money was ransom. The Times of London did not report it."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == [
        ("New York Times", "org:new-york-times"),
        ("Times", "org:new-york-times"),
        ("The Times of London", "org:the-times"),
    ]
    # alone, or before the full title, it is the London paper
    text = "The Times said so. Later the New York Times agreed."
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en")]
    assert found == [("The Times", "org:the-times"), ("New York Times", "org:new-york-times")]


def test_an_acronym_defined_for_a_registry_name_carries_its_names_in_each_language() -> None:
    found = default_tagger().tag("Izquierda Unida (IU) won seats; IU leaders met.", "en")
    named = {(m.text, m.id, m.name_en, m.name_fr) for m in found}
    assert named == {
        ("Izquierda Unida", "org:es-iu", "United Left", "Gauche unie"),
        ("IU", "org:es-iu", "United Left", "Gauche unie"),
    }
    # the article's Gauche Unie is the Spanish party's French name
    assert [m.id for m in default_tagger().tag("le député de la Gauche Unie", "fr")] == ["org:es-iu"]
    # and no vitamin's units
    assert default_tagger().tag("500 IU of vitamin D", "en") == []


def test_a_company_name_in_angle_brackets_is_no_ticker() -> None:
    # the wire writes an unlisted company's name in angle brackets, a ticker in capitals
    found = default_tagger().tag("<Bank of Nova Scotia> said it raised its rate; PUROLATOR <PCC> said", "en")
    assert [(m.text, m.id) for m in found] == [("Bank of Nova Scotia", "org:scotiabank")]


def test_a_name_several_bodies_share_is_the_one_the_article_also_names_otherwise() -> None:
    from tui_reader.entities.tagger import default_tagger

    text = (
        "Silvano Aureoles, candidat de gauche du Parti de la Révolution Démocratique, ou PRD, qui "
        "occupe actuellement les fonctions de gouverneur, est arrivé."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "fr")]
    assert found == [("Parti de la Révolution Démocratique", "org:mx-prd"), ("PRD", "org:mx-prd")]
    # alone, the registry's first reading stays
    assert [m.id for m in default_tagger().tag("Le PRD a gagné à Genève.", "fr")] == ["org:ch-prd"]
