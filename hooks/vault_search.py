"""MkDocs entry point (temporary, for the lead to fold into hooks/vault.py): search in the vault's languages.

Delegates to vaultlib.search_languages. Must be listed AFTER hooks/search_ranking.py (its on_post_build
rewrites the index first) and runs before the offline plugin (priority -100) copies the index.
Events: on_config (reset), on_files (publish snowball-stemmers when a language needs it), on_page_markdown
(a note's ``lang``), on_page_content (placeholders out of the index's text), on_post_build (languages and
figure names into the index).
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import vault_state
from vaultlib.search_languages import (add_figures, add_languages, exclude_placeholders, needs_snowball,
                                       note_language, placeholder_captions)

SNOWBALL_SOURCE = Path("node_modules/snowball-stemmers/snowball-stemmers.js")
SNOWBALL_URI = "assets/vendor/snowball-stemmers.js"  # search-worker.js loads it from ../vendor/
log = logging.getLogger("mkdocs.hooks.vault_search")
_languages: dict[str, str] = {}  # page URL -> its note's lang, for this build
_captions: dict[str, dict[str, list[str]]] = {}  # page URL -> heading id -> missing files' names


def enabled() -> bool:
    """The switch of hooks/search_ranking.py (hooks do not import each other): VAULT_SEARCH=material keeps
    Material's own search, the benchmark's baseline, untouched."""
    return os.environ.get("VAULT_SEARCH", "vault") != "material"


def vault_language(config: MkDocsConfig) -> str | None:
    """``extra.vault.language``, else ``theme.language``."""
    setting = (config.extra.get("vault") or {}).get("language")
    return setting or config.theme.get("language")


@vault_state.timed("vault_search.on_config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _languages.clear()
    _captions.clear()
    return config


@vault_state.timed("vault_search.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not enabled():
        return files
    notes = vault_state.current.index.notes
    if needs_snowball([vault_language(config), *(note_language(n.content.properties) for n in notes)]):
        source = Path(config.config_file_path).parent / SNOWBALL_SOURCE
        if not source.is_file():
            raise PluginError(f"{source} is missing: run 'npm ci' (the build command does) and build again.")
        files.append(File.generated(config, SNOWBALL_URI, abs_src_path=str(source)))
    return files


@vault_state.timed("vault_search.on_page_markdown")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A note's ``lang`` property, from the pipeline's record (page.meta holds the theme's keys only)."""
    record = vault_state.current.records.get(page.file.src_uri)
    properties = record.note.content.properties if record is not None else {}
    lang = note_language(properties)
    if lang:
        _languages[page.url] = lang
    elif isinstance(properties, dict) and properties.get("lang") is not None:
        log.info(f"{record.note.vault_path}: property 'lang' ({properties['lang']!r}) is not a language tag "
                 "such as 'de' or 'pt-BR'; search reads this note in the vault's language")
    return markdown


@vault_state.timed("vault_search.on_page_content")
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Placeholders out of the index's text; their file names kept apart, to rank by (on_post_build)."""
    if not enabled():
        return html_text
    captions = placeholder_captions(html_text)
    if captions:
        _captions[page.url] = captions
    return exclude_placeholders(html_text)


@vault_state.timed("vault_search.on_post_build")
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not enabled() or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    add_languages(index, _languages, (config.extra.get("vault") or {}).get("language"))
    add_figures(index, _captions)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
