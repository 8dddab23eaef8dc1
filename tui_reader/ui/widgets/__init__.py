"""Widgets that render and post messages: the article list, the reader, the entity pane, the search bar."""
