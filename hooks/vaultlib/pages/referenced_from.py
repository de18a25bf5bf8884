"""The "Referenced from" block that ends a note: its backlinks, each a link to the section that points here."""
from __future__ import annotations

from ..index.vault import VaultIndex
from ..record import Backlink
from ..render.escape import inert_text
from ..render.site_paths import SitePaths
from .reference import where


def emit_backlinks(index: VaultIndex, paths: SitePaths, backlinks: list[Backlink], page: str) -> str:
    """The "Referenced from" block that ends a note."""
    if not backlinks:
        return ""
    lines = ["", "", '<div class="vault-backlinks" markdown>', "", "**Referenced from**", ""]
    for backlink in backlinks:
        lines.append(f"- {where(index, paths, backlink.note_path, backlink.anchor, backlink.section, page)}"
                     f" — {inert_text(backlink.reason)}")
    return "\n".join(lines + ["", "</div>", ""])
