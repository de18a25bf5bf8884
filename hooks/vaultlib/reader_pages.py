"""What a reader's first minutes need from the build that the theme does not give (issue 18).

Plain Python, no MkDocs: ``hooks/reader_pages.py`` delegates here.
"""
from __future__ import annotations

ERROR_PAGE = "404.html"


def error_page_base(template_name: str, offline: bool) -> str | None:
    """The base URL the 404 page should be built with, or None to keep MkDocs' own.

    MkDocs builds the 404 page with the site_url's absolute path (``/aws-notes/``),
    because a server shows it at any depth. The offline bundle has no server and
    keeps 404.html at its root, where the absolute path leads nowhere from
    ``file://``: there, links and assets relative to the bundle's root work.
    """
    return "." if offline and template_name == ERROR_PAGE else None


FIGURES_CLASS = "vault-figures"


def compact_missing_figure() -> str:
    """The Figures page's mark for a file not in the vault: a small icon, its name is in the next column.

    The notes keep the full placeholder (the reader is at the figure's place); in the gallery, 87 of
    them filled the page, each printing the name the File column prints again.
    """
    return '<span class="vault-figure-missing" role="img" aria-label="not in the vault"></span>'


# Places reference-tools.js fills in the browser (progressive enhancement: without scripts they stay
# empty and hidden, and the page reads as before).
TABLE_FILTER_MARKER = '<div class="vault-table-filter" data-vault-table-filter hidden></div>'  # before a table
LETTER_BAR_MARKER = '<nav class="vault-letter-bar" data-vault-letter-bar hidden></nav>'  # links to each h2


def counted(count: int, one: str, many: str) -> str:
    """``count`` with the word that agrees with it: "1 note", "2 notes", "0 notes"."""
    return f"{count} {one if count == 1 else many}"
