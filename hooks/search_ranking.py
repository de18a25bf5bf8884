"""MkDocs entry point: search that ranks by all the words a reader typed and knows the vault's synonyms.

Material's UI stays; its lunr worker is swapped for ours
(overrides/assets/javascripts/search-worker.js, same message protocol), and
the search index gains ``config.vault_search`` (synonyms and term names from
the cross-reference model, see vaultlib/search_terms.py), before the offline
plugin copies the index into search_index.js, so the bundle searches the same.
A query with no hit offers the glossary and services pages (search-fallback.js).
``VAULT_SEARCH=material`` keeps Material's own search (the benchmark's baseline).
Events: on_config, on_env (page URLs), on_page_markdown (boost of generated pages),
on_page_content (backlinks out of the index), on_post_page (worker URL, fallback
links), on_post_build (index tables).
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

import vault_state
from vaultlib import emitters
from vaultlib.script_data import script_json
from vaultlib.search_terms import search_tables

WORKER = "assets/javascripts/search-worker.js"
FALLBACK = "assets/javascripts/search-fallback.js"
MATERIAL_WORKER = re.compile(r'("search":\s*")[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
FALLBACK_PAGES = (emitters.GLOSSARY, emitters.SERVICES)
BACKLINKS = '<div class="vault-backlinks"'  # as vaultlib.emitters.emit_backlinks writes it
SUMMARY_BOOST = 0.5  # below 1: the worker lists these after note sections that match as many words

_urls: dict[str, str] = {}  # src_uri -> page URL, for this build


def enabled() -> bool:
    return os.environ.get("VAULT_SEARCH", "vault") != "material"


@vault_state.timed("search_ranking.on_config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _urls.clear()
    return config


@vault_state.timed("search_ranking.on_env")
def on_env(env, config: MkDocsConfig, files: Files):
    _urls.update({file.src_uri: file.url for file in files.documentation_pages()})
    return env


@vault_state.timed("search_ranking.on_page_markdown")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated pages repeat what the notes say: Material's per-page search boost ranks them after the notes."""
    uri = page.file.src_uri
    if enabled() and (uri in vault_state.current.generated or uri == emitters.HOME):
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": SUMMARY_BOOST}
    return markdown


@vault_state.timed("search_ranking.on_page_content")
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The "Referenced from" list names other notes' sections: out of the index, or every note would match them."""
    if not enabled():
        return html_text
    return html_text.replace(BACKLINKS, f"{BACKLINKS} data-search-exclude", 1)


@vault_state.timed("search_ranking.on_post_page")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not enabled():
        return output
    worker = get_relative_url(WORKER, page.url)
    output, count = MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{worker}"', output, count=1)
    if not count:
        return output
    links = [{"title": vault_state.current.generated.get(uri, uri), "url": _urls[uri]}
             for uri in FALLBACK_PAGES if uri in _urls]
    tag = (f'<script src="{get_relative_url(FALLBACK, page.url)}" '
           f'data-links="{html.escape(script_json(links), quote=True)}"></script>')
    head, _, tail = output.rpartition("</body>")
    return f"{head}{tag}</body>{tail}"


@vault_state.timed("search_ranking.on_post_build")
def on_post_build(config: MkDocsConfig) -> None:
    """Runs after the search plugin wrote the index and before the offline plugin (priority -100) copies it."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not enabled() or not path.is_file():
        return
    state = vault_state.current
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["vault_search"] = search_tables(state.xref, state.term_rules, _section_url)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _section_url(note_path: str, anchor: str) -> str | None:
    url = _urls.get(note_path)
    if url is None:
        return None
    return f"{url}#{anchor}" if anchor else url
