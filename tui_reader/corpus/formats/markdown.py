"""Markdown briefs, with optional YAML front matter (``title``, ``date``, ``source``, ``url``,
``lang``).

Front matter that is not valid YAML, or not a mapping, is ignored: the article is still read,
and a warning (a `Skipped` whose reason is `front_matter_ignored`) says that its metadata was not. Dates in it
stay text (the loader does not build date objects), so ``2025-02-30`` is an invalid date, not an
error. A field of the wrong type (``title: [a, b]``) is left out, with a warning, as in JSON. A
tab that PyYAML refuses (after a colon, inside a value) is read as a space.
Without a ``title`` the first line, when it is a heading, is the title.

The body keeps its words and loses the markup that would only be noise in a reader: heading
markers, emphasis, link targets, thematic breaks, code fences, reference definitions. Headings
and list items become paragraphs of their own.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tui_reader.corpus.article import Article, Skipped
from tui_reader.corpus.decode import decode
from tui_reader.corpus.normalize import clean_line
from tui_reader.corpus.reasons import EMPTY, front_matter_ignored
from tui_reader.corpus.record import Digits, Ignored, RawArticle, make_article, metadata

# libyaml's parser when PyYAML was built with it: seven times faster on front matter, which a
# large build reads from every Markdown file. The constructors (what YAML is accepted and what
# it builds) are the same Python ones either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """`yaml.SafeLoader` without implicit timestamps: dates stay text."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A YAML integer; its digits as text when it has more than Python converts (4,300 by
    default): the field is written out and the rest of the front matter is read. A hexadecimal,
    octal, binary or sexagesimal integer is built whatever its length, but is written out in
    decimal: one too long for that is kept as written too."""
    try:
        value = loader.construct_yaml_int(node)
        str(value)
    except ValueError:
        return Digits(loader.construct_scalar(node))
    return value


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _integer)

# PyYAML takes time quadratic in the nesting of flow collections ("[[[[..."), so a hostile
# front matter is refused before it is parsed. Real front matter is a few short lines.
MAX_FRONT_MATTER_CHARS = 16_000
MAX_FLOW_COLLECTIONS = 100

_FENCE = re.compile(r"---[ \t]*")
_FENCE_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
# A line of YAML mapping: "title: Le Maroc", "date:".
_YAML_KEY = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_CODE_FENCE = re.compile(r" {0,3}(?:```|~~~)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
_BLOCKQUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*\S+.*")
# A line of text that opens no block (a heading, a list item, a quote, a fence, a break, an
# underline, a definition) and holds none of the characters of inline markup: kept as it is.
_PLAIN_LINE = re.compile(r"[ \t]{0,3}[^\s#=\-*_>+\d\[`~<][^\[<`*_]*")
# Spans are bounded and exclude their own delimiters, so a hostile line ("[[[[...", "**a **a
# ...") costs linear time, not quadratic.
_INLINE = (
    (re.compile(r"!\[([^\[\]\n]{0,300})\]\([^()\n]{0,2000}\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\n]{0,2000}\)"), r"\1"),  # link: its text
    (re.compile(r"\[([^\[\]\n]{1,300})\]\[[^\[\]\n]{0,300}\]"), r"\1"),  # reference link
    (re.compile(r"<(https?://[^<>\s]{1,2000})>"), r"\1"),  # autolink
    (re.compile(r"`([^`\n]{1,300})`"), r"\1"),
    (re.compile(r"\*\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)([^_\n]{1,300}?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?!\w)"), r"\1"),
)


def parse_markdown(relpath: str, data: bytes) -> list[Article | Skipped]:
    """The one article of a Markdown file, and a note when its front matter was ignored."""
    lines = decode(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    skipped: list[Skipped] = []
    meta: dict[str, Any] = {}
    body_start = 0
    if lines and _FENCE.fullmatch(lines[0]):
        end = next((i for i in range(1, len(lines)) if _FENCE_END.fullmatch(lines[i])), None)
        if end is not None:
            body_start = end + 1
            try:
                meta = _front_matter("\n".join(lines[1:end]))
            except _IgnoredFrontMatter as exc:
                skipped.append(Skipped(relpath, front_matter_ignored(str(exc))))
        elif len(lines) > 1 and _YAML_KEY.match(lines[1]):
            # a fence and "title: ..." under it, never closed: read as text, and said
            skipped.append(Skipped(relpath, front_matter_ignored("no closing '---' line")))
    heading, paragraphs = _body(lines[body_start:])
    ignored = Ignored()
    fields = metadata(meta, ignored)
    title = fields.pop("title")
    if heading is not None:
        if not title:
            title = heading
        elif clean_line(heading).casefold() != clean_line(title).casefold():
            paragraphs.insert(0, heading)
    article = make_article(relpath, 0, RawArticle(text="\n\n".join(paragraphs), title=title, **fields))
    if article is None:
        return [*skipped, Skipped(relpath, EMPTY)]
    return [article, *skipped, *ignored.warnings(relpath)]


class _IgnoredFrontMatter(Exception):
    pass


def _front_matter(source: str) -> dict[str, Any]:
    if len(source) > MAX_FRONT_MATTER_CHARS:
        raise _IgnoredFrontMatter(f"longer than {MAX_FRONT_MATTER_CHARS:,} characters")
    if source.count("[") + source.count("{") > MAX_FLOW_COLLECTIONS:
        raise _IgnoredFrontMatter(f"more than {MAX_FLOW_COLLECTIONS} [ or {{ collections")
    try:
        loaded = _load(source)
    except yaml.MarkedYAMLError as exc:
        where = f" (line {_line_of(exc.problem_mark, source)})" if exc.problem_mark else ""
        raise _IgnoredFrontMatter(f"not valid YAML{where}") from None
    except Exception:  # noqa: BLE001 - the front matter is ignored, the article read
        # Explicit tags fail in their constructors with whatever error they meet: a
        # ValueError (!!timestamp 2025-02-30), an AttributeError (!!timestamp yesterday), a
        # KeyError (!!bool maybe), a RecursionError.
        raise _IgnoredFrontMatter("not valid YAML") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise _IgnoredFrontMatter("not a mapping")
    return loaded


def _line_of(mark: yaml.Mark, source: str) -> int:
    """The file's line number of a YAML error in the front matter `source` (which follows the
    opening fence); libyaml puts an error at the end of the text on the line after it."""
    return min(mark.line, source.count("\n")) + 2


def _load(source: str) -> Any:
    """The YAML of `source`. A tab, which editors put after a colon or in a value ("title:\tLe
    Maroc") and which PyYAML refuses there, is read as a space when the text is no YAML with it."""
    try:
        return yaml.load(source, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError:
        if "\t" not in source:
            raise
    return yaml.load(source.replace("\t", " "), Loader=_FrontMatterLoader)  # noqa: S506


def _body(lines: list[str]) -> tuple[str | None, list[str]]:
    """The leading heading (None if the text does not open with one) and the paragraphs."""
    paragraphs: list[str] = []
    current: list[str] = []
    heading: str | None = None

    def close() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in lines:
        if _PLAIN_LINE.fullmatch(line):
            current.append(line)  # most lines: one test, where the markup takes fifteen
            continue
        if not line.strip() or _CODE_FENCE.match(line) or _REFERENCE_DEFINITION.fullmatch(line):
            close()
            continue
        atx = _ATX_HEADING.fullmatch(line)
        if atx is not None or (len(current) == 1 and _SETEXT_UNDERLINE.fullmatch(line)):
            text = _inline(atx.group(1) or "") if atx is not None else current.pop()
            opens_the_text = not paragraphs and not current
            close()
            if heading is None and opens_the_text:
                heading = text
            else:
                paragraphs.append(text)
            continue
        if _THEMATIC_BREAK.fullmatch(line):
            close()
            continue
        line = _BLOCKQUOTE.sub("", line, count=1)
        if _LIST_ITEM.match(line):
            close()
        current.append(_inline(line))
    close()
    return heading, [p for p in paragraphs if p.strip()]


def _inline(line: str) -> str:
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return line
