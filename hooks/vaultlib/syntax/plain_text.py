"""Inline Markdown reduced to the text a reader sees: for heading names, labels and list items."""
from __future__ import annotations

import html
import re

from .active_html import active_tag_spans
from .grammar import AUTOLINK, CHARACTER_REFERENCE, HTML_TAG, INLINE_MARKS, MARKDOWN_LINK, WIKILINK


def _wikilink_text(match: re.Match) -> str:
    """A wikilink shows its label, or the target as written (``Note#Heading``)."""
    target, bar, label = match["inner"].partition("|")
    return label if bar else target


def _tag_text(match: re.Match) -> str:
    """An HTML tag shows nothing, except an active one, which stays visible as text."""
    return match.group() if active_tag_spans(match.group()) else ""


# In this order: links before marks (a label may hold marks), tags before entities (an escaped
# '<' must never become a tag).
_STEPS = (
    (WIKILINK, _wikilink_text),
    (MARKDOWN_LINK, lambda m: m["label"]),
    (INLINE_MARKS, ""),
    (AUTOLINK, r"\1"),
    (HTML_TAG, _tag_text),
    (CHARACTER_REFERENCE, lambda m: html.unescape(m.group())),
)


def plain_text(markdown: str) -> str:
    """Inline Markdown reduced to the text a reader sees (for anchors and labels)."""
    for pattern, replacement in _STEPS:
        markdown = pattern.sub(replacement, markdown)
    return markdown.strip()
