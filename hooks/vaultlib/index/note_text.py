"""What one note contains, read once: properties (split as MkDocs splits them), headings with their anchors, block ids."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import yaml

from ..problems import VaultProblem
from ..syntax.code import fenced_line_flags
from ..syntax.comments import strip_comments
from ..syntax.grammar import BLOCK_ID, FRONT_MATTER, HEADING, QUOTED_HEADING
from ..syntax.plain_text import plain_text
from .properties import MAX_PROPERTY_SOURCE, oversized


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written, markup included
    plain: str  # what a reader sees
    anchor: str  # the id MkDocs' toc gives it
    line: int  # 1-based, in the file


@dataclass
class NoteContent:
    properties: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line of the body's first line
    headings: list[Heading] = field(default_factory=list)
    blocks: dict[str, int] = field(default_factory=dict)  # block id -> file line
    problems: list[VaultProblem] = field(default_factory=list)

    @cached_property
    def body_lines(self) -> list[str]:
        """The body's lines (quotes read them one at a time)."""
        return self.body.splitlines()

    @cached_property
    def heading_lines(self) -> list[int]:
        return [heading.line for heading in self.headings]

    def section_at(self, line: int) -> Heading | None:
        """The heading a file line is under (None above the first heading)."""
        position = bisect.bisect_right(self.heading_lines, line) - 1
        return self.headings[position] if position >= 0 else None


def split_front_matter(text: str, path: str) -> tuple[dict, str, int, list[VaultProblem]]:
    """(properties, body, body's first line, problems) of a note's text, split as MkDocs splits it.

    Like mkdocs.utils.meta.get_data: blank lines after the properties are not
    part of the body, and properties that are not a YAML mapping stay in the
    body as text (shown, and reported with their line).
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1, []
    if len(match["yaml"]) > MAX_PROPERTY_SOURCE:
        return ({}, *_body_after(text, match), [_too_large(path, f"more than {MAX_PROPERTY_SOURCE:,} characters")])
    try:
        properties = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = VaultProblem("invalid-properties", path, line,
                               f"the properties are not valid YAML ({getattr(error, 'problem', error)}); "
                               "they are shown as text. Fix the YAML between the '---' lines")
        return {}, text, 1, [problem]
    if not isinstance(properties, dict):
        problem = VaultProblem("invalid-properties", path, 2,
                               "the properties are not a list of 'key: value' lines; they are shown as text")
        return {}, text, 1, [problem]
    reason = oversized(properties)
    if reason:
        return ({}, *_body_after(text, match), [_too_large(path, reason)])
    return (properties, *_body_after(text, match), [])


def _body_after(text: str, match: re.Match) -> tuple[str, int]:
    """(body, its first file line) after the properties, blank lines dropped as MkDocs drops them."""
    rest = text[match.end():]
    body = rest.lstrip("\n")
    return body, match.group(0).count("\n") + 1 + len(rest) - len(body)


def _too_large(path: str, reason: str) -> VaultProblem:
    return VaultProblem("invalid-properties", path, 2,
                        f"the properties hold {reason}; they are ignored, the note is published without them")


class HeadingNamer(Protocol):
    """Gives a page's heading ids as Python-Markdown's toc will (see heading_ids.HeadingIds)."""

    def page_ids(self, headings: list[str]) -> list[str]: ...


def read_note(text: str, path: str, heading_ids: HeadingNamer) -> NoteContent:
    """Parse a note's text once: properties, body without comments, headings and block ids (outside code).

    ``heading_ids`` gives the ids toc will give the headings (``render.heading_ids.HeadingIds``).
    """
    properties, body, body_line, problems = split_front_matter(text, path)
    body, unclosed = strip_comments(body)  # once, here: nothing downstream ever sees a comment
    problems += [VaultProblem("unclosed-comment", path, body_line + opening.line - 1,
                              f"'{opening.mark}' opens a comment that is never closed; it is shown as text")
                 for opening in unclosed]
    content = NoteContent(properties, body, body_line, problems=problems)
    lines = body.splitlines()
    found: list[tuple[int, str, int]] = []  # (level, text, file line)
    for offset, (line, fenced) in enumerate(zip(lines, fenced_line_flags(lines))):
        if fenced:
            continue
        line_number = body_line + offset
        heading = HEADING.match(line)
        quoted = QUOTED_HEADING.match(line) if not heading and ">" in line[:4] else None
        if heading:
            found.append((len(heading["hashes"]), heading["text"], line_number))
        elif quoted:  # only takes its id, as toc numbers it with the others (level 0: not a section)
            found.append((0, quoted["rest"].rstrip().rstrip("#").strip(), line_number))
        block = BLOCK_ID.search(line)
        if block:
            content.blocks.setdefault(block["id"].lower(), line_number)
    anchors = heading_ids.page_ids([text for _, text, _ in found])
    content.headings = [Heading(level, text, plain_text(text), anchor, line)
                        for (level, text, line), anchor in zip(found, anchors) if level]
    return content
