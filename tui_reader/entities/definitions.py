"""An acronym that an article gives its own name beats the registry's reading of it.

Right after a name, in brackets, an acronym says what the name is called in the article: "Chinese
Petroleum Corp <CPC>" (a wire's ticker), "Singapore National Printers Ltd (SNP)". When the registry
knows that acronym as another body's (CPC, the Communist Party of China; SNP, the Scottish National
Party), the article's reading wins at every occurrence, provided the acronym can abbreviate the
name: "Federal Criminal Office (BKA)" keeps the German acronym of the registry's body. A ticker
after a name that nothing recognised ("PUROLATOR <PCC> IN BUYOUT") is that company's, so it names
no registry body.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tui_reader.entities.companies import FOLDED_FORMS
from tui_reader.entities.folding import fold
from tui_reader.entities.mention import Mention
from tui_reader.entities.rules import acronym_fits

_CLOSING = {"(": ")", "<": ">"}
# The end of a wire's ticker: "<GM>", "<UN.AS>", "<BAC.N>".
_TICKER_END = re.compile(r"(?:\.[A-Z]{1,3})?>")
_POSSESSIVES = frozenset(("'s", "'S", "’s", "’S"))
_WORD = re.compile(r"[^\W\d_]+")


def own_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` (sorted, not overlapping) with the registry acronyms that the article defines
    for a name of its own relinked to that name, or dropped when a ticker follows a name that
    was not recognised; a country in a ticker ("Union Carbide Corp <UK>", "<UN.AS>") is none."""
    relinked: dict[tuple[str, str], Mention | None] = {}  # (acronym, registry id) -> long form
    in_tickers: set[int] = set()  # starts of other registry mentions that are tickers
    for i, m in enumerate(mentions):
        if m.source != "registry" or not m.start:
            continue
        opening = text[m.start - 1]
        if opening not in _CLOSING:
            continue
        ticker = opening == "<" and _TICKER_END.match(text, m.end) is not None
        if not ticker and text[m.end : m.end + 1] != _CLOSING[opening]:
            continue
        if m.form != "acronym" or m.kind != "organization":
            if ticker:
                in_tickers.add(m.start)
            continue
        before = m.start - 1
        while before > 0 and text[before - 1] in " \t\xa0":
            before -= 1
        if text[before - 2 : before] in _POSSESSIVES:
            before -= 2  # "GM'S <GM>"
        name = mentions[i - 1] if i and mentions[i - 1].end == before else None
        if name is None:
            if ticker and text[before - 1 : before].isalnum():
                relinked.setdefault((m.text, m.id), None)
        elif name.id == m.id:
            continue
        elif (
            name.kind == "organization"
            and name.form == "name"
            # a ticker is the company's whatever its letters ("USX Corp <X>")
            and (ticker or acronym_fits(m.text, name.text))
            and not _same_body(name.text, m)
        ):
            relinked.setdefault((m.text, m.id), name)
        elif ticker:
            relinked.setdefault((m.text, m.id), None)
    if not relinked and not in_tickers:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        key = (m.text, m.id)
        if m.start in in_tickers:
            continue
        if m.form != "acronym" or key not in relinked:
            out.append(m)
            continue
        name = relinked[key]
        if name is not None:
            out.append(replace(m, id=name.id, name_en=name.name_en, name_fr=name.name_fr, source=name.source))
    return out


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


_LINKS = frozenset("of for the and on in de du des d la le les l et pour sur en".split())
_STEM = 4


def _stems(name: str) -> set[str]:
    return {w[:_STEM] for w in _WORD.findall(fold(name).lower()) if w not in _LINKS and w not in FOLDED_FORMS}
