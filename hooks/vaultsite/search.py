"""Search that ranks by all the words a reader typed and knows the vault's synonyms.

Material's UI stays; its lunr worker is swapped for ours
(overrides/assets/javascripts/search-worker.js, same message protocol), and
the search index gains ``config.vault_search`` (synonyms and term names from
the cross-reference model, see vaultlib/browser/search_tables.py), before the
offline plugin copies the index into search_index.js, so the bundle searches
the same. A query with no hit offers the glossary and services pages
(search-fallback.js). ``VAULT_SEARCH=material`` keeps Material's own search
(the benchmark's baseline). The worker's own index is prebuilt from the
completed one (search/vault_index.json, offline vault_index.js), so the browser
loads it instead of building it.

Languages (vaultlib/browser/search_languages.py): the worker stems each
document in its note's ``lang`` or the vault's language, so the index gains
``doc.lang`` and ``config.vault_search.lang``; the Snowball stemmers are
published when a language needs them; missing files' placeholders are kept out
of the index's text (``data-search-exclude``, which the sanitizer keeps) and
their names rank their section instead (``doc.figures``).
"""
from __future__ import annotations

import html
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from vaultlib.browser.script_data import script_json
from vaultlib.browser.search_languages import (add_figures, add_languages, exclude_placeholders, needs_snowball,
                                               note_language, placeholder_captions)
from vaultlib.browser.search_prebuilt import PrebuildError, prebuild_search_index
from vaultlib.browser.search_tables import search_tables
from vaultlib.pages import locations

from .assets import before_body_end, publish
from .config import is_offline
from .search_background import NOT_PREBUILT
from .site import SiteBuild

WORKER = "assets/javascripts/search-worker.js"
FALLBACK = "assets/javascripts/search-fallback.js"
MATERIAL_WORKER = re.compile(r'("search":\s*")[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
FALLBACK_PAGES = (locations.GLOSSARY, locations.SERVICES)
BACKLINKS = '<div class="vault-backlinks"'  # as vaultlib.pages.referenced_from.emit_backlinks writes it
SNOWBALL = ("snowball-stemmers/snowball-stemmers.js", "assets/vendor/snowball-stemmers.js")  # the worker loads it
log = logging.getLogger("mkdocs.hooks.vault")


def own_search() -> bool:
    """Whether the site uses this project's search worker (``VAULT_SEARCH=material``: Material's own)."""
    return os.environ.get("VAULT_SEARCH", "vault") != "material"


def remember_page_urls(build: SiteBuild, files: Files) -> None:
    build.page_urls = {file.src_uri: file.url for file in files.documentation_pages()}


def vault_language(build: SiteBuild, config: MkDocsConfig) -> str | None:
    """``extra.vault.language``, else ``theme.language``: the language of a note without ``lang``."""
    return build.pipeline.settings.language or config.theme.get("language")


def publish_stemmers(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """The Snowball stemmers, only when the vault's language or a note's ``lang`` has one."""
    if not own_search():
        return
    languages = [vault_language(build, config), *(note_language(note.content.properties)
                                                  for note in build.pipeline.index.notes)]
    if needs_snowball(languages):
        publish(files, config, Path(config.config_file_path).parent / "node_modules" / SNOWBALL[0], SNOWBALL[1])


def remember_page_language(build: SiteBuild, page: Page) -> None:
    """A note's ``lang`` property, from the pipeline's record (page.meta holds the theme's keys only)."""
    record = build.pipeline.records.get(page.file.src_uri)
    properties = record.note.content.properties if record is not None else {}
    lang = note_language(properties)
    if lang:
        build.page_languages[page.url] = lang
    elif isinstance(properties, dict) and properties.get("lang") is not None:
        log.info(f"{record.note.vault_path}: property 'lang' ({properties['lang']!r}) is not a language tag "
                 "such as 'de' or 'pt-BR'; search reads this note in the vault's language")


def keep_placeholders_out(build: SiteBuild, html_text: str, page: Page) -> str:
    """Placeholders out of the index's text; their file names kept apart, to rank by (complete_search_index)."""
    if not own_search():
        return html_text
    captions = placeholder_captions(html_text)
    if captions:
        build.page_captions[page.url] = captions
    return exclude_placeholders(html_text)


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
           f'data-links="{html.escape(script_json(links), quote=True)}"></script>')
    return before_body_end(output, tag)


def complete_search_index(build: SiteBuild, config: MkDocsConfig) -> None:
    """The search index gains the vault's tables, each document's language and figure names, in one read and
    write; after the search plugin wrote it and before the offline plugin (priority -100) copies it.

    Pages whose output came from elsewhere (serve's last build, a build's page worker: page_store.py)
    get their entries back here too. The index is written as each page's entries joined as text, so a
    serve rebuild serializes only the pages it built (``BuildReplay.search_fragments``).
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    replay = build.replay
    if not path.is_file() or not (own_search() or replay.active or replay.outputs):
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # Material's own index keeps Material's escaping (a replayed serve writes the same bytes as a build).
    ascii_only = not own_search()

    def page_text(url: str | None, docs: list[dict]) -> str:
        """One page's entries, completed, as JSON text without the list's brackets."""
        if own_search():
            entries = {"docs": docs}
            add_languages(entries, build.page_languages, None)
            if url in build.page_captions:
                add_figures(entries, {url: build.page_captions[url]})
        return json.dumps(docs, ensure_ascii=ascii_only, separators=(",", ":"))[1:-1]

    fragments = replay.search_fragments(index.pop("docs", []), page_text)
    if own_search():
        tables = search_tables(build.pipeline.xref, build.pipeline.term_rules,
                               lambda note_path, anchor: _section_url(build, note_path, anchor))
        index.setdefault("config", {})["vault_search"] = tables
        add_languages(index, {}, build.pipeline.settings.language)
    head = json.dumps(index, ensure_ascii=ascii_only, separators=(",", ":"))[:-1]
    path.write_text(f'{head}{"," if len(head) > 1 else ""}"docs":[{",".join(fragments)}]}}', encoding="utf-8")
    if own_search():
        prebuild_worker_index(build, path, config)


def _section_url(build: SiteBuild, note_path: str, anchor: str) -> str | None:
    url = build.page_urls.get(note_path)
    if url is None:
        return None
    return f"{url}#{anchor}" if anchor else url


def prebuild_worker_index(build: SiteBuild, path: Path, config: MkDocsConfig) -> None:
    """The worker's index, prebuilt from the completed one (vaultlib/browser/search_prebuilt.py), under serve
    after the build (search_background.py); without it the worker still builds its own in the browser,
    seconds later at a few thousand notes, hence a warning."""
    suggest = "search.suggest" in config.theme.get("features", [])
    try:
        if build.prebuild is not None and not is_offline(config):
            build.prebuild.start(path, suggest=suggest)
        else:
            prebuild_search_index(path, suggest=suggest, offline=is_offline(config))
    except PrebuildError as error:
        log.warning(f"{NOT_PREBUILT}: {error}")
