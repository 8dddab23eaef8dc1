"""Reading a corpus directory into `Article` records (standard library only, plus the decoders)."""

from tui_reader.corpus.article import Article, FileReading, Skipped, article_id
from tui_reader.corpus.scan import SourceFile, scan
from tui_reader.corpus.reader import read_file

__all__ = ["Article", "FileReading", "Skipped", "SourceFile", "article_id", "read_file", "scan"]
