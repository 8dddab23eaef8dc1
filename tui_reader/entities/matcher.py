"""Finding registry aliases in text: Aho-Corasick over folded keys, then boundaries and case.

Every alias is folded the way the text is (`folding.match_keys`) and padded with one space on each
side; the text key is padded too and every non-word character in it is a space, so a raw match is
always a whole word sequence: the word-boundary test costs nothing. Acronyms are matched on the
case-kept key (they match case-exactly: "ONU" never matches "onu"), names and demonyms on the
lowercase key, then the case policy is checked on the original text. Overlaps are resolved by the
caller, after its guards, with `select_longest` (the tagger runs the same sweep on each group of
overlapping matches). The pass over the case-kept key also finds where words are glued together
(`TextKeys.junctions`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import ahocorasick_rs

from tui_reader.entities.arabic import is_arabic, with_proclitics
from tui_reader.entities.compiled import by_fields
from tui_reader.entities.folding import (
    TextKeys,
    fold,
    is_word_char,
    junction_pairs,
    key_of,
    str_key,
)
from tui_reader.entities.mention import Form, Kind
from tui_reader.entities.registry import Alias, EntityInfo

_NON_LATIN_BYTE = 0x1A
# Words glued together by OCR or by a lost line break ("laFrance", "87.303Belgique",
# "FranceAjoutons", "Luxembourg2.586") are looked for this far around each junction.
_GLUE_WINDOW = 64
# Aliases that are also words or people's names: glued to another word, they are those.
_GLUE_RISKS = frozenset(("word", "surname", "first-name", "caps-word"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One alias of one entity, as the matcher knows it."""

    text: str  # as written in the registry
    entity_id: str
    kind: Kind
    form: Form
    lang: str
    # punctuation that ends the alias ("." of "U.S."), part of the mention if present; a "+" must
    # be ("Canal+")
    trailing: str
    decisive: int  # index, from the match start, of the letter whose case decides, or -1
    lowercase_alias: bool  # the alias is written without capitals: a lowercase surface is fine
    org_kind: str = ""  # the registry's kind of organization ("media", "company", ...)
    country: str = ""  # the country code of a national organization ("" otherwise)
    risk: str = ""  # why the registry marks the alias ambiguous ("" when it is not)
    risk_kinds: frozenset[str] = frozenset()  # the kinds of that ambiguity (`RISK_KINDS`)
    article: int = 0  # length of a lowercase leading article ("the "): not part of the mention
    proclitic: int = 0  # length of an Arabic proclitic written on the name ("و" of "والجزائر")
    # A name read as several mentions: "EU Commission" as "EU" and "Commission" (annotators
    # split off a prefix that names another entity), "DGSN-DGST" as "DGSN" and "DGST" (two
    # entities joined). Each part: (start, end) from the match start, and its entry.
    parts: tuple[tuple[int, int, Entry], ...] = ()
    # an acronym joined by "&" ("S&P", "AT&T"): the key reads "&" as a space, the text must hold it
    ampersand: bool = False
    # the length of the common noun that opens a French body's name of three words or more, which
    # French may write in lowercase ("la chambre des représentants des États-Unis"); 0 otherwise
    lower_head: int = 0
    # a name that is one of its entity's acronyms written as a word ("Otan", "Onu"): in capitals,
    # the surface is that acronym, which the acronym's own entry matches
    acronym_twin: bool = False

    __reduce__ = by_fields


@dataclass(slots=True)
class Candidate:
    """A match that passed the boundary and case tests: `text[start:end]` names `entry`."""

    start: int
    end: int
    entry: Entry
    part: bool = False  # the second half of a split name ("Commission" of "EU Commission")

    @property
    def length(self) -> int:
        return self.end - self.start


_FORM_RANK = {"name": 0, "acronym": 1, "demonym": 2}


_ARTICLE = re.compile(r"(?:la|le|les|l|the)(?:\s+|['’])", re.IGNORECASE)


def _decisive_letter(text: str) -> int:
    """The letter whose case the name policy checks: the first letter, or, when the alias itself
    starts in lowercase ("al-Qaïda", "de Gaulle"), its first capital; -1 when nothing has case.
    A leading article does not count: "La Réunion" needs its R, not its L."""
    article = _ARTICLE.match(text)
    if article and article.end() < len(text) and text[article.end()].isupper():
        return article.end()
    # the first capital, else the first lowercase letter; -1 for a script without case (Arabic):
    # nothing to check
    for i, ch in enumerate(text):
        if ch.isupper():
            return i
    for i, ch in enumerate(text):
        if ch.islower():
            return i
    return -1


def _capitals_only(name: str) -> bool:
    """Whether a name is written like an acronym ("RT", "RAID", "ETA"): matched in capitals only,
    as acronyms are, or "Rt", "Raid" and "Eta" would name them; a registry that writes the name
    otherwise too ("Fifa", "Ikea") lists that spelling as well."""
    return len(name) <= 4 and name.isalpha() and name.isupper()


def _trailing_punctuation(text: str) -> str:
    end = len(text)
    while end > 0 and not is_word_char(text[end - 1]) and not text[end - 1].isspace():
        end -= 1
    return text[end:]


_LEADING_ARTICLE = re.compile(r"(?:the|le|la|les)\s+(?=\S)", re.IGNORECASE)


def _entry(alias: Alias, text: str, info: EntityInfo) -> Entry:
    decisive = _decisive_letter(text)
    article = _LEADING_ARTICLE.match(text)
    return Entry(
        text=text,
        entity_id=alias.entity_id,
        kind=info.kind,
        form=alias.form,
        lang=alias.lang,
        trailing=_trailing_punctuation(text),
        decisive=decisive - _lead(text) if decisive >= 0 else -1,
        lowercase_alias=decisive >= 0 and text[decisive].islower(),
        org_kind=info.org_kind,
        country=info.country,
        risk=alias.risk,
        risk_kinds=alias.risk_kinds,
        article=article.end() if article else 0,
        ampersand=alias.form == "acronym" and "&" in text,
        lower_head=_lower_head(text, info.kind, alias.form, decisive),
    )


# Common nouns that open the names of bodies, which French writes in lowercase as often as not;
# not those of firms, which describe as often as they name ("la première banque du Japon").
_FR_BODY_NOUNS = frozenset(
    fold(w)
    for w in """
    agence alliance armée assemblée autorité bureau centre chambre comité commission confédération
    congrès conseil cour département direction fédération fondation fonds force forces front garde
    gouvernement haut-commissariat institut ligue ministère mission mouvement office organisation
    parlement parti police secrétariat service services syndicat tribunal union
    """.split()
)


def _lower_head(text: str, kind: str, form: str, decisive: int) -> int:
    """`Entry.lower_head` for an alias: the length of its first word when it is the common noun
    of a body's name of three words or more that holds another capital (a proper noun: the
    name is specific, "Chambre des représentants des États-Unis", not "Cour de cassation")."""
    if kind != "organization" or form != "name" or decisive != 0:
        return 0
    if text.count(" ") + text.count("'") < 2:  # "Département d'État" has three words
        return 0
    head = text.split(" ", 1)[0]
    if fold(head).lower() not in _FR_BODY_NOUNS or not any(ch.isupper() for ch in text[len(head) :]):
        return 0
    return len(head)


# Common nouns that follow a name without being part of it: "Reuters news agency", "Houthi
# rebels", "Sicilian mafia" keeps its noun (no shorter alias of the same entity).
_DESCRIPTORS = frozenset(
    """
    news agency rebels rebel militia militias militants fighters insurgents group movement
    newspaper daily weekly magazine network channel broadcaster agence presse quotidien
    hebdomadaire rebelles milice groupe mouvement
    """.split()
)


def _without_descriptors(entries: list[Entry]) -> list[Entry]:
    """Drop aliases that are another alias of the same entity followed by common nouns
    ("Reuters news agency", "Houthi rebels"): the name is the capitalised part, and matching it
    alone gives the span annotators and readers expect. Unless the nouns are capitalised and
    that alias needs a guard ("ABC", a word): "ABC News" is then the safe way to name the body."""
    names = {(fold(e.text), e.entity_id) for e in entries}
    risky = {(fold(e.text), e.entity_id) for e in entries if e.risk_kinds}
    kept: list[Entry] = []
    for entry in entries:
        words = entry.text.split()
        while len(words) > 1 and fold(words[-1]) in _DESCRIPTORS:
            words.pop()
        shorter = " ".join(words)
        if shorter != entry.text and (fold(shorter), entry.entity_id) in names:
            nouns = entry.text[len(shorter) :].split()
            if not ((fold(shorter), entry.entity_id) in risky and all(w[:1].isupper() for w in nouns)):
                continue
        kept.append(entry)
    return kept


# Kinds of organizations whose name brands other bodies too: a group's subsidiaries and teams.
BRAND_KINDS = frozenset(("company", "media", "sports"))


def _with_splits(entries: list[Entry]) -> list[Entry]:
    """Mark the names that are read as several mentions (see `Entry.parts`): organization names
    that open with another entity's acronym ("EU Commission", "UN Security Council"), and names
    that join two other entities' acronyms with a hyphen ("DGSN-DGST", "DGSN/DGST"). A demonym
    stays inside the name ("German Aerospace Center")."""
    singles: dict[str, Entry] = {}
    for e in entries:
        if e.form in ("acronym", "demonym") and not any(c in e.text for c in " -/"):
            singles.setdefault(e.text, e)
    out: list[Entry] = []
    for entry in entries:
        head, sep, rest = entry.text.partition(" ")
        prefix = singles.get(head)
        if (
            entry.kind == "organization"
            and entry.form == "name"
            and rest
            and prefix is not None
            and prefix.form == "acronym"
            and prefix.entity_id != entry.entity_id
            and rest[:1].isupper()
            # a brand's name is one: "USA Today", "U.S. Steel", "SS Lazio"
            and entry.org_kind not in BRAND_KINDS
        ):
            size = len(head)
            entry = replace(entry, parts=((0, size, prefix), (size + 1, len(entry.text), entry)))
        else:
            left, sep, right = entry.text.replace("/", "-").partition("-")
            first, second = singles.get(left), singles.get(right)
            if (
                sep
                and entry.form != "acronym"  # "AP-HP" is the Paris hospitals, not AP and HP
                and first is not None
                and second is not None
                and first.form == second.form == "acronym"
                and entry.entity_id not in (first.entity_id, second.entity_id)
            ):
                size = len(left)
                entry = replace(entry, parts=((0, size, first), (size + 1, len(entry.text), second)))
        out.append(entry)
    return out


class _Automaton:
    """Aho-Corasick over padded keys, each key naming one or more entries.

    `extra` patterns come after the keys, numbered from `len(self.patterns)` on; they name no
    entry.
    """

    def __init__(self, keyed: dict[Any, list[Entry]], *, is_bytes: bool, extra: Sequence[bytes] = ()) -> None:
        self.patterns = list(keyed)
        self.entries = [keyed[p] for p in self.patterns]
        self._is_bytes = is_bytes
        self._extra = list(extra)
        self._ac: Any = self._compile()

    def _compile(self) -> Any:
        if not self.patterns and not self._extra:
            return None
        kind = ahocorasick_rs.MatchKind.Standard
        if self._is_bytes:
            # a DFA scans the keys of news text fastest (measured against both NFAs)
            return ahocorasick_rs.BytesAhoCorasick(
                [*self.patterns, *self._extra],
                matchkind=kind,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
        return ahocorasick_rs.AhoCorasick(self.patterns, matchkind=kind)

    def __getstate__(self) -> dict[str, Any]:
        # the compiled automaton does not pickle; it is built again from the patterns
        return {**self.__dict__, "_ac": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._ac = self._compile()

    def find(self, haystack: Any) -> list[tuple[int, int, int]]:
        if self._ac is None:
            return []
        found: list[tuple[int, int, int]] = self._ac.find_matches_as_indexes(haystack, overlapping=True)
        return found


def _with_acronym_twins(entries: list[Entry]) -> list[Entry]:
    """Mark the names that are their entity's acronym written as a word (`Entry.acronym_twin`)."""
    acronyms = {(e.text, e.entity_id) for e in entries if e.form == "acronym"}
    return [
        replace(e, acronym_twin=True)
        if e.form == "name" and not e.text.isupper() and (e.text.upper(), e.entity_id) in acronyms
        else e
        for e in entries
    ]


def _plain(entry: Entry) -> bool:
    return (
        not entry.trailing
        and not entry.article
        and not entry.parts
        and not entry.ampersand
        and not entry.acronym_twin
        and not _word_like_acronym(entry)
    )


def _word_like_acronym(entry: Entry) -> bool:
    """An acronym spelled as a word ("Unesco", "Nato"): letters the key folds ("Čeps") are no
    spelling of it."""
    return entry.form == "acronym" and not entry.text.isupper()


def _split_plain(entries: list[Entry], lower: bool) -> tuple[list[Any], list[Entry]]:
    """`(plain, [])` when every entry needs no more than the case policy (with the index of
    its decisive letter on the lowercase automaton), `([], entries)` otherwise."""
    if any(not _plain(e) or (e.form == "acronym") == lower for e in entries):
        return [], entries
    if lower:
        return [(e, e.decisive) for e in entries], []
    return list(entries), []


class AliasMatcher:
    """Every alias of a registry, compiled once; `find(text)` gives the candidates in a text."""

    def __init__(
        self,
        aliases: Iterable[Alias],
        entities: Iterable[EntityInfo],
        markers: Iterable[str] = (),
        case_markers: Sequence[bytes] = (),
    ) -> None:
        """`markers` are words counted while matching (`TextKeys.markers`), for context tests
        that would otherwise need a pass of their own over the text. `case_markers` are padded
        case-kept keys found on the same pass (`TextKeys.case_markers`: the rules' head nouns)."""
        infos = {info.id: info for info in entities}
        entries: list[Entry] = []
        seen: set[tuple[str, str, str]] = set()
        for alias in aliases:
            info = infos.get(alias.entity_id)
            text = alias.text.strip()
            if info is None or not text or (text, alias.entity_id, alias.form) in seen:
                continue
            seen.add((text, alias.entity_id, alias.form))
            entries.append(_entry(alias, text, info))
        entries = _without_descriptors(entries)
        entries = _with_splits(entries)
        entries = _with_acronym_twins(entries)

        case_keys: dict[bytes, list[Entry]] = {}
        lower_keys: dict[bytes, list[Entry]] = {}
        other_keys: dict[str, list[Entry]] = {}
        for entry in entries:
            keep_case = entry.form == "acronym" or _capitals_only(entry.text)
            key = key_of(entry.text, keep_case=keep_case).strip(b" ")
            if not key:
                continue
            if _NON_LATIN_BYTE in key:
                skey = " " + str_key(entry.text).strip() + " "
                other_keys.setdefault(skey, []).append(entry)
                if entry.form != "acronym" and is_arabic(entry.text):
                    # one entry per proclitic length, shared by its spellings (and by the cache)
                    with_length = {n: replace(entry, proclitic=n) for n in (1, 2)}
                    for spelling, length in with_proclitics(entry.text):
                        pkey = " " + str_key(spelling).strip() + " "
                        other_keys.setdefault(pkey, []).append(with_length[length])
                continue
            table = case_keys if keep_case else lower_keys
            table.setdefault(b" " + key + b" ", []).append(entry)
        for table_entries in (*case_keys.values(), *lower_keys.values(), *other_keys.values()):
            table_entries.sort(key=lambda e: (_FORM_RANK[e.form], e.entity_id))
        marker_keys = {b" " + key_of(w, keep_case=False).strip(b" ") + b" " for w in markers}
        for key in marker_keys:
            lower_keys.setdefault(key, [])
        for key in case_markers:
            case_keys.setdefault(key, [])
        # When every pattern starts with a space, the automaton's prefilter stops at every space
        # of the text and costs more than it saves; patterns that start with letters turn it
        # off. On the case key these are the junction pairs, which the pass then finds for
        # `TextKeys.junctions`; on the lowercase key, pairs that never occur (byte 1 is never
        # part of a key).
        pairs = junction_pairs()
        self._case = _Automaton(case_keys, is_bytes=True, extra=list(pairs))
        self._lower = _Automaton(lower_keys, is_bytes=True, extra=[bytes((ch, 1)) for ch in b"aeio"])
        self._junction_kinds = list(pairs.values())
        self._markers: list[bytes | None] = [p if p in marker_keys else None for p in self._lower.patterns]
        # pattern number in the case automaton -> number in `case_markers` (-1: not a marker)
        marker_index = {key: i for i, key in enumerate(case_markers)}
        self._case_markers = [marker_index.get(p, -1) for p in self._case.patterns]
        self._other_keys = other_keys
        # per pattern: the entries that need no more than the case policy (with the index of
        # their decisive letter, for the lowercase automaton), and the others; on the lowercase
        # automaton, first the marker word the pattern is (or None)
        self._case_plain = [_split_plain(entries, False) for entries in self._case.entries]
        self._lower_plain = [
            (marker, *_split_plain(entries, True))
            for marker, entries in zip(self._markers, self._lower.entries, strict=True)
        ]
        self._other: _Automaton | None = None
        self.size = len(entries)

    def _other_automaton(self) -> _Automaton:
        if self._other is None:
            self._other = _Automaton(self._other_keys, is_bytes=False)
        return self._other

    def _glued(self, keys: TextKeys) -> list[tuple[int, int, Entry]]:
        """Names glued to the word before them (countries and organizations: "enRussie",
        "auSénat") or after them (countries: "FranceAjoutons"), by OCR or lost line breaks.

        Only a change from lowercase (or a digit) to a capital marks the junction, so this never
        finds a name inside an ordinary word.
        """
        found: list[tuple[int, int, Entry]] = []
        lower = keys.lower
        # padded index of the first character after each junction
        glued_starts, glued_ends = keys.junctions
        if not glued_starts and not glued_ends:
            return found
        joints = sorted(set(glued_starts) | set(glued_ends))
        starts = set(glued_starts)
        for i, p in enumerate(joints):
            nxt = joints[i + 1] if i + 1 < len(joints) else len(lower)
            prev = joints[i - 1] if i > 0 else 0
            if p in starts:  # a name may start here: "enRussie", "laFranceAjoutons"
                window = b" " + lower[p : min(nxt, p + _GLUE_WINDOW)] + b" "
                for index, start, end in self._lower.find(window):
                    if start == 0:
                        found.extend(
                            (p - 1, p - 1 + end - 2, entry)
                            for entry in self._lower.entries[index]
                            if entry.form == "name"
                            and not entry.lowercase_alias
                            and entry.risk_kinds.isdisjoint(_GLUE_RISKS)
                        )
            # a name may end here: "EspagneMme", "Luxembourg2.586"
            origin = max(prev, p - _GLUE_WINDOW)
            window = b" " + lower[origin:p] + b" "
            for index, start, end in self._lower.find(window):
                if end == len(window) and (start > 0 or origin == prev):
                    found.extend(
                        (origin + start - 1, origin + end - 3, entry)
                        for entry in self._lower.entries[index]
                        if entry.kind == "country" and entry.form == "name"
                    )
        return found

    def find(self, text: str, lang: str = "und", keys: TextKeys | None = None) -> list[Candidate]:
        """Occurrences at word boundaries that pass the case policy, overlapping, unsorted."""
        if keys is None:
            keys = TextKeys.of(text)
        out: list[Candidate] = []
        append = out.append
        # acronyms: matched case-exactly, nothing more to check for the plain ones
        case_plain = self._case_plain
        case_markers = self._case_markers
        heads: list[tuple[int, int, int]] = []
        count = len(case_plain)
        kinds = self._junction_kinds
        glued_starts: list[int] = []
        glued_ends: list[int] = []
        for index, start, end in self._case.find(keys.case):
            if index >= count:
                word_starts, word_ends = kinds[index - count]
                if word_starts:
                    glued_starts.append(start + 1)
                if word_ends:
                    glued_ends.append(start + 1)
                continue
            marker = case_markers[index]
            if marker >= 0:
                heads.append((marker, start, end))
            plain, others = case_plain[index]
            for entry in plain:
                append(Candidate(start, end - 2, entry))
            for entry in others:
                self._check(text, lang, start, end - 2, entry, out)
        keys.case_markers = heads
        keys.junctions = (glued_starts, glued_ends)
        # names and demonyms: the plain ones need only their decisive letter in capitals
        markers: list[tuple[bytes, int]] = []
        plain_text = text.isascii()
        lower_plain = self._lower_plain
        for index, start, end in self._lower.find(keys.lower):
            word, plain, others = lower_plain[index]
            if word is not None:
                markers.append((word, start))
            stop = end - 2
            for entry, decisive in plain:
                if decisive < 0:
                    append(Candidate(start, stop, entry))
                    continue
                at = start + decisive
                if at < stop:
                    ch = text[at]
                    if ch.isupper() and ch.isalpha():
                        # (a demonym with an accent it lacks is another word: see `case_policy`)
                        if (
                            plain_text
                            or entry.form != "demonym"
                            or not _accented_apart(text[start:stop], entry.text)
                        ):
                            append(Candidate(start, stop, entry))
                        continue
                if case_policy(text, start, stop, entry, lang):
                    append(Candidate(start, stop, entry))
            for entry in others:
                self._check(text, lang, start, stop, entry, out)
        keys.markers = markers
        for start, end, entry in self._glued(keys):
            self._check(text, lang, start, end, entry, out)
        if keys.non_latin and self._other_keys:
            other = self._other_automaton()
            padded_str = " " + str_key(text) + " "
            for index, start, end in other.find(padded_str):
                for entry in other.entries[index]:
                    self._check(text, lang, start, end - 2, entry, out)
        return out

    @staticmethod
    def _check(text: str, lang: str, start: int, end: int, entry: Entry, out: list[Candidate]) -> None:
        """Append the candidates of one raw occurrence to `out` when it passes the case policy."""
        if entry.form != "acronym" and not case_policy(text, start, end, entry, lang):
            return
        if _word_like_acronym(entry) and text[start:end] != entry.text:
            return  # "Čeps" (the Czech grid) is no "Ceps" (CEPS)
        if entry.acronym_twin and text[start:end].isupper():
            return  # "OTAN": the acronym, not the name "Otan"
        if entry.ampersand and "&" not in text[start:end]:
            return  # "S.P" or "AT T" is no "S&P" or "AT&T"
        if entry.trailing and text.startswith(entry.trailing, end):
            end += len(entry.trailing)
        elif "+" in entry.trailing:
            return  # a sign that is part of the name: "Canal" is no "Canal+"
        if entry.article and text[start].islower():
            start += entry.article
        start += entry.proclitic
        if entry.parts and all(
            part.form != "acronym" or text[start + s : start + e] == part.text for s, e, part in entry.parts
        ):
            for s, e, part in entry.parts:
                stop = end if part is entry else start + e
                if part.form != "acronym" and not text[start + s : start + s + 1].isupper():
                    continue  # "the EU parliament": the institution is not named
                out.append(Candidate(start + s, stop, part, part=part is entry))
            return
        out.append(Candidate(start, end, entry))


def case_policy(text: str, start: int, end: int, entry: Entry, lang: str = "und") -> bool:
    """Whether `text[start:end]` is written the way `entry`'s form requires.

    Acronyms were matched case-exactly already. Names need their decisive letter in capitals (the
    first one; "Arabie saoudite" and "Arabie Saoudite" both pass) unless the registry writes the
    alias in lowercase. Demonyms written in lowercase (French: "les diplomates marocains") may be
    lowercase except in English text; capitalised ones ("Moroccan") need their capital. A word
    with an accent where the demonym has none is another word, a name in most cases ("Ahmet
    Türk" is no "Turk"), while a name may carry accents its alias lacks ("Perú").
    """
    if entry.form == "acronym":
        return True
    if entry.form == "demonym" and _accented_apart(text[start:end], entry.text):
        return False
    index = entry.decisive
    if index < 0:
        return True
    if start + index >= end:
        return False
    ch = text[start + index]
    if not ch.isalpha():
        return False
    if ch.isupper():
        return True
    if entry.lower_head and ch.islower() and lang != "en":
        # "la chambre des représentants des États-Unis": the proper noun keeps its capital
        return any(c.isupper() for c in text[start + entry.lower_head : end])
    if not (entry.lowercase_alias and ch.islower()):
        return False
    # a demonym written in lowercase is French ("marocains"); English ones take capitals
    return entry.form != "demonym" or lang != "en"


def _accented_apart(surface: str, alias: str) -> bool:
    """Whether `surface` has an accented letter where `alias` has a plain one."""
    if surface.isascii():
        return False
    return any(a.isascii() and not t.isascii() and t.isalpha() for a, t in zip(alias, surface, strict=False))


def _lead(text: str) -> int:
    i = 0
    while i < len(text) and not is_word_char(text[i]):
        i += 1
    return i


def select_longest(
    candidates: Sequence[Candidate],
    rank: Callable[[Candidate], Any] | None = None,
    accept: Callable[[Candidate], bool] | None = None,
) -> list[Candidate]:
    """Non-overlapping candidates, longest first; ties broken by `rank(candidate)` (lower wins),
    then by position. Sorted by start.

    `accept` (the guards) is asked only about a candidate that would be kept otherwise; one it
    refuses is dropped as if it had never matched, so the result is the same as filtering first.
    """
    if rank is None:
        order = [(c.start - c.end, 0, c.start, i) for i, c in enumerate(candidates)]
    else:
        order = [(c.start - c.end, rank(c), c.start, i) for i, c in enumerate(candidates)]
    return sweep_longest(candidates, order, accept)


def sweep_longest(
    candidates: Sequence[Candidate],
    order: list[tuple[Any, ...]],
    accept: Callable[[Candidate], bool] | None = None,
) -> list[Candidate]:
    """`select_longest` with the sort keys given: `order[i]` is the key of `candidates[i]` and
    ends with `i`."""
    if not candidates:
        return []
    order.sort()
    size = max(c.end for c in candidates) + 1
    taken = bytearray(size)  # 1 where a chosen candidate covers the character
    chosen: list[Candidate] = []
    find = taken.find
    for key in order:
        cand = candidates[key[-1]]
        start, end = cand.start, cand.end
        if find(1, start, end if end > start else start + 1) >= 0:
            continue
        if accept is not None and not accept(cand):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=_start_of)
    return chosen


def _start_of(c: Candidate) -> int:
    return c.start
