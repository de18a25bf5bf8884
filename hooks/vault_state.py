"""What the vault hooks share: the build's pipeline (its index, model and one record per note),
the render cache that outlives a build, the hooks' timings and their event priorities.

Not a hook: the hooks import it (MkDocs loads each hook file on its own and
re-runs it on every config load, but this module is imported once, so the
render cache survives ``mkdocs serve``'s rebuilds).

For hooks that read the build (nav, previews, graph, search ranking):
    vault_state.current.index                   VaultIndex: notes in course order, lookups by name/path
    vault_state.current.xref                    CrossReference: terms, acronyms, mentions, use cases
    vault_state.current.records[src_uri]        NoteRecord: .note .url .markdown .links .embeds .tags
                                                .problems .backlinks (vaultlib/record.py documents each)
    vault_state.current.generated               reference page src_uri -> nav title
"""
from __future__ import annotations

import functools
import time
from collections import Counter

from markdown.extensions.toc import slugify
from mkdocs.utils import get_relative_url

from vaultlib.notes import HeadingNamer
from vaultlib.pipeline import Pipeline
from vaultlib.render_cache import RenderCache
from vaultlib.settings import VaultSettings

# When each vault hook event runs. MkDocs calls higher priorities first; plugins
# default to 0, and at equal priority plugins run before hooks. The order, once:
#
#   event             priority            hook               does
#   on_files          FILES_PIPELINE 50   vault_files        runs the pipeline; publishes notes, attachments
#                     FILES_GLOSSARY 48   cross_reference    gives abbr the glossary (tooltips)
#                     FILES_PAGES    40   reference_pages    adds the generated pages and the nav
#                     (default 0)         offline_bundle, browser_assets, note_graph; then MkDocs' plugins' turn
#   on_page_markdown  PAGE_NOTE      50   obsidian_markdown  hands MkDocs the rendered note (before search, tags)
#                     PAGE_BACKLINKS 49   cross_reference    appends the note's backlinks
#                     (default 0)         search_ranking     generated pages' search boost
#   on_page_content   (default 0)         search_ranking     keeps the backlinks out of the search index
#                     PAGE_PREVIEWS -50   previews           cuts the page's final HTML into previews
#   on_post_build     (default 0)         search_ranking     adds the synonyms to the search index, before
#                                                            Material's offline plugin (-100) copies it
#   on_config, on_nav, on_env, on_post_page: default (0); the order among hooks does not matter there.
FILES_PIPELINE = 50  # before other plugins see the files, so refused ones never reach them
FILES_GLOSSARY = 48
FILES_PAGES = 40
PAGE_NOTE = 50
PAGE_BACKLINKS = 49
PAGE_PREVIEWS = -50  # after every plugin (glightbox) changed the HTML: the preview is what the page shows

render_cache = RenderCache()  # lives as long as the process: every build of `mkdocs serve` reuses it
current = Pipeline(VaultSettings(), slugify, get_relative_url, render_cache)
timings: Counter = Counter()  # "hook.event" -> seconds spent in this build (printed with --verbose, read by bench/)


def start(settings: VaultSettings, heading_ids: HeadingNamer) -> Pipeline:
    """A new build: a fresh pipeline over the same render cache, fresh timings."""
    global current, timings
    current = Pipeline(settings, heading_ids, get_relative_url, render_cache)
    timings = Counter()
    return current


def timed(name: str):
    """Add the time a hook event takes to ``timings[name]``."""
    def decorate(event):
        @functools.wraps(event)
        def run(*args, **kwargs):
            begin = time.perf_counter()
            try:
                return event(*args, **kwargs)
            finally:
                timings[name] += time.perf_counter() - begin
        return run
    return decorate
