"""Vault text written into Markdown or HTML so that it shows exactly as written."""
from __future__ import annotations

import html
import re

from ..syntax.code import inline_code_spans

# Characters Python-Markdown would read as markup inside raw HTML text or a link label.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_\[\]{}<>#+!|~=^$%&]")
# Characters Python-Markdown (with tables) accepts after a backslash. Brackets
# and parentheses are not escaped that way: "\(" and "\[" open math for arithmatex.
_BACKSLASH_ESCAPABLE = re.compile(r"([\\`*_{}#+!>|])")
_AS_ENTITY = str.maketrans({"[": "&#91;", "]": "&#93;", "<": "&lt;", "$": "&#36;"})


def inert_text(text: str) -> str:
    """Text that Markdown and HTML show as written: every active character as an entity."""
    return _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", text.replace("\n", " "))


def label_text(text: str) -> str:
    """Text for a Markdown link label or image alt that shows as written."""
    escaped = _BACKSLASH_ESCAPABLE.sub(r"\\\1", text.replace("\n", " "))
    return escaped.translate(_AS_ENTITY)


def link_label(text: str) -> str:
    """``label_text``, except that inline code stays code: ``[[Note|`hasTag`]]`` shows in code style."""
    if "`" not in text:
        return label_text(text)
    pieces, position = [], 0
    for start, end in inline_code_spans(text):
        pieces += [label_text(text[position:start]), text[start:end]]
        position = end
    return "".join(pieces) + label_text(text[position:])


def attribute(value: str) -> str:
    """An HTML attribute value that stays one inert value, quotes included."""
    return html.escape(value.replace("\n", " "), quote=True)
