"""MkDocs entry point: the generated pages (home, cross-reference pages), backlinks and the navigation.

Events: on_files only. Runs after obsidian_markdown.on_files has rendered every note.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import vault_state
from offline_bundle import is_offline
from vaultlib import emitters
from vaultlib.nav import course_nav
from vaultlib.urls import OFFLINE_BUNDLE_FOLDER, offline_bundle_name
from vaultlib.xref.backlinks import find_backlinks


@event_priority(40)  # after obsidian_markdown.on_files (46), before plugins (0)
@vault_state.timed("reference_pages.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = vault_state.current
    renders = [render for _, _, render in state.rendered.values()]
    embeds = {path: render.embeds for path, (_, _, render) in state.rendered.items()}
    state.backlinks = find_backlinks([link for render in renders for link in render.links],
                                     state.xref.terms, state.xref.mentions, _section_of)
    pages = {
        emitters.SERVICES: ("Services A–Z", emitters.emit_services_page(state.index, state.xref)),
        emitters.USE_CASES: ("Use-case finder", emitters.emit_use_cases_page(state.index, state.xref)),
        emitters.GLOSSARY: ("Glossary", emitters.emit_glossary_page(state.index, state.xref)),
        emitters.FIGURES: ("Figures", emitters.emit_figures_page(state.index, embeds)),
    }
    if not state.xref.terms:
        pages.pop(emitters.SERVICES)
    if any(state.tags.values()):
        pages[emitters.TAGS] = ("Tags", emitters.emit_tags_page())
    for path, (_, markdown) in pages.items():
        _put(files, config, path, markdown)
    state.generated = {path: title for path, (title, _) in pages.items()} | state.generated  # + other hooks' pages
    if emitters.HOME not in files.src_uris:
        bundle = None if is_offline(config) else f"{OFFLINE_BUNDLE_FOLDER}/{offline_bundle_name(config.site_name)}"
        home = emitters.emit_home_page(state.index, config.site_name, config.site_description or "",
                                       state.generated, bundle)
        _put(files, config, emitters.HOME, home)
    if config.nav is None:
        config.nav = course_nav(state.index, state.generated, state.settings.reference_title)
    return files


def _section_of(note, line: int) -> tuple[str, str]:
    heading = note.content.section_at(line)
    return (heading.anchor, heading.plain) if heading else ("", "")


def _put(files: Files, config: MkDocsConfig, src_uri: str, markdown: str) -> None:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, src_uri, content=markdown))
