"""Where a text holds HTML tags that could run code, found in time linear in the text.

One regex for such a tag, run with ``finditer``, retries every ``<`` up to the
next ``>``, so a long line of ``<a `` with no ``>`` took quadratic time. A tag never contains ``>``, so each stretch up to a ``>`` is
looked at once: the first ``<`` that opens an active tag ending at that ``>``.
"""
from __future__ import annotations

from .grammar import ACTIVE_ATTRIBUTE, ACTIVE_ELEMENT, TAG_START


def active_tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each active tag: ``<script ...>``, ``<x onclick=...>``, ``<a href="javascript:...">``."""
    spans = []
    start = 0
    while True:
        end = text.find(">", start)
        if end < 0:
            return spans  # no '>' left: no tag can close
        stretch = text[start:end]
        tag = _first_active_tag(stretch)
        if tag is not None:
            spans.append((start + tag, end + 1))
        start = end + 1


def _first_active_tag(stretch: str) -> int | None:
    """Offset of the first '<' in a stretch without '>' whose tag (to the stretch's end) is active."""
    element = ACTIVE_ELEMENT.search(stretch)
    attribute = None
    for attribute in ACTIVE_ATTRIBUTE.finditer(stretch):
        pass  # the last one: any tag opening before it holds it
    candidates = [element.start()] if element else []
    if attribute is not None:
        opener = TAG_START.search(stretch, 0, attribute.start())
        if opener is not None:
            candidates.append(opener.start())
    return min(candidates) if candidates else None


def escape_active_tags(text: str) -> str:
    """The text with each active tag's '<' and '>' written as entities, so it shows as text."""
    out, position = [], 0
    for start, end in active_tag_spans(text):
        out += [text[position:start], text[start:end].replace("<", "&lt;").replace(">", "&gt;")]
        position = end
    return "".join(out) + text[position:]
