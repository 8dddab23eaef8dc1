"""The entity registry: its data files are well formed and cover the seed, and the loader resolves
ids, codes and aliases in any language."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import DATA, REPO, need
from tui_reader.entities.registry import (
    DATA_DIR,
    ENTITY_WIDE,
    ORG_KINDS,
    RISK_KINDS,
    Alias,
    EntityInfo,
    EntityRegistry,
    RegistryError,
    data_version,
    default_registry,
    fold,
)
from tui_reader.entities.tagger import Tagger, default_tagger

COUNTRY_COLUMNS = ("id", "name_en", "name_fr", "name_ar", "aliases", "acronyms", "demonyms", "source")
ORG_COLUMNS = ("id", "kind", "country", "name_en", "name_fr", "name_ar", "aliases", "acronyms", "source")
LIST_COLUMNS = ("aliases", "acronyms", "demonyms")


@pytest.fixture(scope="module")
def registry() -> EntityRegistry:
    return EntityRegistry.load()


def raw_rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The data rows of a TSV file, read independently of the loader."""
    lines = [
        line
        for line in (DATA_DIR / name).read_text(encoding="utf-8").split("\n")
        if line and not line.startswith("#")
    ]
    assert tuple(lines[0].split("\t")) == columns
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        assert len(cells) == len(columns), line
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def ids(registry: EntityRegistry, kind: str) -> list[str]:
    return [entity.id for entity in registry.entities() if entity.kind == kind]


# --- the data ----------------------------------------------------------------------------------


def test_every_iso_country_plus_kosovo_and_palestine(registry: EntityRegistry) -> None:
    countries = ids(registry, "country")
    assert len(countries) == 250  # the 249 ISO 3166-1 entries and Kosovo
    assert {
        "country:XK",
        "country:PS",
        "country:MA",
        "country:PR",
        "country:GL",
        "country:HK",
        "country:MO",
        "country:VA",
        "country:AQ",
    } <= set(countries)
    for bad in ("EU", "UN", "ZZ", "QO", "EZ", "AC", "IC", "EA", "DG", "TA", "XA", "XB", "001"):
        assert registry.entity(f"country:{bad}") is None


def test_at_least_300_organizations(registry: EntityRegistry) -> None:
    assert len(ids(registry, "organization")) >= 300


def test_ids_are_unique_and_well_formed() -> None:
    countries = raw_rows("countries.tsv", COUNTRY_COLUMNS)
    organizations = raw_rows("organizations.tsv", ORG_COLUMNS)
    all_ids = [row["id"] for row in countries + organizations]
    assert len(all_ids) == len(set(all_ids))
    for row in countries:
        assert re.fullmatch(r"country:[A-Z]{2}", row["id"]), row["id"]
    for row in organizations:
        assert re.fullmatch(r"org:[a-z0-9]+(-[a-z0-9]+)*", row["id"]), row["id"]


def test_every_row_is_well_formed() -> None:
    countries = raw_rows("countries.tsv", COUNTRY_COLUMNS)
    organizations = raw_rows("organizations.tsv", ORG_COLUMNS)
    country_codes = {row["id"].removeprefix("country:") for row in countries}
    for row in countries + organizations:
        where = row["id"]
        assert row["name_en"] and row["name_fr"] and row["name_ar"] and row["source"], where
        seen: set[str] = set()
        for column, cell in row.items():
            assert cell == cell.strip(), (where, column)
            assert "\u2019" not in cell, (where, column, "apostrophes are written '")
            if column not in LIST_COLUMNS:
                assert "|" not in cell or column == "source", (where, column)
                continue
            if not cell:
                continue
            items = cell.split(" | ")
            for item in items:
                assert item and item == item.strip() and "|" not in item, (where, column, item)
                assert item not in seen, (where, "repeats", item)
                seen.add(item)
        for lang in ("en", "fr", "ar"):
            seen.add(row[f"name_{lang}"])
    for row in organizations:
        assert row["kind"] in ORG_KINDS, row["id"]
        assert row["country"] == "" or row["country"] in country_codes, row["id"]


def test_demonyms_follow_the_case_convention(registry: EntityRegistry) -> None:
    for alias in registry.aliases():
        if alias.form == "demonym" and alias.lang != "ar":
            assert alias.lang == ("fr" if alias.text[0].islower() else "en"), alias


def test_a_text_names_two_entities_only_when_listed_as_ambiguous(registry: EntityRegistry) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for alias in registry.aliases():
        owners[alias.text].add(alias.entity_id)
    risky = {(alias.text, alias.entity_id) for alias in registry.ambiguous()}
    for text, entity_ids in owners.items():
        if len(entity_ids) > 1:
            for entity_id in entity_ids:
                assert (text, entity_id) in risky, (text, sorted(entity_ids))


def test_every_ambiguous_row_names_an_existing_alias(registry: EntityRegistry) -> None:
    rows = raw_rows("ambiguous.tsv", ("alias", "entity_id", "risk", "why"))
    existing = {(alias.text, alias.entity_id) for alias in registry.aliases()}
    assert len(rows) == len({(row["alias"], row["entity_id"]) for row in rows})
    wide = {row["entity_id"] for row in rows if row["alias"] == ENTITY_WIDE}
    for row in rows:
        assert row["why"], row
        assert row["risk"] and set(row["risk"].split(" | ")) <= RISK_KINDS, row
        if row["alias"] == ENTITY_WIDE:
            assert registry.entity(row["entity_id"]) is not None, row
        else:
            assert (row["alias"], row["entity_id"]) in existing, row
    flagged = {(alias.text, alias.entity_id) for alias in registry.ambiguous()}
    assert flagged == {(row["alias"], row["entity_id"]) for row in rows if row["alias"] != ENTITY_WIDE} | {
        pair for pair in existing if pair[1] in wide
    }
    assert {
        ("US", "country:US"),
        ("IS", "org:isil"),
        ("Jordan", "country:JO"),
        ("Maurice", "country:MU"),
        ("MIT", "org:tr-mit"),
    } <= flagged


def test_aliases_carry_form_and_language(registry: EntityRegistry) -> None:
    forms = {(a.text, a.entity_id): a for a in registry.aliases()}
    assert forms["Maroc", "country:MA"] == Alias("Maroc", "country:MA", "name", "fr")
    assert forms["Morocco", "country:MA"].lang == "en"
    assert forms["المغرب", "country:MA"].lang == "ar"
    assert forms["Pakistan", "country:PK"].lang == ""  # the same in English and French
    assert forms["marocains", "country:MA"] == Alias("marocains", "country:MA", "demonym", "fr")
    assert forms["Moroccans", "country:MA"].form == "demonym"
    assert forms["EAU", "country:AE"].form == "acronym"
    assert forms["ONU", "org:un"].form == "acronym"
    assert forms["Nations unies", "org:un"].form == "name"
    assert forms["Jordan", "country:JO"].risk


# --- the seed ----------------------------------------------------------------------------------

SEED_FORMS = {
    "Autriche": "country:AT",
    "Turquie": "country:TR",
    "Pakistan": "country:PK",
    "Royaume du Maroc": "country:MA",
    "Maroc": "country:MA",
    "Qatar": "country:QA",
    "Arabie Saoudite": "country:SA",
    "Émirats arabes unis": "country:AE",
    "marocains": "country:MA",
    "ONU": "org:un",
    "Daech": "org:isil",
    "Al-Qaïda": "org:al-qaeda",
    "Direction générale de la sûreté nationale": "org:ma-dgsn",
    "Direction générale de la surveillance du territoire": "org:ma-dgst",
    "Sûreté nationale": "org:ma-dgsn",
    "Surveillance du territoire": "org:ma-dgst",
    "équipe de soutien analytique et de suivi des sanctions": "org:un-monitoring-team",
}


@pytest.mark.parametrize(("text", "entity_id"), SEED_FORMS.items())
def test_the_seed_forms_are_aliases_as_written(registry: EntityRegistry, text: str, entity_id: str) -> None:
    assert any(a.text == text and a.entity_id == entity_id for a in registry.aliases())
    assert registry.resolve(text) == [entity_id]


@pytest.mark.parametrize("name", ["Perse", "Persia", "Prusse", "Yougoslavie", "Tchécoslovaquie"])
def test_a_historical_state_is_no_country_of_today(registry: EntityRegistry, name: str) -> None:
    # "le chah de Perse" in an 1804 paper: annotators see a state of the past, as Prussia
    assert registry.resolve(name, "country") == []


def test_the_seed_names_no_country_vienne(registry: EntityRegistry) -> None:
    assert registry.resolve("Vienne") == []
    assert registry.resolve("Moyen-Orient") == []


def test_the_seed_annotation_is_covered(registry: EntityRegistry) -> None:
    gold = json.loads(need(DATA / "gold" / "seed.json").read_text(encoding="utf-8"))
    for span in gold["entities"]:
        found = registry.resolve(span["text"])
        if span.get("country_code"):
            assert found == [f"country:{span['country_code']}"], span
        elif span["label"] == "ORG" and span["text"] == "DGSN-DGST":
            assert found == ["org:ma-dgsn", "org:ma-dgst"], span
        elif span["label"] == "ORG":
            assert len(found) == 1 and found[0].startswith("org:"), span
        elif span["label"] in ("LOC", "PER"):
            assert found == [], span


def test_joined_names_resolve_to_every_entity_they_join(registry: EntityRegistry) -> None:
    # the tagger reads "DGSN-DGST" as DGSN and DGST, so a filter on it must find both
    for joined in ("DGSN-DGST", "DGSN/DGST", "DGST-DGSN", "org:DGSN-DGST"):
        assert registry.resolve(joined) == ["org:ma-dgsn", "org:ma-dgst"]
    assert registry.entity("org:ma-dgsn-dgst") is None
    assert registry.resolve("country:DGSN-DGST") == []
    assert registry.resolve("DGSN-Vienne") == []
    assert registry.resolve("Guinée-Bissau") == ["country:GW"]


def test_al_qaeda_branches_are_their_own_entities(registry: EntityRegistry) -> None:
    assert registry.resolve("AQMI") == ["org:aqim"]
    assert registry.resolve("AQIM") == ["org:aqim"]
    assert registry.resolve("Al-Qaïda au Maghreb islamique") == ["org:aqim"]
    assert registry.resolve("al Qaeda") == ["org:al-qaeda"]


# --- resolve -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country:Maroc", "country:MA"),
        ("Morocco", "country:MA"),
        ("MA", "country:MA"),
        ("ma", "country:MA"),
        ("country:ma", "country:MA"),
        ("marocains", "country:MA"),
        ("MAROC", "country:MA"),
        ("ONU", "org:un"),
        ("UN", "org:un"),
        ("United Nations", "org:un"),
        ("Nations unies", "org:un"),
        ("org:ONU", "org:un"),
        ("org:un", "org:un"),
        ("un", "org:un"),
        ("entity:UN", "org:un"),
        ("Daech", "org:isil"),
        ("ISIS", "org:isil"),
        ("EI", "org:isil"),
        ("État islamique", "org:isil"),
        ("Etat islamique", "org:isil"),
        ("EAU", "country:AE"),
        ("UAE", "country:AE"),
        ("Émirats arabes unis", "country:AE"),
        ("emirats arabes unis", "country:AE"),
        ("OTAN", "org:nato"),
        ("NATO", "org:nato"),
        ("Etats-Unis", "country:US"),
        ("Etats Unis", "country:US"),
        ("Côte d’Ivoire", "country:CI"),
        ("Grande-Bretagne", "country:GB"),
        ("Türkiye", "country:TR"),
        ("Turkey", "country:TR"),
        ("RDC", "country:CD"),
        ("Birmanie", "country:MM"),
        ("Kosovo", "country:XK"),
        ("Hong Kong", "country:HK"),
    ],
)
def test_resolve(registry: EntityRegistry, query: str, expected: str) -> None:
    assert registry.resolve(query) == [expected]


def test_an_alias_wins_over_a_bare_code(registry: EntityRegistry) -> None:
    assert registry.resolve("AU") == ["org:au"]  # the African Union
    assert registry.resolve("AU", "country") == ["country:AU"]  # Australia
    assert registry.resolve("country:AU") == ["country:AU"]
    assert registry.resolve("IS") == ["org:isil"]
    assert registry.resolve("country:IS") == ["country:IS"]


def test_resolve_filters_by_kind(registry: EntityRegistry) -> None:
    assert registry.resolve("Maroc", "organization") == []
    assert registry.resolve("org:Maroc") == []
    assert registry.resolve("country:ONU") == []
    assert registry.resolve("org:ONU", "country") == []
    assert registry.resolve("ONU", "organization") == ["org:un"]


def test_resolve_gives_every_entity_of_a_shared_alias_in_order(registry: EntityRegistry) -> None:
    assert registry.resolve("RSF") == ["org:rsf", "org:rsf-sudan"]
    assert registry.resolve("Parti de la justice et du développement") == ["org:ma-pjd", "org:tr-akp"]


def test_resolve_unknown_or_empty(registry: EntityRegistry) -> None:
    for query in ("", "  ", "country:", "Atlantis", "XX", "org:nope"):
        assert registry.resolve(query) == []


def test_fold() -> None:
    assert fold("  Émirats  Arabes-Unis ") == "emirats arabes unis"
    assert fold("Côte d’Ivoire") == fold("Cote d'Ivoire")
    assert fold("AL-QAÏDA") == "al qaida"


# --- entities ----------------------------------------------------------------------------------


def test_entity_records(registry: EntityRegistry) -> None:
    morocco = registry.entity("country:MA")
    assert morocco is not None
    assert (morocco.kind, morocco.name_en, morocco.name_fr, morocco.name_ar) == (
        "country",
        "Morocco",
        "Maroc",
        "المغرب",
    )
    assert morocco.source.startswith("CLDR")
    dgsn = registry.entity("org:ma-dgsn")
    assert dgsn is not None
    assert (dgsn.kind, dgsn.org_kind, dgsn.country) == ("organization", "intelligence-security", "MA")
    assert dgsn.name_fr == "Direction générale de la sûreté nationale"
    un = registry.entity("org:un")
    assert un is not None and un.country == "" and un.name_fr == "Organisation des Nations unies"
    assert registry.entity("country:ZZ") is None
    assert registry.entity("org:nope") is None


def test_display_name() -> None:
    entity = EntityInfo("country:MA", "country", "Morocco", "Maroc", "المغرب")
    assert entity.display_name("fr") == "Maroc"
    assert entity.display_name("ar") == "المغرب"
    assert entity.display_name("de") == "Morocco"
    assert EntityInfo("org:x", "organization", "", "Truc").display_name("en") == "Truc"


# --- version, loading, errors ------------------------------------------------------------------


def test_version_is_a_stable_hash_of_the_data(registry: EntityRegistry) -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", registry.version)
    assert EntityRegistry.load().version == registry.version == data_version()


def test_version_changes_with_the_data(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = EntityRegistry.load(copy).version
    with (copy / "ambiguous.tsv").open("a", encoding="utf-8") as out:
        out.write("Maroc\tcountry:MA\tword\ta test row\n")
    changed = EntityRegistry.load(copy)
    assert changed.version != before
    assert any(
        a.text == "Maroc" and a.risk == "a test row" and a.risk_kinds == {"word"} for a in changed.aliases()
    )


def test_default_registry_is_loaded_once() -> None:
    assert default_registry() is default_registry()
    assert default_registry().entity("country:MA") is not None


def test_an_empty_registry_still_works() -> None:
    empty = EntityRegistry()
    assert list(empty.entities()) == [] and list(empty.aliases()) == []
    assert empty.resolve("Maroc") == [] and empty.entity("country:MA") is None
    assert empty.version


def test_a_hand_built_registry_resolves() -> None:
    small = EntityRegistry(
        [EntityInfo("country:MA", "country", "Morocco", "Maroc")],
        [Alias("Maroc", "country:MA", "name", "fr")],
    )
    assert small.resolve("maroc") == ["country:MA"]
    assert small.resolve("MA") == ["country:MA"]


def test_malformed_data_raise_registry_error(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "organizations.tsv").write_text("id\tkind\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="header"):
        EntityRegistry.load(copy)
    (copy / "organizations.tsv").unlink()
    with pytest.raises(RegistryError, match="cannot read"):
        EntityRegistry.load(copy)


def test_an_unknown_risk_kind_is_an_error(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    with (copy / "ambiguous.tsv").open("a", encoding="utf-8") as out:
        out.write("Maroc\tcountry:MA\tspooky\ta test row\n")
    with pytest.raises(RegistryError, match="spooky"):
        EntityRegistry.load(copy)


# --- the build script --------------------------------------------------------------------------


def build_script() -> ModuleType:
    pytest.importorskip("babel", reason="babel is needed only to rebuild the data")
    spec = importlib.util.spec_from_file_location("build_registry", REPO / "scripts" / "build_registry.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_reproduces_the_committed_file(tmp_path: Path) -> None:
    script = build_script()
    import babel

    committed = (DATA_DIR / "countries.tsv").read_text(encoding="utf-8")
    recorded = re.search(r"\(babel ([^)]+)\)", committed.split("\n", 1)[0])
    assert recorded is not None
    if recorded.group(1) != babel.__version__:
        pytest.skip(
            f"countries.tsv was built with babel {recorded.group(1)}, babel {babel.__version__} is installed"
        )
    for run in ("first", "second"):
        out = tmp_path / run
        assert script.main(["--out", str(out)]) == 0
        assert (out / "countries.tsv").read_text(encoding="utf-8") == committed


def test_acronyms_also_match_dotted(registry: EntityRegistry) -> None:
    assert registry.resolve("S.F.I.O.") == ["org:fr-sfio"]
    assert registry.resolve("S. N. C. F.") == ["org:sncf"]
    texts = {alias.text for alias in registry.aliases()}
    assert "U.N." in texts and "U. N." not in texts  # two letters: only the forms the data list
    assert "F.M.I." in texts and "I.M.F." not in texts  # French acronyms only
    tagger = Tagger(registry)
    found = [(m.text, m.id) for m in tagger.tag("La S.F.I.O. et la C. G. T. ont signé.", "fr")]
    assert found == [("S.F.I.O.", "org:fr-sfio"), ("C. G. T.", "org:fr-cgt")]


def test_acronyms_the_press_spells_as_words(registry: EntityRegistry) -> None:
    tagger = Tagger(registry)
    text = "Cependant, l'Efsa n'admet pas. Le Medef et l'Unep aussi. Bird est venu, et Isis."
    assert [(m.text, m.id) for m in tagger.tag(text, "fr")] == [
        ("Efsa", "org:efsa"),
        ("Medef", "org:fr-medef"),
        ("Unep", "org:unep"),
    ]
    texts = {alias.text for alias in registry.aliases()}
    assert "Dgsn" in texts and "Un" not in texts and "Fmi" not in texts  # four letters or more


def test_names_in_the_other_english_spelling(registry: EntityRegistry) -> None:
    tagger = Tagger(registry)
    text = (
        "The United Nations Environment Program and the World Health Organisation met the "
        "Israel Defence Forces and the Department of Defence in Canberra."
    )
    assert [(m.text, m.id, m.source) for m in tagger.tag(text, "en")] == [
        ("United Nations Environment Program", "org:unep", "registry"),
        ("World Health Organisation", "org:who", "registry"),
        ("Israel Defence Forces", "org:il-idf", "registry"),
        # the Pentagon's name in British spelling is another state's department
        ("Department of Defence", "rule:department-of-defence", "rule"),
    ]
    french = {alias.text for alias in registry.aliases() if alias.entity_id == "org:who"}
    assert "Organization mondiale de la santé" not in french


def test_arabic_names_with_the_article_in_lowercase(registry: EntityRegistry) -> None:
    tagger = Tagger(registry)
    text = "Everyone watches al-Jazeera or al Arabiya; al-Shabaab fighters, the imams of al-Azhar."
    assert [(m.text, m.id) for m in tagger.tag(text, "en")] == [
        ("al-Jazeera", "org:al-jazeera"),
        ("al Arabiya", "org:al-arabiya"),
        ("al-Shabaab", "org:al-shabaab"),
        ("al-Azhar", "org:al-azhar"),
    ]


def test_a_word_with_letters_of_its_own_is_no_spelled_acronym(registry: EntityRegistry) -> None:
    tagger = Tagger(registry)
    text = "Le réseau de la société Čeps est saturé, selon le Ceps et l'Unesco."
    assert [(m.text, m.id) for m in tagger.tag(text, "fr")] == [
        ("société Čeps", "rule:societe-ceps"),
        ("Ceps", "org:ceps-brussels"),
        ("Unesco", "org:unesco"),
    ]


def test_historical_bodies_of_the_french_press(registry: EntityRegistry) -> None:
    tagger = Tagger(registry)
    text = (
        "Le Front populaire, la Libre Pensée et la CGTU ont défilé. Les Chargeurs réunis et "
        "l'Union Pacific montent."
    )
    assert [m.id for m in tagger.tag(text, "fr")] == [
        "org:fr-front-populaire",
        "org:fr-libre-pensee",
        "org:fr-cgtu",
        "org:chargeurs",
        "org:union-pacific",
    ]


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Le groupe de l'Union républicaine s'est réuni hier.", "org:fr-union-republicaine"),
        ("Une dépêche de l'agence Wolff annonce la nouvelle.", "org:wolff"),
        ("Les actions Kreuger and Toll ont baissé.", "org:kreuger-toll"),
        ("Les combattants de l'UCK ont quitté la vallée.", "org:kla"),
        ("Il a été initié au Grand Orient en 1890.", "org:grand-orient"),
        ("Le paquebot de la Cunard Line est arrivé.", "org:cunard"),
        ("La Cour permanente de justice internationale a rendu son avis.", "org:pcij"),
        ("Le congrès du Parti ouvrier belge s'est ouvert.", "org:be-pob"),
        ("Les usines Brown Boveri ont licencié.", "org:brown-boveri"),
    ],
)
def test_organizations_of_historical_and_financial_news(text: str, entity_id: str) -> None:
    from tui_reader.entities.tagger import default_tagger

    assert [m.id for m in default_tagger().tag(text, "fr")] == [entity_id]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Le Parquet national financier (PNF) a saisi la HATVP et l'Arcom.",
            "fr",
            ["org:fr-pnf", "org:fr-pnf", "org:fr-hatvp", "org:fr-arcom"],
        ),
        (
            "Santé publique France, la Haute Autorité de santé et l'ANSM ont alerté.",
            "fr",
            ["org:fr-spf", "org:fr-has", "org:fr-ansm"],
        ),
        (
            "Le Crif, le CFCM, SOS Racisme et la Licra ont rencontré le Défenseur des droits.",
            "fr",
            ["org:crif", "org:cfcm", "org:sos-racisme", "org:licra", "org:fr-defenseur-des-droits"],
        ),
        (
            "Suu Kyi's National League for Democracy (NLD) and the Syrian Arab Red Crescent.",
            "en",
            ["org:mm-nld", "org:mm-nld", "org:sarc"],
        ),
        (
            "FEMA, Ofcom, the Lok Sabha, the National People's Congress and the Federation Council.",
            "en",
            ["org:us-fema", "org:gb-ofcom", "org:in-lok-sabha", "org:cn-npc", "org:ru-federation-council"],
        ),
        (
            "The New China News Agency said the Federal Reserve Board and the Toronto Stock Exchange.",
            "en",
            ["org:cn-xinhua", "org:us-fed", "org:tsx"],
        ),
        (
            "Johnson and Johnson, Black and Decker Corp and Smith and Wesson said.",
            "en",
            ["org:johnson-and-johnson", "org:black-and-decker", "org:smith-and-wesson"],
        ),
    ],
)
def test_bodies_of_modern_news(text: str, lang: str, expected: list[str]) -> None:
    found = [m.id for m in default_tagger().tag(text, lang) if m.kind == "organization"]
    assert found == expected


def test_a_demonym_before_a_group_is_its_own_mention() -> None:
    from tui_reader.entities import default_tagger

    mentions = default_tagger().tag("Pakistan has released several Afghan Taliban prisoners.", "en")
    assert [(m.text, m.id, m.form) for m in mentions] == [
        ("Pakistan", "country:PK", "name"),
        ("Afghan", "country:AF", "demonym"),
        ("Taliban", "org:taliban", "name"),
    ]
