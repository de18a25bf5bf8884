"""Renders kept from one build to the next, so an edit re-renders only what it changes.

``mkdocs serve`` rebuilds in the same process, so a cache held by a module
lives across rebuilds. An entry is reused when the note's own content hash,
its URL and the term model are the same, and everything the render read from
other notes still gives the same answer: each link resolves to the same note,
file, anchor or problem (so renamed, added or removed notes and changed
headings or block ids count), each embedded note has the same content, and
each path a Markdown link named still exists or not. Checking costs one
dictionary lookup per link, not a render. Outlines (what the cross-reference
model reads of each note) are kept the same way, by note.

Replaying every link is itself a cost at thousands of notes, so the cache also
keeps what name lookups read of the whole vault (``resolver.resolution_state``):
when that is the same as at the last build, an entry checked then still holds
unless a note it linked into changed its headings or block ids.

The same object keeps what the other steps reuse from one build to the next
(``mkdocs serve``): the notes as parsed (``files``), the cross-reference model's
per-note parts (``model``), quotes rendered for generated pages (``quotes``),
backlinks by linking note, the graph, and the build's relative paths. Nothing
is kept in a module.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..index.resolver import Resolver, resolution_state
from ..index.vault import Note, ParsedFiles, VaultIndex
from ..xref.mentions import MentionFinder, finder_signature
from ..xref.model import ModelParts
from ..xref.outline import Outline, outline
from .note_render import Dependencies, RenderedNote, outcome


@dataclass
class CachedRender:
    content_hash: str
    url: str
    terms: str  # terms_signature of the model the render linked mentions with
    embedded: dict[str, str]  # site path of each embedded note -> its content hash then
    rendered: RenderedNote
    build: int  # the build that rendered it
    checked: int = 0  # the last build that found it still holds
    targets: frozenset[str] = frozenset()  # notes its links landed on (their headings and block ids count)


@dataclass
class ResolutionChanges:
    """How what links resolve against changed since the last build."""

    build: int  # the last build (whose state this compares with)
    names_same: bool  # every name, path and published file as then
    fragments: set[str]  # site paths of notes whose headings or block ids changed (or are gone)

    def unchanged_for(self, entry: CachedRender) -> bool:
        """Whether every link of an entry checked at the last build resolves as it did, without replaying them."""
        return self.names_same and entry.checked == self.build and entry.targets.isdisjoint(self.fragments)


@dataclass
class RenderCache:
    entries: dict[str, CachedRender] = field(default_factory=dict)  # note site path -> its last render
    builds: int = 0  # builds started with this cache (the pipeline counts them)
    # note site path -> (content hash, note, outline): an outline reads only its note (and its anchors)
    outlines: dict[str, tuple[str, Note, Outline]] = field(default_factory=dict)
    files: ParsedFiles = field(default_factory=ParsedFiles)  # the index's notes as parsed, by their bytes
    hashes: dict[str, tuple[Note, str]] = field(default_factory=dict)  # site path -> (note, its content hash)
    model: ModelParts = field(default_factory=ModelParts)  # the cross-reference model's per-note parts
    # What links resolved against at the last build: (its build, names, {site path: headings and blocks})
    resolution: tuple[int, tuple, dict[str, tuple]] | None = None
    # (page, quoted note, line, text) -> (its Markdown, the notes its links landed on, what it read),
    # all checked by build ``quotes_build``
    quotes: dict[tuple, tuple] = field(default_factory=dict)
    quotes_build: int = -1
    pages: tuple | None = None  # (build, what the generated pages read, what they gave)
    # site path -> (its render, the backlinks its links give, its links as (source, target) pairs)
    backlinks: dict[str, tuple[RenderedNote, list, tuple]] = field(default_factory=dict)
    summaries: dict[str, tuple[Note, object]] = field(default_factory=dict)  # site path -> (note, home-page summary)
    graph: tuple | None = None  # (what the graph read, the graph)
    paths: tuple | None = None  # (relative-URL function, its SitePaths): relative paths are kept too

    def outline(self, note: Note, content_hash: str, slugify: Callable | None = None) -> Outline:
        """The note's outline for the cross-reference model, made again only when the note changed.

        The same note object means the same bytes read with the same heading ids (``ParsedFiles``).
        """
        cached = self.outlines.get(note.site_path)
        if cached is not None and cached[0] == content_hash and cached[1] is note:
            return cached[2]
        made = outline(note)
        self.outlines[note.site_path] = (content_hash, note, made)
        return made

    def content_hash(self, note: Note, make: Callable[[Note], str]) -> str:
        """``make(note)``, once per note object."""
        cached = self.hashes.get(note.site_path)
        if cached is not None and cached[0] is note:
            return cached[1]
        made = make(note)
        self.hashes[note.site_path] = (note, made)
        return made

    def resolution_changes(self, index: VaultIndex) -> ResolutionChanges:
        """How the vault's names and anchors changed since the last build; remembers this build's."""
        names, fragments = resolution_state(index)
        last = self.resolution
        self.resolution = (self.builds, names, fragments)
        if last is None:
            return ResolutionChanges(-1, False, set())
        changed = {path for path, state in last[2].items() if fragments.get(path) != state}
        changed |= set(fragments) - set(last[2])
        return ResolutionChanges(last[0], last[1] == names, changed)

    def lookup(self, site_path: str, content_hash: str, url: str, terms: str, resolver: Resolver,
               hashes: dict[str, str], vault: Callable[[], str] | None = None,
               changes: ResolutionChanges | None = None) -> CachedRender | None:
        """The cached render of a note if nothing it read has changed; ``hashes``: site path -> content hash now.

        ``vault``: the whole vault's signature now, asked only of a render that read every note (a ```base block).
        ``changes``: this build's ``resolution_changes``; without them every link is replayed.
        """
        entry = self.entries.get(site_path)
        if entry is None or (entry.content_hash, entry.url, entry.terms) != (content_hash, url, terms):
            return None
        if any(hashes.get(path) != old for path, old in entry.embedded.items()):
            return None
        if (changes is None or not changes.unchanged_for(entry)) \
                and not still_resolves(entry.rendered.depends_on, resolver):
            return None
        if entry.rendered.depends_on.vault and (vault is None or vault() != entry.rendered.depends_on.vault):
            return None
        entry.checked = self.builds
        return entry

    def store(self, site_path: str, content_hash: str, url: str, terms: str, rendered: RenderedNote,
              hashes: dict[str, str]) -> None:
        embedded = {path: hashes.get(path, "") for path in rendered.depends_on.embedded}
        self.entries[site_path] = CachedRender(content_hash, url, terms, embedded, rendered, self.builds,
                                               self.builds, link_targets(rendered.depends_on))

    def forget_missing(self, site_paths: set[str]) -> None:
        """Drop entries of notes that are gone, so the cache never outgrows the vault."""
        for table in (self.entries, self.outlines, self.hashes, self.backlinks, self.summaries):
            for path in [path for path in table if path not in site_paths]:
                del table[path]


def link_targets(depends_on: Dependencies) -> frozenset[str]:
    """Site paths of the notes a render's links landed on: the only notes whose anchors it read."""
    return frozenset(then[0] for _, _, then in depends_on.resolutions if then[0] is not None)


def still_resolves(depends_on: Dependencies, resolver: Resolver) -> bool:
    """Whether every resolution a render recorded gives the same answer now (and each named path exists as then)."""
    index: VaultIndex = resolver.index
    for path, existed in depends_on.site_paths.items():
        if (path in index.site_paths) != existed:
            return False
    for link, source_path, then in depends_on.resolutions:
        source = index.note_by_site_path.get(source_path)
        if source is None or outcome(resolver.resolve(link, source)) != then:
            return False
    for target, source_path, then in depends_on.ranked:
        source = index.note_by_site_path.get(source_path)
        if source is None or resolver.ranked(target, source) != then:
            return False
    return True


def terms_signature(finder: MentionFinder) -> str:
    """Every spelling of every term, its term and where it links: a render that linked mentions depends on all of it."""
    return finder_signature(finder)
