"""Clean, stable page URLs from note paths: no spaces, '&' or parentheses; short enough for any disk."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from ..safety.paths import portable_segment

_NOT_WORD = re.compile(r"[^\w]+")
# A path segment's limit on common file systems is 255 bytes; leave room for "-NN" and ".html".
MAX_SLUG_BYTES = 200


def slug(name: str) -> str:
    """``AI & ML services (2)`` -> ``ai-ml-services-2``; Latin accents dropped, other scripts kept composed.

    Each character is composed (NFC): Hangul stays syllables and Japanese
    voicing marks stay (``ガイド`` is not ``カイト``), so names keep their
    meaning and their length on disk.
    """
    text = "".join(_without_accent(char) for char in unicodedata.normalize("NFC", name))
    text = unicodedata.normalize("NFC", _NOT_WORD.sub("-", text.casefold())).strip("-_") or "note"
    return portable_segment(_fit(text))  # CON, aux, nul... get a name Windows can store


def _without_accent(char: str) -> str:
    """``é`` -> ``e``: a character that is an ASCII letter with marks loses the marks; any other stays."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base.isascii() and base else char


def _fit(text: str) -> str:
    """The slug cut to MAX_SLUG_BYTES, ending in a short hash of the whole so cut slugs stay distinct."""
    if len(text.encode("utf-8")) <= MAX_SLUG_BYTES:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    cut = text.encode("utf-8")[: MAX_SLUG_BYTES - len(digest) - 1].decode("utf-8", "ignore").rstrip("-_")
    return f"{cut}-{digest}"


def is_index_name(name: str, at_root: bool) -> bool:
    """``index`` (any case) is a folder's own page; ``404`` at the root is the not-found page."""
    return name.casefold() == "index" or (at_root and name == "404")


def page_dest(site_path: str, use_directory_urls: bool, taken: set[str]) -> str:
    """Where a note's page is written; depends only on its path (and earlier claims), so edits never move it.

    A destination another page already has (``Topic.md`` and ``Topic/index.md``)
    gets ``-2``, ``-3``... in the order the notes are given.
    """
    *folders, name = site_path[: -len(".md")].split("/")
    index_page = is_index_name(name, not folders)
    base = "/".join([slug(folder) for folder in folders] + [name.casefold() if index_page else slug(name)])
    first = base + (".html" if index_page or not use_directory_urls else "/index.html")
    candidate, number = first, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}" + ("/index.html" if use_directory_urls else ".html")
    taken.add(candidate)
    return candidate


def offline_bundle_name(site_name: str) -> str:
    """The offline bundle's file name, e.g. ``aws-notes-offline.zip``."""
    return f"{slug(site_name)}-offline.zip"


OFFLINE_BUNDLE_FOLDER = "downloads"
