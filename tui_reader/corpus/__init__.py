"""Reading a corpus directory into `Article` records (stdlib, charset_normalizer and PyYAML only)."""

from tui_reader.corpus.article import Article, FileReading, Skipped, article_id
from tui_reader.corpus.reader import read_file
from tui_reader.corpus.scan import SourceFile, scan

__all__ = ["Article", "FileReading", "Skipped", "SourceFile", "article_id", "read_file", "scan"]
