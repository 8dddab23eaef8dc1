"""Organizations the registry does not know: head-noun rules and acronym definitions."""

from __future__ import annotations

import pytest

from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import Alias, EntityInfo, EntityRegistry
from tui_reader.entities.rules import RuleFinder, initials, slug
from tui_reader.entities.tagger import Tagger, default_tagger

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


def test_french_forces_and_forums_are_bodies() -> None:
    # the country's demonym is part of the name, no mention of its own
    text = (
        "Selon le sondage, le Forum des démocrates hongrois progresse. Un avion des Forces "
        "aériennes mexicaines a atterri; l'opposition unit ses forces."
    )
    assert [m.text for m in default_tagger().tag(text, "fr")] == [
        "Forum des démocrates hongrois",
        "Forces aériennes mexicaines",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Alliance des jeunes démocrates",
        "Syndicat libre des cheminots",
        "Commission scolaire de la Région-de-Sherbrooke",
        "Union astronomique internationale",
    ],
)
def test_french_adjectives_of_institutions_continue_a_name(name: str) -> None:
    assert [m.text for m in default_tagger().tag(f"Selon la {name}, rien.", "fr")] == [name]


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
    text = "a scholar of Trinity College and of the College of Europe, who went to college"
    assert rule_spans(tagger.tag(text, "en")) == ["Trinity College", "College of Europe"]


def test_places_are_not_organizations(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("settlers in the West Bank said", "en")) == []


def test_a_registry_name_after_words_of_another_name_is_that_other_body() -> None:
    tagger = default_tagger()
    found = tagger.tag("owned by the Industrial Bank of Japan and the Long-Term Credit Bank of Japan", "en")
    assert [(m.text, m.source) for m in found] == [
        ("Industrial Bank of Japan", "rule"),
        ("Long-Term Credit Bank of Japan", "rule"),
    ]
    # a title, a country or a possessive before it is no word of another name
    for text, name in [
        ("Former Bank of Japan officials said", "Bank of Japan"),
        ("the US Federal Reserve said", "Federal Reserve"),
        ("said West Germany's Siemens AG", "Siemens AG"),
    ]:
        assert [
            m.text for m in tagger.tag(text, "en") if m.source == "registry" and m.kind == "organization"
        ] == [name], text
    # a governor is a role after the body, no part of its name
    found = tagger.tag("said Deputy Bank of Japan Governor Yasushi Mieno.", "en")
    assert [(m.text, m.id) for m in found] == [("Bank of Japan", "org:jp-boj")]


def test_longer_name_absorbs_a_country_inside_it(tagger: Tagger) -> None:
    found = tagger.tag("the Reserve Bank of India said", "en")
    assert [(m.text, m.source) for m in found] == [("Reserve Bank of India", "rule")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "and the Association of South-East Asian Nations met",
            "en",
            ("Association of South-East Asian Nations", "org:asean"),
        ),
        ("the crash of a Japan Air Lines Boeing 747", "en", ("Japan Air Lines", "org:japan-airlines")),
        ("the television channel TF-1, which", "en", ("TF-1", "org:tf1")),
        (
            "sous les auspices de la Ligue des Droits del'Homme et",
            "fr",
            ("Ligue des Droits del'Homme", "org:ldh"),
        ),
        # the state's name before a national body's own ("US Supreme Court" in the registry)
        (
            "the United States Supreme Court overturned",
            "en",
            ("United States Supreme Court", "org:us-supreme-court"),
        ),
    ],
)
def test_a_rule_name_that_is_a_registry_name_but_for_spaces_and_hyphens_is_that_body(
    text: str, lang: str, expected: tuple[str, str]
) -> None:
    assert [(m.text, m.id) for m in default_tagger().tag(text, lang) if m.kind == "organization"] == [
        expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party's name and "Party": the party, not a rule name from the country on
        (
            "the Eurosceptic Alternative for Germany Party won",
            [("Alternative for Germany Party", "org:de-afd")],
        ),
        (
            "the government's Brazilian Democratic Movement Party (PMDB) urged",
            [("Brazilian Democratic Movement Party", "org:br-mdb"), ("PMDB", "org:br-mdb")],
        ),
        # the sovereign's possessive goes on with the name
        ("in the Court of King's Bench yesterday", [("Court of King's Bench", "rule:court-of-king-s-bench")]),
        # "the" alone joins no two names
        (
            "The Court of King's Bench the Supreme Court overruled.",
            [
                ("Court of King's Bench", "rule:court-of-king-s-bench"),
                ("Supreme Court", "rule:supreme-court"),
            ],
        ),
        # a head right before a name of its own does not end a list's last name
        ("the two largest are Webkinz and Club Penguin.", []),
        (
            "the House Ways and Means Committee and Senate Finance Committee which",
            [
                ("House Ways and Means Committee", "rule:house-ways-and-means-committee"),
                ("Senate Finance Committee", "rule:senate-finance-committee"),
            ],
        ),
    ],
)
def test_english_names_around_and_and_a_kind_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.id) for m in default_tagger().tag(text, "en")] == expected


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


@pytest.mark.parametrize(
    ("text", "lang", "short"),
    [
        (
            "Options on the Swiss Options and Financial Futures Exchange (Soffex) opened. Soffex said "
            "volume rose.",
            "en",
            "Soffex",
        ),
        ("Minero Peru Comercial SA (Minpeco) sold silver. Minpeco said prices fell.", "en", "Minpeco"),
        (
            "La Commission fédérale des télécommunications (Cofetel) a tranché. La Cofetel a dit non.",
            "fr",
            "Cofetel",
        ),
    ],
)
def test_a_short_name_made_of_the_long_forms_first_letters(
    tagger: Tagger, text: str, lang: str, short: str
) -> None:
    found = [m for m in tagger.tag(text, lang) if m.kind == "organization"]
    assert [m.text for m in found] == [found[0].text, short, short]
    assert len({m.id for m in found}) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Banking Supervision Commission (Geneva) met. Geneva said no.",
            "Banking Supervision Commission",
        ),
        # the first word alone: the place the body is named after
        ("The Tokyo Stock Exchange (Tokyo) rose. Tokyo is a city.", "Tokyo Stock Exchange"),
    ],
)
def test_a_word_in_brackets_that_the_long_form_does_not_spell_is_no_short_name(
    tagger: Tagger, text: str, name: str
) -> None:
    found = [m.text for m in tagger.tag(text, "en") if m.kind == "organization"]
    assert found == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Students of St. Petersburg State University protested.", "St. Petersburg State University"),
        ("the First St. Louis Bank said", "First St. Louis Bank"),
        ("the traditionalist St. Pius X Society said", "St. Pius X Society"),
    ],
)
def test_an_abbreviated_saint_opens_the_name(tagger: Tagger, text: str, name: str) -> None:
    assert name in [m.text for m in tagger.tag(text, "en") if m.kind == "organization"]


@pytest.mark.parametrize(
    "text",
    [
        "He lives in St. Petersburg. Central Bank officials said no.",
        "The shop is on Market St. Central Bank officials said no.",  # a street's end
    ],
)
def test_a_name_after_a_sentence_ending_in_a_saints_place_or_a_street_does_not_take_it(
    tagger: Tagger, text: str
) -> None:
    assert "Central Bank" in [m.text for m in tagger.tag(text, "en")]


def test_a_long_form_ends_at_its_last_word(tagger: Tagger) -> None:
    text = (
        "It was founded by the far right Bulgarian National Union. (BNU). Shares of "
        "<United Saudi Commercial Bank> (USCB) fell, and the Australian Council of Trade Unions' "
        "(ACTU) claim was heard."
    )
    assert [m.text for m in tagger.tag(text, "en") if m.source == "rule" and m.form == "name"] == [
        "Bulgarian National Union",
        "United Saudi Commercial Bank",
        "Australian Council of Trade Unions",
    ]


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


@pytest.mark.parametrize(
    ("text", "lang", "acronym", "entity_id"),
    [
        ("EU Mulls Warning Labels\n\nThe European Union may label wine.", "en", "EU", "org:eu"),
        (
            "Wheat rose on the CBOT. Trade at the Chicago Board of Trade was heavy.",
            "en",
            "CBOT",
            "org:cbot",
        ),
        (
            "UMP et NC refusent\n\nLes groupes UMP et Nouveau Centre ont refusé.",
            "fr",
            "NC",
            "org:fr-nouveau-centre",
        ),
    ],
)
def test_an_acronym_of_a_registry_name_in_the_article_is_the_registrys_body(
    text: str, lang: str, acronym: str, entity_id: str
) -> None:
    ids = {m.id for m in default_tagger().tag(text, lang) if m.text == acronym}
    assert ids == {entity_id}


@pytest.mark.parametrize(
    "name",
    ["National Centre for Epidemiology", "Center for Strategic and International Studies", "Brennan Centre"],
)
def test_an_english_name_headed_by_centre_is_a_body(tagger: Tagger, name: str) -> None:
    text = f"An official at the {name} said on Monday that the figures were wrong."
    assert [(m.text, m.source) for m in tagger.tag(text, "en")] == [(name, "rule")]


@pytest.mark.parametrize(
    "name",
    [
        "Lowndes County Sheriff's Office",
        "Nanterre Public Prosecutor's Office",
        "Attorney General's Office",
        "Ashford Magistrates' Court",
    ],
)
def test_an_office_named_with_a_title_in_the_possessive_is_a_body(tagger: Tagger, name: str) -> None:
    text = f"A representative from the {name} said on Monday that the case was closed."
    assert [(m.text, m.source) for m in tagger.tag(text, "en")] == [(name, "rule")]


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


# -- French span ends and heads ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person's name after the institution is not part of it
        ("le président du Conseil constitutionnel Jean-Louis Debré a dit", ["Conseil constitutionnel"]),
        ("le procureur général à la Cour de cassation Jean-François Burgelin", ["Cour de cassation"]),
        # a pronoun, a number or an infinitive ends the name
        (
            "devant le tribunal correctionnel de Montbéliard pour y répondre",
            ["tribunal correctionnel de Montbéliard"],
        ),
        ("le renvoi devant le tribunal correctionnel des quinze personnes", []),
        ("et convoquèrent André à la préfecture pour les aider", []),
        ("devant le Conseil de guerre de la 60e division", []),
        # adjectives before their noun, and French demonyms, continue a name
        (
            "déféré au tribunal de première instance de Sheffield",
            ["tribunal de première instance de Sheffield"],
        ),
        # ... and so do plural ones after "des"; not a list of them ("des petits et moyens")
        ("le secrétaire de la Fédération des nouveaux colons", ["Fédération des nouveaux colons"]),
        ("l'Union des anciens combattants a défilé", ["Union des anciens combattants"]),
        # the adjective of a canton, a region or a city is part of the name
        ("la loi sur la Banque cantonale neuchâteloise", ["Banque cantonale neuchâteloise"]),
        ("le Grand Conseil bernois a siégé", ["Grand Conseil bernois"]),
        ("l'Association des petits et moyens paysans", ["Association des petits"]),
        # adjectives whose feminine is no stem plus "e" ("public": "publique"; "religieux")
        ("le ministère de la Santé publique a dit", ["ministère de la Santé publique"]),
        (
            "le ministère de la Transition écologique a dit",
            ["ministère de la Transition écologique"],
        ),
        ("le Conseil des affaires religieuses a dit", ["Conseil des affaires religieuses"]),
        # a place whose name elides "de" after a hyphen is one word: "Val-d'Oise", "Côte-d'Or"
        ("le Conseil général du Val-d'Oise a voté", ["Conseil général du Val-d'Oise"]),
        ("la Chambre de commerce de la Côte-d'Or a dit", ["Chambre de commerce de la Côte-d'Or"]),
        # "et des" continues with a capital only, and never into another organization
        (
            "le ministère de l'Europe et des Affaires étrangères",
            ["ministère de l'Europe et des Affaires étrangères"],
        ),
        ("le ministère de la défense et des commissions politiques", ["ministère de la défense"]),
        # a fund is a body; the small ads' "Fonds de commerce" is a business for sale
        ("aidé par le Fonds social européen depuis 2007", ["Fonds social européen"]),
        ("VENTES de Fonds de Commerce et d'industrie", []),
        # "pour" or "sur" with no article before a capital says for which place, after a name
        # that has words of its own; a head alone takes it as its complement
        ("la liste du Parti populaire pour Madrid a gagné", ["Parti populaire"]),
        ("la Commission des finances sur Paris", ["Commission des finances"]),
        ("l'Association pour Haïti a collecté des fonds", ["Association pour Haïti"]),
        (
            "l'Association pour la propagation des langues étrangères",
            ["Association pour la propagation des langues étrangères"],
        ),
        (
            "la Ligue des droits de l'homme et du Comité du Front",
            ["Ligue des droits de l'homme", "Comité du Front"],
        ),
        # "contre" right after a bare head, or after "lutte", goes on with the name
        ("la Ligue contre le cancer organise", ["Ligue contre le cancer"]),
        (
            "l'Office central de lutte contre la délinquance financière a saisi",
            ["Office central de lutte contre la délinquance financière"],
        ),
        # not after a court or an assembly, where it opens a case or a vote
        ("fera appel à la Cour Suprême contre l'ordre", ["Cour Suprême"]),
        ("la Commission des finances contre la réforme", ["Commission des finances"]),
        # nor before a capital: the other party of a case
        ("Le recours de la Commission contre la Hongrie a été rejeté.", ["Commission"]),
    ],
)
def test_french_span_ends(tagger: Tagger, text: str, expected: list[str]) -> None:
    assert rule_spans(tagger.tag(text, "fr")) == expected


def test_meetings_and_boards_are_not_organizations() -> None:
    tagger = default_tagger()
    text = "L'assemblée générale de la Société suisse des imprimeurs, réunie samedi"
    assert rule_spans(tagger.tag(text, "fr")) == ["Société suisse des imprimeurs"]
    assert rule_spans(tagger.tag("le président du Conseil d'administration a dit", "fr")) == []


def test_a_former_state_is_no_union(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("la fin de l'Union Soviétique en 1991", "fr")) == []


def test_a_negation_is_no_complement(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("Il a reproché au Sénat de ne pas voter.", "fr")) == ["Sénat"]


def test_a_competition_is_no_league(tagger: Tagger) -> None:
    text = "Lyon joue la Ligue Europa, puis la Ligue des champions. La Ligue anti-alcoolique proteste."
    assert rule_spans(tagger.tag(text, "fr")) == ["Ligue anti-alcoolique"]


def test_heads_that_also_name_places_or_common_nouns(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("la promotion de l'Office de tourisme avec", "fr")) == []
    assert rule_spans(tagger.tag("(Mouvement d'attention.)", "fr")) == []
    assert rule_spans(tagger.tag("Parti de Cholet le chauffeur n'a rien vu", "fr")) == []
    assert rule_spans(tagger.tag("VENTE (XIIe) Cour du Bel-Air (56 fg Saint-Antoine)", "fr")) == []
    assert rule_spans(tagger.tag("la Cour des comptes a publié", "fr")) == ["Cour des comptes"]


def test_publishers_museums_and_schools_need_a_proper_noun(tagger: Tagger) -> None:
    text = "Fusillés pour l'exemple, Éditions Tallandier, 2003, et aux éditions du Seuil."
    assert rule_spans(tagger.tag(text, "fr")) == ["Éditions Tallandier", "éditions du Seuil"]
    assert rule_spans(tagger.tag("Art et Vie, Musée du Louvre, 10 h.", "fr")) == ["Musée du Louvre"]
    assert rule_spans(tagger.tag("les élèves de l'école Notre-Dame ont pris part", "fr")) == [
        "école Notre-Dame"
    ]
    assert rule_spans(tagger.tag("L'école de Percy porte le nom de", "fr")) == []


def test_a_capitalised_school_or_house_is_named_by_its_complement(tagger: Tagger) -> None:
    text = "un concert du Conservatoire de Lyon, imprimé par l'Imprimerie du Progrès."
    assert rule_spans(tagger.tag(text, "fr")) == ["Conservatoire de Lyon", "Imprimerie du Progrès"]
    # a house is named by its owner or its place, a lowercase school by where it is
    assert rule_spans(tagger.tag("la visite de la Maison de Balzac et de l'école de Percy.", "fr")) == []


def test_galleries_need_a_proper_noun(tagger: Tagger) -> None:
    text = "la galerie Templon expose; la galerie marchande du quartier ferme."
    assert rule_spans(tagger.tag(text, "fr")) == ["galerie Templon"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le concert de l'Harmonie municipale de Villers aura lieu dimanche.",
            ["Harmonie municipale de Villers"],
        ),
        (
            "Il a rejoint l'Armée du Salut puis le Club des Amis du Livre.",
            ["Armée du Salut", "Club des Amis du Livre"],
        ),
        (
            "Les Aciéries de Longwy et les Chantiers de l'Atlantique ont embauché.",
            ["Aciéries de Longwy", "Chantiers de l'Atlantique"],
        ),
        ("Le Centre communal d'action sociale distribue des repas.", ["Centre communal d'action sociale"]),
    ],
)
def test_capitalised_heads_of_bodies_that_are_also_common_nouns(text: str, expected: list[str]) -> None:
    assert rule_spans(Tagger(REGISTRY).tag(text, "fr")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "L'armée française a franchi la frontière de la Belgique.",
        "Il a été conduit au centre hospitalier de Nancy.",
        "Le Centre a voté pour lui. Dans la région Centre-Val de Loire, il pleut.",
        "Le Club a gagné. Harmonie et contrepoint, par J. Durand.",
        "La réunion se tient au Centre international de Genève, puis au Centre culturel d'Arles.",
    ],
)
def test_lowercase_or_bare_heads_of_common_nouns_are_not_names(text: str) -> None:
    assert rule_spans(Tagger(REGISTRY).tag(text, "fr")) == []


def test_a_club_named_before_its_head_is_read_as_an_english_name(tagger: Tagger) -> None:
    text = "Il joue sur les terrains du Racing Club de Paris depuis 1990."
    assert rule_spans(tagger.tag(text, "fr")) == ["Racing Club de Paris"]


def test_an_adjective_with_a_prefix_continues_a_name(tagger: Tagger) -> None:
    text = "La Ligue anti-esclavagiste et le Comité pro-européen de Genève ont protesté."
    assert rule_spans(tagger.tag(text, "fr")) == ["Ligue anti-esclavagiste", "Comité pro-européen de Genève"]
    # a prefixed noun is no adjective: a weak head stays a common noun
    assert rule_spans(tagger.tag("Le Groupe anti-gang est intervenu.", "fr")) == []


def test_names_set_in_capitals(tagger: Tagger) -> None:
    text = "Expositions.\nGALERIE DU LAC (rue Haute 3). — Aquarelles.\nUNION SPORTIVE.... 12 fr."
    assert rule_spans(tagger.tag(text, "fr")) == ["GALERIE DU LAC", "UNION SPORTIVE"]
    text = "Vous trouverez à la MAISON MÉDICALE DU SOIR. Consultations gratuites."
    assert rule_spans(tagger.tag(text, "fr")) == ["MAISON MÉDICALE DU SOIR"]
    assert rule_spans(tagger.tag("Le siège de la GALERIE PAUL DUVAL (rue Neuve).", "fr")) == [
        "GALERIE PAUL DUVAL"
    ]
    # headings of a British paper in English text are left to the registry
    assert rule_spans(tagger.tag("NATIONAL UNION OF MINERS.", "en")) == []


@pytest.mark.parametrize(
    "text",
    [
        "LA CHAMBRE VOTE LE BUDGET",
        "ENVOI D'UNE COMMISSION D'EXPERTS",
        "MAISON DE COMMERCE à vendre.",
        "CONSEIL MUNICIPAL. La séance est ouverte.",
        "ASSEMBLÉE GÉNÉRALE DES ACTIONNAIRES.",
        "LA SOCIÉTÉ DES FRONTIÈRES FERMÉES HIER SOIR.",
    ],
)
def test_headlines_in_capitals_are_not_names(text: str) -> None:
    assert rule_spans(Tagger(REGISTRY).tag(text, "fr")) == []


def test_ocr_line_breaks_and_glued_connectors(tagger: Tagger) -> None:
    text = "dans les bureaux de la Société Indus¬trielle Paris-Anzin, 7, rue"
    assert rule_spans(tagger.tag(text, "fr")) == ["Société Indus¬trielle Paris-Anzin"]
    text = "sous les aus¬pices de la Ligue des Droits del'Homme et du Comité"
    assert rule_spans(tagger.tag(text, "fr")) == ["Ligue des Droits del'Homme"]


def test_a_complement_glued_to_its_connector_leaves_no_name(tagger: Tagger) -> None:
    # OCR lost the space where a line broke: where the name ends cannot be told
    assert rule_spans(tagger.tag("la Société horticole deNancy a tenu séance", "fr")) == []
    assert rule_spans(tagger.tag("la Banque deLyon cote 35 francs", "fr")) == []
    assert rule_spans(tagger.tag("la Banque de Lyon cote 35 francs", "fr")) == ["Banque de Lyon"]


def test_a_name_stops_before_two_words_glued_by_ocr(tagger: Tagger) -> None:
    glued = "LaChambre et leSénat ont siégé ; leMinistre est parti. "
    text = glued + "La Fédération des Comités de cettecirconscription a élu son bureau."
    assert rule_spans(tagger.tag(text, "fr")) == ["Chambre", "Sénat", "Fédération des Comités"]
    text = glued + "Le ministère de l'instructionpublique a répondu."
    assert rule_spans(tagger.tag(text, "fr")) == ["Chambre", "Sénat"]
    # a long word of a name stays, and so does any word in a text without glue
    text = glued + "L'Union internationale des télécommunications a siégé."
    assert "Union internationale des télécommunications" in rule_spans(tagger.tag(text, "fr"))
    text = "La Fédération des Comités de cettecirconscription a élu son bureau."
    assert rule_spans(tagger.tag(text, "fr")) == ["Fédération des Comités de cettecirconscription"]


def test_lowercase_complements_joined_by_et(tagger: Tagger) -> None:
    text = "la Caisse d'épargne et de prévoyance a ouvert un guichet"
    assert rule_spans(tagger.tag(text, "fr")) == ["Caisse d'épargne et de prévoyance"]
    text = "au niveau du ministère de la défense et des commissions politiques"
    assert rule_spans(tagger.tag(text, "fr")) == ["ministère de la défense"]
    text = "le Comité de Paris et des environs"
    assert rule_spans(tagger.tag(text, "fr")) == ["Comité de Paris"]


def test_a_quoted_title_with_its_article_is_a_work(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("Ce soir au théâtre : « Le Tribunal des amoureux », comédie.", "fr")) == []
    assert rule_spans(tagger.tag("On joue '' La Chambre bleue '' au Gymnase.", "fr")) == []
    # quoted speech runs on past a few words
    text = "« La Chambre a voté la loi », a dit le ministre."
    assert rule_spans(tagger.tag(text, "fr")) == ["Chambre"]
    assert rule_spans(tagger.tag("créait alors le « Comité Maupas ».", "fr")) == ["Comité Maupas"]


def test_a_registry_organization_as_a_complement_is_part_of_the_name() -> None:
    registry = EntityRegistry(
        [EntityInfo("org:cn-ccp", "organization", "Chinese Communist Party", "Parti communiste chinois")],
        [Alias("Parti communiste chinois", "org:cn-ccp", "name", "fr")],
        version="test",
    )
    tagger = Tagger(registry)
    text = "les commissions correspondantes du comité central du Parti communiste chinois."
    assert [(m.text, m.source) for m in tagger.tag(text, "fr")] == [
        ("comité central du Parti communiste chinois", "rule")
    ]
    # in English the registry keeps its name
    found = tagger.tag("the Parti communiste chinois said", "en")
    assert [(m.text, m.source) for m in found] == [("Parti communiste chinois", "registry")]


def test_prenominal_adjective_opens_the_name(tagger: Tagger) -> None:
    assert rule_spans(tagger.tag("les débats du Grand Conseil hier", "fr")) == ["Grand Conseil"]


def test_the_registry_demonyms_continue_french_names() -> None:
    tagger = default_tagger()
    assert rule_spans(tagger.tag("le Parti communiste vietnamien a été fondé", "fr")) == [
        "Parti communiste vietnamien"
    ]
    assert rule_spans(tagger.tag("la Fédération togolaise de football et du sélectionneur", "fr")) == [
        "Fédération togolaise de football"
    ]


def test_a_local_council_named_by_its_kind_alone_is_not_a_name(tagger: Tagger) -> None:
    assert tagger.tag("Le Conseil général s'est réuni mardi soir.", "fr") == []
    assert tagger.tag("Le Conseil communal comprendra MM. Meyer et Dardel.", "fr") == []
    found = [m.text for m in tagger.tag("Le Conseil général de la Seine a voté.", "fr")]
    assert found == ["Conseil général de la Seine"]
    assert [m.text for m in tagger.tag("Le Conseil fédéral a décidé.", "fr")] == ["Conseil fédéral"]


def test_a_head_glued_to_the_word_before_keeps_its_complements(tagger: Tagger) -> None:
    text = "Il parla auMinistère de la Guerre puis devant laChambre syndicale des imprimeurs."
    assert [m.text for m in tagger.tag(text, "fr")] == [
        "Ministère de la Guerre",
        "Chambre syndicale des imprimeurs",
    ]
    assert [m.text for m in tagger.tag("Le débat dela Chambre continue.", "fr")] == ["Chambre"]
    assert tagger.tag("UNE GRANDE CONFÉRENCE", "fr") == []


def test_firms_named_after_their_founders(tagger: Tagger) -> None:
    text = "Les actions Schneider et Cie montent ; la maison Warnery frères, de Tours, et Buisson & Cie."
    assert rule_spans(tagger.tag(text, "fr")) == [
        "Schneider et Cie",
        "maison Warnery frères",
        "Buisson & Cie",
    ]
    assert tagger.tag("Les frères Lumière et leur père.", "fr") == []
    assert [m.text for m in tagger.tag("JANVIERSébastien Faure et Cie, éditeurs.", "fr")] == [
        "Sébastien Faure et Cie"
    ]


def test_sports_clubs_named_by_a_dotted_abbreviation(tagger: Tagger) -> None:
    text = "Le C.A. Montrouge rendra visite au F.C. Lyon et à l'A.S. Carcassonnaise."
    assert rule_spans(tagger.tag(text, "fr")) == ["C.A. Montrouge", "F.C. Lyon", "A.S. Carcassonnaise"]
    assert rule_spans(tagger.tag("R.C. Seine 217.998, l'A.S.La commission", "fr")) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "le repas offert par le CCAS (Centre communal d'action sociale) de la commune.",
            "fr",
            ["CCAS", "Centre communal d'action sociale"],
        ),
        (
            "and the WHOI (Woods Hole Oceanographic Institution) have offered evidence.",
            "en",
            ["WHOI", "Woods Hole Oceanographic Institution"],
        ),
        ("le PIB (Produit intérieur brut) a augmenté.", "fr", []),
    ],
)
def test_an_acronym_spelled_out_after_it(text: str, lang: str, expected: list[str]) -> None:
    assert [m.text for m in default_tagger().tag(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "The German Society for the Protection of Animals (DTB) said it would sue. The DTB added",
            "en",
            ["German Society for the Protection of Animals", "DTB", "DTB"],
        ),
        (
            "le MSZP (Parti socialiste hongrois) a perdu. Le MSZP",
            "fr",
            ["MSZP", "Parti socialiste hongrois", "MSZP"],
        ),
        (
            "The German Association of Plastic Surgeons (VDÄPC) objected. The VDÄPC said",
            "en",
            ["German Association of Plastic Surgeons", "VDÄPC", "VDÄPC"],
        ),
    ],
)
def test_an_acronym_of_the_name_in_its_own_language(text: str, lang: str, expected: list[str]) -> None:
    """A name the rules found, with an acronym beside it in parentheses that its initials do not
    give (a translated name): the acronym is that organization, wherever the article uses it."""
    found = [m for m in default_tagger().tag(text, lang) if m.kind == "organization"]
    assert [m.text for m in found] == expected
    assert len({m.id for m in found}) == 1


def test_a_registry_name_keeps_only_an_acronym_that_fits_it() -> None:
    # "Red Crescent" is the end of a longer name here; PRCS is not the registry's Red Crescent
    text = "the Palestine Red Crescent Society (PRCS) sent aid. PRCS volunteers"
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en")]
    assert found == [
        ("Palestine Red Crescent Society", "rule:palestine-red-crescent-society"),
        ("PRCS", "rule:palestine-red-crescent-society"),
        ("PRCS", "rule:palestine-red-crescent-society"),
    ]
    text = "the Syrian Arab Red Crescent (SARC) sent aid. SARC volunteers"
    found = [(m.text, m.id) for m in default_tagger().tag(text, "en")]
    assert found == [("Syrian Arab Red Crescent", "org:sarc"), ("SARC", "org:sarc"), ("SARC", "org:sarc")]


def test_where_an_organization_is_based_is_no_part_of_its_name() -> None:
    text = (
        "the Berlin-based Mercator Institute for China Studies and the China-backed Asia "
        "Infrastructure Investment Bank"
    )
    found = [(m.text, m.kind) for m in default_tagger().tag(text, "en")]
    assert found == [
        ("Mercator Institute for China Studies", "organization"),
        ("China", "country"),
        ("Asia Infrastructure Investment Bank", "organization"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("said Christian Schulz of Berenberg Bank on Monday", ["Berenberg Bank"]),
        ("according to John Magee of The Magee Company, which", ["Magee Company"]),
        ("the Securities and Exchange Commission said", ["Securities and Exchange Commission"]),
        ("the Bank of England Monetary Policy Committee met", ["Bank of England Monetary Policy Committee"]),
        ("the Federal Air Transport Agency on Wednesday said", ["Federal Air Transport Agency"]),
    ],
)
def test_a_person_of_an_organization_or_a_day_is_no_part_of_its_name(text: str, expected: list[str]) -> None:
    found = [m.text for m in Tagger(REGISTRY).tag(text, "en") if m.kind == "organization"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Il enseigne à la Faculté de médecine de Harvard. La faculté a dit.",
            "fr",
            ["Faculté de médecine de Harvard"],
        ),
        (
            "Vincent Resino at the Faculty of Philology said the faculty was closed.",
            "en",
            ["Faculty of Philology"],
        ),
    ],
)
def test_a_faculty_of_a_university(text: str, lang: str, expected: list[str]) -> None:
    assert rule_spans(Tagger(REGISTRY).tag(text, lang)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ils ont été reçus à la boulangerie Leroy pour visiter le fournil.", ["boulangerie Leroy"]),
        ("La conduite des travaux est menée par le cabinet Cadel et son associé.", ["cabinet Cadel"]),
        ("L'équipe Kelme toujours en tête.", ["équipe Kelme"]),
        ("La maison de Jean et la société qui l'a construite.", []),
        (
            "Le désastre de laSociété des Grands Moulins de Corbeil a été évité.",
            ["Société des Grands Moulins de Corbeil"],
        ),
    ],
)
def test_a_house_or_a_firm_named_by_its_noun_and_a_proper_name(text: str, expected: list[str]) -> None:
    assert rule_spans(Tagger(REGISTRY).tag(text, "fr")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an elided pronoun or an adverb after a connector is the sentence going on
        ("Il sollicite un vote de confiance au Parlement pour s'assurer que tout va bien.", ["Parlement"]),
        ("Le gouvernement obtiendra la confiance du Parlement d'ici vendredi.", ["Parlement"]),
        # after a lowercase complement, a capitalised word that only ends like an adjective is a name
        ("dit le porte-parole du ministère des transports Karel Hanzelka.", ["ministère des transports"]),
        # an ordinal takes its noun; a place's common noun takes its proper name
        (
            "Selon le tribunal d'appel du cinquième circuit, siégeant à La Nouvelle-Orléans.",
            ["tribunal d'appel du cinquième circuit"],
        ),
        (
            "Le télescope Hale de l'Observatoire du mont Palomar près de San Diego.",
            ["Observatoire du mont Palomar"],
        ),
        # a head in lowercase names no aim with "sur" or "pour", nor an assembly's name alone
        ("Quelques heures après la conférence du tribunal sur l'affaire, il est parti.", []),
        ("a expliqué le président du sous-comité du Sénat sur les affaires européennes.", ["Sénat"]),
        ("La Commission sur la vérité a siégé.", ["Commission sur la vérité"]),
        (
            "La Commission économique des Nations unies pour l'Amérique latine a rapporté cela.",
            ["Commission économique des Nations unies pour l'Amérique latine"],
        ),
    ],
)
def test_where_a_french_name_ends_in_running_text(text: str, expected: list[str]) -> None:
    assert rule_spans(default_tagger().tag(text, "fr")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La société Total a annoncé un bénéfice.", [("Total", "org:totalenergies")]),
        ("L’entreprise Google publie en août 2005 un client.", [("Google", "org:google")]),
        ("Un accord avec la société EDF est signé.", [("EDF", "org:edf")]),
    ],
)
def test_a_firm_the_registry_knows_after_its_noun_is_the_registry_s(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.id) for m in default_tagger().tag(text, "fr")] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Le Conseil de sécurité a voté. Le secrétariat remettra un rapport au Conseil en novembre.",
            "fr",
            [("Conseil de sécurité", "org:unsc"), ("Conseil", "org:unsc")],
        ),
        (
            "The European Commission said so. The Commission later added more.",
            "en",
            [("European Commission", "org:european-commission"), ("Commission", "org:european-commission")],
        ),
    ],
)
def test_a_head_alone_is_the_organization_named_before_it(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    found = [(m.text, m.id) for m in default_tagger().tag(text, lang) if m.kind == "organization"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Not everyone on board The Association of German Judges agrees.",
            "en",
            ["Association of German Judges"],
        ),
        ("He studied at La Salle University in 1990.", "en", ["La Salle University"]),
        ("Selon le rapport, Le World Energy Council prévoit une hausse.", "fr", ["World Energy Council"]),
    ],
)
def test_an_article_before_a_name_found_by_its_english_head(
    text: str, lang: str, expected: list[str]
) -> None:
    assert rule_spans(Tagger(REGISTRY).tag(text, lang)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Monday Central Bank of Fiji said", ["Central Bank of Fiji"]),
        ("officials said on Tuesday Ministry of Finance officials", ["Ministry of Finance"]),
        ("she studied at Georg August University in Göttingen", ["Georg August University"]),
        ("The March Of Dimes Foundation said", ["March Of Dimes Foundation"]),
        ("He said Saturday Night Live Network grew", ["Saturday Night Live Network"]),
    ],
)
def test_an_english_name_does_not_open_with_the_day_before_it(text: str, expected: list[str]) -> None:
    found = [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Stock Exchange of Singapore said", ["Stock Exchange of Singapore"]),
        ("the Church of England said", ["Church of England"]),
        ("Japan Air Lines ordered jets", ["Japan Air Lines"]),
        # two bodies, each named by its head, are not one
        ("House and Senate negotiators met", ["Senate"]),
        ("the Securities and Exchange Commission said", ["Securities and Exchange Commission"]),
        ("the Department of Trade and Industry said", ["Department of Trade and Industry"]),
    ],
)
def test_english_names_with_a_country_or_and_inside(text: str, expected: list[str]) -> None:
    assert [m.text for m in default_tagger().tag(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("legal consultant at Jordanian Women's Union, told", ["Jordanian Women's Union"]),
        ("leader of the Zimbabwe National Students' Union. He", ["Zimbabwe National Students' Union"]),
        ("the Pakistan People’s Party said", ["Pakistan People’s Party"]),
        ("the Sheet Metal Workers' National Pension Fund", ["Sheet Metal Workers' National Pension Fund"]),
        ("The People's Party won", ["People's Party"]),
        # not a registry body's name inside it: Turkey's HDP is no "Democratic Party"
        ("the Peoples' Democratic Party said", ["Peoples' Democratic Party"]),
        # an organization's possessive owns the name after it
        (
            "The United Nations' Economic Commission for Latin America said",
            ["United Nations", "Economic Commission for Latin America"],
        ),
        # after the head, too: the name goes on past the possessive
        ("the National Federation of Workers' Councils said", ["National Federation of Workers' Councils"]),
        (
            "the Federation of Bankers' Associations of Japan",
            ["Federation of Bankers' Associations of Japan"],
        ),
        ("the Party of Workers' leaders", ["Party of Workers"]),
        # the possessive of a place or a person owns the name after it
        ("Japan's Central Bank said", ["Japan", "Central Bank"]),
        ("Reagan's Council said", []),
    ],
)
def test_a_plural_possessive_is_a_word_of_an_english_name(text: str, expected: list[str]) -> None:
    assert [m.text for m in default_tagger().tag(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the new Financial Services Act takes effect", []),
        ("the Foreign Exchange Administration Law was passed", []),
        ("at the 85th Annual Academy Awards", []),
        # a law's noun inside the body's own name is no law
        ("the Institute of State and Law said", ["Institute of State and Law"]),
    ],
)
def test_an_english_name_before_the_noun_of_a_law_or_a_prize_is_none(text: str, expected: list[str]) -> None:
    assert [m.text for m in default_tagger().tag(text, "en")] == expected


def test_a_conference_in_lowercase_is_a_meeting_and_the_body_inside_it_stays() -> None:
    tagger = default_tagger()
    text = "La critique s'est abattue sur la conférence internationale des Nations unies sur le climat."
    assert [(m.text, m.id) for m in tagger.tag(text, "fr")] == [("Nations unies", "org:un")]
    named = tagger.tag("La Conférence épiscopale de France a parlé.", "fr")
    assert [(m.text, m.source) for m in named] == [("Conférence épiscopale de France", "rule")]


def test_a_state_before_its_ministry_is_its_own_mention() -> None:
    text = "Syrian Foreign Ministry spokesman Jihad Makdissi said. The Iranian Foreign Ministry summoned him."
    found = [(m.text, m.id, m.name_en) for m in default_tagger().tag(text, "en")]
    assert found == [
        ("Syrian", "country:SY", "Syria"),
        ("Foreign Ministry", "rule:syrian-foreign-ministry", "Syrian Foreign Ministry"),
        ("Iranian", "country:IR", "Iran"),
        ("Foreign Ministry", "rule:iranian-foreign-ministry", "Iranian Foreign Ministry"),
    ]
    # other bodies keep the state in their name
    found = [(m.text, m.kind) for m in default_tagger().tag("The Nigerian Bar Association said.", "en")]
    assert found == [("Nigerian Bar Association", "organization")]


def test_a_head_alone_is_not_the_body_it_completed() -> None:
    text = (
        "La Commission des affaires étrangères du Sénat a voté. Le texte ira ensuite au Sénat, "
        "puis la Commission européenne tranchera. La Commission a dit oui."
    )
    found = [(m.text, m.id) for m in default_tagger().tag(text, "fr") if m.kind == "organization"]
    assert found == [
        ("Commission des affaires étrangères du Sénat", "rule:commission-des-affaires-etrangeres-du-senat"),
        ("Sénat", "rule:senat"),
        ("Commission européenne", "org:european-commission"),
        ("Commission", "org:european-commission"),
    ]


def test_a_headline_verb_or_preposition_is_no_part_of_a_name() -> None:
    tagger = default_tagger()
    headlines = {
        "Beijing Blames Turkoman Islamic Movement": "Turkoman Islamic Movement",
        "Greece: Two Dead in Shooting Near Neo-Nazi Party Office": "Neo-Nazi Party Office",
        "Opposition to Assisted Death Grows At Palliative Care Congress": "Palliative Care Congress",
    }
    for headline, name in headlines.items():
        found = [m.text for m in tagger.tag(headline, "en") if m.kind == "organization"]
        assert found == [name], headline


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # in running text a headline's words are a name's own
        (
            "Friends Across Borders Foundation said on Monday it would help.",
            "Friends Across Borders Foundation",
        ),
        # a headline's connectors join the words of a name
        ("Research And Development Institute Opens New Campus", "Research And Development Institute"),
        ("Students For Fair Admissions Group Sues Harvard Again", "Students For Fair Admissions Group"),
    ],
)
def test_a_headline_word_outside_a_headline_or_a_connector_stays_in_a_name(text: str, name: str) -> None:
    found = [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == [name]


def test_a_capitalised_function_word_in_running_text_may_open_a_name() -> None:
    text = "She gave a donation to the With Love Foundation last year."
    found = [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == ["With Love Foundation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Carlyle Group and Blackstone Group said", ["Carlyle Group", "Blackstone Group"]),
        ("Hongkong Bank and Hang Seng Bank raised rates", ["Hongkong Bank", "Hang Seng Bank"]),
        (
            "The Monetary Committee and Committee of Central Bank Governors met",
            ["Monetary Committee", "Committee of Central Bank Governors"],
        ),
        # one name: no head of its own before "and"'s other side
        ("the Citizens Bank and Trust Company said", ["Citizens Bank and Trust Company"]),
        ("the Securities and Exchange Commission said", ["Securities and Exchange Commission"]),
    ],
)
def test_and_between_two_names_each_with_its_head(text: str, expected: list[str]) -> None:
    found = [m.text for m in default_tagger().tag(text, "en") if m.kind == "organization"]
    assert found == expected


def test_contre_goes_on_after_a_heads_adjectives() -> None:
    found = default_tagger().tag("la Ligue suisse contre le cancer organise une collecte", "fr")
    assert [m.text for m in found if m.kind == "organization"] == ["Ligue suisse contre le cancer"]
