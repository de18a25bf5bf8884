"""MkDocs entry point: what each page gains from the cross-reference model.

Events: on_files (hand Python-Markdown's abbr extension the glossary, so every
acronym shows its expansion as a tooltip), on_page_markdown (append the note's
backlinks). The model itself is built by the pipeline (vaultlib/pipeline.py).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import vault_state
from vaultlib.emitters import emit_backlinks
from vaultlib.pipeline import glossary


@event_priority(vault_state.FILES_GLOSSARY)
@vault_state.timed("cross_reference.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if "abbr" in config.markdown_extensions:  # MkDocs makes each page's Markdown with these settings
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary(vault_state.current.xref)
    return files


@event_priority(vault_state.PAGE_BACKLINKS)
@vault_state.timed("cross_reference.on_page_markdown")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    pipeline = vault_state.current
    record = pipeline.records.get(page.file.src_uri)
    if record is None or not record.backlinks:
        return markdown
    return f"{markdown}{emit_backlinks(pipeline.index, record.backlinks, page.file.src_uri)}"
