"""Clean, stable page URLs from note paths: no spaces, '&' or parentheses."""
from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")


def slug(name: str) -> str:
    """``AI & ML services (2)`` -> ``ai-ml-services-2``; accents dropped, other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub("-", base.casefold()).strip("-_") or "note"


def page_dest(site_path: str, use_directory_urls: bool, taken: set[str]) -> str:
    """Where a note's page is written; depends only on its path, so edits never move it."""
    *folders, name = site_path[: -len(".md")].split("/")
    parts = [slug(folder) for folder in folders]
    stem = name if name in ("index", "404") and not folders or name == "index" else slug(name)
    base = "/".join(parts + [stem])
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    if stem == "index" or stem == "404" or not use_directory_urls:
        return candidate + ".html"
    return candidate + "/index.html"


def offline_bundle_name(site_name: str) -> str:
    """The offline bundle's file name, e.g. ``aws-notes-offline.zip``."""
    return f"{slug(site_name)}-offline.zip"


OFFLINE_BUNDLE_FOLDER = "downloads"
