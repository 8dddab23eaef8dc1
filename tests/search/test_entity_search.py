"""Entities in the index: filters by id or any alias, cross-lingual words, facets, stored spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED
from tui_reader.search import Library
from tui_reader.ui.searching import as_you_type

EXTRA = {
    "en/un.txt": "date 2025-02\n\nThe United Nations said Morocco would host the talks.",
    "fr/onu.txt": "date 2025-03\n\nLes Nations unies ont salué l'accord.",
    "en/germany.txt": "date 2025-04\n\nGermany and France signed a treaty in Berlin.",
    "en/uk.txt": "date 2025-05\n\nBritain and Ireland agreed on the border.",
}


@pytest.fixture
def library(seeded_corpus: Path, index_dir: Path) -> Library:
    for rel, text in EXTRA.items():
        path = seeded_corpus / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    lib = Library.open(seeded_corpus, index_dir)
    lib.update()
    return lib


def paths(library: Library, query: str, **kwargs: object) -> set[str]:
    return {row.path for row in library.search(query, **kwargs)}  # type: ignore[arg-type]


def test_country_filter_takes_id_or_alias_in_any_language(library: Library) -> None:
    expected = {SEED.name, "en/un.txt"}
    assert paths(library, "country:Maroc") == expected
    assert paths(library, "country:Morocco") == expected
    assert paths(library, "country:MA") == expected
    assert paths(library, "entity:country:MA") == expected


def test_org_filter_takes_acronyms_in_each_language(library: Library) -> None:
    expected = {SEED.name, "en/un.txt", "fr/onu.txt"}
    assert paths(library, "org:ONU") == expected
    assert paths(library, "org:UN") == expected
    assert paths(library, 'org:"Nations unies"') == expected


def test_unknown_entity_filter_matches_nothing_and_says_so(library: Library) -> None:
    results = library.search("country:Atlantis")
    assert len(results) == 0 and "Atlantis" in results.fallback


def test_plain_entity_word_finds_other_languages(library: Library) -> None:
    assert SEED.name in paths(library, "Morocco")
    assert "en/un.txt" in paths(library, '"Nations unies"')
    assert "en/germany.txt" in paths(library, "Allemagne")


def test_a_demonym_finds_the_articles_naming_its_country_in_any_language(library: Library) -> None:
    # the seed says "marocains" and "Maroc"; the English brief names Morocco
    assert paths(library, "marocains") == paths(library, "Moroccans") == {SEED.name, "en/un.txt"}
    assert "en/germany.txt" in paths(library, "allemands")
    # not a demonym that is as often a language or a first name
    assert "en/germany.txt" not in paths(library, "allemand")


def test_an_arabic_name_with_a_proclitic_finds_other_languages(library: Library) -> None:
    # "بالمغرب" (in Morocco), "للأمم المتحدة" (to the United Nations): one word with the name
    assert SEED.name in paths(library, "بالمغرب")
    assert "en/un.txt" in paths(library, "للأمم المتحدة")
    assert paths(library, "country:بالمغرب") == paths(library, "country:MA")


def test_a_name_of_several_words_finds_other_languages_unquoted(library: Library) -> None:
    assert "en/un.txt" in paths(library, "Nations unies")
    assert "en/uk.txt" in paths(library, "Royaume-Uni")


@pytest.mark.parametrize("query", ['Nations unies"', "Nations unies)", "(Nations unies"])
def test_a_name_with_a_stray_mark_that_is_mended_still_finds_other_languages(
    library: Library, query: str
) -> None:
    assert paths(library, query) == paths(library, "Nations unies")
    assert paths(library, as_you_type(query), typed=query) >= {"en/un.txt", "fr/onu.txt"}


def test_a_name_being_typed_still_finds_other_languages(library: Library) -> None:
    # the list searches the last word as a prefix too while the user types
    found = paths(library, as_you_type("Nations unies"), typed="Nations unies")
    assert {"en/un.txt", "fr/onu.txt"} <= found
    row = next(r for r in library.search("") if r.path == "en/un.txt")
    article = library.article(row.id)
    assert article is not None
    offsets = library.match_offsets(as_you_type("Nations unies"), article, typed="Nations unies")
    assert "United Nations" in {article.text[s:e] for s, e in offsets}


def test_a_name_after_an_elided_article_or_before_a_possessive_finds_other_languages(
    library: Library,
) -> None:
    assert "en/germany.txt" in paths(library, "d'Allemagne")
    assert "en/germany.txt" in paths(library, "l’Allemagne")
    assert paths(library, "l'ONU") == paths(library, "ONU") >= {"en/un.txt", "fr/onu.txt"}
    assert SEED.name in paths(library, "Morocco's")
    row = next(r for r in library.search("") if r.path == "en/un.txt")
    article = library.article(row.id)
    assert article is not None
    assert "United Nations" in {article.text[s:e] for s, e in library.match_offsets("l'ONU", article)}


def test_entity_restriction_argument(library: Library) -> None:
    assert paths(library, "", entities=["org:un"]) == {SEED.name, "en/un.txt", "fr/onu.txt"}
    assert paths(library, "accord", entities=["org:un"]) == {"fr/onu.txt"}


def test_seed_mentions_are_stored_with_their_spans(library: Library) -> None:
    row = next(r for r in library.search("") if r.path == SEED.name)
    article = library.article(row.id)
    assert article is not None
    morocco = [m for m in article.mentions if m.id == "country:MA"]
    assert {m.text for m in morocco} == {"Royaume du Maroc", "Maroc", "marocains"}
    for m in article.mentions:
        assert article.text[m.start : m.end] == m.text
    assert row.entities[0]  # badges: most mentioned entity first


def test_matches_of_an_entity_word_include_its_mentions(library: Library) -> None:
    row = next(r for r in library.search("Morocco") if r.path == SEED.name)
    article = library.article(row.id)
    assert article is not None
    highlighted = {article.text[s:e] for s, e in library.match_offsets("Morocco", article)}
    assert {"Royaume du Maroc", "Maroc", "marocains"} <= highlighted


def test_facets_count_articles_per_entity(library: Library) -> None:
    facets = {f.id: f.articles for f in library.facets(library.search(""), top=50)}
    assert facets["org:un"] == 3
    assert facets["country:MA"] == 2
    counts = {c.id: c for c in library.entity_counts(library.search(""), top=50)}
    assert counts["country:MA"].mentions == 4  # three in the seed, one in en/un.txt


def test_facets_with_as_many_articles_come_in_the_order_of_their_names(library: Library) -> None:
    facets = library.facets(library.search(""), top=50)
    for count in {f.articles for f in facets}:
        names = [f.name_en.casefold() for f in facets if f.articles == count]
        assert names == sorted(names), count
    # United Arab Emirates (AE) comes after Austria (AT) and Pakistan (PK), as the pane shows them
    names = [f.name_en for f in facets]
    assert names.index("Austria") < names.index("United Arab Emirates")


def test_an_acronym_in_capitals_means_the_body_not_the_word(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "mot.txt").write_text(
        "date 2025-05\n\nUn accord a été signé par un ministre.", encoding="utf-8"
    )
    (corpus / "en" / "un.txt").write_text(
        "date 2025-05\n\nThe UN said the talks would resume.", encoding="utf-8"
    )
    lib = Library.open(corpus, index_dir)
    lib.update()
    assert paths(lib, "UN") == {"en/un.txt"}
    assert "fr/mot.txt" in paths(lib, "un")  # the word, in lowercase
    row = next(iter(lib.search("UN")))
    article = lib.article(row.id)
    assert article is not None
    assert {article.text[s:e] for s, e in lib.match_offsets("UN", article)} == {"UN"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Allemagne OR Irlande", {"en/germany.txt", "en/uk.txt"}),
        ("Irlande OR Allemagne", {"en/germany.txt", "en/uk.txt"}),
        ("UN OR Germany", {SEED.name, "en/un.txt", "fr/onu.txt", "en/germany.txt"}),
        ("Germany OR UN", {SEED.name, "en/un.txt", "fr/onu.txt", "en/germany.txt"}),
        ('"Nations unies" OR Britain', {SEED.name, "en/un.txt", "fr/onu.txt", "en/uk.txt"}),
        ("Royaume-Uni OR Allemagne", {"en/uk.txt", "en/germany.txt"}),
        ("Irlande OR date:2025-04", {"en/uk.txt", "en/germany.txt"}),
    ],
)
def test_or_finds_each_side_in_any_language_in_any_order(
    library: Library, query: str, expected: set[str]
) -> None:
    assert paths(library, query) == expected


def test_a_lone_star_adds_nothing_to_the_other_words(library: Library) -> None:
    everything = paths(library, "*")
    assert len(everything) == len(library.search("")) > len(EXTRA)
    assert paths(library, "Allemagne *") == paths(library, "* Allemagne") == {"en/germany.txt"}
    assert paths(library, "* -country:MA") == everything - {SEED.name, "en/un.txt"}
    assert paths(library, "Allemagne OR *") == everything


@pytest.mark.parametrize("bad", ["country:Atlantis", "org:ZZZZ", "entity:xyz", "date:2025-02-30", "lang:xx"])
def test_a_filter_that_matches_nothing_leaves_nothing_beside_other_words(library: Library, bad: str) -> None:
    results = library.search(f"Allemagne {bad}")
    assert len(results) == 0 and "that filter matches nothing" in results.fallback
    assert paths(library, f"Allemagne OR {bad}") == {"en/germany.txt"}


def _mentions_in_stored_records(library: Library, docnums: list[int]) -> dict[str, int]:
    """Mention counts as `entities` counted them before: from every result's stored record."""
    found: dict[str, int] = {}
    searcher = library._searcher
    for docnum in docnums:
        for _start, _end, entity_id, _form, _rule in searcher.stored_fields(docnum)["mentions"]:
            found[entity_id] = found.get(entity_id, 0) + 1
    return found


@pytest.mark.parametrize("query", ["", "Morocco", "Maroc OR Germany", "zzqqxx"])
def test_mention_counts_come_from_the_index_and_match_the_stored_mentions(
    library: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = library.search(query)
    expected = _mentions_in_stored_records(library, list(results.docnums))

    def unread(docnum: int) -> None:
        raise AssertionError(f"read the stored record of {docnum}")

    monkeypatch.setattr(library._searcher, "stored_fields", unread)  # the article text is not read
    counts = library.entity_counts(results, top=100)
    assert {c.id: c.mentions for c in counts} == {c.id: expected.get(c.id, 0) for c in counts}
    assert all(c.mentions >= c.articles > 0 for c in counts)
    # stored once per article, most mentioned first, as before
    for row in results:
        assert len(set(row.entities)) == len(row.entities)


def test_mention_counts_of_an_index_written_before_schema_6_read_the_stored_mentions(
    seeded_corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.fields import KEYWORD

    from tui_reader.search import indexer, schema

    def old_schema() -> object:
        built = schema.build_schema()
        built.remove("entity")
        built.add("entity", KEYWORD(stored=True, scorable=False, lowercase=False))
        return built

    monkeypatch.setattr(indexer, "build_schema", old_schema)
    lib = Library.open(seeded_corpus, index_dir)
    lib.update()
    assert not isinstance(lib._searcher.schema["entity"], schema.EntityIds)
    results = lib.search("")
    expected = _mentions_in_stored_records(lib, list(results.docnums))
    counts = lib.entity_counts(results, top=100)
    assert counts and {c.id: c.mentions for c in counts} == {c.id: expected[c.id] for c in counts}


def test_mention_counts_leave_out_deleted_articles(library: Library, seeded_corpus: Path) -> None:
    (seeded_corpus / "en/un.txt").unlink()
    (seeded_corpus / "en/germany.txt").write_text("date 2025-04\n\nGermany, Germany and Morocco.", "utf-8")
    library.update()
    for query in ["", "Morocco"]:
        results = library.search(query)
        expected = _mentions_in_stored_records(library, list(results.docnums))
        counts = {c.id: c.mentions for c in library.entity_counts(results, top=100)}
        assert counts == {i: expected[i] for i in counts}
    assert {c.id: c.mentions for c in library.entity_counts(library.search(""), top=100)}["country:DE"] == 2


def test_articles_found_through_an_entity_rank_by_how_much_they_name_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "fr").mkdir(parents=True)
    articles = {
        # in the same order of dates: relevance alone can put the second first
        "fr/once.txt": "date 2025-05-02\n\nLe ministre a parlé du budget, du Maroc et des impôts de Rabat.",
        "fr/thrice.txt": "date 2025-05-01\n\nLe Maroc et le Maroc : le roi du Maroc a parlé du budget.",
    }
    for rel, text in articles.items():
        (corpus / rel).write_text(text, encoding="utf-8")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    for query in ("Morocco", "country:MA Morocco"):
        rows = library.search(query, sort="relevance")
        assert [row.path for row in rows] == ["fr/thrice.txt", "fr/once.txt"]
        assert rows[0].score > rows[1].score


def test_a_chosen_entity_narrows_the_results_and_leaves_their_scores(library: Library) -> None:
    plain = {row.path: row.score for row in library.search("accord OR talks OR Maroc", sort="relevance")}
    narrowed = library.search("accord OR talks OR Maroc", sort="relevance", entities=("org:un",))
    assert {row.path for row in narrowed} == {p for p in plain if p in paths(library, "org:un")}
    assert len(narrowed) >= 2
    assert all(row.score == plain[row.path] for row in narrowed)
