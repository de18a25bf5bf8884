"""Serve's page replay (page_store.py) wired to the vault build: what the hooks add to a page's keys and results."""
from __future__ import annotations

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .graph_data import local_graphs_of_pages
from .page_store import PageResult, restore_side_files
from .site import SiteBuild

log = get_plugin_logger("vault")


def site_wide_inputs(build: SiteBuild) -> object:
    """What the hooks put into every page from the whole vault: renderers, generated pages' titles, home."""
    pipeline = build.pipeline
    return [build.renderers, pipeline.generated, pipeline.home]


def restore_content(build: SiteBuild, page: Page, stored: PageResult) -> str:
    """What the content hooks left in the build for a replayed page (language, figures, preview file).

    Its HTML itself comes back in on_env (``BuildReplay.choose_outputs``), and only if its template
    runs: a page whose output is replayed too never needs it.
    """
    if stored.language is not None:
        build.page_languages[page.url] = stored.language
    if stored.captions:
        build.page_captions[page.url] = stored.captions
    restore_side_files(stored, build.folder)
    build.replay.keep_content(page, "", stored.language, stored.captions, stored.side_files)
    return ""


def keep_content(build: SiteBuild, page: Page, html: str, side_files: list[tuple[str, bytes]]) -> None:
    """A page rendered now: its results kept for the next build (serve only)."""
    if build.replay.active:
        build.replay.keep_content(page, html, build.page_languages.get(page.url),
                                  build.page_captions.get(page.url), side_files)


def choose_outputs(build: SiteBuild, files: Files) -> None:
    """Every page is read: which pages' outputs the build takes from the last one (their local graphs count)."""
    extra = {}
    if build.replay.active:
        with build.timed("local graphs"):
            extra = local_graphs_of_pages(build, [file.page for file in files.documentation_pages()
                                                  if file.page is not None])
    build.replay.choose_outputs(files, build.nav, extra)


def finish(build: SiteBuild) -> None:
    """The next build replays from this one's results; a rebuild says how many pages it built."""
    replay = build.replay
    if replay.active and build.pipeline.build_number > 1:
        total = len(replay.page_order)
        log.info(f"rebuilt {total - len(replay.outputs)} of {total} pages; "
                 f"{len(replay.outputs)} unchanged ones kept from the last build")
    replay.finish()
