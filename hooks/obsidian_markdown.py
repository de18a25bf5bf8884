"""MkDocs entry point: each note's Obsidian Markdown made into Markdown Python-Markdown reads alike.

Events: on_page_markdown (the transforms), on_env (the summary of problems,
and stopping the build where the settings make a problem an error).
"""
from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import vault_state
from vaultlib.render import PageRender
from vaultlib.transforms import normalise_newlines, promote_title_heading, separate_lists

log = get_plugin_logger("vault")

SUMMARIES = {
    "missing-attachment": ("missing_attachments", "{n} embedded files are not in the vault"),
    "broken-link": ("broken_links", "{n} links point to no note or file"),
    "broken-anchor": ("broken_links", "{n} links point to a heading or block that does not exist"),
}
LEVEL = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


@event_priority(50)  # before the search and tags plugins read the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = vault_state.current
    note = state.index.note_by_site_path.get(page.file.src_uri)
    if note is None:
        return markdown
    renderer = PageRender(state.resolver, note, page.file.url)
    text = renderer.render(normalise_newlines(markdown))
    state.problems.extend(renderer.problems)
    state.extras.setdefault("page_embeds", {})[note.site_path] = renderer.embeds
    for problem in renderer.problems:
        if problem.kind not in SUMMARIES:
            log.warning(str(problem))
    return promote_title_heading(separate_lists(text), note.title)


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
