"""Heading ids exactly as Python-Markdown's ``toc`` gives them on the rendered page.

toc slugifies the heading *as rendered* (an autolink, code, emphasis, a link or
an entity changes the text), with its configured ``slugify`` and ``separator``,
and numbers repeats with its own ``unique()``. A heading with no markup needs
no rendering (the fast path); the others are rendered once each, by a Markdown
instance configured like the site, and toc's own functions read the name.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

import markdown
from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique

from ..syntax.grammar import ATTRIBUTE_LIST_AT_END, MARKUP_CHARACTER, WIKILINK
from ..syntax.wikilinks import default_label, parse_wikilink
from .markup import markdown_link
from .transforms import block_ids_to_anchors, escape_unsafe_html, replace_in_prose

Slugify = Callable[[str, str], str]


class HeadingIds:
    """Computes the ids toc gives a page's headings; one instance serves a whole build."""

    def __init__(self, slugify: Slugify = toc_slugify, separator: str = "-",
                 extensions: Iterable | None = None, configs: dict | None = None) -> None:
        self.slugify, self.separator = slugify, separator
        self._markdown: markdown.Markdown | None = None
        if extensions is not None:
            self._markdown = markdown.Markdown(extensions=list(extensions), extension_configs=configs or {})
            toc = self._markdown.treeprocessors["toc"] if "toc" in self._markdown.treeprocessors else None
            if toc is not None:  # the site's own toc settings win
                self.slugify, self.separator = toc.slugify, toc.sep
        self._rendered: dict[str, tuple[str, str]] = {}  # heading text -> (name, preset id)
        # What the ids depend on, comparable from one build to the next (each build makes its own HeadingIds).
        # abbr's glossary is left out: it changes with the notes, and toc reads an <abbr>'s text as it is.
        shown = {name: ({key: value for key, value in config.items() if key != "glossary"}
                        if name == "abbr" and isinstance(config, dict) else config)
                 for name, config in (configs or {}).items()}
        self.signature = (self.slugify, self.separator, repr(list(extensions or [])), repr(shown))

    def page_ids(self, headings: list[str]) -> list[str]:
        """The ids of a page's headings (raw heading texts, in page order)."""
        named = [self.name(text) for text in headings]
        used = {preset for _, preset in named if preset}  # toc keeps ids the author set, and avoids them
        counters: dict[str, int] = {}
        return [preset or unique(self.slugify(name, self.separator), used, counters) for name, preset in named]

    def name(self, text: str) -> tuple[str, str]:
        """(the heading's text as toc reads it, an id set with ``{#id}`` or "")."""
        if not MARKUP_CHARACTER.search(text):
            return " ".join(text.split()), ""  # what strip_tags leaves of plain text
        if text not in self._rendered:
            self._rendered[text] = self._render(text)
        return self._rendered[text]

    def _render(self, text: str) -> tuple[str, str]:
        source = heading_markdown(text)
        if self._markdown is None:
            return html.unescape(" ".join(re.sub(r"<[^>]*>|[`*_=~^]", "", source).split())), ""
        md = self._markdown.reset()
        md.convert("# " + source)
        token = md.toc_tokens[0] if md.toc_tokens else {"name": "", "id": ""}
        name = html.unescape(token["name"])
        attributes = ATTRIBUTE_LIST_AT_END.search(source)
        preset = token["id"] if attributes and "#" in attributes.group() else ""
        return name, preset


def heading_markdown(text: str) -> str:
    """A heading's text as the rendered note gives it to Markdown: the renderer's own transforms.

    Only the text matters here, so link targets are placeholders and embeds
    (an image's alt text is not part of a heading's name) are left out.
    """
    def link(match: re.Match) -> str:
        if match["embed"]:
            return ""
        wikilink = parse_wikilink(match["inner"])
        return markdown_link(wikilink.label or default_label(wikilink), "#")

    return replace_in_prose(block_ids_to_anchors(escape_unsafe_html(text)), WIKILINK, link)
