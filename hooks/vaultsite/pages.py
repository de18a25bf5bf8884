"""Each page's Markdown and settings from its record; the build's problems summarised at the end.

The render itself is a step of vaultlib/pipeline.py: each note is rendered
once per build (or taken from the render cache), never here.
"""
from __future__ import annotations

import json
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
    record = build.pipeline.records.get(page.file.src_uri)
    if record is not None and record.url is not None:
        meta, kept = _note_meta(record, config)
        for reason in kept:
            log.info(f"{record.note.vault_path}: {reason}; it stays a note property and is not passed to the theme")
        page.meta.clear()
        page.meta.update(meta)
        # The index split the properties as MkDocs did, so ``markdown`` is the same note: the
        # rendered text replaces it without a second render.
        markdown = _note_markdown(build, record, page.file.src_uri)
    if _is_summary(build, page.file.src_uri):
        # Generated pages repeat what the notes say: Material's per-page boost ranks them after the notes.
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": SUMMARY_SEARCH_BOOST}
    return markdown


def page_inputs(build: SiteBuild, page: Page, config: MkDocsConfig) -> str | None:
    """Everything of the page's own that page_markdown and the content hooks read, as text (None: unknown).

    Serve's replay (replay.py) compares it with the last build's to tell whether the page can change.
    """
    pipeline, uri = build.pipeline, page.file.src_uri
    record = pipeline.records.get(uri)
    if record is not None and record.url is not None:
        meta, _ = _note_meta(record, config)
        # what emit_backlinks reads, not its text: the same for the same backlinks, and cheaper
        titles = pipeline.index.note_by_site_path
        backlinks = [(b.note_path, b.anchor, b.section, b.reason, titles[b.note_path].title) for b in record.backlinks]
        # the render, by the build that made it (the render cache keeps it while nothing it read
        # changed): the same words as its Markdown, without hashing every note's text each build
        source = [[record.rendered_in, record.content_hash], backlinks, meta]
    elif uri in pipeline.pages:
        source = [pipeline.pages[uri]]  # a generated page: its file's whole text, properties included
    else:
        return None
    return json.dumps([*source, _is_summary(build, uri), pipeline.page_title(uri)], default=str)


def _note_markdown(build: SiteBuild, record, uri: str) -> str:
    pipeline = build.pipeline
    markdown = record.markdown
    if record.backlinks:
        markdown += emit_backlinks(pipeline.index, pipeline.paths, record.backlinks, uri)
    return markdown


def _is_summary(build: SiteBuild, uri: str) -> bool:
    return own_search() and (uri in build.pipeline.generated or uri == locations.HOME)


def _note_meta(record, config: MkDocsConfig) -> tuple[dict, list[str]]:
    """page.meta: escaped text and valid page settings only (tags: a list, as Material's tags plugin needs)."""
    note = record.note
    return theme_meta(note.content.properties, note.title, record.tags,
                      lambda path: any(os.path.isfile(os.path.join(d, path)) for d in config.theme.dirs))


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
