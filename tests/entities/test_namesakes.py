"""The two Congos: the bare name and its people's name follow the places and leaders the article
names."""

from __future__ import annotations

import pytest

from tui_reader.entities import default_tagger


def ids(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in default_tagger().tag(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Congo's Felix Tshisekedi met rebels in Goma.", "en", [("Congo", "country:CD")]),
        ("Les Congolais de Kinshasa ont manifesté.", "fr", [("Congolais", "country:CD")]),
        (
            "Le procès a lieu à Brazzaville ; des avocats congolais défendent le Congo.",
            "fr",
            [("congolais", "country:CG"), ("Congo", "country:CG")],
        ),
        # Denis Sassou-Nguesso's Congo, beside Zaire in a list: each is itself
        (
            "Zaire, Congo and Mali came. Congo President Denis Sassou-Nguesso spoke.",
            "en",
            [
                ("Zaire", "country:CD"),
                ("Congo", "country:CG"),
                ("Mali", "country:ML"),
                ("Congo", "country:CG"),
            ],
        ),
    ],
)
def test_a_shared_name_is_the_state_whose_places_the_article_names(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert ids(text, lang) == expected


def test_a_shared_name_alone_keeps_the_registrys_link() -> None:
    assert ids("Le Congo a voté.", "fr") == [("Congo", "country:CG")]
    # the places of both: nothing to go by
    assert ids("Congo: talks in Kinshasa and Brazzaville.", "en") == [("Congo", "country:CG")]
