"""Guards: context tests that reject a registry match which is really something else.

An alias can be a word ("US" in an all-caps headline, "AU" in French capitals), a first name
("Dominique de Villepin", "Maurice Chevalier"), part of a longer proper name ("Anatole France",
"Lake Chad", "Mexico City", "Île-de-France", "Suisse romande"), a royal title ("le roi
d'Espagne"), a currency ("dollars US"), a street ("rue Saint-Martin"), a news agency's byline, a
building ("White House"), a national team in a match report, a city outside the match reports that
name its club by it ("in Dortmund"), part of the name of an affair or a treaty ("l'affaire Elf", "le
traité de l'OMPI"), a newspaper cited or read as a work ("Le Monde, 24 octobre 2006", "publié dans
Le Monde"), a word of another language ("Republicans" in French text), or the qualifier of another
body ("Parti socialiste belge"). What an alias risks is data
(`ambiguous.tsv`, read into `Entry.risk_kinds`); each guard is a named predicate so that its effect
can be measured on its own (`bench/entities_eval.py --guards`). Guards look only at a few words
around the match; `sports_team`, `sport_city` and `inside_event_name` also use words the matcher noted on its
pass (`MARKERS`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import ahocorasick_rs

from tui_reader.entities.companies import FOLDED_FORMS
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
# Common nouns of geography, of addresses and of works that make "<noun> [of|de] <country>" a lake,
# a gulf, a river, a street or a tunnel; and an animal named after a country ("cochon d'Inde").
_PLACE_NOUNS = _words(
    """
    tour lake lac river rivière fleuve gulf golfe sea mer bay baie mount mont cape cap strait détroit
    delta bassin boucle embouchure estuaire basin estuary
    canal channel ocean océan island islands isle isles île îles valley vallée rue avenue boulevard bd
    faubourg
    place quai porte impasse chemin allée square street road tunnel pont bridge cochon cochons
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
    continentale profonde républicaine populaire unifiée nazie hitlérienne franquiste impériale libre
    tsariste soviétique coloniale anglaise française italienne allemande britannique espagnole
    portugaise hollandaise néerlandaise belge turque ottomane latine
    """
)
# English adjectives of a past state ("Nazi Germany") and of a region named after its country
# ("Eastern Germany").
_PAST_STATES = _words("nazi tsarist wartime")
_DIRECTIONS = _words("northern southern eastern western")
_REGION_PREFIXES = _PAST_STATES | _DIRECTIONS
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
_CIVILITIES = _words("m mm mme mmes mlle mr mrs ms miss dr mgr me sir st ste saint sainte san santa")
_RANKS = _words(
    """
    général colonel commandant capitaine lieutenant sergent caporal maréchal amiral docteur
    professeur abbé maître baron comte vicomte marquis duc general colonel captain lieutenant
    sergeant admiral doctor professor
    """
)
# A member of a parliament after its party or its state, no surname: "Tory MPs", "Jordan MP".
_MEMBERS = _words("mp mps mep meps msp msps mla mlas")
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
    football soccer league cup friendly captain teammates referee half-time halftime playoff
    playoffs cricket wicket wickets innings batting bowler rugby tennis basketball
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
_PREV_SEPARATORS = " \t-'’\xa0"
_EVENT_WINDOW = 120  # more than `_MAX_EVENT_WORDS` words of a name
# a score ("4-0", "2 – 1", "1:0"), not part of a date or a time of day ("2010-12-02", "17:00")
_SCORE = re.compile(r"(?<![\d.,:/–-])\d{1,2}\s?(?:[-–]\s?\d{1,2}|:\s?\d)(?![\d.,:/–-]\d|\d)")
_WORD = re.compile(r"\w+", re.UNICODE)
_MODEL = re.compile(r"[ \t]+[A-Z]{0,2}\d{2,}")


def _padded_keys(words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(b" " + key_of(w, keep_case=False).strip(b" ") + b" " for w in words)


# Nouns that open the name of an affair, a war or a treaty ("l'affaire Elf", "la guerre du
# Koweït"); the matcher notes where they are on its pass (`MARKERS`).
EVENT_NOUNS = _words("affaire scandale guerre traité convention")
_SPORT_KEYS = _padded_keys(SPORT_WORDS)
# Words of sport in one language that are common words in another: English "but".
_NOT_SPORT_KEYS = {"en": _padded_keys(_words("but buts"))}
_EVENT_KEYS = _padded_keys(EVENT_NOUNS)
# The words the tagger asks the matcher to note (`TextKeys.markers`).
MARKERS = SPORT_WORDS | EVENT_NOUNS


@cache
def _marker_automaton() -> tuple[ahocorasick_rs.BytesAhoCorasick, list[bytes]]:
    patterns = sorted(_SPORT_KEYS | _EVENT_KEYS)
    return ahocorasick_rs.BytesAhoCorasick(patterns), patterns


def _markers(keys: TextKeys) -> list[tuple[bytes, int]]:
    """The marker words in `keys` as (padded key, start), from the matcher's pass when it ran."""
    if keys.markers is None:  # the matcher was not asked to note them
        automaton, patterns = _marker_automaton()
        found = automaton.find_matches_as_indexes(keys.lower, overlapping=True)
        keys.markers = [(patterns[index], start) for index, start, _ in found]
    return keys.markers


@dataclass
class Context:
    """The text being tagged, with what guards compute once per text."""

    text: str
    lang: str
    candidate_starts: frozenset[int] = field(default_factory=frozenset)
    keys: TextKeys | None = None
    # where a demonym starts -> its country code ("suisse" -> "CH", "German" -> "DE")
    demonym_at: dict[int, str] = field(default_factory=dict)
    # where the name of a sovereign state that is nothing else starts ("Brésil", not "Réunion")
    state_starts: frozenset[int] = field(default_factory=frozenset)
    _sport: bool | None = None
    _business: bool | None = None  # whether a word of business news occurs (`surname_company`)
    _events: list[int] | None = None  # where the event nouns start in the padded key
    _cantons: bool | None = None  # whether the text speaks of cantons
    # country -> the registry entities of the text that name it or a body of it
    # entity id -> its state, its matches and whether it is a party (`_states`)
    _by_state: dict[str, tuple[str, int, bool]] | None = None
    _demonym_ends: dict[int, Candidate] | None = None  # end -> the demonym match ending there
    # (start, end) and entity id -> the registry matches there and of it (`found_at`, `found_of`)
    _by_span: dict[tuple[int, int], list[Candidate]] | None = None
    _by_entity: dict[str, list[Candidate]] | None = None
    # what the guards ask of the whole text, once per entity asked about
    _named_but: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    _most_named_but: dict[str, str] = field(default_factory=dict)
    _inside_sentence: dict[str, bool] = field(default_factory=dict)
    # a name -> where the text first gives it to a person, after a first name (`person_name`)
    _person_named: dict[str, int] = field(default_factory=dict)
    _found_spans: list[tuple[int, int]] | None = None  # the registry matches' spans, sorted
    # the spans of the matches of states' names (no risky alias), sorted (`_listed_with_a_state`)
    _states_by_start: list[tuple[int, int]] | None = None
    _sport_starts: list[int] | None = None  # where the words of sport that place a team start
    _match_ends: frozenset[int] | None = None
    _prev_cache: dict[int, tuple[int, str]] = field(default_factory=dict)
    _next_cache: dict[int, tuple[str, str]] = field(default_factory=dict)
    _before_cache: dict[int, list[str]] = field(default_factory=dict)
    _after_cache: dict[int, list[str]] = field(default_factory=dict)
    # (start, end) of the organization names that a guard rejected as a whole but still as a
    # name: a publication's title or part of a longer name (`_name_kept_whole`), sorted
    whole_names: list[tuple[int, int]] = field(default_factory=list)
    # (start, end) of the names of what is no sovereign state (`not_a_state`): "Polynésie
    # française", "British Virgin Islands"; sorted
    non_states: list[tuple[int, int]] = field(default_factory=list)
    # every registry match of the text, before the guards (`sentence_word`)
    found: list[Candidate] = field(default_factory=list)

    @property
    def is_sport(self) -> bool:
        """Whether the text reads like a match report: a score and several distinct words of
        sport, often."""
        if self._sport is None:
            keys = self.keys or TextKeys.of(self.text)
            ignored = _NOT_SPORT_KEYS.get(self.lang, frozenset())
            hits = [key for key, _ in _markers(keys) if key in _SPORT_KEYS and key not in ignored]
            self._sport = (
                len(set(hits)) >= 4
                and len(hits) * 100 >= keys.lower.count(b" ")
                and bool(_SCORE.search(self.text))
            )
        return self._sport

    def ends_a_match(self, end: int) -> bool:
        """Whether one of the text's registry matches ends at `end`."""
        if self._match_ends is None:
            self._match_ends = frozenset([c.end for c in self.found])
        return end in self._match_ends

    def found_at(self, start: int, end: int) -> list[Candidate]:
        """The text's registry matches of exactly `start`-`end`."""
        if self._by_span is None:
            self._by_span = {}
            for c in self.found:
                self._by_span.setdefault((c.start, c.end), []).append(c)
        return self._by_span.get((start, end), [])

    def found_of(self, entity_id: str) -> list[Candidate]:
        """The text's registry matches of `entity_id`."""
        if self._by_entity is None:
            self._by_entity = {}
            for c in self.found:
                self._by_entity.setdefault(c.entry.entity_id, []).append(c)
        return self._by_entity.get(entity_id, [])

    def sport_starts(self) -> list[int]:
        """Where the text's words of sport that place a team start, in order."""
        if self._sport_starts is None:
            keys = self.keys or TextKeys.of(self.text)
            self._sport_starts = sorted(
                start
                for key, start in _markers(keys)
                if key in _SPORT_KEYS and key not in _CLUB_KEYS_IN_SPORT
            )
        return self._sport_starts

    def named_inside_a_sentence(self, entity_id: str) -> bool:
        """Whether one of the text's registry matches of `entity_id` does not open a sentence."""
        inside = self._inside_sentence.get(entity_id)
        if inside is None:
            inside = any(not _opens_sentence(self.text, c.start) for c in self.found_of(entity_id))
            self._inside_sentence[entity_id] = inside
        return inside

    def demonym_ending_at(self, end: int) -> Candidate | None:
        """The registry's demonym match that ends at `end`, if any."""
        if self._demonym_ends is None:
            self._demonym_ends = {c.end: c for c in self.found if c.entry.form == "demonym"}
        return self._demonym_ends.get(end)

    def _states(self) -> dict[str, tuple[str, int, bool]]:
        """Entity id -> the state it is or belongs to, its number of matches in the text, and
        whether it is a party: for the text's registry matches that name a state or its bodies
        (built once per text)."""
        if self._by_state is None:
            self._by_state = {}
            for c in self.found:
                e = c.entry
                code = e.entity_id[8:] if e.kind == "country" else e.country
                if code:
                    seen = self._by_state.get(e.entity_id)
                    count = seen[1] + 1 if seen else 1
                    self._by_state[e.entity_id] = (
                        code,
                        count,
                        e.kind == "organization" and e.org_kind == "party",
                    )
        return self._by_state

    def countries_named(self, but: str) -> tuple[set[str], set[str]]:
        """The countries that the text's registry matches name (names and demonyms), and those
        whose bodies they name, the entity `but` left out."""
        if but not in self._named_but:
            states = self._states()
            named = {code for entity_id, (code, _, _) in states.items() if entity_id.startswith("country:")}
            bodies = {code for entity_id, (code, _, _) in states.items() if entity_id != but}
            self._named_but[but] = named, bodies
        return self._named_but[but]

    def parties_by_state(self, but: str) -> dict[str, set[str]]:
        """The parties the text's registry matches name, by state, the entity `but` left out."""
        out: dict[str, set[str]] = {}
        for entity_id, (code, _, party) in self._states().items():
            if party:
                ids = out.setdefault(code, set())
                if entity_id != but:
                    ids.add(entity_id)
        return out

    def most_named_state(self, but: str) -> str:
        """The state that the text's registry matches name most often (its names, demonyms and
        bodies), the entity `but` left out; "" when none does or two tie."""
        if but not in self._most_named_but:
            self._most_named_but[but] = self._most_named_state(but)
        return self._most_named_but[but]

    def _most_named_state(self, but: str) -> str:
        counts: dict[str, int] = {}
        for entity_id, (code, n, _) in self._states().items():
            if entity_id != but:
                counts[code] = counts.get(code, 0) + n
        if not counts:
            return ""
        ranked = sorted(counts.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            return ""
        return max(counts, key=counts.__getitem__)

    def event_noun_before(self, pos: int, window: int = _EVENT_WINDOW) -> bool:
        """Whether a noun that opens the name of an affair, a war or a treaty ends in the
        `window` characters before `pos` (`inside_event_name` looks further only then)."""
        if self._events is None:
            keys = self.keys or TextKeys.of(self.text)
            self._events = sorted(start for key, start in _markers(keys) if key in _EVENT_KEYS)
        i = bisect.bisect_left(self._events, pos - window)
        return i < len(self._events) and self._events[i] < pos

    def prev_word(self, start: int) -> tuple[str, str]:
        """The word just before `start` and what separates them (" ", "-", "'", or ". " when a
        full stop ends the word: "M. Maurice" gives ("M", ". ")), or ("", "")."""
        cached = self._prev_cache.get(start)
        if cached is None:
            cached = self._prev_cache[start] = self._find_prev(start)
        word_start, sep = cached
        if word_start < 0:
            return "", ""
        return self.text[word_start : start - len(sep)], sep

    def sentence_start(self, pos: int) -> bool:
        """Whether the word at `pos` opens a sentence, a line, a quotation or the text."""
        return _opens_sentence(self.text, pos, _OPENING_MARKS)

    def prev_word_start(self, start: int) -> int:
        cached = self._prev_cache.get(start)
        if cached is None:
            cached = self._prev_cache[start] = self._find_prev(start)
        return cached[0]

    def _prev(self, start: int) -> tuple[int, str]:
        cached = self._prev_cache.get(start)
        if cached is None:
            cached = self._prev_cache[start] = self._find_prev(start)
        return cached

    def _find_prev(self, start: int) -> tuple[int, str]:
        text = self.text
        if start < 2 or text[start - 1] not in _PREV_SEPARATORS:
            return -1, ""
        sep = text[start - 1]
        end = start - 1
        if text[end - 1] == "." and sep in _SPACES:
            end -= 1
            sep = ". "
        keys = self.keys
        if keys is not None:
            # in the padded key every non-word character is a space, and padded[i] stands for
            # text[i - 1]: the space found last before `end` sits right before the word
            i = max(keys.lower.rfind(b" ", 0, end + 1), end - 40)
        else:
            i = end
            while i > 0 and end - i < 40 and text[i - 1].isalnum():
                i -= 1
        return (i, sep) if i < end else (-1, "")

    def words_before(self, start: int, n: int) -> list[str]:
        """Up to `n` (3 at most) words before `start`, folded, nearest last, across spaces,
        hyphens and apostrophes only (punctuation ends the phrase)."""
        words = self._before_cache.get(start)
        if words is None:
            words = self._before_cache[start] = self._words_before(start)
        return words[-n:]

    def _words_before(self, start: int) -> list[str]:
        """`words_before(start, 3)`: the steps of `_find_prev`, three times over."""
        text = self.text
        keys = self.keys
        if keys is None:
            words: list[str] = []
            pos = start
            while len(words) < 3:
                word_start, sep = self._prev(pos)
                if word_start < 0:
                    break
                words.append(fold_word(text[word_start : pos - len(sep)]))
                pos = word_start
            words.reverse()
            return words
        lower = keys.lower
        found: list[str] = []
        pos = start
        while len(found) < 3 and pos >= 2:
            sep = text[pos - 1]
            if sep not in _PREV_SEPARATORS:
                break
            end = pos - 1
            if text[end - 1] == "." and sep in _SPACES:
                end -= 1
            i = lower.rfind(b" ", 0, end + 1)
            if i < end - 40:
                i = end - 40
            if i >= end:
                break
            found.append(fold_word(text[i:end]))
            pos = i
        found.reverse()
        return found

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
        i = end + 1
        keys = self.keys
        if keys is not None:
            j = min(keys.lower.find(b" ", i + 1) - 1, i + 40)
        else:
            j = i
            while j < len(text) and j - i < 40 and text[j].isalnum():
                j += 1
        return (text[i:j], text[end]) if j > i else ("", "")

    def caps_context(self, start: int, end: int) -> bool:
        """Whether `start:end` sits among words set in capitals: a neighbouring word of three
        letters or more in capitals, or no lowercase word around it on its line."""
        # only the 40 characters on each side are read: the line's ends are looked for there
        line_start = self.text.rfind("\n", max(0, start - 40), start) + 1
        line_end = self.text.find("\n", end, end + 40)
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
    """An acronym that is also a short word ("US", "AU", "UN", "IS") inside capitals, or set in
    capitals for emphasis or by OCR in a sentence where it is the word (see `_the_word`)."""
    if cand.entry.form != "acronym":
        return False
    word = fold_word(cand.entry.text)
    if word not in _CAPS_WORDS and "caps-word" not in cand.entry.risk_kinds:
        return False
    return ctx.caps_context(cand.start, cand.end) or _the_word(ctx, cand, word)


# Words before "IS", and after it, that make it the verb: "there IS something new", "it really
# IS a problem" (but "what IS fighters did" names the group).
_BEFORE_VERB_IS = _words("there it this what here really truly certainly definitely indeed also still just")
_AFTER_VERB_IS = _words(
    "a an the not no so very too going being something nothing still now just really also all what about"
)
# Verbs before "US", and words after it, that make it the pronoun: "tell US more", "let US know".
_BEFORE_PRONOUN_US = _words(
    "tell told let give gave show showed join help helped ask asked send sent teach taught bring brought"
)
_AFTER_PRONOUN_US = _words("more about that what how why know now again all up out back a an the")
# A word before and a word after a two-letter word in capitals that make it a number OCR
# misread: "aged IS years", "about IS months".
_BEFORE_NUMBER = _words("aged about")
_NUMBER_NOUNS = _words("years months weeks days hours minutes")


def _the_word(ctx: Context, cand: Candidate, word: str) -> bool:
    """Whether an acronym that is also a word ("IS", "US"), between lowercase words, is that
    word: the verb after a word that announces it ("there IS"), the pronoun between a verb and
    a word that follows pronouns ("tell US more"), or a number OCR misread before a unit
    ("aged IS years")."""
    before, sep_before = ctx.prev_word(cand.start)
    if not before or sep_before != " " or not any(ch.islower() for ch in before):
        return False
    after, sep_after = ctx.next_word(cand.end)
    after = fold_word(after) if sep_after == " " else ""
    before = fold_word(before)
    if word == "is" and before in _BEFORE_VERB_IS:
        return after in _AFTER_VERB_IS
    if word == "us" and before in _BEFORE_PRONOUN_US:
        return after in _AFTER_PRONOUN_US or not after
    return len(word) == 2 and before in _BEFORE_NUMBER and after in _NUMBER_NOUNS


def caps_name(ctx: Context, cand: Candidate) -> bool:
    """An organization whose name is also a word ("Total", "Shell", "Apple"), written in
    capitals: only its capital initial told the name from the word, and capitals hide it
    ("TOTAL........ 1,681,666 fr.")."""
    if cand.entry.kind != "organization" or "word" not in cand.entry.risk_kinds:
        return False
    surface = ctx.text[cand.start : cand.end]
    return len(surface) > 1 and surface.isupper() and not cand.entry.text.isupper()


# Words of business news and of motor racing: a text that speaks of a company uses some ("le
# constructeur", "ses usines", "the carmaker's shares", "the Ferrari team"); a story where
# "Renault" is a man's name uses none.
_BUSINESS_WORDS = _words(
    """
    société sociétés groupe groupes entreprise entreprises firme firmes constructeur constructeurs
    usine usines marque marques filiale filiales actionnaire actionnaires actions bourse pdg
    dirigeant dirigeants patron salariés emplois chiffre ventes clients produits production
    fabricant fabricants laboratoire laboratoires automobile automobiles véhicule véhicules
    voitures modèle modèles film films cinéma industriel industriels commercial commerciale
    company companies group firm maker makers manufacturer carmaker automaker plant plants
    factory factories brand brands shares shareholders investors stock ceo executive executives
    employees workers jobs sales revenue profit profits customers products vehicles cars models
    subsidiary chairman market contrat contrats contract contracts bénéfice bénéfices pertes
    résultats
    écurie écuries pilote pilotes team teams season race races driver drivers formula
    """
)
_BUSINESS = re.compile(
    rb"(?<= )(?:"
    + b"|".join(sorted(re.escape(key_of(w, keep_case=False).strip(b" ")) for w in _BUSINESS_WORDS))
    + rb")(?= )"
)


# What a person's name before it makes a term of office: "the Ford administration".
_TERM_OF_OFFICE = _words("administration presidency era years")


def surname_company(ctx: Context, cand: Candidate) -> bool:
    """A company named after a family ("Renault", "Michelin", "Pathé"), in a text with no word of
    business: the name is a person's ("trouva Renault caché sous l'escalier")."""
    entry = cand.entry
    if entry.org_kind != "company" or "surname" not in entry.risk_kinds:
        return False
    nxt, sep = ctx.next_word(cand.end)
    if sep == " " and fold_word(nxt) in _TERM_OF_OFFICE:
        return True  # "in the Ford administration": a president's, in any news
    if ctx._business is None:
        keys = ctx.keys or TextKeys.of(ctx.text)
        ctx._business = _BUSINESS.search(keys.lower) is not None
    return not ctx._business


def after_name_word(ctx: Context, cand: Candidate) -> bool:
    """A country right after a capitalised word of a longer name ("Anatole France", "Michael
    Jordan", "Lake Chad", "East Germany", "AS Monaco", "NORTH AMERICA"); a demonym that is also
    a word, there ("North Pole")."""
    if not _country_name(cand) and not _word_demonym(cand.entry):
        return False
    word, sep = ctx.prev_word(cand.start)
    if not word or sep not in (" ", "\t", "\xa0") or not _is_capitalised_content(word):
        return False
    prev_start = ctx.prev_word_start(cand.start)
    if prev_start in ctx.candidate_starts:
        # a company's branch in the country is named after both ("NEC France", "HP Espagne")
        # (not one whose name is also a word: "Total U.S. slab zinc stocks")
        return cand.entry.form != "demonym" and any(
            c.entry.org_kind == "company" and c.entry.risk_kinds.isdisjoint(_WORD_RISKS)
            for c in ctx.found_at(prev_start, prev_start + len(word))
        )
    if fold_word(word) in TITLES:
        return False
    if ctx.sentence_start(prev_start) and not word.isupper():
        # "Besides Egypt", "Catholic France": a capital that opens the sentence; not "New"
        # before a name of its own ("New Guinea", but "New Russia-Ukraine gas row")
        if fold_word(word) not in _NEW or ctx.text.startswith("-", cand.end):
            return False
    if word.isupper() and not ctx.text[cand.start : cand.end].isupper() and len(word) > 3:
        return False  # an acronym before a country: "NATO Turkey", "EU Germany"
    if word.isupper() and cand.entry.form == "acronym" and fold_word(word) not in _DIRECTIONS:
        return False  # a line in capitals: "TÉLÉGRAMMES USA : CHAISE ÉLECTRIQUE"
    return True


_WORD_RISKS = frozenset(("word", "caps-word"))
# "New" opens a place named after an older one, at the start of a sentence too: "New Guinea",
# "New Mexico", "New Ireland".
_NEW = _words("new nouvelle nouveau")


def _word_demonym(entry: Entry) -> bool:
    return entry.form == "demonym" and "word" in entry.risk_kinds


def before_name_word(ctx: Context, cand: Candidate) -> bool:
    """A country name right before a capitalised word that is neither a title nor a known
    entity: "Mexico City", "France Libre", "Panama Papers", "Suisse Romande". Acronyms stay in
    English ("US Geological Survey" names the country), not in French, where the words after
    them are an English name ("l'U.S. Census Bureau", "la UK Independence Party"); a country
    opening a headline in title case stays too ("Iran Issues Enrichment Threat")."""
    if cand.entry.kind != "country":
        return False
    acronym = cand.entry.form == "acronym"
    if not (cand.entry.form == "name" or (acronym and ctx.lang == "fr")):
        return False
    nxt, sep = ctx.next_word(cand.end)
    if not nxt or sep == "-" or not nxt[0].isupper() or nxt.isupper():
        return False
    if acronym and ctx.words_before(cand.start, 1) and ctx.words_before(cand.start, 1)[0] in TITLES:
        return False  # "le président US Barack Obama"
    folded = fold_word(nxt)
    if folded in _FOLLOWING_HEADS:
        return True
    if folded in FUNCTION_WORDS or folded in TITLES or folded in _CALENDAR:
        return False
    if ctx.sentence_start(cand.start) and ctx.lang != "fr":
        return False  # English headlines capitalise every word
    if cand.end + 1 in ctx.candidate_starts:
        return False
    # a French title ends with the country and the person's name follows: "le procureur des
    # États-Unis Michael Moore", "l'ambassadeur de France Jean Dupont"; or the place of a clause
    # whose subject follows with no comma: "à Costa Rica Víctor Bolívar en a un"
    return not (
        ctx.lang == "fr"
        and ctx.words_before(cand.start, 1) in _BEFORE_A_PERSON
        and _PERSON_AFTER.match(ctx.text, cand.end) is not None
    )


def inside_longer_name(ctx: Context, cand: Candidate) -> bool:
    """An organization right before a capitalised word that is neither a title, a person's role
    ("EU Commissioner") nor a known entity: part of a longer name the registry lacks ("Google
    Street View", "United Nations Volunteers Programme", "FIFA World Cup", "Allianz Arena")."""
    if cand.entry.kind != "organization" or cand.part:
        return False
    nxt, sep = ctx.next_word(cand.end)
    if not nxt or sep not in (" ", "\t", "\xa0") or not nxt[0].isupper() or nxt.isupper():
        return False
    folded = fold_word(nxt)
    if folded in FUNCTION_WORDS or folded in TITLES or folded in _CALENDAR or folded in FOLDED_FORMS:
        return False  # a legal form ends the name it follows ("Pfizer Inc"): `companies`
    if folded in ROLES or folded in _OWN_KIND_WORDS.get(cand.entry.org_kind, ()):
        return False  # "Alternative for Germany Party", "Volkswagen Group": the body itself
    if ctx.sentence_start(cand.start) and ctx.lang != "fr" and cand.entry.form == "name":
        return False
    if cand.end + 1 in ctx.candidate_starts:
        return False
    if ctx.lang == "fr" and _title_of_person(ctx, cand):
        return False
    if ctx.lang == "fr" and cand.entry.form == "acronym" and _PERSON_AFTER.match(ctx.text, cand.end):
        return False  # "le groupe SPD Torsten Schäfer-Gümbel": no French name goes on so
    return _name_kept_whole(ctx, cand)


# The word for a body's kind after its name, which names the body itself: "the Likud Party",
# "the Volkswagen Group".
_OWN_KIND_WORDS = {"party": _words("party"), "company": _words("group")}
# Words of people's roles after a body's name: "Bundestag President", "Reuters Chief".
ROLES = (
    _words(
        """
    president chairman chairwoman spokesman spokeswoman spokesperson chief leader leaders minister
    secretary head official officials commissioner commissioners envoy envoys ambassador ambassadors
    member members director ceo executive boss deputy vice governor governors professor professors
    président présidente ministre porte-parole directeur directrice secrétaire chef membre membres
    """
    )
    | _MEMBERS
)


def inside_capitalised_name(ctx: Context, cand: Candidate) -> bool:
    """An organization named by one word between two capitalised words that the registry does
    not know: a word of a longer name ("National Liberation Army", "National Resistance
    Army", "Thomson Reuters Foundation"), not the newspaper Libération or the Résistance."""
    entry = cand.entry
    if entry.kind != "organization" or entry.form != "name" or " " in entry.text or cand.part:
        return False
    nxt, sep_next = ctx.next_word(cand.end)
    if not nxt or sep_next not in _SPACES or not _is_capitalised_content(nxt) or nxt.isupper():
        return False
    prev, sep = ctx.prev_word(cand.start)
    if not prev or sep not in _SPACES or not _is_capitalised_content(prev) or prev.isupper():
        return False
    prev_start = ctx.prev_word_start(cand.start)
    return not (
        fold_word(nxt) in ROLES
        or fold_word(nxt) in FOLDED_FORMS
        or fold_word(prev) in FUNCTION_WORDS  # "The Liberation ...", "In Resistance ..."
        or prev_start in ctx.demonym_at
        or prev_start in ctx.candidate_starts
        or cand.end + len(sep_next) in ctx.candidate_starts
    )


def _name_kept_whole(ctx: Context, cand: Candidate, end: int = -1) -> bool:
    """Note that a guard rejects `cand` as an organization but reads it as one name all the
    same (a publication's title, part of a longer name): a country inside it ("sur France 2",
    "France 3 Alsace", "Daily Mirror of Sri Lanka, 2001") is then no mention either
    (`inside_whole_name`). The name ends at `end` when the guard read it further than the match
    ("Daily Mirror of Sri Lanka"). Returns True, the guard's answer."""
    bisect.insort(ctx.whole_names, (cand.start, max(end, cand.end)))
    return True


def inside_whole_name(ctx: Context, cand: Candidate) -> bool:
    """A country inside an organization's name that another guard read as one name and
    rejected: the title of a newspaper or a channel read as the publication ("vu sur France 2",
    "Daily Mirror of Sri Lanka, 2001"), or part of a longer name ("France 3 Alsace")."""
    if not ctx.whole_names or cand.entry.kind != "country":
        return False
    start, end = cand.start, cand.end
    names = ctx.whole_names
    i = bisect.bisect_right(names, (start, len(ctx.text)))
    while i > 0:
        i -= 1
        name_start, name_end = names[i]
        if name_start < start - _LONGEST_WHOLE_NAME:
            return False
        if end <= name_end and (name_start, name_end) != (start, end):
            return True
    return False


# Longer than any name a guard keeps whole: how far back `inside_whole_name` looks.
_LONGEST_WHOLE_NAME = 400


# A first name (maybe compound) and a surname: "René Imbot", "Jean-Louis Debré".
_PERSON_AFTER = re.compile(
    r"[ \t]+[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"  # the first name
    # the surname, or a monarch's number ("le roi du Maroc Mohammed VI", "Napoléon Ier")
    r"[ \t]+(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:[-'][A-Za-zÀ-ÿ][a-zà-ÿ]+)*|[IVX]+(?:er|e)?)(?=[\s,.;:)!?]|$)"
)
_OF_OR_AT = _words("de du des d à au aux")
_BEFORE_A_PERSON = [[word] for word in ("de", "des", "du", "d", "a", "au", "aux", "en")]  # folded


def _title_of_person(ctx: Context, cand: Candidate) -> bool:
    """Whether a French organization ends a person's title and the person's name follows: "le
    directeur de la DGSE René Imbot", "le président du Conseil constitutionnel Jean-Louis
    Debré". French names do not go on with a person's name, so the organization stays."""
    words = ctx.words_before(cand.start, 2)
    if words and words[-1] in ("la", "le", "l", "les"):
        words = words[:-1]
    if not words or words[-1] not in _OF_OR_AT:
        return False
    return _PERSON_AFTER.match(ctx.text, cand.end) is not None


def amount(ctx: Context, cand: Candidate) -> bool:
    """A name that opens with a digit ("3M", "7-Eleven") read inside an amount: after a number's
    decimal point or comma ("11,3M$"), or next to a currency sign ("3M$", "$3M"): three million."""
    text = ctx.text
    start, end = cand.start, cand.end
    if start >= 2 and text[start - 1] in ",." and text[start - 2].isdigit():
        return True
    return text[end : end + 1] in _CURRENCY_SIGNS or text[start - 1 : start] in _CURRENCY_SIGNS


_CURRENCY_SIGNS = frozenset("$€£¥")


def score(ctx: Context, cand: Candidate) -> bool:
    """A name that ends with a number ("France 2", "Mainz 05") whose number opens a score: "la
    France 2-1", "beat Mainz 05:3" name a team and its goals."""
    text = ctx.text
    end = cand.end
    return text[end : end + 1] in _SCORE_DASHES and text[end + 1 : end + 2].isdigit()


_SCORE_DASHES = frozenset("-–:")


def hyphen_compound(ctx: Context, cand: Candidate) -> bool:
    """A country inside a hyphenated name: "Île-de-France", "Saint-Maurice", "France-Musique",
    "Indo-Chine", "Hans-Olaf" (but "DGSN-DGST" or "France-Allemagne" join two entities and
    stay)."""
    if cand.entry.form == "demonym":
        return False
    text = ctx.text
    if text[cand.start - 1 : cand.start] != "-" and text[cand.end : cand.end + 1] != "-":
        return False
    if text[cand.start - 2 : cand.start] == "--" or text[cand.end : cand.end + 2] == "--":
        return _doubled_hyphen_compound(ctx, cand)
    # organizations joined together stay apart ("DGSN-DGST"), and so do countries joined for
    # relations or a match ("US-Russia talks", "la guerre Iran-Irak", "la finale France-Brésil";
    # in French only with a state that is nothing else on the other side: "Colombie-Britannique",
    # "Maurice-Réunion" are compounds), unless the two make one state ("Autriche-Hongrie")
    if _in_compound_state(ctx, cand):
        return True
    joined_ok = cand.entry.kind == "organization" or ctx.lang == "en"
    joined = ctx.candidate_starts if joined_ok else ctx.state_starts
    if cand.entry.kind == "country" and ctx.lang == "fr":
        joined_ok = True
    word, sep = ctx.prev_word(cand.start)
    if sep == "-" and word and fold_word(word) not in _STANCE_PREFIXES:
        if fold_word(word) in _FRENCH_PARTICLES or word[0].islower():
            return True
        if not (joined_ok and ctx.prev_word_start(cand.start) in joined):
            return True
    nxt, sep = ctx.next_word(cand.end)
    if sep == "-" and nxt:
        if fold_word(nxt) in _FRENCH_PARTICLES:
            return True
        if (
            nxt[0].islower()
            and ctx.lang == "fr"
            and (cand.entry.kind == "country" or cand.entry.form == "name")
        ):
            # "Suisse-musique" (a radio channel), "Parti radical-socialiste" (another party);
            # English "US-led" or "UN-backed" names the country or the body
            return True
        if nxt[0].isupper() and not (joined_ok and cand.end + 1 in joined):
            return True
    return False


# Prefixes that say for, against or formerly, and leave the name after them whole: "anti-EU",
# "pro-Russia", "ex-CIA", "then-US", "non-EU", "l'ex-URSS", "anti-OTAN".
_STANCE_PREFIXES = _words("anti pro ex non post pre pré then")


# States named by two countries joined: neither country is meant alone.
_COMPOUND_STATES = re.compile(
    r"(?:Autriche-Hongrie|Austria-Hungary|Serbie-Mont[ée]n[ée]gro|Serbia-Montenegro)(?![^\W\d_])",
    re.IGNORECASE,
)


def _in_compound_state(ctx: Context, cand: Candidate) -> bool:
    text = ctx.text
    for start in (cand.start, ctx.prev_word_start(cand.start)):
        if start >= 0 and _COMPOUND_STATES.match(text, start):
            return True
    return False


_WORD_BEFORE_END = re.compile(r"[^\W\d_]+$")
_WORD_AT_START = re.compile(r"[^\W\d_]+")


def _doubled_hyphen_compound(ctx: Context, cand: Candidate) -> bool:
    """A name joined by the doubled hyphen OCR leaves at a line break ("Radio--Luxembourg",
    "Paris--P.T.T."): a compound when the word on the other side is capitalised and names
    nothing itself."""
    text = ctx.text
    if text[cand.start - 2 : cand.start] == "--":
        before = _WORD_BEFORE_END.search(text, max(0, cand.start - 42), cand.start - 2)
        if before is not None and before.group()[0].isupper() and before.start() not in ctx.candidate_starts:
            return True
    if text[cand.end : cand.end + 2] == "--":
        after = _WORD_AT_START.match(text, cand.end + 2)
        if after is not None and after.group()[0].isupper() and after.start() not in ctx.candidate_starts:
            return True
    return False


def place_feature(ctx: Context, cand: Candidate) -> bool:
    """A lake, river, gulf, valley or street named after a country: "lac Tchad", "golfe de
    Guinée", "Gulf of Mexico", "fleuve Niger", "rue Saint-Martin", and the State of Mexico; a
    people's name after such a noun and "de" names the street too ("rue de Suisse", "rue des
    Anglais"), where an adjective right after the noun stays a demonym ("les îles grecques"). A
    country after "place" and an article is the country's rank or role ("la place de la Suisse
    dans le plan", "la place du Kenya dans l'économie"), where "place d'Italie" is a square."""
    entry = cand.entry
    if entry.kind != "country":
        return False
    if entry.form == "name":
        nxt, sep = ctx.next_word(cand.end)
        if sep == " " and fold_word(nxt) in _PLACE_NOUNS_AFTER:
            return True  # "the Niger delta", "the Congo River", "the Jordan Valley"
        if entry.entity_id in _CITY_STATES_NAMESAKES and _CITY_OF.search(
            ctx.text, max(0, cand.start - _CITY_OF_REACH), cand.start
        ):
            return True  # "la ville de Luxembourg", "the city of Kuwait"
        if sep == " " and nxt.lower() == "city" and entry.entity_id in _CITY_STATES_NAMESAKES:
            return True  # "Djibouti city" (a capital C makes the registry's "Mexico City")
    words = ctx.words_before(cand.start, 3)
    links: list[str] = []
    while words and words[-1] in _PLACE_LINKS:
        links.append(words.pop())
    if not words:
        return False
    if entry.form == "demonym" and (
        not links or links[0] not in _FRENCH_OF or not ctx.text[cand.start].isupper()
    ):
        return False
    if words[-1] == "place" and not _ROLE_LINKS.isdisjoint(links):
        return False
    if words[-1] in _STATE_NOUNS:
        return cand.entry.entity_id in _COUNTRIES_WITH_A_NAMESAKE_STATE
    if words[-1] == "stade":
        # a stadium's name ("le Stade de France"), not the biggest "stade de Thaïlande"
        return ctx.text.rfind("Stade", max(0, cand.start - 12), cand.start) >= 0
    if words[-1] == "tour":
        # a race ("le Tour de France", "le Tour du Maroc", "le tour d'Italie"), not a journey
        # round the country ("faire le tour de la République tchèque", "le tour du Maroc")
        if ctx.text.rfind("Tour", max(0, cand.start - 12), cand.start) >= 0:
            return True
        return links in ([], ["de"], ["d"])
    return words[-1] in _PLACE_NOUNS


# Nouns of a river's or a land's part after a name that is a country's: "the Niger delta".
_PLACE_NOUNS_AFTER = _words("delta river basin valley estuary")
# A federation with a state of its own name: "the State of Mexico" (Estado de México) is one of
# Mexico's states, and "the state of Georgia" one of the United States', where "the State of
# Israel" and "l'État du Koweït" are the country.
_STATE_NOUNS = frozenset(("state", "etat", "estado"))
_COUNTRIES_WITH_A_NAMESAKE_STATE = frozenset(("country:MX", "country:GE"))
# Countries that French names with an article ("le Luxembourg", "au Koweït") and whose capital
# has the country's name: after "à", without the article, the name is the city ("il vit à
# Luxembourg", "arrivé à Koweït"), where "à Singapour" or "à Djibouti" may be either.
_NAMESAKE_CAPITALS = frozenset(("country:LU", "country:KW", "country:PA", "country:GT", "country:SV"))
# Countries whose capital has the country's name (Vatican City is the state itself).
_CITY_STATES_NAMESAKES = frozenset(
    f"country:{code}" for code in ("LU", "KW", "PA", "GT", "MX", "DJ", "SG", "SM", "MC")
)
# "city of", "ville de" right before a name: the city, not the country.
_CITY_OF = re.compile(r"(?<![\w-])(?:[Cc]ity[ \t]+of(?:[ \t]+the)?[ \t]+|[Vv]ille[ \t]+d(?:e[ \t]+|['’]))\Z")
_CITY_OF_REACH = 16


def namesake_capital(ctx: Context, cand: Candidate) -> bool:
    """A French country name that takes an article, right after "à": its capital of the same
    name ("à Luxembourg", "à Panama"); the country is "au Luxembourg", "au Panama"."""
    if ctx.lang != "fr" or cand.entry.form != "name" or cand.entry.entity_id not in _NAMESAKE_CAPITALS:
        return False
    word, sep = ctx.prev_word(cand.start)
    return sep == " " and word.lower() == "à"


# The words that make a people's name after a place noun the place's name ("rue des Anglais").
_FRENCH_OF = frozenset(("de", "des", "d"))
# The articles between "place" and a country that make it a rank or a role ("la place du Kenya").
_ROLE_LINKS = frozenset(("la", "l", "du", "des"))


# The words between a place noun and the country (`place_feature`): "golfe de Guinée", "Gulf of
# Mexico"; a royal title ends with three of them ("de", "d'", "du").
_PLACE_LINKS = frozenset(("of", "the", "de", "du", "d", "la", "l", "des"))


def region(ctx: Context, cand: Candidate) -> bool:
    """Part of a country, written as the country and an adjective of place: "Suisse romande",
    "Allemagne du Sud", "Amérique méridionale", "northern Italy", "Nazi Germany"."""
    if not _country_name(cand):
        return False
    word, sep = ctx.prev_word(cand.start)
    if sep == " " and word:
        folded = fold_word(word)
        if folded in _PAST_STATES:
            return True
        # "Eastern Germany" as a region's name; "eastern Germany" is the country
        if (
            folded in _DIRECTIONS
            and word[0].isupper()
            and not ctx.sentence_start(ctx.prev_word_start(cand.start))
        ):
            return True
    glued = _GLUED_WORD.match(ctx.text, cand.end)
    if glued is not None and fold_word(glued.group()) in _REGION_ADJECTIVES:
        return True  # "SuisseRomande": OCR glued the adjective, with its capital, to the name
    broken = _BROKEN_WORD.match(ctx.text, cand.end)
    if broken is not None and fold_word(broken.group(1).replace("\u00ac", "")) in _REGION_ADJECTIVES:
        return broken.group(1)[:1].islower()  # "Espagne ré¬publicaine": a word broken by OCR
    after = ctx.words_after(cand.end)
    if not after:
        return False
    first = fold_word(after[0])
    if first in _REGION_ADJECTIVES and after[0][:1].islower():
        return True
    if first in ("du", "de") and len(after) > 1:
        nxt = fold_word(after[1])
        cardinal = after[1]
        if nxt in ("l",) and len(after) > 2:
            cardinal = after[2]
            nxt = fold_word(cardinal)
        return nxt in _CARDINAL and cardinal[:1].isupper()
    return False


_GLUED_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+")
_BROKEN_WORD = re.compile(r"[ \t\xa0]+([^\W\d_]+(?:\u00ac[^\W\d_]+)+)")


def royal_title(ctx: Context, cand: Candidate) -> bool:
    """A country in a royal or noble title with the person's name, where annotators see a
    person: "la reine Christine d'Espagne", "le prince Michel de Serbie", "la reine de Portugal,
    D. Maria". The bare title ("le roi d'Espagne", "l'empereur d'Autriche") names the country."""
    if cand.entry.form != "name" or cand.entry.kind != "country":
        return False
    words = ctx.words_before(cand.start, 3)
    if len(words) < 2 or words[-1] not in ("de", "d", "du"):
        return False
    if words[-2] in _ROYAL:
        return _apposed_name(ctx, cand.end)
    de_start = ctx.prev_word_start(cand.start)
    name, _sep = ctx.prev_word(de_start)
    if not name[:1].isupper():
        return False
    if len(words) >= 3 and words[-3] in _ROYAL:
        return True
    # a compound first name: "la grande-duchesse Marie-Adélaïde de Luxembourg" (OCR may break
    # it with "¬" at a line's end)
    start = ctx.prev_word_start(de_start)
    if start < 1 or ctx.text[start - 1] not in ("-", "\u00ac"):
        return False
    first_start = start - 1
    while first_start > 0 and ctx.text[first_start - 1].isalpha():
        first_start -= 1
    if not ctx.text[first_start : first_start + 1].isupper():
        return False
    title, _sep = ctx.prev_word(first_start)
    return fold_word(title) in _ROYAL


# Nouns that open a newspaper's title before "de" or "of": "la Gazette d'Italie", "le Courrier
# de l'Égypte", "The Gazette of India".
_PUBLICATION_HEADS = _words(
    """
    gazette courrier journal mercure moniteur messager écho nouvelliste mémorial quotidien
    courier herald chronicle
    """
)


def publication_title(ctx: Context, cand: Candidate) -> bool:
    """A country ending a newspaper's title, after its capitalised head and "de" or "of" ("la
    Gazette d'Italie", "le Courrier de l'Égypte", "leJournal de Russie" as OCR glued it, "The
    Gazette of India"): the title names the paper, which annotators tag whole or not at all."""
    if cand.entry.form != "name" or cand.entry.kind != "country":
        return False
    word, _sep = ctx.prev_word(cand.start)
    at = ctx.prev_word_start(cand.start)
    if fold_word(word) in ("la", "l", "the"):
        word, _sep = ctx.prev_word(at)
        at = ctx.prev_word_start(at)
    if fold_word(word) not in _TITLE_OF:
        return False
    head, sep = ctx.prev_word(at)
    if sep not in _SPACES:
        return False
    folded = fold_word(head)
    for noun in _PUBLICATION_HEADS:
        if folded.endswith(noun):
            # the noun's capital, wherever OCR glued it ("leJournal"); the word's first letter
            # when folding changed the word's length
            at = len(head) - len(noun) if len(folded) == len(head) else 0
            return head[at].isupper()
    return False


_TITLE_OF = _words("de d du des of")


# The person's name set off by a comma after a title: a courtesy title and a name (", D. Maria da
# Gloria", ", don Carlos"), a name and a regnal number (", Alphonse XIII") or two names (", Maria
# Pia"); one capitalised word alone may be a place in a list (", Paris et Londres").
_APPOSED_NAME = re.compile(
    r",[ \t]+(?:(?:[A-ZÀ-Ý]\.|[Dd]on|[Dd]om|[Dd]oña)[ \t]*([A-ZÀ-Ý][a-zà-ÿ]+)"
    r"|([A-ZÀ-Ý][a-zà-ÿ]+)[ \t]+(?:[IVX]+|[A-ZÀ-Ý][a-zà-ÿ]+)\b)"
)


def _apposed_name(ctx: Context, end: int) -> bool:
    """Whether a person's name that the registry does not know follows `end` after a comma."""
    name = _APPOSED_NAME.match(ctx.text, end)
    if name is None:
        return False
    group = 1 if name.group(1) else 2
    if name.start(group) in ctx.candidate_starts:
        return False
    return fold_word(name.group(group)) not in FUNCTION_WORDS


# Masculine articles, and French country names ending in "e" that are masculine all the same.
_MASCULINE_ARTICLES = frozenset(("le", "du", "au"))
_MASCULINE_IN_E = _words("Mexique Cambodge Mozambique Zimbabwe Belize Bélize Suriname Zaïre Timor-Leste")


def _feminine_name(entry: Entry) -> bool:
    """A one-word French country name that takes "la": "France", "Chine", "Suisse"."""
    text = entry.text
    return (
        entry.lang in ("fr", "")
        and text.endswith("e")
        and " " not in text
        and fold_word(text) not in _MASCULINE_IN_E
    )


# Forms of "être", and the participle of "devenir", before an attribute; determiners of a
# person ("un Suisse", "tout Suisse") that the country's feminine name never takes ("la Suisse",
# but also "une Suisse nickelée").
_COPULAS = _words(
    "est sont était étaient suis es sommes êtes être fut furent devenu devenue devenus devenues"
)
_PERSON_DETERMINERS = _words("un tout chaque aucun")


def predicate_adjective(ctx: Context, cand: Candidate) -> bool:
    """A French country name that is also its adjective, after "être" ("Elle est Suisse" says
    what she is, not where) or a determiner of one person ("d'un Suisse", "tout Suisse"): the
    demonym at the same place stays."""
    if ctx.lang != "fr" or not _country_name(cand) or cand.start not in ctx.demonym_at:
        return False
    word, sep = ctx.prev_word(cand.start)
    if sep != " ":
        return False
    folded = fold_word(word)
    return folded in _COPULAS or folded in _PERSON_DETERMINERS


# Words that make a demonym name a region of a continent: "sud-américain", "centre-américain",
# "latino-américain", "afro-américains"; "North American", "Latin American", "East German".
_REGION_PREFIXES_FR = _words("nord sud centre est ouest latino afro ibéro euro")
_REGION_PREFIXES_EN = _words("north south central latin east west")


def regional_demonym(ctx: Context, cand: Candidate) -> bool:
    """A demonym after a word that makes it a region's ("les pays sud-américains", "North
    American markets", "East German"): no country is meant. A region that is a state
    ("sud-africain", "South Korean") is an alias of its own and wins as the longer match."""
    if cand.entry.form != "demonym":
        return False
    word, sep = ctx.prev_word(cand.start)
    if not word:
        return False
    folded = fold_word(word)
    if sep == "-":
        return folded in _REGION_PREFIXES_FR or folded in _REGION_PREFIXES_EN
    return sep == " " and ctx.lang != "fr" and word[0].isupper() and folded in _REGION_PREFIXES_EN


# Nouns that end a name opened by a demonym: "the Irish Times", "Czech Railways", "the German
# Cup", "the Indian Ocean", "the Swiss Alps", "American Express".
_DEMONYM_NAME_NOUNS = _FOLLOWING_HEADS | _words(
    """
    railways railway television tv radio press agency crowns championship championships games
    museum community alps andes ocean sea riviera caribbean express dream mafia orthodox youth
    broadcasting
    """
)


def demonym_in_name(ctx: Context, cand: Candidate) -> bool:
    """An English demonym that opens the name of something else: a capitalised noun that such
    names end with follows ("the Irish Times", "Czech Railways", "the German Cup", "the Indian
    Ocean", "the Swiss Alps", "American Express"). A demonym before a person's or a company's own
    name stays ("German Michael Schumacher", "the French Bouygues")."""
    if ctx.lang == "fr" or cand.entry.form != "demonym" or not ctx.text[cand.start].isupper():
        return False
    nxt, sep = ctx.next_word(cand.end)
    if not nxt or sep not in (" ", "\xa0") or not nxt[0].isupper() or nxt.isupper():
        return False
    return fold_word(nxt) in _DEMONYM_NAME_NOUNS and cand.end + 1 not in ctx.candidate_starts


def arabic_nisba(ctx: Context, cand: Candidate) -> bool:
    """A demonym after the article "al-" or "el-" is the end of an Arabic name, a person's
    ("Saleh al-Somali", "Abu Hamza al-Masri"), not a people; after "al" and a space too ("<Al
    Bank Al Saudi Al Fransi>"), but not after "El" and a space, which is Spanish ("El
    Salvadoran troops")."""
    if cand.entry.form != "demonym":
        return False
    word, sep = ctx.prev_word(cand.start)
    if sep in ("-", "\u2010"):
        return word in _ARABIC_ARTICLES
    return sep == " " and word in ("al", "Al", "AL")


_ARABIC_ARTICLES = frozenset(("al", "Al", "el", "El", "AL", "EL"))


def masculine_article(ctx: Context, cand: Candidate) -> bool:
    """A feminine country name after "le", "du" or "au" in French is a ship, a hotel or a paper
    named after it: "le Ruhl, le Royal, le France", "à bord du France"; a demonym in lowercase
    there is the language: "il parle le russe"."""
    if ctx.lang != "fr" or cand.entry.kind != "country" or not _feminine_name(cand.entry):
        return False
    if cand.entry.form == "demonym" and ctx.text[cand.start].isupper():
        return False  # "Le Belge Van den Brande", "le Suisse Girard": a person of that people
    word, sep = ctx.prev_word(cand.start)
    return sep == " " and word.lower() in _MASCULINE_ARTICLES


def currency(ctx: Context, cand: Candidate) -> bool:
    """A country naming a currency: "US$", "US $", "dollars US", "francs Suisse", "le dollar de
    Singapour", "10 M$ de Singapour"."""
    if not _country_name(cand):
        return False
    if cand.entry.form == "acronym" and ctx.text[cand.end : cand.end + 3].lstrip().startswith("$"):
        return True
    word, sep = ctx.prev_word(cand.start)
    if sep != " ":
        return False
    folded = fold_word(word)
    if folded in _CURRENCY:
        return True
    if folded not in ("de", "d"):
        return False
    at = ctx.prev_word_start(cand.start)
    if ctx.text[max(0, at - 2) : at].rstrip().endswith("$"):
        return True  # "10 M$ de Singapour", "5 $ de Hong Kong"
    return fold_word(ctx.prev_word(at)[0]) in _CURRENCY_OF


# Currencies named after a country with "de" ("le dollar de Singapour"); not "couronne" or
# "livre" ("la couronne de Suède" is its crown).
_CURRENCY_OF = _words("dollar dollars peso pesos")


def first_name_alone(ctx: Context, cand: Candidate) -> bool:
    """A French country name that is also a common first name, anywhere but after a word that
    makes it a place ("à Maurice", "de Maurice", "l'île Maurice"): a man in a story ("Maurice
    entra"), not Mauritius."""
    entry = cand.entry
    if (
        ctx.lang != "fr"
        or entry.kind != "country"
        or entry.form != "name"
        or "first-name" not in entry.risk_kinds
    ):
        return False
    word, _sep = ctx.prev_word(cand.start)
    if fold_word(word) in _BEFORE_A_PLACE:
        return False
    # in a list of states: "La France, Maurice et Madagascar ont signé"
    return not _listed_with_a_state(ctx, cand, _LIST_LINK)


# What joins two names of a list: ", ", " et ", " ou ".
_LIST_LINK = re.compile(r"\s*(?:,|et|ou)\s*")
# Prepositions and articles before a place ("au Salvador", "à Maurice").
_BEFORE_A_PLACE = _words("à a de d du des en au aux le la l île ile")


def civility(ctx: Context, cand: Candidate) -> bool:
    """A name after "M.", "Mme", "Mr", "Saint", "Miss": a person, a saint or a beauty queen ("M.
    Maurice", "Miss France"); a first name or a surname after a rank or a title: "le général
    Ferrari", "le docteur Renault"."""
    if cand.entry.form != "name":
        return False
    word, sep = ctx.prev_word(cand.start)
    if not word or sep == "'":
        return False
    folded = fold_word(word)
    if word[0].isupper() and folded in _CIVILITIES:
        return True
    return folded in _RANKS and not cand.entry.risk_kinds.isdisjoint(("first-name", "surname"))


def person_name(ctx: Context, cand: Candidate) -> bool:
    """A country name that is also a first name or a surname, used as one: right before a
    capitalised word or a particle and a capitalised word ("Dominique de Villepin", "Maurice
    Nuss"), or right after a capitalised first name ("François Hollande")."""
    if cand.entry.form != "name":
        return False
    kinds = cand.entry.risk_kinds
    named = "first-name" in kinds or "surname" in kinds
    if not named and fold_word(ctx.text[cand.start : cand.end]) not in _PERSON_NAMES:
        return False
    nxt, sep = ctx.next_word(cand.end)
    if (
        nxt
        and sep != "-"
        and nxt[0].isupper()
        and fold_word(nxt) not in FUNCTION_WORDS
        and fold_word(nxt) not in _MEMBERS
    ):
        return True
    if ctx.text[cand.end : cand.end + 1].isupper():  # glued to a surname: "MauriceLacroix"
        return True
    after = ctx.text[cand.end : cand.end + 40].split()[:2]
    if len(after) == 2 and fold_word(after[0]) in _PERSON_PARTICLES and after[1][:1].isupper():
        return True
    word, sep = ctx.prev_word(cand.start)
    prev_start = ctx.prev_word_start(cand.start)
    if (
        bool(word)
        and sep == " "
        and _is_capitalised_content(word)
        and fold_word(word) not in TITLES
        and prev_start not in ctx.candidate_starts
    ):
        return True
    return _in_list_of_names(ctx, cand) or (
        "surname" in kinds and cand.entry.kind == "country" and _surname_of_someone_named_before(ctx, cand)
    )


def _surname_of_someone_named_before(ctx: Context, cand: Candidate) -> bool:
    """Whether the article gave this name to a person earlier, after a first name ("François
    Hollande ... Hollande a dit", "Michael Jordan ... Jordan said"), and nothing here makes it
    the state: an article, a preposition or a word of place before it ("en Hollande", "in
    Jordan", "King Abdullah of Jordan"), another state beside it ("Egypt, Israel, and Jordan")."""
    word, _sep = ctx.prev_word(cand.start)
    if fold_word(word) in _BEFORE_A_STATE:
        return False
    possessive = _STATE_POSSESSIVE.match(ctx.text, cand.end)
    if possessive is not None and fold_word(possessive.group(1)) in _OF_A_STATE:
        return False  # "Jordan's king", "Jordan's government"
    surface = ctx.text[cand.start : cand.end]
    first = ctx._person_named.get(surface)
    if first is None:
        first = ctx._person_named[surface] = _first_given_to_a_person(ctx, surface)
    return first < cand.start and not _beside_a_state(ctx, cand)


def _first_given_to_a_person(ctx: Context, surface: str) -> int:
    """Where the text first writes `surface` as a whole word after a first name (its length
    when it never does)."""
    for found in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])", ctx.text):
        if _after_a_first_name(ctx, found.start(), found.end()):
            return found.start()
    return len(ctx.text)


def _after_a_first_name(ctx: Context, start: int, end: int) -> bool:
    """Whether the name at `start`-`end` follows a capitalised word that is no entity and no
    title, on its own (not a word of a longer country's name: "Equatorial Guinea")."""
    word, sep = ctx.prev_word(start)
    if not (
        bool(word)
        and sep == " "
        and _is_capitalised_content(word)
        and fold_word(word) not in TITLES
        and ctx.prev_word_start(start) not in ctx.candidate_starts
    ):
        return False
    if ctx._found_spans is None:
        ctx._found_spans = sorted((c.start, c.end) for c in ctx.found)
    spans = ctx._found_spans
    i = bisect.bisect_right(spans, (start, len(ctx.text)))
    # the matches that start at or before `start`, nearest first, within a name's reach
    while i > 0 and spans[i - 1][0] >= start - _LONGEST_COUNTRY_NAME:
        i -= 1
        s, e = spans[i]
        if e >= end and e - s > end - start:
            return False
    return True


# A country's name is no longer: "Saint-Christophe-et-Niévès", "Bosnia and Herzegovina".
_LONGEST_COUNTRY_NAME = 60


def _beside_a_state(ctx: Context, cand: Candidate) -> bool:
    """Whether another state's name is listed right before or after `cand` (", ", "et", "and")."""
    return _listed_with_a_state(ctx, cand, _STATE_LIST_LINK)


def _listed_with_a_state(ctx: Context, cand: Candidate, link: re.Pattern[str]) -> bool:
    """Whether the name of a state (no risky alias) is joined to `cand` by `link` before or after
    it: the nearest such names only, found by a bisect over them."""
    if ctx._states_by_start is None:
        ctx._states_by_start = sorted(
            (c.start, c.end)
            for c in ctx.found
            if c.entry.kind == "country" and c.entry.form == "name" and not c.entry.risk
        )
    states = ctx._states_by_start
    text = ctx.text
    i = bisect.bisect_left(states, (cand.start, -1))
    # before it: the names ending within a link's reach
    j = i
    while j > 0 and states[j - 1][0] >= cand.start - _LONGEST_COUNTRY_NAME - _LINK_REACH:
        j -= 1
        start, end = states[j]
        if end <= cand.start and link.fullmatch(text, end, cand.start):
            return True
    # after it
    j = bisect.bisect_left(states, (cand.end, -1))
    while j < len(states) and states[j][0] <= cand.end + _LINK_REACH:
        if link.fullmatch(text, cand.end, states[j][0]):
            return True
        j += 1
    return False


# The longest link of a list: ", and ", " et ".
_LINK_REACH = 12


# A possessive and what a state has: "Jordan's king said".
_STATE_POSSESSIVE = re.compile(r"['’]s[ \t\xa0]+([^\W\d_]+)")
_OF_A_STATE = _words(
    "king queen government army president prime minister ministry parliament capital economy "
    "border borders people foreign military police embassy ambassador"
)
# Words before a name that make it the state: an article, a preposition, a word of place.
_BEFORE_A_STATE = _words(
    "la le l les en au aux à vers de du d des pour avec the in to into from across throughout of for with by"
)
_STATE_LIST_LINK = re.compile(r"\s*(?:,\s*(?:et|ou|and|or)?|et|ou|and|or)\s*")


# An item of a list between two capitalised words: "Lefèvre, Jordan, Braun", "Gégène, Maurice et
# Charlot" (OCR may glue "et" to the next name).
_ITEM_BEFORE = re.compile(r"([A-ZÀ-Ý][^\W\d_]*(?:[-'][^\W\d_]+)*),[ \t]*$")
_ITEM_AFTER = re.compile(r"(?:,[ \t]*|[ \t]+et[ \t]*|[ \t]+and[ \t]+)([A-ZÀ-Ý][^\W\d_]*)")


def _in_list_of_names(ctx: Context, cand: Candidate) -> bool:
    """Whether a name sits in a list between two capitalised words that the registry does not
    know: a list of people, not of countries ("la France, Maurice et Madagascar" names three)."""
    text = ctx.text
    window = max(0, cand.start - 30)
    before = _ITEM_BEFORE.search(text, window, cand.start)
    after = _ITEM_AFTER.match(text, cand.end)
    if before is None or after is None:
        return False
    first, last = before.group(1), after.group(1)
    return (
        before.start(1) not in ctx.candidate_starts
        and after.start(1) not in ctx.candidate_starts
        and fold_word(first) not in FUNCTION_WORDS
        and fold_word(last) not in FUNCTION_WORDS
    )


def sports_team(ctx: Context, cand: Candidate) -> bool:
    """A national team in a match report ("Argentina's 1-0 win over Switzerland", "Germany
    coach Joachim Löw"): annotators count teams as organizations. In a text about a match, a
    country is a place only after a preposition of place ("in Germany", "au Brésil")."""
    if not _country_name(cand) or not ctx.is_sport:
        return False
    before = ctx.words_before(cand.start, 3)
    if len(before) >= 2 and before[-1] in _OF and before[-2] in _CHAMPIONS:
        return False  # "champion de France", "vice-champion d'Angleterre": the country's title
    while before and before[-1] in ("the", "la", "le", "l", "les"):
        before.pop()
    return not (before and before[-1] in _PLACE_PREPOSITIONS)


_OF = _words("of de d du")
# A title or a competition that a country's name completes: "champion de France", "championnat
# d'Europe", "champion of England", "la Premier League d'Angleterre", "la Coupe de France".
_CHAMPIONS = _words(
    """
    champion champions championne championnes championnat championnats championship championships
    league ligue liga coupe cup
    """
)


# Words right after a city that make it its club outside a match report: "Barcelona coach",
# "Dortmund fans", "former Dortmund player".
_CLUB_ROLES = _words(
    """
    coach coaches player players fans supporters teammates teammate striker strikers midfielder
    defender goalkeeper keeper goalie winger forward squad ultras
    """
)
# Words of a team that other bodies have too ("Hamburg's goal is to cut emissions", "the plant's
# manager"): a city's club's only with words of sport near them.
_CLUB_WORDS_IN_SPORT = _words("goal goals captain manager academy shirt jersey")
_CLUB_KEYS_IN_SPORT = _padded_keys(_CLUB_WORDS_IN_SPORT)
# How near, in characters, another word of sport makes those words a club's.
_SPORT_NEAR = 150
# Verbs that agree with a club as with a team of players ("Mönchengladbach have unveiled their
# new coach"): after a city's name alone, they make it its club.
_TEAM_VERBS = _words("have are were")
# "lost 2-1 to Nuremberg", "travel to Leverkusen": in a match report "to" leads to the opponent;
# French elides "de" before a vowel ("l'arène d'Hambourg").
_CITY_PREPOSITIONS = (_PLACE_PREPOSITIONS - _words("to")) | _words("d")
# The dash of a dateline: "Hamburg - Vitali Klitschko remains ..."
_DATELINE_DASHES = (" - ", " \u2013 ", " \u2014 ")


def sport_city(ctx: Context, cand: Candidate) -> bool:
    """A city that sports news uses for its club ("Dortmund beat Leverkusen 2-1", "Lyon
    s'impose face au PSG"): a club only in a match report or right before a word of a team
    ("Barcelona coach", "Dortmund fans"), and never after a preposition of place ("in
    Dortmund", "à Lyon", "the streets of Cologne"), after a capitalised word ("FFC
    Frankfurt") or in a dateline ("Hamburg - ..."). Otherwise it is the city, which is no
    entity."""
    if "sport-city" not in cand.entry.risk_kinds:
        return False
    if _club_owns_next(ctx, cand):
        return False
    before = ctx.words_before(cand.start, 2)
    while before and before[-1] in ("the", "la", "le", "l", "les"):
        before.pop()
    if before and before[-1] in _CITY_PREPOSITIONS:
        return True
    if ctx.text[cand.end : cand.end + 3] in _DATELINE_DASHES and ctx.sentence_start(cand.start):
        return True
    word, sep = ctx.prev_word(cand.start)
    if (
        sep in _SPACES
        and _is_capitalised_content(word)
        and not ctx.sentence_start(ctx.prev_word_start(cand.start))
    ):
        return True  # the end of a longer name: "FFC Frankfurt", "Alemannia Aachen"
    if ctx.is_sport:
        return False
    return not _club_cue_after(ctx, cand, before)


def _club_owns_next(ctx: Context, cand: Candidate) -> bool:
    """Whether a city in the possessive owns a word of a team within two words, whatever comes
    before it: "both of Leverkusen's goals", "in Barcelona's youth academy"."""
    nxt, sep = ctx.next_word(cand.end)
    if nxt not in ("s", "S") or sep not in "'’":
        return False
    words = [fold_word(w) for w in ctx.words_after(cand.end + 2)[:2]]
    return any(_club_word(ctx, cand, w) for w in words)


def _club_word(ctx: Context, cand: Candidate, word: str) -> bool:
    """Whether `word` near a city is a word of its team: always for "coach", "fans", "squad";
    for "goal", "manager", "academy" only with a word of sport near."""
    if word in _CLUB_ROLES:
        return True
    if word not in _CLUB_WORDS_IN_SPORT:
        return False
    starts = ctx.sport_starts()
    low = bisect.bisect_left(starts, cand.start - _SPORT_NEAR)
    return low < len(starts) and starts[low] <= cand.end + _SPORT_NEAR


def _club_cue_after(ctx: Context, cand: Candidate, before: list[str]) -> bool:
    """Whether the word after a city makes it its club outside a match report: a word of a team
    ("Barcelona coach"), or a plural verb that agrees with the team ("Mönchengladbach have
    unveiled"), unless the city is one of a list ("Hamburg and Bremen are ports")."""
    nxt, sep = ctx.next_word(cand.end)
    if not nxt or sep not in _SPACES:
        return False
    word = fold_word(nxt)
    if _club_word(ctx, cand, word):
        return True
    in_list = (before and before[-1] in ("and", "or")) or ctx.text[cand.start - 2 : cand.start] == ", "
    return word in _TEAM_VERBS and not in_list


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
    if text[cand.start - 1 : cand.start] == "/" or text[cand.end : cand.end + 1] == "/":
        return True
    # a wire's sign-off, alone after the story's last sentence: "... the sources said. REUTER"
    if len(text) - cand.end > _SIGN_OFF_REACH or text[cand.end :].strip(_SIGN_OFF_TAIL):
        return False
    return _SIGN_OFF_BEFORE.search(text, max(0, cand.start - _SIGN_OFF_REACH), cand.start) is not None


_SIGN_OFF_TAIL = " \t\r\n.;&#0123456789"
_SIGN_OFF_REACH = 64  # characters looked at around a sign-off, which ends the text
_SIGN_OFF_BEFORE = re.compile(r"[.!?\"”»)][ \t\r\n]+$")


def not_a_state(ctx: Context, cand: Candidate) -> bool:
    """Aliases the registry marks as naming a continent ("America", "Amérique", "Antarctica"),
    a territory that annotators count as a city ("Hong Kong", "Macao") or a territory that
    depends on another state ("Greenland", "Puerto Rico", "Martinique", "Gibraltar")."""
    if cand.entry.kind != "country" or cand.entry.form != "name":
        return False
    return not cand.entry.risk_kinds.isdisjoint(_NOT_STATES)


_NOT_STATES = frozenset(("continent", "city-territory", "dependency"))


def names_no_state(entry: Entry) -> bool:
    """Whether `entry` is a name that `not_a_state` rejects."""
    return entry.kind == "country" and entry.form == "name" and not entry.risk_kinds.isdisjoint(_NOT_STATES)


def inside_non_state(ctx: Context, cand: Candidate) -> bool:
    """A country, its acronym or its demonym inside the name of what is no sovereign state:
    "Polynésie française", "British Virgin Islands", "Îles Vierges des États-Unis"."""
    spans = ctx.non_states
    if not spans:
        return False
    start, end = cand.start, cand.end
    # the spans that start at or before this one, nearest first, as far back as a name reaches
    i = bisect.bisect_left(spans, (start + 1, -1))
    while i > 0:
        i -= 1
        s, e = spans[i]
        if start - s > _LONGEST_NAME:
            return False
        if end <= e and (s, e) != (start, end):
            return True
    return False


# More characters than any name of a territory has ("Terres australes et antarctiques françaises").
_LONGEST_NAME = 100


# Nouns that open the name of an affair, a war or a treaty: "l'affaire Elf", "l'affaire des
# frégates de Taïwan", "la guerre du Koweït", "le traité de l'OMPI". Annotators tag the whole
# name as an event or a work, and a country or an organization inside it is not a mention.
_AFFAIRS = _words("affaire scandale")
_WARS_AND_TREATIES = _words("guerre traité convention")
_EVENT_CONNECTORS = _words("de du des d au aux en à")
_MAX_EVENT_WORDS = 8
_PLACE_CONNECTORS = _words("au aux en à")
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées)$")


def inside_event_name(ctx: Context, start: int) -> bool:
    """Whether `start` is inside a French name of an affair, a war or a treaty: "affaire" or
    "scandale" right before it ("l'affaire Elf") or before lowercase words linked to it by "de",
    "du", "des", "au", "en", "à" ("l'affaire des emplois fictifs du RPR", "l'affaire des
    couveuses au Koweït"); "guerre", "traité" or "convention" right before "de"/"du"/"d'" and it
    ("la guerre du Koweït", "le traité de l'OMPI")."""
    if ctx.lang != "fr" or not ctx.event_noun_before(start):
        return False
    words: list[str] = []  # folded, nearest first, within one phrase
    raw: list[str] = []
    pos = start
    while len(words) < _MAX_EVENT_WORDS:
        word_start, sep = ctx._prev(pos)
        if word_start < 0 or sep == "-":
            break
        word = ctx.text[word_start : pos - len(sep)]
        raw.append(word)
        words.append(fold_word(word))
        pos = word_start
    if not words:
        return False
    if words[0] in _AFFAIRS:
        return True
    i = groups = 0
    n = len(words)
    while i < n:
        if words[i] in ("la", "l") and i + 1 < n and words[i + 1] == "de":
            connector = "de"
            i += 2
        elif words[i] in _EVENT_CONNECTORS:
            connector = words[i]
            i += 1
        else:
            return False
        if i >= n:
            return False
        if words[i] in _WARS_AND_TREATIES:
            return groups == 0 and connector in ("de", "du", "d")
        if words[i] in _AFFAIRS:
            return groups > 0
        nouns = 0
        while (
            i < n
            and raw[i].islower()
            and words[i] not in FUNCTION_WORDS
            and words[i] not in _EVENT_CONNECTORS
            and words[i] not in _AFFAIRS
        ):
            nouns += 1
            i += 1
        if not nouns or nouns > 3:
            return False
        if connector in _PLACE_CONNECTORS and _PARTICIPLE.search(raw[i - nouns]):
            return False  # "l'affaire des jouets fabriqués en Chine": a clause, not a name
        groups += 1
    return False


def event_name(ctx: Context, cand: Candidate) -> bool:
    """A country or an organization inside the French name of an affair, a war or a treaty
    ("l'affaire Elf", "l'affaire des frégates de Taïwan", "le traité de l'OMPI"), which
    annotators tag whole as an event or a work."""
    return inside_event_name(ctx, cand.start)


_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTH = "(?:" + "|".join(_MONTHS.split()) + ")"
_CITATION = re.compile(
    r"(?P<place>[ \t]+(?:of|de|du)[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?)?"  # "Daily Mirror of Sri Lanka"
    r"[ \t]*,[ \t]*(?:(?:le[ \t]+)?\d{1,2}(?:er)?[ \t]+"
    + _MONTH
    + r"\b|"
    + _MONTH
    + r"[ \t]+\d{1,2}\b|\d{4}\b)",
    re.IGNORECASE,
)


def citation(ctx: Context, cand: Candidate) -> bool:
    """A newspaper or an agency in a bibliographic reference ("Le Monde, 24 octobre 2006",
    "The Guardian, October 4, 2001", "Daily Mirror of Sri Lanka, 2001"): the publication, which
    annotators tag as a work."""
    if cand.entry.org_kind != "media":
        return False
    found = _CITATION.match(ctx.text, cand.end)
    return found is not None and _name_kept_whole(ctx, cand, found.end("place"))


def cited_title(ctx: Context, cand: Candidate) -> bool:
    """A country ending the title of a work in a reference, right before the publication and its
    date: "Lessons in how to lie about Iraq, The Observer, August 17, 2003", "Dans le sillage des
    frégates de Taiwan, Libération, 19 mai 2006"."""
    if not _country_name(cand):
        return False
    text = ctx.text
    if text[cand.start - 2 : cand.start] in (", ", ",\t"):
        return False  # a dateline: "KABUL, Afghanistan, Reuters, ..."
    publication = _PUBLICATION_AFTER.match(text, cand.end)
    return (
        publication is not None
        and publication.start(1) in ctx.candidate_starts
        and _CITATION.match(text, publication.end()) is not None
    )


# ", " and a capitalised name of up to four words: where a reference names the publication.
_PUBLICATION_AFTER = re.compile(r",[ \t]+([A-ZÀ-Ý][\w'’.-]*(?:[ \t]+[A-ZÀ-Ý][\w'’.-]*){0,3})")


# Words before a newspaper or a channel that make it the thing read or watched: "publiées dans
# Le Canard enchaîné", "un reportage sur la TSR".
_READ_IN = _words("dans sur")
_OPEN_QUOTES = '«“"'
_CLOSE_QUOTES = '»”"'


# A part of a newspaper, or what it printed, before "de la", "du", "des": the newspaper is the
# publication ("les pages littéraires de la Tribune de Genève", "les informations du Canard
# enchaîné", "dans les colonnes du Temps").
_PART_OF_PAPER = re.compile(
    r"(?<!\w)(?:pages?|colonnes?|numéros?|éditions?|articles?|informations?)"
    r"(?:[ \t]+[^\W\d_]+)?[ \t]+(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|d['’])[ \t]*$",
    re.IGNORECASE,
)


def publication(ctx: Context, cand: Candidate) -> bool:
    """A newspaper or a channel in French text read as the publication, which annotators tag as a
    work: after "dans" or "sur" ("publiées dans Le Canard enchaîné", "sur la TSR"), after a part
    of it or what it printed ("les pages littéraires de la Tribune de Genève", "les informations
    du Canard enchaîné"), or its title set in quotation marks ("On mande de Tokio au « Daily
    Mail »")."""
    if cand.entry.org_kind != "media" or ctx.lang != "fr":
        return False
    text = ctx.text
    if _PART_OF_PAPER.search(text, max(0, cand.start - 40), cand.start) is not None:
        return _name_kept_whole(ctx, cand)
    before = text[max(0, cand.start - 2) : cand.start].strip(" \xa0")
    after = text[cand.end : cand.end + 2].strip(" \xa0")
    if before[-1:] in _OPEN_QUOTES and before and after[:1] in _CLOSE_QUOTES and after:
        return _name_kept_whole(ctx, cand)
    words = ctx.words_before(cand.start, 2)
    if words and words[-1] in ("la", "le", "les", "l"):
        words = words[:-1]
    if words and words[-1] in _READ_IN:
        return _name_kept_whole(ctx, cand)
    # the second of two publications read together: "publiées dans Le Canard enchaîné et Le
    # Monde"
    if ctx.whole_names and words and words[-1] in ("et", "ou"):
        earlier = bisect.bisect_left(ctx.whole_names, (cand.start, -1))
        last_end = ctx.whole_names[earlier - 1][1] if earlier else len(text)
        if last_end < cand.start and _AND_THEN.fullmatch(text, last_end, cand.start) is not None:
            return _name_kept_whole(ctx, cand)
    return False


_AND_THEN = re.compile(r"[ \t\xa0]+(?:et|ou)[ \t\xa0]+(?:(?:le|la|les)[ \t\xa0]+|l['’])?")


# Words before a building that make it the place: "reçu à l'Élysée", "devant le Kremlin", "en
# face de la Maison-Blanche".
_LOCATIVES = _words("à au aux dans devant derrière vers depuis chez")
_LOCATIVES_OF = _words("face près autour abords proximité perron grilles")


# The same in English: "at the White House", "outside the Kremlin", "in front of the Élysée".
_EN_LOCATIVES = _words("at in inside outside into to near from toward towards around behind opposite")
_EN_LOCATIVES_OF = _words("front outside near")


def building(ctx: Context, cand: Candidate) -> bool:
    """An institution named by its building ("White House", "Kremlin", "Élysée", which the
    registry marks) is the institution when it acts ("the White House said", "l'Élysée a
    démenti", "a Kremlin spokesman") and the place when the text is about the place ("at the
    White House", "venu à l'Élysée", "en face de la Maison-Blanche"), as annotators tag them."""
    if cand.entry.kind != "organization" or "building" not in cand.entry.risk_kinds:
        return False
    french = ctx.lang == "fr"
    words = ctx.words_before(cand.start, 3)
    while words and words[-1] in (("la", "le", "l", "les") if french else ("the",)):
        words.pop()
    if not words:
        return False
    if words[-1] in (("de", "du", "des", "d") if french else ("of",)):
        return len(words) > 1 and words[-2] in (_LOCATIVES_OF if french else _EN_LOCATIVES_OF)
    return words[-1] in (_LOCATIVES if french else _EN_LOCATIVES)


def product(ctx: Context, cand: Candidate) -> bool:
    """A company name before a model number: "Boeing 747", "Airbus A380"."""
    if cand.entry.org_kind != "company":
        return False
    return _MODEL.match(ctx.text, cand.end) is not None


def foreign_qualifier(ctx: Context, cand: Candidate) -> bool:
    """An organization's name or acronym followed by the demonym of another country: "Parti
    socialiste belge", "Croix-Rouge française", "Conseil national autrichien", "les P.T.T.
    américains" name another body."""
    entry = cand.entry
    if entry.kind != "organization" or entry.form == "demonym" or not ctx.demonym_at:
        return False
    if ctx.text[cand.end : cand.end + 1] != " " or not ctx.text[cand.end + 1 : cand.end + 2].islower():
        return False
    country = ctx.demonym_at.get(cand.end + 1)
    return country is not None and country != entry.country


# Kinds of a country's own bodies, which news of that country names (not its media and firms).
STATE_KINDS = frozenset(("party", "government-body", "intelligence-security", "court"))
# The countries whose press writes in each language: their bodies go without naming them.
_HOME = {"en": ("US", "GB", "CA", "AU", "NZ", "IE"), "fr": ("FR", "BE", "CH", "CA", "LU")}
_HOME["und"] = _HOME["en"] + _HOME["fr"]


def _short_acronym(text: str) -> bool:
    """Two or three letters ("PRD", "P.R.D."): so few that many countries' bodies share them."""
    return sum(c.isalpha() for c in text) <= 3


def foreign_acronym(ctx: Context, cand: Candidate) -> bool:
    """A national body's acronym in a text that names other countries but never the body's
    own, nor another of its bodies: the letters stand for another country's body ("PRD" in an
    article on Mexico is not Switzerland's party, "NPD" in one on Canada not Germany's), and a
    body of the same letters whose state the text names wins. Two or three letters only: a
    longer acronym is one body's ("PSOE"). The bodies of the countries whose press writes in the
    text's language go without saying ("the FBI", "la DGSI", "l'UDC"), unless the text names two
    parties of another state and none of the body's own ("le PRD, le PRI et le PAN")."""
    entry = cand.entry
    if entry.form != "acronym" or entry.org_kind not in STATE_KINDS or not entry.country:
        return False
    if not _short_acronym(entry.text):
        return False
    if ctx.text[cand.start - 1 : cand.start] == "<":
        return False  # a wire's ticker: `definitions` reads it
    named, bodies = ctx.countries_named(entry.entity_id)
    if entry.country in named or entry.country in bodies:
        return False
    if any(_state_named(ctx, c) for c in ctx.found_at(cand.start, cand.end) if c is not cand):
        return True  # another state's body of the same letters, and that state is named
    if entry.country in _HOME.get(ctx.lang, ()):
        # a home party goes without saying, but not among two parties of another state and none
        # of its own ("le PRD, le PRI et le PAN" of Mexico)
        return any(len(ids) >= 2 for ids in ctx.parties_by_state(entry.entity_id).values())
    return bool(named)


def unnamed_state(ctx: Context, cand: Candidate) -> bool:
    """A name that a language's press gives one state's body only in an article about that
    state (the registry marks it `named-state`): in French, "le Congrès" is the American one in an
    article that names the United States more than any other state, and otherwise Spain's
    "Congrès des députés", Peru's or Mexico's, or a party's congress, which the rules find."""
    entry = cand.entry
    if "named-state" not in entry.risk_kinds or not entry.country:
        return False
    return ctx.most_named_state(entry.entity_id) != entry.country


# Words around a news outlet's acronym that make it the outlet: "l'agence APS", "state broadcaster
# CCTV", "selon la SPA", "APS reported".
_PRESS_WORDS = _words(
    """
    agence agency agencies news presse press officielle official state broadcaster chaîne
    télévision television radio journal quotidien newspaper daily selon according citant citing
    reported reports reporting report quoted quoting said says told wrote writes added adds noted
    notes revealed reveals rapporte rapporté rapportait cite cité citée indique indiqué annonce
    annoncé affirme affirmé écrit ajoute ajouté poursuit précise précisé souligne explique
    assure révèle révélé note relève déclare publie publié
    """
)
# The kinds of risk that say an outlet's acronym is also other bodies' or other things' initials.
_INITIALS_RISKS = frozenset(("generic", "acronym", "word"))


def unsourced_outlet(ctx: Context, cand: Candidate) -> bool:
    """A national news outlet's acronym that other things share ("APS", the prostate test; "SPA",
    the animal shelter; "CCTV" footage), in a text that names neither the outlet's country nor
    the press around it: no agency, broadcaster or verb of saying next to it, no credit in
    brackets. The outlets of the text's language's countries go without saying ("AP" in English)."""
    entry = cand.entry
    if entry.form != "acronym" or entry.org_kind != "media" or not entry.country:
        return False
    if entry.risk_kinds.isdisjoint(_INITIALS_RISKS) or entry.country in _HOME.get(ctx.lang, ()):
        return False
    text = ctx.text
    if text[cand.start - 1 : cand.start] in ("(", "<") or text[cand.end : cand.end + 2] in ("'s", "’s"):
        return False
    if _state_named(ctx, cand):
        return False
    near = ctx.words_before(cand.start, 3)
    after, _ = ctx.next_word(cand.end)
    return _PRESS_WORDS.isdisjoint(near) and (not after or fold_word(after) not in _PRESS_WORDS)


def _state_named(ctx: Context, cand: Candidate) -> bool:
    """Whether the text names the state of the national body `cand` reads (by its name, a
    demonym or another of its bodies)."""
    entry = cand.entry
    if entry.kind != "organization" or not entry.country:
        return False
    named, bodies = ctx.countries_named(entry.entity_id)
    return entry.country in named or entry.country in bodies


def title_article(ctx: Context, cand: Candidate) -> bool:
    """A newspaper whose title is a common noun with its article ("La Croix", "Le Point",
    "L'Équipe"), written with a lowercase article: "la Croix de guerre", "l'Équipe de France"."""
    if "title" not in cand.entry.risk_kinds or not cand.entry.article:
        return False
    return cand.end - cand.start < len(cand.entry.text)


def event_article(ctx: Context, cand: Candidate) -> bool:
    """A name that is also an event, after a definite article: "la Libération" is 1944, the
    newspaper is "Libération"."""
    if "event" not in cand.entry.risk_kinds or cand.entry.kind != "organization":
        return False
    word, sep = ctx.prev_word(cand.start)
    return fold_word(word) in ("la", "le", "l") and sep in (" ", "'", "\xa0")


def language_only(ctx: Context, cand: Candidate) -> bool:
    """An alias that names the entity only in text of one language: "Republicans" and
    "Democrats" in English (in French, "les Républicains" is another party), "Hollande" in French
    (in English, François Hollande), "Deutschland" in neither (a German phrase or name)."""
    kinds = cand.entry.risk_kinds
    if "english" in kinds and ctx.lang not in ("en", "und"):
        return True
    if "french" in kinds and ctx.lang not in ("fr", "und"):
        return True
    return "foreign" in kinds and ctx.lang != "und"


# Verbs of speaking and writing a language, and what follows a language's name: "she speaks
# good Russian", "il parle arabe", "French-speaking cities", "translated into French".
_SPEAKING = _words(
    """
    speak speaks spoke spoken speaking speaker speakers fluent parle parlent parlait parler parlé
    parlant
    """
)
_INTO = _words("into en")
# "in" and English verbs of learning and teaching, before a language in a phrase of its own
_IN_OR_LEARNING = _words(
    "in learn learns learned learnt learning study studies studied studying teach teaches taught teaching"
)
_SPOKEN_TO = _words("to with at on about for of a an the à avec au aux le la les du de des")
_LANGUAGE_SUFFIX = re.compile(
    r"-(?:speaking|speakers?|language|languages|dubbed|subtitled)\b|[ \t]+(?:language|langue)\b"
)
_LANGUAGE_END = re.compile(r"[ \t]*(?:[.,;:!?)»\"”]|$)")


def language_name(ctx: Context, cand: Candidate) -> bool:
    """A demonym that names a language: after a verb of speaking ("she speaks good Russian",
    "il parle arabe"), before "-speaking" or "language" ("French-speaking cities"), after "into"
    or "en" at the end of a phrase ("translated into French.", "publié en espagnol,"), in
    lowercase after "en" anywhere ("la littérature en espagnol et"), after
    "langue" ("la langue arabe", "langues : italien"), after a French verb of learning or
    translating and an article ("apprendre l'anglais", "traduit du russe"); and every demonym
    of a list one of which is a language by these tests ("into Italian, German or Korean")."""
    if cand.entry.form != "demonym":
        return False
    if _names_language(ctx, cand):
        return True
    start = cand.start
    for _ in range(_LIST_REACH):
        item = _previous_in_list(ctx, start)
        if item is None:
            return False
        if _names_language(ctx, item):
            return True
        start = item.start
    return False


def _names_language(ctx: Context, cand: Candidate) -> bool:
    """`language_name` for one demonym, not its list."""
    text = ctx.text
    if _LANGUAGE_SUFFIX.match(text, cand.end):
        return True
    before = ctx.words_before(cand.start, 2)
    if before and (before[-1] in _SPEAKING or before[-1] in _LANGUAGE_NOUNS):
        return True
    if len(before) == 2 and before[0] in _SPEAKING and before[1] not in _SPOKEN_TO:
        return True  # "speaks good Russian", not "spoke to Russian officials"
    if before and before[-1] in _INTO and _LANGUAGE_END.match(text, cand.end) is not None:
        return True  # "translated into French.", "publié en espagnol,"
    if before and "language" in cand.entry.risk_kinds:
        # the name of a language (`ambiguous.tsv`) in a phrase of its own: "I ask him in
        # German.", "want to learn German, to work"; in French, lowercase after an article or
        # "d'": "une traduction vers l'anglais", "professeur d'anglais", "autre que le français";
        # after "un" before a word that says how it is spoken: "dans un anglais impeccable", not
        # "cinq allemands, un roumain ainsi que"
        if before[-1] in _IN_OR_LEARNING and _LANGUAGE_END.match(text, cand.end) is not None:
            return True
        if (
            before[-1] in _ARTICLES_OR_OF
            and text[cand.start].islower()
            and not _capitalised_word_after(ctx, cand.end)
        ):
            return True
        if before[-1] == "un" and text[cand.start].islower():
            if len(before) == 2 and before[0] == "dans":
                return True  # "il s'exprime dans un anglais plus qu'acceptable"
            nxt, sep = ctx.next_word(cand.end)
            if sep in _SPACES and fold_word(nxt) in _HOW_SPOKEN:
                return True
            if sep in _SPACES and fold_word(nxt) in _DEGREE:
                # "un anglais très correct", not "un anglais très connu" (a person)
                after = ctx.words_after(cand.end)
                if len(after) > 1 and fold_word(after[1]) in _HOW_SPOKEN:
                    return True
    if before and before[-1] == "en" and text[cand.start].islower():
        return True  # "la littérature en espagnol et", "un texte en arabe littéraire"
    if (
        len(before) == 2
        and before[1] in ("de", "d")
        and before[0] in _TAUGHT_IN
        and text[cand.start].islower()
    ):
        return True  # "le département de français", "un cours d'anglais", "professeur de russe"
    if len(before) == 2 and before[0] in _LEARNING and before[1] in _ARTICLES_OF_LANGUAGE:
        return True  # "apprendre l'anglais", "traduit du russe", not "l'allemand Boris Becker"
    return _AFTER_LANGUAGES.search(text, max(0, cand.start - 16), cand.start) is not None


def _capitalised_word_after(ctx: Context, end: int) -> bool:
    """Whether a capitalised word follows `end` ("l'allemand Boris Becker": a person)."""
    word, sep = ctx.next_word(end)
    return bool(word) and sep in _SPACES and word[:1].isupper()


# How many items back a list of demonyms is read for a language: "italien, allemand, russe".
_LIST_REACH = 12
_LANGUAGE_NOUNS = _words("langue langues")
_ARTICLES_OF_LANGUAGE = _words("le l du")
_ARTICLES_OR_OF = _ARTICLES_OF_LANGUAGE | _words("d")
# Words after "un <language>" that say how it is spoken or written: "un anglais impeccable".
_HOW_SPOKEN = _words(
    """
    parfait impeccable approximatif correct courant excellent hésitant fluide irréprochable châtié
    parlé écrit rudimentaire soutenu basique laborieux cassé littéraire dialectal classique
    standard médiocre sommaire teinté mâtiné
    """
)
_DEGREE = _words("très assez plus parfaitement")
# Nouns of teaching and learning whose complement in lowercase is a language: "cours de
# français", "département d'anglais", "professeur de russe", "dictionnaire d'arabe".
_TAUGHT_IN = _words(
    """
    cours professeur professeure professeurs prof profs enseignant enseignante enseignants
    enseignement département classe classes leçon leçons examen examens épreuve agrégation
    licence master diplôme section filière manuel manuels dictionnaire dictionnaires grammaire
    traducteur traductrice traducteurs interprète interprètes version thème
    """
)
# Verbs of speaking, and French verbs and nouns of learning, teaching and translating, before a
# language's article.
_LEARNING = _SPEAKING | _words(
    """
    apprendre apprend apprennent appris apprenant enseigner enseigne enseignent enseigné étudier
    étudie étudient étudié maîtrise maîtriser maîtrisent traduire traduit traduite traduits
    traduites traduction traductions
    """
)
_AFTER_LANGUAGES = re.compile(r"\b(?:langues?|languages?)[ \t\xa0]*:[ \t\xa0]*$", re.IGNORECASE)
# What separates two items of a list, with the article of a French language: ", ", " et ",
# ", or ", " et le ", ", l'".
_LIST_SEPARATOR = re.compile(
    r"(?:,[ \t\xa0]*(?:(?:et|ou|and|or)[ \t\xa0]+)?|[ \t\xa0]+(?:et|ou|and|or)[ \t\xa0]+)"
    r"(?:(?:le[ \t\xa0]+|l['’]))?$"
)


def _previous_in_list(ctx: Context, start: int) -> Candidate | None:
    """The demonym before the one at `start` in a list ("italien, allemand"), or None."""
    found = _LIST_SEPARATOR.search(ctx.text, max(0, start - 12), start)
    if found is None:
        return None
    return ctx.demonym_ending_at(found.start())


def after_name_org(ctx: Context, cand: Candidate) -> bool:
    """A party word, a common word or a surname right after a capitalised word of a longer name:
    "Sweden Democrats", "Irish Republicans", "Australian Greens", "Big Apple", "Louis Renault";
    a surname after "and" and a capitalised word, in the name of a firm ("MacAndrews and
    Forbes")."""
    kinds = cand.entry.risk_kinds
    if "after-name" not in kinds and not (
        ("word" in kinds or "surname" in kinds) and cand.entry.kind == "organization"
    ):
        return False
    word, sep = ctx.prev_word(cand.start)
    if word in ("and", "&") and "surname" in kinds and sep in _SPACES:
        # "MacAndrews and Forbes", "Cabot, Cabot and Forbes": a firm named after its founders
        and_start = ctx.prev_word_start(cand.start)
        before, sep_before = ctx.prev_word(and_start)
        return (
            bool(before)
            and sep_before in _SPACES
            and _is_capitalised_content(before)
            and not ctx.ends_a_match(and_start - len(sep_before))  # "Philip Morris and Dell"
        )
    if not word or sep not in (" ", "\t", "\xa0") or not _is_capitalised_content(word):
        return False
    prev_start = ctx.prev_word_start(cand.start)
    if fold_word(word) in TITLES or ctx.demonym_at.get(prev_start) == cand.entry.country:
        return False  # "German Christian Democrats": the party's own country
    if not ctx.sentence_start(prev_start) or word.isupper():
        return True
    # a capitalised word opens the sentence anyway, unless quotation marks hold the two words
    # as one name: « Big Apple »
    before = ctx.text[max(0, prev_start - 2) : prev_start].rstrip(" \t\xa0")
    after = ctx.text[cand.end : cand.end + 2].lstrip(" \t\xa0")
    return bool(before) and bool(after) and before[-1] in _OPEN_QUOTES and after[0] in _CLOSE_QUOTES


# Verbs that make a capitalised word opening an English sentence its subject: "Total said".
_SUBJECT_VERBS = _words(
    """
    said says has had is was will would can could may might also announced reported agreed
    plans planned expects expected posted bought sold won lost made makes
    """
)


_OF_FR = _words("de des du d")


def sentence_word(ctx: Context, cand: Candidate) -> bool:
    """A company or body whose one-word name is also an English word, opening a sentence where
    nothing tells the name from the word: "Total debt rose", "Apple sales fell", "Shell output
    was flat". The name stays before a verb that makes it the subject ("Total said"), and when
    the article also names the body inside a sentence ("shares of Total rose"). In French, only
    before "de", where the word is a noun with its complement ("Total de l'approvisionnement
    visible", "Total des ventes")."""
    entry = cand.entry
    if entry.kind != "organization" or "word" not in entry.risk_kinds:
        return False
    text = ctx.text
    surface = text[cand.start : cand.end]
    if " " in surface or surface.isupper() or not _opens_sentence(text, cand.start):
        return False
    nxt, _sep = ctx.next_word(cand.end)
    if ctx.lang == "fr" and fold_word(nxt) not in _OF_FR:
        return False
    if fold_word(nxt) in _SUBJECT_VERBS:
        return False
    return not ctx.named_inside_a_sentence(entry.entity_id)


def portfolio(ctx: Context, cand: Candidate) -> bool:
    """A party's name that is also a field of government (the registry marks it `portfolio`),
    written as that field: after a minister, a ministry or a department "of" or "for" it ("the
    Minister for Labour", "the Secretary of Labour"), or before a title written as one or a word
    of law ("Labour Minister Mónika Lamperth", "the Labour Court", "Labour Day"; a "Labour
    minister" is one of the party's)."""
    if "portfolio" not in cand.entry.risk_kinds:
        return False
    nxt, sep = ctx.next_word(cand.end)
    if nxt and sep in _SPACES:
        folded = fold_word(nxt)
        if folded in _PORTFOLIO_AFTER or (folded in _PORTFOLIO_HOLDERS and nxt[0].isupper()):
            return True
    before = ctx.words_before(cand.start, 2)
    return len(before) == 2 and before[1] in ("of", "for") and before[0] in _PORTFOLIO_HOLDERS


# Who holds a field of government ("the Minister for Labour"), and what follows the field's name
# ("Labour Minister", "Labour Day").
_PORTFOLIO_HOLDERS = _words(
    "minister ministers ministry ministries secretary secretaries department departments office"
)
_PORTFOLIO_AFTER = _words("court courts code law laws day market force relations")


def _opens_sentence(text: str, pos: int, marks: str = ".!?\n") -> bool:
    """Whether one of `marks` or nothing comes before `pos` (spaces aside). By default a full
    stop, a question or exclamation mark or a line break: a quotation ("of "Nazi-like"
    practices") does not count."""
    i = pos
    while i > 0 and text[i - 1] in " \t\xa0":
        i -= 1
    return i == 0 or text[i - 1] in marks


# What opens a sentence for `Context.sentence_start`: also a colon, quotation marks, dashes, a bar.
_OPENING_MARKS = '.!?:\n"“«—–|'


# "canton", "cantons", "cantonal", "cantonaux" as words of the padded match key.
_CANTON_KEY = re.compile(rb" canton(?:s|al|ale|ales|aux)? ")


def cantonal_body(ctx: Context, cand: Candidate) -> bool:
    """A national body's name that each Swiss canton gives one of its own bodies, in a text that
    speaks of cantons: there "le Conseil d'Etat" is the canton's government, a body named by its
    kind alone, like "le Conseil municipal", and not France's Conseil d'État."""
    if "cantonal" not in cand.entry.risk_kinds:
        return False
    if ctx._cantons is None:
        keys = ctx.keys or TextKeys.of(ctx.text)
        ctx._cantons = _CANTON_KEY.search(keys.lower) is not None
    return ctx._cantons


# What names the United States' Georgia around it: another state (not New York or Washington,
# which international news names for the UN and the capital), Atlanta, a county.
_US_STATE_CONTEXT = re.compile(
    r"\b(?:Alabama|Alaska|Arizona|Arkansas|Californi[ae]|Carolin[ae] du (?:Nord|Sud)|"
    r"(?:North|South) Carolina|Colorado|Connecticut|Delaware|Flori(?:da|de)|Hawai(?:i|ï)|Idaho|"
    r"Illinois|Indiana|Iowa|Kansas|Kentucky|Louisian[ae]|Maryland|Massachusetts|Michigan|"
    r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Ohio|Oklahoma|Oregon|"
    r"Pennsylvani[ae]|Tennessee|Texas|Utah|Vermont|Virgini[ae]|Virginie|Wisconsin|Wyoming|"
    r"Atlanta|[Cc]omté|County|U\.?S\.? state|[ÉE]tat américain)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_SENTENCE_REACH = 250


def us_state(ctx: Context, cand: Candidate) -> bool:
    """Georgia the state of the United States: the same sentence names another state, Atlanta
    or a county ("Atlanta, Georgia", "l'Indiana, la Géorgie, la Floride")."""
    if "us-state" not in cand.entry.risk_kinds:
        return False
    text = ctx.text
    low = max(0, cand.start - _SENTENCE_REACH)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, low, cand.start)]
    start = ends_before[-1] if ends_before else low
    end_after = _SENTENCE_END.search(text, cand.end, cand.end + _SENTENCE_REACH)
    end = end_after.start() if end_after else min(len(text), cand.end + _SENTENCE_REACH)
    return _US_STATE_CONTEXT.search(text, start, end) is not None


# Words that, right before or right after a country, may make one of the guards above fire;
# `quiet` lets a country through without running the guards when none of them is near.
_TRIGGERS_BEFORE = (
    _PLACE_NOUNS
    | _CURRENCY
    | _ROYAL
    | _AFFAIRS
    | _REGION_PREFIXES
    | _words("of the de du d des la l le les au aux en à")
)
_TRIGGERS_AFTER = _REGION_ADJECTIVES | _PERSON_PARTICLES | _words("du de city") | _FOLLOWING_HEADS
_SPACES = " \t\xa0"
_QUIET_SEPARATORS = " \t\xa0'’"
_CONNECTORS = _words("of the de du d des la l le les au aux en à")
# The nouns `place_feature` and `royal_title` look for among the three words before a country
# (`publication_title` is asked apart: OCR may glue its noun to the word before).
_LOOKED_FOR_BEFORE = _PLACE_NOUNS | _STATE_NOUNS | _ROYAL | {"stade", "city", "ville"}


def quiet(ctx: Context, cand: Candidate) -> bool:
    """Whether no guard can reject this country match: no hyphen, no capitalised word and no
    trigger word right next to it, not a risky alias, not in a match report. A conservative
    shortcut (the guards give the same answer, more slowly): most matches are "en France",
    "in Germany, ..." and need nothing more."""
    entry = cand.entry
    if entry.kind != "country" or entry.form == "demonym" or entry.risk:
        return False
    if ctx.whole_names and inside_whole_name(ctx, cand):
        return False
    if ctx.non_states and inside_non_state(ctx, cand):
        return False
    text = ctx.text
    start, end = cand.start, cand.end
    after = text[end] if end < len(text) else ""
    if after == "-" or after.isupper():
        return False
    before = text[start - 1] if start else ""
    if before == "-":
        return False
    if before and before in _QUIET_SEPARATORS:
        cached = ctx._prev_cache.get(start)
        if cached is None:
            cached = ctx._prev_cache[start] = ctx._find_prev(start)
        word_start, sep = cached
        if word_start >= 0:
            word = text[word_start : start - len(sep)]
            if word[0].isupper():
                return False
            folded = fold_word(word)
            if folded in _TRIGGERS_BEFORE:
                if folded not in _CONNECTORS:
                    return False
                if folded in _MASCULINE_ARTICLES and masculine_article(ctx, cand):
                    return False
                if folded == "a" and namesake_capital(ctx, cand):
                    return False
                # "golfe de Guinée", "le roi d'Espagne", "la guerre du Koweït": ask the guards
                # that look further back (the first two only after a word they read past and
                # with one of their nouns near)
                if folded in _PLACE_LINKS and (
                    (
                        not _LOOKED_FOR_BEFORE.isdisjoint(ctx.words_before(start, 3))
                        and (place_feature(ctx, cand) or royal_title(ctx, cand))
                    )
                    or publication_title(ctx, cand)
                    or currency(ctx, cand)
                ):
                    return False
                if ctx.lang == "fr" and inside_event_name(ctx, start):
                    return False
    if after and after in _SPACES:
        nxt, _sep = ctx.next_word(end)
        if nxt:
            if nxt[0].isupper() or fold_word(nxt) in _TRIGGERS_AFTER:
                return False
            if text[end + 1 + len(nxt) : end + 2 + len(nxt)] == "\u00ac":
                return False  # a word broken by OCR ("ré¬publicaine"): ask the guards
    if after == "," and cited_title(ctx, cand):
        return False
    if start in ctx.demonym_at and predicate_adjective(ctx, cand):
        return False
    if fold_word(text[start:end]) in _PERSON_NAMES:
        return False
    return not ctx.is_sport


GUARDS: dict[str, Guard] = {
    "caps_word": caps_word,
    "caps_name": caps_name,
    "after_name_word": after_name_word,
    "before_name_word": before_name_word,
    "inside_longer_name": inside_longer_name,
    "inside_capitalised_name": inside_capitalised_name,
    "hyphen_compound": hyphen_compound,
    "place_feature": place_feature,
    "region": region,
    "royal_title": royal_title,
    "publication_title": publication_title,
    "currency": currency,
    "civility": civility,
    "first_name_alone": first_name_alone,
    "person_name": person_name,
    "surname_company": surname_company,
    "sports_team": sports_team,
    "sport_city": sport_city,
    "credit_line": credit_line,
    "building": building,
    "not_a_state": not_a_state,
    "product": product,
    "event_name": event_name,
    "citation": citation,
    "publication": publication,
    "foreign_qualifier": foreign_qualifier,
    "foreign_acronym": foreign_acronym,
    "unsourced_outlet": unsourced_outlet,
    "unnamed_state": unnamed_state,
    "title_article": title_article,
    "event_article": event_article,
    "language_only": language_only,
    "language_name": language_name,
    "after_name_org": after_name_org,
    "cantonal_body": cantonal_body,
    "inside_whole_name": inside_whole_name,
    "us_state": us_state,
    "masculine_article": masculine_article,
    "namesake_capital": namesake_capital,
    "cited_title": cited_title,
    "predicate_adjective": predicate_adjective,
    "regional_demonym": regional_demonym,
    "inside_non_state": inside_non_state,
    "demonym_in_name": demonym_in_name,
    "arabic_nisba": arabic_nisba,
    "sentence_word": sentence_word,
    "portfolio": portfolio,
    "amount": amount,
    "score": score,
}


def _is_country_name(entry: Entry) -> bool:
    return entry.kind == "country" and entry.form != "demonym"


# Which entries each guard can reject at all: the tagger asks only these guards about a match.
def _named(e: Entry) -> bool:
    return not e.risk_kinds.isdisjoint(("first-name", "surname")) or fold_word(e.text) in _PERSON_NAMES


# Which entries each guard can reject at all, in text of a given language: the tagger asks only
# these guards about a match.
APPLIES: dict[str, Callable[[Entry, str], bool]] = {
    "inside_capitalised_name": lambda e, lang: (
        e.kind == "organization" and e.form == "name" and " " not in e.text
    ),
    "caps_word": lambda e, lang: (
        e.form == "acronym" and (fold_word(e.text) in _CAPS_WORDS or "caps-word" in e.risk_kinds)
    ),
    "caps_name": lambda e, lang: e.kind == "organization" and "word" in e.risk_kinds,
    "after_name_word": lambda e, lang: _is_country_name(e) or _word_demonym(e),
    "before_name_word": lambda e, lang: (
        e.kind == "country" and (e.form == "name" or (e.form == "acronym" and lang == "fr"))
    ),
    "inside_longer_name": lambda e, lang: e.kind == "organization",
    "hyphen_compound": lambda e, lang: e.form != "demonym",
    "place_feature": lambda e, lang: e.kind == "country",
    "region": lambda e, lang: _is_country_name(e),
    "currency": lambda e, lang: _is_country_name(e),
    "royal_title": lambda e, lang: e.kind == "country" and e.form == "name",
    "publication_title": lambda e, lang: e.kind == "country" and e.form == "name",
    "civility": lambda e, lang: e.form == "name",
    "first_name_alone": lambda e, lang: (
        lang == "fr" and e.kind == "country" and e.form == "name" and "first-name" in e.risk_kinds
    ),
    "person_name": lambda e, lang: e.form == "name" and _named(e),
    "surname_company": lambda e, lang: e.org_kind == "company" and "surname" in e.risk_kinds,
    "sports_team": lambda e, lang: _is_country_name(e),
    "sport_city": lambda e, lang: "sport-city" in e.risk_kinds,
    "credit_line": lambda e, lang: e.org_kind == "media",
    "building": lambda e, lang: e.kind == "organization" and "building" in e.risk_kinds,
    "not_a_state": lambda e, lang: e.kind == "country" and e.form == "name" and bool(e.risk_kinds),
    "product": lambda e, lang: e.org_kind == "company",
    "event_name": lambda e, lang: e.form != "demonym" and lang == "fr",
    "citation": lambda e, lang: e.org_kind == "media",
    "publication": lambda e, lang: e.org_kind == "media" and lang == "fr",
    "foreign_qualifier": lambda e, lang: e.kind == "organization" and e.form != "demonym",
    "foreign_acronym": lambda e, lang: (
        e.form == "acronym" and e.org_kind in STATE_KINDS and bool(e.country) and _short_acronym(e.text)
    ),
    "unsourced_outlet": lambda e, lang: (
        e.form == "acronym"
        and e.org_kind == "media"
        and bool(e.country)
        and not e.risk_kinds.isdisjoint(_INITIALS_RISKS)
    ),
    "unnamed_state": lambda e, lang: "named-state" in e.risk_kinds,
    "title_article": lambda e, lang: "title" in e.risk_kinds and bool(e.article),
    "event_article": lambda e, lang: "event" in e.risk_kinds and e.kind == "organization",
    "language_name": lambda e, lang: e.form == "demonym",
    "language_only": lambda e, lang: (
        ("english" in e.risk_kinds and lang not in ("en", "und"))
        or ("french" in e.risk_kinds and lang not in ("fr", "und"))
        or ("foreign" in e.risk_kinds and lang != "und")
    ),
    "after_name_org": lambda e, lang: (
        "after-name" in e.risk_kinds
        or (("word" in e.risk_kinds or "surname" in e.risk_kinds) and e.kind == "organization")
    ),
    "cantonal_body": lambda e, lang: "cantonal" in e.risk_kinds,
    "inside_whole_name": lambda e, lang: _is_country_name(e),
    "us_state": lambda e, lang: "us-state" in e.risk_kinds,
    "masculine_article": lambda e, lang: lang == "fr" and e.kind == "country" and _feminine_name(e),
    "namesake_capital": lambda e, lang: (
        lang == "fr" and e.form == "name" and e.entity_id in _NAMESAKE_CAPITALS
    ),
    "cited_title": lambda e, lang: _is_country_name(e),
    "predicate_adjective": lambda e, lang: lang == "fr" and _is_country_name(e),
    "regional_demonym": lambda e, lang: e.form == "demonym",
    "inside_non_state": lambda e, lang: e.kind == "country",
    "demonym_in_name": lambda e, lang: e.form == "demonym" and lang != "fr",
    "arabic_nisba": lambda e, lang: e.form == "demonym",
    "sentence_word": lambda e, lang: e.kind == "organization" and "word" in e.risk_kinds,
    "portfolio": lambda e, lang: "portfolio" in e.risk_kinds,
    "amount": lambda e, lang: e.text[:1].isdigit(),
    "score": lambda e, lang: e.kind == "organization" and e.text[-1:].isdigit(),
}
