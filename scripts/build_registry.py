"""Rebuild the generated part of the entity registry: `tui_reader/entities/data/countries.tsv`.

Country names in English, French and Arabic come from CLDR through babel (base locales and their
regional variants, such as fr_CA or en_GB); `countries_curated.tsv` adds what CLDR lacks: official
long forms, press forms, acronyms and demonyms, and overrides a CLDR name where the press uses
another. `organizations.tsv` and `ambiguous.tsv` are curated by hand and not touched here.

    python scripts/build_registry.py [--out DIR]

babel is needed here only (`pip install babel`); the application reads the committed files.
The output depends only on the curated file and on babel's CLDR data, so running the script twice
gives the same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import babel
from babel.core import get_cldr_version
from babel.localedata import locale_identifiers

DATA_DIR = Path(__file__).resolve().parent.parent / "tui_reader" / "entities" / "data"
LANGS = ("en", "fr", "ar")
# CLDR territory codes that are not ISO 3166-1 entries (regions, groupings, reserved or private
# codes). Kosovo (XK) is not ISO 3166-1 either but is kept on purpose.
NON_COUNTRIES = frozenset("AC CP CQ DG EA EU EZ IC QO TA UN XA XB ZZ".split())
HEADER = ["id", "name_en", "name_fr", "name_ar", "aliases", "acronyms", "demonyms", "source"]
CURATED_HEADER = ["id", "name_en", "name_fr", "name_ar", "aliases", "acronyms", "demonyms", "drop"]
SEP = " | "


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def read_tsv(path: Path, header: list[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    found: list[str] | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if found is None:
            found = cells
            if found != header:
                sys.exit(f"{path}:{lineno}: header {found} != {header}")
            continue
        if len(cells) != len(header):
            sys.exit(f"{path}:{lineno}: {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def clean(name: str, lang: str) -> list[str]:
    """Usable forms of one CLDR name: the first is the main one, the others are variants."""
    name = name.replace("\u2019", "'").replace("\u2011", "-")
    # "R.A.S. chinoise de Hong Kong", "Hong Kong SAR China": the press says "Hong Kong".
    name = re.sub(r"^R\.A\.S\. chinoise de ", "", name)
    name = re.sub(r" SAR China$", "", name)
    # "Myanmar (Birmanie)", "Saint-Martin (partie néerlandaise)": the bracket is a gloss; the
    # curated file gives the forms worth keeping.
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = re.sub(r"\s+-\s+", "-", name)  # "Congo - Kinshasa"
    name = re.sub(r"\s+", " ", name).strip()
    if name[:1].islower():  # "îles Féroé", "la Réunion" start a sentence in a list
        name = name[:1].upper() + name[1:]
    forms = [name]
    if lang == "en" and "&" in name:
        forms = [name.replace("&", "and")]
    if lang == "en" and forms[0].startswith("St. "):
        forms.append("Saint " + forms[0][4:])
    return forms


def cldr_names() -> dict[str, dict[str, list[str]]]:
    """code -> lang -> forms, the base locale's name first, then regional variants in id order."""
    names: dict[str, dict[str, list[str]]] = {}
    identifiers = sorted(locale_identifiers())
    for lang in LANGS:
        variants = [i for i in identifiers if i.split("_")[0] == lang and i != lang]
        for ident in [lang, *variants]:
            locale = babel.Locale.parse(ident)
            if locale.script is not None:  # en_Dsrt, en_Shaw: other scripts
                continue
            for code, name in locale.territories.items():
                if len(code) != 2 or not code.isalpha() or code in NON_COUNTRIES:
                    continue
                forms = names.setdefault(code, {}).setdefault(lang, [])
                forms.extend(form for form in clean(name, lang) if form not in forms)
    return names


def source_of(curated: dict[str, str] | None) -> str:
    source = f"CLDR {get_cldr_version()} names (en, fr, ar and regional variants)"
    if curated is None:
        return source
    parts = []
    if curated["aliases"] or any(curated[f"name_{lang}"] for lang in LANGS):
        parts.append("official long forms (UN terminology) and press forms")
    if curated["acronyms"]:
        parts.append("acronyms")
    if curated["demonyms"]:
        parts.append("demonyms")
    return f"{source}; curated {', '.join(parts)}" if parts else source


def build(data_dir: Path) -> str:
    """The text of countries.tsv."""
    curated = {row["id"]: row for row in read_tsv(data_dir / "countries_curated.tsv", CURATED_HEADER)}
    cldr = cldr_names()
    ids = {f"country:{code}" for code in cldr}
    unknown = sorted(set(curated) - ids)
    if unknown:
        sys.exit(f"countries_curated.tsv: ids not in CLDR: {unknown}")
    lines = [
        f"# Generated by scripts/build_registry.py from CLDR {get_cldr_version()} "
        f"(babel {babel.__version__}) and countries_curated.tsv: edit those, not this file.",
        "\t".join(HEADER),
    ]
    for code in sorted(cldr):
        entity_id = f"country:{code}"
        row = curated.get(entity_id)
        drop = set(split_list(row["drop"])) if row else set()
        names = {}
        for lang in LANGS:
            override = row[f"name_{lang}"] if row else ""
            names[lang] = override or cldr[code][lang][0]
        cldr_forms = [form for lang in LANGS for form in cldr[code][lang]]
        extra = split_list(row["aliases"]) if row else []
        aliases = [
            form for form in unique([*cldr_forms, *extra]) if form not in drop and form not in names.values()
        ]
        cells = [
            entity_id,
            names["en"],
            names["fr"],
            names["ar"],
            SEP.join(aliases),
            SEP.join(split_list(row["acronyms"])) if row else "",
            SEP.join(split_list(row["demonyms"])) if row else "",
            source_of(row),
        ]
        if any("\t" in cell or "\n" in cell for cell in cells):
            sys.exit(f"{entity_id}: a cell holds a tab or a newline")
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA_DIR,
        help="folder holding countries_curated.tsv (default: the package's)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to write countries.tsv into (default: the --data folder)",
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out or args.data
    out_dir.mkdir(parents=True, exist_ok=True)
    text = build(args.data)
    (out_dir / "countries.tsv").write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {out_dir / 'countries.tsv'}: {text.count(chr(10)) - 2} countries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
