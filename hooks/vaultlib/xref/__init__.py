"""Cross-reference model of a vault: terms (services), glossary, use cases, figures, backlinks.

Pure functions over notes and their outlines; the model is built once per build.
"""
