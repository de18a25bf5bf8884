"""Each page's Markdown and settings from its record; the build's problems summarised at the end.

The render itself is a step of vaultlib/pipeline.py: each note is rendered
once per build (or taken from the render cache), never here.
"""
from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from vaultlib.index.properties import theme_meta
from vaultlib.pages import locations
from vaultlib.pages.referenced_from import emit_backlinks
from vaultlib.problems import SUMMARISED

from .search import own_search
from .site import SiteBuild

log = get_plugin_logger("vault")
LEVEL = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
SUMMARY_SEARCH_BOOST = 0.5  # below 1: the search worker lists generated pages after note sections as good


def page_markdown(build: SiteBuild, markdown: str, page: Page, config: MkDocsConfig) -> str:
    """The note as the pipeline rendered it, with its backlinks; the theme gets checked, escaped settings."""
    pipeline = build.pipeline
    record = pipeline.records.get(page.file.src_uri)
    if record is not None and record.url is not None:
        _set_meta(record, page, config)
        # The index split the properties as MkDocs did, so ``markdown`` is the same note: the
        # rendered text replaces it without a second render.
        markdown = record.markdown
        if record.backlinks:
            markdown += emit_backlinks(pipeline.index, pipeline.paths, record.backlinks, page.file.src_uri)
    uri = page.file.src_uri
    if own_search() and (uri in pipeline.generated or uri == locations.HOME):
        # Generated pages repeat what the notes say: Material's per-page boost ranks them after the notes.
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": SUMMARY_SEARCH_BOOST}
    return markdown


def _set_meta(record, page: Page, config: MkDocsConfig) -> None:
    """page.meta: escaped text and valid page settings only (tags: a list, as Material's tags plugin needs)."""
    note = record.note
    meta, kept = theme_meta(note.content.properties, note.title, record.tags,
                            lambda path: any(os.path.isfile(os.path.join(d, path)) for d in config.theme.dirs))
    for reason in kept:
        log.info(f"{note.vault_path}: {reason}; it stays a note property and is not passed to the theme")
    page.meta.clear()
    page.meta.update(meta)


def report_problems(build: SiteBuild) -> None:
    """One summary line per kind of problem; stop the build where the settings make one an error."""
    pipeline = build.pipeline
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
