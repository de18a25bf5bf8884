"""Read a ``.canvas`` file: JSON Canvas 1.0, checked field by field.

Bad input never stops the build and never loses what could be read: the file is
decoded one node and one edge at a time (``json.JSONDecoder.raw_decode`` at each
element), so a file cut off or broken in the middle still gives the nodes before
the break, and every message names the file, the line and column, and the node
or edge. A field with a wrong value is reported and replaced by its default.
"""
from __future__ import annotations

import bisect
import json
import math
import re

from ..problems import VaultProblem
from .markdown import opens_safely
from .model import (BACKGROUND_STYLES, ENDS, NODE_TYPES, PRESET_COLORS, SIDES, Board, CanvasEdge,
                    CanvasNode)

KIND = "invalid-canvas"
COORDINATE_LIMIT = 1_000_000  # farther cards would shrink the rest of the board to dots
SIZE_LIMIT = 100_000
DEFAULT_WIDTH, DEFAULT_HEIGHT = 250, 60
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace


def _no_constant(name: str):
    raise ValueError(f"'{name}' is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)  # Python would accept NaN and Infinity


class _Stop(Exception):
    """The file cannot be read further from ``offset``."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset, self.reason = offset, reason


class _Lines:
    """Offset -> (line, column), 1-based, from one pass over the text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def parse_canvas(text: str, path: str) -> Board:
    """The board in ``text`` (the file's content), with a problem for everything that was wrong."""
    board = Board(path)
    text = text.removeprefix("\ufeff")
    lines = _Lines(text)
    nodes, edges, stop = _elements(text)
    if stop is not None:
        line, column = lines.at(stop.offset)
        board.problems.append(VaultProblem(KIND, path, line, (
            f"column {column}: the board is not valid JSON Canvas ({stop.reason}); the page shows the "
            f"{len(nodes)} nodes and {len(edges)} edges read before that point")))
    keys: dict[str, str] = {}  # id as written -> the node's key (the first node with that id)
    for number, (offset, raw) in enumerate(nodes):
        node = _node(raw, f"n{number}", lines.at(offset), board)
        if node is None:
            continue
        if node.id in keys:
            _problem(board, lines.at(offset), f"node '{node.id}': another node has this id; edges go to the first")
        elif node.id:
            keys[node.id] = node.key
        board.nodes.append(node)
    for number, (offset, raw) in enumerate(edges):
        edge = _edge(raw, number, lines.at(offset), keys, board)
        if edge is not None:
            board.edges.append(edge)
    return board


def _elements(text: str) -> tuple[list[tuple[int, object]], list[tuple[int, object]], _Stop | None]:
    """(offset, value) of each node and edge, in file order, and where reading stopped early."""
    found: dict[str, list[tuple[int, object]]] = {"nodes": [], "edges": []}
    try:
        position = _skip(text, 0)
        if position == len(text):
            return [], [], None  # an empty file is an empty board, as in Obsidian
        if text[position] != "{":
            raise _Stop(position, "the file must be one JSON object with 'nodes' and 'edges'")
        position = _skip(text, position + 1)
        while text[position:position + 1] != "}":
            if text[position:position + 1] != '"':
                raise _Stop(position, "expected a name in double quotes")
            key, position = _decode(text, position)
            position = _expect(text, _skip(text, position), ":")
            position = _skip(text, position)
            if key in found and text[position:position + 1] == "[":
                found[key] = []
                position = _array(text, position, found[key])
            else:
                value, position = _decode(text, position)
                if key in found:
                    raise _Stop(position, f"'{key}' must be a list")
            position = _skip(text, position)
            if text[position:position + 1] == ",":
                position = _skip(text, position + 1)
            elif text[position:position + 1] != "}":
                raise _Stop(position, "expected ',' or '}'")
        position = _skip(text, position + 1)
        if position != len(text):
            raise _Stop(position, "there is more text after the board's closing '}'")
    except _Stop as stop:
        return found["nodes"], found["edges"], stop
    return found["nodes"], found["edges"], None


def _array(text: str, position: int, into: list[tuple[int, object]]) -> int:
    position = _skip(text, position + 1)
    if text[position:position + 1] == "]":
        return position + 1
    while True:
        start = position
        value, position = _decode(text, position)
        into.append((start, value))
        position = _skip(text, position)
        if text[position:position + 1] == "]":
            return position + 1
        position = _skip(text, _expect(text, position, ","))


def _decode(text: str, position: int) -> tuple[object, int]:
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as error:
        raise _Stop(error.pos, error.msg) from None
    except (ValueError, RecursionError) as error:  # NaN / Infinity, or nesting deeper than Python recurses
        raise _Stop(position, str(error) if isinstance(error, ValueError) else "nested too deeply") from None


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()


def _expect(text: str, position: int, char: str) -> int:
    if text[position:position + 1] != char:
        found = text[position:position + 1] or "the end of the file"
        raise _Stop(position, f"expected '{char}', found '{found}'")
    return position + 1


def _problem(board: Board, where: tuple[int, int], message: str) -> None:
    line, column = where
    board.problems.append(VaultProblem(KIND, board.path, line, f"column {column}: {message}"))


def _node(raw: object, key: str, where: tuple[int, int], board: Board) -> CanvasNode | None:
    if not isinstance(raw, dict):
        _problem(board, where, f"a node must be a JSON object, not {_kind(raw)}; it is left out")
        return None
    written = raw.get("id")
    node_id = written if isinstance(written, str) else ""
    name = f"node '{node_id}'" if node_id else f"node {int(key[1:]) + 1}"
    report = lambda message: _problem(board, where, f"{name}: {message}")  # noqa: E731
    if not node_id:
        report("has no 'id' (a text); edges cannot reach it")
    kind = raw.get("type")
    if kind not in NODE_TYPES:
        report(f"'type' is {_shown(kind)}, not one of {', '.join(NODE_TYPES)}; it is shown as an empty text card")
        kind = "text"
    node = CanvasNode(
        key, node_id, kind,
        _number(raw, "x", 0, -COORDINATE_LIMIT, COORDINATE_LIMIT, report),
        _number(raw, "y", 0, -COORDINATE_LIMIT, COORDINATE_LIMIT, report),
        _number(raw, "width", DEFAULT_WIDTH, 1, SIZE_LIMIT, report),
        _number(raw, "height", DEFAULT_HEIGHT, 1, SIZE_LIMIT, report),
        where[0], color=_color(raw, report))
    if raw.get("type") == "text":
        node.text = _text(raw, "text", report, required=True).replace("\r\n", "\n").replace("\r", "\n")
    elif kind == "file":
        node.file = _text(raw, "file", report, required=True)
        node.subpath = _text(raw, "subpath", report)
        if node.subpath and not node.subpath.startswith("#"):
            report(f"'subpath' {_shown(node.subpath)} must start with '#'; the whole file is shown")
            node.subpath = ""
    elif kind == "link":
        node.url = _text(raw, "url", report, required=True)
        if node.url and not opens_safely(node.url):
            report(f"'url' {_shown(node.url)} is not a web or mail address (http, https, mailto); "
                   "it is shown as text")
    elif kind == "group":
        node.label = _text(raw, "label", report)
        node.background = _text(raw, "background", report)
        node.background_style = _choice(raw, "backgroundStyle", BACKGROUND_STYLES, "", report)
    return node


def _edge(raw: object, number: int, where: tuple[int, int], keys: dict[str, str], board: Board) -> CanvasEdge | None:
    if not isinstance(raw, dict):
        _problem(board, where, f"an edge must be a JSON object, not {_kind(raw)}; it is left out")
        return None
    written = raw.get("id")
    edge_id = written if isinstance(written, str) and written else f"edge {number + 1}"
    report = lambda message: _problem(board, where, f"edge '{edge_id}': {message}")  # noqa: E731
    if edge_id != written:
        report("has no 'id' (a text)")
    ends = {}
    for end in ("fromNode", "toNode"):
        target = raw.get(end)
        if not isinstance(target, str) or target not in keys:
            report(f"'{end}' is {_shown(target)}, which is no node's id on this board; the edge is not drawn")
            return None
        ends[end] = keys[target]
    return CanvasEdge(
        edge_id, ends["fromNode"], ends["toNode"], where[0],
        from_side=_choice(raw, "fromSide", SIDES, "", report), to_side=_choice(raw, "toSide", SIDES, "", report),
        from_end=_choice(raw, "fromEnd", ENDS, "none", report), to_end=_choice(raw, "toEnd", ENDS, "arrow", report),
        color=_color(raw, report), label=_text(raw, "label", report).replace("\r\n", "\n"))


def _number(raw: dict, name: str, default: int, low: int, high: int, report) -> int:
    value = raw.get(name)
    if value is None:
        report(f"has no '{name}'; {default} is used")
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        report(f"'{name}' is {_shown(value)}, not a number; {default} is used")
        return default
    if not low <= value <= high:
        kept = max(low, min(high, int(value))) if value > 0 or low < 0 else default
        report(f"'{name}' is {value:g}, outside {low:,}..{high:,}; {kept} is used")
        return kept
    return round(value)


def _text(raw: dict, name: str, report, *, required: bool = False) -> str:
    value = raw.get(name)
    if value is None:
        if required:
            report(f"has no '{name}'")
        return ""
    if isinstance(value, str):
        return value
    report(f"'{name}' is {_kind(value)}, not a text; it is ignored")
    return ""


def _choice(raw: dict, name: str, allowed: tuple[str, ...], default: str, report) -> str:
    value = raw.get(name)
    if value is None:
        return default
    if value in allowed:
        return value
    report(f"'{name}' is {_shown(value)}, not one of {', '.join(allowed)}; it is ignored")
    return default


def _color(raw: dict, report) -> str:
    """A preset ("1".."6") or "#rrggbb" (from "#rgb" too), lower-cased; anything else is reported."""
    value = raw.get("color")
    if value is None:
        return ""
    if isinstance(value, str) and value in PRESET_COLORS:
        return value
    if isinstance(value, str) and _HEX_COLOR.fullmatch(value):
        digits = value[1:].lower()
        return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)
    report(f"'color' is {_shown(value)}, neither a preset 1-6 nor a hex colour like #ff8800; it is ignored")
    return ""


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _shown(value: object) -> str:
    """A value for a message: short, on one line."""
    text = json.dumps(value, ensure_ascii=False) if value is not None else "missing"
    return text if len(text) <= 60 else text[:57] + "..."
