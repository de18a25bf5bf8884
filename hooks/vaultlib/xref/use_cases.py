"""Use cases: the items of every list under a "Use cases" / "When to use ..." item or heading."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .outline import Line, ListItem, Outline
from .mentions import MentionFinder
from .terms import core

TRIGGER = re.compile(r"^(?:optimal\s+)?use[\s-]*cases?\b[\s:]*$|^when\s+to\s+use\s+(?P<owner>.+?)\s*\??$", re.I)
_LEAD_IN = re.compile(r"^(?:what\s+(?:is|are)\s+)", re.I)


@dataclass(frozen=True)
class UseCase:
    text: str
    owner: str  # the service, instance type or topic the use case belongs to
    note_path: str
    anchor: str  # where the list is
    line: int


def owner_name(text: str) -> str:
    """A heading or item as an owner: "What is block storage?" -> "block storage"."""
    return core(_LEAD_IN.sub("", core(text)))


def find_use_cases(outlines: list[Outline], finder: MentionFinder,
                   parts: list[list[UseCase]] | None = None) -> list[UseCase]:
    """Every use case, in course order; ``parts``: each outline's ``note_use_cases``, when the caller kept them."""
    found: list[UseCase] = []
    for part in parts if parts is not None else (note_use_cases(outline, finder) for outline in outlines):
        found.extend(part)
    return found


def note_use_cases(outline: Outline, finder: MentionFinder) -> list[UseCase]:
    """One note's use cases (the finder names the owner of a "which ..." list's items)."""
    found: list[UseCase] = []
    for number, line in enumerate(outline.lines):
        text = core(line.heading.plain) if line.heading else core(line.item.text) if line.item else ""
        match = TRIGGER.match(text)
        if not match:
            continue
        items = _items_under_heading(outline.lines[number + 1:], line) if line.heading else line.item.children
        owner = match["owner"] or _owner_of(line)
        anchor = line.section.anchor if line.section else ""
        for item in items:
            item_owner = owner
            if owner.casefold().startswith("which"):
                term = next((t for _, _, t in finder.find(item.text)), None)
                item_owner = term.name if term else owner
            found.append(UseCase(item.text, owner_name(item_owner), outline.note.site_path, anchor, item.line))
    return found


def _owner_of(line: Line) -> str:
    item = line.item
    if item is not None and item.parent is not None:
        return item.parent.text
    return line.section.plain if line.section and line.section is not line.heading else ""


def _items_under_heading(lines: list[Line], heading_line: Line) -> list[ListItem]:
    """Top-level list items of the text right under a heading, up to the next heading."""
    items = []
    for line in lines:
        if line.heading:
            break
        if line.item and line.item.parent is None:
            items.append(line.item)
    return items
