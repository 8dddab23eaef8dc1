"""Names that are not mentions of a registry entity, and where rule names end."""

from __future__ import annotations

from tui_reader.entities.tagger import default_tagger


def _orgs(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in default_tagger().tag(text, "fr") if m.kind == "organization"]


def test_a_cantonal_council_of_state_is_not_france_s() -> None:
    # in a text about cantons, "le Conseil d'Etat" is the canton's government, named by its kind
    assert _orgs("NOUVELLES DES CANTONS BERNE.— Le Conseil d'Etat a nommé une commission.") == []
    assert _orgs("Dans notre canton, le Conseil d'État a été informé mercredi.") == []
    # the canton named after it makes a name; elsewhere it is France's Conseil d'État
    assert _orgs("Le Conseil d'Etat du canton de Vaud a siégé.") == [
        ("Conseil d'Etat du canton de Vaud", "rule:conseil-d-etat-du-canton-de-vaud")
    ]
    paris = "A Paris, le Conseil d'État a annulé le décret."
    assert _orgs(paris) == [("Conseil d'État", "org:fr-conseil-detat")]


def test_the_holy_see_is_a_body_and_the_vatican_a_state() -> None:
    tagger = default_tagger()
    found = [
        (m.text, m.kind, m.id) for m in tagger.tag("Les relations de la France avec le Saint-Siège.", "fr")
    ]
    assert ("Saint-Siège", "organization", "org:holy-see") in found
    found = [(m.text, m.kind, m.id) for m in tagger.tag("The Holy See and Vatican City.", "en")]
    assert found == [
        ("Holy See", "organization", "org:holy-see"),
        ("Vatican City", "country", "country:VA"),
    ]


def test_a_rule_name_ends_where_ocr_glued_the_next_word_or_a_number() -> None:
    text = "LE REFUS DE SERMENT devant la Commission parlementaireMM. Louis Billiet, Delaunay"
    assert [m.text for m in default_tagger().tag(text, "fr")] == ["Commission parlementaire"]
    text = "voir d'urgence Société Générale de Négociations21, rue Auber, Paris"
    assert [m.text for m in default_tagger().tag(text, "fr")] == ["Société Générale de Négociations"]


def test_a_registry_name_hyphenated_to_a_lowercase_word_is_another_name() -> None:
    # "Parti socialiste-révolutionnaire" is not the "Parti socialiste"; English "UN-backed" names
    # the UN
    assert _orgs("Le Parti socialiste-révolutionnaire a voté.") == [
        ("Parti socialiste-révolutionnaire", "rule:parti-socialiste-revolutionnaire")
    ]
    assert _orgs("Le Parti socialiste a voté.") == [("Parti socialiste", "org:fr-ps")]
    english = [m.id for m in default_tagger().tag("A UN-backed force.", "en")]
    assert english == ["org:un"]


def test_a_compound_adjective_continues_a_rule_name() -> None:
    assert _orgs("Le Parti social-chrétien a voté.") == [
        ("Parti social-chrétien", "rule:parti-social-chretien")
    ]


def test_seats_of_government_named_by_their_building_are_places() -> None:
    # like the Kremlin and the White House: annotators tag the building as a place
    text = "Son directeur est venu à l'Élysée, puis au Quai d'Orsay et à Matignon."
    assert _orgs(text) == []
    # nor does a rule read the place as a house's name ("la maison Warnery")
    assert _orgs("Les deux candidats à la Maison Blanche ont débattu.") == []


def test_a_head_glued_by_ocr_obeys_the_same_rules_as_a_spaced_one() -> None:
    # "Conseil d'administration de la Société ..." is a board, glued to "du" or not
    text = "M. Adolphe Salles, président duConseil d'administration de la Société des Moulins."
    assert [m.text for m in default_tagger().tag(text, "fr") if m.text.startswith("Conseil")] == []
    assert [m.text for m in default_tagger().tag("Il a parlé auSénat hier.", "fr")] == ["Sénat"]


def test_an_ordinal_before_a_head_makes_a_term_or_a_section() -> None:
    assert _orgs("Le roi a ouvert la quatrième session du sixième Parlement de son règne.") == []
    assert _orgs("La deuxième Chambre a statué.") == []
    assert [m.text for m in default_tagger().tag("Le Deuxième Bureau enquête.", "fr")] == ["Deuxième Bureau"]


def test_a_roman_or_capitalised_ordinal_opens_a_name() -> None:
    assert _orgs("Le IIIe Reich avant la guerre.") == [("IIIe Reich", "rule:iiie-reich")]
    assert _orgs("Le Troisième Reich avant la guerre.") == [("Troisième Reich", "rule:troisieme-reich")]


def test_a_seat_of_government_that_acts_is_the_institution() -> None:
    text = "Le conseiller de l'Élysée a appelé. Le Quai d'Orsay a démenti."
    assert _orgs(text) == [("Élysée", "org:fr-elysee"), ("Quai d'Orsay", "org:fr-quai-dorsay")]
    text = "The Kremlin said on Monday that a White House spokesman had called."
    english = [(m.text, m.id) for m in default_tagger().tag(text, "en")]
    assert english == [("Kremlin", "org:ru-kremlin"), ("White House", "org:us-white-house")]


def test_a_seat_of_government_as_a_place_is_no_institution_in_english() -> None:
    for text in (
        "He met the president at the White House on Monday.",
        "Protesters gathered outside the Kremlin.",
        "They marched in front of the White House.",
    ):
        assert default_tagger().tag(text, "en") == [], text


def test_a_name_containing_a_seat_of_government_is_one_body() -> None:
    text = "The White House Economic Policy Council will consider the sale."
    found = [(m.text, m.source) for m in default_tagger().tag(text, "en")]
    assert found == [("White House Economic Policy Council", "rule")]


def test_an_organization_ending_a_title_before_a_person_s_name_stays() -> None:
    text = "Thierry Imbot, fils de l'ancien directeur de la DGSE René Imbot, est décédé."
    assert _orgs(text) == [("DGSE", "org:fr-dgse")]
    text = "(frère du président du Conseil constitutionnel Jean-Louis Debré) ou encore"
    assert _orgs(text) == [("Conseil constitutionnel", "org:fr-conseil-constitutionnel")]
    # a longer name the registry lacks still hides the organization in it
    assert _orgs("Le, Disney Publishing Worldwide a publié.") == []


def test_ordinals_in_figures_and_short_codes_with_figures() -> None:
    assert _orgs("Le 14e Congrès a voté.") == []
    # "COP21" keeps its figures: only a lowercase word of three letters or more loses them
    assert _orgs("Le Comité de la COP21 a voté.") == [("Comité de la COP21", "rule:comite-de-la-cop21")]


def test_a_party_s_name_stops_before_party_in_lowercase() -> None:
    def en(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.id) for m in default_tagger().tag(text, "en") if m.kind == "organization"]

    assert en("supported by leading Green party politician Cem Özdemir") == [("Green", "org:de-greens")]
    assert en("said the commission's chairman, Conservative party lawmaker Andrew Tyrie") == [
        ("Conservative", "org:gb-conservatives")
    ]
    assert en("the widow of the opposition Congress party lawmaker") == [("Congress", "org:in-congress")]
    # "Party" capitalised is part of the name
    assert en("the Green Party said") == [("Green Party", "org:de-greens")]
    assert en("the Labour Party won") == [("Labour Party", "org:gb-labour")]


def test_a_rule_name_after_a_title_stops_before_the_holder_s_name() -> None:
    # "le président de la Cour Hasim Kiliç": the court's president, named after it
    text = "Le président de la Commission José Manuel Barroso et le président de la Cour Hasim Kiliç."
    assert [m.text for m in default_tagger().tag(text, "fr")] == ["Commission"]
    # capitalised adjectives still make the name, and a house's noun takes a proper noun
    text = "Le président de la Cour Suprême a parlé au directeur de l'école Robert Boulos."
    assert _orgs(text) == [
        ("Cour Suprême", "rule:cour-supreme"),
        ("école Robert Boulos", "rule:ecole-robert-boulos"),
    ]


def test_an_acronym_before_a_person_s_name_stays_in_french() -> None:
    text = "Le chef de file des députés PS Jean-Marc Ayrault et le groupe SPD Torsten Albig."
    assert _orgs(text) == [("PS", "org:fr-ps"), ("SPD", "org:de-spd")]
