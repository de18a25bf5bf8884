"""What keeps a vault's data inert in a reader's browser.

html: the one allowlist sanitizer every page's HTML passes last (nh3, Rust's ammonia).
svg: SVG attachments rewritten without scripts, handlers or outside references.
paths: output names every disk accepts (no Windows device names or refused characters).
nesting: notes nested too deep for Python-Markdown, refused before it sees them.
"""
