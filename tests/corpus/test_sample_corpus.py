"""The sample corpus opened by default: every format, no skips, the entities it is meant to show."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO
from tui_reader.corpus import Article, Skipped, SourceFile, read_file, scan

CORPUS = REPO / "corpus"


def read_all(root: Path) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in scan(root):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        reading = read_file(root, item.path)
        articles += reading.articles
        skipped += reading.skipped
    return articles, skipped


def test_the_sample_corpus_reads_without_a_skip() -> None:
    articles, skipped = read_all(CORPUS)
    assert skipped == []
    assert 15 <= len(articles) <= 20
    assert (articles, skipped) == read_all(CORPUS)


def test_it_covers_every_format_and_not_its_readme() -> None:
    files = [item for item in scan(CORPUS) if isinstance(item, SourceFile)]
    assert {Path(f.path).suffix for f in files} == {".txt", ".md", ".jsonl", ".json"}
    assert "README.md" not in {f.path for f in files}
    assert all(f.size < 4096 for f in files)
    assert "not real news" in (CORPUS / "README.md").read_text(encoding="utf-8")


def test_its_articles() -> None:
    articles, _ = read_all(CORPUS)
    assert {a.lang for a in articles} == {"fr", "en", "ar"}
    assert all(a.date[:4] in {"2024", "2025"} for a in articles)
    assert all(a.title and 2 <= a.text.count("\n\n") + 1 <= 4 for a in articles)
    by_lang = {lang: " ".join(a.text for a in articles if a.lang == lang) for lang in ("fr", "en", "ar")}
    assert "Qatar" in by_lang["fr"] and "Qatar" in by_lang["en"]
    assert "Nations unies" in by_lang["fr"] and "United Nations" in by_lang["en"]
    assert "المغرب" in by_lang["ar"] and "الأمم المتحدة" in by_lang["ar"]
    for name in [
        "ONU",
        "OTAN",
        "UE",
        "FMI",
        "Daech",
        "État islamique",
        "Émirats arabes unis",
        "Maroc",
        "marocain",
        "Royaume-Uni",
        "Allemagne",
        "Sénégal",
        "Algérie",
        "Tunisie",
        "AIEA",
        "OMS",
    ]:
        assert name in by_lang["fr"], name
    for name in [
        "UN",
        "NATO",
        "EU",
        "IMF",
        "ISIS",
        "UAE",
        "Morocco",
        "Moroccan",
        "Britain",
        "Germany",
        "Senegal",
        "Interpol",
        "IAEA",
        "WHO",
    ]:
        assert name in by_lang["en"], name
    assert "Interpol" in by_lang["fr"] and "Europol" in by_lang["fr"]


def test_the_seed_quirks_are_in_it() -> None:
    raw = (CORPUS / "fr" / "2025-05-nations-unies-sahel.txt").read_text(encoding="utf-8")
    assert raw.startswith(" date 2025-05 Le ")
    raw = (CORPUS / "fr" / "2024-11-03-maroc-interpol.txt").read_text(encoding="utf-8")
    assert raw.startswith("date 2024-11-03\n")
