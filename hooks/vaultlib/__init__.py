"""Plain-Python core of the vault build: no MkDocs imports below this package.

Grouped by stage, imports going one way (hooks/README.md has the map):
syntax (the Obsidian grammar) -> index -> xref -> render -> pages -> browser -> pipeline.
"""
