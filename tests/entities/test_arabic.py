"""Arabic names with a conjunction or a preposition written on them."""

from __future__ import annotations

from tui_reader.entities.arabic import with_proclitics
from tui_reader.entities.tagger import default_tagger


def test_names_with_a_proclitic_are_found_without_it() -> None:
    text = "وقال إن المغرب والجزائر وتونس بالمغرب وللأمم المتحدة"
    found = [(m.text, m.id) for m in default_tagger().tag(text, "ar")]
    assert found == [
        ("المغرب", "country:MA"),
        ("الجزائر", "country:DZ"),
        ("تونس", "country:TN"),
        ("المغرب", "country:MA"),
        ("لأمم المتحدة", "org:un"),  # ل + ال is written لل: the article's lam stays in the mention
    ]
    for m in default_tagger().tag(text, "ar"):
        assert text[m.start : m.end] == m.text


def test_the_spellings_of_a_name_with_its_proclitics() -> None:
    spellings = dict(with_proclitics("الجزائر"))
    assert spellings["والجزائر"] == 1 and spellings["بالجزائر"] == 1
    assert spellings["للجزائر"] == 1 and spellings["وللجزائر"] == 2
    assert "لالجزائر" not in spellings
    assert dict(with_proclitics("تونس"))["لتونس"] == 1


def test_a_word_that_only_starts_like_a_name_is_no_mention() -> None:
    # "وتونسي" (and Tunisian) is another word: names match whole words only
    assert [m.id for m in default_tagger().tag("قال مسؤول وتونسي", "ar")] == []
