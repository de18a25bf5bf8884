"""MkDocs entry point: the cross-reference model (terms, glossary, use cases) and what each note gains from it.

Events: on_files (build the model once), on_page_markdown (append the note's
backlinks and the glossary's tooltip definitions).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import vault_state
from vaultlib.emitters import abbreviations, emit_backlinks
from vaultlib.outline import outline
from vaultlib.xref.model import build_cross_reference
from vaultlib.xref.terms import TermRules


@event_priority(48)  # after vault_files (50) indexed the vault, before obsidian_markdown (46) renders notes
@vault_state.timed("cross_reference.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = vault_state.current
    try:
        rules = TermRules.from_mapping(state.settings.terms)
    except (TypeError, ValueError) as error:
        raise PluginError(f"extra.vault.terms in mkdocs.yml: {error}") from None
    state.xref = build_cross_reference([outline(note) for note in state.index.notes], rules)
    return files


@event_priority(49)  # right after obsidian_markdown.on_page_markdown (50)
@vault_state.timed("cross_reference.on_page_markdown")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = vault_state.current
    backlinks = emit_backlinks(state.index, state.backlinks.get(page.file.src_uri, []), page.file.src_uri)
    return f"{markdown}{backlinks}\n\n{abbreviations(state.xref)}\n"
