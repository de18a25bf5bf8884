"""MkDocs entry point: each page gets its note as the pipeline rendered it; problems are summarised.

Events: on_page_markdown (hand MkDocs the rendered note and its tags), on_env
(the summary of problems; stop the build where the settings make one an error).
The render itself is a step of vaultlib/pipeline.py: each note is rendered
once per build (or taken from the render cache), never here.
"""
from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import vault_state
from vaultlib.problems import SUMMARISED
from vaultlib.properties import theme_meta

log = get_plugin_logger("vault")
LEVEL = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


@event_priority(vault_state.PAGE_NOTE)
@vault_state.timed("obsidian_markdown.on_page_markdown")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    record = vault_state.current.records.get(page.file.src_uri)
    if record is None or record.url is None:
        return markdown
    # The theme sees escaped text and valid page settings only (tags: a list, as Material's tags plugin needs).
    note = record.note
    meta, kept = theme_meta(note.content.properties, note.title, record.tags,
                            lambda path: any(os.path.isfile(os.path.join(d, path)) for d in config.theme.dirs))
    for reason in kept:
        log.info(f"{note.vault_path}: {reason}; it stays a note property and is not passed to the theme")
    page.meta.clear()
    page.meta.update(meta)
    # The index split the properties as MkDocs did, so ``markdown`` is the same note: the
    # rendered text replaces it without a second render.
    return record.markdown


@vault_state.timed("obsidian_markdown.on_env")
def on_env(env, config: MkDocsConfig, files: Files):
    pipeline = vault_state.current
    failed = []
    for kind, (setting, summary) in SUMMARISED.items():
        found = [p for p in pipeline.problems if p.kind == kind]
        if not found:
            continue
        level = getattr(pipeline.settings, setting)
        log.log(LEVEL[level], summary.format(n=len(found)) + " (mkdocs build --verbose lists them)")
        for problem in found:
            log.log(logging.ERROR if level == "error" else logging.DEBUG, str(problem))
        if level == "error":
            failed.extend(found)
    if failed:
        raise Abort(f"Aborted: {len(failed)} problems listed above are errors by the extra.vault settings; "
                    "fix them or set the level to 'warning' or 'info'.")
    return env
