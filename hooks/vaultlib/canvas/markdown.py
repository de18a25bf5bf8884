"""A board as page Markdown: each card a ``<div markdown>`` block the notes' renderer and MkDocs render.

Text cards are Markdown, so they go into the page's Markdown as written (wikilinks,
embeds, callouts, math, tags all work as in a note). A file card is an embed
(``![[path#subpath]]``): the renderer shows the note, its section or block, an
image, or the project's missing-file placeholder. Geometry goes in
``data-vault-*`` attributes (never an inline style); ``canvas.js`` lays the cards
out and draws the edges, whose data are empty ``<span data-vault-edge>`` elements.
After the board comes a text outline of the same cards and edges, for keyboard
and screen-reader users and for readers without scripts.

Vault text in attributes is written with ``attribute_text`` (every character
that is not a letter, digit or plain punctuation as an entity), so neither the
wikilink, tag and comment passes of the renderer nor Markdown touch it.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from ..render.escape import inert_text
from ..syntax.code import fenced_line_flags, map_prose
from ..syntax.comments import strip_comments
from ..syntax.plain_text import plain_text
from .model import Board, CanvasEdge, CanvasNode

BOARD_CLASS = "vault-canvas"
NODE_ID_PREFIX = "canvas-"  # element ids on the board's page: "canvas-n0"...
LINK_SCHEMES = ("http", "https", "mailto")  # what a link card may open
OUTLINE_LABEL_LIMIT = 80
_DIV_TAG = re.compile(r"</?div\b", re.I)
_WIKILINK_BREAKERS = re.compile(r"[\[\]|\n]")


def attribute_text(text: str) -> str:
    """An attribute value made only of letters, digits, spaces and ``-.,/:``; the rest as entities."""
    return "".join(c if c.isalnum() or c in " -.,/:" else f"&#{ord(c)};" for c in text)


def node_anchor(node: CanvasNode) -> str:
    return NODE_ID_PREFIX + node.key


@dataclass
class BoardMarkdown:
    """The page's Markdown and, for each of its lines that comes from a node or edge, where that is in the file."""

    text: str
    origins: dict[int, tuple[int, str]] = field(default_factory=dict)  # page line -> (file line, "node 'id'")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: dict[int, tuple[int, str]] = {}

    def add(self, text: str, origin: tuple[int, str] | None = None) -> None:
        for line in text.split("\n"):
            self.lines.append(line)
            if origin is not None:
                self.origins[len(self.lines)] = origin


def board_markdown(board: Board, title: str) -> BoardMarkdown:
    """The whole page: title, board, outline."""
    out = _Writer()
    out.add(f"# {inert_text(title)}\n")
    counts = f"{len(board.nodes)} cards and {len(board.edges)} connections"
    out.add(f'<div class="{BOARD_CLASS}" data-vault-canvas="" aria-label="Board: {attribute_text(title)}, '
            f'{counts}" markdown>\n')
    for node in board.nodes:
        out.add(_node_block(node), (node.line, _name(node)))
        out.add("")
    out.add('<div class="vault-canvas__edges" hidden>')
    for edge in board.edges:
        out.add(_edge_span(edge), (edge.line, f"edge '{edge.id}'"))
    out.add("</div>\n")
    out.add("</div>\n")
    # Out of the search index: it repeats the cards' names, which the board above already holds.
    out.add('<div class="vault-canvas-outline" data-search-exclude="" markdown>\n')
    out.add(f'<p class="vault-canvas-outline__title" markdown="span">Outline of the board: {counts}.</p>\n')
    out.add(outline_markdown(board, lambda node: "#" + node_anchor(node)))
    out.add("\n</div>\n")
    return BoardMarkdown("\n".join(out.lines), out.origins)


def _name(node: CanvasNode) -> str:
    return f"node '{node.id}'" if node.id else f"node {int(node.key[1:]) + 1}"


def _node_block(node: CanvasNode) -> str:
    classes = [f"{BOARD_CLASS}__node", f"{BOARD_CLASS}__node--{node.type}"]
    attributes = {"x": node.x, "y": node.y, "width": node.width, "height": node.height}
    if node.color:
        # A preset is a class; a hex colour is checked data the script applies (no inline style).
        classes.append(f"{BOARD_CLASS}--color-{node.color}" if len(node.color) == 1 else f"{BOARD_CLASS}--color-hex")
        if len(node.color) > 1:
            attributes["color"] = node.color
    if node.background_style:
        attributes["background-style"] = node.background_style
    data = " ".join(f'data-vault-{name}="{attribute_text(str(value))}"' for name, value in attributes.items())
    opening = (f'<div class="{" ".join(classes)}" id="{node_anchor(node)}" data-vault-node="{node.key}" {data} '
               f'markdown>')
    return f"{opening}\n\n{_node_body(node)}\n\n</div>"


def _node_body(node: CanvasNode) -> str:
    if node.type == "text":
        return card_text(node.text) or "&#8203;"
    if node.type == "file":
        return _embed(node.file, node.subpath)
    if node.type == "link":
        return _link_card(node.url)
    parts = [f'<p class="vault-canvas__label" markdown="span">{inert_text(node.label)}</p>'] if node.label else []
    if node.background:
        parts.append(f'<div class="vault-canvas__background" markdown>\n\n{_embed(node.background, "")}\n\n</div>')
    return "\n\n".join(parts) or "&#8203;"


def card_text(text: str) -> str:
    """A text card's Markdown, kept from running into the rest of the page.

    Its comments are removed here, so an unclosed ``%%`` hides nothing outside the
    card; an unclosed fence is closed; a ``<div>`` tag that is not balanced inside
    the card is shown as text, so it cannot close the card's block.
    """
    text, _ = strip_comments(text.strip("\n"))
    lines = text.split("\n")
    flags = fenced_line_flags(lines)
    prose = [line for line, fenced in zip(lines, flags) if not fenced]
    opened = sum(len(re.findall(r"<div\b", line, re.I)) for line in prose)
    closed = sum(len(re.findall(r"</div\b", line, re.I)) for line in prose)
    out = []
    for line, fenced in zip(lines, flags):
        if not fenced:
            line = map_prose(line, lambda chunk: chunk.replace("%%", "%&#37;"))  # an unclosed comment mark
            if opened != closed:
                line = map_prose(line, lambda chunk: _DIV_TAG.sub(lambda m: "&lt;" + m.group()[1:], chunk))
        out.append(line)
    if fenced_line_flags(lines + ["x"])[-1]:  # a line after the card would still be code: close the fence
        out.append(_fence_of(lines, flags))
    return "\n".join(out)


def _fence_of(lines: list[str], flags: list[bool]) -> str:
    start = max(number for number, fenced in enumerate(flags) if fenced and (number == 0 or not flags[number - 1]))
    opening = lines[start].lstrip(" \t>")
    mark = opening[0]
    return mark * (len(opening) - len(opening.lstrip(mark)))


def _embed(path: str, subpath: str) -> str:
    """``![[path#subpath]]`` for the renderer; a path that cannot be written as a wikilink is shown as text."""
    if not path.strip() or _WIKILINK_BREAKERS.search(path + subpath):
        return f'<span class="vault-missing__caption">{inert_text(path)}</span>'
    return f"![[{path}{subpath}]]"


def _link_card(url: str) -> str:
    if not opens_safely(url):
        return f'<span class="vault-canvas__url vault-canvas__url--refused">{inert_text(url)}</span>'
    # Percent-encoded except URL punctuation; '[', ']', '(', ')', '%%' encoded too, so no Markdown reads them.
    safe = quote(url.strip(), safe=":/?#@!$&'*+,;=%~")
    return f"[{inert_text(url)}](<{safe.replace('%%', '%25%')}>){{ .vault-canvas__url rel=noopener }}"


def opens_safely(url: str) -> bool:
    """Whether a link card's address is a web or mail address (never ``javascript:`` or a local path)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in LINK_SCHEMES and (parts.scheme.lower() == "mailto" or bool(parts.netloc))


def _edge_span(edge: CanvasEdge) -> str:
    attributes = {"edge": edge.id, "from": edge.from_node, "to": edge.to_node, "from-side": edge.from_side,
                  "to-side": edge.to_side, "from-end": edge.from_end, "to-end": edge.to_end,
                  "color": edge.color, "label": edge.label}
    data = " ".join(f'data-vault-{name}="{attribute_text(value)}"' for name, value in attributes.items() if value)
    return f"<span {data}></span>"


def node_label(node: CanvasNode) -> str:
    """A short plain-text name for a card: its first line of text, file name, address or group label."""
    if node.type == "text":
        first = next((line for line in node.text.splitlines() if line.strip()), "")
        text = plain_text(first.lstrip("#>-*+ \t")) or "(empty)"
    elif node.type == "file":
        name = posixpath.basename(node.file)
        # "Note › Heading", and a block without its caret, as the renderer labels embeds
        parts = [part.removeprefix("^") for part in node.subpath.split("#") if part.strip()]
        text = " › ".join([name[:-3] if name.lower().endswith(".md") else name] + parts)
    elif node.type == "link":
        text = node.url
    else:
        text = node.label or "(no label)"
    text = " ".join(text.split())
    return text if len(text) <= OUTLINE_LABEL_LIMIT else text[:OUTLINE_LABEL_LIMIT - 1] + "…"


_KIND_WORD = {"text": "Text", "file": "File", "link": "Link", "group": "Group"}
_ARROW = {("none", "arrow"): "→", ("arrow", "none"): "←", ("arrow", "arrow"): "↔", ("none", "none"): "—"}


def outline_markdown(board: Board, href: Callable[[CanvasNode], str]) -> str:
    """Cards as a nested list (groups hold what lies inside them), then the connections, as Markdown."""
    parents = board.parent_groups()
    children: dict[str | None, list[CanvasNode]] = {}
    for node in board.nodes:
        children.setdefault(parents.get(node.key), []).append(node)
    lines: list[str] = []

    def add(parent: str | None, depth: int) -> None:
        for node in children.get(parent, []):
            lines.append(f"{'    ' * depth}- {_KIND_WORD[node.type]}: [{inert_text(node_label(node))}]({href(node)})")
            add(node.key, depth + 1)

    add(None, 0)
    if not lines:
        lines.append("- The board is empty.")
    by_key = {node.key: node for node in board.nodes}
    if board.edges:
        lines += ["", "Connections:", ""]
    for edge in board.edges:
        start, end = by_key[edge.from_node], by_key[edge.to_node]
        arrow = _ARROW[(edge.from_end, edge.to_end)]
        label = f": {inert_text(' '.join(edge.label.split()))}" if edge.label.strip() else ""
        lines.append(f"- [{inert_text(node_label(start))}]({href(start)}) {arrow} "
                     f"[{inert_text(node_label(end))}]({href(end)}){label}")
    return "\n".join(lines)
