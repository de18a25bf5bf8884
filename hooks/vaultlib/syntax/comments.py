"""Obsidian comments (``%%...%%``), removed once when a note is read.

Everything downstream (headings and anchors, outline, glossary, terms, the
rendered page) reads the text without them, so a comment never leaks.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .code import split_code
from .grammar import COMMENT_MARK


def strip_comments(text: str) -> tuple[str, list[int]]:
    """Remove ``%%comments%%`` outside code, keeping the line count.

    Returns the text and the lines (1-based) of a ``%%`` left unclosed, which is
    kept as written: Obsidian would hide the rest of the note, and hiding text
    silently is worse than showing two percent signs.
    """
    pieces = list(split_code(text))
    marks = [(number, match.start()) for number, (is_code, chunk) in enumerate(pieces) if not is_code
             for match in re.finditer(re.escape(COMMENT_MARK), chunk)]
    unclosed = []
    if len(marks) % 2:
        number, offset = marks.pop()
        unclosed.append(1 + sum(chunk.count("\n") for _, chunk in pieces[:number])
                        + pieces[number][1].count("\n", 0, offset))
    cut = {marks[i]: marks[i + 1] for i in range(0, len(marks), 2)}
    marks_in: dict[int, list[tuple[int, int]]] = defaultdict(list)  # piece -> its marks (linear, not pieces x marks)
    for mark in marks:
        marks_in[mark[0]].append(mark)
    out, skipping_until = [], None
    for number, (is_code, chunk) in enumerate(pieces):
        position = 0
        for start_mark in marks_in.get(number, ()):
            if skipping_until is None and start_mark in cut:
                out.append(chunk[position:start_mark[1]])
                skipping_until = cut[start_mark]
                position = start_mark[1]
            elif skipping_until == start_mark:
                out.append(_newlines(chunk[position:start_mark[1]]))
                skipping_until = None
                position = start_mark[1] + len(COMMENT_MARK)
        rest = chunk[position:]
        out.append(_newlines(rest) if skipping_until is not None else rest)
    return "".join(out), unclosed


def _newlines(text: str) -> str:
    return "\n" * text.count("\n")
