"""MkDocs entry point: each note's Obsidian Markdown made into Markdown Python-Markdown reads alike.

Events: on_files (render every note once, so the generated pages know every
link and embed), on_page_markdown (hand MkDocs the rendered note), on_env (the
summary of problems; stop the build where the settings make one an error).
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
from vaultlib.embeds import markdown_link, markdown_path
from vaultlib.index import Note
from vaultlib.notes import HEADING
from vaultlib.properties import theme_meta
from vaultlib.render import PageRender
from vaultlib.transforms import (inline_tags, normalise_newlines, promote_title_heading, property_tags,
                                 separate_lists)
from vaultlib.xref.mentions import link_mentions

log = get_plugin_logger("vault")

SUMMARIES = {
    "missing-attachment": ("missing_attachments", "{n} embedded files are not in the vault"),
    "broken-link": ("broken_links", "{n} links point to no note or file"),
    "broken-anchor": ("broken_links", "{n} links point to a heading or block that does not exist"),
}
LEVEL = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


@event_priority(46)  # after cross_reference (48) built the term model
@vault_state.timed("obsidian_markdown.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = vault_state.current
    for note in state.index.notes:
        file = files.get_file_from_path(note.site_path)
        if file is not None:
            state.rendered[note.site_path] = render_note(note, note.content.body, file.url)
    return files


def render_note(note: Note, body: str, url: str, *, report: bool = True) -> tuple[str, str, PageRender]:
    """(source, Markdown for MkDocs, the render with its links, embeds and problems) of one note."""
    state = vault_state.current
    renderer = PageRender(state.resolver, note, url, mention_linker(note))
    text, tags = inline_tags(renderer.render(body))
    text = promote_title_heading(separate_lists(text), note.title)
    state.tags[note.site_path] = list(dict.fromkeys(property_tags(note.content.properties.get("tags")) + tags))
    if report:
        state.problems.extend(renderer.problems)
        for problem in renderer.problems:
            if problem.kind not in SUMMARIES:
                log.warning(str(problem))
    return body, text, renderer


def mention_linker(page: Note):
    """Links the first mention of each term per section to where the term is introduced."""
    state = vault_state.current
    linked: dict[tuple[str, str], set[str]] = {}

    def link(text: str, term) -> str:
        definition = term.definition
        return markdown_link(text, markdown_path(definition.note_path, page.site_path, definition.anchor))

    def transform(source: Note, line_number: int, line: str) -> str:
        if HEADING.match(line):
            return line  # a heading stays plain text: the toc and anchors are made from it
        heading = source.content.section_at(line_number)
        section = (source.site_path, heading.anchor if heading else "")
        return link_mentions(line, section, linked.setdefault(section, set()), state.xref.finder, link)

    return transform


@event_priority(50)  # before the search and tags plugins read the page
@vault_state.timed("obsidian_markdown.on_page_markdown")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendered = vault_state.current.rendered.get(page.file.src_uri)
    if rendered is None:
        return markdown
    source, text, _ = rendered
    note = vault_state.current.index.note_by_site_path[page.file.src_uri]
    # The theme sees escaped text and valid page settings only (tags: a list, as Material's tags plugin needs).
    meta, kept = theme_meta(note.content.properties, note.title, vault_state.current.tags.get(page.file.src_uri),
                            lambda path: any(os.path.isfile(os.path.join(d, path)) for d in config.theme.dirs))
    for reason in kept:
        log.info(f"{note.vault_path}: {reason}; it stays a note property and is not passed to the theme")
    page.meta.clear()
    page.meta.update(meta)
    markdown = normalise_newlines(markdown)
    if markdown != source:
        # MkDocs read the note differently (it drops blank lines after the properties, keeps
        # invalid ones as text): render what MkDocs has; its problems were reported already.
        _, text, _ = render_note(note, markdown, page.file.url, report=False)
    return text


@vault_state.timed("obsidian_markdown.on_env")
def on_env(env, config: MkDocsConfig, files: Files):
    state = vault_state.current
    failed = []
    for kind, (setting, summary) in SUMMARIES.items():
        found = [p for p in state.problems if p.kind == kind]
        if not found:
            continue
        level = getattr(state.settings, setting)
        log.log(LEVEL[level], summary.format(n=len(found)) + " (mkdocs build --verbose lists them)")
        for problem in found:
            log.log(logging.ERROR if level == "error" else logging.DEBUG, str(problem))
        if level == "error":
            failed.extend(found)
    if failed:
        raise Abort(f"Aborted: {len(failed)} problems listed above are errors by the extra.vault settings; "
                    "fix them or set the level to 'warning' or 'info'.")
    return env
