"""The sidebar's full tree, written once per build for the browser to draw.

Each page renders only a bounded nav (overrides/partials/nav.html); the whole
tree is one data file, and the templates get its address.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

from vaultlib.browser.nav_data import NavNode, nav_script

from .site import SiteBuild

DATA_URI = "assets/javascripts/vault-nav-data.js"  # site-relative; templates make it page-relative with `url`


def write_nav_data(build: SiteBuild, env: Environment, config: MkDocsConfig) -> None:
    """Once titles are known (every page has been read): the tree as a script, its address for the templates."""
    if build.nav is None:
        return
    target = Path(config.site_dir) / DATA_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nav_script(_nodes(build.nav.items)), encoding="utf-8")
    env.globals["vault_nav_data"] = DATA_URI  # a template global: Jinja's own way to hand templates a value


def _nodes(items: list) -> tuple[NavNode, ...]:
    """MkDocs nav items as plain nodes (vaultlib does not know MkDocs' classes)."""
    return tuple(NavNode(item.title, children=_nodes(item.children)) if item.is_section
                 else NavNode(item.title, url=item.url) for item in items)
