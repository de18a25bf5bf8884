"""Notes nested deeper than Python-Markdown can parse are refused before it sees them.

Python-Markdown parses each nested list item and block quote by recursion: about
300 levels end in a RecursionError that stops the whole build. No note needs 100
levels, so a note with a line nested deeper is left out, with a message naming its
line, and the rest of the site builds.
"""
from __future__ import annotations

from ..syntax.code import fenced_line_flags
from ..problems import VaultProblem

MAX_NESTING = 100  # levels of lists and quotes on one line; Markdown fails near 300
TAB_WIDTH = 4  # Python-Markdown's tab_length: one nesting level per 4 columns of indentation


def line_nesting(line: str) -> int:
    """Levels of nesting a line opens: each '>' and list marker of its prefix, and each 4 columns of indent."""
    depth, width, position, length = 0, 0, 0, len(line)
    while position < length:
        char = line[position]
        if char == " ":
            width += 1
        elif char == "\t":
            width += TAB_WIDTH - width % TAB_WIDTH
        elif char == ">":
            depth += 1
        elif char in "-*+" and line[position + 1: position + 2] in (" ", "\t"):
            depth += 1
        elif char.isdigit():
            end = position
            while end < length and end - position < 9 and line[end].isdigit():
                end += 1
            if line[end: end + 1] not in (".", ")") or line[end + 1: end + 2] not in (" ", "\t"):
                break
            depth += 1
            position = end
        else:
            break
        position += 1
    return depth + width // TAB_WIDTH


def too_deep(text: str, path: str, first_line: int = 1) -> VaultProblem | None:
    """A problem naming the first line (outside code) nested deeper than MAX_NESTING, or None."""
    lines = text.split("\n")
    for offset, (line, fenced) in enumerate(zip(lines, fenced_line_flags(lines))):
        if not fenced and len(line) > MAX_NESTING and line_nesting(line) > MAX_NESTING:
            return VaultProblem(
                "too-deep", path, first_line + offset,
                f"nests lists or quotes {line_nesting(line)} levels deep (more than {MAX_NESTING}); "
                "Markdown cannot parse it, so the note is left out of the site")
    return None
