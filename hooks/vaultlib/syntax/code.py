"""Where code is in a Markdown text, so that transforms can leave it alone.

Python-Markdown treats fenced blocks (``` or ~~~, any indentation, also inside
block quotes) and inline backtick spans as code; a backtick span never spans a
line there. Indented code blocks are not detected: in Obsidian notes a tab or
four spaces almost always mean a nested list, and Obsidian itself does the same.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .grammar import BACKTICKS, FENCE_OPEN, QUOTE_MARKS, WIKILINK


def fenced_line_flags(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (fences included).

    An unclosed fence runs to the end of the text, as in CommonMark.
    """
    flags = [False] * len(lines)
    fence = ""
    for number, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if fence:
            flags[number] = True
            if _is_closing_fence(stripped, fence):
                fence = ""
            continue
        match = FENCE_OPEN.match(stripped)
        if match and not (match["fence"][0] == "`" and "`" in match["info"]):
            fence = match["fence"]
            flags[number] = True
    return flags


def _is_closing_fence(line: str, fence: str) -> bool:
    body = QUOTE_MARKS.sub("", line).rstrip()
    return len(body) >= len(fence) and set(body) == {fence[0]}


def inline_code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each backtick code span in one line, backticks included.

    A wikilink whose brackets enclose backticks (``[[Functions#hasTag|`hasTag`]]``)
    is a link in Obsidian, so its backticks open no span; a span that starts
    before a ``[[`` still hides it (```[[x]]``` is code). Linear: each backtick
    run and each wikilink is looked at once.
    """
    if "`" not in line:
        return []
    runs = list(BACKTICKS.finditer(line))
    closer_of = _next_equal_run(runs)
    links = list(WIKILINK.finditer(line)) if "[[" in line else []
    spans: list[tuple[int, int]] = []
    run, link, position = 0, 0, 0
    while run < len(runs):
        opener = runs[run]
        while link < len(links) and links[link].start() < position:
            link += 1  # a wikilink that began inside the last code span is code
        if link < len(links) and links[link].start() < opener.start():
            position = links[link].end()  # backticks inside the link belong to it
            while run < len(runs) and runs[run].start() < position:
                run += 1
            continue
        closer = closer_of[run]
        if closer is None:
            run += 1
            continue
        spans.append((opener.start(), runs[closer].end()))
        position = runs[closer].end()
        run = closer + 1
    return spans


def _next_equal_run(runs: list[re.Match]) -> list[int | None]:
    """For each backtick run, the index of the next run of the same length (None if there is none)."""
    following: dict[int, int] = {}
    result: list[int | None] = [None] * len(runs)
    for number in range(len(runs) - 1, -1, -1):
        length = len(runs[number].group())
        result[number] = following.get(length)
        following[length] = number
    return result


def split_code(text: str) -> Iterator[tuple[bool, str]]:
    """The text as consecutive (is_code, chunk) pieces; joining the chunks gives ``text`` back."""
    lines = text.splitlines(keepends=True)
    prose: list[str] = []
    for line, fenced in zip(lines, fenced_line_flags(lines)):
        if fenced:
            if prose:
                yield False, "".join(prose)
                prose = []
            yield True, line
            continue
        position = 0
        for start, end in inline_code_spans(line):
            prose.append(line[position:start])
            yield False, "".join(prose)
            prose = []
            yield True, line[start:end]
            position = end
        prose.append(line[position:])
    if prose:
        yield False, "".join(prose)


def map_prose(text: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to every stretch of text that is not code."""
    if "`" not in text and "~" not in text:
        return transform(text)  # no backtick or tilde: no code at all (the common case)
    return "".join(chunk if is_code else transform(chunk) for is_code, chunk in split_code(text))
