"""Hover previews cut from a page's rendered HTML: each heading's title and first blocks.

The page's own HTML (what MkDocs made of the rendered note) is cut at its
top-level elements, so a preview shows exactly what the page shows. Each page's
previews become one small script that registers itself, which the browser loads
on demand with a <script> tag: that works from file://, where fetch() does not.

Where the cut is made, and by what: previews show the page as the reader gets it,
so they are cut from the sanitizer's output (``sanitize_html`` runs last, after
glightbox re-parses the page), not where the renderer makes the HTML: earlier
HTML is not yet what the page shows. Lexbor (through selectolax, C, linear; the
Modest engine is gone from selectolax 1.0) parses each page. A preview is the
page's own text, byte for byte, so Lexbor's reading is used only when it writes
the page back exactly as it is: the sanitizer's output of every page Markdown
writes is (html5ever's serialisation of a parse: the same algorithm). Anything
else (hand-written HTML, comments, tags the sanitizer never lets through, a tree
no parser makes from its own text) is cut by the standard library's HTMLParser,
as before. Both give the same blocks where Lexbor is used (tests/test_previews.py
compares them); every page of the test vaults and the benchmark vault is Lexbor's.
Each call parses its own tree: a pure function of the HTML, safe in a worker process.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..safety.html import ELEMENTS
from .script_data import script_json

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DOCUMENT_TAGS = {"html", "head", "body"}  # a plugin (glightbox) may wrap the page's HTML in a document
SECTION_END_CLASSES = {"vault-backlinks"}  # blocks that belong to the page, not to the section above
BLOCK_ANCHOR_CLASS = "vault-block"  # the anchor a ^block-id becomes (transforms.block_ids_to_anchors)
MAX_BLOCKS = 4
MAX_HTML = 2400  # characters of HTML per preview, after the first block
MAX_FIRST_BLOCK = 6000  # a longer first block is shown as its text, cut
# What Lexbor and HTMLParser could read differently even where Lexbor writes the page back unchanged:
# a tag the sanitizer never lets through (raw text like script, foreign svg/math, template, void elements
# HTMLParser does not know; found by name in one C-level regex pass, 4x cheaper than a CSS :not() of 80
# names: a name inside an attribute value only sends the page to HTMLParser), an iframe with content (raw
# text to Lexbor, markup to HTMLParser), a link inside a permalink (a table can nest links; HTMLParser's
# permalink count would end at the inner link).
_SANITIZED_ELEMENTS = frozenset(ELEMENTS)
_TAG_NAME = re.compile(r"<([a-zA-Z][^\t\n\f\r />\x00]*)")  # as the HTML tokenizer ends a tag name
# The nodes Python looks at, found in one pass over the tree (each CSS query is a pass); Python checks
# the class by its words, as HTMLParser's splitter did.
_MARKED = f'iframe, a[class*="headerlink"], [class*="{BLOCK_ANCHOR_CLASS}"][id]'

@dataclass(frozen=True)
class Block:
    html: str
    text: str
    heading: tuple[int, str, str] | None  # (level, id, text) when the block is a heading
    ends_section: bool
    anchors: tuple[str, ...]  # block ids (^id) inside it


@dataclass(frozen=True)
class Preview:
    title: str  # the heading's text ("" for the top of the page: the page title is shown)
    html: str  # the section's first blocks, as the page renders them


class _TopLevelSplitter(HTMLParser):
    """Splits HTML into its top-level elements, in one pass (the parser is linear): pages Lexbor cannot take."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0, *itertools.accumulate(len(line) + 1 for line in html.split("\n"))]
        self.blocks: list[Block] = []
        self.depth = 0
        self.start = 0
        self.text: list[str] = []
        self.heading: list | None = None  # [level, id, text parts] of the heading being read
        self.in_headerlink = 0
        self.ends_section = False
        self.anchors: list[str] = []

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in DOCUMENT_TAGS:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self.depth == 0:
            self.start = self._position()
            self.text, self.anchors = [], []
            self.heading = [HEADINGS[tag], attributes.get("id") or "", []] if tag in HEADINGS else None
            self.ends_section = bool(classes & SECTION_END_CLASSES)
        if BLOCK_ANCHOR_CLASS in classes and attributes.get("id"):
            self.anchors.append(attributes["id"])
        if tag == "a" and "headerlink" in classes:
            self.in_headerlink += 1
        if tag in VOID:
            if self.depth == 0:
                self._close(self._position() + len(self.get_starttag_text() or ""))
            return
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.in_headerlink:
            self.in_headerlink -= 1
        if self.depth == 0 or tag in VOID or tag in DOCUMENT_TAGS:
            return  # a stray end tag: nothing to close
        self.depth -= 1
        if self.depth == 0:
            end = self.html.find(">", self._position()) + 1
            self._close(end or len(self.html))

    def handle_data(self, data: str) -> None:
        if self.in_headerlink:
            return
        if self.heading is not None and self.depth > 0:
            self.heading[2].append(data)
        if self.depth > 0:
            self.text.append(data)

    def _close(self, end: int) -> None:
        heading = None
        if self.heading is not None:
            heading = (self.heading[0], self.heading[1], " ".join("".join(self.heading[2]).split()))
        self.blocks.append(Block(self.html[self.start:end], " ".join("".join(self.text).split()), heading,
                                 self.ends_section, tuple(self.anchors)))
        self.heading = None

    def close(self) -> None:
        super().close()
        if self.depth > 0:  # unclosed to the end: the rest is one block
            self.depth = 0
            self._close(len(self.html))


def split_blocks(html: str) -> list[Block]:
    """The page's top-level elements, in order."""
    blocks = _lexbor_blocks(html)
    return blocks if blocks is not None else _html_parser_blocks(html)


def _html_parser_blocks(html: str) -> list[Block]:
    splitter = _TopLevelSplitter(html)
    splitter.feed(html)
    splitter.close()
    return splitter.blocks


def _lexbor_blocks(html: str) -> list[Block] | None:
    """The blocks as Lexbor reads them, or None when its reading could differ from the page's bytes."""
    if "<!--" in html:  # a comment HTMLParser ends at "-- >" where HTML does not: the sanitizer drops them all
        return None
    if not set(_TAG_NAME.findall(html)) <= _SANITIZED_ELEMENTS:
        return None
    # One wrapper element, so every top-level node is a plain child (selectolax's fragment root stands
    # for the whole fragment); a stray end tag that closes it makes a second top-level node: refused.
    wrapper = LexborHTMLParser(f"<div>{html}</div>", is_fragment=True).root
    if wrapper is None or wrapper.next is not None:
        return None
    elements = _top_level_elements(wrapper, html)
    marked = _marked_nodes(wrapper) if elements is not None else None
    if elements is None or marked is None:
        return None
    permalinks, anchors = marked
    anchors_by_block = _anchors_by_block([node for node, _ in elements], anchors)
    top_level = {node.mem_id for node, _ in elements}
    for permalink in permalinks:  # its "¶" is not the heading's text (it holds no other link: none nests)
        if permalink.mem_id not in top_level:  # a top-level one stays (its node is read below): no text
            permalink.decompose()
    textless = {permalink.mem_id for permalink in permalinks} & top_level
    return [_lexbor_block(node, piece, anchors_by_block[number], node.mem_id not in textless)
            for number, (node, piece) in enumerate(elements)]


def _top_level_elements(wrapper: LexborNode, html: str) -> list[tuple[LexborNode, str]] | None:
    """Each top-level element with its HTML, or None unless the nodes written back are ``html`` exactly."""
    elements = []
    position = 0
    node = wrapper.child
    while node is not None:
        piece = node.html or ""
        if not html.startswith(piece, position):
            return None
        if node.is_element_node:
            elements.append((node, piece))
        position += len(piece)
        node = node.next
    return elements if position == len(html) else None


def _marked_nodes(wrapper: LexborNode) -> tuple[list[LexborNode], list[tuple[LexborNode, str]]] | None:
    """(the permalinks, each ^block anchor with its id), or None for what HTMLParser would read differently."""
    permalinks, anchors = [], []
    for node in wrapper.css(_MARKED):
        classes = _classes(node)
        if node.tag == "iframe" and node.child is not None:
            return None
        if node.tag == "a" and "headerlink" in classes:
            if len(node.css("a")) > 1:  # the node itself and a link inside it
                return None
            permalinks.append(node)
        anchor_id = node.attributes.get("id")
        if BLOCK_ANCHOR_CLASS in classes and anchor_id:
            anchors.append((node, anchor_id))
    return permalinks, anchors


def _anchors_by_block(elements: list[LexborNode], anchors: list[tuple[LexborNode, str]]) -> list[list[str]]:
    """The ^block ids inside each top-level element, in page order.

    Each anchor's top-level element is found by walking up to a node already placed, so the walks stay
    linear however deep the page nests.
    """
    block_of = {node.mem_id: number for number, node in enumerate(elements)}
    found: list[list[str]] = [[] for _ in elements]
    for anchor, anchor_id in anchors:
        walked, node = [], anchor
        while node.mem_id not in block_of:
            walked.append(node.mem_id)
            node = node.parent
        number = block_of[node.mem_id]
        block_of.update(dict.fromkeys(walked, number))
        found[number].append(anchor_id)
    return found


def _lexbor_block(node: LexborNode, piece: str, anchors: list[str], has_text: bool) -> Block:
    """A top-level element as a block; its text (and a heading's) leaves out permalinks, already removed."""
    attributes = node.attributes
    text = " ".join(node.text(deep=True).split()) if has_text else ""
    level = HEADINGS.get(node.tag or "")
    heading = (level, attributes.get("id") or "", text) if level else None
    ends_section = not SECTION_END_CLASSES.isdisjoint((attributes.get("class") or "").split())
    return Block(piece, text, heading, ends_section, tuple(anchors))


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def page_previews(html: str) -> dict[str, Preview]:
    """Anchor -> preview of a page: "" for its top, each heading id, each block id (^id)."""
    blocks = split_blocks(html)
    previews: dict[str, Preview] = {}
    start = 1 if blocks and blocks[0].heading and blocks[0].heading[0] == 1 else 0
    previews[""] = Preview("", _first_blocks(blocks, start, 1))
    section_title = ""
    for number, block in enumerate(blocks):
        if block.heading is not None:
            level, anchor, title = block.heading
            section_title = title
            if anchor and level > 1:
                previews.setdefault(anchor, Preview(title, _first_blocks(blocks, number + 1, level)))
        for anchor in block.anchors:
            previews.setdefault(anchor, Preview(section_title, _shown(block)))
    return previews


def _first_blocks(blocks: list[Block], start: int, level: int) -> str:
    """The blocks after a heading, up to one of its level or higher, within the size limits."""
    shown: list[str] = []
    size = 0
    for block in blocks[start:]:
        if block.ends_section or block.heading and block.heading[0] <= level:
            break
        if len(shown) == MAX_BLOCKS or shown and size + len(block.html) > MAX_HTML:
            break
        html = _shown(block)
        shown.append(html)
        size += len(html)
    return "".join(shown)


def _shown(block: Block) -> str:
    if len(block.html) <= MAX_FIRST_BLOCK:
        return block.html
    return f"<p>{escape(block.text[:600], quote=True)}…</p>"


def preview_script(page_key: str, page_title: str, previews: dict[str, Preview]) -> str:
    """A script that registers a page's previews in ``window.vaultPreviews[page_key]``."""
    data = {"title": page_title, "sections": {anchor: [p.title, p.html] for anchor, p in previews.items()}}
    return ("(window.vaultPreviews = window.vaultPreviews || {})"
            f"[{script_json(page_key, ascii_only=True)}] = {script_json(data, ascii_only=True)};\n")


def page_key(dest_uri: str) -> str:
    """Where a page's previews live: its output path without ``.html`` (``storage/index.html`` -> ``storage/index``)."""
    return dest_uri.removesuffix(".html")
