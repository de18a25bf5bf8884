"""MkDocs entry point: hover previews that need no fetch (they work from file:// too).

Events: on_page_content (cut the page's rendered HTML into section previews and
write them as one small self-registering script per page; the browser side is
overrides/assets/javascripts/previews.js).
"""
from __future__ import annotations

from html import unescape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

import vault_state
from vaultlib.previews import page_key, page_previews, preview_script

PREVIEW_FOLDER = "assets/vault/previews"  # previews.js loads <key>.js from here


@event_priority(vault_state.PAGE_PREVIEWS)
@vault_state.timed("previews.on_page_content")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    key = page_key(page.file.dest_uri)
    # page.title is HTML (vaultlib.properties escapes property text for the theme); the preview shows text
    script = preview_script(key, unescape(page.title or ""), page_previews(html))
    write_file(script.encode("utf-8"), str(Path(config.site_dir, PREVIEW_FOLDER, f"{key}.js")))
    return html
