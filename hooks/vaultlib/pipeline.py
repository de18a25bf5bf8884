"""The vault build, step by step. ``Pipeline.run`` is the whole of it, in this order:

1. index            read every note once: properties split as MkDocs splits them, comments
                    stripped, headings with their anchors, block ids; one NoteRecord per note
   publish          (the site generator, handed in) publishes the files and says each page's URL
2. cross-reference  terms, glossary, mentions and use cases, from the notes' outlines
3. render           each note's Markdown, links, embeds, tags and problems, exactly once per
                    build; taken from the render cache when nothing it read has changed
4. backlinks        who links to or mentions each note, from the records
   graph            notes and terms joined by links, mentions and introductions (the Graph page's data)
5. generated pages  the home page, the reference pages, the Graph and Study pages, as Markdown

Nothing here imports MkDocs: what the site generator provides (the toc's
heading ids, its relative-URL function) is handed in.

A rebuild (``mkdocs serve``) hands in the last build's cache (``render.cache.RenderCache``)
and redoes only what an edit changed: files whose bytes are the same keep their parsed
note, unchanged outlines their part of the model, unchanged renders their links'
backlinks, the graph is kept while what it reads is the same, and quotes on generated
pages are rendered again only when what they link to changed. Every reuse gives what a
fresh build gives (tests/test_incremental_pipeline.py compares them).

The first build renders on every core (``render.pool``): notes are split among forked
workers; ``VAULT_JOBS=1`` keeps it on one.

A build no other follows (``mkdocs build``) lets go of what only a rebuild reads once the
run's results are published (``Pipeline.let_go_of_rebuild_state``).
"""
from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
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
from .record import Backlink, EmbedRecord, LinkRecord, NoteRecord, content_hash
from .render.cache import RenderCache, ResolutionChanges, still_resolves, terms_signature
from .render.note_render import Dependencies, RenderedNote, first_ambiguities, render_note
from .render.pool import jobs_wanted, render_in_pool
from .render.quotes import QuoteMemo, Quoter, note_summary
from .render.site_paths import RelativeUrl, SitePaths
from .settings import VaultSettings
from .vault_pages import cached_page_reader, in_file
from .study import STUDY, study_material, study_page_markdown
from .xref.backlinks import mention_backlinks
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
    pages_kept: bool = False  # 5: the generated pages are the last build's (nothing they read changed)
    # 5: the Study page's (cards, quiz questions), which the Anki package holds too
    study: tuple[list, list] = field(default_factory=lambda: ([], []))
    home: str = locations.HOME  # 5: the home page's source path (a root index note, or the generated one)
    step_seconds: Counter = field(default_factory=Counter)  # step name -> seconds in this build
    # Processes the render step may use: None is VAULT_JOBS, else every core; 1 renders in this process.
    jobs: int | None = None
    pool_min_notes: int = 200  # fewer notes to render than this: in this process (bench/README.md)

    def __post_init__(self) -> None:
        self.term_rules = TermRules.from_mapping(self.settings.terms)  # bad settings fail before any work
        if self.cache.paths is None or self.cache.paths[0] is not self.relative_url:
            self.cache.paths = (self.relative_url, SitePaths(self.relative_url))
        self.paths = self.cache.paths[1]  # every relative link of this build (and of the last: same function)
        self.cache.builds += 1
        self.build_number = self.cache.builds
        self.changes: ResolutionChanges | None = None  # 3: how names and anchors changed since the last build
        self.rendered: dict[str, RenderedNote] = {}  # 3: each published note's render (this build's or cached)

    def run(self, roots: list[VaultRoot], publish: Publish, site: SiteInfo) -> None:
        with gc_paused():
            self._run(roots, publish, site)

    def _run(self, roots: list[VaultRoot], publish: Publish, site: SiteInfo) -> None:
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
        files = self.cache.files
        self.index = VaultIndex.scan(roots, self.heading_ids, order_property=self.settings.order_property,
                                      publish_drafts=self.settings.publish_drafts, read_page=cached_page_reader(files),
                                      parsed=files)
        self.resolver = Resolver(self.index)
        self.base_rows = VaultRows(self.index, self.resolver, paths=self.paths)  # made on first use: only bases pay
        self.records = {note.site_path: NoteRecord(note, self.cache.content_hash(note, content_hash))
                        for note in self.index.notes}
        self.problems.extend(self.index.problems)
        self.cache.forget_missing(set(self.records))

    # 2. cross-reference model
    def cross_reference(self) -> None:
        outlines = [self.cache.outline(record.note, record.content_hash)
                    for record in self.records.values()]  # in course order, as the model needs
        self.xref = build_cross_reference(outlines, self.term_rules, self.cache.model)

    # 3. render
    def render(self, urls: dict[str, str]) -> None:
        terms = terms_signature(self.xref.finder)
        hashes = {path: record.content_hash for path, record in self.records.items()}
        self.changes = changes = self.cache.resolution_changes(self.index)
        todo: list[NoteRecord] = []
        for path, record in self.records.items():
            if path not in urls:
                continue  # not published (e.g. a note among the attachments): nothing to render
            record.url = urls[path]
            cached = self.cache.lookup(path, record.content_hash, record.url, terms, self.resolver, hashes,
                                       lambda: self.base_rows.signature, changes)
            if cached is None:
                todo.append(record)
            else:
                cached.rendered = self._current(cached.rendered)  # kept so, the next build starts from these notes
                self.rendered[path], record.rendered_in = cached.rendered, cached.build
        for record, rendered in zip(todo, self.render_notes(todo)):
            self.cache.store(record.site_path, record.content_hash, record.url, terms, rendered, hashes)
            self.rendered[record.site_path], record.rendered_in = rendered, self.build_number
        reported: set[str] = set()  # one repeated-name warning per name and build, at its first use in course order
        for path, record in self.records.items():
            rendered = self.rendered.get(path)
            if rendered is None:
                continue
            record.markdown, record.tags = rendered.markdown, rendered.tags
            record.links, record.embeds = rendered.links, rendered.embeds
            record.problems = first_ambiguities(rendered.problems, rendered.ambiguities, reported)
            self.problems.extend(record.problems)
        self.resolver.reported = reported

    def render_notes(self, records: list[NoteRecord]) -> list[RenderedNote]:
        """Each record's render, in order: on several cores when there are enough of them (a first build)."""
        jobs = jobs_wanted(self.jobs)
        # Not from a process running other threads (``mkdocs serve``'s server): a forked child has only
        # this one, and any lock another held would stay locked in it.
        if jobs > 1 and len(records) >= self.pool_min_notes and threading.active_count() == 1:
            self.renders += len(records)
            return render_in_pool(records, self._render_one, self.index, jobs)
        return [self.render_note(record.note, record.url) for record in records]

    def render_note(self, note: Note, url: str) -> RenderedNote:
        """The only way a note gets rendered: counted, so a test can tell each note is rendered once."""
        self.renders += 1
        return self._render_one(note, url)

    def _render_one(self, note: Note, url: str) -> RenderedNote:
        rendered = render_note(note, url, self.resolver, self.xref.finder, self.paths, BaseFences(self.base_rows))
        if isinstance(note, VaultPage):  # a board or base: problems told at the file's own lines
            rendered.problems = in_file(note, rendered.problems)
        return rendered

    def _current(self, rendered: RenderedNote) -> RenderedNote:
        """A cached render whose links name this build's note objects (a note read again is a new object)."""
        fresh = self.cache.files.fresh
        if not fresh:
            return rendered
        notes = self.index.note_by_site_path
        stale = {link.source.site_path for link in rendered.links} | {link.target.site_path for link in rendered.links}
        stale |= {embed.source.site_path for embed in rendered.embeds}
        if stale.isdisjoint(fresh):
            return rendered
        links = [LinkRecord(notes[link.source.site_path], link.line, notes[link.target.site_path], link.anchor)
                 for link in rendered.links]
        embeds = [EmbedRecord(notes[embed.source.site_path], embed.line, embed.name, embed.file, embed.section)
                  for embed in rendered.embeds]
        return RenderedNote(rendered.markdown, rendered.tags, links, embeds, rendered.problems, rendered.depends_on,
                            rendered.ambiguities)

    # 4. backlinks
    def find_backlinks(self) -> None:
        found: dict[str, dict[tuple[str, str], Backlink]] = defaultdict(dict)
        for path, record in self.records.items():
            for target, key, backlink in self._linked_from(path):
                found[target].setdefault(key, backlink)
        mention_backlinks(found, self.xref.terms, self.xref.mentions)
        for path, record in self.records.items():
            entries = found.get(path)
            record.backlinks = list(entries.values()) if entries else []

    def _linked_from(self, path: str) -> list[tuple[str, tuple[str, str], Backlink]]:
        """The backlinks one note's links give, kept with its render (they read only the linking notes)."""
        rendered = self.rendered.get(path)
        if rendered is None:
            return []
        return self._link_parts(path, rendered)[0]

    def _link_parts(self, path: str, rendered: RenderedNote) -> tuple[list, tuple]:
        """(the backlinks the note's links give, its links as (source, target) pairs), once per render."""
        kept = self.cache.backlinks.get(path)
        if kept is not None and kept[0] is rendered:
            return kept[1], kept[2]
        part = []
        for link in rendered.links:
            if link.source.site_path == link.target.site_path:
                continue
            anchor, heading = section_of(link.source, link.line)
            part.append((link.target.site_path, (link.source.site_path, anchor),
                         Backlink(link.source.site_path, anchor, heading, "links here")))
        pairs = tuple((link.source.site_path, link.target.site_path) for link in rendered.links)
        self.cache.backlinks[path] = (rendered, part, pairs)
        return part, pairs

    # 4b. graph (read by the Graph page and each note's local graph)
    def build_graph(self) -> None:
        links = [link for record in self.records.values() if record.url is not None for link in record.links]
        xref = self.xref
        terms = [term for term in xref.terms if term.definition is not None]
        read = ([(note.site_path, note.title) for note in self.index.notes],
                [self._link_parts(path, self.rendered[path])[1] for path, record in self.records.items()
                 if record.url is not None and path in self.rendered],
                [(term.key, term.title, term.definition.note_path, term.definition.anchor) for term in terms],
                [[place.note_path for place in xref.mentions.get(term.key, [])] for term in terms])
        if self.cache.graph is not None and self.cache.graph[0] == read:
            self.graph = self.cache.graph[1]  # nothing it reads changed: the same graph
            return
        self.graph = build_graph(self.index.notes, links, xref)
        self.cache.graph = (read, self.graph)

    # 5. generated pages
    def generate_pages(self, site: SiteInfo) -> None:
        read = self._pages_read(site)
        kept = self.cache.pages
        changes = self.changes
        if kept is not None and changes is not None and kept[0] == changes.build and changes.names_same \
                and not changes.fragments and kept[1] == read:
            self.generated, pages, self.home, moved, self.study, graph_place = kept[2]  # nothing they read changed
            self.pages_kept = True
            self.problems.extend(moved)
            self.cache.pages = (self.build_number, read, kept[2])
            self.cache.quotes_build = self.build_number  # the quotes they hold still hold
        else:
            moved, graph_place = self._generate_pages(site)
            pages = self.pages
            self.cache.pages = (self.build_number, read, (self.generated, pages, self.home, moved, self.study,
                                                          graph_place))
        # The Graph page reads only the graph's counts, which most edits change (a link added): made apart
        self.pages = {**pages, graph_place: graph_page_markdown("Graph", self.graph)}

    def _pages_read(self, site: SiteInfo) -> tuple:
        """What the generated pages read, besides how links resolve: equal, and the pages are the same.

        The model, titles and anchors, tags, embeds, URLs, the note lines the pages quote (term
        summaries, use cases, home-page summaries) and the text of notes that hold flashcards.
        """
        notes = self.index.notes
        records = self.records
        xref = self.xref

        def line(path: str, number: int) -> str:
            content = self.index.note_by_site_path[path].content
            offset = number - content.body_line
            return content.body_lines[offset] if 0 <= offset < len(content.body_lines) else ""

        quoted = [line(term.definition.note_path, term.summary_line) for term in xref.terms
                  if term.summary and term.definition is not None]
        quoted += [line(case.note_path, case.line) for case in xref.use_cases]
        cards = [record.content_hash for record in records.values() if any("flashcards" in tag for tag in record.tags)]
        return (site, self.term_rules, xref, [(note.site_path, note.title, note.content.headings) for note in notes],
                [(path, record.url, record.tags, [(embed.source.site_path, embed.line, embed.name, embed.section,
                                                   embed.file.site_path if embed.file else None)
                                                  for embed in record.embeds])
                 for path, record in records.items()],
                quoted, cards, [self._summary(note) for note in notes])

    def _generate_pages(self, site: SiteInfo) -> tuple[list[VaultProblem], str]:
        """Every generated page; the problems of placing them and where the Graph page went."""
        index, xref = self.index, self.xref
        quoter = Quoter(index, self.paths, self.resolver, self._quotes_memo())
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
        pages[locations.GRAPH] = ("Graph", "")  # its Markdown: generate_pages
        self.study = study_material(index, xref, {path: record.tags for path, record in self.records.items()})
        if any(self.study):
            pages[STUDY] = ("Study", study_page_markdown(index, *self.study, quoter, self.paths))
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
                                                        self.generated, site.offline_bundle, self._summary)
        self.cache.quotes, self.cache.quotes_build = quoter.memo.kept, self.build_number  # only those asked for
        return moved, placed[locations.GRAPH]

    def _quotes_memo(self) -> QuoteMemo:
        changes = self.changes or ResolutionChanges(-1, False, set())
        return QuoteMemo(self.cache.quotes, self.cache.quotes_build == changes.build, changes.names_same,
                         changes.fragments, lambda depends_on: still_resolves(depends_on, self.resolver))

    def _summary(self, note: Note):
        """The home page's summary of a note, once per note object (it reads only the note)."""
        kept = self.cache.summaries.get(note.site_path)
        if kept is None or kept[0] is not note:
            kept = self.cache.summaries[note.site_path] = (note, note_summary(note))
        return kept[1]

    def page_title(self, src_uri: str) -> str:
        """A page's title as text (scripts get it raw; the theme gets ``theme_text`` of it)."""
        if src_uri == self.home:
            return HOME_TITLE  # as the nav names it, a home note included
        record = self.records.get(src_uri)
        if record is not None:
            return record.note.title
        return self.generated.get(src_uri, "")

    def let_go_of_rebuild_state(self) -> None:
        """No build follows this one: the cache, and what each render read of other notes, are let go.

        Both exist only so that a next build can tell what still holds; what this build's pages
        read (records, renders' Markdown, links, the graph) stays. The cache is replaced by an empty
        one, so a build that does follow after all renders everything, as a first build does.
        At 2,000 notes this is a fifth of the build's peak memory (bench/README.md).
        """
        self.cache = RenderCache()
        for rendered in self.rendered.values():
            rendered.depends_on = Dependencies()
        self.paths.forget_computed()

    @property
    def rendered_now(self) -> list[str]:
        """Site paths of the notes this build rendered (not taken from the cache)."""
        return [path for path, record in self.records.items() if record.rendered_in == self.build_number
                and record.url is not None]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for the run, as it was afterwards.

    The run makes millions of objects and few cycles (refcounting frees the rest); each full
    collection walks every live object, the render cache's included, which at thousands of notes
    cost seconds per rebuild (bench/README.md). Cycles made meanwhile are collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def section_of(note: Note, line: int) -> tuple[str, str]:
    """(anchor, heading text) of the section a line of a note is in; ("", "") above the first heading."""
    heading = note.content.section_at(line)
    return (heading.anchor, heading.plain) if heading else ("", "")


def glossary(xref: CrossReference) -> dict[str, str]:
    """Acronym -> expansion, for Python-Markdown abbr's ``glossary`` option (tooltips on every page)."""
    return {acronym.acronym: acronym.expansion for acronym in xref.acronyms.values()}
