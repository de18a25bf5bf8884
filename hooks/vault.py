"""The vault build's one MkDocs hook file: every event it handles, in the order MkDocs runs them.

Read this file top to bottom to follow a build. Each event does its work
through the adapters in ``vaultsite/`` (the MkDocs side) over ``vaultlib/``
(plain Python: the pipeline index -> cross-reference -> render -> backlinks ->
graph -> generated pages, see ``vaultlib/pipeline.py``).

Priorities: MkDocs calls higher priorities first; plugins default to 0, and at
equal priority plugins run before hooks. Where an event needs a place among
the plugins, its ``@event_priority`` says why.

State: ``site`` (``vaultsite/site.py``) is the hooks' one object. MkDocs loads
this file once per command and keeps it, like a plugin with ``on_startup``,
across the rebuilds of ``mkdocs serve``: ``site`` keeps the render cache there,
and ``on_config`` starts each build's state afresh.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from vaultlib.safety.html import sanitize_html
from vaultsite import (assets, files as vault_files, graph_data, nav_data, offline, page_pool, page_workers, pages,
                       previews, replay, safety, search, study, watcher)
from vaultsite.config import is_offline
from vaultsite.site import VaultSite

site = VaultSite()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Once per MkDocs command: remember which (serve rebuilds reuse the render cache and the site folder;
    a build that stands alone lets the cache go once its files are published)."""
    site.command = command
    if command == "serve":
        logging.getLogger("mkdocs.commands.build").addFilter(site.quiet_kept_pages)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Each build starts here: check extra.vault, start the build's pipeline; offline, drop what needs fetch()."""
    build = site.start_build(config)
    with build.timed("config"):
        if is_offline(config):
            offline.configure_offline(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Serve: the last build's files set aside, so MkDocs' clean of the folder finds it empty (site_folder.py).

    A prebuild of the last build's search index still running is stopped first (search_background.py).
    """
    site.prebuild.cancel()
    if site.build.folder is not None:
        site.build.folder.park(config.site_dir)


@event_priority(50)  # before the plugins see the files, so files refused from the vault never reach them
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run the pipeline and publish what it made: notes, attachments, generated pages, nav, browser files."""
    build = site.build
    if build.folder is not None:
        build.folder.unpark(config.site_dir)  # serve: the last build's files back in place
    with build.timed("pipeline"):
        vault_files.run_pipeline(build, files, config)
    with build.timed("safety"):
        safety.make_files_safe(build, files, config)
    with build.timed("publish"):
        vault_files.give_abbr_the_glossary(build, config)
        vault_files.add_generated_pages(build, files, config)
        if is_offline(config):
            assets.publish_iframe_worker_shim(files, config)
        assets.publish_renderers(build, files, config)
        assets.publish_graph_library(files, config)
        search.publish_stemmers(build, files, config)
    with build.timed("graph data"):
        graph_data.publish_graph_data(build, files, config)
    with build.timed("study files"):
        study.publish_study_files(build, files, config)
    site.published()  # `mkdocs build`: what only a rebuild reads is let go before the pages are rendered
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Keep MkDocs' nav for on_env, which writes the sidebar's data file but is not handed the nav.

    Every file and URL is final now: serve makes the replay's site-wide key; a build forks the
    processes that render the later pages while MkDocs renders the first ones (page_workers.py).
    """
    build = site.build
    build.nav = nav
    with build.timed("replay"):
        build.replay.start(config, files, replay.site_wide_inputs(build))
    if not build.replay.active:
        with build.timed("fork"):
            build.pool = page_workers.start(build, config, files, page_pool.jobs())
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """A page a worker rendered, or (serve) one whose inputs are the last build's, is not rendered again."""
    build = site.build
    with build.timed("waiting for workers"):
        rendered = build.pool.rendered(page)
    if rendered is not None:
        page_pool.replay_records(rendered.records)
        build.timings.update(rendered.seconds)
        build.replay.use(page, rendered.result)
    elif build.replay.active:
        with build.timed("replay"):
            build.replay.prepare(page, pages.page_inputs(build, page, config))
    return page


@event_priority(50)  # before the tags and search plugins read the page's Markdown and settings
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The note as the pipeline rendered it, with its backlinks and checked settings."""
    build = site.build
    if build.replay.replayed_content(page):
        return markdown  # replayed: its settings are restored, its HTML comes back in on_page_content
    with build.timed("page markdown"):
        search.remember_page_language(build, page)
        return pages.page_markdown(build, markdown, page, config)


@event_priority(-50)  # after every plugin that rewrites the HTML (glightbox re-parses it at 0)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's HTML made inert by the one sanitizer; previews cut from it; Material's search indexes it later."""
    build = site.build
    stored = build.replay.replayed_content(page)
    if stored is not None:
        with build.timed("replay"):
            return replay.restore_content(build, page, stored)
    with build.timed("search marks"):
        html = search.keep_placeholders_out(build, search.keep_backlinks_out(html), page)
    with build.timed("sanitize"):
        html = sanitize_html(html)
    with build.timed("previews"):
        written = previews.write_previews(build, html, page, config)
    replay.keep_content(build, page, html, [written])
    return html


@event_priority(-100)  # last: the workers forked here see the environment every plugin made
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page has been read: report the build's problems (errors stop it), write the sidebar's tree.

    A build then forks the workers of MkDocs' second pass (templates), a serve picks the pages it replays.
    """
    build = site.build
    build.pool.close()
    if build.folder is not None:
        env.bytecode_cache = site.templates  # serve: templates compiled once per command
    pages.report_problems(build)
    with build.timed("nav data"):
        nav_data.write_nav_data(build, env, config)
        search.remember_page_urls(build, files)
    with build.timed("replay"):
        replay.choose_outputs(build, files)
        if build.folder is not None:
            build.folder.skip_unchanged_copies(files)
    if not build.replay.active:
        with build.timed("fork"):
            build.template_pool = page_workers.start_templates(build, config, files, env, page_pool.jobs())
            page_workers.before_template(build.template_pool)
    return env


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The offline bundle's 404 page gets URLs relative to its root (MkDocs gives it site_url's absolute path)."""
    if is_offline(config):
        offline.error_page_base_url(context, template_name)
    return context


@event_priority(-100)  # last: the output a serve replays is the page as written (glightbox adds its tags at 0)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Each written page: KaTeX/Mermaid where it needs them, its local graph, our search worker."""
    build = site.build
    with build.timed("waiting for workers"):
        written = build.template_pool.rendered(page)
        page_workers.before_template(build.template_pool, after=page)
    if written is not None:
        page_pool.replay_records(written.records)
        build.timings.update(written.seconds)
        build.replay.take_output(page, written.output, written.search_docs)
    if page.file.src_uri in build.replay.outputs:
        if build.folder is not None and build.folder.keep_page(page.file.src_uri, page.file.abs_dest_path):
            return ""  # its file holds these bytes already: MkDocs writes nothing
        return build.replay.output(page, output)
    with build.timed("post page"):
        output = assets.renderer_tags(build, output, page)
        output = graph_data.local_graph_block(build, output, page)
        output = search.use_own_worker(build, output, page)
    return build.replay.output(page, output)


def on_post_build(config: MkDocsConfig) -> None:
    """The search index gains the vault's synonyms and languages (before the offline plugin, at -100, copies it)."""
    build = site.build
    build.template_pool.close()
    with build.timed("search tables"):
        search.complete_search_index(build, config)
    replay.finish(build)
    if build.folder is not None:
        build.folder.sweep(config.site_dir)  # serve: files no page or plugin made this time
    site.settle()
    vault_files.log_timings(build)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """Serve, once after the first build: the vault watched by the system's file events, not polled (watcher.py)."""
    watcher.watch_natively(server)
    return server


def on_shutdown() -> None:
    """Serve's end: a search prebuild still running is stopped, before MkDocs deletes the folder it writes in."""
    site.prebuild.cancel()
