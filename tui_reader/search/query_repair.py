"""What the user typed, made fit to parse.

Search runs as the user types, so most malformed queries are half-typed ones: a dangling `AND`, a
quote or a parenthesis not closed yet, a `lang:` with no value yet. `repair_query` mends them the
way they are meant (drop what dangles, close what is open, drop what closes nothing), says what it
changed, and cuts an overlong query between words. It knows the syntax, not the index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

FIELD_NAMES = frozenset({"country", "org", "entity", "date", "lang", "title", "text"})
BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE", "REQUIRE"})
OPERATORS = BINARY_OPERATORS | {"NOT"}

_WORD_END = re.compile(r'[ "()\[\]{}]')
_RANGE_END = re.compile(r"[\]}]")
_RANGE_TO = re.compile(r"(?<![^\s\[{])to(?=\s|$)", re.IGNORECASE)
_FIELD_PREFIX = re.compile(r"^(\w+):")
_FILTER_NAME = re.compile(r"\w[\w-]*:")  # "country:", a word that a filter's value follows
_ENTITY_ID = re.compile(r"^entity:(country|org):", re.IGNORECASE)
_RAW_LIMIT_FACTOR = 20  # text beyond this many times the limit is not even cleaned
_STRAY_PROBLEMS = {
    '"': "a quote is not closed",
    ")": "a parenthesis is closed but never opened",
    "[": "a range bracket is not closed",
    "{": "a range bracket is not closed",
    "]": "a range bracket is closed but never opened",
    "}": "a range bracket is closed but never opened",
}

# A word with an edit distance: "gouvernment~2".
_FUZZY = re.compile(r"^(.*[^\W_])~(-?\d+)$")
# ... written loosely: "Maroc~~", "Maroc~2.5", "Maroc~~1".
_LOOSE_FUZZY = re.compile(r"(.*[^\W_])(?:~~+\d*(?:\.\d*)?|~\d*\.\d*)")
# Tildes and perhaps a number with no word before them: "~~~", "~2" (after a phrase, "~2" is
# its slop: '"Le Maroc"~2').
_BARE_TILDES = re.compile(r"~+\d*(?:\.\d*)?")

# Token kinds
_SPACE, _WORD, _PHRASE, _OPEN, _CLOSE, _RANGE, _STRAY = "space word phrase open close range stray".split()


@dataclass(slots=True)
class RepairedQuery:
    """`typed`: the query as the user typed it, cleaned and, when too long, cut between words;
    `text`: what to parse; `problems`: what was mended, one phrase each."""

    typed: str
    text: str
    problems: list[str] = field(default_factory=list)
    cut: bool = False


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    end: int  # offset just after the token in the text it was read from
    partner: int | None = None  # an opening parenthesis: the index of its closing one
    closed: bool = True  # a range: its bracket is closed
    virtual: bool = False  # a closing parenthesis added by the repair


def clean_query(text: str) -> str:
    """`text` with every kind of space (no-break, ideographic, tab, line and paragraph
    separators...) as one plain space, control and format characters dropped, NFC, and the
    typographic apostrophe as the plain one."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in text)
    return " ".join(text.split())  # str.split(): every Zs, Zl and Zp character, \t \n \r...


def repair_query(text: str, limit: int) -> RepairedQuery:
    """Clean `text` (see `clean_query`), cut it to at most `limit` characters between whole
    words, phrases and ranges, and mend what would not parse as meant."""
    typed = clean_query(text[: limit * _RAW_LIMIT_FACTOR])  # a huge paste: the rest would be cut
    problems: list[str] = []
    # "date:2025-05-07T10:00", as a timestamp is copied: the day (an article's date has no time)
    day_only = _DATE_TIME.sub(r"\1", _DATE_TIME.sub(r"\1", typed))  # a range's two ends
    if day_only != typed:
        problems.append("a date filter reads the day, not the time of day")
    tokens = _lex(day_only)
    cut = len(typed) > limit
    if cut:
        tokens = _cut(day_only, tokens, limit)
        typed = "".join(t.text for t in tokens if not t.virtual).strip()
    mended = " ".join("".join(t.text for t in _mend(tokens, problems)).split())
    if _EXCLUDING_DASH.search(mended):
        # "-Iran", '-"premier ministre"', "-(a OR b)": NOT, as search engines read it; read on
        # the mended text, where the words are as they will be parsed
        mended = " ".join(_with_nots(mended).split())
        mended = " ".join("".join(t.text for t in _mend(_lex(mended), problems)).split())
    # "*:*", every article as Lucene writes it, is the lone star ("country:*:*" is "country:*"),
    # where Whoosh's parser makes the whole query match every article
    mended = _EVERY.sub(r"\1", mended)
    return RepairedQuery(typed, mended, problems, cut)


# A date filter's day followed by a time of day (ISO 8601): "date:2025-05-07T10:00",
# "date:[2025-05-01T00:00:00Z TO 2025-05-07]".
_DATE_TIME = re.compile(
    r"(?i)((?<![\w])date:(?:[\[{][ \t]*|[^\s\]}]*[ \t]+to[ \t]+)?\d{4}-\d{2}-\d{2})"
    r"T\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


# "*:*" or "field:*:*", as a word of its own.
_EVERY = re.compile(r"(?<![^\s(-])((?:[^\W\d_][\w-]*:)?\*):\*(?=[\s)]|$)")


# A dash that opens a word, a phrase or a group (after no letter of a word, nor a filter's
# colon or a range's bracket): "Royaume-Uni", "Maroc - Tunisie", "date:-1" and "date:[-1 TO 2]"
# exclude nothing.
_EXCLUDING_DASH = re.compile(r"(?<![\w'\-:\[{])-(?=[^\W_]|[\"(])")


def _with_nots(text: str) -> str:
    """`text` with each excluding dash outside phrases written as NOT."""

    def replace(match: re.Match[str]) -> str:
        at = match.start()
        if text.count('"', 0, at) % 2:
            return "-"  # inside a phrase
        return "NOT " if at == 0 or text[at - 1] in " (" else " NOT "

    return _EXCLUDING_DASH.sub(replace, text)


def plain_words(text: str) -> str:
    """The words of a query, without operators, field names, ranges or punctuation."""
    words: list[str] = []
    for token in _lex(text):
        if token.kind == _RANGE or (token.kind == _WORD and token.text in OPERATORS):
            continue
        value = token.text
        field_name = _FIELD_PREFIX.match(value) if token.kind == _WORD else None
        if field_name and field_name.group(1) in FIELD_NAMES:  # the lexer wrote it in lower case
            value = value[field_name.end() :]
        words.extend(re.findall(r"\w+", value))
    return " ".join(words)


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    opened: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == " ":
            j = i + 1
            while j < n and text[j] == " ":
                j += 1
            tokens.append(_Token(_SPACE, text[i:j], j))
        elif ch == '"':
            j = text.find('"', i + 1)
            if j < 0:  # a quote that closes nothing: the rest is read as if it were not there
                tokens.append(_Token(_STRAY, ch, i + 1))
            else:
                j += 1
                tokens.append(_Token(_PHRASE, text[i:j], j))
        elif ch == "(":
            opened.append(len(tokens))
            tokens.append(_Token(_OPEN, ch, i + 1))
        elif ch == ")":
            if opened:
                tokens[opened.pop()].partner = len(tokens)
                tokens.append(_Token(_CLOSE, ch, i + 1))
            else:
                tokens.append(_Token(_STRAY, ch, i + 1))
        elif ch in "[{":
            match = _RANGE_END.search(text, i + 1)
            if match:
                tokens.append(_Token(_RANGE, text[i : match.end()], match.end()))
            elif _RANGE_TO.search(text, i + 1):  # a range being typed: it runs to the end
                tokens.append(_Token(_RANGE, text[i:], n, closed=False))
            else:  # no range at all (`date:[2024`): the rest is read as if it were not there
                tokens.append(_Token(_STRAY, ch, i + 1))
        elif ch in "]}":
            tokens.append(_Token(_STRAY, ch, i + 1))
        else:
            match = _WORD_END.search(text, i + 1)
            j = match.start() if match else n
            tokens.append(_Token(_WORD, _normal_field(text[i:j]), j))
        i = tokens[-1].end
    return tokens


def _normal_field(word: str) -> str:
    """Field names in any case (`DATE:`, `Country:`), and `entity:country:MA` as `country:MA`."""
    word = _ENTITY_ID.sub(lambda m: m.group(1).lower() + ":", word)
    match = _FIELD_PREFIX.match(word)
    if match and match.group(1).lower() in FIELD_NAMES:
        return match.group(1).lower() + word[match.end(1) :]
    return word


def _cut(text: str, tokens: list[_Token], limit: int) -> list[_Token]:
    """The whole tokens that fit in `limit` characters, with no operator, empty filter or opening
    parenthesis left at the end, and the parentheses the cut leaves open closed again."""
    kept = [t for t in tokens if t.end <= limit]
    while kept and (
        kept[-1].kind == _SPACE
        or _is_operator(kept[-1])
        or _is_empty_filter(kept[-1])
        or (kept[-1].kind == _OPEN and kept[-1].partner is not None)
    ):
        kept.pop()
    if not kept:
        # One word or phrase longer than the limit: cut it, between words if it has some.
        head = text[:limit]
        return _lex(head.rsplit(" ", 1)[0] if " " in head else head)
    closers = []  # for the groups the cut leaves open: the user had closed them
    for token in kept:
        if token.kind == _OPEN and token.partner is not None and token.partner >= len(kept):
            closers.append(_Token(_CLOSE, ")", -1, virtual=True))
    return kept + closers[::-1]


def _mend(tokens: list[_Token], problems: list[str]) -> list[_Token]:
    def problem(text: str) -> None:
        if text not in problems:
            problems.append(text)

    out: list[_Token] = []
    for k, token in enumerate(tokens):
        if token.kind == _STRAY:
            problem(_STRAY_PROBLEMS[token.text])
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                out
                and out[-1].kind == _WORD
                and following is not None
                and following.kind == _WORD
                and (_FILTER_NAME.fullmatch(out[-1].text) is None or _FIELD_PREFIX.match(following.text))
            ):
                # two words it stood between stay apart ('a"~2024' is no "a~2024", ':"date:[]' no
                # ":date:[]", 'date:"date:[' no "date:date:["), a filter and its value join
                # ('country:"Maroc')
                out.append(_Token(_SPACE, " ", token.end, virtual=True))
            continue
        fielded = out and out[-1].kind == _WORD and out[-1].text.endswith(":")
        if token.kind == _RANGE and fielded and out[-1].text[:-1].lower() != "date":
            # "title:[a TO z]": a range of words, which no field but the date's has; the filter
            # goes, and the note says so
            problem(f"'{out.pop().text}' takes no range, so it was left out")
            fielded = False
        if token.kind == _RANGE and not fielded:
            # "[Maroc TO Qatar]" would list the words between them in the alphabet
            problem("a range is for dates (date:[2024 TO 2025])")
            words = [w for w in re.findall(r"\w+", token.text) if w.upper() != "TO" and w not in OPERATORS]
            if out and out[-1].kind != _SPACE:
                out.append(_Token(_SPACE, " ", token.end, virtual=True))  # "a[]~2024" is no "a~2024"
            if words:
                out.append(_Token(_WORD, " ".join(words), token.end))
                out.append(_Token(_SPACE, " ", token.end, virtual=True))
            continue
        if token.kind == _RANGE and not token.closed:
            problem("a range bracket is not closed")
            token = _Token(_RANGE, token.text.rstrip() + ("}" if token.text[0] == "{" else "]"), token.end)
        if token.kind == _WORD and _BARE_TILDES.fullmatch(token.text):
            if not (out and out[-1].kind == _PHRASE and _FUZZY.match("a" + token.text)):
                problem("a ~ goes right after a word (Maroc~)")
                if out and out[-1].kind != _SPACE:
                    out.append(_Token(_SPACE, " ", token.end, virtual=True))
                continue
        if token.kind == _WORD and (loose := _LOOSE_FUZZY.fullmatch(token.text)) is not None:
            problem("a word~ takes 1 or 2 edits")
            number = token.text[len(loose.group(1)) :].strip("~").split(".")[0]
            token = _Token(_WORD, f"{loose.group(1)}~{min(int(number or 1), 2) or 1}", token.end)
        if token.kind == _WORD and (fuzzy := _FUZZY.match(token.text)) is not None:
            word, edits = fuzzy.group(1), fuzzy.group(2)
            if edits not in ("1", "2"):  # "Maroc~10" would read as "Maroc~1" and the word "0"
                problem("a word~ takes 1 or 2 edits")
                n = int(edits)
                token = _Token(_WORD, f"{word}~{min(abs(n), 2)}" if n else word, token.end)
        if token.kind == _OPEN and token.partner is None:
            problem("a parenthesis is not closed")
        out.append(token)
    out += [_Token(_CLOSE, ")", -1, virtual=True) for t in tokens if t.kind == _OPEN and t.partner is None]
    return _drop_dangling(out, problem)


def _drop_dangling(tokens: list[_Token], problem: Callable[[str], None]) -> list[_Token]:
    """Drop filters with no value, operators with nothing on one side and empty groups, until
    none is left (dropping one may leave another dangling: `a AND ()`)."""
    while True:
        drop = _empty_groups(tokens)
        if drop:
            tokens = [t for i, t in enumerate(tokens) if i not in drop]
        solid = [i for i, t in enumerate(tokens) if t.kind != _SPACE]
        drop = set()
        for k, i in enumerate(solid):
            token = tokens[i]
            before = tokens[solid[k - 1]] if k else None
            after = tokens[solid[k + 1]] if k + 1 < len(solid) else None
            if i in drop:
                continue
            if token.kind == _WORD and _FILTER_NAME.fullmatch(token.text) and not _is_empty_filter(token):
                following = tokens[i + 1] if i + 1 < len(tokens) else None
                if following is None or following.kind in (_SPACE, _CLOSE):
                    # "Maroc field:" would find nothing: the word, as "field:Maroc" searches its words
                    problem(f"'{token.text}' is no filter")
                    if token.text[:-1] in OPERATORS:
                        drop.add(i)  # "AND:" is no word to search
                    else:
                        tokens[i] = _Token(_WORD, token.text[:-1], token.end)
            elif _is_empty_filter(token):
                following = tokens[i + 1] if i + 1 < len(tokens) else None
                if following is None or following.kind in (_SPACE, _CLOSE):
                    problem(f"'{token.text}' has no value")
                    drop.add(i)
                elif following.kind == _PHRASE and not following.text.strip('" '):
                    problem(f"'{token.text}{following.text}' has no value")  # org:""
                    drop.update((i, i + 1))
            elif token.kind == _WORD and token.text in BINARY_OPERATORS:
                if before is None or before.kind == _OPEN or _is_operator(before):
                    problem("an operator has nothing on one side")
                    drop.add(i)
                elif after is None or after.kind == _CLOSE:
                    problem("an operator has nothing on one side")
                    drop.add(i)
            elif token.kind == _WORD and token.text == "NOT":
                if after is None or after.kind == _CLOSE or (_is_operator(after) and after.text != "NOT"):
                    problem("an operator has nothing on one side")
                    drop.add(i)
                elif after.kind == _WORD and after.text == "NOT":  # and Whoosh fails on them
                    problem("two NOTs cancel out")
                    drop.update((i, solid[k + 1]))
        if not drop:
            return tokens
        tokens = [t for i, t in enumerate(tokens) if i not in drop]


def _empty_groups(tokens: list[_Token]) -> set[int]:
    """The tokens of the groups with nothing in them but spaces and empty groups: `( () )`."""
    empty: set[int] = set()
    stack: list[list[int]] = []  # per open group: its opening index, then whether it holds anything
    for i, token in enumerate(tokens):
        if token.kind == _OPEN:
            stack.append([i, 0])
        elif token.kind == _CLOSE and stack:
            start, filled = stack.pop()
            if filled:
                if stack:
                    stack[-1][1] = 1
            else:
                empty.update(range(start, i + 1))
        elif token.kind != _SPACE and stack:
            stack[-1][1] = 1
    return empty


def _is_operator(token: _Token) -> bool:
    return token.kind == _WORD and token.text in OPERATORS


def _is_empty_filter(token: _Token) -> bool:
    return token.kind == _WORD and token.text.endswith(":") and token.text[:-1].lower() in FIELD_NAMES
