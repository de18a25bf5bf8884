"""Obsidian's rules for what a wikilink points at, as dictionary lookups on a VaultIndex.

- A target with a '/' is a path from the vault root; otherwise a name.
- Names compare case-insensitively; '.md' is optional for notes; other files
  need their extension.
- Several files with one name: the one nearest the linking note wins (same
  folder, then the shortest path, then alphabetical), and the choice is reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..syntax.plain_text import plain_text
from ..syntax.wikilinks import WikiLink
from .note_text import Heading
from .vault import NOTE_SUFFIX, Note, VaultFile, VaultIndex, name_key

_OUTSIDE = re.compile(r"(^|/)\.\.(/|$)")


@dataclass(frozen=True)
class Resolution:
    note: Note | None = None
    file: VaultFile | None = None
    anchor: str = ""  # the id in the target page, without '#'
    problem: str = ""  # why the link (or its heading/block part) did not resolve
    candidates: tuple[str, ...] = ()  # set when a name matched several files
    withheld: str = ""  # the target is in the vault but not published (a draft...): why

    @property
    def found(self) -> bool:
        return self.note is not None or self.file is not None


@dataclass
class Resolver:
    index: VaultIndex
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> candidates
    reported: set[str] = field(default_factory=set)  # names whose ambiguity was reported

    def resolve(self, link: WikiLink, source: Note) -> Resolution:
        if not link.target:
            return self._with_fragment(source, link)
        if _OUTSIDE.search(link.target.replace("\\", "/")):
            return Resolution(problem=f"'{link.target}' points outside the vault; links may not use '..'")
        note = self.find_note(link.target, source)
        if note is not None:
            return self._with_fragment(note, link)
        found = self.find_file(link.target, source)
        if found is not None:
            return Resolution(file=found)
        if link.headings:  # a name with '#' in it, which Obsidian no longer allows but old vaults have
            note = self.find_note(link.written_target, source)
            if note is not None:
                return Resolution(note=note)
            found = self.find_file(link.written_target, source)  # an attachment such as 'hash#1.png'
            if found is not None:
                return Resolution(file=found)
        withheld = self.withheld(link.target) or (link.headings and self.withheld(link.written_target))
        if withheld:
            return Resolution(withheld=withheld)
        return Resolution(problem=f"no note or file named '{link.target}' in the vault")

    def withheld(self, target: str) -> str:
        """Why a file the vault has is not published ("" when there is none by that name)."""
        key = name_key(target)
        table = self.index.withheld_by_path if "/" in key else self.index.withheld_by_name
        return table.get(key) or table.get(key.removesuffix(NOTE_SUFFIX), "")

    def find_note(self, target: str, source: Note) -> Note | None:
        key = name_key(target)
        if key.endswith(NOTE_SUFFIX):
            key = key[: -len(NOTE_SUFFIX)]
        table = self.index.notes_by_path if "/" in key else self.index.notes_by_name
        return self._nearest(table.get(key, []), source, target)

    def find_file(self, target: str, source: Note) -> VaultFile | None:
        key = name_key(target)
        table = self.index.files_by_path if "/" in key else self.index.files_by_name
        return self._nearest(table.get(key, []), source, target)

    def ranked(self, target: str, source: Note) -> tuple[str, ...]:
        """Vault paths of the files a name matches, nearest to ``source`` first; () when it matches one or none.

        A pure answer (unlike ``ambiguous``, filled by whoever asked first), so a render that reports
        it says the same in any order of rendering, in a cached render and in another process.
        """
        key = name_key(target)
        note_key = key.removesuffix(NOTE_SUFFIX)
        for table, wanted in ((self.index.notes_by_path if "/" in note_key else self.index.notes_by_name, note_key),
                              (self.index.files_by_path if "/" in key else self.index.files_by_name, key)):
            candidates = list({id(item): item for item in table.get(wanted, [])}.values())
            if candidates:
                return tuple(item.vault_path for item in _ranked(candidates, source)) if len(candidates) > 1 else ()
        return ()

    def _nearest(self, candidates: list, source: Note, target: str):
        candidates = list({id(item): item for item in candidates}.values())  # an alias may repeat a name
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        ranked = _ranked(candidates, source)
        self.ambiguous.setdefault(name_key(target), tuple(item.vault_path for item in ranked))
        return ranked[0]

    def _with_fragment(self, note: Note, link: WikiLink) -> Resolution:
        if link.block:
            if link.block.lower() in note.content.blocks:
                return Resolution(note=note, anchor="^" + link.block.lower())
            return Resolution(note=note, problem=f"no block '^{link.block}' in '{note.vault_path}'")
        if link.headings:
            heading = find_heading(note.content.headings, link.headings)
            if heading is None:
                return Resolution(note=note, problem=f"no heading '{' > '.join(link.headings)}' in '{note.vault_path}'")
            return Resolution(note=note, anchor=heading.anchor)
        return Resolution(note=note)


def _ranked(candidates: list, source: Note) -> list:
    """Same folder first, then the shortest path, then alphabetical (Obsidian's choice)."""
    return sorted(candidates, key=lambda item: (
        item.folder != source.folder, item.vault_path.count("/"), item.vault_path.casefold()))


def heading_key(text: str) -> str:
    """Headings compare as Obsidian does: case, spacing and punctuation aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", plain_text(text).casefold()).split())


def find_heading(headings: list[Heading], path: tuple[str, ...]) -> Heading | None:
    """The heading named last in ``path``, preferring one nested under the earlier names."""
    wanted = [heading_key(part) for part in path]
    matches = [number for number, h in enumerate(headings) if heading_key(h.plain) == wanted[-1]]
    for number in matches:
        if _has_ancestors(headings, number, wanted[:-1]):
            return headings[number]
    return headings[matches[0]] if matches else None


def _has_ancestors(headings: list[Heading], number: int, ancestors: list[str]) -> bool:
    level = headings[number].level
    remaining = list(ancestors)
    for heading in reversed(headings[:number]):
        if remaining and heading.level < level:
            level = heading.level
            if heading_key(heading.plain) == remaining[-1]:
                remaining.pop()
    return not remaining


def resolution_state(index: VaultIndex) -> tuple[tuple, dict[str, tuple]]:
    """(names, anchors): everything ``Resolver.resolve`` reads of the vault, as comparable values.

    ``names``: every name and path table (each candidate's site and vault path, so the nearest
    file is chosen alike), the withheld names and the published files. ``anchors``: per note,
    its block ids and headings, read only by links that land on it. Two builds with equal
    names resolve every link alike, but for links into a note whose anchors differ.
    """
    def table(files: dict) -> dict:
        return {key: tuple((item.site_path, item.vault_path) for item in items) for key, items in files.items() if items}

    names = (table(index.notes_by_path), table(index.notes_by_name), table(index.files_by_path),
             table(index.files_by_name), dict(index.withheld_by_name), dict(index.withheld_by_path),
             frozenset(index.site_paths),
             {path: (note.vault_path, type(note).__name__) for path, note in index.note_by_site_path.items()})
    anchors = {path: (tuple(note.content.blocks), tuple((h.level, h.plain, h.anchor) for h in note.content.headings))
               for path, note in index.note_by_site_path.items()}
    return names, anchors
