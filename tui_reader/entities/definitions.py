"""An acronym that an article gives its own name beats the registry's reading of it.

Right after a name, in brackets, an acronym says what the name is called in the article:
"Singapore National Printers Ltd (SNP)". When the registry knows that acronym as another body's
(SNP, the Scottish National Party), the article's reading wins from there on, until the article
defines the acronym again ("... The International Criminal Court (ICC) ruled"), and before it
when it is the article's first definition (a headline); provided the acronym can abbreviate the
name: "Federal Criminal Office (BKA)" keeps the German acronym of the registry's body. A wire's
ticker in angle brackets after a company's name defines it the same way ("Chinese Petroleum Corp
<CPC> ... CPC said"). Any other ticker ("PUROLATOR <PCC>", "Union Carbide Corp <UK>", "Unilever
Plc <UN.AS>") is a stock symbol: it names the company before it, or nothing, and no other body or
country; the article's other uses of the same letters are left as they are.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

from tui_reader.entities.companies import FOLDED_FORMS, space_start
from tui_reader.entities.folding import fold
from tui_reader.entities.mention import Mention, linked_to
from tui_reader.entities.rules import ACRONYM_SKIP, acronym_fits, rule_mention

_CLOSING = {"(": ")", "<": ">"}
# The end of a wire's ticker: "<GM>", "<UN.AS>", "<BAC.N>".
_TICKER_END = re.compile(r"(?:\.[A-Z]{1,3})?>")
_POSSESSIVES = frozenset(("'s", "'S", "’s", "’S"))
# What a ticker is written with: capitals, digits and dots, no space ("GM", "BAC", "UN.AS").
_TICKER = re.compile(r"[A-Z0-9.&-]+")
_WORD = re.compile(r"[^\W\d_]+")


def own_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` (sorted) with the registry acronyms that the article defines for a name of its
    own relinked to that name, the registry mentions inside tickers relinked to the company
    before them or dropped, and a name found by a rule that a registry acronym in brackets names
    linked to the acronym's body: "Social Democratic Party (PSD)" in an article on Romania,
    "Centre national d'intelligence (CNI)"."""
    # acronym -> (position, the name it stands for there, or None where the registry's body is
    # the one defined), in text order
    definitions: dict[str, list[tuple[int, Mention | None]]] = {}
    tickers: dict[int, Mention | None] = {}  # start of a mention in a ticker -> its company
    named: dict[int, Mention] = {}  # start of a rule-found name -> the registry acronym after it
    named_whole: dict[int, Mention] = {}  # start of a rule-found name -> the longer name it opens
    for i, m in enumerate(mentions):
        glossed = _name_in_brackets_after(text, mentions, i)
        if glossed is not None and glossed.id != m.id:
            if _same_body(glossed.text, m) or not acronym_fits(m.text, glossed.text):
                # "EU (Europäische Union)", "MTI (Agence télégraphique hongroise)": the body's name
                # spelt out, or in another language
                named[glossed.start] = m
            else:
                # "SNP (Singapore National Printers)": the article's own body of these letters
                definitions.setdefault(m.text, []).append((m.start, glossed))
            continue
        if m.source != "registry" or not m.start or text[m.start - 1] not in _CLOSING:
            continue
        opening = text[m.start - 1]
        # "<GM>", "<UN.AS>": a ticker; "<Bank of Nova Scotia>" is a wire's company name
        ticker = (
            opening == "<"
            and _TICKER_END.match(text, m.end) is not None
            and _TICKER.fullmatch(m.text) is not None
        )
        if not ticker and text[m.end : m.end + 1] != _CLOSING[opening]:
            continue
        before = space_start(text, m.start - 1)
        if text[before - 2 : before] in _POSSESSIVES:
            before -= 2  # "GM'S <GM>"
        name = mentions[i - 1] if i and mentions[i - 1].end == before else None
        is_name = name is not None and name.kind == "organization" and name.form == "name"
        if (
            (name is None or name.kind == "country")
            and not ticker
            and m.form == "acronym"
            and m.kind == "organization"
        ):
            # "the Institute for Science and International Security in Washington (ISIS)", and
            # the registry's body: "the Islamic State in Iraq (ISIS)"
            placed = _name_before_place(text, mentions, i, before)
            if placed is not None and placed.id == m.id:
                definitions.setdefault(m.text, []).append((m.start, None))
                continue
            if placed is not None and acronym_fits(m.text, placed.text):
                definitions.setdefault(m.text, []).append((m.start, placed))
                continue
            # "l'Institut pour la science et la sécurité internationale (ISIS)": the rules end
            # the name before "et"; the acronym after the words it joins shows they are one name
            joined = _name_joined_before(text, mentions, i, before)
            if joined is not None and acronym_fits(m.text, joined.text):
                definitions.setdefault(m.text, []).append((m.start, joined))
                named_whole[joined.start] = joined
                continue
        if ticker:
            if name is not None and name.id == m.id:
                continue
            if is_name and m.form == "acronym" and m.kind == "organization" and text[m.end] == ">":
                # "Chinese Petroleum Corp <CPC> ... CPC said": the article's name for the company
                definitions.setdefault(m.text, []).append((m.start, name))
            else:
                tickers[m.start] = name if is_name and m.kind == "organization" else None
            continue
        if m.form != "acronym" or m.kind != "organization" or name is None:
            continue
        if name.id == m.id:
            definitions.setdefault(m.text, []).append((m.start, None))
        elif is_name and name.source == "registry" and acronym_fits(m.text, name.text):
            # another registry body's acronym, for this one: "African Development Bank (ADB)"
            definitions.setdefault(m.text, []).append((m.start, name))
        elif is_name and _same_body(name.text, m):
            definitions.setdefault(m.text, []).append((m.start, None))
            if name.source == "rule":
                named[name.start] = m
        elif is_name and acronym_fits(m.text, name.text):
            definitions.setdefault(m.text, []).append((m.start, name))
    if not tickers and not named and not any(name for found in definitions.values() for _, name in found):
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if m.start in named_whole and m.source == "rule":
            out.append(named_whole[m.start])
            continue
        if m.start in named:
            out.append(linked_to(m, named[m.start]))
            continue
        if m.start in tickers:
            target = tickers[m.start]
        elif m.source == "registry" and m.form == "acronym" and m.text in definitions:
            target = _defined_at(definitions[m.text], m.start)
            if target is None:
                out.append(m)
                continue
        else:
            out.append(m)
            continue
        if target is not None:
            out.append(linked_to(m, target))
    return out


_OPENS_A_GLOSS = re.compile(r"[ \t\xa0]*\([ \t\xa0]*")
_CLOSES_A_GLOSS = re.compile(r"[ \t\xa0]*\)")


def _name_in_brackets_after(text: str, mentions: list[Mention], i: int) -> Mention | None:
    """The rule-found name that fills the brackets right after the registry acronym
    `mentions[i]` ("SEC (Securities & Exchange Commission)"), or None."""
    m = mentions[i]
    if m.source != "registry" or m.form != "acronym" or m.kind != "organization" or i + 1 >= len(mentions):
        return None
    name = mentions[i + 1]
    if name.source != "rule" or name.form != "name" or name.kind != "organization":
        return None
    if (
        _OPENS_A_GLOSS.fullmatch(text, m.end, name.start) is None
        or _CLOSES_A_GLOSS.match(text, name.end) is None
    ):
        return None
    return name


# Where a body sits, between its name and the acronym in brackets: "in Washington", "à Genève",
# "in New York", "in Germany".
_PLACE_GAP = re.compile(r"[ \t]+(?:in|at|à|en)[ \t]+[A-ZÀ-Ý][^\W\d_]*(?:[ -][A-ZÀ-Ý][^\W\d_]*){0,2}[ \t]*")


def _name_before_place(text: str, mentions: list[Mention], i: int, before: int) -> Mention | None:
    """The organization's name that ends before a place and the bracket at `before` of the
    acronym `mentions[i]`, or None: "Institute for Science and International Security in
    Washington (ISIS)"; a country named there is skipped ("... in Germany (ABC)")."""
    j = i - 1
    if j >= 0 and mentions[j].kind == "country" and mentions[j].end >= before - 1:
        j -= 1
    if j < 0:
        return None
    name = mentions[j]
    if name.kind != "organization" or name.form != "name":
        return None
    gap = _PLACE_GAP.fullmatch(text, name.end, before)
    return name if gap is not None else None


# Words joined to a name before the acronym in brackets: "et la sécurité internationale", "and
# security"; lowercase, no other name among them.
_JOINED_GAP = re.compile(
    r"[ \t]+(?:et|and)(?:[ \t]+(?:[a-zà-ÿ][^\W\d_]*['’]?|[a-zà-ÿ]['’][a-zà-ÿ][^\W\d_]*)){1,5}[ \t]*"
)


def _name_joined_before(text: str, mentions: list[Mention], i: int, before: int) -> Mention | None:
    """The name that a rule found, continued by "et" or "and" and lowercase words up to the
    bracket at `before` of the acronym `mentions[i]`, as one name found by a rule; or None."""
    if not i:
        return None
    name = mentions[i - 1]
    if name.source != "rule" or name.kind != "organization" or name.form != "name":
        return None
    if _JOINED_GAP.fullmatch(text, name.end, before) is None:
        return None
    end = before
    while text[end - 1] in " \t":
        end -= 1
    return rule_mention(text, name.start, end)


def _defined_at(found: list[tuple[int, Mention | None]], pos: int) -> Mention | None:
    """The name an acronym stands for at `pos`: the last definition at or before it, or the
    first one when none comes before (`found` is in text order)."""
    k = bisect.bisect_right(found, pos, key=itemgetter(0)) - 1
    return found[max(k, 0)][1]


def _same_body(name: str, m: Mention) -> bool:
    """Whether `name` is another spelling of the registry body's own name: most of its words
    open like words of the body's English or French name ("Organisation of American States",
    "Institute for Works of Religion", "Liberal Democratic Party" for "Liberal Democratic Party
    (Japan)"), where "United Democratic Forces" is not the "Union for French Democracy"."""
    words = _stems(name)
    if not words:
        return False
    return any(
        len(words & _stems(full.partition(" (")[0])) * 2 > len(words) for full in (m.name_en, m.name_fr)
    )


_STEM = 5


def _stems(name: str) -> set[str]:
    return {
        w[:_STEM]
        for w in _WORD.findall(fold(name).lower())
        if w not in ACRONYM_SKIP and w not in FOLDED_FORMS
    }
