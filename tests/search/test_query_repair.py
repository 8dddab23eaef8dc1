"""The query module on its own: spaces, long queries, repairing what is typed half-way, filters
that match nothing. No index: the parsed Whoosh queries are compared with each other."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.entities import default_registry
from tui_reader.search import query as query_module
from tui_reader.search.query import MAX_QUERY_CHARS, AliasIndex, ParsedQuery, parse_query
from tui_reader.search.query_repair import plain_words, repair_query


@cache
def aliases() -> AliasIndex:
    return AliasIndex(default_registry())


def parse(text: str) -> ParsedQuery:
    return parse_query(text, aliases())


def same_as(text: str, clean: str) -> ParsedQuery:
    """Parse `text`, check it searches exactly what `clean` searches, and return it."""
    parsed, expected = parse(text), parse(clean)
    assert expected.notes == [], expected.notes
    assert parsed.query == expected.query, (text, parsed.query, expected.query)
    return parsed


# -- 1. every kind of space is a space ---------------------------------------------------------


@pytest.mark.parametrize(
    "space", ["\t", "\n", "\r\n", "\u00a0", "\u202f", "\u2003", "\u3000", "\u2028", "\u2029", "\x0b", "\x85"]
)
def test_unicode_spaces_separate_words(space: str) -> None:
    parsed = same_as(f"Maroc{space}ONU", "Maroc ONU")
    assert parsed.notes == [] and parsed.text == "Maroc ONU"


def test_spaces_inside_phrases_filters_and_operators() -> None:
    same_as('"premier\u00a0ministre"', '"premier ministre"')
    same_as("Maroc\u00a0OR\tAlgérie", "Maroc OR Algérie")
    same_as("country:Maroc\u202flang:fr", "country:Maroc lang:fr")
    same_as("date:[2024\u00a0to\u00a02025]", "date:[2024 to 2025]")


def test_control_and_format_characters_are_dropped() -> None:
    same_as("Ma\u200broc", "Maroc")  # zero-width space
    same_as("\ufeffMaroc\x00\x1b", "Maroc")
    same_as("Ma\u00adroc", "Maroc")  # soft hyphen


def test_only_spaces_is_everything() -> None:
    assert parse("\u00a0\t\u2028").query is None


# -- 2. a long query is cut between words and says so ------------------------------------------


def test_long_query_is_cut_between_words_and_says_so() -> None:
    parsed = parse("Maroc " * 200)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert parsed.text.split() == ["Maroc"] * len(parsed.text.split())
    assert len(parsed.notes) == 1 and f"{MAX_QUERY_CHARS:,}" in parsed.notes[0]
    assert parse("Maroc Maroc").query == parse("Maroc").query  # and the words still find Maroc
    assert parsed.query == parse("Maroc").query


@pytest.mark.parametrize("operator", ["OR", "AND", "NOT"])
def test_long_query_never_ends_with_an_operator(operator: str) -> None:
    parsed = parse(f" {operator} ".join(["Maroc"] * 3000))
    assert parsed.text.split()[-1] == "Maroc"
    assert len(parsed.notes) == 1 and "characters" in parsed.notes[0]


def test_long_query_never_cuts_a_phrase_or_a_range() -> None:
    head = "Maroc " * 165  # 990 characters
    parsed = parse(head + '"premier ministre du Maroc" date:[2024 to 2025]')
    assert parsed.text == head.strip()
    parsed = parse(head + "x" * 30 + " date:[2024 to 2025]")
    assert parsed.text == head.strip()
    assert parsed.query == parse("Maroc").query


def test_long_query_closes_the_groups_it_cuts() -> None:
    parsed = parse("Qatar AND (" + " OR ".join(["Maroc"] * 500) + ")")
    assert parsed.text.endswith("Maroc")
    assert len(parsed.notes) == 1 and "characters" in parsed.notes[0]
    assert "Qatar" in str(parsed.query).title() and "maroc" in str(parsed.query)


def test_one_word_longer_than_the_limit() -> None:
    parsed = parse("x" * (MAX_QUERY_CHARS + 10))
    assert len(parsed.text) <= MAX_QUERY_CHARS and parsed.notes


def test_a_query_at_the_limit_is_not_cut() -> None:
    text = ("Maroc " * 200)[: MAX_QUERY_CHARS - 5] + "Maroc"
    text = text[:MAX_QUERY_CHARS]
    parsed = parse(text)
    assert parsed.text == text.strip()
    assert not any("characters" in note for note in parsed.notes)


# -- 3. a malformed query is repaired as it is meant -------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Maroc AND", "Maroc"),
        ("Maroc NOT", "Maroc"),
        ("Maroc OR", "Maroc"),
        ("Maroc AND NOT", "Maroc"),
        ("AND Maroc", "Maroc"),
        ("OR Maroc", "Maroc"),
        ("Maroc ANDNOT", "Maroc"),
        ("Maroc REQUIRE", "Maroc"),
        ("Maroc AND OR ONU", "Maroc ONU"),
        ("NOT AND Maroc", "Maroc"),
        ("country:Maroc (", "country:Maroc"),
        ("country:Maroc ((", "country:Maroc"),
        ("org:ONU AND NOT", "org:ONU"),
        ("lang:fr Maroc)", "lang:fr Maroc"),
        ("lang:fr Maroc", "lang:fr Maroc"),
        ("Maroc lang:", "Maroc"),
        ("Maroc country:", "Maroc"),
        ('Maroc org:""', "Maroc"),
        # a range without its date filter is no list of the words between two in the alphabet
        ("[Maroc TO Qatar]", "Maroc Qatar"),
        ("Obama [2012 TO 2014]", "Obama 2012 2014"),
        # a range is the date filter's only: with another field it is its words too
        ("title:[a TO z]", "a z"),
        ("Maroc text:{Iran TO Irak}", "Maroc Iran Irak"),
        # what stood between a word and "~2024" is dropped, and "~2024" with it: no "a~2024"
        ("a[]~2024", "a"),
        ('a"~2024', "a"),
        ('Maroc country:" "', "Maroc"),
        ("Maroc ) ONU", "Maroc ONU"),
        ("x AND (Maroc OR ONU", "x AND (Maroc OR ONU)"),
        ("(Maroc OR", "Maroc"),
        ("(Maroc OR)", "Maroc"),
        ("(AND Maroc)", "Maroc"),
        ('"premier ministre', "premier ministre"),
        ('"premier ministre" "Maroc', '"premier ministre" Maroc'),
        ('country:"Maroc', "country:Maroc"),
        ("date:[2024 to", "date:[2024 to]"),
        ("date:[2024 to 2025", "date:[2024 to 2025]"),
        ("date:[2024", "date:2024"),
        ("date:[ to 2024-05", "date:[to 2024-05]"),
        ("date:[to 2024-05", "date:[to 2024-05]"),
        ("Maroc [tomorrow", "Maroc tomorrow"),
        ("Maroc ] ONU", "Maroc ONU"),
        ('"Maroc (" ONU', '"Maroc (" ONU'),
        ("Maroc field:", "Maroc field"),
    ],
)
def test_half_typed_query_is_repaired_as_meant(typed: str, meant: str) -> None:
    parsed = same_as(typed, meant)
    if typed != meant:
        assert len(parsed.notes) == 1, parsed.notes
        assert parsed.notes[0].startswith("Searched"), parsed.notes


def test_repair_note_says_what_was_searched_and_why() -> None:
    (note,) = parse("org:ONU AND NOT").notes
    assert "'org:ONU'" in note and "operator" in note
    (note,) = parse("lang:fr Maroc)").notes
    assert "'lang:fr Maroc'" in note and "parenthesis" in note
    (note,) = parse('"premier ministre').notes
    assert "quote" in note
    (note,) = parse("Maroc lang:").notes
    assert "lang:" in note
    (note,) = parse('org:""').notes
    assert note == "Nothing left to search: 'org:\"\"' has no value."
    # a name that is no filter, with no value: its word, as "field:Maroc" searches its words
    (note,) = parse("Maroc field:").notes
    assert note == "Searched 'Maroc field' instead: 'field:' is no filter."
    # a filter given a range is left out, and the note names it
    (note,) = parse("country:[b]Foo[/b]").notes
    assert "'country:' takes no range, so it was left out" in note


def test_valid_queries_are_left_alone() -> None:
    for text in [
        "Maroc",
        "NOT Maroc",
        "Maroc NOT ONU",
        "(a OR b) c",
        '"a (b" c',
        "date:[2024 to]",
        "a OR NOT b",
    ]:
        assert parse(text).notes == [], text


def test_nothing_left_to_search_matches_nothing_and_says_so() -> None:
    for text in ["AND", "((((", "lang:", "NOT", "( ) AND"]:
        parsed = parse(text)
        assert parsed.query is not None and parsed.notes, text
        assert "nothing" in parsed.fallback.lower(), text


def test_plain_words_fallback_leaves_out_operators_and_field_names(monkeypatch: pytest.MonkeyPatch) -> None:
    whoosh_parser = query_module._parser()

    class FailsOnSyntax:
        def parse(self, text: str) -> Any:
            if ":" in text or "AND" in text:
                raise ValueError(text)
            return whoosh_parser.parse(text)

    monkeypatch.setattr(query_module, "_parser", FailsOnSyntax)
    parsed = parse("country:Maroc AND (ONU OR NOT Algérie date:[2024 to 2025]")
    assert parsed.query == parse("Maroc ONU Algérie").query
    (note,) = parsed.notes
    assert note.startswith("Searched the plain words instead: a parenthesis is not closed; ")
    assert note.endswith("the query could not be read as written.")
    assert "ValueError" not in note


def test_parentheses_nested_too_deep_are_said_in_words() -> None:
    parsed = parse("(" * 995 + "Maroc")
    assert parsed.query == parse("Maroc").query
    (note,) = parsed.notes
    assert "its parentheses are nested too deep to read" in note
    assert "Error" not in note


def test_plain_words() -> None:
    assert plain_words('country:Maroc AND NOT "premier ministre" date:[2024 to] l\'ONU') == (
        "Maroc premier ministre l ONU"
    )
    assert plain_words("Note: OR Lang:fr") == "Note fr"


# -- 4. filters that match nothing say so ------------------------------------------------------


@pytest.mark.parametrize("value", ["2025-02-30", "0000-00-00", "2025-13", "0000", "2023-02-29"])
def test_impossible_dates_say_so(value: str) -> None:
    parsed = parse(f"date:{value}")
    assert value in parsed.fallback and "date" in parsed.fallback


def test_leap_day_is_a_date() -> None:
    assert parse("date:2024-02-29").notes == []


def test_field_names_are_case_insensitive() -> None:
    same_as("DATE:2025", "date:2025")
    same_as("Country:Maroc", "country:Maroc")
    same_as("ORG:ONU", "org:ONU")
    same_as("Lang:fr", "lang:fr")
    same_as("Entity:Country:MA", "country:MA")
    same_as("Title:Maroc", "title:Maroc")


def test_reversed_date_range_is_swapped_and_says_so() -> None:
    parsed = parse("date:[2026 to 2024]")
    assert parsed.query == parse("date:[2024 to 2026]").query
    assert "2024" in parsed.fallback and "2026" in parsed.fallback
    assert parse("date:[2025-06 to 2025]").notes == []  # June to December: not reversed


def test_empty_or_unknown_language_says_so_without_an_index() -> None:
    assert parse("lang:").notes
    assert "zzzz" in parse("lang:zzzz").fallback
    assert parse("lang:fr").notes == []
    same_as("lang:français", "lang:fr")
    same_as("lang:FR", "lang:fr")


def test_fields_that_are_not_filters_say_so() -> None:
    assert "path" in parse("path:foo").fallback


QUERY_PARTS = st.sampled_from(
    list('abcé "()[]{}*?~:^-+!\\/\u00a0\t\u200b')
    + ["AND", "OR", "NOT", "ANDNOT", "REQUIRE", "date:", "DATE:", "lang:", "country:", "org:", " to ", "2024"]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(QUERY_PARTS, max_size=16).map("".join)))
def test_parse_never_raises_and_repairs_once(text: str) -> None:
    parsed = parse(text)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert not any(ch.isspace() and ch != " " for ch in parsed.text)
    if parsed.query is None:
        assert not parsed.text.strip()


@settings(max_examples=400, deadline=None)
@given(st.lists(QUERY_PARTS, max_size=16).map("".join))
@example(':"date:[]')  # a colon that is no filter's: the quote dropped joined it to "date:"
@example("AND:")  # a name that is no filter's and an operator: no word to search
@example("Maroc NOT: (field:)")
@example('date:"date:[ to ')  # a filter before another: the quote dropped joined the two
@example('*:*"')  # every article, then a quote: "*:*" is the lone star once the quote is gone
def test_a_repaired_query_needs_no_more_repair(text: str) -> None:
    repaired = repair_query(text, MAX_QUERY_CHARS)
    again = repair_query(repaired.text, MAX_QUERY_CHARS)
    assert again.problems == [] and again.text == repaired.text


@pytest.mark.parametrize("text", ["🙂", "+++", "🙂 ✓", "?", "?? !"])
def test_a_query_of_symbols_says_there_is_nothing_to_search(text: str) -> None:
    parsed = parse(text)
    assert parsed.notes == ["Nothing left to search: the query holds no word, only symbols or punctuation."]


@pytest.mark.parametrize("text", ["*ing", "*ing*"])
def test_a_word_starting_with_a_wildcard_says_what_to_type(text: str) -> None:
    (note,) = parse(text).notes
    assert note == f"A word cannot start with *: '{text}' searches nothing (type its first 3 letters)."


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("-Iran", "NOT Iran"),
        ("Qatar -Iran", "Qatar NOT Iran"),
        ('Qatar -"premier ministre"', 'Qatar NOT "premier ministre"'),
        ("Qatar -(Iran OR Oman)", "Qatar NOT (Iran OR Oman)"),
        # a dash inside a word or between spaces leaves nothing out
        ("Royaume-Uni", "Royaume-Uni"),
        ("Qatar - Iran", "Qatar - Iran"),
    ],
)
def test_a_dash_before_a_word_leaves_it_out(typed: str, text: str) -> None:
    assert repair_query(typed, 1000).text == text


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Maroc~10", "Maroc~2"),
        ("Maroc~25", "Maroc~2"),
        ("Maroc~-1", "Maroc~1"),
        ("Maroc~02", "Maroc~2"),
        ("Maroc~0", "Maroc"),
        ("Maroc~2.5", "Maroc~2"),
        ("Maroc~~", "Maroc~1"),
        ("Maroc~~2", "Maroc~2"),
        ("Maroc~0.5", "Maroc~1"),
    ],
)
def test_an_edit_distance_beyond_two_is_two_and_says_so(typed: str, meant: str) -> None:
    # "Maroc~10" read by the parser alone is "Maroc~1" and the word "0": fewer results, no note
    parsed = same_as(typed, meant)
    assert any("1 or 2 edits" in note for note in parsed.notes), parsed.notes
    assert parse("Maroc~2").notes == [] and parse("Maroc~").notes == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("~~~ OR Maroc", "Maroc"),
        ("Maroc OR ~~~", "Maroc"),
        ("Maroc ~2", "Maroc"),
        ("Maroc ~", "Maroc"),
        ('"premier ministre" ~2', '"premier ministre"'),
    ],
)
def test_a_tilde_with_no_word_before_it_is_left_out_and_says_so(typed: str, meant: str) -> None:
    # read as they are, "~~~" is an empty term that nothing matches and "~2" the word "2"
    parsed = same_as(typed, meant)
    assert any("a ~ goes right after a word" in note for note in parsed.notes), parsed.notes
    # right after a phrase, it is the phrase's slop
    assert repair_query('"premier ministre"~2', 1000).text == '"premier ministre"~2'


@pytest.mark.parametrize(
    ("typed", "meant", "quoted"),
    [
        ("country:Arabie saoudite", 'country:"Arabie saoudite"', 'country:"Arabie saoudite"'),
        ("org:Nations unies Maroc", 'org:"Nations unies" Maroc', 'org:"Nations unies"'),
        (
            "Maroc entity:Emirats arabes unis OR Qatar",
            'Maroc entity:"Emirats arabes unis" OR Qatar',
            'entity:"Emirats arabes unis"',
        ),
        # a second filter is read as well, whatever the first one is
        (
            "country:France country:Arabie saoudite",
            'country:France country:"Arabie saoudite"',
            'country:"Arabie saoudite"',
        ),
        (
            "country:Maroc OR country:Arabie saoudite",
            'country:Maroc OR country:"Arabie saoudite"',
            'country:"Arabie saoudite"',
        ),
    ],
)
def test_a_filter_name_of_several_words_without_quotes_is_that_name(
    typed: str, meant: str, quoted: str
) -> None:
    parsed = same_as(typed, meant)
    assert parsed.notes == [f"Searched {quoted}: a name of several words goes in quotes."]


def test_a_filter_whose_first_word_names_an_entity_keeps_the_words_after_it() -> None:
    # "Maroc" is a country: "police" is a word of the search
    assert same_as("country:Maroc police", "country:Maroc police").notes == []
    (note,) = parse("country:Arabie").notes
    assert note == "No country is called 'Arabie': that filter matches nothing."
