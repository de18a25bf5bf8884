"""The site's navigation: the notes in course order, as the vault's folders nest them."""
from __future__ import annotations

from ..index.properties import theme_text
from ..index.vault import VaultIndex
from .locations import HOME


HOME_TITLE = "Home"


def course_nav(index: VaultIndex, generated: dict[str, str], reference_title: str, home: str = HOME) -> list:
    """Home, then the notes in course order (folders as sections), then generated pages.

    Titles are the theme's text (``theme_text``): MkDocs makes nav titles the page titles.
    """
    nav: list = [{HOME_TITLE: home}]
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
                entries.append({theme_text(folder): sections[path]})
            entries = sections[path]
        entries.append({theme_text(note.title): note.site_path})
    if generated:
        nav.append({reference_title: [{title: path} for path, title in generated.items()]})
    return nav
