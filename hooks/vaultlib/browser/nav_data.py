"""The site's whole navigation as one data file the browser builds the sidebar from.

Material renders the whole nav into every page, so a page's HTML (and the build)
grows with the vault. The site instead renders a bounded nav into each page and
writes the full tree once, as a script that sets a global: a `<script src>` also
works from file://, where the browser refuses fetch() of local files.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .script_data import script_assignment

NAV_GLOBAL = "__vaultNav"  # the global the data file sets and vault-nav.js reads
TAG = re.compile(r"<[^>]*>")  # linear: one pass, no nested quantifiers


@dataclass(frozen=True)
class NavNode:
    """One nav entry: a page or link (``url`` set) or a section (``children``)."""

    title: str
    url: str | None = None  # site-relative URL as MkDocs gives it ("" is the home page)
    children: tuple[NavNode, ...] = field(default=())


def plain_title(title: str | None) -> str:
    """A nav title as text: MkDocs titles may hold HTML (entities, inline code); the browser sets text."""
    return html.unescape(TAG.sub("", title or "")).strip()


def to_data(nodes: list[NavNode] | tuple[NavNode, ...]) -> list[dict]:
    """The tree as JSON-ready lists: {"t": title, "u": url} for pages, {"t": title, "c": [...]} for sections."""
    data = []
    for node in nodes:
        if node.url is not None:
            data.append({"t": plain_title(node.title), "u": node.url})
        else:
            data.append({"t": plain_title(node.title), "c": to_data(node.children)})
    return data


def nav_script(nodes: list[NavNode] | tuple[NavNode, ...]) -> str:
    """The data file's text: one assignment of the tree to ``window.__vaultNav``."""
    return script_assignment(f"window.{NAV_GLOBAL}", to_data(nodes))

