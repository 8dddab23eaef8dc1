"""Guards: context tests that reject a registry match which is really something else.

An alias can be a word ("US" in an all-caps headline, "AU" in French capitals), a first name
("Dominique de Villepin", "Maurice Chevalier"), part of a longer proper name ("Anatole France",
"Lake Chad", "Mexico City", "Île-de-France", "Suisse romande"), a royal title ("le roi
d'Espagne"), a currency ("dollars US"), a street ("rue Saint-Martin"), a news agency's byline, a
building ("White House") or a national team in a match report. Each guard is a named predicate so
that its effect can be measured on its own (`bench/entities_eval.py --guards`). Guards look only
at a few words around the match; `sports_team` also asks whether the whole text is a match report,
once per text, from the sport words the matcher counted on its pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import ahocorasick_rs

from tui_reader.entities.folding import TextKeys, fold_word, key_of
from tui_reader.entities.matcher import Candidate, Entry


def _words(text: str) -> frozenset[str]:
    return frozenset(fold_word(w) for w in text.split())


# Capitalised words that open sentences or headlines and are not part of a name.
FUNCTION_WORDS = _words(
    """
    a à au aux avec chez contre d dans de des du en entre et l la le les mais ni ou par pour sans
    selon sous sur un une vers via ces cette ce cet son sa ses leur leurs notre nos votre vos qui
    que quand lorsque si depuis après avant pendant comme où dont plus moins tout toute tous toutes
    voici voilà ainsi aussi alors car donc puis or cependant pourtant enfin hier aujourd demain
    the a an and or but of in on at to for from by with without into onto over under between
    among against about after before during since while when where as if than then that this these
    those there here his her its their our your my we he she it they you i not no nor so yet also
    even both either neither all some any each every many most much such only just whether which
    what who whom whose how why per across along around behind beyond near toward towards upon
    within throughout despite unlike like is was are were has had have will would can could should
    may might must do does did says said according meanwhile however yesterday today
    """
)
# Capitalised words that follow or precede a country without making a longer name: titles and
# the bodies that news annotators keep apart ("US President", "President of France").
TITLES = _words(
    """
    president presidents premier prime minister ministers chancellor secretary secretaries
    ambassador ambassadors envoy envoys foreign defense defence interior finance economy economic
    justice state federal general homeland special high vice deputy chief head government
    president-elect national parliament parliamentary congress embassy consulate army navy
    military police forces troops authorities officials people citizens government's opposition
    leader leaders king queen emir prince crown constitutional supreme central
    président présidente ministre ministres chancelier ambassadeur ambassadeurs ambassade consulat
    gouvernement premier république royaume roi reine émir prince princesse peuple nation
    """
)
# Heads that turn "<country> X" into the name of something else (any language of the text).
_FOLLOWING_HEADS = _words(
    """
    city river delta basin airlines airways cup grand institute university college tech times
    today daily post herald telegraph tribune journal street avenue square bay war wars papers
    dawn circuit international report trophy open masters league
    """
)
# Common nouns of geography and of addresses that make "<noun> [of|de] <country>" a lake, a gulf,
# a river or a street.
_PLACE_NOUNS = _words(
    """
    lake lac river rivière fleuve gulf golfe sea mer bay baie mount mont cape cap strait détroit
    canal channel ocean océan island islands isle isles île îles rue avenue boulevard bd faubourg
    place quai porte impasse chemin allée square street road
    """
)
# Royal and noble titles: "le roi d'Espagne", "le prince Michel de Serbie".
_ROYAL = _words(
    """
    roi reine prince princesse infant infante duc duchesse grand-duc grande-duchesse archiduc
    archiduchesse empereur impératrice tsar tsarine régent régente
    """
)
# Adjectives of part of a country: "Suisse romande", "Allemagne du Sud", "Amérique méridionale".
_REGION_ADJECTIVES = _words(
    """
    romande alémanique orientale occidentale méridionale septentrionale centrale insulaire
    continentale profonde républicaine populaire unifiée nazie hitlérienne franquiste impériale
    tsariste soviétique coloniale anglaise française italienne allemande britannique espagnole
    portugaise hollandaise néerlandaise belge turque ottomane latine
    """
)
_CALENDAR = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december lundi mardi mercredi jeudi vendredi
    samedi dimanche janvier février mars avril mai juin juillet août septembre octobre novembre
    décembre
    """
)
_CARDINAL = _words("nord sud est ouest nord-est nord-ouest sud-est sud-ouest centre")
_CURRENCY = _words(
    "dollar dollars $ franc francs livre livres mark marks couronne couronnes peso pesos euro euros"
)
_CIVILITIES = _words("m mm mme mmes mlle mr mrs ms dr mgr me sir st ste saint sainte san santa")
_FRENCH_PARTICLES = _words("de du des d sur sous en la le les lès lez aux au")
_PERSON_PARTICLES = _words("de d' du van von der den da di del della dos das ben bin ibn al el")
# Country names that are first names or surnames more often than countries in running text
# (checked together with a capitalised word next to them).
_PERSON_NAMES = _words("Maurice Dominique Jordan Chad Georgia Israel Malte Salvador Hollande")
# Short words that look like acronyms when a headline is set in capitals.
_CAPS_WORDS = _words(
    """
    us is it as at an am be by do go he if in me my no of on or so to up we
    au aux un une le la les de des du et en ou sur par pour il elle on ne se ce sa son
    who can all one man may
    """
)
# Words of match reports: a text with several of them is about sport.
SPORT_WORDS = _words(
    """
    match matches goal goals scored scorer striker midfielder defender goalkeeper keeper coach
    quarter-final quarter-finals semi-final semi-finals final qualifier qualifiers tournament
    penalty penalties draw drew world cup euro championship squad fans kickoff kick-off stadium
    football soccer league cup friendly captain teammates
    but buts buteur attaquant milieu défenseur gardien entraîneur sélectionneur quart demi-finale
    finale éliminatoires tournoi pénalty penalty coupe mondial championnat supporters stade
    """
)
_PLACE_PREPOSITIONS = _words(
    """
    in at from to into across throughout around near outside inside of en au aux à dans de du
    des vers depuis chez
    """
)
_SCORE = re.compile(r"\b\d{1,2}\s?[-–:]\s?\d{1,2}\b")
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _sport_automaton() -> ahocorasick_rs.BytesAhoCorasick:
    patterns = sorted({b" " + key_of(w, keep_case=False) + b" " for w in SPORT_WORDS})
    return ahocorasick_rs.BytesAhoCorasick(patterns)


@dataclass
class Context:
    """The text being tagged, with what guards compute once per text."""

    text: str
    lang: str
    candidate_starts: frozenset[int] = field(default_factory=frozenset)
    keys: TextKeys | None = None
    _sport: bool | None = None
    _prev_cache: dict[int, tuple[int, str]] = field(default_factory=dict)
    _next_cache: dict[int, tuple[str, str]] = field(default_factory=dict)
    _before_cache: dict[int, list[str]] = field(default_factory=dict)
    _after_cache: dict[int, list[str]] = field(default_factory=dict)

    @property
    def is_sport(self) -> bool:
        """Whether the text reads like a match report: a score and several distinct words of
        sport, often."""
        if self._sport is None:
            keys = self.keys or TextKeys.of(self.text)
            hits = keys.markers
            if hits is None:  # the matcher was not asked to count them
                found = _sport_automaton().find_matches_as_indexes(keys.lower, overlapping=True)
                hits = [index for index, _, _ in found]
            self._sport = (
                len(set(hits)) >= 4
                and len(hits) * 100 >= keys.lower.count(b" ")
                and bool(_SCORE.search(self.text))
            )
        return self._sport

    def prev_word(self, start: int) -> tuple[str, str]:
        """The word just before `start` and what separates them (" ", "-", "'", or ". " when a
        full stop ends the word: "M. Maurice" gives ("M", ". ")), or ("", "")."""
        word_start, sep = self._prev(start)
        if word_start < 0:
            return "", ""
        end = start - len(sep)
        return self.text[word_start:end], sep

    def sentence_start(self, pos: int) -> bool:
        """Whether the word at `pos` opens a sentence, a line or the text."""
        i = pos
        while i > 0 and self.text[i - 1] in " \t\xa0":
            i -= 1
        return i == 0 or self.text[i - 1] in '.!?:\n"“«—–|'

    def prev_word_start(self, start: int) -> int:
        return self._prev(start)[0]

    def _prev(self, start: int) -> tuple[int, str]:
        cached = self._prev_cache.get(start)
        if cached is None:
            cached = self._prev_cache[start] = self._find_prev(start)
        return cached

    def _find_prev(self, start: int) -> tuple[int, str]:
        text = self.text
        if start < 2 or text[start - 1] not in " \t-'’\xa0":
            return -1, ""
        sep = text[start - 1]
        end = start - 1
        if text[end - 1] == "." and sep in " \t\xa0":
            end -= 1
            sep = ". "
        i = end
        while i > 0 and end - i < 40 and text[i - 1].isalnum():
            i -= 1
        return (i, sep) if i < end else (-1, "")

    def words_before(self, start: int, n: int) -> list[str]:
        """Up to `n` (3 at most) words before `start`, folded, nearest last, across spaces,
        hyphens and apostrophes only (punctuation ends the phrase)."""
        words = self._before_cache.get(start)
        if words is None:
            words = []
            pos = start
            while len(words) < 3:
                word_start, sep = self._prev(pos)
                if word_start < 0:
                    break
                words.append(fold_word(self.text[word_start : pos - len(sep)]))
                pos = word_start
            words.reverse()
            self._before_cache[start] = words
        return words[-n:]

    def words_after(self, end: int) -> list[str]:
        """Up to three words after `end`, as written, across spaces, hyphens and apostrophes."""
        words = self._after_cache.get(end)
        if words is None:
            words = []
            pos = end
            while len(words) < 3:
                word, _ = self.next_word(pos)
                if not word:
                    break
                words.append(word)
                pos = pos + 1 + len(word)
            self._after_cache[end] = words
        return words

    def next_word(self, end: int) -> tuple[str, str]:
        """The word just after `end` and what separates them, or ("", "")."""
        cached = self._next_cache.get(end)
        if cached is None:
            cached = self._next_cache[end] = self._find_next(end)
        return cached

    def _find_next(self, end: int) -> tuple[str, str]:
        text = self.text
        if end + 1 >= len(text) or text[end] not in " \t-\xa0'’":
            return "", ""
        i = j = end + 1
        while j < len(text) and j - i < 40 and text[j].isalnum():
            j += 1
        return (text[i:j], text[end]) if j > i else ("", "")

    def caps_context(self, start: int, end: int) -> bool:
        """Whether `start:end` sits among words set in capitals: a neighbouring word of three
        letters or more in capitals, or no lowercase word around it on its line."""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        if line_end < 0:
            line_end = len(self.text)
        before = _WORD.findall(self.text, max(line_start, start - 40), start)[-3:]
        after = _WORD.findall(self.text, end, min(line_end, end + 40))[:3]
        near = [w for w in before[-1:] + after[:1] if w.isalpha()]
        if any(w.isupper() and len(w) >= 3 for w in near):
            return True
        words = [w for w in before + after if any(ch.isalpha() for ch in w)]
        if not words:
            return False
        caps = sum(1 for w in words if w.isupper() and len(w) >= 2)
        lower = sum(1 for w in words if any(ch.islower() for ch in w))
        return lower == 0 and caps >= 1


def _is_capitalised_content(word: str) -> bool:
    return bool(word) and word[0].isupper() and fold_word(word) not in FUNCTION_WORDS


Guard = Callable[[Context, Candidate], bool]


def _country_name(cand: Candidate) -> bool:
    return cand.entry.kind == "country" and cand.entry.form != "demonym"


def caps_word(ctx: Context, cand: Candidate) -> bool:
    """An acronym that is also a short word ("US", "AU", "UN", "IS") inside capitals."""
    if cand.entry.form != "acronym":
        return False
    if fold_word(cand.entry.text) not in _CAPS_WORDS and "all-caps" not in cand.entry.risk:
        return False
    return ctx.caps_context(cand.start, cand.end)


def after_name_word(ctx: Context, cand: Candidate) -> bool:
    """A country right after a capitalised word of a longer name ("Anatole France", "Michael
    Jordan", "Lake Chad", "East Germany", "AS Monaco", "NORTH AMERICA")."""
    if not _country_name(cand):
        return False
    word, sep = ctx.prev_word(cand.start)
    if not word or sep not in (" ", "\t", "\xa0") or not _is_capitalised_content(word):
        return False
    prev_start = ctx.prev_word_start(cand.start)
    if fold_word(word) in TITLES or prev_start in ctx.candidate_starts:
        return False
    if ctx.sentence_start(prev_start) and not word.isupper():
        return False  # "Besides Egypt", "Catholic France": a capital that opens the sentence
    if word.isupper() and not ctx.text[cand.start : cand.end].isupper() and len(word) > 3:
        return False  # an acronym before a country: "NATO Turkey", "EU Germany"
    return True


def before_name_word(ctx: Context, cand: Candidate) -> bool:
    """A country name right before a capitalised word that is neither a title nor a known
    entity: "Mexico City", "France Libre", "Panama Papers", "Suisse Romande". Acronyms stay
    ("US Geological Survey" names the country), and so does a country opening a headline in
    title case ("Iran Issues Enrichment Threat")."""
    if cand.entry.kind != "country" or cand.entry.form != "name":
        return False
    nxt, sep = ctx.next_word(cand.end)
    if not nxt or sep == "-" or not nxt[0].isupper() or nxt.isupper():
        return False
    folded = fold_word(nxt)
    if folded in _FOLLOWING_HEADS:
        return True
    if folded in FUNCTION_WORDS or folded in TITLES or folded in _CALENDAR:
        return False
    if ctx.sentence_start(cand.start) and ctx.lang != "fr":
        return False  # English headlines capitalise every word
    return cand.end + 1 not in ctx.candidate_starts


def inside_longer_name(ctx: Context, cand: Candidate) -> bool:
    """An organization right before a capitalised word that is neither a title nor a known
    entity: part of a longer name the registry lacks ("Google Street View", "United Nations
    Environment Program", "FIFA World Cup", "Allianz Arena")."""
    if cand.entry.kind != "organization" or cand.part:
        return False
    nxt, sep = ctx.next_word(cand.end)
    if not nxt or sep not in (" ", "\t", "\xa0") or not nxt[0].isupper() or nxt.isupper():
        return False
    folded = fold_word(nxt)
    if folded in FUNCTION_WORDS or folded in TITLES or folded in _CALENDAR:
        return False
    if ctx.sentence_start(cand.start) and ctx.lang != "fr" and cand.entry.form == "name":
        return False
    return cand.end + 1 not in ctx.candidate_starts


def hyphen_compound(ctx: Context, cand: Candidate) -> bool:
    """A country inside a hyphenated name: "Île-de-France", "Saint-Maurice", "France-Musique",
    "Indo-Chine", "Hans-Olaf" (but "DGSN-DGST" or "France-Allemagne" join two entities and
    stay)."""
    if cand.entry.form == "demonym":
        return False
    # in French, a country joined to another country ("Autriche-Hongrie", "Maurice-Réunion") is
    # a compound too; English joins countries for relations ("US-Russia talks"), and
    # organizations joined together ("DGSN-DGST") stay apart
    joined_ok = cand.entry.kind == "organization" or ctx.lang == "en"
    word, sep = ctx.prev_word(cand.start)
    if sep == "-" and word:
        if fold_word(word) in _FRENCH_PARTICLES or word[0].islower():
            return True
        if not (joined_ok and ctx.prev_word_start(cand.start) in ctx.candidate_starts):
            return True
    nxt, sep = ctx.next_word(cand.end)
    if sep == "-" and nxt:
        if fold_word(nxt) in _FRENCH_PARTICLES:
            return True
        if nxt[0].isupper() and not (joined_ok and cand.end + 1 in ctx.candidate_starts):
            return True
    return False


def place_feature(ctx: Context, cand: Candidate) -> bool:
    """A lake, river, gulf or street named after a country: "lac Tchad", "golfe de Guinée",
    "Gulf of Mexico", "fleuve Niger", "rue Saint-Martin"."""
    if not _country_name(cand):
        return False
    words = ctx.words_before(cand.start, 3)
    while words and words[-1] in ("of", "the", "de", "du", "d", "la", "l", "des"):
        words.pop()
    return bool(words) and words[-1] in _PLACE_NOUNS


def region(ctx: Context, cand: Candidate) -> bool:
    """Part of a country, written as the country and an adjective of place: "Suisse romande",
    "Allemagne du Sud", "Amérique méridionale"."""
    if not _country_name(cand):
        return False
    after = ctx.words_after(cand.end)
    if not after:
        return False
    first = fold_word(after[0])
    if first in _REGION_ADJECTIVES and after[0][:1].islower():
        return True
    if first in ("du", "de") and len(after) > 1:
        nxt = fold_word(after[1])
        if nxt in ("l",) and len(after) > 2:
            nxt = fold_word(after[2])
        return nxt in _CARDINAL and after[-1][:1].isupper()
    return False


def royal_title(ctx: Context, cand: Candidate) -> bool:
    """A country in a royal or noble title, where French annotators see a person's title: "le
    roi d'Espagne", "la reine Christine d'Espagne", "le prince Michel de Serbie"."""
    if cand.entry.form != "name" or cand.entry.kind != "country":
        return False
    words = ctx.words_before(cand.start, 3)
    if len(words) < 2 or words[-1] not in ("de", "d", "du"):
        return False
    names = 0
    pos = cand.start
    for _ in range(2):  # "d'" then up to two first names before it
        word_start, _sep = ctx._prev(pos)
        if word_start < 0:
            return False
        pos = word_start
    words = ctx.words_before(pos, 3)[::-1]
    for word in words:
        if word in _ROYAL:
            return True
        names += 1
        if names > 1:
            return False
    return False


def currency(ctx: Context, cand: Candidate) -> bool:
    """A country naming a currency: "US$", "US $", "dollars US", "francs Suisse"."""
    if not _country_name(cand):
        return False
    if cand.entry.form == "acronym" and ctx.text[cand.end : cand.end + 3].lstrip().startswith("$"):
        return True
    word, sep = ctx.prev_word(cand.start)
    return sep == " " and fold_word(word) in _CURRENCY


def civility(ctx: Context, cand: Candidate) -> bool:
    """A name after "M.", "Mme", "Mr", "Saint": a person or a saint ("M. Maurice")."""
    if cand.entry.form != "name":
        return False
    word, sep = ctx.prev_word(cand.start)
    return bool(word) and sep != "'" and word[0].isupper() and fold_word(word) in _CIVILITIES


def person_name(ctx: Context, cand: Candidate) -> bool:
    """A country name that is also a first name or a surname, used as one: right before a
    capitalised word or a particle and a capitalised word ("Dominique de Villepin", "Maurice
    Nuss"), or right after a capitalised first name ("François Hollande")."""
    if cand.entry.form != "name":
        return False
    risk = cand.entry.risk
    named = "first name" in risk or "surname" in risk
    if not named and fold_word(ctx.text[cand.start : cand.end]) not in _PERSON_NAMES:
        return False
    nxt, sep = ctx.next_word(cand.end)
    if nxt and sep != "-" and nxt[0].isupper() and fold_word(nxt) not in FUNCTION_WORDS:
        return True
    if ctx.text[cand.end : cand.end + 1].isupper():  # glued to a surname: "MauriceLacroix"
        return True
    after = ctx.text[cand.end : cand.end + 40].split()[:2]
    if len(after) == 2 and fold_word(after[0]) in _PERSON_PARTICLES and after[1][:1].isupper():
        return True
    word, sep = ctx.prev_word(cand.start)
    prev_start = ctx.prev_word_start(cand.start)
    return (
        bool(word)
        and sep == " "
        and _is_capitalised_content(word)
        and fold_word(word) not in TITLES
        and prev_start not in ctx.candidate_starts
    )


def sports_team(ctx: Context, cand: Candidate) -> bool:
    """A national team in a match report ("Argentina's 1-0 win over Switzerland", "Germany
    coach Joachim Löw"): annotators count teams as organizations. In a text about a match, a
    country is a place only after a preposition of place ("in Germany", "au Brésil")."""
    if not _country_name(cand) or not ctx.is_sport:
        return False
    before = ctx.words_before(cand.start, 2)
    while before and before[-1] in ("the", "la", "le", "l", "les"):
        before.pop()
    return not (before and before[-1] in _PLACE_PREPOSITIONS)


def credit_line(ctx: Context, cand: Candidate) -> bool:
    """A news agency in a credit line: "(AFP, Reuters)", "mz/msh (AP, dpa)", "du/AFP/Reuters":
    a byline, not a mention of the agency in the story."""
    if cand.entry.org_kind != "media":
        return False
    text = ctx.text
    open_at = text.rfind("(", max(0, cand.start - 60), cand.start)
    close_at = text.find(")", cand.end, cand.end + 60)
    if open_at >= 0 and close_at >= 0 and "\n" not in text[open_at:close_at]:
        parts = re.split(r"[,/;]", text[open_at + 1 : close_at])
        if all(len(p.split()) <= 2 for p in parts) and len(parts) >= 2:
            return True
    return text[cand.start - 1 : cand.start] == "/" or text[cand.end : cand.end + 1] == "/"


def not_a_state(ctx: Context, cand: Candidate) -> bool:
    """Aliases the registry marks as naming a continent ("America", "Amérique", "Antarctica")
    or a territory that annotators count as a city ("Hong Kong", "Macao")."""
    risk = cand.entry.risk
    if cand.entry.kind != "country" or cand.entry.form != "name":
        return False
    return "continent" in risk or "territory and city" in risk


def building(ctx: Context, cand: Candidate) -> bool:
    """An institution named by its building ("White House", "Kremlin", "Pentagon"), which news
    annotators tag as a place; the registry marks these aliases."""
    return cand.entry.kind == "organization" and "building" in cand.entry.risk


def product(ctx: Context, cand: Candidate) -> bool:
    """A company name before a model number: "Boeing 747", "Airbus A380"."""
    if cand.entry.org_kind != "company":
        return False
    m = re.match(r"[ \t]+[A-Z]{0,2}\d{2,}", ctx.text[cand.end : cand.end + 12])
    return m is not None


# Words that, right before or right after a country, may make one of the guards above fire;
# `quiet` lets a country through without running the guards when none of them is near.
_TRIGGERS_BEFORE = _PLACE_NOUNS | _CURRENCY | _ROYAL | _words("of the de du d des la l le les")
_TRIGGERS_AFTER = _REGION_ADJECTIVES | _PERSON_PARTICLES | _words("du de") | _FOLLOWING_HEADS
_SPACES = " \t\xa0"
_CONNECTORS = _words("of the de du d des la l le les")


def quiet(ctx: Context, cand: Candidate) -> bool:
    """Whether no guard can reject this country match: no hyphen, no capitalised word and no
    trigger word right next to it, not a risky alias, not in a match report. A conservative
    shortcut (the guards give the same answer, more slowly): most matches are "en France",
    "in Germany, ..." and need nothing more."""
    entry = cand.entry
    if entry.kind != "country" or entry.form == "demonym" or entry.risk:
        return False
    text = ctx.text
    start, end = cand.start, cand.end
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before == "-" or after == "-" or after.isupper():
        return False
    if before and (before in _SPACES or before in "'’"):
        word_start, _sep = ctx._prev(start)
        if word_start >= 0:
            word = text[word_start : start - 1].rstrip(".")
            if not word or word[0].isupper():
                return False
            folded = fold_word(word)
            if folded in _TRIGGERS_BEFORE:
                if folded not in _CONNECTORS:
                    return False
                # "golfe de Guinée", "le roi d'Espagne": ask the guards that look further back
                if place_feature(ctx, cand) or royal_title(ctx, cand):
                    return False
    if after and after in _SPACES:
        nxt, _sep = ctx.next_word(end)
        if nxt and (nxt[0].isupper() or fold_word(nxt) in _TRIGGERS_AFTER):
            return False
    if fold_word(text[start:end]) in _PERSON_NAMES:
        return False
    return not ctx.is_sport


GUARDS: dict[str, Guard] = {
    "caps_word": caps_word,
    "after_name_word": after_name_word,
    "before_name_word": before_name_word,
    "inside_longer_name": inside_longer_name,
    "hyphen_compound": hyphen_compound,
    "place_feature": place_feature,
    "region": region,
    "royal_title": royal_title,
    "currency": currency,
    "civility": civility,
    "person_name": person_name,
    "sports_team": sports_team,
    "credit_line": credit_line,
    "building": building,
    "not_a_state": not_a_state,
    "product": product,
}


def _is_country_name(entry: Entry) -> bool:
    return entry.kind == "country" and entry.form != "demonym"


# Which entries each guard can reject at all: the tagger asks only these guards about a match.
APPLIES: dict[str, Callable[[Entry], bool]] = {
    "caps_word": lambda e: e.form == "acronym",
    "after_name_word": _is_country_name,
    "before_name_word": lambda e: e.kind == "country" and e.form == "name",
    "inside_longer_name": lambda e: e.kind == "organization",
    "hyphen_compound": lambda e: e.form != "demonym",
    "place_feature": _is_country_name,
    "region": _is_country_name,
    "currency": _is_country_name,
    "royal_title": lambda e: e.kind == "country" and e.form == "name",
    "civility": lambda e: e.form == "name",
    "person_name": lambda e: e.form == "name",
    "sports_team": _is_country_name,
    "credit_line": lambda e: e.org_kind == "media",
    "building": lambda e: e.kind == "organization" and "building" in e.risk,
    "not_a_state": lambda e: e.kind == "country" and e.form == "name" and bool(e.risk),
    "product": lambda e: e.org_kind == "company",
}
