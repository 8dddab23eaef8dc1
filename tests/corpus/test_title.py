"""Titles made from the first sentence: abbreviations, initials, numbers, shortening."""

from __future__ import annotations

import pytest

from tui_reader.corpus.title import TITLE_MAX_CHARS, first_sentence, make_title, shorten


@pytest.mark.parametrize(
    ("paragraph", "sentence"),
    [
        ("One. Two.", "One"),
        ("M. Dupont est arrivé à Rabat. Il repart demain.", "M. Dupont est arrivé à Rabat"),
        ("Mme. Durand et le Dr. Benali ont signé. Suite.", "Mme. Durand et le Dr. Benali ont signé"),
        ("The U.S. Treasury and the U.K. agreed. Then more.", "The U.S. Treasury and the U.K. agreed"),
        ("J. Vicente Resino à la Faculté de Philosophie", "J. Vicente Resino à la Faculté de Philosophie"),
        ("Growth reached 3.5 per cent in 2024. Next.", "Growth reached 3.5 per cent in 2024"),
        ("Il y en a. Le reste suit.", "Il y en a"),
        ("Fruits, légumes, etc. et le reste. Fin.", "Fruits, légumes, etc. et le reste"),
        ("Pourquoi ? Parce que.", "Pourquoi ?"),
        ("« C'est fini. » Il est parti.", "« C'est fini. »"),
        ("« C'est fini. » a-t-il dit. Puis rien.", "« C'est fini. » a-t-il dit"),
        ("Tout arrive... Enfin.", "Tout arrive..."),
        ("Headline without a full stop", "Headline without a full stop"),
        ("Ends with the U.S.", "Ends with the U.S."),
        ("أعلنت الأمم المتحدة عن برنامج. وقال متحدث.", "أعلنت الأمم المتحدة عن برنامج"),
    ],
)
def test_first_sentence(paragraph: str, sentence: str) -> None:
    assert first_sentence(paragraph) == sentence


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis() -> None:
    text = (
        "Le directeur général du pôle DGSN-DGST a effectué une visite de travail à Vienne, "
        "capitale de l'Autriche"
    )
    short = shorten(text, TITLE_MAX_CHARS)
    assert len(short) <= TITLE_MAX_CHARS and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "
    assert shorten("short", 100) == "short"
    assert shorten("x" * 300, 100) == "x" * 99 + "…"
    assert shorten("a" * 60 + ", " + "b" * 60, 100) == "a" * 60 + "…"


def test_make_title_prefers_the_given_title() -> None:
    assert make_title("  Given\n title\x1b[31m ", "Text. More.") == "Given title"
    assert make_title("", "First sentence. Second.\n\nOther paragraph.") == "First sentence"
    assert make_title(" \u200b ", "Text here.") == "Text here"
    assert make_title("", ".") == "."
    assert len(make_title("t" * 500, "x")) == 200
