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
from .page_store import TAGS_LISTING, packed, result_of
from .site import SiteBuild
from .site_folder import PAGE_SKIPPED

log = get_plugin_logger("vault")
MIN_PAGES = 40  # below this a fork costs more than it saves
LOGGERS = ("", "mkdocs")  # where MkDocs' handlers sit (its own logger does not propagate)


def start(build: SiteBuild, config: MkDocsConfig, files: Files, count: int) -> PagePool:
    """Fork ``count - 1`` workers over the later pages (by Markdown length, shares of equal cost)."""
    pool = PagePool()
    pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
             if file.page is not None]
    if count < 2 or len(pages) < MIN_PAGES or threading.active_count() > 1:
        return pool
    sources = [_source(build, page) for page in pages]
    cost = [len(source or "") + 200 for source in sources]  # Markdown length ~ render time
    total, cuts, running = sum(cost), [], 0
    for index, weight in enumerate(cost):  # contiguous shares; the main process renders the first
        running += weight
        if len(cuts) < count - 1 and running >= total * (len(cuts) + 1) / count:
            cuts.append(index + 1)
    for first, end in zip(cuts, cuts[1:] + [len(pages)]):
        share = [page for page, source in zip(pages[first:end], sources[first:end])
                 if source is not None and TAGS_LISTING not in source]
        if share:
            _fork(pool, build, config, files, share)
    if pool.workers:
        log.info(f"{len(pool.workers) + 1} processes render the {len(pages)} pages (VAULT_JOBS=1: one)")
    return pool


def _source(build: SiteBuild, page: Page) -> str | None:
    """The Markdown the hooks hand MkDocs for the page (None: a page the hooks do not make)."""
    pipeline = build.pipeline
    record = pipeline.records.get(page.file.src_uri)
    if record is not None and record.url is not None:
        return record.markdown
    return pipeline.pages.get(page.file.src_uri)


def _fork(pool: PagePool, build: SiteBuild, config: MkDocsConfig, files: Files, share: list[Page],
          work=None) -> None:
    receiving, sending = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the worker: render, send, leave without running the parent's exit handlers
        receiving.close()
        (work or _work)(share, build, config, files, sending)
        os._exit(0)
    sending.close()
    pool.workers.append((pid, receiving))
    for page in share:
        pool.shares[page.file.src_uri] = len(pool.workers) - 1


def _collect_logs() -> Collector:
    collector = Collector()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [collector] if logger.handlers else []
    return collector


def _work(share: list[Page], build: SiteBuild, config: MkDocsConfig, files: Files, sending: Connection) -> None:
    collector = _collect_logs()
    done: dict[str, Rendered] = {}
    try:
        for page in share:
            collector.records, before = [], dict(build.timings)
            try:
                # MkDocs' own reading and rendering of one page (private, but it is exactly what
                # MkDocs' loop calls; calling it keeps every plugin's events and MkDocs' messages).
                mkdocs_build._populate_page(page, config, files)
            except BaseException:  # the main process renders this page and the rest, and reports the error
                break
            seconds = {name: build.timings[name] - before.get(name, 0.0) for name in build.timings}
            result = result_of(page, language=build.page_languages.get(page.url),
                               captions=build.page_captions.get(page.url))
            done[page.file.src_uri] = Rendered(result, collector.records, seconds)
        sending.send_bytes(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        traceback.print_exc()
    finally:
        sending.close()




def start_templates(build: SiteBuild, config: MkDocsConfig, files: Files, env, count: int) -> PagePool:
    """Fork ``count - 1`` workers for MkDocs' second pass over the later pages (templates, on_post_page).

    Only with Material's search plugin, whose entries a worker can read (``search_index.entries``).
    """
    pool = PagePool()
    search = _search_index(config)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [file.page for file in doc_files if file.page is not None]
    if count < 2 or len(pages) < MIN_PAGES or threading.active_count() > 1 or search is None:
        return pool
    cost = [len(page.content or "") + 2000 for page in pages]  # the theme's part is the same for every page
    total, cuts, running = sum(cost), [], 0
    for index, weight in enumerate(cost):
        running += weight
        if len(cuts) < count - 1 and running >= total * (len(cuts) + 1) / count:
            cuts.append(index + 1)

    def work(share: list[Page], build: SiteBuild, config: MkDocsConfig, files: Files, sending: Connection) -> None:
        _write_share(share, build, config, doc_files, env, search, sending)

    for first, end in zip(cuts, cuts[1:] + [len(pages)]):
        share = [page for page in pages[first:end] if TAGS_LISTING not in (page.markdown or "")]
        if share:
            _fork(pool, build, config, files, share, work)
    return pool


def _search_index(config: MkDocsConfig):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    return index if isinstance(getattr(index, "entries", None), list) else None


def _write_share(share: list[Page], build: SiteBuild, config: MkDocsConfig, doc_files, env, search,
                 sending: Connection) -> None:
    collector = _collect_logs()
    done: dict[str, Written] = {}
    build.replay.capturing = True  # on_post_page keeps the output and hands MkDocs nothing to write
    try:
        for page in share:
            collector.records, before, entries = [], dict(build.timings), len(search.entries)
            try:
                # MkDocs' own second pass over one page (private, as _populate_page above)
                mkdocs_build._build_page(page, config, doc_files, build.nav, env,
                                         excluded=page.file.inclusion.is_excluded())
            except BaseException:
                break
            records = [r for r in collector.records if not r.getMessage().startswith(PAGE_SKIPPED)]
            seconds = {name: build.timings[name] - before.get(name, 0.0) for name in build.timings}
            docs = packed(json.dumps(search.entries[entries:], default=str))
            output = packed(build.replay.captured.pop(page.file.src_uri))
            done[page.file.src_uri] = Written(output, docs, records, seconds)
        sending.send_bytes(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        traceback.print_exc()
    finally:
        sending.close()
