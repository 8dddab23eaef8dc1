"""From the fields a format found to a normalised `Article`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.corpus.article import Article, article_id
from tui_reader.corpus.dates import parse_date
from tui_reader.corpus.language import SAMPLE_CHARS, detect_language, language_tag
from tui_reader.corpus.normalize import clean_line, clean_text
from tui_reader.corpus.title import make_title

# Only web links are kept: the UI may make the url clickable, and a file: or javascript: url
# from an untrusted article must not be.
_WEB_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article's fields as a format found them, before normalisation."""

    text: str
    title: str = ""
    date: object = None  # a header string, or whatever YAML or JSON gave
    lang: object = None
    source: str = ""
    url: str = ""


def make_article(relpath: str, position: int, raw: RawArticle) -> Article | None:
    """The normalised article, or None when no text is left once normalised."""
    text = clean_text(raw.text)
    if not text:
        return None
    title = make_title(raw.title, text)
    url = clean_line(raw.url)
    return Article(
        id=article_id(relpath, position),
        path=relpath,
        position=position,
        title=title,
        text=text,
        date=parse_date(raw.date),
        lang=language_tag(raw.lang) or detect_language(_with_title(raw.title, text)),
        source=clean_line(raw.source),
        url=url if _WEB_URL.fullmatch(url) else "",
    )


def _with_title(given_title: str, text: str) -> str:
    """The text to detect the language of: a title made from the text would count its first
    sentence twice, a given one adds words."""
    return f"{given_title}\n\n{text[:SAMPLE_CHARS]}" if given_title else text
