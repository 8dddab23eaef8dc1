"""How much of a file is read: the size limits of the formats."""

from __future__ import annotations

# A brief is a few kilobytes; 20 MB is the most one article, or a file of articles that is read
# whole (.txt, .md, .json), may take, so that a stray multi-gigabyte file costs a skip, not the
# reader's memory.
MAX_FILE_BYTES = 20_000_000
# A JSON Lines file may hold a whole collection (the Reuters-21578 set is 37 MB); each of its
# records is still one article, held to `MAX_FILE_BYTES`.
MAX_COLLECTION_BYTES = 200_000_000
# The articles one file may hold: a JSON Lines archive of 200 MB holds some 100,000 briefs of
# 2 KB; past this, records of a few bytes each ("[{"text": "x"}, ...]") would cost minutes and
# gigabytes to index a file that is no collection of briefs.
MAX_ARTICLES_PER_FILE = 250_000
