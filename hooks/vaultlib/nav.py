"""The site's navigation: the notes in course order, as the vault's folders nest them."""
from __future__ import annotations

import html

from .index import VaultIndex


def course_nav(index: VaultIndex, generated: dict[str, str], reference_title: str, home: str = "index.md") -> list:
    """Home, then the notes in course order (folders as sections), then generated pages.

    Titles are HTML-escaped: Material prints nav titles (and MkDocs makes them
    the page titles) without escaping, and a title is text (``Map<K, V>``).
    """
    nav: list = [{"Home": home}]
    sections: dict[str, list] = {}
    for note in index.notes:
        if note.site_path in (home, "404.md"):
            continue
        entries = nav
        folders = note.folder.split("/") if note.folder else []
        for depth, folder in enumerate(folders):
            path = "/".join(folders[: depth + 1])
            if path not in sections:
                sections[path] = []
                entries.append({html.escape(folder): sections[path]})
            entries = sections[path]
        entries.append({html.escape(note.title): note.site_path})
    if generated:
        nav.append({reference_title: [{title: path} for path, title in generated.items()]})
    return nav
