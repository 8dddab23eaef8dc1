"""Country names glued by OCR to the lowercase word after them."""

from __future__ import annotations

from tui_reader.entities.tagger import default_tagger


def test_a_country_glued_to_a_following_function_word() -> None:
    tagger = default_tagger()
    text = "Voir laChambre. On essaie au Japondes filets ; il a été convenu que la Pologneen aurait deux."
    found = [(m.text, m.id) for m in tagger.tag(text, "fr") if m.kind == "country"]
    assert found == [("Japon", "country:JP"), ("Pologne", "country:PL")]


def test_glued_words_need_other_glue_and_stay_words() -> None:
    tagger = default_tagger()
    # no other glued words in the text: "Japondes" is left alone
    assert [m for m in tagger.tag("On essaie au Japondes filets.", "fr") if m.kind == "country"] == []
    # "Malien" is a demonym, not "Mali" glued to "en"; English text is left alone
    text = "Voir laChambre. Un Malien est arrivé."
    assert [m for m in tagger.tag(text, "fr") if m.form == "name" and m.kind == "country"] == []
    assert [m for m in tagger.tag("See theSenate. Japondes", "en") if m.kind == "country"] == []
