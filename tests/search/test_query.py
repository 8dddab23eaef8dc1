"""The query language, end to end on a small index."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.search import Library
from tui_reader.ui.searching import SearchRequest, as_you_type, run_search


@pytest.fixture
def library(corpus: Path, index_dir: Path) -> Library:
    lib = Library.open(corpus, index_dir)
    lib.update()
    return lib


def titles(library: Library, query: str) -> set[str]:
    return {row.path for row in library.search(query)}


def test_stemmed_per_language(library: Library) -> None:
    assert titles(library, "élection") == {"fr/election.txt", "en/election.txt"}
    assert "fr/election.txt" in titles(library, "élections")
    assert "en/election.txt" in titles(library, "elections")


def test_french_nouns_that_are_also_forms_of_avoir_or_etre_are_found(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "avions.txt").write_text("Des avions de guerre ont survolé la ville.", encoding="utf-8")
    (corpus / "fr" / "avion.txt").write_text("Un avion s'est posé cet été à Rabat.", encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()
    assert titles(library, "avion") == titles(library, "avions") == {"fr/avion.txt", "fr/avions.txt"}
    assert titles(library, "été") == {"fr/avion.txt"}


def test_a_hyphenated_word_is_searched_whole_not_as_its_parts_anywhere(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "orient.txt").write_text("La paix au Moyen-Orient reste lointaine.", encoding="utf-8")
    (corpus / "fr" / "moyens.txt").write_text(
        "Les moyens de l'armée sont orientés vers le nord.", encoding="utf-8"
    )
    (corpus / "en" / "weekend.txt").write_text("At the end of the week, talks resumed.", encoding="utf-8")
    (corpus / "fr" / "weekend.txt").write_text("Ce week-end, les talks ont repris.", encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()
    assert titles(library, "Moyen-Orient") == titles(library, '"Moyen-Orient"') == {"fr/orient.txt"}
    assert titles(library, "week-end") == {"fr/weekend.txt"}
    # its parts typed apart still find both
    assert {"fr/orient.txt", "fr/moyens.txt"} <= titles(library, "moyen orient")


def test_accent_and_case_insensitive(library: Library) -> None:
    assert titles(library, "SECURITE") == {"fr/qatar.txt"}
    assert titles(library, "délégations") == titles(library, "delegations") == {"fr/qatar.txt"}


def test_a_word_typed_with_accents_is_english_only_if_english_writes_it_and_a_ligature_changes_nothing(
    corpus: Path, index_dir: Path
) -> None:
    (corpus / "en" / "presidents.txt").write_text(
        "The presidents of the two countries met on Monday, and he presided over the talks that were "
        "held in the capital with their ministers in March, and even in the evening.",
        encoding="utf-8",
    )
    (corpus / "en" / "president.txt").write_text(
        "The president of the country spoke on Monday to the ministers in the capital city.",
        encoding="utf-8",
    )
    (corpus / "fr" / "coeur.txt").write_text("Au cœur de la ville, une œuvre.", encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()
    # a word that English writes too is stemmed as English: "président" finds "presidents"
    both = {"en/president.txt", "en/presidents.txt"}
    assert titles(library, "président") == titles(library, "president") == both
    # one that no English article writes is not: "marché" is not March, "événement" not even
    assert titles(library, "marché") == titles(library, "événement") == set()
    assert titles(library, "march") == titles(library, "even") == {"en/presidents.txt"}
    assert titles(library, "coeur") == titles(library, "cœur") == {"fr/coeur.txt"}
    assert titles(library, '"coeur de la ville"') == {"fr/coeur.txt"}
    assert titles(library, "oeuvre") == {"fr/coeur.txt"}


def test_a_word_typed_without_its_accents_is_stemmed_only_in_the_languages_that_write_it(
    corpus: Path, index_dir: Path
) -> None:
    (corpus / "en" / "even.txt").write_text(
        "Even in March the market was open, and the events went on.", encoding="utf-8"
    )
    (corpus / "fr" / "evenement.txt").write_text(
        "Un événement a eu lieu au marché, et les événements se sont succédé.", encoding="utf-8"
    )
    library = Library.open(corpus, index_dir)
    library.update()
    # "evenement" is French: its English stem "even" is another word, and "even" not French
    assert titles(library, "evenement") == titles(library, "événement") == {"fr/evenement.txt"}
    assert titles(library, "marche") == {"fr/evenement.txt"}
    assert titles(library, "even") == {"en/even.txt"}
    assert titles(library, "events") == {"en/even.txt"}
    # a plural or a singular of what a language writes is that language's too
    assert titles(library, "marches") == titles(library, "evenements") == {"fr/evenement.txt"}
    assert titles(library, "event") == {"en/even.txt"}


def test_an_acronym_typed_in_its_capitals_lists_the_body_while_typed_too(
    corpus: Path, index_dir: Path
) -> None:
    (corpus / "en" / "who.txt").write_text(
        "The World Health Organization (WHO) warned of a new strain.", encoding="utf-8"
    )
    (corpus / "en" / "whole.txt").write_text("Who knows? The whole town wholly agreed.", encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()

    def listed(query: str, live: bool) -> set[str]:
        outcome = run_search(library, SearchRequest(query=query, live=live), lambda: False)
        assert outcome is not None
        return {row.path for row in outcome.rows}

    assert listed("WHO", live=True) == listed("WHO", live=False) == {"en/who.txt"}
    # capitals that are no acronym are the start of words as any are
    assert listed("WHOL", live=True) == {"en/whole.txt"}


def test_a_hyphenated_word_typed_with_accents_needs_all_its_parts(corpus: Path, index_dir: Path) -> None:
    (corpus / "en" / "gore.txt").write_text("Al Gore spoke about the climate in Oslo.", encoding="utf-8")
    (corpus / "en" / "qaida.txt").write_text("A cell of al-Qaida was dismantled in Sanaa.", encoding="utf-8")
    (corpus / "fr" / "etat.txt").write_text("Un état uni autour de son drapeau.", encoding="utf-8")
    library = Library.open(corpus, index_dir)
    library.update()
    # the English body field drops "qaïda" (typed with accents): "al" alone is not the word
    assert titles(library, "Al-Qaïda") == titles(library, "al-qaida") == {"en/qaida.txt"}
    assert titles(library, "Al-Qaïda OR Gore") == {"en/qaida.txt", "en/gore.txt"}


def test_phrases_and_boolean_operators(library: Library) -> None:
    assert titles(library, '"supply cuts"') == {"en/markets.txt"}
    assert titles(library, '"cuts supply"') == set()
    assert titles(library, "Senegal OR Rabat") == {"en/election.txt", "fr/election.txt"}
    assert titles(library, "élection NOT Senegal") == {"fr/election.txt"}
    assert titles(library, "election AND Dakar") == {"en/election.txt"}
    assert titles(library, "élection ANDNOT Senegal") == {"fr/election.txt"}
    assert titles(library, "élection REQUIRE Senegal") == {"en/election.txt"}
    assert titles(library, "élection ANDMAYBE Senegal") == {"en/election.txt", "fr/election.txt"}


def test_prefix_and_fuzzy(library: Library) -> None:
    assert titles(library, "config*") == {"fr/qatar.txt"}
    assert titles(library, "observrs~") == {"en/election.txt"}


def test_fuzzy_words_rank_the_word_as_typed_first_then_the_nearer_ones(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # a rare near word weighs more than a frequent one: it must not outrank the word itself
    texts = {"exact": "Le Maroc et le Maroc.", "near": "Maroš Šefčovič a parlé.", "far": "Marcs et Marcs."}
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    for n in range(6):
        (corpus / f"other{n}.txt").write_text(f"Le Maroc, article {n}.", encoding="utf-8")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    ranked = [row.path for row in library.search("Maroc~2", sort="relevance")]
    assert set(ranked[:7]) == {"exact.txt"} | {f"other{n}.txt" for n in range(6)}
    assert set(ranked[7:]) == {"near.txt", "far.txt"}
    assert ranked[0] == "exact.txt"  # the word twice
    library.close()


def test_fuzzy_words_past_the_comparison_budget_are_searched_as_typed_with_a_note(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.search import query

    assert titles(library, "observrs~") == {"en/election.txt"}
    monkeypatch.setattr(query, "MAX_FUZZY_COMPARED", 0)
    results = library.search("obsrvers~")
    assert "Too many words of the index to compare with the fuzzy words" in results.fallback
    assert titles(library, "obsrvers~") == set()  # the misspelling, as typed
    assert titles(library, "observers~") == {"en/election.txt"}  # the word, as typed


def test_a_fuzzy_word_typed_with_accents_is_fuzzy(library: Library) -> None:
    # the English body field drops a word typed with accents: the fuzzy word is still searched
    for query in ("élction~", "élections~", "délégatoins~2", "text:élction~"):
        results = library.search(query)
        assert not results.fallback, query
    assert titles(library, "élction~") == titles(library, "elction~") == {"en/election.txt"}
    assert titles(library, "élections~") == {"en/election.txt", "fr/election.txt"}
    assert titles(library, "délégatoins~2") == {"fr/qatar.txt"}


def test_a_prefix_wildcard_or_fuzzy_word_that_matches_nothing_matches_nothing(library: Library) -> None:
    qatar = {"fr/qatar.txt"}
    assert titles(library, "Qatar config*") == qatar
    for word in ("configxyz*", "conf*xyz", "zzzqqqxx~", "zzzqqqxx~2", "text:configxyz*", "text:zzzqqqxx~"):
        assert titles(library, word) == set(), word
        # an And with a part that matches nothing matches nothing, as with a plain word
        assert titles(library, f"Qatar {word}") == set(), word
        assert titles(library, f"Qatar AND ({word} OR zzzqqq)") == set(), word
        # under OR it adds nothing, under NOT it leaves nothing out
        assert titles(library, f"Qatar OR {word}") == qatar, word
        assert titles(library, f"Qatar NOT {word}") == titles(library, f"Qatar -{word}") == qatar, word
        assert not library.search(f"Qatar {word}").fallback, word
    assert titles(library, "Qatar (sécurité OR configxyz*)") == qatar


def test_the_word_being_typed_keeps_matching_when_its_prefix_matches_nothing(library: Library) -> None:
    # the list searches "Qatar (sécurités OR sécurités*)": no word starts with "securites", but
    # the word itself is found in any form
    assert titles(library, as_you_type("Qatar sécurités")) == {"fr/qatar.txt"}
    assert titles(library, as_you_type("Qatar sécurxyz")) == set()
    # enter on a word no article has widens to its prefix only when the prefix finds articles
    outcome = run_search(library, SearchRequest(query="Qatar sécurxyz"), lambda: False)
    assert outcome is not None
    assert outcome.results.total == 0
    assert not outcome.fallback


def test_a_short_last_word_being_typed_lists_the_words_before_it_until_it_finds_something(
    library: Library,
) -> None:
    def live(query: str) -> tuple[set[str], str]:
        outcome = run_search(library, SearchRequest(query=query, live=True), lambda: False)
        assert outcome is not None
        return {row.path for row in outcome.rows}, outcome.fallback

    qatar = titles(library, "Qatar")
    # "Qatar zq" on the way to "Qatar zqx...": no article has "zq", the list stays Qatar's
    assert live("Qatar zq") == (qatar, "Listing without 'zq' while it is typed.")
    # a short word that the articles have narrows the list as a word
    assert live("prices on") == ({"en/markets.txt"}, "")
    assert live("zq") == (set(), "")  # alone, it is what is searched


def test_enter_on_a_short_last_word_that_finds_nothing_keeps_what_typing_listed(library: Library) -> None:
    def entered(query: str) -> tuple[set[str], str]:
        outcome = run_search(library, SearchRequest(query=query), lambda: False)
        assert outcome is not None
        return {row.path for row in outcome.rows}, outcome.fallback

    rows, note = entered("Qatar zq")
    assert rows == titles(library, "Qatar") and rows
    assert note.startswith("No article has 'Qatar zq': listed 'Qatar'")
    assert entered("prices on") == ({"en/markets.txt"}, "")  # found as written: nothing changed
    assert entered("zq") == (set(), "")
    assert entered("zqxw zq") == (set(), "")  # nothing without it either


def test_the_note_on_a_phrase_left_open_quotes_the_phrase_not_the_whole_query(library: Library) -> None:
    outcome = run_search(library, SearchRequest(query='lang:fr "Qatar zq'), lambda: False)
    assert outcome is not None
    assert {row.path for row in outcome.rows} == {"fr/qatar.txt"}
    assert outcome.fallback.startswith('No article has the phrase "Qatar zq": listed lang:fr "Qatar" (')


def test_a_question_mark_is_punctuation_not_a_wildcard(library: Library) -> None:
    qatar = {"fr/qatar.txt"}
    assert titles(library, "Qatar?") == titles(library, "Qatar ?") == qatar
    assert titles(library, "Le Qatar a accueilli une réunion?") == qatar
    assert titles(library, "Qatar OPEC?") == set()
    assert titles(library, "élections?") == {"fr/election.txt", "en/election.txt"}
    assert titles(library, "OPEC?") == titles(library, "OPEC") == {"en/markets.txt"}
    assert titles(library, "Qatar\u061f") == qatar  # the Arabic question mark too
    # inside a word it parts words, as other punctuation does
    assert titles(library, "config?uration") == titles(library, "config!uration") == set()
    assert not library.search("Qatar?").fallback
    assert titles(library, "?") == set()


def test_short_prefix_is_searched_as_a_word_and_says_so(library: Library) -> None:
    results = library.search("co*")
    assert "3 letters" in results.fallback
    # several short prefixes: one sentence names them all
    notes = library.search("co* pr* re* co*").fallback
    assert notes == "Prefixes need at least 3 letters: searched 'co', 'pr', 're' as words."


def test_date_filters_with_partial_dates_and_ranges(library: Library) -> None:
    assert titles(library, "date:2024") == {"fr/election.txt", "en/election.txt"}
    assert titles(library, "date:2024-03-05") == {"en/election.txt"}
    assert titles(library, "date:[2023-12 to 2024-03-03]") == {"fr/election.txt"}
    assert titles(library, "date:[2024-03 to 2025]") == {
        "fr/election.txt",
        "en/election.txt",
        "fr/qatar.txt",
    }
    bad = library.search("date:hier")
    assert len(bad) == 0 and "not a date" in bad.fallback


def test_a_date_filter_with_a_time_of_day_reads_the_day(library: Library) -> None:
    found = library.search("date:2024-03-05T10:00")
    assert {r.path for r in found} == {"en/election.txt"}
    assert found.fallback == (
        "Searched 'date:2024-03-05' instead: a date filter reads the day, not the time of day."
    )
    ranged = "date:[2023-12-01T00:00:00Z TO 2024-03-03T23:59+01:00]"
    assert (
        titles(library, ranged) == titles(library, "date:[2023-12-01 TO 2024-03-03]") == {"fr/election.txt"}
    )


def test_lang_filter(library: Library) -> None:
    assert titles(library, "lang:fr") == {"fr/election.txt", "fr/qatar.txt"}
    assert titles(library, "lang:EN election") == {"en/election.txt"}


def test_empty_query_lists_everything_newest_first(library: Library) -> None:
    dates = [row.date for row in library.search("")]
    assert dates == ["2025-01-20", "2024-03-05", "2024-03-02", "2023-11"]


def test_a_name_that_is_no_filter_is_searched_as_words_and_said(library: Library) -> None:
    results = library.search("Qatar réunion:sécurité")
    assert [row.path for row in results] == ["fr/qatar.txt"]
    assert results.fallback.startswith("'réunion:' is no filter (filters: country:, org:")
    assert "no filter" in library.search("http://example.com").fallback
    for fine in ("Country:Qatar", "lang:fr", '"a:b"', "12:30"):
        assert "no filter" not in library.search(fine).fallback, fine
    assert library.search("()").fallback == (
        "Nothing left to search: the query holds no word, only symbols or punctuation."
    )


def test_malformed_query_falls_back_to_plain_words(library: Library) -> None:
    results = library.search('"Qatar réunion')
    assert results.fallback == "Searched 'Qatar réunion' instead: a quote is not closed."
    assert [row.path for row in results] == ["fr/qatar.txt"]
    assert len(library.search("((((")) == 0


def test_any_space_separates_words(library: Library) -> None:
    expected = titles(library, "élection Dakar")
    assert expected == {"en/election.txt"}
    for space in ["\u00a0", "\u202f", "\t", "\n", "\u2028", "\u3000"]:
        results = library.search(f"élection{space}Dakar")
        assert {row.path for row in results} == expected and results.fallback == "", repr(space)


def test_long_query_is_cut_between_words_and_says_so(library: Library) -> None:
    for query in ["Qatar " * 200, " OR ".join(["Qatar"] * 3000), " OR ".join(["Dakar"] * 3000 + ["Qatar"])]:
        results = library.search(query)
        assert "1,000 characters" in results.fallback
        assert len(results.query) <= 1000 and not results.query.endswith("OR")
    assert titles(library, "Qatar " * 200) == {"fr/qatar.txt"}
    assert titles(library, " OR ".join(["Qatar"] * 3000)) == {"fr/qatar.txt"}
    assert titles(library, " OR ".join(["Dakar"] * 3000 + ["Qatar"])) == {"en/election.txt"}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("élection AND", "élection"),
        ("élection NOT", "élection"),
        ("élection AND NOT", "élection"),
        ("lang:fr (", "lang:fr"),
        ("lang:en AND NOT", "lang:en"),
        ("lang:fr élection)", "lang:fr élection"),
        ("élection lang:", "élection"),
        ("date:[2024 to", "date:[2024 to]"),
        ("élection AND (Senegal OR Rabat", "élection AND (Senegal OR Rabat)"),
    ],
)
def test_half_typed_query_finds_what_is_meant_and_says_so(library: Library, typed: str, meant: str) -> None:
    results = library.search(typed)
    assert {row.path for row in results} == titles(library, meant) != set()
    assert results.fallback.startswith("Searched '"), results.fallback


@pytest.mark.parametrize(
    "typed", ["date:[2024-03 TO 2025", "date:{2024-03 TO 2025", "Qatar date:[2024 TO 2025"]
)
def test_a_range_being_typed_lists_what_enter_lists(library: Library, typed: str) -> None:
    # its last word is the range's end, not a word to read as the start of one
    assert titles(library, as_you_type(typed)) == titles(library, typed) != set()


def test_filters_that_match_nothing_say_so(library: Library) -> None:
    for query, said in [
        ("date:2024-02-30", "2024-02-30"),
        ("date:0000-00-00", "0000-00-00"),
        ("lang:xx", "'xx'"),
        ("lang:", "lang:"),
        ("date:99999", "99999"),
    ]:
        results = library.search(query)
        assert len(results) == 0 and said in results.fallback, query


def test_a_date_range_with_neither_end_is_dropped_and_says_so(library: Library) -> None:
    everything = titles(library, "")
    for query in ("date:[to]", "date:[ to ]"):
        results = library.search(query)
        assert {row.path for row in results} == everything != set(), query
        assert results.fallback == "The date range has no dates: that filter was dropped.", query
    assert titles(library, "date:[to] élection") == titles(library, "élection") != set()


def test_field_names_in_any_case(library: Library) -> None:
    assert titles(library, "DATE:2024") == titles(library, "date:2024") != set()
    assert titles(library, "Lang:FR") == titles(library, "lang:fr") != set()


def test_reversed_date_range_is_swapped_and_says_so(library: Library) -> None:
    results = library.search("date:[2025 to 2023-12]")
    assert {row.path for row in results} == titles(library, "date:[2023-12 to 2025]") != set()
    assert "backwards" in results.fallback


def test_match_offsets_point_at_the_words(library: Library) -> None:
    row = library.search("élection")[0]
    article = library.article(row.id)
    assert article is not None
    offsets = library.match_offsets("élection", article)
    assert offsets
    assert all(
        article.text[s:e].lower().startswith("élection") or article.text[s:e].lower().startswith("election")
        for s, e in offsets
    )


def test_snippets_carry_match_offsets_not_markup(library: Library) -> None:
    row = library.search("configuration")[0]
    article = library.article(row.id)
    assert article is not None
    snippet = library.snippets("configuration", article)[0]
    ((start, end),) = snippet.matches
    assert snippet.text[start:end] == "configuration"
    assert "[" not in snippet.text


QUERY_ALPHABET = st.sampled_from(
    list('abcé "()[]{}*?~:^-+!\\/') + ["AND", "OR", "NOT", "date:", "lang:", "country:", "org:", " to "]
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=40), st.lists(QUERY_ALPHABET, max_size=12).map("".join)))
def test_no_query_string_makes_search_raise(library: Library, query: str) -> None:
    results = library.search(query)
    assert "could not be run" not in results.fallback  # the safety net must not be what saves it
    for row in results[:5]:
        article = library.article(row.id)
        assert article is not None
        library.snippets(query, article)


def test_id_restrictions(library: Library) -> None:
    everything = {row.path: row.id for row in library.search("")}
    fr = [everything["fr/election.txt"], everything["fr/qatar.txt"]]
    assert {r.path for r in library.search("", only_ids=fr)} == {"fr/election.txt", "fr/qatar.txt"}
    assert {r.path for r in library.search("élection", only_ids=fr)} == {"fr/election.txt"}
    assert {r.path for r in library.search("élection", except_ids=fr)} == {"en/election.txt"}
    assert len(library.search("", except_ids=fr)) == 2
    assert len(library.search("", only_ids=[])) == 0


def test_date_order_puts_undated_last_and_survives_refresh(library: Library, corpus: Path) -> None:
    (corpus / "undated.txt").write_text("An undated brief.", encoding="utf-8")
    library.update()
    dates = [row.date for row in library.search("")]
    assert dates[-1] == "" and dates[0] == "2025-01-20"


@pytest.mark.parametrize(
    "query",
    ["élection", "election Dakar", '"supply cuts"', '"supply cu*"', "Qatar OR Rabat", "élection NOT Senegal"],
)
def test_set_ranking_agrees_with_whoosh(library: Library, query: str) -> None:
    parsed = library.parse(query)
    ours = library._docsets().ranked(parsed.query, 50)
    assert ours is not None
    theirs = library._searcher.search(parsed.query, limit=50)
    assert ours[0] == [hit.docnum for hit in theirs]
    assert ours[2] == len(theirs)
    assert ours[1] == pytest.approx([hit.score for hit in theirs])


def test_a_phrase_is_one_match_where_its_words_follow_one_another(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "pm.txt").write_text(
        "date 2025-01\n\nLe premier ministre a parlé. Puis le premier ministre est parti.\n\n"
        "Le premier jour, un ministre.",
        encoding="utf-8",
    )
    lib = Library.open(corpus, index_dir)
    lib.update()
    row = lib.search('"premier ministre"')[0]
    article = lib.article(row.id)
    assert article is not None
    matched = [article.text[s:e] for s, e in lib.match_offsets('"premier ministre"', article)]
    # one match each, and "premier jour" or "un ministre" are no match
    assert matched == ["premier ministre", "premier ministre"]
    matched = [article.text[s:e] for s, e in lib.match_offsets('"premier ministre" jour', article)]
    assert matched == ["premier ministre", "premier ministre", "jour"]


def test_a_name_of_several_words_searches_the_name_not_its_words_apart(corpus: Path, index_dir: Path) -> None:
    briefs = {
        "en/un.txt": "The United Nations met in New York.",
        "fr/onu.txt": "L'ONU s'est réunie à New York.",
        "en/us.txt": "The United States said every nation would pay.",
    }
    for name, text in briefs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    lib = Library.open(corpus, index_dir)
    lib.update()
    assert {row.path for row in lib.search("United Nations")} == {"en/un.txt", "fr/onu.txt"}
    assert {row.path for row in lib.search("Nations unies")} == {"en/un.txt", "fr/onu.txt"}
    # words that name nothing together stay words anywhere in the article
    assert {row.path for row in lib.search("nation States")} == {"en/us.txt"}


def test_a_word_repeated_is_one_match_each_time(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "zz.txt").write_text(
        "Zanzibar Zanzibar Zanzibar sont trois mots. Puis Zanzibar seul.\n\n"
        "Le texte normal texte normal texte normal.",
        encoding="utf-8",
    )
    lib = Library.open(corpus, index_dir)
    lib.update()
    article = lib.article(lib.search("Zanzibar")[0].id)
    assert article is not None
    matched = [article.text[s:e] for s, e in lib.match_offsets("Zanzibar", article)]
    assert matched == ["Zanzibar"] * 4
    matched = [article.text[s:e] for s, e in lib.match_offsets("texte normal", article)]
    assert matched == ["texte normal"] * 3


def test_a_hyphenated_word_is_one_match(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "mo.txt").write_text("La paix au Moyen-Orient et l'ONU.", encoding="utf-8")
    lib = Library.open(corpus, index_dir)
    lib.update()
    article = lib.article(lib.search("Moyen-Orient")[0].id)
    assert article is not None
    for query in ("Moyen-Orient", '"Moyen-Orient"'):
        assert [article.text[s:e] for s, e in lib.match_offsets(query, article)] == ["Moyen-Orient"]


def test_a_phrase_ending_in_a_star_finds_its_words_in_order_the_last_one_a_prefix(
    corpus: Path, index_dir: Path
) -> None:
    briefs = {
        "fr/pm.txt": "Le premier ministre a parlé le premier.",
        "fr/both.txt": "Le premier ministre et le premier mineur, puis le premier ministre.",
        "fr/mineur.txt": "Le premier mineur est remonté.",
        "fr/order.txt": "Le ministre est arrivé le premier.",
        "fr/apart.txt": "Le premier jour, un ministre.",
    }
    for name, text in briefs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    lib = Library.open(corpus, index_dir)
    lib.update()
    found = {row.path for row in lib.search('"premier min*"')}
    assert found == {"fr/pm.txt", "fr/both.txt", "fr/mineur.txt"}
    # ranked as Whoosh ranks the phrases of each word the prefix expands to
    parsed = lib.parse('"premier min*"')
    ours = lib._docsets().ranked(parsed.query, 50)
    theirs = lib._searcher.search(parsed.query, limit=50)
    assert ours is not None
    assert ours[0] == [hit.docnum for hit in theirs]
    assert ours[1] == pytest.approx([hit.score for hit in theirs])
    assert {row.path for row in lib.search('"premier min*"', sort="date")} == found
    assert {row.path for row in lib.search('title:"premier min*"')} == found  # the title is the text
    assert not lib.search('"premier zzq*"')
    assert {row.path for row in lib.search('"min*"')} == {row.path for row in lib.search("min*")}
    for path, expected in [
        ("fr/pm.txt", ["premier ministre"]),  # not the lone "premier" after it
        ("fr/both.txt", ["premier ministre", "premier mineur", "premier ministre"]),
    ]:
        article = lib.article(next(row.id for row in lib.search('"premier min*"') if row.path == path))
        assert article is not None
        assert [article.text[s:e] for s, e in lib.match_offsets('"premier min*"', article)] == expected
    # a prefix too short to expand is the word itself, and said so
    assert not lib.search('"premier mi*"')
    assert "at least 3 letters" in lib.search('"premier mi*"').fallback


def test_a_query_on_the_title_shows_its_matches_in_the_title_only(corpus: Path, index_dir: Path) -> None:
    (corpus / "en" / "summit.md").write_text(
        "---\ntitle: Qatar hosts the summit\ndate: 2025-02-01\nlang: en\n---\n"
        "Qatar hosted the summit. The summit ended in Qatar.",
        encoding="utf-8",
    )
    lib = Library.open(corpus, index_dir)
    lib.update()
    article = lib.article(next(row.id for row in lib.search("title:Qatar") if row.path == "en/summit.md"))
    assert article is not None
    for query in ("title:Qatar", 'title:"the summit"'):
        assert lib.match_offsets(query, article) == []
        assert lib.title_match_offsets(query, article)
    assert len(lib.match_offsets("Qatar", article)) == 2
    assert lib.title_match_offsets("Qatar", article) == [(0, 5)]


def test_a_phrase_of_stop_words_and_one_word_matches_only_the_words_in_sequence(
    corpus: Path, index_dir: Path
) -> None:
    briefs = {
        "fr/pluie.txt": "Les pluies tombent dans les vallées.",
        "fr/usine.txt": "Une usine ouvre en France.",
        "fr/voisins.txt": "La France et ses voisins.",
        "en/usa.txt": "The United States of America signed.",
        "en/map.txt": "America is large.",
    }
    for rel, text in briefs.items():
        (corpus / rel).write_text(text, encoding="utf-8")
    lib = Library.open(corpus, index_dir)
    lib.update()
    # stemmed, "dans les" is "le", "en France" "franc", "of America" "america": no match alone
    assert titles(lib, '"dans les"') == {"fr/pluie.txt"}
    assert titles(lib, '"en France"') == {"fr/usine.txt"}
    assert titles(lib, '"of America"') == {"en/usa.txt"}
    assert titles(lib, '"dans les" OR "of America"') == {"fr/pluie.txt", "en/usa.txt"}
    assert titles(lib, 'vallées -"en France"') == {"fr/pluie.txt"}
    row = lib.search('"dans les"')[0]
    article = lib.article(row.id)
    assert article is not None
    assert [article.text[s:e] for s, e in lib.match_offsets('"dans les"', article)] == ["dans les"]
    # a phrase of one word is that word, in any form
    assert titles(lib, '"France"') == titles(lib, "France") >= {"fr/usine.txt", "fr/voisins.txt"}
    assert titles(lib, '"élections"') == {"fr/election.txt", "en/election.txt"}


def test_what_a_query_leaves_out_is_not_highlighted(corpus: Path, index_dir: Path) -> None:
    (corpus / "fr" / "obama.txt").write_text(
        "date 2025-01\n\nObama a reçu le premier adjoint du ministre, puis le roi du Maroc.",
        encoding="utf-8",
    )
    lib = Library.open(corpus, index_dir)
    lib.update()
    row = lib.search("Obama")[0]
    article = lib.article(row.id)
    assert article is not None
    for query in ('Obama -"premier ministre"', 'Obama AND NOT "premier ministre"', "Obama OR -Maroc"):
        assert row.id in {r.id for r in lib.search(query)}, query
        assert [article.text[s:e] for s, e in lib.match_offsets(query, article)] == ["Obama"], query
    assert [article.text[s:e] for s, e in lib.match_offsets("Obama OR NOT country:MA", article)] == ["Obama"]
    # Whoosh's ANDNOT leaves out what follows it too
    for query in ("Obama OR (Qatar ANDNOT Maroc)", "Obama OR (Qatar ANDNOT country:MA)"):
        assert row.id in {r.id for r in lib.search(query)}, query
        assert [article.text[s:e] for s, e in lib.match_offsets(query, article)] == ["Obama"], query
    assert "Maroc" in [article.text[s:e] for s, e in lib.match_offsets("Obama OR Maroc", article)]


def test_a_phrase_found_nowhere_shows_its_words() -> None:
    from tui_reader.search import StoredArticle
    from tui_reader.search.highlight import match_offsets

    text = "Le premier roi, puis le ministre."
    article = StoredArticle("a", "a.txt", 0, "", text, "", "fr", "", "", ())
    found = match_offsets(article, {}, phrases={("premier", "ministre")})
    assert [text[s:e] for s, e in found] == ["premier", "ministre"]
    found = match_offsets(article, {}, phrases={("premier", "roi")})
    assert [text[s:e] for s, e in found] == ["premier roi"]


def test_a_star_after_an_entity_filter_means_naming_any(library: Library) -> None:
    for query, one in (("org:*", "org:ONU"), ("country:*", "country:Maroc"), ("entity:*", "org:ONU")):
        results = library.search(query)
        assert results.fallback is None or "called" not in results.fallback, query
        found = {row.path for row in results}
        assert titles(library, one) <= found != set(), query
    assert titles(library, "country:*") | titles(library, "org:*") == titles(library, "entity:*")
    everything = titles(library, "")
    assert titles(library, "org:*") < everything or titles(library, "country:*") < everything


def test_star_colon_star_is_every_article_and_leaves_the_rest_of_the_query(library: Library) -> None:
    everything = titles(library, "")
    assert titles(library, "*:*") == everything
    assert titles(library, "zzzqqq *:*") == set()
    assert titles(library, "Maroc *:*") == titles(library, "Maroc") != everything
    assert titles(library, "country:*:*") == titles(library, "country:*") != everything
    assert titles(library, "Maroc x*:*") != everything


def test_a_language_filter_with_a_star_is_any_language(library: Library) -> None:
    results = library.search("lang:*")
    assert not results.fallback
    assert titles(library, "lang:*") == titles(library, "") == titles(library, "lang:*:*")


def test_a_filter_value_with_a_dash_or_a_colon_is_that_value(library: Library) -> None:
    # "date:-1" excludes no article holding "1"; "country:Maroc:x" has no filter "Maroc:" in it
    results = library.search("date:-1")
    assert list(results) == []
    assert (
        results.fallback
        == "'-1' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD): that filter matches nothing."
    )
    results = library.search("date:[-1 TO 2]")
    assert list(results) == []
    assert "'-1' is not a date" in (results.fallback or "")
    results = library.search("country:Maroc:x")
    assert list(results) == []
    assert results.fallback == "No country is called 'Maroc:x': that filter matches nothing."
