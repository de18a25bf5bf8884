"""The rows a base is evaluated over: one per published note, made once per build.

A row holds what ``file.*`` and note properties give: the note's site path, name, folder,
extension, size and times from the file system, its properties, tags (the ``tags`` property,
then inline ``#tags`` outside code) and the notes its wikilinks land on (body and properties).
The rows are in site-path order, so the same vault gives the same rows in the same order.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from functools import cached_property

from ..index.resolver import Resolver
from ..index.vault import Note, VaultIndex
from ..render.site_paths import SitePaths
from ..render.transforms import property_tags
from ..syntax.code import map_prose
from ..syntax.grammar import INLINE_TAG, WIKILINK
from ..syntax.wikilinks import parse_wikilink
from .values import Date, Link


@dataclass
class Row:
    note: Note | None  # None for a stand-in row (a test's, or a file that is no note)
    site_path: str
    properties: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)  # without '#', in order of appearance
    links: list[Link] = field(default_factory=list)
    size: int = 0
    mtime: Date | None = None
    ctime: Date | None = None
    embeds: list[Link] = field(default_factory=list)  # what ``![[...]]`` in the body embeds

    @property
    def name(self) -> str:
        return self.site_path.rsplit("/", 1)[-1]

    @property
    def basename(self) -> str:
        return posixpath.splitext(self.name)[0]

    @property
    def ext(self) -> str:
        return posixpath.splitext(self.name)[1].lstrip(".")

    @property
    def folder(self) -> str:
        return self.site_path.rpartition("/")[0]

    def links_to(self, site_path: str | None, text: str = "") -> bool:
        if site_path is not None:
            return any(link.site_path == site_path for link in self.links)
        wanted = text.casefold().removesuffix(".md")
        for link in self.links:  # a name that did not resolve: the link's text, path or name said the same
            path = posixpath.splitext(link.site_path)[0].casefold() if link.site_path else ""
            if wanted and wanted in (link.target.casefold(), path, path.rsplit("/", 1)[-1]):
                return True
        return False


def _file_time(seconds: float) -> Date:
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).replace(tzinfo=None)
    return Date(moment.replace(microsecond=moment.microsecond // 1000 * 1000))


def note_row(note: Note, resolver: Resolver | None) -> Row:
    """The row of one note, from the index (the render step has not run for every note yet)."""
    try:
        stat = note.source.stat()
        size, mtime = stat.st_size, _file_time(stat.st_mtime)
        ctime = _file_time(getattr(stat, "st_birthtime", None) or min(stat.st_ctime, stat.st_mtime))
    except OSError:
        size, mtime, ctime = 0, None, None
    properties = note.content.properties
    inline: list[str] = []
    map_prose(note.content.body, lambda chunk: inline.extend(m["tag"] for m in INLINE_TAG.finditer(chunk)) or chunk)
    tags = list(dict.fromkeys(property_tags(properties.get("tags")) + inline))
    links, embeds = _links(note, resolver)
    return Row(note, note.site_path, properties, tags, links, size, mtime, ctime, embeds)


def _links(note: Note, resolver: Resolver | None) -> tuple[list[Link], list[Link]]:
    """Wikilinks of the body (outside code) and properties, and the body's embeds (not links in file.links)."""
    written: list[str] = []
    embedded: list[str] = []

    def collect(chunk: str) -> str:
        for match in WIKILINK.finditer(chunk):
            (embedded if match["embed"] else written).append(match["inner"])
        return chunk

    map_prose(note.content.body, collect)
    for text in _property_strings(note.content.properties):
        written.extend(m["inner"] for m in WIKILINK.finditer(text))
    links = [resolve_link(inner, note, resolver) for inner in dict.fromkeys(written)]
    return links, [_embed_link(inner, note, resolver) for inner in dict.fromkeys(embedded)]


def _embed_link(inner: str, source: Note, resolver: Resolver | None) -> Link:
    """An embed as a link value: to its note, or named by its file's site path (images and other files)."""
    link = resolve_link(inner, source, resolver)
    if link.site_path is None and resolver is not None:
        found = resolver.find_file(parse_wikilink(inner).target, source)
        if found is not None:
            return Link(found.name, link.display, None)
    return link


def resolve_link(inner: str, source: Note | None, resolver: Resolver | None) -> Link:
    """A link value for ``[[inner]]`` written in ``source``: its note's site path when it lands on one."""
    link = parse_wikilink(inner)
    target = link.target or inner
    found = resolver.resolve(link, source) if resolver is not None and source is not None and link.is_valid else None
    site_path = found.note.site_path if found is not None and found.note is not None and not found.withheld else None
    return Link(target, link.label, site_path)


def _property_strings(value: object, budget: list[int] | None = None) -> list[str]:
    budget = budget if budget is not None else [10_000]  # properties are bounded by the index, this once more
    found: list[str] = []
    stack = [value]
    while stack and budget[0] > 0:
        item = stack.pop()
        budget[0] -= 1
        if isinstance(item, str):
            if "[[" in item:
                found.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


class VaultRows:
    """Every published note's row, made on first use in a build (a vault without bases never pays)."""

    def __init__(self, index: VaultIndex | None, resolver: Resolver | None, rows: list[Row] | None = None, *,
                 paths: SitePaths | None = None) -> None:
        self.index, self.resolver = index, resolver
        self.paths = paths  # the build's relative links (the pipeline's SitePaths): where note names link
        if rows is not None:  # rows made elsewhere (a test's): kept in site-path order all the same
            self.__dict__["rows"] = sorted(rows, key=lambda row: row.site_path)

    @cached_property
    def rows(self) -> list[Row]:
        notes = sorted(self.index.notes if self.index else [], key=lambda note: note.site_path)
        return [note_row(note, self.resolver) for note in notes]

    @cached_property
    def by_site_path(self) -> dict[str, Row]:
        return {row.site_path: row for row in self.rows}

    @cached_property
    def signature(self) -> str:
        """Everything a base can read of the vault: a render that used the rows is stale when it changes."""
        digest = hashlib.blake2b(digest_size=16)
        for row in self.rows:
            data = [row.site_path, row.properties, row.tags, [(l.target, l.site_path) for l in row.links + row.embeds],
                    row.size, row.mtime and row.mtime.moment.isoformat(), row.ctime and row.ctime.moment.isoformat()]
            digest.update(json.dumps(data, sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
