"""Helpers shared by the tests: build a vault for real and read the HTML."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from markdown.extensions.toc import slugify
from mkdocs.utils import get_relative_url

from vaultlib.render.heading_ids import HeadingIds
from vaultlib.render.site_paths import SitePaths

ROOT = Path(__file__).resolve().parent.parent
# What a build's pipeline hands vaultlib, for tests that index or render without one:
SITE_PATHS = SitePaths(get_relative_url)  # relative links by MkDocs' own function
TOC_IDS = HeadingIds(slugify)  # heading ids by toc's default slugify


def make_project(folder: Path, notes: dict[str, str | bytes], attachments: dict[str, bytes] | None = None,
                 settings: dict[str, str] | None = None) -> Path:
    """A copy of this project's mkdocs.yml and hooks around a vault written from ``notes``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "hooks", folder / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    config = (ROOT / "mkdocs.yml").read_text()
    for key, value in (settings or {}).items():  # lines of extra.vault, e.g. {"broken_links": "info"}
        config, count = re.subn(rf"(?m)^    {key}: .*$", f"    {key}: {value}", config)
        assert count == 1, key
    (folder / "mkdocs.yml").write_text(config)
    for relative, content in notes.items():
        path = folder / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (folder / "assets").mkdir(exist_ok=True)
    for relative, content in (attachments or {}).items():
        path = folder / "assets" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def build(project: Path, site: Path | None = None, *, offline: bool = False, strict: bool = True,
          verbose: bool = False) -> subprocess.CompletedProcess:
    site = site or project / "site"
    env = dict(os.environ, VAULT_OFFLINE="true" if offline else "false", NO_MKDOCS_2_WARNING="1",
               SOURCE_DATE_EPOCH="946684800")
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site)] + (["--strict"] if strict else ["--no-strict"]) + (["--verbose"] if verbose else [])
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=project, timeout=600)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> BeautifulSoup:
    """The page's content, without nav, header and footer."""
    return soup(path).select_one("article.md-content__inner")


def visible_text(element) -> str:
    """The text of an element as a reader sees it, code included, scripts excluded."""
    for hidden in element.select("script, style, .headerlink"):
        hidden.decompose()
    return element.get_text(" ")


def text_outside_code(element) -> str:
    for code in element.select("pre, code"):
        code.decompose()
    return visible_text(element)


def unresolved_links(site: Path) -> list[tuple[str, str]]:
    """(page, url) of every link, image or media source in page content that lands nowhere."""
    from urllib.parse import unquote, urlsplit

    bad = []
    pages = [p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts]
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {tag["id"] for tag in soup(page).select("[id]")}
        return ids[page]

    for page in pages:
        content = article(page)
        if content is None:
            continue
        for link in content.select("a[href], img[src], video[src], audio[src], iframe[src]"):
            url = link.get("href") or link.get("src")
            parts = urlsplit(url)
            if parts.scheme or "download" in link.attrs:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or parts.fragment and unquote(parts.fragment) not in ids_of(target):
                bad.append((str(page.relative_to(site)), url))
    return bad


def site_nav(site: Path) -> list[tuple[str, str]]:
    """(title, URL from the site root) of every page in the site's nav, in order.

    Each page carries only a bounded nav; the whole tree is the data file the
    sidebar is drawn from (hooks/site_nav.py).
    """
    import json

    text = (site / "assets" / "javascripts" / "vault-nav-data.js").read_text(encoding="utf-8")
    tree = json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))

    def walk(nodes: list[dict]):
        for node in nodes:
            if "c" in node:
                yield from walk(node["c"])
            else:
                yield node["t"], node["u"]

    return list(walk(tree))
