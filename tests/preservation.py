"""Content preservation: every line of a note's prose is in its page's visible text, in order."""
from __future__ import annotations

import re

WORD = re.compile(r"\w+")
_EMBED = re.compile(r"!\[\[[^\]\n]*\]\]")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
_COMMENT = re.compile(r"%%.*?%%", re.S)
_LIST_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\[.\][ \t]+)?")


def prose_lines(markdown: str) -> list[list[str]]:
    """The words of each line of a note, markup aside (embeds are checked elsewhere)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    body = _COMMENT.sub("", body)
    lines = []
    for line in body.splitlines():
        if _TABLE_RULE.match(line) or re.match(r"^\s*(```|~~~)", line):
            continue  # fences: the code inside is compared byte for byte elsewhere
        words = WORD.findall(_EMBED.sub(" ", _LIST_MARKER.sub("", line)).replace("_", " "))
        if words:
            lines.append([w.casefold() for w in words])
    return lines


def missing_lines(markdown: str, page_text: str) -> list[str]:
    """Lines whose words do not appear, in order, in the page; empty when all are there."""
    page = " " + " ".join(w.casefold() for w in WORD.findall(page_text.replace("_", " "))) + " "
    position, missing = 0, []
    for words in prose_lines(markdown):
        needle = " " + " ".join(words) + " "
        found = page.find(needle, position)
        if found < 0:
            missing.append(" ".join(words))
        else:
            position = found + 1
    return missing
