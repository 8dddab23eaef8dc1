"""A corpus full of hostile files: each one is read or skipped with a reason, the rest of the corpus is
indexed, and two runs report the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.corpus import reasons
from tui_reader.search import Library
from tui_reader.search.indexer import update_index

GOOD = {
    "good/fr.txt": "date 2025-05 Le Qatar accueille une réunion régionale.",
    "good/en.md": "---\ntitle: Harbour brief\ndate: 2025-04\n---\nThe harbour reopened in Casablanca.\n",
    "good/many.jsonl": '{"title": "A", "date": "2025-01", "text": "Alpha harbour text."}\n'
    '{"title": "B", "text": "Beta harbour text."}\n',
}


def build_hostile_corpus(root: Path) -> None:
    for rel, text in GOOD.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    bad = root / "bad"
    bad.mkdir()
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (bad / "program.md").write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    (bad / "nul.txt").write_bytes(b"text\x00with\x00nuls" * 20)
    (bad / "invalid-utf8.txt").write_bytes(
        b"date 2025-01\n\n\xff\xfe\xfa\xfb invalid \xc3\x28 bytes \x80\x81"
    )
    (bad / "latin1.txt").write_bytes("date 2025-02\n\nLa sécurité à Genève, été.".encode("latin-1"))
    (bad / "cp1252.txt").write_bytes("date 2025-02\n\nL’œuvre « coûteuse » — déjà.".encode("cp1252"))
    (bad / "utf16.txt").write_bytes("date 2025-03\n\nUn texte en UTF-16 harbour.".encode("utf-16"))
    (bad / "bom.txt").write_bytes("date 2025-03\n\nUn texte avec BOM.".encode("utf-8-sig"))
    (bad / "empty.txt").write_bytes(b"")
    (bad / "header-only.txt").write_text("date 2025-05\n", encoding="utf-8")
    (bad / "huge.txt").write_bytes(b"date 2025-05\n\n" + b"word " * (30_000_000 // 5))
    (bad / "long-line.txt").write_text("date 2025-05\n\n" + "harbour " * 12_500, encoding="utf-8")
    deep = bad.joinpath(*[f"d{n}" for n in range(60)])
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text("date 2025-05\n\nDeep harbour brief.", encoding="utf-8")
    (bad / "loop").symlink_to(bad, target_is_directory=True)
    outside = root.parent / "outside.txt"
    outside.write_text("date 2025-05\n\nSecret outside the corpus.", encoding="utf-8")
    (bad / "outside-link.txt").symlink_to(outside)
    (bad / "lines.jsonl").write_text(
        '{"title": "ok", "text": "Good line harbour."}\n{broken\n{"text": 42}\n["a list"]\n', encoding="utf-8"
    )
    (bad / "front.md").write_text(
        "---\ntitle: [unclosed\n: : :\n---\nBody after bad YAML harbour.\n", "utf-8"
    )
    for n, date in enumerate(["2025-13", "0000", "hier"]):
        (bad / f"date{n}.txt").write_text(
            f"date {date}\n\nA brief with a bad date harbour.", encoding="utf-8"
        )
    (bad / "notes.docx").write_bytes(b"PK\x03\x04 not a corpus format")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    build_hostile_corpus(root)
    return root


def reasons_by_path(summary: object) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in summary.skipped:  # type: ignore[attr-defined]
        out.setdefault(s.path, []).append(s.reason)
    return out


def test_every_hostile_file_is_read_or_skipped_with_a_reason(corpus: Path, tmp_path: Path) -> None:
    first = update_index(corpus, tmp_path / "index")
    skipped = reasons_by_path(first)
    assert skipped["bad/image.txt"] == [reasons.BINARY]
    assert skipped["bad/program.md"] == [reasons.BINARY]
    assert skipped["bad/nul.txt"] == [reasons.BINARY]
    assert skipped["bad/empty.txt"] == [reasons.EMPTY]
    assert skipped["bad/header-only.txt"] == [reasons.EMPTY]
    assert skipped["bad/huge.txt"] == [reasons.too_large(20_000_000)]
    assert skipped["bad/outside-link.txt"] == [reasons.OUTSIDE]
    assert any("loop" in r or "same folder" in r for r in skipped["bad/loop"])
    assert skipped["bad/notes.docx"] == [reasons.unsupported(".docx")]
    assert len(skipped["bad/lines.jsonl"]) == 3  # one reason per broken line, the good line read
    assert any("front matter" in r for r in skipped["bad/front.md"])
    for path, why in skipped.items():
        assert all(why), path

    library = Library.open(corpus, tmp_path / "index")
    found = {row.path for row in library.search("harbour")}
    assert {"good/en.md", "good/many.jsonl", "bad/long-line.txt", "bad/lines.jsonl", "bad/front.md"} <= found
    assert "bad/utf16.txt" in found
    assert any(p.endswith("d59/deep.txt") for p in found)
    assert {"bad/date0.txt", "bad/date1.txt", "bad/date2.txt"} <= found
    assert not library.search("Secret")  # never read through the link that leaves the corpus
    latin = library.search("Genève")
    assert [row.path for row in latin] == ["bad/latin1.txt"]
    cp1252 = library.article(library.search("coûteuse")[0].id)
    assert cp1252 is not None and "L’œuvre « coûteuse » — déjà." in cp1252.text
    # Invalid UTF-8 is either read in the likeliest encoding or skipped as undecodable.
    assert [r.path for r in library.search("invalid")] == ["bad/invalid-utf8.txt"] or skipped.get(
        "bad/invalid-utf8.txt"
    ) == [reasons.UNDECODABLE]

    second = update_index(corpus, tmp_path / "index")
    assert second.nothing_to_do
    assert second.skipped == first.skipped


def test_a_file_that_vanishes_between_scan_and_read_is_reported(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_reader.search.indexer as indexer

    real = indexer.read_file

    def vanish_then_read(root: Path, relpath: str):  # type: ignore[no-untyped-def]
        if relpath == "good/fr.txt":
            os.unlink(root / relpath)
        return real(root, relpath)

    monkeypatch.setattr(indexer, "read_file", vanish_then_read)
    summary = update_index(corpus, tmp_path / "index")
    assert reasons_by_path(summary)["good/fr.txt"] == [reasons.VANISHED]
    assert summary.total_articles > 10


def test_a_file_dated_past_2262_is_indexed_and_read_again_when_it_changes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    future = corpus / "future.txt"
    future.write_text("date 2025-05\n\nLe Maroc et le port.", encoding="utf-8")
    (corpus / "today.txt").write_text("date 2025-05\n\nLe Maroc et la pêche.", encoding="utf-8")
    year_2300 = 10_413_792_000 * 10**9  # past the 64-bit nanoseconds the index stores
    os.utime(future, ns=(year_2300, year_2300))
    library = Library.open(corpus, tmp_path / "index")
    summary = library.update()
    assert summary.articles == 2
    assert library.search("Maroc").total == 2
    assert library.update().nothing_to_do
    future.write_text("date 2025-05\n\nLe Maroc et le Nord.", encoding="utf-8")  # the same size
    os.utime(future, ns=(year_2300 + 10**9, year_2300 + 10**9))
    library.update()
    assert library.search("Nord").total == 1


def test_a_word_written_with_a_ligature_is_found_by_its_letters(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pdf.txt").write_text("date 2025-05\n\nLa \ufb01nance du Maroc.", encoding="utf-8")
    (corpus / "plain.txt").write_text("date 2025-05\n\nLa finance de la Tunisie.", encoding="utf-8")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    assert library.search("finance").total == 2
    # a query pasted from a PDF, with the ligature
    assert library.search("\ufb01nance").total == 2
