"""A note's structure for the cross-reference model: sections, list items, prose lines.

Built once per note from the text the index already holds; code never counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..index.note_text import Heading
from ..index.vault import Note
from ..syntax.code import fenced_line_flags, split_code
from ..syntax.grammar import HEADING, LIST_ITEM, LIST_MARKER, WIKILINK
from ..syntax.plain_text import plain_text


@dataclass
class ListItem:
    line: int  # file line
    indent: int  # columns, a tab counting 4
    text: str  # without the marker, embeds and inline code
    parent: ListItem | None = None
    children: list[ListItem] = field(default_factory=list)


@dataclass
class Line:
    number: int  # file line
    text: str  # prose: inline code and embeds blanked out
    heading: Heading | None
    item: ListItem | None
    section: Heading | None  # the heading this line is under (None before the first)


@dataclass
class Outline:
    note: Note
    lines: list[Line]

    @cached_property
    def items(self) -> list[ListItem]:
        return [line.item for line in self.lines if line.item]

    def section_body(self, heading: Heading) -> list[Line]:
        """The lines under a heading, its subsections included."""
        inside, found = [], False
        for line in self.lines:
            if line.heading is heading:
                found = True
                continue
            if found and line.heading and line.heading.level <= heading.level:
                break
            if found:
                inside.append(line)
        return inside


def prose(text: str) -> str:
    """A line with inline code and embeds replaced by spaces (so offsets stay put)."""
    chunks = [" " * len(chunk) if is_code else chunk for is_code, chunk in split_code(text)]
    return WIKILINK.sub(lambda m: " " * len(m.group()) if m["embed"] else m.group(), "".join(chunks))


def outline(note: Note) -> Outline:
    body = note.content.body.splitlines()
    headings = {h.line: h for h in note.content.headings}
    lines: list[Line] = []
    section: Heading | None = None
    stack: list[ListItem] = []
    for offset, (text, fenced) in enumerate(zip(body, fenced_line_flags(body))):
        if fenced:
            continue
        number = note.content.body_line + offset
        heading = headings.get(number) if HEADING.match(text) else None
        if heading:
            section, stack = heading, []
        item = _list_item(number, text, stack) if not heading else None
        lines.append(Line(number, prose(text), heading, item, section))
    return Outline(note, lines)


def _list_item(number: int, text: str, stack: list[ListItem]) -> ListItem | None:
    if not LIST_ITEM.match(text):
        return None
    indent = len(text[: len(text) - len(text.lstrip(" \t"))].expandtabs(4))
    clean = plain_text(prose(LIST_MARKER.sub("", text, count=1))).strip()
    while stack and stack[-1].indent >= indent:
        stack.pop()
    item = ListItem(number, indent, " ".join(clean.split()), stack[-1] if stack else None)
    if item.parent:
        item.parent.children.append(item)
    stack.append(item)
    return item
