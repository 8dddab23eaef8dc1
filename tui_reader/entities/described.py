"""Organizations that the text says are organizations: a common noun for a kind of body right
before a name the registry does not know ("the German firm UsedSoft", "US airline Continental",
"the daily Koelner Stadt-Anzeiger", "le groupe Nueva Rumasa", "la compagnie aérienne Vueling",
"le quotidien britannique The Guardian"), and the article's later mentions of that name alone
("UsedSoft said", "Nueva Rumasa offre")."""

from __future__ import annotations

import re
from collections.abc import Collection

from tui_reader.entities.companies import DESCRIBING, FOLDED_FORMS, overlapping, short_names
from tui_reader.entities.folding import TextKeys, fold_word, key_of
from tui_reader.entities.mention import Mention
from tui_reader.entities.rules import rule_mention, sentence_start_at


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns for a kind of body, singular and lowercase, that a name follows. Nouns that as often
# precede a person ("rival", "producer", "publisher", "maker") or a place ("station"), or that
# name a work ("network" of blogs), are left out; plurals open lists, left out too.
_MEDIA_EN = _words("newspaper daily weekly magazine tabloid broadcaster channel")
_CUES_EN = _MEDIA_EN | _words(
    """
    company firm airline carrier bank insurer retailer carmaker automaker chipmaker drugmaker
    manufacturer operator agency startup start-up lender group club party organization
    organisation provider supplier conglomerate giant union charity institute regulator watchdog
    outlet team
    """
)
_MEDIA_FR = _words("quotidien hebdomadaire journal magazine mensuel revue chaîne radio")
_CUES_FR = _MEDIA_FR | _words(
    """
    société groupe entreprise firme compagnie banque assureur constructeur opérateur fabricant
    club écurie parti mouvement syndicat association organisation organisme institut
    distributeur géant agence laboratoire équipementier filiale enseigne studio
    transporteur pétrolier brasseur voyagiste
    """
)
# People of the markets, before "at", "with" or "chez" and the firm they speak for: "an analyst
# at Brown Brothers Harriman", "économiste chez Natixis".
_ROLES_EN = _words(
    "analyst analysts economist economists strategist strategists trader traders dealer dealers "
    "broker brokers banker bankers"
)
_ROLES_FR = _words(
    "analyste analystes économiste économistes stratégiste stratégistes courtier courtiers "
    "cambiste cambistes banquier banquiers"
)
_ROLES = _ROLES_EN | _ROLES_FR
_CUES_EN = _CUES_EN | _ROLES_EN
_CUES_FR = _CUES_FR | _ROLES_FR
_AT = re.compile(r"[ \t\xa0]+(?:at|with|chez)(?:[ \t\xa0]+the)?(?=[ \t\xa0])")
CUE_WORDS = _CUES_EN | _CUES_FR
_FOLDED_CUES = frozenset(fold_word(w) for w in CUE_WORDS)
_CUE_KEYS = {
    lang: frozenset(b" " + key_of(w, keep_case=False).strip(b" ") + b" " for w in cues)
    for lang, cues in (("en", _CUES_EN), ("fr", _CUES_FR))
}
_ALL_CUE_KEYS = _CUE_KEYS["en"] | _CUE_KEYS["fr"]

# French words between the noun and the name: what the body does or where it is from ("la
# compagnie aérienne", "le constructeur automobile", "le groupe pétrolier"), besides the
# registry's demonyms ("le quotidien britannique"), and "de" phrases ("l'agence de presse").
_FR_QUALIFIERS = _words(
    """
    aérien aérienne automobile pétrolier pétrolière pharmaceutique chimique bancaire financier
    financière informatique minier minière agroalimentaire alimentaire industriel industrielle
    public publique privé privée historique audiovisuel audiovisuelle énergétique gazier gazière
    électrique ferroviaire maritime nucléaire sidérurgique textile numérique immobilier
    immobilière satirique économique sportif sportive régional régionale national nationale
    international internationale local locale mutualiste coopératif coopérative humanitaire
    spécialisé spécialisée concurrent concurrente rival rivale allemand allemande américain
    américaine britannique français française italien italienne espagnol espagnole japonais
    japonaise chinois chinoise suisse belge canadien canadienne russe néerlandais néerlandaise
    suédois suédoise indien indienne coréen coréenne européen européenne
    """
)
_FR_OF_QUALIFIERS = _words(
    "presse investissement audit affaires conseil télévision luxe distribution assurance crédit"
)
_FR_QUALIFIER = re.compile(
    r"[ \t\xa0]+(?:d(?:e[ \t\xa0]+|['’])(?P<of>[a-zß-ÿ]+)|(?P<word>[a-zß-ÿ][a-zß-ÿ-]*))(?=[ \t\xa0])"
)

# One word of a name: a capital first, then letters, digits and the marks names carry ("Wiley-VCH",
# "Canal+", "M.M.", "AT&T").
_TOKEN = re.compile(r"[^\W\d_][\w&+.'’-]*")
_SPACE = re.compile(r"[ \t\xa0]+")
_NOUN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# What opens the name after the noun: spaces, perhaps a quotation mark, and a capital.
_OPENING = re.compile(r"[ \t\xa0]+(?:(?P<quote>[\"“«'‘<])[ \xa0]?)?(?P<name>[^\W\d_])")
# quotation marks, and the angle brackets a wire sets a company's name in ("arms manufacturer
# <Royal Ordnance>")
_OPEN_QUOTES = "\"“«'‘<"
_CLOSE_QUOTES = {'"': '"', "“": "”", "«": "»", "'": "'", "‘": "’", "<": ">"}
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
# Lowercase words inside a name, between capitalised ones ("Flossbach von Storch", "Bank of
# Ireland", "Procter & Gamble", "Petroleos de Venezuela").
_LINKS = _words("of for von van de del della di da du des & d' d’")
_MAX_TOKENS = 5
_LINK = re.compile(r"[^\W\d_]{1,8}['’]?|&")
# The longest name, and the most hyphens in one, that such a noun introduces.
_LONGEST_NAME = 80
_MOST_HYPHENS = 4
# Words that open no name after such a noun: days, months, titles, function words that open the
# next clause of a headline or a sentence that lost its full stop.
_NOT_OPENING = frozenset(
    fold_word(w)
    for w in """
    The A An In On At By To For Of From With It Its This That These Those He She They We I You
    But And Or If When While As After Before Since Until Also Then There Here What Who Which
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Mr Mrs Ms Miss Dr Sir Lord Lady Chief
    Chairman Chairwoman President CEO Director Minister Secretary Senator Governor Prime Vice
    Deputy King Queen Prince Princess Pope General Colonel Captain Professor Judge Editor Founder
    Spokesman Spokeswoman Head Boss Executive Manager Coach Leader TV Sra Sr Srta
    Le La Les L Un Une Des Du De Ce Cette Ces Il Elle Ils Elles On En Au Aux Dans Par Pour Sur
    Mais Et Ou Si Quand Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche M Mme Mlle Me Mgr
    PDG Président Présidente Directeur Directrice Ministre Secrétaire Sénateur Député Maître
    Docteur Professeur Patron Fondateur Porte-parole
    """.split()
)
# A role and "of" before the noun: the name after it is the person's ("the chairman of the
# company John Smith", "le porte-parole du groupe Jean Dupont").
_ROLE_OF = re.compile(
    r"(?i:\b(?:président|présidente|directeur|directrice|patron|patronne|chef|fondateur|fondatrice"
    r"|porte-parole|dirigeant|dirigeante|secrétaire|PDG|membre|leader|responsable|candidat|candidate"
    r"|député|députée|numéro|chairman|chairwoman|president|chief|head|founder|spokesman|spokeswoman"
    r"|spokesperson|member|director|CEO|boss|owner|secretary|candidate)"
    r"[ \t\xa0]+(?:du|des|de[ \t\xa0]+la|de[ \t\xa0]+l['’]|de[ \t\xa0]+son|de[ \t\xa0]+sa|of[ \t\xa0]+the"
    r"|of[ \t\xa0]+his|of[ \t\xa0]+her|of[ \t\xa0]+its|of)"
    r"(?:[ \t\xa0]+[a-zß-ÿ-]+)?[ \t\xa0]*)$"
)
# Nouns of the list that are adjectives too ("a giant PowerPoint version", "the daily SDR price"),
# and the words after the name that make them adjectives.
_ADJECTIVE_NOUNS = _words("daily weekly giant quotidien hebdomadaire")
_MEASURES = _words(
    "price prices rate rates average averages limit limits volume volumes figure figures total "
    "totals basis allowance turnover output production sales trading index version edition"
)
_ENGLISH_ADJECTIVE_NOUNS = _words("daily weekly giant")
# What follows the name of a paper or a firm after those nouns, when a lowercase word does: a
# verb ("reported", "says"), a preposition or a conjunction ("on Monday", "that").
_VERB_OR_LINK = re.compile(
    r"[a-z]+(?:ed|s)|said|wrote|told|quoted|cited|saw|took|made|won|lost|sold|bought|got|had|has|is|was"
    r"|will|would|could|can|may|might|on|in|at|of|for|from|to|that|which|who|and|or|but|as|also|last|this"
    r"|newspaper|paper|magazine|journal|daily|weekly"
)
# "carrier" for a ship: "the product carrier Ocean City", "the aircraft carrier Nimitz".
_VESSEL_NOUNS = _words("carrier")
_VESSELS = _words("product products aircraft crude bulk ore gas oil tanker cargo container car lng ton tonne")
_WORD_BEFORE = re.compile(r"([^\W_]+)[ \t\xa0]+$")
_WORD_AFTER = re.compile(r"[ \t\xa0]+([^\W\d_]+)")
# "dans" or "sur" and an article before a French noun of the press: what is read there.
_READ_IN = re.compile(r"\b(?:dans|sur)[ \t\xa0]+(?:les?|la|l['’])[ \t\xa0]*$", re.IGNORECASE)
# A lowercase complement after the capitalised words: the name goes on ("L'Évènement du jeudi").
_LOWER_COMPLEMENT = re.compile(r"[ \t\xa0]+(?:de|du|des|of|for)[ \t\xa0]+[a-zß-ÿ]")
# A title before the name alone: a person of that name ("la banque Rothschild ... M. de
# Rothschild", "the firm Kahn ... Mr Kahn said").
_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?:M\.|MM\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Me|Sir|Lord)"
    r"(?:[ \t\xa0]+(?:de|von|van))?[ \t\xa0]*$"
)
_DIRECTIONS = frozenset("west east north south western eastern northern southern".split())
_NUMERAL = re.compile(r"[IVXLC]+|[\d.,]+")
_CAPITALISED_AFTER = re.compile(r"[ \t\xa0]+[A-ZÀ-Ý]")
_ARTICLES = frozenset(fold_word(w) for w in "The Le La Les L".split())


def described_names(
    text: str, lang: str, keys: TextKeys, known: list[Mention], ruled: list[Mention]
) -> list[Mention]:
    """The names that a noun for a kind of body introduces in `text`, and their later mentions,
    as rule mentions; none that overlaps `known` (the registry's mentions) or `ruled` (the
    other rules' names). A rule name made of the French noun and the name ("société Xyzcorp",
    "équipe Kelme": annotators of French keep the noun) stays, and the name alone later in the
    text is its mention too."""
    starts = _cue_starts(keys, _CUE_KEYS.get(lang, _ALL_CUE_KEYS))
    known_starts = {m.start for m in known}
    names = [
        (start, span)
        for start in starts
        if (span := _name_after(text, start, lang, known_starts)) is not None
    ]
    if not names:
        return []
    spans = sorted([(m.start, m.end) for m in known] + [(m.start, m.end) for m in ruled])
    span_starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    rule_at = {(m.start, m.end): m for m in ruled}
    found: list[Mention] = []
    named: list[tuple[Mention, str]] = []  # each name and the words its later mentions repeat
    for start, span in names:
        if found and found[-1].end > span[0]:
            continue
        hits = list(overlapping(spans, span_starts, longest, *span))
        if not hits:
            mention = rule_mention(text, *span)
            found.append(mention)
            named.append((mention, mention.text))
        elif hits == [(start, span[1])] and hits[0] in rule_at:
            named.append((rule_at[hits[0]], text[span[0] : span[1]]))
    if not named:
        return []
    later = short_names(text, named, [*known, *ruled, *found])
    words: set[bytes] = set()  # the text's words, read once when a name opens a sentence
    return found + [
        m
        for m in later
        if _TITLE_BEFORE.search(text, max(0, m.start - 10), m.start) is None
        and not _common_word_opening(text, keys, m, words)
    ]


def _cue_starts(keys: TextKeys, cue_keys: frozenset[bytes]) -> list[int]:
    """Where the nouns of `cue_keys` start (as words of the text), from the matcher's pass."""
    if keys.markers is not None:
        return [start for key, start in keys.markers if key in cue_keys]
    out: list[int] = []
    for key in cue_keys:
        i = keys.lower.find(key)
        while i >= 0:
            out.append(i)
            i = keys.lower.find(key, i + 1)
    return sorted(out)


def _name_after(
    text: str, start: int, lang: str, known_starts: Collection[int] = ()
) -> tuple[int, int] | None:
    """The span of the name that the noun at `start` introduces, or None. `known_starts`: where
    the registry's mentions start (a name does not go on over "and" into one)."""
    word = _NOUN.match(text, start)
    if word is None:
        return None
    noun, end = word.group(), word.end()
    pos = end
    if noun in _ROLES:
        at = _AT.match(text, pos)
        if at is None:
            return None  # "the analyst said"
        pos = at.end()
    elif lang != "en":
        for _ in range(2):
            qualifier = _FR_QUALIFIER.match(text, pos)
            if qualifier is None:
                break
            adjective, of = qualifier.group("word"), qualifier.group("of")
            if (adjective is not None and adjective not in _FR_QUALIFIERS) or (
                of is not None and of not in _FR_OF_QUALIFIERS
            ):
                break
            pos = qualifier.end()
    opening = _OPENING.match(text, pos)
    if opening is None or not opening.group("name").isupper():
        return None  # most nouns of the list: "the company said"
    if (
        not noun[:1].islower()
        or fold_word(noun) not in _FOLDED_CUES
        or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"))
    ):
        return None  # a name's own word ("Deutsche Bank", "Groupe SM"), or part of a word
    if noun in _ADJECTIVE_NOUNS or noun in _VESSEL_NOUNS:
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        previous = before.group(1).lower() if before is not None else ""
        if (noun in _ADJECTIVE_NOUNS and previous in ("a", "an")) or (
            noun in _VESSEL_NOUNS and (previous in _VESSELS or previous[:1].isdigit())
        ):
            return None  # "a giant PowerPoint version", "the product carrier Ocean City"
    if noun in _MEDIA_FR and _READ_IN.search(text, max(0, start - 12), start) is not None:
        return None  # "publié dans le journal Le Soir": the publication, a work (`publication`)
    if _ROLE_OF.search(text, max(0, start - 40), start) is not None:
        return None  # "le président du parti Mariano Rajoy": the name is the holder's
    quote = opening.group("quote")
    span = _name_tokens(text, opening.start("name"), known_starts)
    if span is None:
        return None
    if _LOWER_COMPLEMENT.match(text, span[1]) is not None:
        return None  # "le journal L'Évènement du jeudi": the name goes on in lowercase
    if noun in _ADJECTIVE_NOUNS:
        after = _WORD_AFTER.match(text, span[1])
        next_word = after.group(1) if after is not None else ""
        if next_word.lower() in _MEASURES:
            return None  # "the daily SDR price", "the weekly Treasury Bill rate"
        if (
            noun in _ENGLISH_ADJECTIVE_NOUNS
            and next_word.islower()
            and not _VERB_OR_LINK.fullmatch(next_word)
        ):
            return None  # "at the weekly Nairobi coffee auction": the noun it qualifies follows
    if quote:
        closing = span[1]
        while closing < len(text) and text[closing] in " \xa0":
            closing += 1
        if text[closing : closing + 1] != _CLOSE_QUOTES[quote]:
            return None  # a quotation, not a title: "the group 'We are the people'"
    return span


def _name_tokens(text: str, pos: int, known_starts: Collection[int] = ()) -> tuple[int, int] | None:
    """The capitalised words from `pos` that make one name, or None; "and" joins two of its
    words ("Kahn and Harris", "Dreyer and Traub") unless a registry name follows it ("UsedSoft
    and Oracle")."""
    first = _capitalised(text, pos)
    if first is None:
        return None
    folded = fold_word(first.group().rstrip(".'’"))
    if (folded in _NOT_OPENING or folded.partition("-")[0] in _NOT_OPENING) and folded not in _ARTICLES:
        return None  # "bank Vice-President S. Stanley Katz said"
    start = pos
    end = _token_end(first)
    if first.end() > end:  # a full stop ends the sentence after the first word
        return _checked(text, start, end)
    tokens = 1
    while tokens < _MAX_TOKENS:
        gap = _SPACE.match(text, end)
        if gap is None:
            break
        nxt = gap.end()
        link = _LINK.match(text, nxt)
        if link is not None and (
            link.group() in _LINKS
            or (link.group() == "and" and _after_spaces(text, link.end()) not in known_starts)
        ):
            after = _SPACE.match(text, link.end()) if not link.group().endswith(("'", "’")) else None
            token_at = after.end() if after is not None else link.end()
            token = _capitalised(text, token_at)
            if token is None:
                break
        else:
            token = _capitalised(text, nxt)
            if token is None:
                break
        if fold_word(token.group().rstrip(".'’")) in _NOT_OPENING:
            break
        end = _token_end(token)
        tokens += 1
        if token.end() > end:
            break
    else:
        gap = _SPACE.match(text, end)
        if gap is not None and _capitalised(text, gap.end()) is not None:
            return None  # the capitals go on past a name's length: a headline or a list
    return _checked(text, start, end)


def _after_spaces(text: str, pos: int) -> int:
    """Where the next word starts after `pos` and the spaces there."""
    gap = _SPACE.match(text, pos)
    return gap.end() if gap is not None else pos


def _capitalised(text: str, pos: int) -> re.Match[str] | None:
    """The word of a name at `pos`: one that starts with a capital, in any script ("Škoda")."""
    token = _TOKEN.match(text, pos)
    return token if token is not None and token.group()[0].isupper() else None


def _token_end(token: re.Match[str]) -> int:
    """The end of a name's word, without the full stop of a sentence or a possessive ("GfK's"),
    with the full stops of initials ("M.M.") and abbreviations kept."""
    word = token.group()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    word = word.rstrip("'’-")
    if word.endswith(".") and not _INITIALS.fullmatch(word):
        word = word.rstrip(".")
    return token.start() + len(word)


def _checked(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`start`-`end` unless it is an article alone, a description ("the firm Siemens-backed
    ...") or longer than a name ever is (a run of hyphenated words)."""
    if end - start > _LONGEST_NAME or text.count("-", start, end) > _MOST_HYPHENS:
        return None
    words = text[start:end].split()
    if not words or any(word.rpartition("-")[2] in DESCRIBING for word in words):
        return None
    folded = fold_word(words[0])
    if len(words) == 1 and (folded in _ARTICLES or folded in FOLDED_FORMS or _NUMERAL.fullmatch(words[0])):
        return None  # "group III", "Jacobs Engineering group Inc"
    if len(words) <= 2 and folded in _DIRECTIONS:
        return None  # "a banker at the West German branch": a people, not a name
    if text.startswith(("'s", "’s"), end) and _CAPITALISED_AFTER.match(text, end + 2):
        return None  # "the magazine Jane's Defence Weekly": a longer name
    return start, end


def _common_word_opening(text: str, keys: TextKeys, m: Mention, words: set[bytes]) -> bool:
    """Whether a later mention of a one-word name opens a sentence while the text also has that
    word in lowercase: the word, not the name ("Focus on ..."). `words` holds the words of the
    text's case-kept key, read the first time one is needed."""
    if " " in m.text or not sentence_start_at(text, m.start):
        return False
    if not words:
        words.update(keys.case.split())
        words.add(b"")  # read, even when the text has no word
    return key_of(m.text.lower(), keep_case=True).strip(b" ") in words
