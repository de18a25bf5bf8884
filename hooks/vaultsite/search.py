"""Search that ranks by all the words a reader typed and knows the vault's synonyms.

Material's UI stays; its lunr worker is swapped for ours
(overrides/assets/javascripts/search-worker.js, same message protocol), and
the search index gains ``config.vault_search`` (synonyms and term names from
the cross-reference model, see vaultlib/browser/search_tables.py), before the
offline plugin copies the index into search_index.js, so the bundle searches
the same. A query with no hit offers the glossary and services pages
(search-fallback.js). ``VAULT_SEARCH=material`` keeps Material's own search
(the benchmark's baseline).
"""
from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from vaultlib.browser.search_tables import search_tables
from vaultlib.pages import locations

from .assets import before_body_end
from .site import SiteBuild

WORKER = "assets/javascripts/search-worker.js"
FALLBACK = "assets/javascripts/search-fallback.js"
MATERIAL_WORKER = re.compile(r'("search":\s*")[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
FALLBACK_PAGES = (locations.GLOSSARY, locations.SERVICES)
BACKLINKS = '<div class="vault-backlinks"'  # as vaultlib.pages.referenced_from.emit_backlinks writes it


def own_search() -> bool:
    """Whether the site uses this project's search worker (``VAULT_SEARCH=material``: Material's own)."""
    return os.environ.get("VAULT_SEARCH", "vault") != "material"


def remember_page_urls(build: SiteBuild, files: Files) -> None:
    build.page_urls = {file.src_uri: file.url for file in files.documentation_pages()}


def keep_backlinks_out(html_text: str) -> str:
    """The "Referenced from" list names other notes' sections: out of the index, or every note would match them."""
    if not own_search():
        return html_text
    return html_text.replace(BACKLINKS, f"{BACKLINKS} data-search-exclude", 1)


def use_own_worker(build: SiteBuild, output: str, page: Page) -> str:
    """Point Material at our worker, and add the no-hit fallback's links."""
    if not own_search():
        return output
    worker = get_relative_url(WORKER, page.url)
    output, count = MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{worker}"', output, count=1)
    if not count:
        return output
    links = [{"title": build.pipeline.generated.get(uri, uri), "url": build.page_urls[uri]}
             for uri in FALLBACK_PAGES if uri in build.page_urls]
    tag = (f'<script src="{get_relative_url(FALLBACK, page.url)}" '
           f'data-links="{html.escape(json.dumps(links), quote=True)}"></script>')
    return before_body_end(output, tag)


def add_search_tables(build: SiteBuild, config: MkDocsConfig) -> None:
    """Runs after the search plugin wrote the index and before the offline plugin (priority -100) copies it."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not own_search() or not path.is_file():
        return
    pipeline = build.pipeline
    index = json.loads(path.read_text(encoding="utf-8"))

    def section_url(note_path: str, anchor: str) -> str | None:
        url = build.page_urls.get(note_path)
        if url is None:
            return None
        return f"{url}#{anchor}" if anchor else url

    index["config"]["vault_search"] = search_tables(pipeline.xref, pipeline.term_rules, section_url)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
