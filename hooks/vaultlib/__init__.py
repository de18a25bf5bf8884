"""Plain-Python core of the vault build: no MkDocs imports below this package.

pipeline   - the run, step by step: index -> cross-reference -> render -> backlinks -> generated pages
record     - NoteRecord: one per note, each field written by one step (who reads it is noted)
index      - VaultIndex: every note and attachment of the vault, scanned once
notes      - one note's properties (split as MkDocs does), headings (with toc anchors) and block ids
comments   - %%comments%% removed once, when a note is read
heading_ids - heading ids exactly as Python-Markdown's toc gives them on the rendered page
code       - where fenced and inline code are, so transforms never touch them
wikilinks  - parsing of [[...]] and ![[...]] syntax
resolver   - Obsidian's rules for what a link points at (dictionary lookups)
transforms - text-in, text-out Markdown transforms (Quartz-style pipeline)
render     - one note rendered: wikilinks, embeds, mentions, tags; links/embeds/problems/dependencies recorded
render_cache - renders kept across builds (mkdocs serve), reused while nothing they read has changed
embeds     - what a link or embed turns into in Markdown/HTML (relative URLs by the site generator's function)
outline    - sections and list items of a note, for the cross-reference model
xref/      - cross-reference model: terms, glossary, mentions, use cases, backlinks
quotes     - note text quoted on generated pages, rendered by the notes' renderer
emitters   - Markdown of the generated pages
nav, urls  - course-ordered navigation, clean page URLs
settings, problems - extra.vault settings (plain values); problems that name file and line
"""
