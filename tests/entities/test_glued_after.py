"""Organization names that OCR glued to the function word after them ("au Sénatla permission")."""

from __future__ import annotations

import pytest

from tui_reader.entities.glue import glued_splits
from tui_reader.entities.tagger import Tagger, default_tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return default_tagger()


def names(tagger: Tagger, text: str) -> list[str]:
    return [m.text for m in tagger.tag(text, "fr") if m.kind == "organization"]


# "réservesLe", "laFrance": the text's OCR glues words elsewhere too
_GLUED = "Le Journal officiel publie ce matin la liste des réservesLe ministre a parlé de laFrance. "


def test_a_name_glued_to_the_word_after_it(tagger: Tagger) -> None:
    text = _GLUED + "Le tableau de la Légion d'honneurdes réserves. Pour l'honneur, dit-il."
    assert "Légion d'honneur" in names(tagger, text)
    text = _GLUED + "les combattants de l'Armée rougeet les artistes, en rouge et noir."
    assert "Armée rouge" in names(tagger, text)


def test_a_shorter_name_wins_over_the_glued_one(tagger: Tagger) -> None:
    text = _GLUED + "le retour à la Compagnie de l'Estdes chemins de fer, à l'Est."
    assert "Compagnie de l'Est" in names(tagger, text)
    assert not any("Estdes" in n for n in names(tagger, text))


def test_words_whose_first_part_the_text_lacks_stay_whole(tagger: Tagger) -> None:
    # "Lan", "européen" and "Mon" do not stand alone in the text
    text = _GLUED + "la Compagnie des Landes et l'Union européenne, selon le Monde."
    assert glued_splits(text) == []
    assert "Compagnie des Landes" in names(tagger, text)


def test_clean_text_is_left_alone(tagger: Tagger) -> None:
    # few glued words: the text is not read as glued by OCR
    text = "Les combattants de l'Armée rougeet les artistes, en rouge et noir, ont défilé hier soir."
    assert "Armée rouge" not in names(tagger, text)


def test_names_written_in_camel_case_are_no_glued_words() -> None:
    from tui_reader.entities.folding import TextKeys
    from tui_reader.entities.glue import glued_text, split_glued_words

    text = "McCain et McCain, puis YouTube et YouTube. McCain parle de l'honneur, et l'honneurdes gens. "
    keys = TextKeys.of(text)
    default_tagger().matcher.find(text, "fr", keys)  # the pass that counts the junctions
    assert glued_text(text, keys)  # as dense as OCR's...

    def tag(_apart: str) -> list:  # type: ignore[type-arg]
        raise AssertionError("tagged a second time")

    assert split_glued_words(text, keys, [], tag) == []  # ...but the junctions are the names'
