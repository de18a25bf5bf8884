"""Marks on generated pages that the browser's tools or the site's styles fill: progressive enhancement.

Without scripts the markers stay empty and hidden, and the page reads as before.
"""
from __future__ import annotations

FIGURES_CLASS = "vault-figures"  # the Figures page as a gallery at any width (vault.css)
TABLE_FILTER_MARKER = '<div class="vault-table-filter" data-vault-table-filter hidden></div>'  # before a table
LETTER_BAR_MARKER = '<nav class="vault-letter-bar" data-vault-letter-bar hidden></nav>'  # links to each h2


def compact_missing_figure() -> str:
    """The Figures page's mark for a file not in the vault: a small icon, its name is in the next column.

    The notes keep the full placeholder (the reader is at the figure's place); in the gallery, 87 of
    them filled the page, each printing the name the File column prints again.
    """
    return '<span class="vault-figure-missing" role="img" aria-label="not in the vault"></span>'
