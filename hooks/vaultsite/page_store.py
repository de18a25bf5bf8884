"""Pages of ``mkdocs serve`` made again only when what they are made from changed: the store and its keys.

MkDocs renders, templates and writes every page on every rebuild of ``mkdocs
serve`` (and ``--dirty`` drops the search index and keeps stale pages), so one
edit in a vault of thousands of notes waits for all of them. Here the command
keeps, per page, what its last build produced (``PageResult``, on
``VaultSite.pages``), and the next build takes it instead of producing it
again when the page's inputs are the same. Two keys, for MkDocs' two passes:

- ``content_key`` (``_populate_page``: Markdown to HTML, every plugin's
  ``on_page_content``): the Markdown and page settings the hooks hand MkDocs,
  the page's source path and URL, and what rendering reads of the whole site
  (every file and its URL, the Markdown settings with the glossary, mkdocs.yml,
  the theme's overrides).
- ``output_key`` (``_build_page``: template, ``on_post_page``):
  ``content_key`` plus what the template shows of other pages (the bounded
  nav of ``overrides/partials/nav.html``: every top-level entry, the page's
  ancestors, previous and next) and the page's local graph.

A page whose content key matches skips reading and rendering (its
``read_source``/``render`` are swapped for ones that restore the results);
one whose output key matches gets a one-line template and its stored output
(``vault-replay.html``). Its search entries, preview script and language come
back in their place. ``mkdocs build`` keeps nothing and replays nothing;
``tests/test_serve.py`` compares every page and the search index of a running
serve, after edits, additions, renames and deletions, with full builds.
``replay.py`` connects this to the hooks' build; this module knows MkDocs'
pages but not the vault.
"""
from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from .site_folder import SiteFolder

REPLAY_TEMPLATE = "vault-replay.html"  # overrides/: a one-word page, swapped for the stored output
TAGS_LISTING = "<!-- material/tags"  # a page listing tags shows every page's tags: always built


def packed(text: str) -> bytes:
    # Kept for the whole serve: compressed, a 6,000-note site's pages take a fifth of the memory.
    return zlib.compress(text.encode("utf-8"), 1)


def unpacked(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def _digest(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else json.dumps(part, default=str).encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


@dataclass
class PageResult:
    """What one page's last build produced: enough to produce it again without rendering."""

    content_key: str
    meta: dict
    toc: object  # mkdocs.structure.toc.TableOfContents
    title_from_render: str | None
    content: bytes  # the HTML after every on_page_content, packed
    present_anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # target src_uri -> anchor -> link, as MkDocs checks them
    language: str | None = None  # the search index's language of the page (search.remember_page_language)
    captions: dict | None = None  # the page's figure names for search (search.keep_placeholders_out)
    side_files: list[tuple[str, bytes]] = field(default_factory=list)  # (path, bytes) written with the page
    output_key: str | None = None
    output: bytes | None = None  # the written page, packed
    # a worker's page: its entries of the search index as Material made them, packed JSON
    search_docs: bytes | None = None
    # its entries of the completed search index, packed JSON text (BuildReplay.search_fragments)
    search_fragment: bytes | None = None


class PageStore(dict):
    """src_uri -> PageResult of the last build; lives as long as the MkDocs command (``VaultSite``)."""


@dataclass
class BuildReplay:
    """One build's view of the store: which pages it replays, and what it keeps for the next build."""

    store: PageStore | None  # None: keep nothing, replay nothing (``mkdocs build``)
    site_key: str = ""
    content_keys: dict[str, str] = field(default_factory=dict)  # src_uri -> content key in this build
    contents: dict[str, PageResult] = field(default_factory=dict)  # pages whose content was replayed
    outputs: dict[str, PageResult] = field(default_factory=dict)  # pages whose output is replayed
    made: dict[str, PageResult] = field(default_factory=dict)  # this build's results, the next build's store
    page_order: list[tuple[str, str]] = field(default_factory=list)  # (src_uri, url) as MkDocs builds them
    capturing: bool = False  # a worker of the second pass (page_workers): outputs go to ``captured``
    captured: dict[str, str] = field(default_factory=dict)  # src_uri -> output, in such a worker

    @property
    def active(self) -> bool:
        return self.store is not None

    # --- on_files / on_pre_page ---------------------------------------------------------------------
    def start(self, config: MkDocsConfig, files: Files, site_wide: object) -> None:
        """What every page's build reads of the whole site, as one key (``site_wide``: the hooks' part)."""
        if not self.active:
            return
        listing = sorted((file.src_uri, file.url) for file in files)
        theme = [_folder_stamp(Path(folder)) for folder in config.theme.dirs[:1]]  # custom_dir comes first
        settings = (config.markdown_extensions, config.mdx_configs, config.extra, config.site_url)
        self.site_key = _digest(Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
                                listing, theme, settings, site_wide)

    def prepare(self, page: Page, inputs: str | None) -> None:
        """A page about to be read: replay its content when its inputs are those of the last build."""
        if not self.active or inputs is None:
            return
        uri = page.file.src_uri
        key = _digest(self.site_key, uri, page.file.url, inputs)
        self.content_keys[uri] = key
        stored = self.store.get(uri)
        if stored is None or stored.content_key != key or TAGS_LISTING in inputs:
            return
        self.contents[uri] = stored
        _swap_reading(page, stored)

    # --- on_page_content ------------------------------------------------------------------------------
    def replayed_content(self, page: Page) -> PageResult | None:
        return self.contents.get(page.file.src_uri)

    def keep_content(self, page: Page, html: str, language: str | None, captions: dict | None,
                     side_files: list[tuple[str, bytes]]) -> None:
        """The page's content for the next build (after the last on_page_content)."""
        uri = page.file.src_uri
        if not self.active or uri not in self.content_keys:
            return
        stored = self.contents.get(uri)
        if stored is not None:
            self.made[uri] = stored
            return
        self.made[uri] = result_of(page, html, language, captions, side_files, self.content_keys[uri])

    def use(self, page: Page, result: PageResult) -> None:
        """This build's results for the page, made elsewhere (page_pool.py): restored as a replay is."""
        self.contents[page.file.src_uri] = result
        _swap_reading(page, result)

    # --- on_env ---------------------------------------------------------------------------------------
    def choose_outputs(self, files: Files, nav: Navigation | None, page_extra: dict[str, str]) -> None:
        """Every page is read: pages whose template would show the same get the stored output.

        ``page_extra``: src_uri -> what else the page's output shows (its local graph, …).
        """
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self.page_order = [(page.file.src_uri, page.url) for page in pages]
        if self.active:
            self._choose(pages, nav, page_extra)
        for page in pages:  # a replayed page whose template runs gets its HTML back now
            stored = self.contents.get(page.file.src_uri)
            if stored is not None and page.file.src_uri not in self.outputs:
                page.content = unpacked(stored.content)

    def _choose(self, pages: list[Page], nav: Navigation | None, page_extra: dict[str, str]) -> None:
        top = _digest([_entry(item) for item in nav.items]) if nav is not None else ""
        for page in pages:
            uri = page.file.src_uri
            made = self.made.get(uri)
            if made is None:
                continue
            key = _digest(made.content_key, top, _neighbours(page), page_extra.get(uri, ""))
            stored = self.store.get(uri)
            if stored is not None and uri in self.contents and stored.output_key == key:
                self.outputs[uri] = stored
                hand_over(page)
            else:
                made.output_key = key

    # --- on_post_page ---------------------------------------------------------------------------------
    def take_output(self, page: Page, output: bytes, search_docs: bytes) -> None:
        """The page's output and search entries, made in this build by a worker: written as a replay is."""
        self.outputs[page.file.src_uri] = PageResult("", {}, None, None, b"", set(), {}, output=output,
                                                     search_docs=search_docs)

    def output(self, page: Page, output: str) -> str:
        """The stored output of a replayed page; any other page's output kept for the next build."""
        uri = page.file.src_uri
        if self.capturing:
            self.captured[uri] = output
            return ""
        stored = self.outputs.get(uri)
        if stored is not None:
            return unpacked(stored.output)
        made = self.made.get(uri)
        if made is not None and made.output_key is not None:
            made.output = packed(output)
        return output

    # --- on_post_build --------------------------------------------------------------------------------
    def search_fragments(self, docs: list[dict], complete: Callable[[str | None, list[dict]], str]) -> list[str]:
        """Each page's entries of the search index as JSON text, in page order, for the index to join.

        ``docs``: Material's entries of the pages templated here; ``complete(page URL, entries)`` makes a
        page's text. A page whose output is replayed takes its text from the last build as it is (no
        parsing, no writing: an edit costs its pages, not the index); a worker's page hands Material's
        entries over (``take_output``). Every page's text is kept for the next build.
        """
        by_page: dict[str, list[dict]] = {}
        for doc in docs:
            by_page.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
        fragments = []
        for uri, url in self.page_order:
            stored, built = self.outputs.get(uri), by_page.pop(url, [])
            if stored is not None and stored.search_fragment is not None:
                text = unpacked(stored.search_fragment)  # and the store keeps it (made[uri] is stored)
            else:
                if stored is not None:
                    built = json.loads(unpacked(stored.search_docs)) if stored.search_docs else []
                text = complete(url, built)
                if uri in self.made:
                    self.made[uri].search_fragment = packed(text)
            fragments.append(text)
        for rest in by_page.values():  # entries of no page MkDocs built (none today): kept, at the end
            fragments.append(complete(None, rest))
        return [text for text in fragments if text]

    def finish(self) -> None:
        """The next build replays from what this one made (pages it did not build are forgotten)."""
        if not self.active:
            return
        complete = {uri: made for uri, made in self.made.items()
                    if made.output is not None or uri in self.outputs}
        self.store.clear()
        self.store.update(complete)



def hand_over(page: Page) -> None:
    """A page whose output comes from elsewhere (the last build, a worker): MkDocs' second pass made trivial.

    A one-line template; glightbox (which reads page.meta) skips its output; nothing to index or show.
    """
    page.meta = {**page.meta, "template": REPLAY_TEMPLATE, "glightbox": False}
    page.content = ""
    page.toc = type(page.toc)([])


def result_of(page: Page, html: str | None = None, language: str | None = None, captions: dict | None = None,
              side_files: list[tuple[str, bytes]] | tuple = (), content_key: str = "") -> PageResult:
    """A rendered page's results (``html``: its content, if not ``page.content``)."""
    links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
    return PageResult(content_key, dict(page.meta), page.toc, page._title_from_render,
                      packed(page.content if html is None else html), set(page.present_anchor_ids or ()), links,
                      language, captions, list(side_files))


def restore_side_files(result: PageResult, folder: SiteFolder | None = None) -> None:
    """Files written with the page (its preview script): kept in ``folder`` (site_folder.py) or written again."""
    for path, data in result.side_files:
        if folder is None or not folder.keep(path):
            write_file(data, path)


def _swap_reading(page: Page, stored: PageResult) -> None:
    """The page's own read and render steps, replaced for this build by ones that restore the last build's."""

    def read_source(config: MkDocsConfig) -> None:
        page.markdown = ""  # plugins reading Markdown see an empty page; the settings are the page's
        page.meta = dict(stored.meta)

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""  # the stored HTML comes back after the plugins that rewrite HTML (on_page_content)
        page.toc = stored.toc
        page._title_from_render = stored.title_from_render
        page.present_anchor_ids = set(stored.present_anchor_ids)
        by_uri = files.src_uris  # one dictionary for the whole build (get_file_from_path parses each path)
        targets = ((by_uri.get(uri), links) for uri, links in stored.links_to_anchors.items())
        # shared, not copied: only MkDocs' render (replaced here) adds to them, its anchor check reads them
        page.links_to_anchors = {target: links for target, links in targets if target is not None}

    page.read_source = read_source  # type: ignore[method-assign]
    page.render = render  # type: ignore[method-assign]


def _entry(item) -> tuple:
    """A top-level nav entry as nav.html draws it: a page's title and URL, a section's title and first page."""
    first = item
    while first.children:
        first = first.children[0]
    return item.title, getattr(first, "url", None)


def _neighbours(page: Page) -> tuple:
    """What the page's template shows of other pages: its ancestors, previous and next, and its own title."""
    around = [(other.title, other.url) if other is not None else None
              for other in (page.previous_page, page.next_page)]
    return page.title, page.url, [ancestor.title for ancestor in page.ancestors], around


def _folder_stamp(folder: Path) -> list:
    """Names, sizes and times of a folder's files: the theme overrides a serve may be editing."""
    stamp = []
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            info = os.stat(os.path.join(root, name))
            stamp.append((os.path.relpath(os.path.join(root, name), folder), info.st_size, info.st_mtime_ns))
    return sorted(stamp)
