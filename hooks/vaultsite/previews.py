"""Hover previews that need no fetch (they work from file:// too), cut from each page's final HTML.

One small self-registering script per page in ``assets/vault/previews/``; the
browser side is overrides/assets/javascripts/previews.js.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from vaultlib.browser.previews import page_key, page_previews, preview_script

from .site import SiteBuild

PREVIEW_FOLDER = "assets/vault/previews"  # previews.js loads <key>.js from here


def write_previews(build: SiteBuild, html: str, page: Page, config: MkDocsConfig) -> tuple[str, bytes]:
    """The page's sections as previews; the title is the page's text (a note's title, not the theme's HTML).

    Returns the file written (path, bytes), which serve's replay writes again for an unchanged page.
    """
    key = page_key(page.file.dest_uri)
    script = preview_script(key, build.pipeline.page_title(page.file.src_uri), page_previews(html))
    path, data = str(Path(config.site_dir, PREVIEW_FOLDER, f"{key}.js")), script.encode("utf-8")
    write_file(data, path)
    return path, data
