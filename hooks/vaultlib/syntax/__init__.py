"""Obsidian Markdown as the build reads it: the grammar, code spans, comments, wikilinks, plain text."""
