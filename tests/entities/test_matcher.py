"""The alias matcher: folding, word boundaries, case policy, longest match, guards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.entities.folding import TextKeys, fold, junctions, match_keys
from tui_reader.entities.matcher import AliasMatcher, Candidate, Entry, select_longest
from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import Alias, EntityInfo, EntityRegistry
from tui_reader.entities.tagger import Tagger, default_tagger

ENTITIES = [
    EntityInfo("country:MA", "country", "Morocco", "Maroc"),
    EntityInfo("country:AT", "country", "Austria", "Autriche"),
    EntityInfo("country:AE", "country", "United Arab Emirates", "Émirats arabes unis"),
    EntityInfo("country:GW", "country", "Guinea-Bissau", "Guinée-Bissau"),
    EntityInfo("country:GN", "country", "Guinea", "Guinée"),
    EntityInfo("country:FR", "country", "France", "France"),
    EntityInfo("country:US", "country", "United States", "États-Unis"),
    EntityInfo("country:JO", "country", "Jordan", "Jordanie"),
    EntityInfo("country:TD", "country", "Chad", "Tchad"),
    EntityInfo("country:MX", "country", "Mexico", "Mexique"),
    EntityInfo("country:IR", "country", "Iran", "Iran"),
    EntityInfo("country:CH", "country", "Switzerland", "Suisse"),
    EntityInfo("country:DM", "country", "Dominica", "Dominique"),
    EntityInfo("org:un", "organization", "United Nations", "Organisation des Nations unies"),
    EntityInfo("org:ma-dgsn", "organization", "DGSN", "DGSN", org_kind="intelligence-security"),
    EntityInfo("org:ma-dgst", "organization", "DGST", "DGST", org_kind="intelligence-security"),
    EntityInfo("org:al-qaeda", "organization", "al-Qaeda", "Al-Qaïda", org_kind="armed-group"),
    EntityInfo("org:aqim", "organization", "AQIM", "AQMI", org_kind="armed-group"),
    EntityInfo("org:eu", "organization", "European Union", "Union européenne"),
    EntityInfo("org:ec", "organization", "European Commission", "Commission européenne"),
    EntityInfo("org:afp", "organization", "AFP", "AFP", org_kind="media"),
]
ALIASES = [
    Alias("Maroc", "country:MA", "name", "fr"),
    Alias("Morocco", "country:MA", "name", "en"),
    Alias("Royaume du Maroc", "country:MA", "name", "fr"),
    Alias("marocain", "country:MA", "demonym", "fr"),
    Alias("marocains", "country:MA", "demonym", "fr"),
    Alias("Moroccan", "country:MA", "demonym", "en"),
    Alias("Autriche", "country:AT", "name", "fr"),
    Alias("Émirats arabes unis", "country:AE", "name", "fr"),
    Alias("Émirats", "country:AE", "name", "fr"),
    Alias("Guinée-Bissau", "country:GW", "name", "fr"),
    Alias("Guinée", "country:GN", "name", "fr"),
    Alias("France", "country:FR", "name", ""),
    Alias("États-Unis", "country:US", "name", "fr"),
    Alias("US", "country:US", "acronym", "", "the pronoun 'us' in all-caps text"),
    Alias("U.S.", "country:US", "acronym", ""),
    Alias("Jordan", "country:JO", "name", "en", "a first name and surname (Michael Jordan)"),
    Alias("Chad", "country:TD", "name", "en", "a first name; Lake Chad"),
    Alias("Mexico", "country:MX", "name", "en"),
    Alias("Iran", "country:IR", "name", ""),
    Alias("Suisse", "country:CH", "name", "fr"),
    Alias("Dominique", "country:DM", "name", "fr"),
    Alias("ONU", "org:un", "acronym", "fr"),
    Alias("UN", "org:un", "acronym", "en"),
    Alias("Nations unies", "org:un", "name", "fr"),
    Alias("DGSN", "org:ma-dgsn", "acronym", ""),
    Alias("DGST", "org:ma-dgst", "acronym", ""),
    Alias("Al-Qaïda", "org:al-qaeda", "name", "fr"),
    Alias("al-Qaeda", "org:al-qaeda", "name", "en"),
    Alias("Al-Qaïda au Maghreb islamique", "org:aqim", "name", "fr"),
    Alias("EU", "org:eu", "acronym", "en"),
    Alias("EU Commission", "org:ec", "name", "en"),
    Alias("AFP", "org:afp", "acronym", ""),
]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(EntityRegistry(ENTITIES, ALIASES, version="test"), rules=False)


def spans(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in mentions]


# -- folding ---------------------------------------------------------------------------------


def test_fold_lowercases_and_strips_accents() -> None:
    assert fold("Émirats Arabes Unis") == "emirats arabes unis"
    assert fold("l’ONU – Łódź") == "l'onu - lodz"


def test_fold_maps_multi_character_lowercase_to_one_character() -> None:
    assert fold("İstanbul") == "istanbul"
    assert len(fold("ẞ İ ǅ")) == len("ẞ İ ǅ")


@given(st.text())
@settings(max_examples=300)
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)
    case_key, lower_key, _ = match_keys(text)
    assert len(case_key) == len(lower_key) == len(text)


def test_match_keys_make_punctuation_separate_words() -> None:
    case_key, lower_key, non_latin = match_keys("l’ONU, DGSN-DGST")
    assert case_key == b"l ONU  DGSN DGST"
    assert lower_key == b"l onu  dgsn dgst"
    assert not non_latin
    assert match_keys("Москва")[2]


def test_junctions_find_glued_words() -> None:
    keys = TextKeys.of("laFranceAjoutons 87.303Belgique")
    starts, ends = junctions(keys.case)
    assert keys.case[starts[0] : starts[0] + 6] == b"France"
    assert len(starts) == 3 and len(ends) == 2


# -- boundaries, case, longest ---------------------------------------------------------------


def test_word_boundaries(tagger: Tagger) -> None:
    assert spans(tagger.tag("Tirana et Iranien", "fr")) == []
    assert spans(tagger.tag("Iran, Iran.", "fr")) == [("Iran", "country:IR")] * 2


def test_elision_and_hyphen_separate_words(tagger: Tagger) -> None:
    found = spans(tagger.tag("capitale de l’Autriche et d'Autriche ; l'ONU et le pôle DGSN-DGST"))
    assert found == [
        ("Autriche", "country:AT"),
        ("Autriche", "country:AT"),
        ("ONU", "org:un"),
        ("DGSN", "org:ma-dgsn"),
        ("DGST", "org:ma-dgst"),
    ]


def test_acronyms_match_exact_case_only(tagger: Tagger) -> None:
    assert spans(tagger.tag("l'onu et l'Onu", "fr")) == []
    assert spans(tagger.tag("les forces de l'ONU", "fr")) == [("ONU", "org:un")]
    assert spans(tagger.tag("the U.S. said", "en")) == [("U.S.", "country:US")]


def test_an_acronym_written_as_a_word_is_a_name_and_in_capitals_the_acronym() -> None:
    # the registry lists "Otan" as a name and "OTAN" as an acronym of NATO
    found = [(m.text, m.form, m.id) for m in default_tagger().tag("l'OTAN, l'Otan et NATO", "fr")]
    assert found == [
        ("OTAN", "acronym", "org:nato"),
        ("Otan", "name", "org:nato"),
        ("NATO", "acronym", "org:nato"),
    ]


def test_names_need_a_capital(tagger: Tagger) -> None:
    assert spans(tagger.tag("le maroc", "fr")) == []
    assert spans(tagger.tag("le Maroc et le MAROC", "fr")) == [
        ("Maroc", "country:MA"),
        ("MAROC", "country:MA"),
    ]
    # the first word's capital is enough; an alias written in lowercase starts lowercase
    assert spans(tagger.tag("Émirats Arabes Unis", "fr")) == [("Émirats Arabes Unis", "country:AE")]
    assert spans(tagger.tag("selon al-Qaeda", "en")) == [("al-Qaeda", "org:al-qaeda")]


def test_french_demonyms_may_be_lowercase_english_ones_not(tagger: Tagger) -> None:
    found = tagger.tag("des diplomates marocains", "fr")
    assert [(m.text, m.id, m.form) for m in found] == [("marocains", "country:MA", "demonym")]
    assert spans(tagger.tag("a moroccan rug", "en")) == []
    assert spans(tagger.tag("a Moroccan rug", "en")) == [("Moroccan", "country:MA")]


def test_longest_match_wins(tagger: Tagger) -> None:
    assert spans(tagger.tag("aux Émirats arabes unis", "fr")) == [("Émirats arabes unis", "country:AE")]
    assert spans(tagger.tag("en Guinée-Bissau", "fr")) == [("Guinée-Bissau", "country:GW")]
    assert spans(tagger.tag("du Royaume du Maroc", "fr")) == [("Royaume du Maroc", "country:MA")]
    assert spans(tagger.tag("Al-Qaïda au Maghreb islamique", "fr")) == [
        ("Al-Qaïda au Maghreb islamique", "org:aqim")
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("les Etats-Unis du Brésil", "fr", [("Etats-Unis du Brésil", "country:BR")]),
        ("the United States of Mexico", "en", [("United States of Mexico", "country:MX")]),
        ("les États-Unis et le Brésil", "fr", [("États-Unis", "country:US"), ("Brésil", "country:BR")]),
    ],
)
def test_an_official_name_that_opens_with_another_states_is_whole(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    # "États-Unis du Brésil", Brazil's name from 1889 to 1967, is no mention of the United States
    assert spans(default_tagger().tag(text, lang)) == expected


def test_offsets_are_exact_on_accented_text(tagger: Tagger) -> None:
    text = "Ça s’est passé à Genève, « très » près de l’Autriche — puis aux Émirats arabes unis."
    mentions = tagger.tag(text, "fr")
    assert [m.text for m in mentions] == ["Autriche", "Émirats arabes unis"]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_glued_words_from_ocr(tagger: Tagger) -> None:
    assert spans(tagger.tag("gouvernant laFrance sans", "fr")) == [("France", "country:FR")]
    assert spans(tagger.tag("la Suisse,laFranceAjoutons", "fr")) == [
        ("Suisse", "country:CH"),
        ("France", "country:FR"),
    ]


def test_prefix_of_another_entity_is_split(tagger: Tagger) -> None:
    assert spans(tagger.tag("The EU Commission said", "en")) == [
        ("EU", "org:eu"),
        ("Commission", "org:ec"),
    ]


def test_mentions_carry_registry_names(tagger: Tagger) -> None:
    (m,) = tagger.tag("au Maroc", "fr")
    assert (m.kind, m.form, m.name_en, m.name_fr, m.source) == (
        "country",
        "name",
        "Morocco",
        "Maroc",
        "registry",
    )


def test_select_longest_prefers_length_then_rank() -> None:
    entry = Entry("x", "country:XX", "country", "name", "", "", 0, False)
    other = Entry("y", "country:YY", "country", "name", "", "", 0, False)
    cands = [
        Candidate(0, 5, entry),
        Candidate(0, 10, other),
        Candidate(8, 12, entry),
        Candidate(12, 14, entry),
    ]
    chosen = select_longest(cands)
    assert [(c.start, c.end) for c in chosen] == [(0, 10), (12, 14)]
    tie = select_longest(
        [Candidate(0, 3, entry), Candidate(0, 3, other)], rank=lambda c: c.entry.entity_id != "country:YY"
    )
    assert tie[0].entry is other


# -- guards ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "LET US GO, SAID THE HEADLINE",
        "un roman d'Anatole France",
        "Michael Jordan scored",
        "the shores of Lake Chad",
        "Chad Johnson said",
        "le nord de l'Île-de-France",
        "in Mexico City on Monday",
        "Dominique de Villepin a dit",
        "10 000 dollars US",
        "la Suisse romande vote",
    ],
)
def test_guards_reject_what_is_not_the_country(tagger: Tagger, text: str) -> None:
    assert [m for m in tagger.tag(text, "und") if m.kind == "country"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the US said", ("US", "country:US")),
        ("King Abdullah of Jordan met", ("Jordan", "country:JO")),
        ("troops in Chad and Niger", ("Chad", "country:TD")),
        ("la France et la Suisse", ("France", "country:FR")),
    ],
)
def test_guards_keep_the_country(tagger: Tagger, text: str, expected: tuple[str, str]) -> None:
    assert expected in spans(tagger.tag(text, "und"))


def test_agency_credit_lines_are_not_mentions(tagger: Tagger) -> None:
    assert spans(tagger.tag("Editor: mz/msh (AFP, Reuters)", "en")) == []
    assert spans(tagger.tag("AFP reported that", "en")) == [("AFP", "org:afp")]


def test_each_guard_can_be_turned_off() -> None:
    registry = EntityRegistry(ENTITIES, ALIASES, version="test")
    unguarded = Tagger(registry, guards=[], rules=False)
    assert spans(unguarded.tag("Michael Jordan scored", "en")) == [("Jordan", "country:JO")]


# -- robustness ------------------------------------------------------------------------------


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_tag_never_raises(text: str) -> None:
    mentions = Tagger(EntityRegistry(ENTITIES, ALIASES, version="test")).tag(text, "fr")
    for m in mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x1a\x9c\u200b",
        "Maroc\ud800Autriche",
        "l'\ud83d ONU",
        "Москва и Maroc",
        "((((" * 1000,
        "Maroc " * 20000,
        "laFrance" * 500,
    ],
)
def test_tag_handles_odd_strings(tagger: Tagger, text: str) -> None:
    mentions = tagger.tag(text, "und")
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def test_empty_registry_finds_nothing() -> None:
    assert Tagger(EntityRegistry()).tag("Maroc, ONU", "fr") == []


def test_matcher_counts_its_aliases() -> None:
    matcher = AliasMatcher(ALIASES, ENTITIES)
    assert matcher.size == len(ALIASES)


@pytest.mark.parametrize(
    ("text", "lang", "form"),
    [
        # the French name of Argentina is the English adjective
        ("The Argentine government said", "en", "demonym"),
        ("L'Argentine a dit", "fr", "name"),
    ],
)
def test_a_name_in_one_language_is_a_demonym_in_another(text: str, lang: str, form: str) -> None:
    found = [(m.text, m.id, m.form) for m in default_tagger().tag(text, lang) if m.kind == "country"]
    assert found == [("Argentine", "country:AR", form)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_word_with_an_accent_the_demonym_lacks_is_another_word(lang: str) -> None:
    # "Türk" (a surname) is no "Turk", the French "Pôle" no "Pole"; the demonyms stay
    text = "Ahmet Türk a parlé au Pôle emploi. Les Turcs et un Turk ont voté."
    found = [(m.text, m.id) for m in default_tagger().tag(text, lang) if m.kind == "country"]
    assert ("Turk", "country:TR") in found
    assert not [name for name, _ in found if name in ("Türk", "Pôle")]


def test_french_demonyms_with_their_own_accents() -> None:
    text = "La cuisine thaïe, les Thaïs et un journal bosniaque."
    found = [(m.text, m.id, m.form) for m in default_tagger().tag(text, "fr")]
    assert found == [
        ("thaïe", "country:TH", "demonym"),
        ("Thaïs", "country:TH", "demonym"),
        ("bosniaque", "country:BA", "demonym"),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # French writes the common noun that opens a body's name in lowercase as often as not
        (
            "la chambre des représentants des États-Unis a rejeté le plan",
            "fr",
            [("chambre des représentants des États-Unis", "org:us-house")],
        ),
        ("un porte-parole du département d'État", "fr", [("département d'État", "org:us-state-department")]),
        # not in English, not without the proper noun's capital, not a firm's noun
        ("the chambre des représentants des États-Unis", "en", [("États-Unis", "country:US")]),
        ("la chambre des représentants des états-unis", "fr", []),
        ("la première banque du Japon", "fr", [("Japon", "country:JP")]),
    ],
)
def test_a_french_body_named_with_a_lowercase_noun(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert spans(default_tagger().tag(text, lang)) == expected


def test_a_name_written_like_an_acronym_matches_in_capitals_only() -> None:
    tagger = default_tagger()
    assert tagger.tag("The Rt value rose above one. Raid on the village. Eta Carinae shone.", "en") == []
    text = "RT reported that the RAID unit stormed the flat; ETA and Fifa were named."
    assert [m.id for m in tagger.tag(text, "en")] == ["org:ru-rt", "org:fr-raid", "org:eta", "org:fifa"]


def test_a_company_the_press_writes_in_title_case_is_found_so_too() -> None:
    tagger = default_tagger()
    text = "Basf and Scor rose; Relx fell, Tui cut flights, Efe reported."
    expected = ["org:basf", "org:scor", "org:relx", "org:tui", "org:efe"]
    assert [m.id for m in tagger.tag(text, "en")] == expected
    assert tagger.tag("Efe Aydan scored twice. The tui bird sang.", "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body's name with a capitalised noun, when its short name alone is a word
        ("A spokesperson told ABC News the agency would act.", [("ABC News", "org:abc-us")]),
        # a common noun after the name stays out of the span
        ("The Reuters news agency reported it.", [("Reuters", "org:reuters")]),
    ],
)
def test_a_name_with_a_noun_of_its_kind(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.id) for m in default_tagger().tag(text, "en")] == expected
