"""The entity registry: countries and organizations, every name they go by, read from `data/`.

The data are TSV files committed with the package (see `data/README.md`): `countries.tsv`
(generated from CLDR by `scripts/build_registry.py`), `organizations.tsv` (curated) and
`ambiguous.tsv` (aliases that collide with common words or other names, for the matcher's guards).
Loading them needs nothing but the standard library; `default_registry()` does it once per process.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tui_reader.entities.arabic import without_proclitic
from tui_reader.entities.compiled import by_fields
from tui_reader.entities.mention import Form, Kind

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_FILES = ("countries.tsv", "organizations.tsv", "ambiguous.tsv")
LANGS = ("en", "fr", "ar")
ORG_KINDS = frozenset(
    "un-body intergovernmental eu-institution government-body intelligence-security armed-group "
    "party company media ngo court sports other".split()
)
# The kinds of ambiguity `ambiguous.tsv` names. The first group makes a guard act (see
# `guards.py`); the others describe the collision for the reader of the data.
RISK_KINDS = frozenset(
    """
    caps-word first-name surname continent city-territory dependency building title event english
    french foreign after-name cantonal us-state sport-city portfolio
    word place language generic other-entity historical acronym named-state other
    """.split()
)
# The alias cell of an `ambiguous.tsv` row that speaks of every alias of its entity.
ENTITY_WIDE = "*"
_ID_PREFIXES: dict[str, Kind | None] = {
    "country": "country",
    "org": "organization",
    "organization": "organization",
    "organisation": "organization",
    "entity": None,
}


class RegistryError(Exception):
    """A registry data file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """One canonical entity."""

    id: str  # "country:MA" or "org:<slug>"
    kind: Kind
    name_en: str
    name_fr: str
    name_ar: str = ""
    org_kind: str = ""  # for organizations: "un-body", "intergovernmental", ... ("" for countries)
    country: str = ""  # ISO alpha-2 of a national organization, "" otherwise
    source: str = ""  # where the row's facts come from

    __reduce__ = by_fields

    def display_name(self, lang: str = "en") -> str:
        """The entity's name in `lang` ("en", "fr" or "ar"), falling back to English, then French."""
        name = {"en": self.name_en, "fr": self.name_fr, "ar": self.name_ar}.get(lang, "")
        return name or self.name_en or self.name_fr or self.id


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form that names an entity."""

    text: str  # as written in the data (original case and accents)
    entity_id: str
    form: Form  # "name", "acronym" or "demonym"
    lang: str = ""  # "fr", "en", "ar", or "" when the form is shared by several languages
    risk: str = ""  # why this alias is ambiguous (from ambiguous.tsv); "" when it is not
    # what kind of ambiguity it is (`RISK_KINDS`); the matcher's guards act on these
    risk_kinds: frozenset[str] = frozenset()

    __reduce__ = by_fields


_JOINERS = re.compile(r"[-/\u2010\u2011\u2013]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
# Combining marks (Latin diacritics, Arabic harakat): what "ignoring accents" removes after NFD.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def fold(text: str) -> str:
    """A lookup key: case, accents, apostrophe style, hyphens and spacing ignored."""
    if not text.isascii():
        text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
        text = unicodedata.normalize("NFD", text)
        text = _COMBINING.sub("", text)
    return " ".join(text.casefold().replace("-", " ").split())


def _is_arabic(text: str) -> bool:
    return not text.isascii() and _ARABIC.search(text) is not None


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a TSV file with a header; `#` lines and blank lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"cannot read {path}: {exc}") from exc
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise RegistryError(f"{path.name}: header {header}, expected {list(columns)}")
            continue
        if len(cells) != len(columns):
            raise RegistryError(f"{path.name}:{lineno}: {len(cells)} cells, expected {len(columns)}")
        rows.append(dict(zip(columns, (cell.strip() for cell in cells), strict=True)))
    return rows


def _row_aliases(row: dict[str, str], entity_id: str) -> Iterator[Alias]:
    """The aliases of one row, each text once: names, then aliases, acronyms and demonyms."""
    names: dict[str, list[str]] = {}
    for lang in LANGS:
        text = row.get(f"name_{lang}", "")
        if text:
            names.setdefault(text, []).append(lang)
    seen: set[str] = set()
    # a name in one language may be a demonym in another: French "Argentine", English "Argentine"
    name_langs: dict[str, str] = {}
    yielded: set[tuple[str, Form]] = set()
    for text, langs in names.items():
        seen.add(text)
        name_langs[text] = langs[0] if len(langs) == 1 else ""
        yield Alias(text, entity_id, "name", name_langs[text])
    columns: tuple[tuple[str, Form], ...] = (
        ("aliases", "name"),
        ("acronyms", "acronym"),
        ("demonyms", "demonym"),
    )
    for column, form in columns:
        for text in _split(row.get(column, "")):
            if _is_arabic(text):
                lang = "ar"
            elif form == "demonym":  # French demonyms are written lowercase, English capitalised
                lang = "fr" if text[:1].islower() else "en"
            else:
                lang = ""
            # a name in one language may be a demonym in another ("Argentine")
            other_language_name = form == "demonym" and name_langs.get(text, lang) not in ("", lang)
            if (text in seen and not other_language_name) or (text, form) in yielded:
                continue
            seen.add(text)
            yielded.add((text, form))
            yield Alias(text, entity_id, form, lang)


_PLAIN_ACRONYM = re.compile(r"[A-Z]{3,6}")


_INITIALS_SKIP = frozenset("de du des d l la le les et à au aux en pour sur".split())


def _french_initials(name: str) -> str:
    """The initials of a French name, skipping articles and prepositions ("Section française de
    l'Internationale ouvrière" -> "SFIO")."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0] for w in words if fold(w) not in _INITIALS_SKIP).upper()


def _spells(acronym: str, initials: str) -> bool:
    """Whether `acronym` is `initials`, or all but one of them in order, from the first
    ("SNCF" for the "SNCFF" of "Société nationale des chemins de fer français")."""
    if not initials or acronym[0] != initials[0] or len(initials) - len(acronym) not in (0, 1):
        return False
    rest = iter(initials)
    return all(letter in rest for letter in acronym)


def _dotted_acronyms(
    aliases: list[Alias], risky: set[str], french_names: dict[str, list[str]]
) -> list[Alias]:
    """The dotted spellings of French acronyms, as the French press long wrote them ("S.F.I.O.",
    "S. N. C. F." for "SFIO", "SNCF"): for an acronym of three to six capitals that spells the
    initials of one of its organization's names other than its English one (`_spells`), names
    one entity only, is not listed as ambiguous, and whose dotted forms name nothing else."""
    owners: dict[str, set[str]] = {}
    for alias in aliases:
        owners.setdefault(alias.text, set()).add(alias.entity_id)
    out: list[Alias] = []
    for alias in aliases:
        text = alias.text
        if (
            not alias.entity_id.startswith("org:")
            or alias.form == "demonym"
            or not _PLAIN_ACRONYM.fullmatch(text)
            or len(owners[text]) > 1
            or text in risky
            or not any(
                _spells(text, _french_initials(name)) for name in french_names.get(alias.entity_id, ())
            )
        ):
            continue
        for dotted in (".".join(text) + ".", ". ".join(text) + "."):
            if dotted not in owners:
                owners[dotted] = {alias.entity_id}
                out.append(Alias(dotted, alias.entity_id, "acronym", alias.lang))
    return out


# Acronyms whose word-like spelling is also a word or a name: "Bird" (BIRD, the World Bank's
# IBRD in French), "Isis", "Egis", "Scaf", "Asse", "Fida", "Wada", "Manul".
_WORDS_LIKE_ACRONYMS = frozenset("BIRD ISIS EGIS SCAF ASSE FIDA WADA MANUL".split())


def _word_like_acronyms(aliases: list[Alias], risky: set[str]) -> list[Alias]:
    """Organization acronyms of four letters or more spelled as a word, as the press writes those
    it pronounces as words ("l'Efsa", "the Unep", "le Medef", "Nato"): for an acronym of capitals
    only, of one entity, not listed as ambiguous, whose word-like spelling names nothing else
    and is no word or name (`_WORDS_LIKE_ACRONYMS`)."""
    owners: dict[str, set[str]] = {}
    for alias in aliases:
        owners.setdefault(alias.text.lower(), set()).add(alias.entity_id)
    out: list[Alias] = []
    for alias in aliases:
        text = alias.text
        if (
            alias.form != "acronym"
            or not alias.entity_id.startswith("org:")
            or len(text) < 4
            or not text.isalpha()
            or not text.isupper()
            or text in risky
            or text in _WORDS_LIKE_ACRONYMS
            or owners[text.lower()] != {alias.entity_id}
        ):
            continue
        spelled = text[0] + text[1:].lower()
        if not any(a.text == spelled for a in out):
            out.append(Alias(spelled, alias.entity_id, "acronym", alias.lang))
    return out


# The words that British and American English spell apart in organizations' names.
_SPELLINGS = {
    "Programme": "Program",
    "Organisation": "Organization",
    "Centre": "Center",
    "Defence": "Defense",
}
_SPELLINGS |= {american: british for british, american in _SPELLINGS.items()}
_FRENCH_WORDS = re.compile(r"\b(?:de|des|du|la|le|les|pour|et|sur|aux?)\b|\b[dl]['’]", re.IGNORECASE)


def _other_spellings(aliases: list[Alias], risky: set[str], national: set[str]) -> list[Alias]:
    """Organizations' English names in the other spelling, British or American ("United Nations
    Environment Program" for "... Programme", "World Health Organisation" for "...
    Organization"): for a name in plain ASCII with no French word in it (`_name_variants`). A
    national body's name only when it names its country ("Israel Defence Forces"): the other
    spelling of "Department of Defense" is another state's department."""
    countries = {alias.text for alias in aliases if alias.entity_id.startswith("country:")}

    def spelled(alias: Alias) -> str | None:
        text = alias.text
        if (
            alias.lang not in ("en", "")
            or not text.isascii()
            or _FRENCH_WORDS.search(text) is not None
            or (alias.entity_id in national and not _names_one_of(text, countries))
        ):
            return None
        return " ".join(_SPELLINGS.get(word, word) for word in text.split(" "))

    return _name_variants(aliases, risky, spelled)


_ARABIC_ARTICLE = re.compile(r"Al([- ])(?=[A-Z])")


def _lowercase_articles(aliases: list[Alias], risky: set[str]) -> list[Alias]:
    """Organizations' Arabic names with the article in lowercase, as English and French news
    often write it ("al-Jazeera", "al-Shabaab", "al Arabiya"), beside "Al-Jazeera"
    (`_name_variants`)."""
    return _name_variants(
        aliases, risky, lambda alias: "a" + alias.text[1:] if _ARABIC_ARTICLE.match(alias.text) else None
    )


def _name_variants(
    aliases: list[Alias], risky: set[str], variant: Callable[[Alias], str | None]
) -> list[Alias]:
    """Another form of organizations' names, `variant(alias)` (None for none), each added as a
    name of the same entity: for a name not listed as ambiguous whose other form names nothing
    else yet."""
    taken = {alias.text for alias in aliases}
    out: list[Alias] = []
    for alias in aliases:
        if alias.form != "name" or not alias.entity_id.startswith("org:") or alias.text in risky:
            continue
        other = variant(alias)
        if other is not None and other not in taken:
            taken.add(other)
            out.append(Alias(other, alias.entity_id, "name", alias.lang))
    return out


def _names_one_of(text: str, names: set[str]) -> bool:
    """Whether words of `text` (up to three in a row) are one of `names`."""
    words = text.split(" ")
    return any(" ".join(words[i : i + n]) in names for n in (1, 2, 3) for i in range(len(words)))


def _with_risk(
    alias: Alias,
    risks: dict[tuple[str, str], tuple[str, frozenset[str]]],
    entity_risks: dict[str, tuple[str, frozenset[str]]],
) -> Alias:
    """`alias` with what `ambiguous.tsv` says of it and of its whole entity."""
    found = [
        risk
        for risk in (risks.get((alias.text, alias.entity_id)), entity_risks.get(alias.entity_id))
        if risk is not None
    ]
    if not found:
        return alias
    why = "; ".join(risk[0] for risk in found)
    kinds = frozenset().union(*(risk[1] for risk in found))
    return Alias(alias.text, alias.entity_id, alias.form, alias.lang, why, kinds)


def data_version(data_dir: Path = DATA_DIR) -> str:
    """A short hash of the data files' bytes: it changes whenever the data change."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:12]


class EntityRegistry:
    """Canonical entities and every alias that names them."""

    def __init__(
        self,
        entities: Iterable[EntityInfo] = (),
        aliases: Iterable[Alias] = (),
        version: str | None = None,
    ) -> None:
        self._entities: dict[str, EntityInfo] = {entity.id: entity for entity in entities}
        self._aliases: tuple[Alias, ...] = tuple(aliases)
        if version is None:
            digest = hashlib.sha256(repr((list(self._entities.values()), self._aliases)).encode())
            version = digest.hexdigest()[:12]
        self.version = version  # the index re-extracts entities when it changes
        self._index: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> EntityRegistry:
        """Read the registry from the TSV files in `data_dir`."""
        entities: list[EntityInfo] = []
        aliases: list[Alias] = []
        risks: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}
        entity_risks: dict[str, tuple[str, frozenset[str]]] = {}
        for row in _read_tsv(data_dir / "ambiguous.tsv", ("alias", "entity_id", "risk", "why")):
            kinds = frozenset(_split(row["risk"]))
            unknown = kinds - RISK_KINDS
            if unknown or not kinds:
                raise RegistryError(
                    f"ambiguous.tsv: {row['alias']}: unknown risk {sorted(unknown) or row['risk']!r}"
                )
            if row["alias"] == ENTITY_WIDE:
                entity_risks[row["entity_id"]] = (row["why"], kinds)
            else:
                risks[(row["alias"], row["entity_id"])] = (row["why"], kinds)
        countries = _read_tsv(
            data_dir / "countries.tsv",
            ("id", "name_en", "name_fr", "name_ar", "aliases", "acronyms", "demonyms", "source"),
        )
        for row in countries:
            entities.append(
                EntityInfo(
                    row["id"], "country", row["name_en"], row["name_fr"], row["name_ar"], source=row["source"]
                )
            )
            aliases.extend(_row_aliases(row, row["id"]))
        organizations = _read_tsv(
            data_dir / "organizations.tsv",
            ("id", "kind", "country", "name_en", "name_fr", "name_ar", "aliases", "acronyms", "source"),
        )
        for row in organizations:
            if row["kind"] not in ORG_KINDS:
                raise RegistryError(f"organizations.tsv: {row['id']}: unknown kind {row['kind']!r}")
            entities.append(
                EntityInfo(
                    row["id"],
                    "organization",
                    row["name_en"],
                    row["name_fr"],
                    row["name_ar"],
                    org_kind=row["kind"],
                    country=row["country"],
                    source=row["source"],
                )
            )
            aliases.extend(_row_aliases(row, row["id"]))
        french_names: dict[str, list[str]] = {}
        for alias in aliases:
            if alias.form == "name" and alias.lang in ("fr", "") and alias.entity_id.startswith("org:"):
                french_names.setdefault(alias.entity_id, []).append(alias.text)
        risky = {alias for alias, _ in risks}
        aliases += _dotted_acronyms(aliases, risky, french_names)
        aliases += _word_like_acronyms(aliases, risky)
        national = {entity.id for entity in entities if entity.country}
        aliases += _other_spellings(aliases, risky, national)
        aliases += _lowercase_articles(aliases, risky)
        if risks or entity_risks:
            aliases = [_with_risk(a, risks, entity_risks) for a in aliases]
        return cls(entities, aliases, data_version(data_dir))

    def entities(self) -> Iterator[EntityInfo]:
        """Every canonical entity, countries first, in the data files' order."""
        return iter(self._entities.values())

    def aliases(self) -> Iterator[Alias]:
        """Every alias of every entity (names, acronyms, demonyms with their inflections)."""
        return iter(self._aliases)

    def entity(self, entity_id: str) -> EntityInfo | None:
        """The entity with this canonical id, if the registry has it."""
        return self._entities.get(entity_id)

    def ambiguous(self) -> Iterator[Alias]:
        """The aliases that need a guard: they collide with a word, a first name or a place."""
        return (alias for alias in self._aliases if alias.risk)

    def _alias_index(self) -> dict[str, list[str]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for alias in self._aliases:
                ids = index.setdefault(fold(alias.text), [])
                if alias.entity_id not in ids:
                    ids.append(alias.entity_id)
            self._index = index
        return self._index

    def _sorted(self, ids: Iterable[str]) -> list[str]:
        return sorted(set(ids), key=lambda i: (not i.startswith("country:"), i))

    def resolve(self, alias: str, kind: Kind | None = None) -> list[str]:
        """Canonical ids named by `alias` (an id, a bare code such as `MA` or `un`, or any name,
        acronym or demonym in any language; case and accents ignored).

        `country:Maroc`, `org:ONU` and `entity:UN` restrict the kind like `kind` does. An alias
        match wins over a bare code: `AU` is the African Union, `country:AU` is Australia.
        Countries come first, then organizations, each sorted by id.
        """
        text = alias.strip()
        prefix, colon, rest = text.partition(":")
        if colon and prefix.strip().casefold() in _ID_PREFIXES:
            wanted = _ID_PREFIXES[prefix.strip().casefold()]
            if kind is not None and wanted is not None and wanted != kind:
                return []
            kind = wanted or kind
            text = rest.strip()
        if not text:
            return []

        def fits(entity_id: str) -> bool:
            entity = self._entities.get(entity_id)
            return entity is not None and (kind is None or entity.kind == kind)

        found = self._resolve_one(text, fits)
        if found:
            return found
        for bare in without_proclitic(text):  # Arabic "بالمغرب" (in Morocco) is Morocco
            found = [i for i in self._alias_index().get(fold(bare), []) if fits(i)]
            if found:
                return self._sorted(found)
        # Names joined by a hyphen or a slash ("DGSN-DGST", "DGSN/DGST", "France-Allemagne")
        # name every entity they join, as the tagger reads them, when each part names one.
        parts = [part.strip() for part in _JOINERS.split(text)]
        if len(parts) < 2 or not all(parts):
            return []
        joined: list[str] = []
        for part in parts:
            ids = self._resolve_one(part, fits)
            if not ids:
                return []
            joined.extend(ids)
        return self._sorted(joined)

    def _resolve_one(self, text: str, fits: Callable[[str], bool]) -> list[str]:
        named = [i for i in self._alias_index().get(fold(text), []) if fits(i)]
        if named:
            return self._sorted(named)
        codes = [f"country:{text.upper()}", f"org:{text.casefold()}"]
        return [i for i in codes if fits(i)]


@cache
def default_registry() -> EntityRegistry:
    """The registry shipped with the package (loaded once per process)."""
    return EntityRegistry.load()
