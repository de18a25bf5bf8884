"""MkDocs entry point: the sidebar's full tree written once per build, for the browser to draw.

Each page renders only a bounded nav (overrides/partials/nav.html); this hook
writes the whole tree to one data file and tells the templates its address.
Events: on_nav (keep the nav: on_env does not receive it), on_env (write the
file once titles are known, after every page has been read).
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

import vault_state
from vaultlib.navtree import NavNode, nav_script

DATA_URI = "assets/javascripts/vault-nav-data.js"  # site-relative; templates make it page-relative with `url`
_built: dict[str, Navigation] = {}  # this build's nav, from on_nav to on_env (hook modules keep no other state)


@vault_state.timed("site_nav.on_nav")
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _built["nav"] = nav
    return nav


@vault_state.timed("site_nav.on_env")
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    nav = _built.pop("nav", None)
    if nav is None:
        return env
    target = Path(config.site_dir) / DATA_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nav_script(_nodes(nav.items)), encoding="utf-8")
    env.globals["vault_nav_data"] = DATA_URI
    return env


def _nodes(items: list) -> tuple[NavNode, ...]:
    """MkDocs nav items as plain nodes (vaultlib does not know MkDocs' classes)."""
    return tuple(NavNode(item.title, children=_nodes(item.children)) if item.is_section
                 else NavNode(item.title, url=item.url) for item in items)
