"""briefread: an offline, keyboard-driven terminal reader for collections of news briefs."""

__version__ = "0.1.0"
