"""Organizations the registry does not know, found by rules inside one article.

- Head nouns. French names open with their head and continue with adjectives and complements
  ("Direction générale de la sûreté nationale", "ministère de l'Intérieur", "Conseil fédéral");
  English names are runs of capitalised words around theirs ("Securities and Exchange Commission",
  "Ministry of Foreign Affairs", "Social Democratic Party"), with the possessive of a plural noun
  among them ("Pakistan People's Party", "National Students' Union"). A span stops at punctuation, at a
  line break, at a lowercase word that is neither a connector nor a known adjective (the
  registry's French demonyms count as adjectives), at a pronoun, a number or an infinitive, and
  before a registry organization; a French name takes a registry organization as its complement
  ("comité central du Parti communiste chinois"). Heads that also name a house or a place
  ("éditions", "école", "musée") make a name only with a proper noun, and a head with its first
  words that name a meeting ("assemblée générale") makes none, nor does a local council named by
  its kind alone ("le Conseil municipal"). Heads of bodies that are also common nouns
  ("armée", "centre", "club", "forges") make names only capitalised. A hyphenated adjective may
  open with a prefix ("Ligue anti-alcoolique"). A name set all in capitals ("UNION POSTALE",
  "GALERIE DE LA GRAVURE") must fill its run of capitals. The "¬" that OCR leaves where a
  line broke a word ("Indus¬trielle") joins the word's halves.
- Acronym definitions: "Long Name (ABC)", "ABC (Long Name)", and an acronym whose letters are the
  initials of a long form found in the same article (skipping de/la/du/des/of/the/and...). Every
  occurrence of a defined acronym in the article is then a mention. A bare unknown acronym never is.

Rule mentions have `source="rule"`; their id is article-local, `rule:<slug of the folded name>`,
unless the long form is a registry organization, whose id an acronym defined by it takes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from typing import Any

import ahocorasick_rs

from tui_reader.entities.companies import DESCRIBING, LEGAL_FORMS, legal_form_names, short_names
from tui_reader.entities.folding import TextKeys, fold, fold_word, key_of
from tui_reader.entities.guards import ROLES
from tui_reader.entities.mention import Mention, make_mention


@dataclass(frozen=True, slots=True)
class Head:
    """A noun that heads organization names."""

    word: str
    lang: str  # "fr": opens the name; "en": ends it or opens "<Head> of ..."
    alone: bool = False  # capitalised and alone in mid-sentence, it is a name ("la Commission")
    lowercase: bool = False  # may be written in lowercase ("ministère de l'Intérieur")
    # also a common noun capitalised in titles and ads ("Office de tourisme", "Mouvement
    # d'attention"): a name needs an adjective or a capitalised complement
    weak: bool = False
    # names a place or a house as often as a body: a name only with a proper noun right after
    # the head or as its first complement ("éditions Gallimard", "musée du Louvre")
    proper: bool = False
    capitalised: bool = False  # a name only capitalised ("l'Armée rouge", not "l'armée française")


# Heads that name a body only capitalised, and then only with an adjective or a capitalised
# complement ("l'Armée rouge", "le Club du Faubourg", "les Forges de Firminy"): in lowercase they
# are the common noun with its usual adjectives ("l'armée française", "le centre hospitalier de
# Belfort"), and alone a region ("le Centre") or a word ("Harmonie et contrepoint").
_FR_CAPITALISED = """
    harmonie club armée centre usines aciéries forges mines chantiers ateliers houillères
    charbonnages tréfileries filatures raffineries papeteries verreries messageries
"""
# A centre that ends with the town it stands in is a site ("le Centre international de Vienne",
# "le Centre pénitentiaire de Fresnes"); a body's centre names what it does ("Centre communal
# d'action sociale", "Centre laïque des Auberges de jeunesse").
_ENDS_AT_A_PLACE = re.compile(r"[ \t]d[e'][ \t]*[A-ZÀ-Ý][\w-]*$")
_FR_WEAK = frozenset("office mouvement groupe conférence délégation direction fonds".split())
# Heads that in lowercase name a meeting, not a body: "la conférence de Bali"; only "la
# Conférence des Nations unies sur le commerce" is one.
_FR_EVENTS = frozenset(("conference",))  # folded
# Nouns of houses and firms: a name only with a proper noun after them ("la boulangerie Leroy",
# "le cabinet Cadel", "la société Aenesmann", "l'équipe Kelme"); written in lowercase, they are
# part of the name as annotators mark it.
_FR_PROPER = """
    éditions école collège lycée musée hôpital laboratoire conservatoire
    boulangerie laiterie brasserie cabinet imprimerie librairie pharmacie garage fromagerie
    charcuterie pâtisserie confiserie quincaillerie menuiserie scierie manufacture filature
    maison équipe société entreprise établissements galerie
"""
# Of these, the heads whose complement names the house ("éditions du Seuil", "musée du Louvre");
# the others take a place ("l'école de Percy") and make a name only with a name in apposition
# ("l'école Notre-Dame", "le lycée Henri-IV") or capitalised ("l'Ecole de Sèvres", "le
# Conservatoire de Metz", "l'Imprimerie de l'Œuvre").
_PROPER_COMPLEMENT = frozenset(("editions", "musee"))
# A house's complement names its owner or its place even when capitalised: "la Maison de Grétry".
_PLACE_COMPLEMENT = frozenset(("maison",))


def _heads() -> list[Head]:
    fr_alone = """
        commission conseil chambre sénat parlement assemblée congrès bundestag reichstag reich
        bundesrat landtag storting knesset sejm douma
    """
    fr = """
        direction ministère agence office comité fédération confédération association union
        ligue parti front mouvement organisation institut banque caisse société compagnie
        syndicat cour tribunal académie université haut-commissariat secrétariat gendarmerie
        brigade brigades groupe alliance coalition fondation régie observatoire autorité
        mairie conférence délégation faculté forces forum fonds
    """
    fr_lower = {"ministère", "tribunal", "mairie"}
    en_alone = "commission congress senate parliament bundestag cabinet"
    en = """
        agency party front council committee bank union association federation confederation
        organization organisation institute university corporation company group foundation fund
        court army navy force forces police office service services authority movement
        alliance coalition society department bureau board tribunal assembly airlines airways
        brotherhood guard brigade brigades club chamber directorate administration ministry
        secretariat academy network corps faculty exchange church lines centre center college
    """
    out = [Head(w, "fr", alone=True) for w in fr_alone.split()]
    out += [Head(w, "fr", lowercase=w in fr_lower, weak=w in _FR_WEAK) for w in fr.split()]
    out += [Head(w, "fr", weak=True, capitalised=True) for w in _FR_CAPITALISED.split()]
    # "les éditions Gallimard", "l'école Notre-Dame", "le musée du Louvre": a name only with a
    # proper noun in it
    out += [Head(w, "fr", lowercase=True, proper=True) for w in _FR_PROPER.split()]
    out += [Head(w, "en", alone=True) for w in en_alone.split()]
    out += [Head(w, "en") for w in en.split()]
    return out


HEADS = _heads()
# the first head of each word: "société" heads a name as itself before it does as a house
_FR_HEADS = {fold(h.word): h for h in reversed(HEADS) if h.lang == "fr"}
_EN_HEAD_WORDS = frozenset(h.word for h in HEADS if h.lang == "en")
# Heads that name a body alone, and the House, the Army and the Navy: "and" after one of them
# joins two bodies.
_EN_BODIES = frozenset(h.word for h in HEADS if h.lang == "en" and h.alone) | {"house", "army", "navy"}
# Capitalised words after an English name that make it the name of something else: a law, a
# prize, an index, a treaty.
_NOT_A_BODY_AFTER = frozenset("act acts bill law laws scheme index award awards prize treaty accord".split())
# Words before a day or a month that make it a date: "on Monday", "since January".
_TIME_PREPOSITIONS = frozenset(
    "on in since last next by until till from this early late before after".split()
)
_EN_DATE_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """.split()
)

# "del'" and "dela" are "de l'" and "de la" glued by OCR ("la Ligue des Droits del'Homme")
_FR_CONNECTORS = frozenset("de du des d' del' dela pour sur à aux".split())
_OF_CONNECTORS = frozenset("de du des d' del' dela".split())
# Connectors that hold an article: "du", "des", "aux" ("du commerce", "des finances").
_DETERMINED_CONNECTORS = frozenset("du des au aux del' dela".split())
# Endings of French infinitives: "la Chambre de choisir", "le Sénat d'entreprendre" end the name.
_INFINITIVE = re.compile(r"(?:er|ir|oir|dre|tre|ire)$")
_NOUNS_LIKE_INFINITIVES = frozenset("fer mer hiver cancer avenir pouvoir savoir devoir".split())
_FR_ARTICLES = frozenset("la le les l'".split())
_EN_CONNECTORS = frozenset("of for on and & the de against".split())
# Plural nouns whose possessive is a word of an English name: "Pakistan People's Party",
# "Jordanian Women's Union", "Zimbabwe National Students' Union", "Kurdistan Workers' Party". The
# possessive of a place or a person owns the name after it instead ("Japan's Central Bank",
# "Reagan's Council"), and so does any word not listed here.
_NAME_POSSESSIVES = frozenset(
    """
    people's peoples' women's men's children's youth's workers' students' officers' employers'
    employees' producers' growers' farmers' teachers' journalists' bankers' veterans' nurses'
    doctors' physicians' lawyers' writers' miners' soldiers' pensioners' consumers' taxpayers'
    manufacturers' exporters' importers' traders' dealers' owners' shipowners' brewers'
    investors' builders' engineers' editors' publishers' broadcasters' parents' mothers'
    citizens' peasants' dockers' seamen's fishermen's cattlemen's firemen's railwaymen's
    servicemen's workingmen's industries' unions' cooperatives'
    sheriff's prosecutor's prosecutors' general's attorney's chancellor's mayor's governor's
    auditor's coroner's magistrates' comptroller's solicitor's ombudsman's minister's
    """.split()
)
_POSSESSIVE_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’]s|s['’])[ \t\xa0]+$")
# French adjectives that continue an institution's name; checked on the folded word, any
# gender and number (the stem list is expanded below).
_FR_ADJECTIVE_STEMS = """
    général national fédéral européen international supérieur central mondial suprême
    constitutionnel populaire démocratique socialiste communiste républicain islamique unifié
    régional municipal départemental cantonal communal consultatif permanent spécial administratif
    civil militaire public économique social africain arabe américain atlantique maghrébin
    islamiste révolutionnaire patriotique libéral radical écologiste intérieur extérieur
    correctionnel pénal criminel territorial mutuel agricole industriel commercial financier
    monétaire scientifique technique sanitaire judiciaire parlementaire gouvernemental
    interministériel indépendant provisoire fédératif royal impérial présidentiel nucléaire
    atomique spatial maritime aérien naval postal électoral législatif exécutif
    anticorruption antiterroriste étranger touristique culturel sportif artistique historique
    médical humanitaire syndical paroissial catholique protestant israélite musulman chrétien
    évangélique laïque ouvrier paysan patronal universitaire pédagogique professionnel
    coopératif colonial consulaire diplomatique pénitentiaire fiscal douanier bancaire immobilier
    foncier minier pétrolier ferroviaire aéronautique électrique chimique métallurgique
    alimentaire hospitalier vétérinaire forestier rural urbain local métropolitain diocésain
    épiscopal pontifical apostolique olympique démographique politique juridique statistique
    démocrate libre lyrique scolaire oriental occidental méridional septentrional environnemental
    énergétique numérique informatique génétique biologique stratégique géographique linguistique
    musical théâtral littéraire civique solidaire unitaire portuaire routier
    intercommunal interprofessionnel provincial continental météorologique astronomique physique
    latin organique écologique durable religieux humain
"""


def _fr_adjective_forms() -> frozenset[str]:
    forms: set[str] = set()
    for stem in _FR_ADJECTIVE_STEMS.split():
        s = fold(stem)
        forms.update({s, s + "e", s + "s", s + "es"})
        if s.endswith("al"):
            forms.add(s[:-2] + "aux")
        if s.endswith("el") or s.endswith("en"):
            forms.update({s + "le", s + "les"} if s.endswith("el") else {s + "ne", s + "nes"})
        if s.endswith("if"):
            forms.update({s[:-1] + "ve", s[:-1] + "ves"})
        if s.endswith("er"):  # "étranger", "ouvrier": "étrangère", "ouvrière"
            forms.update({s[:-2] + "ere", s[:-2] + "eres"})
        if s.endswith("eur"):
            forms.update({s + "e", s + "es"})
        if s.endswith("eux"):  # "religieux": "religieuse"
            forms.update({s[:-1] + "se", s[:-1] + "ses"})
        if s.endswith("ic"):  # "public": "publique"
            forms.update({s[:-1] + "que", s[:-1] + "ques"})
    return frozenset(forms)


# Adjectives of Swiss cantons and French regions and cities, which name their bodies ("la
# Banque cantonale vaudoise", "la Société vaudoise d'utilité publique", "la Chambre syndicale
# de la boulangerie parisienne"), in all their forms.
_FR_REGIONAL = """
    vaudois vaudoise vaudoises genevois genevoise genevoises neuchâtelois neuchâteloise
    neuchâteloises fribourgeois fribourgeoise fribourgeoises valaisan valaisanne valaisans
    valaisannes bernois bernoise bernoises zurichois zurichoise zurichoises jurassien
    jurassienne jurassiens jurassiennes tessinois tessinoise tessinoises bâlois bâloise bâloises
    lucernois lucernoise lucernoises soleurois soleuroise soleuroises argovien argovienne
    argoviens argoviennes thurgovien thurgovienne thurgoviens thurgoviennes grison grisonne
    grisons grisonnes saint-gallois saint-galloise saint-galloises romand romande romands romandes
    parisien parisienne parisiens parisiennes lyonnais lyonnaise lyonnaises marseillais
    marseillaise marseillaises alsacien alsacienne alsaciens alsaciennes breton bretonne bretons
    bretonnes normand normande normands normandes savoyard savoyarde savoyards savoyardes
"""
_FR_ADJECTIVES = _fr_adjective_forms() | {fold(word) for word in _FR_REGIONAL.split()}
# Endings of French adjectives, for capitalised words in names ("Générale", "Economiques").
_ADJECTIVE_ENDING = re.compile(
    r"(?:iques?|ales?|aux|elles?|els?|aires?|iens?|iennes?|ais|aises?|ois|oises?|istes?|ifs?|ives?"
    r"|ains?|aines?)$"
)
# Heads that name an assembly by itself (the heads of bodies alone, but for commissions,
# councils and the Reich): "sur", "pour", "à" after one alone start what it does, not its name
# ("le sous-comité du Sénat sur les affaires européennes").
_LEGISLATURES = frozenset(fold(h.word) for h in HEADS if h.lang == "fr" and h.alone) - {
    "commission",
    "conseil",
    "reich",
}
# Common nouns of places written in lowercase before their proper name: "du mont Palomar", "du lac
# Léman".
_PLACE_NOUNS = frozenset("mont monts lac golfe cap ile iles col pic val baie detroit massif".split())
# Adjectives that come before their noun in a complement: "tribunal de première instance".
_PRENOMINAL = frozenset(
    """
    premier premiere premiers premieres grand grande grands grandes haut haute hauts hautes petit
    petite petits petites nouveau nouvelle nouveaux nouvelles ancien ancienne anciens anciennes
    jeune jeunes vieux vieille vieilles
    """.split()
)
# Words that never begin a complement of a name: pronouns and numbers ("devant le tribunal
# correctionnel des quinze personnes", "pour y répondre").
_NOT_OBJECTS = frozenset(
    """
    y en se lui leur eux nous vous ceux celles celui celle cela ceci tous plusieurs quelques
    certains certaines nombreux deux trois quatre cinq six sept huit neuf dix onze douze treize
    quatorze quinze seize vingt trente quarante cinquante soixante cent cents mille
    m mm mme mmes me mes mlle mlles mr s n j t c qu ici ne
    """.split()
)
# A head and its first words that name a meeting, a board or a thing, not an organization:
# "assemblée générale de la Société suisse des imprimeurs", "Conseil d'administration de la
# Société".
_NOT_NAMES = (
    "assemblee generale",
    "conseil d'administration",
    "conseil de surveillance",
    "conseil de famille",
    "conseil de guerre",
    "conseil de revision",
    # a business and its money, capitalised in small ads: "Fonds de commerce", "Fonds propres"
    "fonds de commerce",
    "fonds de roulement",
    "fonds propres",
    # a former state, no body: "l'Union soviétique"
    "union sovietique",
    "union des republiques socialistes sovietiques",
    # a competition, not its league: "la Ligue des champions", "la Ligue Europa"
    "ligue des champions",
    "ligue europa",
)
# Heads that name an organization only with an adjective or a lowercase complement: "Cour de
# cassation", "Parti socialiste", but "Cour du Bel-Air" (a courtyard), "Parti de Cholet"
# ("having left Cholet").
_NEEDS_COMMON_COMPLEMENT = frozenset(("cour", "parti"))
# Adjectives that make "Conseil <adjective>" the council of some commune, canton or département,
# which the text leaves unsaid ("le Conseil général s'est réuni mardi"): a description, not a
# name, unless a place follows ("Conseil général de la Seine", "conseil municipal, à Brest").
_LOCAL_COUNCILS = frozenset(
    "general generaux municipal municipaux communal communaux cantonal cantonaux departemental "
    "departementaux regional regionaux".split()
)
# A Swiss canton's government, "le Conseil d'Etat", named by its kind alone in a text that speaks
# of cantons.
_CANTONAL_COUNCIL = re.compile(r"[Cc]onseil[ \t]+d['’][EÉ]tat")
_CANTONS = re.compile(r"\bcanton(?:s|al|ale|ales|aux)?\b", re.IGNORECASE)


@lru_cache(maxsize=2)
def _speaks_of_cantons(text: str) -> bool:
    """Whether `text` speaks of cantons (one search per text, not one per council in it)."""
    return _CANTONS.search(text) is not None


# Lowercase French ordinals: "le sixième Parlement" is a term of the Parliament, "le 14e Congrès"
# a meeting, "la deuxième Chambre" a section of a court ("le Deuxième Bureau" is a name).
_ORDINAL = re.compile(r"(?:ième|ieme|ièmes|iemes|^premier|^première|^premiers|^premières|^\d+e|^\d+er)$")
# An ordinal in Roman numerals, or capitalised, that opens a name: "le IIIe Reich", "le Troisième
# Reich".
_NAME_ORDINAL = re.compile(r"[IVX]+(?:e|ème|ᵉ)|(?:Premier|Première|[A-ZÉ][a-zé]+i[eè]me)")
# Connectors that continue a name only right after its head or before a capital: "Association
# pour la propagation des langues", but not "... de Paris pour vice de forme".
_WEAK_CONNECTORS = frozenset("pour sur à aux".split())
# Heads of courts, before which "contre" opens the case, not a complement ("appel à la Cour
# suprême contre l'ordre").
_COURTS = frozenset(("cour", "tribunal", "conseil"))
# Connectors that, with no article, before a capital, say for which place after a name that has
# words of its own: "le Parti populaire pour Madrid", "la Commission d'enquête sur Outreau"; a
# name's complement has its article ("pour la Jeunesse"), and a head alone takes the place as its
# complement ("l'Association pour Haïti"). ("à" reads as the verb "a" once folded: it never
# continues a name.)
_PLACE_CONNECTORS = frozenset(("pour", "sur"))
# Capitalised words that open sentences; never the first word of a rule name.
# Articles before a name found by its English head, not part of it ("The Association of German
# Judges", in French text "le World Energy Council"; "La Salle University" in English keeps "La").
_ENGLISH_ARTICLES = frozenset(("the",))
_FRENCH_ARTICLES = frozenset("the le la les".split())
_OPENERS = frozenset(
    """
    the a an in on at to for from by with and but or of as after before while when since if this
    that these those there here his her its their our we he she it they you i not no so also yet
    le la les l un une des du de d au aux en dans pour par avec sur et mais ou ni ce cette ces
    son sa ses leur leurs selon lors depuis après avant pendant comme quand lorsque si il elle ils
    elles on nous vous je tout tous toute toutes cet
    """.split()
)
# Words that a long form holds between its initials, and that say nothing of what a name names.
ACRONYM_SKIP = frozenset("de la le les du des d l of the and et for pour on sur in en à a au aux".split())
# The blanks before a token (any white space but a line break) are skipped inside the match, which
# the regex engine does much faster than trying every alternative at each of them; a token's
# span is its group's.
_TOKEN = re.compile(
    r"[^\S\n]*+(?:(?P<nl>\n)|(?P<el>(?:(?<![^\W_])(?:[dlDL]|[Dd]el)|[Qq]u|[Jj]usqu)['’](?=\w))"
    r"|(?P<w>[^\W_]+(?:[-\u00ac](?:[dDlL]['’](?=[^\W\d_]))?[^\W_]+)*)|(?P<p>\S))"
)
# Where OCR glued a capitalised word to a lowercase one ("parlementaireMM") or a number to a word
# ("Négociations21", but not "COP21" or "G7"): the second word starts there.
_GLUED_TAIL = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])|(?<=[a-zß-ÿ]{3})(?=\d+$)")
_ACRONYM_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ0-9&]{1,9}")
_MAX_GROUPS = 4
_LOWER_NEEDS_CAPITAL = True
# First words that make "<X> Bank/Union/Front" a place rather than an organization.
_DIRECTIONS = frozenset("west east north south left soviet western eastern".split())
_MAX_EN_WORDS = 8
# Verbs and prepositions that a headline in title case capitalises and that an English name of a
# body seldom holds: in such a headline, a name found leftwards from its head stops after them
# ("Beijing Blames [Turkoman Islamic Movement]", "Two Dead in Shooting Near [Neo-Nazi Party
# Office]"). Forms that are also plural nouns of names ("Claims", "Rules", "Reports", "Votes")
# are left out.
_HEADLINE_VERBS = frozenset(
    """
    says said accuses accused admits agrees allows announces appoints arrests arrested asks backs
    bans blames blamed blocks boosts calls cancels charged condemns confirms convicted criticises
    criticizes declares defends delays demands denies detained dismisses drops elects expects
    expels fails finds frees gets gives halts holds imposes insists is are was were has have had
    would could can must might jailed joins keeps kills killed launches lifts loses makes
    meets names nominates opposes pledges postpones praises probes promises proposes pulls pushes
    quits rejects rejected releases removes replaces rescues resigns reveals seeks seizes sees
    sends sentenced sentences shows shuts signs slams slashes sues supports suspends takes targets
    tells threatens tightens tries unveils upholds urges vows wants warns warned weighs welcomes
    wins withdraws near amid over into onto toward towards despite behind
    """.split()
)
_start_end = attrgetter("start", "end")
# What every abbreviation of `_CLUB_ABBREVIATIONS` holds: a text without it names no club (one
# search for a literal ".", where the abbreviations would take five).
_CLUB_HINT = re.compile(r"\.[ACS]\. ")


class _Tok:
    """One token: a word, an elision (l', d'), a punctuation mark ("p") or a line break."""

    __slots__ = ("text", "start", "end", "kind", "_folded", "capitalised")

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self._folded: str | None = None
        self.capitalised = kind == "w" and text[0].isupper()

    @property
    def folded(self) -> str:
        """The folded text (computed on first use)."""
        folded = self._folded
        if folded is None:
            text = self.text
            # "¬" marks a word broken at a line end in OCR text ("Indus¬trielle")
            folded = self._folded = fold_word(text.replace("\u00ac", "") if "\u00ac" in text else text)
        return folded


class _Tokens:
    """The tokens after a position, read from the text only as far as they are asked for."""

    __slots__ = ("_items", "_iter")

    def __init__(self, text: str, pos: int) -> None:
        self._items: list[_Tok] = []
        self._iter = _TOKEN.finditer(text, pos, min(len(text), pos + 160))

    def has(self, index: int) -> bool:
        items = self._items
        if index < len(items):
            return True
        for m in self._iter:
            kind = m.lastgroup or "p"
            start, end = m.span(kind)
            word = m.group(kind)
            if kind == "w" and (word[-1].isdigit() or (word[0].islower() and not word.islower())):
                glued = _GLUED_TAIL.search(word)
                if glued is not None:
                    # OCR glued the next word or a number on: "parlementaireMM.", "Négociations21"
                    cut = start + glued.start()
                    items.append(_Tok(word[: glued.start()], start, cut, kind))
                    items.append(_Tok(word[glued.start() :], cut, end, kind))
                    if len(items) > index:
                        return True
                    continue
            items.append(_Tok(word, start, end, kind))
            if len(items) > index:
                return True
        return False

    def __getitem__(self, index: int) -> _Tok:
        items = self._items
        if index < len(items):
            return items[index]
        self.has(index)
        return items[index]

    def span(self, start: int, stop: int) -> list[_Tok]:
        self.has(stop - 1)
        return self._items[start:stop]


def _tokens_after(text: str, pos: int) -> _Tokens:
    """The tokens from `pos` on, lazily."""
    return _Tokens(text, pos)


def _tokens_before(text: str, pos: int, window: int = 70) -> list[_Tok]:
    """Tokens of the `window` characters before `pos`, in text order (the first may be cut)."""
    start = max(0, pos - window)
    toks = []
    for m in _TOKEN.finditer(text, start, pos):
        kind = m.lastgroup or "p"
        tok_start, tok_end = m.span(kind)
        toks.append(_Tok(m.group(kind), tok_start, tok_end, kind))
    return toks[1:] if start > 0 and toks else toks


def _two_heads(left: str, text: str, start: int, hstart: int, hend: int) -> bool:
    """Whether "and" between the head word `left` and the name that ends with the head at
    `hstart:hend` (its words from `start`) joins two names: the same head on both sides
    ("Carlyle Group and Blackstone Group"), or a head among the words after "and" ("Monetary
    Committee and Committee of Central Bank"); not "Bank and Trust Company"."""
    if left == fold_word(text[hstart:hend]):
        return True
    return any(fold_word(word) in _EN_HEAD_WORDS for word in text[start:hstart].split())


@lru_cache(maxsize=1 << 14)
def slug(name: str) -> str:
    """A readable id part: the folded name, words joined by hyphens."""
    return re.sub(r"[^0-9a-z\x9c\u00e0-\u024f]+", "-", fold(name)).strip("-")


class RuleFinder:
    """Finds rule organizations in one text; built once, reused."""

    def __init__(self, adjectives: Iterable[str] = ()) -> None:
        """`adjectives`: more words that continue a French name, such as the registry's French
        demonyms ("Société suisse des imprimeurs", "Parti communiste vietnamien")."""
        self._adjectives = _FR_ADJECTIVES | {fold(word) for word in adjectives}
        # Heads are looked for on the case-kept key: capitalised, and in lowercase for the
        # French heads that may open a name in lowercase ("ministère de l'Intérieur",
        # "commission consultative du ...").
        self._heads: dict[bytes, list[Head]] = {}
        for head in HEADS:
            forms = {head.word[:1].upper() + head.word[1:]}
            if head.lang == "fr":
                forms.add(head.word.upper())
                if not head.capitalised:
                    forms.add(head.word)
            for form in forms:
                key = b" " + key_of(form, keep_case=True) + b" "
                self._heads.setdefault(key, []).append(head)
        # legal forms that end a company's name ("Inc", "GmbH"), found on the same pass
        self._legal_forms = {b" " + key_of(form, keep_case=True) + b" " for form in LEGAL_FORMS}
        self._patterns = list(self._heads) + sorted(self._legal_forms - set(self._heads))
        self._ac: ahocorasick_rs.BytesAhoCorasick | None = None

    @property
    def head_keys(self) -> list[bytes]:
        """The padded case-kept keys of the head nouns: the matcher can find them on its own
        pass over the text (`TextKeys.case_markers`), which saves the rules a pass."""
        return self._patterns

    def __getstate__(self) -> dict[str, Any]:
        # the automaton does not pickle; it is built again on first use
        return {**self.__dict__, "_ac": None}

    def _head_matches(self, keys: TextKeys) -> list[tuple[int, int, int]]:
        if keys.case_markers is not None:
            return keys.case_markers
        if self._ac is None:
            self._ac = ahocorasick_rs.BytesAhoCorasick(self._patterns)
        found: list[tuple[int, int, int]] = self._ac.find_matches_as_indexes(keys.case, overlapping=True)
        return found

    def find(
        self,
        text: str,
        lang: str,
        known: list[Mention],
        keys: TextKeys | None = None,
        shared: Collection[int] = (),
    ) -> list[Mention]:
        """Rule mentions in `text`; `known` are the registry mentions (rules stop before their
        organizations and link acronyms to them), `shared` the starts of those whose names other
        bodies share: an English name's complement runs through them ("Ministry of Labour").
        Sorted, possibly overlapping `known`."""
        if keys is None:
            keys = TextKeys.of(text)
        org_starts = {m.start: m for m in known if m.kind == "organization"}
        org_spans = sorted((m.start, m.end) for m in org_starts.values())
        en_starts = {s: m for s, m in org_starts.items() if s not in shared} if shared else org_starts
        found: dict[tuple[int, int], Mention] = {}
        heads_of = self._heads
        patterns = self._patterns
        legal_forms = self._legal_forms
        forms: list[tuple[int, int]] = []
        for index, start, end in self._head_matches(keys):
            hstart, hend = start, end - 2
            if patterns[index] in legal_forms:
                forms.append((hstart, hend))
                continue
            word = text[hstart:hend]
            capital = word[:1].isupper()
            if len(word) > 1 and word.isupper():
                span = self._expand_caps(text, hstart, hend) if lang != "en" else None
                if span is not None:
                    found.setdefault(span, _rule_mention(text, span[0], span[1], "name"))
                continue
            if not capital and lang == "en":
                continue  # see `_expand`: no head takes a lowercase word in English
            for head in heads_of[patterns[index]]:
                if head.lang == "fr" and lang == "en":
                    continue
                span = self._expand(text, hstart, hend, head, lang, org_starts, keys, en_starts)
                if span is not None and _starts_inside(org_spans, span[0]):
                    # "the Alternative for Germany Party": the registry's name holds its start
                    span = None
                if span is not None:
                    s, e = span
                    found.setdefault((s, e), _rule_mention(text, s, e, "name"))
                    break
        companies: list[tuple[Mention, str]] = []
        if forms:
            # French "X de Y SA" is as often a person or a title: "Michel Dupont de Total SA"
            known_ends = {m.end: m.start for m in org_starts.values()}
            for start, end, words_end in legal_form_names(text, forms, lang != "fr", known_ends):
                if start not in org_starts:  # a registry name takes its form (`with_legal_forms`)
                    company = found.setdefault((start, end), _rule_mention(text, start, end, "name"))
                    companies.append((company, text[start:words_end]))
        if lang != "en":
            for start, end in self._glued_heads(text, keys, lang, org_starts):
                found.setdefault((start, end), _rule_mention(text, start, end, "name"))
        if lang != "en":
            clubs = _sports_clubs(text) if _CLUB_HINT.search(text) is not None else []
            firms = _firm_names(text) + clubs
            # a house's noun before the firm's name is part of it: "la maison Warnery frères";
            # only a name the head rules found opens it (a firm never opens the next one)
            houses = sorted(found) if firms else []
            house_starts = [key[0] for key in houses]
            for start, end in firms:
                nearby = houses[
                    bisect.bisect_left(house_starts, start - _HOUSE_CHARS) : bisect.bisect_left(
                        house_starts, start
                    )
                ]
                house = next((key for key in nearby if start < key[1] < end and key in found), None)
                if house is not None:
                    del found[house]
                    start = house[0]
                found.setdefault((start, end), _rule_mention(text, start, end, "name"))
        names = _drop_nested(list(found.values()))
        acronyms, revealed = _acronym_mentions(text, names, known, keys)
        if revealed:
            names = _drop_nested(names + revealed)
        if companies:
            names += short_names(text, companies, [*known, *names, *acronyms])
        return sorted(names + acronyms, key=_start_end)

    def _glued_heads(
        self, text: str, keys: TextKeys, lang: str, org_starts: dict[int, Mention]
    ) -> list[tuple[int, int]]:
        """French names whose head OCR glued to the word before it, read as the head would be:
        "laChambre des députés", "duMinistère de la Guerre", "auSénat"."""
        starts, ends = keys.junctions
        out: list[tuple[int, int]] = []
        ends_set = set(ends)
        for p in starts:
            start = p - 1  # text index of the capital
            stop = start
            while stop < len(text) and text[stop].isalpha() and (stop == start or stop + 1 not in ends_set):
                stop += 1
            if stop + 1 in ends_set and stop < len(text) and text[stop].isalpha():
                stop += 1
            word = fold_word(text[start:stop])
            head = _FR_HEADS.get(word)
            if (
                head is None
                or text[start:stop].isupper()
                or not (stop == len(text) or not text[stop].isalpha() or text[stop].isupper())
            ):
                continue
            span = self._expand_fr(text, start, stop, head, True, org_starts, keys)
            if span is not None:
                out.append(span)
        return out

    # -- spans ---------------------------------------------------------------------------

    def _expand(
        self,
        text: str,
        hstart: int,
        hend: int,
        head: Head,
        lang: str,
        org_starts: dict[int, Mention],
        keys: TextKeys | None = None,
        en_starts: dict[int, Mention] | None = None,
    ) -> tuple[int, int] | None:
        word = text[hstart:hend]
        capital = word[:1].isupper()
        if not capital and head.lang != "fr":
            return None
        if word.isupper() and len(word) > 1:  # headlines in capitals: no case to go by
            return None
        if head.lang == "fr":
            if lang == "en":
                return None
            return self._expand_fr(text, hstart, hend, head, capital, org_starts, keys)
        if lang == "fr" and not _capitalised_before(text, hstart):
            return None
        return self._expand_en(text, hstart, hend, head, org_starts if en_starts is None else en_starts, lang)

    def _expand_fr(
        self,
        text: str,
        hstart: int,
        hend: int,
        head: Head,
        capital: bool,
        org_starts: dict[int, Mention],
        keys: TextKeys | None = None,
    ) -> tuple[int, int] | None:
        if not capital and not head.lowercase:
            nxt = _word_after(text, hend)
            if fold_word(nxt) not in self._adjectives:
                return None  # "la commission a...": a common noun
        if head.capitalised and _capitalised_before(text, hstart):
            # "le Racing Club de France", "Al Ain Club": the name opens before the head, as an
            # English one does (`_expand_en`)
            return None
        if head.proper:
            # a proper noun right after the head, or "de" and one for "éditions du Seuil" (the
            # test below, made early: "la maison a ...", "l'entreprise qui ..." are frequent)
            nxt = _word_after(text, hend)
            if nxt[:1].islower() and (
                not _complement_names(fold(head.word), capital) or nxt not in ("de", "du", "des", "d")
            ):
                return None
        toks = _tokens_after(text, hend)
        end = hend
        j = 0
        modifiers = groups = 0
        lower_object = capital_object = False
        first_object_capitalised = False
        swallowed = False  # a registry organization is a complement
        last_determined = False  # the last complement had an article ("de la défense")
        # adjectives right after the head; a capitalised word that is not an adjective only
        # right after the head or after another capitalised word ("Société Industrielle
        # Paris-Anzin", but not "Conseil constitutionnel Jean-Louis Debré")
        # after a title ("le président de la Commission José Manuel Barroso"), a capitalised word
        # that is no adjective is the name of the person who holds it
        # (a house's noun takes a proper noun after it all the same: "le directeur de l'école
        # Robert Boulos", "la porte-parole de l'hôpital Motol")
        after_capital = head.proper or _TITLE_OF_BEFORE.search(text, max(0, hstart - 40), hstart) is None
        adjectives = self._adjectives
        head_word = fold_word(text[hstart:hend])
        first_modifier_capitalised = toks.has(0) and toks[0].capitalised and _is_modifier(toks[0], adjectives)
        if head.proper and not capital and toks.has(0) and toks[0].start in org_starts:
            return None  # "la société Total", "l'entreprise Google": the registry's name is the name
        glued: list[bool] = []  # whether OCR glued words in this text, asked once

        def two_words(tok: _Tok) -> bool:
            # "de l'instructionpublique", "d'Encouragementreçut": OCR glued the next word on
            if len(tok.folded) < _GLUED_WORD_LENGTH or "-" in tok.text:
                return False
            if not glued:
                glued.append(_glued_text(text, keys))
            return glued[0]

        while toks.has(j) and _is_modifier(toks[j], adjectives, after_capital):
            if toks[j].folded.rstrip("s") == head_word.rstrip("s"):
                break  # "Cour Cours Cours": a column of a table
            if two_words(toks[j]):
                break
            after_capital = toks[j].capitalised
            end = toks[j].end
            j += 1
            modifiers += 1
        while groups < _MAX_GROUPS and toks.has(j):
            tok = toks[j]
            k = j
            if tok.folded == "et" and groups:
                k += 1  # "de l'Europe et des Affaires étrangères": needs a capital after
                if not toks.has(k) or toks[k].folded not in _FR_CONNECTORS | {"la", "le", "les"}:
                    break
            if toks[k].folded == "contre":
                # "Ligue contre le cancer", "Agence française de lutte contre le dopage"
                if groups:
                    if toks[k - 1].folded != "lutte":
                        break
                elif head_word in _LEGISLATURES or head_word in _COURTS:
                    break  # not "le Sénat contre la réforme", "appel à la Cour suprême contre"
            elif toks[k].folded not in _FR_CONNECTORS and toks[k].kind != "el":
                break
            if toks[k].kind == "el" and toks[k].folded[0] != "d":
                break
            connector = toks[k].folded
            k += 1
            article = ""
            if toks.has(k) and toks[k].folded in _FR_ARTICLES:
                article = toks[k].folded
                k += 1
            if not toks.has(k) or toks[k].kind != "w" or toks[k].text[0].isdigit():
                break
            obj = toks[k]
            if connector == "contre" and obj.capitalised:
                break  # "le recours de la Commission contre la Hongrie": the other party
            determined = bool(article) or connector in _DETERMINED_CONNECTORS
            if toks[k - 1].kind == "w" and toks[k - 1].end == obj.start:
                # "la Société luxembourgeoise deParis": OCR glued the complement where a line
                # broke, and where the name ends is anyone's guess
                return None
            inner = org_starts.get(obj.start)
            if inner is not None:
                # "comité central du Parti communiste chinois", "Conseil de l'Ecole
                # polytechnique de Zurich": a registry organization as the complement
                if inner.form != "name" or connector not in _OF_CONNECTORS:
                    break
                end = inner.end
                while toks.has(k) and toks[k].start < inner.end:
                    k += 1
                capital_object = True
                first_object_capitalised = first_object_capitalised or groups == 0
                swallowed = True
                j = k
                groups += 1
                continue
            if obj.folded in _OPENERS or obj.folded in _NOT_OBJECTS or two_words(obj):
                break
            if obj.capitalised and not article and connector in _PLACE_CONNECTORS and (modifiers or groups):
                break  # "la liste du parti socialiste pour Tolède", not "l'Association pour Haïti"
            if not capital and connector in _PLACE_CONNECTORS:
                break  # "la conférence du tribunal sur l'affaire": a head in lowercase names no aim
            if connector in _WEAK_CONNECTORS and head_word in _LEGISLATURES and not (modifiers or groups):
                break  # "le vote du Sénat sur l'amendement": an assembly's name has no aim
            if tok.folded == "et" and (
                obj.folded in _HEAD_WORDS
                or obj.folded[:-1] in _HEAD_WORDS
                or (
                    not obj.capitalised
                    and not (lower_object and not capital_object and determined == last_determined)
                )
            ):
                # "de l'Europe et des Affaires étrangères", "d'épargne et de prêts" (a lowercase
                # complement like the lowercase ones before it), not "... et du Comité du Front",
                # "de la défense et des commissions" nor "de football et du sélectionneur"
                break
            if not obj.capitalised and connector in _WEAK_CONNECTORS and groups:
                break  # "Cour d'appel de Paris pour vice de forme": the sentence goes on
            if (
                not obj.capitalised
                and (k == j + 1 or article == "les")
                and _INFINITIVE.search(obj.folded)
                and obj.folded not in _NOUNS_LIKE_INFINITIVES
            ):
                break  # an infinitive right after "de" (or "les"): the sentence goes on
            if not obj.capitalised:
                if not capital and groups == 0 and not (head.lowercase or modifiers):
                    break
                lower_object = True
            else:
                capital_object = True
                if groups == 0:
                    first_object_capitalised = True
            end = obj.end
            k += 1
            if (
                (obj.folded in _PRENOMINAL or _ORDINAL.search(obj.folded) is not None)
                and not obj.capitalised
                and toks.has(k)
                and toks[k].kind == "w"
                and toks[k].text.islower()
                and toks[k].folded not in _FR_CONNECTORS
                and toks[k].folded not in ("et", "ou")
            ):
                # "tribunal de première instance", "du cinquième circuit", "Fédération des
                # nouveaux colons", "Institut des hautes études"
                end = toks[k].end
                k += 1
            elif obj.folded in _PLACE_NOUNS and not obj.capitalised:
                # "l'Observatoire du mont Palomar": a place's common noun and its proper name
                while (
                    toks.has(k)
                    and toks[k].kind == "w"
                    and toks[k].capitalised
                    and toks[k].folded not in _OPENERS
                ):
                    end = toks[k].end
                    k += 1
            # a capitalised complement goes on over the capitalised words of its own name
            # ("de Salt Lake City", "des Amis de Benjamin Constant"); a lowercase one only over
            # adjectives ("de cassation", not "de cassation Jean-François Burgelin")
            after_capital = obj.capitalised
            while (
                toks.has(k)
                and _is_modifier(toks[k], adjectives, after_capital)
                and (after_capital or not toks[k].capitalised or toks[k].folded in adjectives)
                and not two_words(toks[k])
            ):
                # after a lowercase complement, a capitalised word that only ends like an
                # adjective is someone's name: "du ministère des transports Karel Hanzelka"
                after_capital = after_capital and toks[k].capitalised
                end = toks[k].end
                k += 1
            j = k
            groups += 1
            last_determined = determined
        if not capital and not groups and not (head.proper and first_modifier_capitalised):
            return None  # "l'école Notre-Dame" names one; "le tribunal correctionnel" does not
        if not capital and not head.lowercase and not modifiers:
            return None  # "la commission de ...": a common noun unless an adjective names it
        if not capital and not head.lowercase and _LOWER_NEEDS_CAPITAL and not capital_object:
            return None
        if head.weak and not (modifiers or capital_object):
            return None  # "Office de tourisme", "Mouvement d'attention"
        if head_word in _FR_EVENTS and not capital:
            return None  # "la conférence internationale des Nations unies": a meeting, not a body
        if head_word == "centre" and _ENDS_AT_A_PLACE.search(text, hstart, end) is not None:
            return None  # "au Centre international de Vienne": where, not who
        if head.proper and not (
            first_modifier_capitalised
            or (first_object_capitalised and _complement_names(head_word, capital) and not swallowed)
        ):
            return None  # "l'école de Percy", "un hôpital de Malte": where, not who
        if (
            head_word == "conseil"
            and modifiers == 1
            and not groups
            and toks[0].folded in _LOCAL_COUNCILS
            and not _followed_by_place(text, end)
        ):
            return None  # "le Conseil général s'est réuni": the council of a place left unsaid
        if (
            head_word == "conseil"
            and groups == 1
            and not modifiers
            and _CANTONAL_COUNCIL.fullmatch(text, hstart, end) is not None
            and _speaks_of_cantons(text)
        ):
            return None  # "le Conseil d'Etat" of a text about cantons: the canton's government
        if head_word in _NEEDS_COMMON_COMPLEMENT and not modifiers and first_object_capitalised:
            return None
        if groups or modifiers:
            folded = fold(text[hstart:end])
            if folded.startswith(_NOT_NAMES):
                return None
        start = hstart
        prev = _word_before(text, hstart) if capital else ""
        if (prev[:1].islower() or prev[:1].isdigit()) and _ORDINAL.search(prev) is not None:
            return None  # "le sixième Parlement", "le 14e Congrès": a term, a meeting or a section
        if prev[:1].isupper() and (fold_word(prev) in _PRENOMINAL or _NAME_ORDINAL.fullmatch(prev)):
            # "le Grand Conseil", "la Haute Cour de justice", "le IIIe Reich"
            start = _prev_word_start(text, hstart)
        elif not groups and not modifiers:
            if not head.alone or sentence_start_at(text, hstart):
                return None
            if prev[:1].isupper() and fold_word(prev) not in _OPENERS:
                return None  # "Lutte contre la Commission": a name this rule cannot see the start of
        if not capital and lower_object and groups > 2:
            return None
        if capital and _quoted_title(text, start, end):
            return None
        return start, end

    def _expand_caps(self, text: str, hstart: int, hend: int) -> tuple[int, int] | None:
        """A French name set all in capitals, as in headings, listings and ads: the head opens
        a run of capitals (after an article at most), and its adjectives, the name of its house
        or its complements run to the end of the capitals ("UNION POSTALE", "GALERIE
        POTTERAT", "MAISON MÉDICALE DE LA FEMME (...)"). Capitals give no case to tell a name
        from a common noun, so the name must fill the run ("LA CHAMBRE VOTE LE BUDGET" holds
        none) and say which body it is: an adjective, a house's name, a complement with its
        article ("OFFICE DU COMPTANT") or two complements, not "MAISON DE COMMERCE"."""
        head = _FR_HEADS.get(fold_word(text[hstart:hend]))
        if head is None or not _opens_caps(text, hstart):
            return None
        toks = _tokens_after(text, hend)
        j = 0
        while toks.has(j) and _caps_word(toks[j]) and toks[j].folded in self._adjectives:
            j += 1
        modifiers = j
        if head.proper and not modifiers:
            # "GALERIE PAUL VALLOTTON": the house's name in apposition
            while toks.has(j) and _caps_content(toks[j]):
                j += 1
        named = j > modifiers
        complements = _caps_complements(toks, j)
        if complements is None:
            return None
        j, groups, determined = complements
        if toks.has(j) and toks[j].kind in ("w", "el") and not toks[j].text[:1].islower():
            return None  # the capitals go on: a headline, not a name
        if not (modifiers or named or determined or groups > 1):
            return None
        end = toks[j - 1].end if j else hend
        words = fold(text[hstart:end]).split()
        if " ".join(words).startswith(_NOT_NAMES):
            return None  # "ASSEMBLÉE GÉNÉRALE DES ACTIONNAIRES"
        if words[0] == "conseil" and len(words) == 2 and words[1] in _LOCAL_COUNCILS:
            return None  # "CONSEIL MUNICIPAL", the heading of a commune's news
        return hstart, end

    def _expand_en(
        self,
        text: str,
        hstart: int,
        hend: int,
        head: Head,
        org_starts: dict[int, Mention],
        lang: str = "en",
    ) -> tuple[int, int] | None:
        prev = _word_before(text, hstart)
        start = hstart
        content = 1
        crossed_and = False  # whether the name reaches back over "and"
        articles = _FRENCH_ARTICLES if lang == "fr" else _ENGLISH_ARTICLES
        if (prev and (prev[:1].isupper() or fold_word(prev) in _EN_CONNECTORS)) or (
            _name_possessive(text, hstart) >= 0
        ):
            # leftwards over capitalised words, the connectors between them and the possessives
            # of a name ("National Students' Union")
            pos = hstart
            while True:
                if content > _MAX_EN_WORDS:
                    return None  # the capitals go on: a list or a headline, not a name
                possessive = _name_possessive(text, pos)
                if possessive >= 0:
                    start = pos = possessive
                    content += 1
                    continue
                word, word_start = _left_word(text, pos)
                if not word:
                    saint = _SAINT_BEFORE.search(text, max(0, pos - 8), pos) if pos == start else None
                    if saint is None or fold_word(_word_after(text, pos)) in _NO_SAINTS:
                        break  # "on Market St. Central Bank officials said": a street's end
                    # "St. Petersburg State University", "the First St. Louis Bank"
                    start = pos = saint.start()
                    content += 1
                    continue
                if word[0].isupper() and not (word.isupper() and len(word) > 5):
                    folded_word = fold_word(word)
                    if folded_word in _OPENERS and sentence_start_at(text, word_start):
                        break
                    if (
                        folded_word in _HEADLINE_VERBS
                        or (folded_word in _OPENERS and folded_word not in _EN_CONNECTORS)
                    ) and _title_case_line(text, word_start):
                        break  # "Beijing Blames Turkoman Islamic Movement", "Death At ... Congress"
                    if folded_word in articles:
                        break  # "The Association of German Judges", "le World Energy Council"
                    if word.rpartition("-")[2] in DESCRIBING:
                        break  # "the Berlin-based Mercator Institute": where, not who
                    if folded_word in _EN_DATE_WORDS:
                        # "On Monday Central Bank of Fiji": when, not who; "Georg August
                        # University" and "The March of Dimes Foundation" are names
                        before = _left_word(text, word_start)[0]
                        if not before or fold_word(before) in _TIME_PREPOSITIONS:
                            break
                    start = pos = word_start
                    content += 1
                    continue
                folded = fold_word(word)
                left = _left_word(text, word_start)[0]
                if (
                    folded in _EN_CONNECTORS
                    and folded != "the"
                    and left[:1].isupper()
                    # "Bank of ...", not "Christian Schulz of Berenberg Bank": a person, or a
                    # title, of an organization
                    and (folded in ("and", "&") or fold_word(left) in _EN_HEAD_WORDS)
                    # "House and Senate", "Army and Navy": two bodies, each named by its head;
                    # "the Carlyle Group and Blackstone Group", "Monetary Committee and
                    # Committee of Central Bank Governors": two names, each with its head
                    and not (folded == "and" and fold_word(left) in _EN_BODIES)
                    and not (
                        folded in ("and", "&")
                        and fold_word(left) in _EN_HEAD_WORDS
                        and _two_heads(fold_word(left), text, word_start + len(word), hstart, hend)
                    )
                ):
                    pos = word_start  # "Securities and Exchange Commission"
                    crossed_and = crossed_and or folded in ("and", "&")
                    continue
                break
        # leading connectors were skipped: start is always a capitalised word or the head
        toks = _tokens_after(text, hend)
        end = hend
        j = 0
        while toks.has(j):
            k = j
            while toks.has(k) and toks[k].kind == "w" and toks[k].folded in _EN_CONNECTORS:
                k += 1
            if k == j or not toks.has(k) or not toks[k].capitalised:
                break
            joined = [t.folded for t in toks.span(j, k)]
            if joined[0] in ("and", "&") and (j == 0 or "the" in joined):
                break  # "the Commission and the Ministry": two names
            if joined == ["the"]:
                break  # "the Court of King's Bench the Supreme Court overruled": two names
            if toks[k].start in org_starts or toks[k].folded in _EN_DATE_WORDS:
                break  # "the Bank on Monday", "the Council in March"
            while toks.has(k) and toks[k].capitalised:
                end = toks[k].end
                content += 1
                k += 1
                if content > _MAX_EN_WORDS:
                    return None
                if _plural_possessive(text, toks, k, end):
                    k += 1  # "the National Federation of Workers' Councils": the name goes on
                elif _sovereigns_possessive(text, toks, k, end):
                    k += 2  # "the Court of King's Bench": the name goes on
            j = k
        if content > _MAX_EN_WORDS:
            return None
        if crossed_and and end == hend and _opens_another_name(toks):
            return None  # "Webkinz and Club Penguin": the head opens another name, no list's end
        first = fold_word(text[start : text.find(" ", start) if " " in text[start:hend] else hend])
        if first in _DIRECTIONS and head.word in ("bank", "union", "front"):
            return None  # "West Bank", "Soviet Union"-like places and fronts of a war
        if content == 1 and (not head.alone or (not prev and sentence_start_at(text, hstart))):
            return None
        if _ends_a_law(text, end):
            return None  # "the Financial Services Act", "the Freedom Party Index": a law, an index
        return start, end


def _starts_inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` is inside one of `spans` (sorted, not overlapping) past its first character."""
    i = bisect.bisect_left(spans, (pos, -1)) - 1
    return i >= 0 and spans[i][1] > pos


def _opens_another_name(toks: _Tokens) -> bool:
    """Whether the word right after a head is a capitalised word of another name ("Club
    Penguin"), not a legal form, a role, an acronym or another head ("Group Inc", "Committee
    Chairman", "Association EEP", "University Library", "Union Local 222")."""
    if not toks.has(0) or toks[0].kind != "w" or not toks[0].capitalised:
        return False
    word = toks[0].text
    return not (
        word.isupper()
        or word in LEGAL_FORMS
        or toks[0].folded in _ROLE_WORDS
        or toks[0].folded in _EN_HEAD_WORDS
    )


# Roles after a body's name ("the House Ways and Means Committee Chairman"), and a union's
# "Local".
_ROLE_WORDS = ROLES | {"local"}


def _sovereigns_possessive(text: str, toks: _Tokens, k: int, end: int) -> bool:
    """Whether the tokens from `k` are the "'s" of "King's" or "Queen's" ending at `end`, before
    a capitalised word: "the Court of King's Bench", "Queen's Bench Division"."""
    return (
        toks.has(k + 2)
        and toks[k].kind == "p"
        and toks[k].text in ("'", "’")
        and toks[k].start == end
        and toks[k + 1].text == "s"
        and toks[k + 1].start == end + 1
        and text[end - 5 : end] in (" King", "Queen")
        and toks[k + 2].capitalised
        and toks[k + 2].start == end + 3
        and text[end + 2] == " "
    )


def _plural_possessive(text: str, toks: _Tokens, k: int, end: int) -> bool:
    """Whether the token `k` is the apostrophe of a plural possessive that ends at `end` and is
    followed by a capitalised word ("Workers' Councils", "Teachers' Union")."""
    return (
        toks.has(k + 1)
        and toks[k].kind == "p"
        and toks[k].text in ("'", "’")
        and toks[k].start == end
        and text[end - 1 : end] == "s"
        and toks[k + 1].capitalised
        and toks[k + 1].start == end + 2
        and text[end + 1] == " "
    )


# The abbreviated "Saint" (or "Mount") that opens a place's or a saint's name, right before
# where a name found leftwards starts.
_SAINT_BEFORE = re.compile(r"(?<![\w.])(?:St|Ste|Mt)\.?[ \t]+$")


# Words of a name's start that no saint or mountain is called: after them, "St." ended a
# street's name and the sentence ("on Market St. National Bank officials said").
_NO_SAINTS = frozenset(
    """
    central national federal first general united international american british royal new
    state city county peoples union world european standard security
    """.split()
)


# What ends the name of a French firm named after its founders: "Schneider et Cie", "Buisson &
# Cie", "Warnery frères".
_FIRM_SUFFIX = re.compile(r"[ \t]+(?:(?:et|&)[ \t]+Cie\b|&[ \t]+Co\b|[Ff]r[èe]res\b)")
# A word in capitals glued to the name that follows it ("JANVIERSébastien Faure et Cie").
_CAPS_GLUED = re.compile(r"[A-ZÀ-Ý]{2,}(?=[A-ZÀ-Ý][a-zà-ÿ])")
_MAX_FIRM_WORDS = 3
# How far before a firm's name the name of its house may start ("la maison Warnery frères").
_HOUSE_CHARS = 60


# French sports clubs named by a dotted abbreviation and their town or adjective: "C.A.
# Montrouge", "F.C. Lyon", "A.S. Carcassonnaise", "C.S. Marine-Toulon" (Club athlétique, Football
# Club, Association sportive, Club sportif, Sporting Club). "R.C." is left out: it also opens the
# number of a firm in the trade register ("R.C. Seine 217.998").
_CLUB = re.compile(
    r"(?<![\w.])(?<!M\. )(?:A\.S|C\.A|F\.C|C\.S|S\.C)\.[ \t](?P<name>[A-ZÀ-Ý][^\W\d_]+(?:-[^\W\d_]+)*)"
)


_CLUB_ABBREVIATIONS = ("A.S. ", "C.A. ", "F.C. ", "C.S. ", "S.C. ")


def _sports_clubs(text: str) -> list[tuple[int, int]]:
    """Sports clubs named by a dotted abbreviation and a capitalised word ("F.C. Lyon")."""
    if not any(abbreviation in text for abbreviation in _CLUB_ABBREVIATIONS):
        return []
    # `_CLUB.finditer(text)`, tried only where an abbreviation starts: a scan of the whole text
    # by the pattern, which opens with lookbehinds, costs much more on long texts
    spots: list[int] = []
    for abbreviation in _CLUB_ABBREVIATIONS:
        dotted = abbreviation[:4]
        i = text.find(dotted)
        while i >= 0:
            spots.append(i)
            i = text.find(dotted, i + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for i in sorted(spots):
        if i < end:
            continue  # inside the previous match, as `finditer` would skip it
        m = _CLUB.match(text, i)
        if m is None:
            continue
        end = m.end()
        if not m.group("name").isupper() and fold_word(m.group("name")) not in _OPENERS:
            out.append((m.start(), m.end()))
    return out


def _firm_suffixes(text: str) -> list[re.Match[str]]:
    """The firm suffixes in `text`, looked for around the few places that hold their words."""
    found: dict[int, re.Match[str]] = {}
    for marker in ("Cie", "& Co", "rères", "reres"):
        i = text.find(marker)
        while i >= 0:
            suffix = _FIRM_SUFFIX.search(text, max(0, i - 12), i + len(marker) + 1)
            if suffix is not None:
                found.setdefault(suffix.start(), suffix)
            i = text.find(marker, i + 1)
    return [found[start] for start in sorted(found)]


def _firm_names(text: str) -> list[tuple[int, int]]:
    """Firms named after their founders, French style: one to three capitalised words before
    "et Cie", "& Cie", "& Co" or "frères" ("Schneider et Cie", "Sébastien Faure et Cie",
    "Warnery frères"). A sentence opener or a function word does not start one ("Les frères")."""
    out: list[tuple[int, int]] = []
    for suffix in _firm_suffixes(text):
        start = -1
        end = suffix.start()
        for _ in range(_MAX_FIRM_WORDS):
            word_start = end
            while (
                word_start > 0
                and end - word_start < 40
                and (text[word_start - 1].isalnum() or text[word_start - 1] in "-'")
            ):
                word_start -= 1
            word = text[word_start:end]
            glued = _CAPS_GLUED.match(word)
            if glued is not None:
                word, word_start = word[glued.end() :], word_start + glued.end()
            if not word[:1].isupper() or word.isupper() or fold_word(word) in _OPENERS:
                break
            start = word_start
            end = word_start
            while end > 0 and text[end - 1] in " \t":
                end -= 1
            if glued is not None or end == word_start:
                break
        if start >= 0:
            out.append((start, suffix.end()))
    return out


def _left_word(text: str, pos: int) -> tuple[str, int]:
    """The word before `pos` across spaces (letters, digits, hyphens), and where it starts; ""
    when punctuation or the start of the text comes first."""
    i = pos
    while i > 0 and text[i - 1] in " \t\xa0":
        i -= 1
    if i == pos:
        return "", pos
    j = i
    while j > 0 and i - j < 40 and (text[j - 1].isalnum() or text[j - 1] in "-\u00ac"):
        j -= 1
    return text[j:i], j


# A title in quotation marks that opens with its capitalised article: « Le Tribunal des flagrants
# délits », '' La Chambre confortable '' (a play, a film, a book). The closing mark must come
# within two words of the name: quoted speech runs longer.
_TITLE_OPENING = re.compile(r"(?:[«“\"]|'')[ \t\xa0]*(?:La|Le|Les|L['’])[ \t\xa0]*$")
_TITLE_CLOSING = re.compile(r"(?:[ \t\xa0]+[^\s«“»”\".!?;:']+){0,2}[ \t\xa0]*(?:[»”\"]|'')")


def _quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the name at `text[start:end]` opens a title set in quotation marks."""
    return (
        _TITLE_OPENING.search(text, max(0, start - 8), start) is not None
        and _TITLE_CLOSING.match(text, end) is not None
    )


# Letters from which a word of a name is two words that OCR glued where a line broke
# ("instructionpublique", "cettecirconscription"), in a text whose OCR glues words elsewhere
# too: few French words are as long ("télécommunications" has 18 letters).
_GLUED_WORD_LENGTH = 19
# Junctions of glued words ("laChambre", "FranceAjoutons") per thousand characters from which a
# text counts as glued by OCR (as in `glue`).
_GLUE_DENSITY = 2


def _glued_text(text: str, keys: TextKeys | None) -> bool:
    """Whether OCR glued words of `text` together here and there."""
    if keys is None:
        keys = TextKeys.of(text)
    starts, ends = keys.junctions
    return (len(starts) + len(ends)) * 1000 >= _GLUE_DENSITY * len(text)


def _followed_by_place(text: str, pos: int) -> bool:
    """Whether a place glued by OCR follows `pos` ("conseil municipaldeCamaret")."""
    return text[pos : pos + 2] in ("de", "du") and text[pos + 2 : pos + 3].isupper()


def _name_possessive(text: str, pos: int) -> int:
    """Where the plural noun in the possessive right before `pos` (across spaces) starts when it
    is a word of the name after it ("Women's Union", "Workers' Party"), else -1."""
    found = _POSSESSIVE_BEFORE.search(text, max(0, pos - 24), pos)
    if found is None or fold_word(found.group().rstrip().replace("’", "'")) not in _NAME_POSSESSIVES:
        return -1
    return found.start()


def _word_before(text: str, pos: int) -> str:
    """The word right before `pos` across spaces only ("" after punctuation or at the start)."""
    start = _prev_word_start(text, pos)
    return text[start:pos].rstrip(" \t\xa0")


def _prev_word_start(text: str, pos: int) -> int:
    """Where the word right before `pos` (across spaces only) starts."""
    end = pos
    while end > 0 and text[end - 1] in " \t\xa0":
        end -= 1
    start = end
    while start > 0 and start > end - 40 and text[start - 1].isalnum():
        start -= 1
    return start


def _ends_a_law(text: str, end: int) -> bool:
    """Whether the capitalised words from `end` on end with the noun of a law, a prize or an
    index ("... Administration Law", "... Act"): the name before them is part of that title."""
    last = ""
    pos = end
    for _ in range(4):
        word = _word_after(text, pos)
        if not word[:1].isupper():
            break
        last = word
        pos = text.index(word, pos) + len(word)
    return fold_word(last) in _NOT_A_BODY_AFTER


def _word_after(text: str, pos: int) -> str:
    """The word right after `pos` across spaces only."""
    start = pos
    while start < len(text) and text[start] in " \t\xa0":
        start += 1
    end = start
    while end < len(text) and end < start + 40 and text[end].isalnum():
        end += 1
    return text[start:end]


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around `pos` is a headline in title case: at most `_MAX_HEADLINE`
    characters, four words or more, and every word of four letters or more capitalised."""
    line_start = text.rfind("\n", max(0, pos - _MAX_HEADLINE - 1), pos) + 1
    if line_start == 0 and pos > _MAX_HEADLINE:
        return False  # no line break near: a paragraph, however long
    line_end = text.find("\n", pos, pos + _MAX_HEADLINE + 1)
    if line_end < 0:
        if len(text) - pos > _MAX_HEADLINE:
            return False
        line_end = len(text)
    if line_end - line_start > _MAX_HEADLINE:
        return False
    words = _LONG_WORD.findall(text, line_start, line_end)
    return len(words) >= 4 and all(word[0].isupper() for word in words)


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_MAX_HEADLINE = 200


def sentence_start_at(text: str, pos: int) -> bool:
    """Whether the word at `pos` opens a sentence, a line or the text."""
    i = pos
    while i > 0 and text[i - 1] in " \t\xa0":
        i -= 1
    return i == 0 or text[i - 1] in '.!?:\n"“«—–-'


def _complement_names(head_word: str, capital: bool) -> bool:
    """Whether the capitalised complement of a house's head (folded `head_word`) names the house:
    always for "éditions" and "musée" ("éditions du Seuil"), for the others only when the head
    is capitalised ("l'Ecole de Sèvres", not "l'école de Percy"), never for "maison"."""
    if head_word in _PROPER_COMPLEMENT:
        return True
    return capital and head_word not in _PLACE_COMPLEMENT


def _caps_token(tok: _Tok) -> bool:
    """Whether `tok` is a word or an elision set in capitals ("DE", "L'")."""
    return tok.kind in ("w", "el") and tok.text.isupper()


def _caps_word(tok: _Tok) -> bool:
    """Whether `tok` is a word in capitals."""
    return tok.kind == "w" and tok.text.isupper()


# Words in capitals that do not belong to a name's own words: its connectors, articles and "et".
_CAPS_STOPS = _OPENERS | _FR_CONNECTORS | _NOT_OBJECTS | frozenset(("et", "ou"))


def _caps_content(tok: _Tok) -> bool:
    """Whether `tok` is a word in capitals of a name's own ("GRAVURE", "BOW"), not a connector."""
    return _caps_word(tok) and tok.folded not in _CAPS_STOPS


# Words of a complement in capitals, at most: "DES NOUVEAUX GRANDS MAGASINS".
_MAX_CAPS_OBJECT_WORDS = 3
# Articles in capitals that may come before a name in capitals: "LA CAISSE GÉNÉRALE ...".
_CAPS_ARTICLES = frozenset("la le les l' au aux".split())


def _caps_complements(toks: _Tokens, j: int) -> tuple[int, int, bool] | None:
    """The complements in capitals from token `j` on ("DE LA GRAVURE", "DE POLICE DE BOW
    STREET"): the index of the token after them, how many there are and whether one has an
    article ("DU", "DE LA"); None for a complement too long for a name ("DES FRONTIÈRES FERMÉES
    HIER SOIR": a headline)."""
    groups = 0
    determined = False
    while groups < _MAX_GROUPS and toks.has(j):
        if not _caps_token(toks[j]) or toks[j].folded not in _FR_CONNECTORS:
            break
        k = j + 1
        article = toks.has(k) and _caps_token(toks[k]) and toks[k].folded in _FR_ARTICLES
        if article:
            k += 1
        first = k
        while toks.has(k) and _caps_content(toks[k]):
            k += 1
        if k == first:
            break
        if k - first > _MAX_CAPS_OBJECT_WORDS:
            return None
        determined = determined or article or toks[j].folded in _DETERMINED_CONNECTORS
        j = k
        groups += 1
    return j, groups, determined


def _opens_caps(text: str, pos: int) -> bool:
    """Whether the word in capitals at `pos` opens its run of capitals, or follows an article
    that opens it: "Exposition. GALERIE", "L'UNION", but not "D'UNE COMMISSION"."""
    toks = _tokens_before(text, pos, 30)
    if not toks or not _caps_token(toks[-1]):
        return True
    if toks[-1].folded not in _CAPS_ARTICLES:
        return False
    return len(toks) < 2 or not _caps_token(toks[-2])


def _capitalised_before(text: str, pos: int) -> bool:
    prev = _word_before(text, pos)
    return prev[:1].isupper() and fold_word(prev) not in _OPENERS


# A title and "de la", "du", "de l'" or "des" right before a French head: "le président de la
# Cour", "le chef du Parti".
_TITLE_OF_BEFORE = re.compile(
    r"(?i:\b(?:président|présidente|vice-président|vice-présidente|chef|directeur|directrice|patron"
    r"|patronne|secrétaire|porte-parole|gouverneur|gouverneure|commissaire|juge|procureur|procureure"
    r"|ministre|dirigeant|dirigeante|leader)[ \t\xa0]+(?:de[ \t\xa0]+la|de[ \t\xa0]+l['’]|du|des)[ \t\xa0]*)$"
)


def _is_modifier(tok: _Tok, adjectives: frozenset[str], any_capitalised: bool = True) -> bool:
    """Whether `tok` continues a French name after its head or a complement: a known adjective,
    or a capitalised word (any, or only one that reads as an adjective when `any_capitalised` is
    false: "Générale", "Economiques", but not "Catégories" or "Jean-Louis")."""
    if tok.kind != "w":
        return False
    if tok.capitalised:
        if tok.folded in _OPENERS or tok.text.isupper():
            return False
        if any_capitalised or tok.folded in adjectives:
            return True
        # "Jean-François" ends like an adjective but its parts are capitalised: a name
        return "-" not in tok.text and _ADJECTIVE_ENDING.search(tok.folded) is not None
    folded = tok.folded
    if folded in adjectives:
        return True
    if "-" not in folded:
        return False
    # a compound adjective: "radical-socialiste", "social-chrétien"
    parts = folded.split("-")
    return all(part in adjectives for part in parts) or _prefixed_adjective(parts, adjectives)


# Prefixes of French adjectives written with a hyphen: "anti-alcoolique", "pro-européen".
_ADJECTIVE_PREFIXES = frozenset("anti pro inter extra ultra neo pan post pre contre".split())


def _prefixed_adjective(parts: list[str], adjectives: frozenset[str]) -> bool:
    """Whether the parts of a hyphenated word are a prefix and an adjective ("anti-alcoolique",
    "inter-cantonal"): a known one, or a word that ends like one."""
    if len(parts) != 2 or parts[0] not in _ADJECTIVE_PREFIXES:
        return False
    return parts[1] in adjectives or _ADJECTIVE_ENDING.search(parts[1]) is not None


def rule_mention(text: str, start: int, end: int, name: str = "") -> Mention:
    """The mention of a name found by a rule at `text[start:end]`, with its article-local id
    (made from `name` when given: the name in full, where the mention leaves words of it out)."""
    return _rule_mention(text, start, end, "name", name)


def rule_acronym(text: str, start: int, end: int, name: str) -> Mention:
    """The mention of an acronym at `text[start:end]` that stands for `name`, a body of the
    article's own (its id made from `name`)."""
    return _rule_mention(text, start, end, "acronym", name)


def _rule_mention(text: str, start: int, end: int, form: str, name: str = "", entity_id: str = "") -> Mention:
    surface = text[start:end]
    long_form = " ".join((name or surface).split())
    return make_mention(
        start,
        end,
        surface,
        "organization",
        "acronym" if form == "acronym" else "name",
        entity_id or f"rule:{slug(long_form)}",
        long_form,
        long_form,
        "rule",
    )


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Longest first; a mention inside or across a kept one is dropped. Sorted by start."""
    starts: list[int] = []
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        i = bisect.bisect_right(starts, m.start)
        if i > 0 and kept[i - 1].end > m.start:
            continue
        if i < len(kept) and kept[i].start < m.end:
            continue
        starts.insert(i, m.start)
        kept.insert(i, m)
    return kept


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The acronym a long form would have: first letters of its words, skipping de/la/of/the...
    ("Direction générale de la sûreté nationale" -> "DGSN")."""
    words = re.findall(r"[^\W\d_]+", name.replace("’", "'"))
    letters = [w[0] for w in words if fold(w) not in ACRONYM_SKIP]
    return fold("".join(letters)).upper()


def _initials_of(name: str) -> tuple[str, ...]:
    """The acronyms a long form may have: `initials`, and those of its name without the legal
    form that ends it when they have three letters or more ("United Asian Bank Bhd": UABB and
    UAB; "Ford Motor Co": FMC only, FM naming much else)."""
    whole = initials(name)
    head, _sep, last = name.rpartition(" ")
    if head and last in LEGAL_FORMS:
        short = initials(head)
        if len(short) >= 3:
            return whole, short
    return (whole,)


def _fits_a_name(acronym: str, long_form: Mention) -> bool:
    """Whether `acronym` can abbreviate the name `long_form` shows or, for a registry body, its
    name in English or French: "Parti pour une société démocratique (DTP)", the acronym of the
    party's name in its own language, which its English name fits too."""
    if acronym_fits(acronym, long_form.text):
        return True
    return long_form.source == "registry" and any(
        acronym_fits(acronym, name) for name in (long_form.name_en, long_form.name_fr) if name
    )


def _acronym_mentions(
    text: str, names: list[Mention], known: list[Mention], keys: TextKeys
) -> tuple[list[Mention], list[Mention]]:
    """Acronyms defined in this text, at every occurrence, and the long forms that only their
    definition revealed ("la CCSDN (commission consultative du secret de la défense nationale)").
    """
    i = text.find("(")
    if i < 0 and not names:
        return [], []
    defined: dict[str, Mention] = {}  # acronym -> the long form it stands for
    revealed: list[Mention] = []
    long_forms: dict[int, Mention] = {}
    starts: dict[int, Mention] = {}
    if i >= 0:
        orgs = [m for m in known if m.kind == "organization" and m.form == "name"]
        long_forms = {m.end: m for m in names + orgs}
        starts = {m.start: m for m in names + orgs}
    while i >= 0:
        close = text.find(")", i + 1, i + 200)
        if close > i + 1:
            inner = text[i + 1 : close]
            stripped = inner.strip()
            end_before = i
            while end_before > 0 and text[end_before - 1] in " \t\xa0":
                end_before -= 1
            if _ACRONYM_WORD.fullmatch(stripped) and _looks_like_acronym(stripped):
                # "Long Name (ABC)"
                long_form = long_forms.get(end_before)
                # a name the rules found, then a parenthesised acronym: in the news, often the
                # acronym of the name in its own language ("German Society for the Protection of
                # Animals (DTB)"); a registry name has its acronyms and may be the end of a
                # longer one ("Syrian Arab Red Crescent (SARC)"), so its acronym must fit it
                translated = long_form is not None and long_form.source == "rule"
                if long_form is None:
                    span = _initials_span(text, end_before, stripped)
                    if span is not None:
                        long_form = _rule_mention(text, span[0], span[1], "name")
                        revealed.append(long_form)
                if long_form is not None and (translated or _fits_a_name(stripped, long_form)):
                    defined.setdefault(stripped, long_form)
            elif _SHORT_NAME.fullmatch(stripped):
                # "Long Name (Soffex)": a short name made of the first letters of its words
                long_form = long_forms.get(end_before)
                if long_form is not None and syllables_fit(stripped, long_form.text):
                    defined.setdefault(stripped, long_form)
            else:
                # "ABC (Long Name)"
                word_start = end_before
                while word_start > 0 and text[word_start - 1].isalnum():
                    word_start -= 1
                acronym = text[word_start:end_before]
                if _ACRONYM_WORD.fullmatch(acronym) and _looks_like_acronym(acronym):
                    inner_start = i + 1 + (len(inner) - len(inner.lstrip()))
                    long_form = starts.get(inner_start)
                    if long_form is None and initials(stripped) == fold(acronym).upper():
                        if _has_head(stripped):
                            long_form = _rule_mention(text, inner_start, inner_start + len(stripped), "name")
                            revealed.append(long_form)
                    translated = (
                        long_form is not None
                        and long_form.source == "rule"
                        and long_form.end == inner_start + len(stripped)
                    )
                    if long_form is not None and (translated or acronym_fits(acronym, long_form.text)):
                        defined.setdefault(acronym, long_form)
        i = text.find("(", i + 1)
    # initials of a rule long form found in the text: one pass for all of them
    wanted: dict[str, Mention] = {}
    # a name the rules found where the registry knows it is the registry's body ("Nouveau
    # Centre": NC is org:fr-nouveau-centre, not a body of this article's own)
    registry_names = {(k.start, k.end): k for k in known if k.kind == "organization" and k.form == "name"}
    for name in names + revealed:
        for acronym in _initials_of(name.text):
            if len(acronym) >= 2 and acronym not in defined:
                wanted.setdefault(acronym, registry_names.get((name.start, name.end), name))
    positions = _positions(keys, wanted.keys() | defined.keys())
    for acronym, name in wanted.items():
        if positions.get(acronym):
            defined[acronym] = name
    if not defined:
        return [], revealed
    known_spans = {(k.start, k.end) for k in known}
    out: list[Mention] = []
    for acronym, long_form in defined.items():
        registry = long_form.source == "registry"
        full = long_form.name_fr if registry else long_form.text
        for start in positions.get(acronym, ()):
            end = start + len(acronym)
            if text[start:end] == acronym and (start, end) not in known_spans:
                m = _rule_mention(text, start, end, "acronym", full, long_form.id)
                if registry:  # the registry body's names, in each language
                    m = replace(m, name_en=long_form.name_en, name_fr=long_form.name_fr)
                out.append(m)
    return out, revealed


def _find_word(keys: TextKeys, word: str) -> list[int]:
    key = key_of(word, keep_case=True).strip(b" ")
    if not key:
        return []
    needle = b" " + key + b" "
    spots: list[int] = []
    i = keys.case.find(needle)
    while i >= 0:
        spots.append(i)
        i = keys.case.find(needle, i + 1)
    return spots


def _positions(keys: TextKeys, words: Iterable[str]) -> dict[str, list[int]]:
    """Where each of `words` occurs as a whole word in the text of `keys` (case-sensitive up to
    accents). An article defines few acronyms, and a search of the key for each is fastest; a
    long text with many is searched once with an automaton."""
    words = list(words)
    found: dict[str, list[int]] = {}
    if len(words) <= _FEW_WORDS:
        for word in words:
            spots = _find_word(keys, word)
            if spots:
                found[word] = spots
        return found
    by_key: dict[bytes, list[str]] = {}
    for word in words:
        key = key_of(word, keep_case=True).strip(b" ")
        if key:
            by_key.setdefault(b" " + key + b" ", []).append(word)
    if not by_key:
        return found
    patterns = list(by_key)
    automaton = ahocorasick_rs.BytesAhoCorasick(patterns)
    for index, start, _end in automaton.find_matches_as_indexes(keys.case, overlapping=True):
        for word in by_key[patterns[index]]:
            found.setdefault(word, []).append(start)
    return found


_FEW_WORDS = 8
_HEAD_WORDS = frozenset(fold(h.word) for h in HEADS)


# Nouns that head the long form of an acronym defined in the text, beyond the rules' heads:
# spelled out letter by letter next to its acronym, a "Centre communal d'action sociale" (CCAS)
# or a "Woods Hole Oceanographic Institution" (WHOI) is a body, where alone it may be a place.
_DEFINITION_HEADS = _HEAD_WORDS | frozenset(
    fold(w)
    for w in """
        centre center institution laboratoire laboratory école school hôpital hospital musée
        museum régiment regiment clinique clinic orchestre orchestra théâtre theatre theater
        commissariat inspection préfecture conservatoire mutuelle coopérative cooperative
        consortium groupement collectif
    """.split()
)


def _has_head(name: str) -> bool:
    return any(fold_word(w) in _DEFINITION_HEADS for w in re.findall(r"[^\W\d_]+", name))


def _initials_span(text: str, end: int, acronym: str) -> tuple[int, int] | None:
    """The words just before `end` whose initials spell `acronym` (skipping de/la/of/the...),
    when they hold an organization head noun: the long form the acronym defines."""
    letters = [ch for ch in fold(acronym) if ch.isalpha()]
    # a long form has a few words for each letter, "de la" and the like between them
    window = min(160, 24 * len(letters) + 16)
    toks = [t for t in _tokens_before(text, end, window) if t.kind in ("w", "el")]
    i = len(toks)
    start = -1
    while letters and i > 0:
        tok = toks[i - 1]
        i -= 1
        if tok.kind == "el" or tok.folded in ACRONYM_SKIP:
            continue
        if tok.folded[:1] != letters[-1]:
            return None
        letters.pop()
        start = tok.start
    if letters or start < 0 or not _has_head(text[start:end]):
        return None
    return start, toks[-1].end  # not a full stop before the bracket: "National Union. (BNU)"


def _looks_like_acronym(word: str) -> bool:
    capitals = sum(1 for ch in word if ch.isupper())
    return capitals >= 2 and capitals * 2 >= len(word)


# A short name written as a word: "Soffex", "Minpeco", "Unctad".
_SHORT_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{3,9}")


def syllables_fit(short: str, long_form: str) -> bool:
    """Whether the word `short` is made of the first letters of two or more of the long form's
    words, in order, the first word first, others perhaps skipped: "Soffex" is S(wiss)
    O(ptions) F(inancial) F(utures) Ex(change), "Minpeco" Min(ero) Pe(ru) Co(mercial); "Tokyo"
    after "Tokyo Stock Exchange" is the city, not a short name."""
    letters = fold(short)
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", long_form)]
    if len(words) < 2:
        return False
    failed: set[tuple[int, int, bool]] = set()

    def fits(pos: int, word: int, several: bool) -> bool:
        """Whether `letters[pos:]` come from `words[word:]` (the first of them `words[word]`
        itself when `pos` is 0); `several`: whether two words gave letters already."""
        if pos == len(letters):
            return several
        if (pos, word, several) in failed:
            return False
        for w in range(word, word + 1 if pos == 0 else len(words)):
            head = words[w]
            n = 0
            while n < len(head) and pos + n < len(letters) and head[n] == letters[pos + n]:
                n += 1
                if fits(pos + n, w + 1, pos > 0):
                    return True
        failed.add((pos, word, several))
        return False

    return fits(0, 0, False)


def acronym_fits(acronym: str, long_form: str) -> bool:
    """Whether `acronym` can abbreviate `long_form`: its capitals appear, in order, among the
    initials of the long form's words (or their parts), the first one first."""
    letters = [ch for ch in fold(acronym) if ch.isalpha()]
    words = re.findall(r"[^\W\d_]+", long_form)
    initials_all = [fold(w[0]) for w in words]
    if not letters or not initials_all or letters[0] != initials_all[0]:
        return False
    folded = fold(long_form)
    pos = 0
    for ch in letters:
        pos = folded.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True
