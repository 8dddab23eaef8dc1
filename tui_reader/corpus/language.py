"""The language of an article: from its metadata when given, else detected from its text.

Detection needs no model. Text mostly in a non-Latin script is named by its script (Arabic
script is told apart from Persian and Urdu by their own letters; Cyrillic, shared by many
languages, gives "und"). Latin-script text is scored on function words ("le", "the", "der",
...): the language with clearly the most wins (or with two when no other has one, or with the
most when it alone has words of its own), and fewer than `MIN_WORDS` words, or no clear winner,
gives "und". Only the first `SAMPLE_CHARS`
characters are looked at.
"""

from __future__ import annotations

import re
from collections import Counter

UNDETERMINED = "und"
SAMPLE_CHARS = 4000
MIN_WORDS = 5
MIN_HITS = 3  # function words of the winning language
MIN_MARGIN = 1.5  # how many times more of them than the runner-up has
MIN_HITS_ALONE = 2  # enough when no other language has a single one

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "fr": """le la les l des du de d à un une et est sont dans pour qui que qu sur pas au aux
            avec ce cette ces c il elle ils elles ont été était avait mais ou où par plus nous
            vous leur leurs ses son sa se ne n lui dont selon entre après depuis très aussi
            tout tous comme sans sous même être avoir fait""",
        "en": """the of and to in is that for it with as was on be by at this are from have has
            an which not but they were he his her she will would been their its who had said
            more also than or there can about after we into when what these those should""",
        "de": """der die das und ist nicht ein eine einen den dem des mit sich auf für von zu im
            auch es sind wird wurde werden bei nach aus wie oder aber noch nur hat haben über
            zum zur dass vor""",
        "es": """el la los las de del y que en un una es por para con se no su sus al lo como
            más pero fue ha son está este esta entre sobre también ya muy hay""",
        "it": """il lo la gli le di del della dei delle che e è un una per con non si da al alla
            nel nella sono come più anche ma ha stato questo questa essere""",
        "pt": """o os as de do da dos das e que em um uma para com não se por no na nos mais como
            mas foi ao é são está também entre pelo pela seu sua""",
        "nl": """de het een en van in is dat op te zijn met voor niet aan er ook als maar bij door
            om naar wordt werd hij zij ze nog wel deze""",
    }.items()
}

# The function words of one language only ("pour", "the", "und"): a short text that has some of
# one language and none of another's is in that language, whatever words they share ("la").
_OWN_WORDS: dict[str, frozenset[str]] = {
    lang: words.difference(*(other for name, other in _FUNCTION_WORDS.items() if name != lang))
    for lang, words in _FUNCTION_WORDS.items()
}

_WORD = re.compile(r"[^\W\d_]+")
# Letters of any script but Latin (Greek to Hangul, Hebrew and Arabic presentation forms,
# halfwidth kana), and the astral planes (historic scripts, CJK extensions).
_OTHER_SCRIPT = re.compile(
    "[\u0370-\u1dbf\u2c00-\ud7ff\ufb1d-\ufdff\ufe70-\ufefc\uff66-\uffdc\U00010000-\U0003ffff]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")
_URDU_LETTERS = re.compile(r"[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]")
_PERSIAN_LETTERS = re.compile(r"[\u067e\u0686\u0698\u06a9\u06af\u06cc]")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("he", re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]+")),
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")),
    ("hy", re.compile(r"[\u0530-\u058f]+")),
    ("ka", re.compile(r"[\u10a0-\u10ff]+")),
    ("th", re.compile(r"[\u0e00-\u0e7f]+")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]+")),
    ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")),
)

_LANGUAGE_NAMES = {
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "english": "en", "anglais": "en", "eng": "en",
    "arabic": "ar", "arabe": "ar", "ara": "ar", "العربية": "ar",
    "german": "de", "deu": "de", "ger": "de", "spanish": "es", "spa": "es",
    "italian": "it", "ita": "it", "portuguese": "pt", "por": "pt", "dutch": "nl", "nld": "nl",
    "persian": "fa", "fas": "fa", "per": "fa", "urdu": "ur", "urd": "ur",
}  # fmt: skip
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*")  # "fr", "fr-ca", "zh-hant-tw"


def language_tag(value: object) -> str | None:
    """The ISO 639-1 code a metadata value names ("fr", "FR", "fr-CA", "French", "fra"), or
    None when it names none, so that the language is detected instead."""
    if not isinstance(value, str):
        return None
    tag = value.strip().lower()
    if tag in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[tag]
    if not _LANGUAGE_TAG.fullmatch(tag):
        return None
    primary = re.split("[-_]", tag, maxsplit=1)[0]
    if primary in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[primary]
    return primary if len(primary) == 2 else None


def detect_language(text: str) -> str:
    """An ISO 639-1 code for `text`, or "und" when it is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if _OTHER_SCRIPT.search(sample) is None:
        # Latin script only, the common case: split on white space and apostrophes ("l'ONU"),
        # which is much cheaper than a Unicode word pattern; function words rarely carry the
        # punctuation this leaves on some words.
        words = sample.lower().replace("'", " ").replace("\u2019", " ").split()
        return _by_function_words(words)
    words = _WORD.findall(sample.lower())
    letters = sum(map(len, words))
    if len(words) < MIN_WORDS:
        return UNDETERMINED
    if _count(_LATIN, sample) * 2 >= letters:
        return _by_function_words(words)
    return _by_script(sample, letters)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _by_function_words(words: list[str]) -> str:
    """`words` are lowercase."""
    if len(words) < MIN_WORDS:
        return UNDETERMINED
    counts = Counter(words)
    hits = {
        lang: sum(counts[word] for word in vocabulary.intersection(counts))
        for lang, vocabulary in _FUNCTION_WORDS.items()
    }
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_, runner_up) = ranked[0], ranked[1]
    if best_hits >= MIN_HITS and best_hits >= MIN_MARGIN * runner_up:
        return best
    # a short text: two function words of one language and none of any other
    # ("Brand new article about Tunisia and NATO")
    if best_hits >= MIN_HITS_ALONE and not runner_up:
        return best
    # or with the most, of several kinds, some its own and none another's ("Le Sénégal annonce
    # un plan pour la pêche": "pour" is French only, "le", "la" and "un" are shared)
    owning = [lang for lang, own in _OWN_WORDS.items() if own.intersection(counts)]
    if (
        len(owning) == 1
        and hits[owning[0]] == best_hits
        and len(_FUNCTION_WORDS[owning[0]].intersection(counts)) >= MIN_HITS
    ):
        return owning[0]
    return UNDETERMINED


def _by_script(sample: str, letters: int) -> str:
    arabic = _count(_ARABIC, sample)
    if arabic * 2 >= letters:
        if len(_URDU_LETTERS.findall(sample)) * 50 >= arabic:
            return "ur"
        if len(_PERSIAN_LETTERS.findall(sample)) * 20 >= arabic:
            return "fa"
        return "ar"
    kana = _count(_KANA, sample)
    if kana * 10 >= letters:
        return "ja"
    for lang, pattern in _SCRIPTS:
        if _count(pattern, sample) * 2 >= letters:
            return lang
    return UNDETERMINED
