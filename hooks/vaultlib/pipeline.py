"""The vault build, step by step. ``Pipeline.run`` is the whole of it, in this order:

1. index            read every note once: properties split as MkDocs splits them, comments
                    stripped, headings with their anchors, block ids; one NoteRecord per note
   publish          (the site generator, handed in) publishes the files and says each page's URL
2. cross-reference  terms, glossary, mentions and use cases, from the notes' outlines
3. render           each note's Markdown, links, embeds, tags and problems, exactly once per
                    build; taken from the render cache when nothing it read has changed
4. backlinks        who links to or mentions each note, from the records (cheap, always redone)
   graph            notes and terms joined by links, mentions and introductions (the Graph page's data)
5. generated pages  the home page, the reference pages, the Graph and Study pages, as Markdown (cheap, always redone)

Nothing here imports MkDocs: what the site generator provides (the toc's
heading ids, its relative-URL function) is handed in.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .bases import BaseFences, VaultRows
from .index.note_text import HeadingNamer
from .index.publish import dest_of_url, home_note, place_generated
from .index.resolver import Resolver
from .index.vault import Note, VaultIndex, VaultPage, VaultRoot
from .pages import locations
from .pages.graph_page import graph_page_markdown
from .pages.home import emit_home_page
from .pages.nav import HOME_TITLE
from .pages.reference import (emit_figures_page, emit_glossary_page, emit_services_page, emit_tags_page,
                              emit_use_cases_page)
from .problems import VaultProblem
from .record import NoteRecord, content_hash
from .render.cache import RenderCache, terms_signature
from .render.note_render import RenderedNote, render_note
from .render.quotes import Quoter
from .render.site_paths import RelativeUrl, SitePaths
from .settings import VaultSettings
from .vault_pages import in_file, read_vault_page
from .study import STUDY, study_page
from .xref.backlinks import find_backlinks
from .xref.graph import NoteGraph, build_graph
from .xref.model import CrossReference, build_cross_reference
from .xref.terms import TermRules

# (index) -> {note site path: page URL} for every note the site publishes
Publish = Callable[[VaultIndex], dict[str, str]]


@dataclass(frozen=True)
class SiteInfo:
    """What the generated home page says about the site."""

    name: str
    description: str = ""
    offline_bundle: str | None = None  # the zip's path, only where the build makes one
    use_directory_urls: bool = True  # how page URLs are made, so generated pages step aside from notes' URLs


@dataclass
class Pipeline:
    settings: VaultSettings
    heading_ids: HeadingNamer  # the toc's ids (render.heading_ids.HeadingIds), so our anchors are the page's
    relative_url: RelativeUrl  # the site generator's (MkDocs' get_relative_url)
    cache: RenderCache = field(default_factory=RenderCache)  # outlives the pipeline: pass the same one again
    # What the steps leave behind, in the order they write it:
    index: VaultIndex = field(default_factory=VaultIndex)  # 1
    resolver: Resolver | None = None  # 1
    records: dict[str, NoteRecord] = field(default_factory=dict)  # 1 creates, 3 and 4 fill in; by site path
    base_rows: VaultRows = field(default_factory=lambda: VaultRows(None, None))  # 1: what bases are evaluated over
    xref: CrossReference = field(default_factory=CrossReference)  # 2
    problems: list[VaultProblem] = field(default_factory=list)  # 1 and 3, in that order
    graph: NoteGraph = field(default_factory=NoteGraph)  # 4b
    renders: int = 0  # 3: notes rendered in this build (the rest came from the cache)
    generated: dict[str, str] = field(default_factory=dict)  # 5: reference page path -> nav title
    pages: dict[str, str] = field(default_factory=dict)  # 5: generated page path -> Markdown (home included)
    home: str = locations.HOME  # 5: the home page's source path (a root index note, or the generated one)
    step_seconds: Counter = field(default_factory=Counter)  # step name -> seconds in this build

    def __post_init__(self) -> None:
        self.term_rules = TermRules.from_mapping(self.settings.terms)  # bad settings fail before any work
        self.paths = SitePaths(self.relative_url)  # every relative link of this build
        self.cache.builds += 1
        self.build_number = self.cache.builds

    def run(self, roots: list[VaultRoot], publish: Publish, site: SiteInfo) -> None:
        self._step("index", self.index_vault, roots)
        urls = self._step("publish", publish, self.index)
        self._step("cross-reference", self.cross_reference)
        self._step("render", self.render, urls)
        self._step("backlinks", self.find_backlinks)
        self._step("graph", self.build_graph)
        self._step("generated pages", self.generate_pages, site)

    def _step(self, name: str, step: Callable, *args):
        start = time.perf_counter()
        try:
            return step(*args)
        finally:
            self.step_seconds[name] += time.perf_counter() - start

    # 1. index
    def index_vault(self, roots: list[VaultRoot]) -> None:
        self.index = VaultIndex.scan(roots, self.heading_ids, order_property=self.settings.order_property,
                                      publish_drafts=self.settings.publish_drafts, read_page=read_vault_page)
        self.resolver = Resolver(self.index)
        self.base_rows = VaultRows(self.index, self.resolver, paths=self.paths)  # made on first use: only bases pay
        self.records = {note.site_path: NoteRecord(note, content_hash(note)) for note in self.index.notes}
        self.problems.extend(self.index.problems)
        self.cache.forget_missing(set(self.records))

    # 2. cross-reference model
    def cross_reference(self) -> None:
        outlines = [self.cache.outline(record.note, record.content_hash, self.heading_ids)
                    for record in self.records.values()]  # in course order, as the model needs
        self.xref = build_cross_reference(outlines, self.term_rules)

    # 3. render
    def render(self, urls: dict[str, str]) -> None:
        terms = terms_signature(self.xref.finder)
        hashes = {path: record.content_hash for path, record in self.records.items()}
        for path, record in self.records.items():
            if path not in urls:
                continue  # not published (e.g. a note among the attachments): nothing to render
            record.url = urls[path]
            cached = self.cache.lookup(path, record.content_hash, record.url, terms, self.resolver, hashes,
                                       lambda: self.base_rows.signature)
            if cached is None:
                rendered = self.render_note(record.note, record.url)
                self.cache.store(path, record.content_hash, record.url, terms, rendered, hashes)
                record.rendered_in = self.build_number
            else:
                rendered, record.rendered_in = cached.rendered, cached.build
            record.markdown, record.tags = rendered.markdown, rendered.tags
            record.links, record.embeds, record.problems = rendered.links, rendered.embeds, rendered.problems
            self.problems.extend(record.problems)

    def render_note(self, note: Note, url: str) -> RenderedNote:
        """The only way a note gets rendered: counted, so a test can tell each note is rendered once."""
        self.renders += 1
        rendered = render_note(note, url, self.resolver, self.xref.finder, self.paths, BaseFences(self.base_rows))
        if isinstance(note, VaultPage):  # a board or base: problems told at the file's own lines
            rendered.problems = in_file(note, rendered.problems)
        return rendered

    # 4. backlinks
    def find_backlinks(self) -> None:
        links = [link for record in self.records.values() for link in record.links]
        found = find_backlinks(links, self.xref.terms, self.xref.mentions, section_of)
        for path, record in self.records.items():
            record.backlinks = found.get(path, [])

    # 4b. graph (read by the Graph page and each note's local graph)
    def build_graph(self) -> None:
        links = [link for record in self.records.values() if record.url is not None for link in record.links]
        self.graph = build_graph(self.index.notes, links, self.xref)

    # 5. generated pages
    def generate_pages(self, site: SiteInfo) -> None:
        index, xref = self.index, self.xref
        quoter = Quoter(index, self.paths, self.resolver)
        embeds = {path: record.embeds for path, record in self.records.items()}
        pages = {
            locations.SERVICES: ("Services A–Z", emit_services_page(index, xref, quoter, self.term_rules)),
            locations.USE_CASES: ("Use-case finder", emit_use_cases_page(index, xref, quoter)),
            locations.GLOSSARY: ("Glossary", emit_glossary_page(index, xref, quoter)),
            locations.FIGURES: ("Figures", emit_figures_page(index, embeds, self.paths)),
        }
        if not xref.terms:
            pages.pop(locations.SERVICES)
        if any(record.tags for record in self.records.values()):
            pages[locations.TAGS] = ("Tags", emit_tags_page())
        pages[locations.GRAPH] = ("Graph", graph_page_markdown("Graph", self.graph))
        study = study_page(index, xref, {path: record.tags for path, record in self.records.items()}, quoter,
                           self.paths)
        if study is not None:
            pages[STUDY] = ("Study", study)
        # A note keeps its URL: a generated page whose URL a note has moves aside, with a warning.
        dests = {path: dest_of_url(record.url) for path, record in self.records.items()
                 if record.url is not None}
        placed, moved = place_generated(list(pages), dests, site.use_directory_urls)
        self.problems.extend(moved)
        self.generated = {placed[path]: title for path, (title, _) in pages.items()}
        self.pages = {placed[path]: markdown for path, (_, markdown) in pages.items()}
        self.home = home_note(dests) or locations.HOME
        if self.home == locations.HOME:
            self.pages[locations.HOME] = emit_home_page(index, quoter, site.name, site.description,
                                                        self.generated, site.offline_bundle)

    def page_title(self, src_uri: str) -> str:
        """A page's title as text (scripts get it raw; the theme gets ``theme_text`` of it)."""
        if src_uri == self.home:
            return HOME_TITLE  # as the nav names it, a home note included
        record = self.records.get(src_uri)
        if record is not None:
            return record.note.title
        return self.generated.get(src_uri, "")

    @property
    def rendered_now(self) -> list[str]:
        """Site paths of the notes this build rendered (not taken from the cache)."""
        return [path for path, record in self.records.items() if record.rendered_in == self.build_number
                and record.url is not None]


def section_of(note: Note, line: int) -> tuple[str, str]:
    """(anchor, heading text) of the section a line of a note is in; ("", "") above the first heading."""
    heading = note.content.section_at(line)
    return (heading.anchor, heading.plain) if heading else ("", "")


def glossary(xref: CrossReference) -> dict[str, str]:
    """Acronym -> expansion, for Python-Markdown abbr's ``glossary`` option (tooltips on every page)."""
    return {acronym.acronym: acronym.expansion for acronym in xref.acronyms.values()}
