"""Text-in, text-out transforms from Obsidian Markdown to what Python-Markdown reads the same way.

Each transform leaves fenced and inline code untouched (see ``code``) and keeps
every other character of the note unless its contract says otherwise.
"""
from __future__ import annotations

import re

from ..index.properties import text_list
from ..syntax.active_html import escape_active_tags
from ..syntax.code import fenced_line_flags, map_prose, split_code
from ..syntax.grammar import BLOCK_ID, HEADING, INLINE_TAG, LIST_ITEM, QUOTE_PREFIX, TABLE_ROW
from ..syntax.plain_text import plain_text


def _indent_width(line: str) -> int:
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


def separate_lists(text: str) -> str:
    """Insert a blank line where a list starts right under a paragraph line.

    Obsidian (CommonMark) starts a list there; Python-Markdown keeps the item as
    paragraph text. A line is only added where the item would otherwise be
    swallowed: after a paragraph that is not itself inside a list item, or
    after an item's continuation text when the new item is nested deeper.
    Blank lines keep the block quote prefix, so callouts stay intact.
    """
    lines = text.splitlines(keepends=True)
    fenced = fenced_line_flags(lines)
    out: list[str] = []
    for number, line in enumerate(lines):
        if not fenced[number] and _needs_blank_line(lines, fenced, number):
            prefix = QUOTE_PREFIX.match(line).group().rstrip()
            out.append(prefix + "\n")
        out.append(line)
    return "".join(out)


def _split_quote(line: str) -> tuple[str, str]:
    prefix = QUOTE_PREFIX.match(line).group()
    return prefix.replace(" ", "").replace("\t", ""), line[len(prefix):].rstrip("\r\n")


def _needs_blank_line(lines: list[str], fenced: list[bool], number: int) -> bool:
    quote, body = _split_quote(lines[number])
    if number == 0 or not LIST_ITEM.match(body) or fenced[number - 1]:
        return False
    previous_quote, previous = _split_quote(lines[number - 1])
    if previous_quote != quote or not previous.strip() or _is_own_block(previous):
        return False
    for earlier in range(number - 1, -1, -1):
        earlier_quote, candidate = _split_quote(lines[earlier])
        if not fenced[earlier] and earlier_quote == quote and LIST_ITEM.match(candidate):
            return _indent_width(body) > _indent_width(candidate)
        if fenced[earlier] or earlier_quote != quote or not candidate.strip() or _is_own_block(candidate):
            return True  # the paragraph above is not inside a list item
    return True


def _is_own_block(line: str) -> bool:
    stripped = line.lstrip()
    return bool(LIST_ITEM.match(line) or HEADING.match(stripped) or TABLE_ROW.match(line)
                or stripped.startswith("[!"))


def promote_title_heading(text: str, title: str) -> str:
    """Make a note's first heading the page title when its text is the note's name.

    Without this, the theme adds the name as a title and the heading repeats it.
    """
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        heading = HEADING.match(line.rstrip("\r\n"))
        if heading and plain_text(heading["text"]).casefold() == title.strip().casefold():
            lines[number] = "#" + line[len(heading["hashes"]):]
        break
    return "".join(lines)


def block_ids_to_anchors(text: str) -> str:
    """Turn a trailing ``^block-id`` into an anchor that ``[[Note#^block-id]]`` lands on."""
    lines = text.splitlines(keepends=True)
    fenced = fenced_line_flags(lines)
    for number, line in enumerate(lines):
        if fenced[number]:
            continue
        content = line.rstrip("\r\n")
        match = BLOCK_ID.search(content)
        if match and not _inside_inline_code(content, match.start("id")):
            anchor = f'<a class="vault-block" id="^{match["id"].lower()}"></a>'
            lines[number] = content[: match.start()].rstrip() + " " + anchor + line[len(content):]
    return "".join(lines)


def _inside_inline_code(line: str, position: int) -> bool:
    offset = 0
    for is_code, chunk in split_code(line):
        if offset <= position < offset + len(chunk):
            return is_code
        offset += len(chunk)
    return False


def normalise_newlines(text: str) -> str:
    """A BOM and CRLF line ends, as some editors leave them, read as plain text."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def replace_in_prose(text: str, pattern: re.Pattern, replace) -> str:
    """``pattern.sub(replace, ...)`` applied outside code only."""
    return map_prose(text, lambda chunk: pattern.sub(replace, chunk))


def escape_unsafe_html(text: str) -> str:
    """Show ``<script>`` and other active HTML as text, as Obsidian never runs it (code untouched)."""
    return map_prose(text, escape_active_tags)


def inline_tags(text: str) -> tuple[str, list[str]]:
    """Inline ``#tags`` shown as tag labels; returns the text and the tags in order of appearance.

    At a line start Python-Markdown would read a tag as a heading, so each becomes a label.
    """
    found: list[str] = []

    def label(match: re.Match) -> str:
        found.append(match["tag"])
        return f'<span class="vault-tag">#{match["tag"]}</span>'

    return map_prose(text, lambda chunk: INLINE_TAG.sub(label, chunk)), list(dict.fromkeys(found))


def property_tags(value) -> list[str]:
    """The ``tags`` property as a list, whether written as a list, a string or with '#'."""
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    return [tag.strip().lstrip("#") for tag in text_list(value) if tag.strip().lstrip("#")]  # [null] and maps skipped
