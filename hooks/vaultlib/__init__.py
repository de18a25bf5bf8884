"""Plain-Python core of the vault build: no MkDocs imports below this package.

index      - VaultIndex: every note and attachment of the vault, scanned once
wikilinks  - parsing of [[...]] and ![[...]] syntax
resolver   - Obsidian's rules for finding what a link points at (dictionary lookups)
code       - where fenced and inline code are, so transforms never touch them
transforms - text-in, text-out Markdown transforms (Quartz-style pipeline)
embeds     - what an embed or link turns into in Markdown/HTML
xref       - cross-reference model: terms, glossary, use cases, figures, backlinks
emitters   - Markdown of the generated pages
"""
