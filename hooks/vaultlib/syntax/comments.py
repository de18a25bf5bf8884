"""Comments, removed once when a note is read: Obsidian's ``%%...%%`` and HTML's ``<!-- ... -->``.

Obsidian shows neither in reading view, so everything downstream (headings
and anchors, links and backlinks, outline, glossary, terms, graph, search,
the rendered page) reads the text without them: a heading or a link inside a
comment does not exist. Code is never a comment. Line breaks inside a comment
are kept, so every later line keeps its number.

An opening that is never closed is kept as text and reported: Obsidian would
hide the rest of the note, and hiding text silently is worse than showing it.
An unclosed ``<!--`` is written ``&lt;!--``, or Markdown would hide the rest.
Material's own markers (``<!-- material/tags -->``) are its syntax, not comments.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .code import split_code
from .grammar import COMMENT_DELIMITER, THEME_MARKER

CLOSER = {"%%": "%%", "<!--": "-->"}


@dataclass(frozen=True)
class Unclosed:
    """An opening with no closing after it."""

    line: int  # 1-based, in the text given
    mark: str  # "%%" or "<!--"


def strip_comments(text: str) -> tuple[str, list[Unclosed]]:
    """The text without comments (outside code), and the openings left unclosed."""
    pieces = list(split_code(text))
    marks = [(number, match.start(), match.group()) for number, (is_code, chunk) in enumerate(pieces) if not is_code
             for match in COMMENT_DELIMITER.finditer(chunk) if not _is_theme_marker(chunk, match.start())]
    if not marks:
        return text, []
    cuts, unclosed = _comments(marks)
    return _cut(pieces, cuts, {(n, o) for n, o, _ in unclosed if _ == "<!--"}), [
        Unclosed(1 + sum(chunk.count("\n") for _, chunk in pieces[:number]) + pieces[number][1].count("\n", 0, offset),
                 mark) for number, offset, mark in unclosed]


def _is_theme_marker(chunk: str, offset: int) -> bool:
    return THEME_MARKER.match(chunk, offset) is not None


def _comments(marks: list[tuple[int, int, str]]) -> tuple[dict, list]:
    """(opening -> its closing, openings never closed); linear: each opening looks up its closer once."""
    following: dict[str, int | None] = {"%%": None, "-->": None}
    next_closer: list[dict[str, int | None]] = [{}] * len(marks)
    for position in range(len(marks) - 1, -1, -1):  # for each mark, the next '%%' and '-->' after it
        next_closer[position] = dict(following)
        mark = marks[position][2]
        if mark in following:
            following[mark] = position
    cuts, unclosed, position = {}, [], 0
    while position < len(marks):
        mark = marks[position][2]
        if mark not in CLOSER:  # a stray '-->': text
            position += 1
            continue
        closer = next_closer[position][CLOSER[mark]]
        if closer is None:
            unclosed.append(marks[position])
            position += 1
            continue
        closing_piece, closing_offset, closing = marks[closer]
        cuts[marks[position][:2]] = (closing_piece, closing_offset + len(closing))
        position = closer + 1
    return cuts, unclosed


def _cut(pieces: list[tuple[bool, str]], cuts: dict, escaped: set) -> str:
    """The pieces joined, each cut replaced by its line breaks, each unclosed '<!--' shown as text."""
    events: dict[int, list[tuple[int, str, tuple[int, int] | None]]] = defaultdict(list)  # piece -> its events
    for (piece, offset), end in cuts.items():
        events[piece].append((offset, "cut", end))
    for piece, offset in escaped:
        events[piece].append((offset, "escape", None))
    out: list[str] = []
    skip_to: tuple[int, int] | None = None  # where the comment being removed ends: (piece, offset after it)
    for number, (_, chunk) in enumerate(pieces):
        position = 0
        if skip_to is not None:
            if skip_to[0] > number:
                out.append(_newlines(chunk))
                continue
            out.append(_newlines(chunk[:skip_to[1]]))
            position, skip_to = skip_to[1], None
        for offset, kind, end in sorted(events.get(number, ())):
            if kind == "escape":
                out += [chunk[position:offset], "&lt;"]
                position = offset + 1
            elif end[0] == number:
                out += [chunk[position:offset], _newlines(chunk[offset:end[1]])]
                position = end[1]
            else:  # the comment runs on into later pieces
                out += [chunk[position:offset], _newlines(chunk[offset:])]
                position, skip_to = len(chunk), end
        out.append(chunk[position:])
    return "".join(out)


def _newlines(text: str) -> str:
    return "\n" * text.count("\n")
