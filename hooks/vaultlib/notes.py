"""What one note contains: properties, headings with their anchors, block ids."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import yaml

from .code import fenced_line_flags
from .problems import VaultProblem
from .properties import MAX_PROPERTY_SOURCE, oversized

Slugify = Callable[[str, str], str]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
# Python-Markdown's ATX heading: '#' characters need no space after them there,
# but Obsidian reads '#word' as a tag, so a heading needs a space here.
# The text ends at its last character other than space or '#' (possessive, so a long run
# of '#' or spaces is read once: a lazy text before "[ \t]*#*[ \t]*$" was quadratic).
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>(?:[ \t#]*+[^ \t#\n])*+)[ \t#]*+$")
# Raw HTML that could run code. Obsidian never runs it; the site shows it as text.
UNSAFE_TAG = re.compile(r"</?(?:script|style|iframe|object|embed|noscript|template|meta|link|base|form)\b[^>]*>"
                        r"|<[a-zA-Z][^>]*\s(?:on\w+|href\s*=\s*[\"']?\s*javascript:)[^>]*>", re.I)
BLOCK_ID = re.compile(r"(?:^|[ \t])\^(?P<id>[A-Za-z0-9-]+)[ \t]*$")
_MARKUP = [
    (re.compile(r"!?\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?\|([^\[\]]*)\]\]"), r"\2"),
    (re.compile(r"!?\[\[([^\[\]|]*)\]\]"), r"\1"),
    (re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # no '[' in the label: a line of '[' stays linear
    (re.compile(r"(\*\*|__|==|~~|\*|`)"), ""),
    (re.compile(r"<[^<>]+>"), lambda m: m.group() if UNSAFE_TAG.fullmatch(m.group()) else ""),
]


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
    def heading_lines(self) -> list[int]:
        return [heading.line for heading in self.headings]

    def section_at(self, line: int) -> Heading | None:
        """The heading a file line is under (None above the first heading)."""
        position = bisect.bisect_right(self.heading_lines, line) - 1
        return self.headings[position] if position >= 0 else None


def plain_text(markdown: str) -> str:
    """Inline Markdown reduced to the text a reader sees (for anchors and labels)."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown.strip()


def split_front_matter(text: str, path: str) -> tuple[dict, str, int, list[VaultProblem]]:
    """(properties, body, body's first line, problems) of a note's text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1, []
    body_line = match.group(0).count("\n") + 1
    if len(match["yaml"] or "") > MAX_PROPERTY_SOURCE:
        return {}, text[match.end():], body_line, [_too_large(path, f"more than {MAX_PROPERTY_SOURCE:,} characters")]
    try:
        properties = yaml.safe_load(match["yaml"] or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = VaultProblem("invalid-properties", path, line,
                               f"the properties are not valid YAML ({getattr(error, 'problem', error)}); "
                               "fix the YAML between the '---' lines")
        return {}, text[match.end():], body_line, [problem]
    if not isinstance(properties, dict):
        problem = VaultProblem("invalid-properties", path, 2,
                               "the properties are not a list of 'key: value' lines; they are ignored")
        return {}, text[match.end():], body_line, [problem]
    reason = oversized(properties)
    if reason:
        return {}, text[match.end():], body_line, [_too_large(path, reason)]
    return properties, text[match.end():], body_line, []


def _too_large(path: str, reason: str) -> VaultProblem:
    return VaultProblem("invalid-properties", path, 2,
                        f"the properties hold {reason}; they are ignored, the note is published without them")


def unique_anchor(anchor: str, used: set[str]) -> str:
    """The id Python-Markdown's toc gives a repeated heading: ``name_1``, ``name_2``..."""
    candidate, number = anchor, 0
    while candidate in used or not candidate:
        number += 1
        candidate = f"{anchor}_{number}"
    used.add(candidate)
    return candidate


def read_note(text: str, path: str, slugify: Slugify, separator: str = "-") -> NoteContent:
    """Parse a note's text once: properties, headings and block ids (outside code)."""
    properties, body, body_line, problems = split_front_matter(text, path)
    content = NoteContent(properties, body, body_line, problems=problems)
    lines = body.splitlines()
    used: set[str] = set()
    for offset, (line, fenced) in enumerate(zip(lines, fenced_line_flags(lines))):
        if fenced:
            continue
        line_number = body_line + offset
        heading = HEADING.match(line)
        if heading:
            plain = plain_text(heading["text"])
            anchor = unique_anchor(slugify(plain, separator), used)
            content.headings.append(Heading(len(heading["hashes"]), heading["text"], plain, anchor, line_number))
        block = BLOCK_ID.search(line)
        if block:
            content.blocks.setdefault(block["id"].lower(), line_number)
    return content
