"""Renders kept from one build to the next, so an edit re-renders only what it changes.

``mkdocs serve`` rebuilds in the same process, so a cache held by a module
lives across rebuilds. An entry is reused when the note's own content hash,
its URL and the term model are the same, and everything the render read from
other notes still gives the same answer: each link resolves to the same note,
file, anchor or problem (so renamed, added or removed notes and changed
headings or block ids count), each embedded note has the same content, and
each path a Markdown link named still exists or not. Checking costs one
dictionary lookup per link, not a render. Outlines (what the cross-reference
model reads of each note) are kept the same way, by content hash.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..index.resolver import Resolver
from ..index.vault import Note, VaultIndex
from ..xref.mentions import MentionFinder
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


@dataclass
class RenderCache:
    entries: dict[str, CachedRender] = field(default_factory=dict)  # note site path -> its last render
    builds: int = 0  # builds started with this cache (the pipeline counts them)
    # note site path -> (content hash, slugify, outline): an outline reads only its note and the anchors
    outlines: dict[str, tuple[str, Callable, Outline]] = field(default_factory=dict)

    def outline(self, note: Note, content_hash: str, slugify: Callable) -> Outline:
        """The note's outline for the cross-reference model, made again only when the note changed."""
        cached = self.outlines.get(note.site_path)
        if cached is not None and cached[0] == content_hash and cached[1] is slugify:
            return cached[2]
        made = outline(note)
        self.outlines[note.site_path] = (content_hash, slugify, made)
        return made

    def lookup(self, site_path: str, content_hash: str, url: str, terms: str, resolver: Resolver,
               hashes: dict[str, str], vault: Callable[[], str] | None = None) -> CachedRender | None:
        """The cached render of a note if nothing it read has changed; ``hashes``: site path -> content hash now.

        ``vault``: the whole vault's signature now, asked only of a render that read every note (a ```base block).
        """
        entry = self.entries.get(site_path)
        if entry is None or (entry.content_hash, entry.url, entry.terms) != (content_hash, url, terms):
            return None
        if any(hashes.get(path) != old for path, old in entry.embedded.items()):
            return None
        if not _still_resolves(entry.rendered.depends_on, resolver):
            return None
        if entry.rendered.depends_on.vault and (vault is None or vault() != entry.rendered.depends_on.vault):
            return None
        return entry

    def store(self, site_path: str, content_hash: str, url: str, terms: str, rendered: RenderedNote,
              hashes: dict[str, str]) -> None:
        embedded = {path: hashes.get(path, "") for path in rendered.depends_on.embedded}
        self.entries[site_path] = CachedRender(content_hash, url, terms, embedded, rendered, self.builds)

    def forget_missing(self, site_paths: set[str]) -> None:
        """Drop entries of notes that are gone, so the cache never outgrows the vault."""
        for table in (self.entries, self.outlines):
            for path in [path for path in table if path not in site_paths]:
                del table[path]


def _still_resolves(depends_on: Dependencies, resolver: Resolver) -> bool:
    index: VaultIndex = resolver.index
    for path, existed in depends_on.site_paths.items():
        if (path in index.site_paths) != existed:
            return False
    for link, source_path, then in depends_on.resolutions:
        source = index.note_by_site_path.get(source_path)
        if source is None or outcome(resolver.resolve(link, source)) != then:
            return False
    return True


def terms_signature(finder: MentionFinder) -> str:
    """Every spelling of every term and where it links: a render that linked mentions depends on all of it."""
    digest = hashlib.blake2b(digest_size=16)
    for spelling in sorted(finder.term_of):
        definition = finder.term_of[spelling].definition
        digest.update(f"{spelling}\0{definition.note_path}\0{definition.anchor}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
