"""The workers of page_pool.py: forked once the nav is made, each renders a share of the pages."""
from __future__ import annotations

import json
import logging
import os
import pickle
import threading
import traceback
from multiprocessing.connection import Connection, Pipe

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from .page_pool import Collector, PagePool, Rendered, Written
from .page_store import TAGS_LISTING, hand_over, packed, result_of
from .site import SiteBuild
from .site_folder import PAGE_SKIPPED

log = get_plugin_logger("vault")
MIN_PAGES = 40  # below this a fork costs more than it saves
LOGGERS = ("", "mkdocs")  # where MkDocs' handlers sit (its own logger does not propagate)


def start(build: SiteBuild, config: MkDocsConfig, files: Files, count: int) -> PagePool:
    """Fork ``count - 1`` workers for MkDocs' first pass (read and render), claiming pages from the last."""
    pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
             if file.page is not None]
    keep = {page.file.src_uri for page in pages if TAGS_LISTING in (_source(build, page) or TAGS_LISTING)}
    pool = _pool(pages, keep, count)
    for worker in range(count - 1 if pool is not None else 0):
        _fork(pool, worker, lambda number, sending: _render_share(pool, number, pages, build, config, files, sending))
    if pool is not None:
        log.info(f"{count} processes render the {len(pages)} pages (VAULT_JOBS=1: one)")
    return pool or PagePool()


def start_templates(build: SiteBuild, config: MkDocsConfig, files: Files, env, count: int) -> PagePool:
    """Fork ``count - 1`` workers for MkDocs' second pass (templates, on_post_page), claiming from the last.

    Only with Material's search plugin, whose entries a worker can read (``search_index.entries``).
    """
    search = _search_index(config)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [file.page for file in doc_files if file.page is not None]
    keep = {page.file.src_uri for page in pages if TAGS_LISTING in (page.markdown or "")}
    pool = _pool(pages, keep, count) if search is not None else None
    for worker in range(count - 1 if pool is not None else 0):
        _fork(pool, worker, lambda number, sending: _write_share(pool, number, pages, build, config, doc_files, env,
                                                                 search, sending))
    return pool or PagePool()


def before_template(pool: PagePool, after: Page | None = None) -> None:
    """The page MkDocs' second pass takes next (after ``after``; None: the first) is claimed now: if a
    worker has it, MkDocs only writes it.

    (MkDocs picks a page's template before any event of its own, so the claim is made at the end of
    the page before, or in on_env for the first.)
    """
    if not pool.workers:
        return
    index = 0 if after is None else pool.order.get(after.file.src_uri, len(pool.pages)) + 1
    if index < len(pool.pages) and pool.owner(pool.pages[index].file.src_uri) is not None:
        hand_over(pool.pages[index])


def _pool(pages: list[Page], keep: set[str], count: int) -> PagePool | None:
    if count < 2 or len(pages) < MIN_PAGES or threading.active_count() > 1:
        return None
    pool = PagePool(pages=pages)
    pool.open([page.file.src_uri for page in pages], keep)
    return pool


def _source(build: SiteBuild, page: Page) -> str | None:
    """The Markdown the hooks hand MkDocs for the page (None: a page the hooks do not make)."""
    pipeline = build.pipeline
    record = pipeline.records.get(page.file.src_uri)
    if record is not None and record.url is not None:
        return record.markdown
    return pipeline.pages.get(page.file.src_uri)


def _fork(pool: PagePool, number: int, work) -> None:
    receiving, sending = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the worker: work, send, leave without running the parent's exit handlers
        receiving.close()
        try:
            work(number, sending)
        finally:
            os._exit(0)
    sending.close()
    pool.workers.append((pid, receiving))


def _collect_logs() -> Collector:
    collector = Collector()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [collector] if logger.handlers else []
    return collector


def _claim_and_send(pool: PagePool, number: int, pages: list[Page], build: SiteBuild, do_page,
                    sending: Connection) -> None:
    """A worker's loop: claim a page, do it (``do_page(page)`` -> f(records, seconds) -> its payload); send all.

    A page that raises ends the loop: the main process does it and the rest, and reports the error.
    """
    collector = _collect_logs()
    done: dict = {}
    try:
        while (index := pool.claim_for_worker(number)) is not None:
            page = pages[index]
            collector.records, before = [], dict(build.timings)
            try:
                payload = do_page(page)
            except BaseException:
                break
            seconds = {name: build.timings[name] - before.get(name, 0.0) for name in build.timings}
            records = [r for r in collector.records if not r.getMessage().startswith(PAGE_SKIPPED)]
            done[page.file.src_uri] = payload(records, seconds)
        sending.send_bytes(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        traceback.print_exc()
    finally:
        sending.close()


def _render_share(pool: PagePool, number: int, pages: list[Page], build: SiteBuild, config: MkDocsConfig,
                  files: Files, sending: Connection) -> None:
    def render(page: Page):
        # MkDocs' own reading and rendering of one page (private, but it is exactly what MkDocs'
        # loop calls; calling it keeps every plugin's events and MkDocs' messages).
        mkdocs_build._populate_page(page, config, files)
        result = result_of(page, language=build.page_languages.get(page.url),
                           captions=build.page_captions.get(page.url))
        return lambda records, seconds: Rendered(result, records, seconds)

    _claim_and_send(pool, number, pages, build, render, sending)


def _search_index(config: MkDocsConfig):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    return index if isinstance(getattr(index, "entries", None), list) else None


def _write_share(pool: PagePool, number: int, pages: list[Page], build: SiteBuild, config: MkDocsConfig,
                 doc_files, env, search, sending: Connection) -> None:
    build.replay.capturing = True  # on_post_page keeps the output and hands MkDocs nothing to write

    def write(page: Page):
        entries = len(search.entries)
        # MkDocs' own second pass over one page (private, as _populate_page above)
        mkdocs_build._build_page(page, config, doc_files, build.nav, env, excluded=page.file.inclusion.is_excluded())
        docs = packed(json.dumps(search.entries[entries:], default=str))
        output = packed(build.replay.captured.pop(page.file.src_uri))
        return lambda records, seconds: Written(output, docs, records, seconds)

    _claim_and_send(pool, number, pages, build, write, sending)
