"""Language: from metadata, else detected; measured on real news when the data is there."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, need
from tui_reader.corpus import SourceFile, read_file, scan
from tui_reader.corpus.language import detect_language, language_tag


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le Conseil de sécurité des Nations unies a adopté mercredi une résolution sur le Sahel.", "fr"),
        ("L'ONU et l'Union européenne ont signé un accord avec le Maroc.", "fr"),
        ("The United Nations opened a conference on water security in Geneva on Tuesday.", "en"),
        ("أعلنت الأمم المتحدة والمغرب يوم الثلاثاء عن برنامج مشترك لدعم الزراعة المستدامة", "ar"),
        ("Die Bundesregierung hat am Mittwoch in Berlin einen neuen Plan für die Energie vorgestellt.", "de"),
        ("El Gobierno de España ha presentado este miércoles un plan para los puertos del sur.", "es"),
        ("وزارت امور خارجه ایران روز چهارشنبه از برگزاری گفتگوهای تازه در ژنو خبر داد و گفت", "fa"),
        ("Министерство иностранных дел сообщило в среду о новых переговорах", "und"),
        # short: two function words of one language and none of any other
        ("Brand new article about Tunisia and NATO added while running.", "en"),
        ("Nouvel accord de pêche avec le Maroc signé hier.", "fr"),
        ("Le Pen and the Front National", "und"),  # one of each: no telling
        # short: function words shared with other languages ("le", "la", "un"), and one that is
        # French only ("pour"), or Italian only ("per")
        ("Le Sénégal annonce un plan … pour la pêche artisanale.", "fr"),
        ("La pizza per il pranzo e la cena con gli amici", "it"),
        # a stock table of OCR: "de" and a misread "do" are no Portuguese
        ("Voitures de Paris 5 0/0... 518 .. do Docks de Saint-Ouen.... Gaz de Madrid (actions)", "und"),
        ("Nations unies", "und"),
        ("ONU OTAN UE FMI OMS", "und"),
        ("", "und"),
        ("12 345 678 90 12", "und"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr-CA", "fr"),
        ("en_GB", "en"),
        ("French", "fr"),
        ("anglais", "en"),
        ("ara", "ar"),
        ("und", None),
        ("", None),
        ("xx-\x1b[31m", None),
        ("français!", None),
        (12, None),
        (None, None),
    ],
)
def test_language_tag(value: object, tag: str | None) -> None:
    assert language_tag(value) == tag


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accuracy_on_real_news(lang: str) -> None:
    """A sample of news-wmt; `bench/language_eval.py` measures every file of both sets."""
    folder = need(DATA / "news-wmt" / lang)
    files = [item.path for item in scan(folder) if isinstance(item, SourceFile)][::4]
    detected = [a.lang for path in files for a in read_file(folder, path).articles]
    assert len(detected) == len(files) > 100
    assert detected.count(lang) / len(detected) >= 0.99
