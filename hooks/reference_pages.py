"""MkDocs entry point: the generated pages (home, cross-reference pages) and the navigation.

Events: on_files only. Runs after vault_files.py has indexed the vault.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import vault_state
from vaultlib.emitters import HOME, emit_home_page
from offline_bundle import is_offline
from vaultlib.nav import course_nav
from vaultlib.urls import OFFLINE_BUNDLE_FOLDER, offline_bundle_name


@event_priority(40)  # after vault_files.on_files (50), before plugins (0)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = vault_state.current
    pages: dict[str, str] = {}
    for path, title, markdown in reference_pages(state):
        _put(files, config, path, markdown)
        pages[path] = title
    state.generated = pages
    if HOME not in files.src_uris:
        bundle = None if is_offline(config) else f"{OFFLINE_BUNDLE_FOLDER}/{offline_bundle_name(config.site_name)}"
        home = emit_home_page(state.index, config.site_name, config.site_description or "", pages, bundle)
        _put(files, config, HOME, home)
    if config.nav is None:
        config.nav = course_nav(state.index, pages, state.settings.reference_title)
    return files


def reference_pages(state: vault_state.BuildState) -> list[tuple[str, str, str]]:
    """(path, title, markdown) of each cross-reference page."""
    return []


def _put(files: Files, config: MkDocsConfig, src_uri: str, markdown: str) -> None:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, src_uri, content=markdown))
