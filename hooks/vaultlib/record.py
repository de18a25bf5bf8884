"""One record per note: everything the build learns about it, written by the pipeline's steps in order.

The pipeline keeps them in ``Pipeline.records``, keyed by the note's site path
(MkDocs' ``src_uri``). Each field says which step writes it and who reads it;
no other table keyed by page path exists. The records of what a note points at
(links, embeds) and of who points at it (backlinks) are here too: the render
step writes the first two, the backlinks step the third.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .index.vault import Note, VaultFile, VaultPage
from .problems import VaultProblem


@dataclass(frozen=True)
class LinkRecord:
    """A wikilink or note embed that landed on a note."""

    source: Note
    line: int  # in the source note's file
    target: Note
    anchor: str


@dataclass(frozen=True)
class EmbedRecord:
    """An embedded file, or one the vault does not have."""

    source: Note
    line: int
    name: str  # as written
    file: VaultFile | None  # None when the vault does not have it
    section: str  # anchor of the page's heading above the embed, or above the note embed that brought it


@dataclass(frozen=True)
class Backlink:
    """A section of another note that links to this note or mentions a term it introduces."""

    note_path: str  # the linking note's site path
    anchor: str  # the linking section
    section: str  # its heading text ("" at the top of the note)
    reason: str  # "links here" or "mentions <term>"


@dataclass
class NoteRecord:
    # 1. index: the note as read once: properties, headings with anchors, block ids, and its body
    #    without comments (``note.content.body``). Read by every later step and by the hooks.
    note: Note
    # 1. index: hash of what a render of the note reads from the note itself (properties, body, first
    #    body line). Read by the render step: with the dependencies below, the render cache's key.
    content_hash: str
    # publish (the hook, from MkDocs' File.url): the page's URL. Read by render (media URLs).
    url: str | None = None  # None: not published; "" is the home page
    # 3. render: the Markdown MkDocs gets for the page. Read by obsidian_markdown.on_page_markdown.
    markdown: str = ""
    # 3. render: each wikilink or note embed that landed on a note (source, line, target, anchor).
    #    Read by the backlinks step and by hooks that draw links (graph).
    links: list[LinkRecord] = field(default_factory=list)
    # 3. render: each embedded file (or missing file). Read by generated pages (Figures).
    embeds: list[EmbedRecord] = field(default_factory=list)
    # 3. render: property tags, then inline #tags. Read by obsidian_markdown (page.meta) and generated pages.
    tags: list[str] = field(default_factory=list)
    # 3. render: broken links, missing files, cycles... with file and line. Read by obsidian_markdown.on_env.
    problems: list[VaultProblem] = field(default_factory=list)
    # 3. render: the build (Pipeline.build_number) whose render this is; older means it came from the cache.
    rendered_in: int = 0
    # 4. backlinks: who links to or mentions this note, by section. Read by cross_reference.on_page_markdown.
    backlinks: list[Backlink] = field(default_factory=list)

    @property
    def site_path(self) -> str:
        return self.note.site_path


def content_hash(note: Note) -> str:
    """What a render reads from the note itself; a comment edit leaves it unchanged (comments are gone)."""
    content = note.content
    properties = json.dumps(content.properties, sort_keys=True, default=str)
    text = f"{note.site_path}\0{content.body_line}\0{properties}\0{content.body}"
    if isinstance(note, VaultPage):  # what an embed of a board or base shows is read from the file too
        text += f"\0{note.kind}\0{note.embed_markdown}\0{note.source_text}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
