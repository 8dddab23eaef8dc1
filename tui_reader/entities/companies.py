"""Companies named with their legal form: "Verdant Power Inc.", "Deutsche Börse AG", "Pigal Kft".

The legal form is part of the name as the press and annotators write it. A registry company
followed by one keeps its id and takes the form into its span ("Pfizer Inc" is `org:pfizer`); an
unknown one is found by the capitalised words before the form.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

import ahocorasick_rs

from tui_reader.entities.folding import fold_word
from tui_reader.entities.mention import Mention, linked_to

# Legal forms that end a company's name, as written (matched with their case). "Co" is one after
# a name ("Ford Motor Co"), after "and" or "&" ("Goldman Sachs and Co", "Pegida & Co.") and before
# another form ("Bear Stearns and Co Inc").
LEGAL_FORMS = (
    "Inc Corp Ltd plc Plc PLC LLC LLP GmbH AG SA SE NV BV AB ASA Oyj Oy SpA Srl SARL Kft Zrt Nyrt"
    " KGaA A/S Bhd Berhad Ltda Co S.A N.V"
).split()
# Abbreviations that take their full stop ("Inc.", "Corp.", "Co.", "S.A.").
_ABBREVIATIONS = frozenset("Inc Corp Ltd Kft Zrt Nyrt Co Cie S.A N.V".split())
# Forms in capitals that are also words or abbreviations in a headline in capitals ("SE" is
# French "se", "SA" French "sa"): the name before them needs a word in lowercase letters.
_CAPITALS = frozenset(form for form in LEGAL_FORMS if form.isupper())
FOLDED_FORMS = frozenset(fold_word(form) for form in LEGAL_FORMS)

_FORMS = "|".join(re.escape(form) for form in LEGAL_FORMS)
# A legal form after a name: "Inc", "Co Ltd", "and Co", "& Co. Inc.", and the French "et Cie" that
# ends a known firm's name ("Lazard Frères et Cie"; the rules find unknown ones). A possessive may
# follow ("General Electric Co's unit").
_AFTER_FORM = re.compile(
    r"[ \t\xa0]+(?:(?:and|&|et)[ \t\xa0]+(?=C(?:o|ie)\b))?"
    r"(?:C(?:o|ie)\.?[ \t\xa0]+(?=(?:" + _FORMS + r")(?![\w'’-])))?"
    r"(?P<form>" + _FORMS + r"|Cie)(?P<stop>\.)?(?![\w-]|['’](?![sS]\b))"
)
_MAX_WORDS = 4
# Words of trade that a company's full name adds to its short one before the legal form.
_TRADE_WORDS = re.compile(
    r"(?:[ \t\xa0]+(?:Bank|Banking|Group|Holdings?|International|Motors?|Industries|Corporation"
    r"|Company|Airlines|Airways|Petroleum|Oil|Chemicals?|Electric|Electronics|Steel|Financial"
    r"|Securities|Trust|Brothers|Communications|Pharmaceuticals?|Manufacturing|Enterprises)){1,2}"
    r"(?=[ \t\xa0])"
)
# Second halves of hyphenated words that say where an organization is or who is behind it
# ("Berlin-based", "Kremlin-backed"): they come before a name, never in it.
DESCRIBING = frozenset("based backed led owned funded run linked sponsored affiliated".split())
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
# Words that open a sentence or a clause and are no part of a name before the form or after a
# company's name.
_OPENERS = frozenset(
    fold_word(w)
    for w in """
    The A An But And In On At For By With Of Le La Les L Un Une Des Du De Mais Et En Pour Par
    Later Earlier Meanwhile However Yesterday Today Separately Elsewhere Instead Indeed Thus
    Hier Aujourd'hui Ensuite Puis Depuis Ainsi Donc Enfin Aussi Cependant Pourtant
    """.split()
)


def with_legal_forms(
    text: str,
    mentions: list[Mention],
    as_firm: Callable[[Mention, int], Mention | None] | None = None,
) -> list[Mention]:
    """`mentions` with each registry company or organization name followed by a legal form
    stretched over it ("Pfizer Inc", "Deutsche Börse AG"). `as_firm(m, end)` gives the company
    that an acronym and the form up to `end` name when the registry's body is no firm (a party, an
    armed group, a government body): "HTC Corp" is the phone maker, not Hayat Tahrir al-Cham. That
    company then replaces the registry's body there and at the article's other uses of the same
    letters for the same body ("HTC Corp ... HTC said")."""
    out = mentions
    firms: dict[tuple[str, str], Mention] = {}  # (text, registry id) -> the company it names here
    for i, m in enumerate(mentions):
        if m.kind != "organization" or m.form == "demonym":
            continue
        found = _AFTER_FORM.match(text, m.end)
        if found is None and m.form == "name":
            # the company's own words of trade between its name and the form: "Barclays Bank
            # Plc", "Toyota Motor Corp" (a place there names a subsidiary: "Shell Canada Ltd")
            trade = _TRADE_WORDS.match(text, m.end)
            found = _AFTER_FORM.match(text, trade.end()) if trade is not None else None
        if found is None:
            continue
        if not _fits(text, m.start, found) and _in_capitals(text, m.start, found.end()):
            continue  # a known name in capitals takes its form but in a headline: "BMW AG"
        if out is mentions:
            out = list(mentions)
        end = _form_end(found)
        firm = as_firm(m, end) if as_firm is not None and m.form == "acronym" else None
        if firm is not None:
            firms.setdefault((m.text, m.id), firm)
            out[i] = firm
        else:
            out[i] = replace(m, end=end, text=text[m.start : end])
    if firms:
        out = [_firm_of(m, firms) for m in out]
    return out


def _firm_of(m: Mention, firms: dict[tuple[str, str], Mention]) -> Mention:
    firm = firms.get((m.text, m.id)) if m.source == "registry" else None
    if firm is None:
        return m
    return linked_to(m, firm)


def legal_form_names(
    text: str,
    forms: list[tuple[int, int]],
    romance_links: bool = True,
    known_ends: dict[int, int] | None = None,
) -> list[tuple[int, int, int]]:
    """The companies whose legal forms are at `forms` (start and end of the form in `text`):
    one to four capitalised words, "&" between them, and with `romance_links` "de" ("Petroleos
    de Venezuela S.A."), then the form, which may follow "and Co" ("Dillon Read and Co Inc").
    A bare "and Co" ends no unknown name ("Messi and Co. were beaten"; a known firm takes it,
    `with_legal_forms`), where "& Co" does ("Moelis & Co."). A known company's name before
    "of" opens the name (`known_ends`: end -> start of the registry's organizations): "Audi of
    America Inc". Each is (start, end, end of the words before the form)."""
    known_ends = known_ends or {}
    out: list[tuple[int, int, int]] = []
    for form_start, form_end in forms:
        found = _AFTER_FORM.match(text, space_start(text, form_start))
        if found is None or found.start("form") != form_start or found.end("form") != form_end:
            continue
        form = found.group("form")
        words_end = _lead_start(text, found.start(), form)
        if form == "Co" and "and" in text[words_end : found.start()]:
            continue  # "Messi and Co.": and the like; "Moelis & Co." is a firm
        start = _name_start(text, words_end, romance_links)
        if start < 0 or not _fits(text, start, found) or fold_word(text[start:words_end]) in FOLDED_FORMS:
            continue  # nothing but a form: "Co Inc"
        of = _OF_BEFORE.search(text, max(0, start - 8), start)
        if of is not None and of.start() in known_ends:
            start = known_ends[of.start()]  # a known company's branch: "Audi of America Inc"
        out.append((start, _form_end(found), words_end))
    return out


# "of" right before a position.
_OF_BEFORE = re.compile(r"[ \t\xa0]+of[ \t\xa0]+$")
# What comes between a company's name and its last form: "and Co" before "Inc", "and" before "Co".
_LEAD_BEFORE_FORM = re.compile(r"(?:[ \t\xa0]+(?:and|&|et))?[ \t\xa0]+C(?:o|ie)\.?\Z")
_LEAD_BEFORE_CO = re.compile(r"[ \t\xa0]+(?:and|&|et)\Z")


def _lead_start(text: str, end: int, form: str) -> int:
    """Where the name ends before the form that follows `end`: before "and Co" in "Bear Stearns
    and Co Inc", before "and" in "Goldman Sachs and Co"."""
    pattern = _LEAD_BEFORE_CO if form == "Co" else _LEAD_BEFORE_FORM
    origin = max(0, end - 12)
    lead = pattern.search(text[origin:end])
    return end if lead is None else origin + lead.start()


def short_names(text: str, companies: list[tuple[Mention, str]], taken: list[Mention]) -> list[Mention]:
    """Later mentions of companies by their names without the legal form: "Verdant Power Inc.
    ... Verdant Power said". `companies` are the rule mentions with the words before their form;
    an occurrence is a whole word sequence written the same way, outside the `taken` spans, or
    the same words in capitals in a line set in capitals (a wire's headline: "CHEMLAWN <CHEM>
    GETS OFFER" before "ChemLawn Corp said")."""
    out: list[Mention] = []
    spans = sorted((m.start, m.end) for m in taken)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    by_words: dict[str, Mention] = {}
    in_capitals: set[str] = set()
    for company, words in companies:
        if words and not (" " not in words and fold_word(words) in _OPENERS):
            by_words.setdefault(words, company)
            capitals = words.upper()
            if capitals != words and len(capitals) >= _MIN_CAPITALS and capitals not in by_words:
                by_words[capitals] = company
                in_capitals.add(capitals)
    for words, i in _occurrences(text, list(by_words)):
        end = i + len(words)
        headline = words in in_capitals
        if (
            (i == 0 or not _word_char(text[i - 1]))
            and (end == len(text) or not _word_char(text[end]))
            and not _overlaps(spans, starts, longest, i, end)
            and (_line_in_capitals(text, i) if headline else not _inside_longer_name(text, i, end))
        ):
            out.append(replace(by_words[words], start=i, end=end, text=text[i:end]))
    return out


# A company's name looked for in capitals has this many letters at least ("RJR", not "GE").
_MIN_CAPITALS = 4
# The longest line read as a headline.
_HEADLINE_CHARS = 300


def _line_in_capitals(text: str, pos: int) -> bool:
    """Whether the line holding `pos` is set in capitals, as a headline: three words or more,
    nearly every letter a capital, and no longer than a headline (so that a long text set in
    capitals on one line is read in bounded time)."""
    start = text.rfind("\n", max(0, pos - _HEADLINE_CHARS), pos) + 1
    if start == 0 and pos > _HEADLINE_CHARS:
        return False
    end = text.find("\n", pos, pos + _HEADLINE_CHARS)
    if end < 0:
        if len(text) - pos > _HEADLINE_CHARS:
            return False
        end = len(text)
    line = text[start:end]
    letters = [c for c in line if c.isalpha()]
    if len(line.split()) < 3 or not letters:
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _occurrences(text: str, needles: list[str]) -> list[tuple[str, int]]:
    """Where each of `needles` occurs in `text`: a search of the text for each of a few, one
    automaton pass for many (a long text names many companies)."""
    if len(needles) <= _FEW_NEEDLES:
        found: list[tuple[str, int]] = []
        for needle in needles:
            i = text.find(needle)
            while i >= 0:
                found.append((needle, i))
                i = text.find(needle, i + len(needle))
        return found
    automaton = ahocorasick_rs.AhoCorasick(needles)
    return [
        (needles[index], start)
        for index, start, _ in automaton.find_matches_as_indexes(text, overlapping=True)
    ]


_FEW_NEEDLES = 4


def overlapping(
    spans: list[tuple[int, int]], starts: list[int], longest: int, start: int, end: int
) -> Iterator[tuple[int, int]]:
    """The spans of `spans` (sorted, `starts` their starts, none longer than `longest`) that
    overlap `start`-`end`: only those that start less than `longest` before it can."""
    i = bisect.bisect_left(starts, start - longest)
    while i < len(spans) and spans[i][0] < end:
        if start < spans[i][1]:
            yield spans[i]
        i += 1


def _overlaps(spans: list[tuple[int, int]], starts: list[int], longest: int, start: int, end: int) -> bool:
    """Whether `start`-`end` overlaps one of `spans` (`overlapping`)."""
    return next(overlapping(spans, starts, longest, start, end), None) is not None


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word comes right before or after `text[start:end]` in the same
    sentence: another name it is part of ("Wolfgang Porsche", "Freenet Mobile")."""
    after = _NEXT_WORD.match(text, end)
    if after is not None and after.group(1)[0].isupper():
        return True
    return bool(_capitalised_word_before(text, start))


def _capitalised_word_before(text: str, pos: int) -> str:
    """The capitalised word, not one that opens a sentence or a clause, that ends one space
    before `pos` on the same line ("" when there is none)."""
    before = _PREV_WORD.search(text, max(0, pos - 41), pos)
    if before is None:
        return ""
    word = before.group(1)
    return word if word[0].isupper() and fold_word(word) not in _OPENERS else ""


# The word right after a position, and the word right before one, on the same line.
_NEXT_WORD = re.compile(r"[ \t\xa0]+([^\W\d_][\w'’-]*)")
_PREV_WORD = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)[ \t\xa0]+$")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"


def space_start(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t\xa0":
        pos -= 1
    return pos


def _form_end(found: re.Match[str]) -> int:
    """The end of the name: after the form, and after its full stop when it is an abbreviation."""
    if found.group("stop") and found.group("form") in _ABBREVIATIONS:
        return found.end("stop")
    return found.end("form")


def _fits(text: str, start: int, found: re.Match[str]) -> bool:
    """Whether the form can end the name from `start`: a form in capitals after a name that is
    not all capitals ("Porsche SE", not "KORFANTY SE")."""
    if found.group("form") not in _CAPITALS:
        return True
    name = text[start : found.start()]
    return any(ch.islower() for ch in name)


# How far around a name a lowercase letter shows that the text is not a headline in capitals.
_CAPITALS_WINDOW = 40


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` stands in a line written in capitals: no lowercase letter in
    the rest of the line, within a few words on either side."""
    left = text.rfind("\n", max(0, start - _CAPITALS_WINDOW), start) + 1 or max(0, start - _CAPITALS_WINDOW)
    right = text.find("\n", end, end + _CAPITALS_WINDOW)
    if right < 0:
        right = end + _CAPITALS_WINDOW
    return not any(ch.islower() for ch in text[left:start]) and not any(
        ch.islower() for ch in text[end:right]
    )


# Lowercase words inside a company's name, between capitalised ones, in Romance languages
# ("Petroleos de Venezuela S.A."); "of" is left out: "Director Ha of Zico Import Pty Ltd".
_NAME_LINKS = frozenset("de del della di da do dos das".split())


def _capitalised_before(text: str, pos: int) -> bool:
    """Whether a capitalised word of four letters or more (no opener) ends one space before
    `pos`: a name's word, rarely a short surname ("Ha de Zico Import Pty Ltd")."""
    return len(_capitalised_word_before(text, pos)) >= 4


def _name_start(text: str, end: int, romance_links: bool = True) -> int:
    """Where the capitalised words that end at `end` start (-1 when there are none)."""
    start = -1
    pos = end
    words = 0
    first = ""  # the word at `start`, folded
    while words < _MAX_WORDS:
        word_start = pos
        while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "-'’&."):
            word_start -= 1
        raw = text[word_start:pos]
        word = raw.strip(".")
        if not word or (raw.endswith(".") and pos != end and not _INITIALS.fullmatch(raw)):
            break  # the end of a sentence ("à New York. Renault SA"), not "U.S. Steel Corp."
        folded = fold_word(word)
        if word == "&" and start >= 0:
            pass  # "Procter & Gamble": go on to the word before
        elif word == "and" and first in _FAMILY_FIRMS:
            pass  # "Alex. Brown and Sons Inc": the family's name is before "and"
        elif romance_links and word in _NAME_LINKS and start >= 0 and _capitalised_before(text, word_start):
            pass  # "Petroleos de Venezuela S.A.", "Credit Commercial de France SA"
        elif (
            not (word[0].isupper() or word[0].isdigit())
            or folded in _OPENERS
            or word.rpartition("-")[2] in DESCRIBING
        ):
            break
        else:
            start = word_start
            first = folded
            words += 1
        pos = word_start
        if pos == 0 or text[pos - 1] not in " \t\xa0":
            break
        pos -= 1
    return start


# Words after "and" in the name of a family's firm: "Brown and Sons", "Wiley and Son".
_FAMILY_FIRMS = frozenset(("sons", "son", "brothers", "partners"))
