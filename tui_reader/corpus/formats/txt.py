"""The seed format: an optional ``date`` header, then paragraphs separated by blank lines.

The header is ``date YYYY``, ``date YYYY-MM`` or ``date YYYY-MM-DD`` (any case, an optional
colon). It may share its line with the first paragraph and follow leading white space, as in
the seed article (`` date 2025-05 Le directeur général ...``). A ``date`` line whose value is not
digits is a header only when it stands alone on the first line. A header that is no date
(``date 2025-02-30``, ``date hier``) leaves the article undated, with a warning.
There is no title line: the title is made from the first sentence.
"""

from __future__ import annotations

import re

from tui_reader.corpus.article import Article, Skipped
from tui_reader.corpus.decode import decode
from tui_reader.corpus.reasons import EMPTY
from tui_reader.corpus.record import Ignored, RawArticle, make_article

# "date", white space that ends with a blank (a colon in it is followed by one), the value. The
# blank is a lookbehind, not a second run of blanks after the white space: two runs that both
# match a line of blanks try every split of it, seconds for a line of 10,000 blanks.
_AFTER_DATE = r"\s*date\s*(?::[^\S\n]+|(?<=[^\S\n]))"
_DATE_HEADER = re.compile(_AFTER_DATE + r"(\d{4}(?:-\d{1,2}){0,2})(?=\s|$)", re.IGNORECASE)
_DATE_LINE = re.compile(_AFTER_DATE + r"(\S+)[^\S\n]*(?:\n|$)")


def parse_txt(relpath: str, data: bytes) -> list[Article | Skipped]:
    """The one article of a seed-format file, or why there is none."""
    text = decode(data)
    date = ""
    header = _DATE_HEADER.match(text) or _DATE_LINE.match(text)
    if header is not None:
        date = header.group(1)
        text = text[header.end() :]
    article = make_article(relpath, 0, RawArticle(text=text, date=date))
    if article is None:
        return [Skipped(relpath, EMPTY)]
    ignored = Ignored()
    ignored.date(date)
    return [article, *ignored.warnings(relpath)]
