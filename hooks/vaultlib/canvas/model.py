"""A JSON Canvas 1.0 board as read from a ``.canvas`` file: nodes, edges, and what was wrong with them.

Spec: jsoncanvas.org (``obsidianmd/jsoncanvas``, ``spec/1.0.md``). Nodes keep the
file's order, which is their z-order (first drawn first, below the others).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import VaultProblem

NODE_TYPES = ("text", "file", "link", "group")
SIDES = ("top", "right", "bottom", "left")
ENDS = ("none", "arrow")
BACKGROUND_STYLES = ("cover", "ratio", "repeat")
PRESET_COLORS = ("1", "2", "3", "4", "5", "6")  # red, orange, yellow, green, cyan, purple

@dataclass
class CanvasNode:
    key: str  # the page's own id for the node ("n0", "n1"...): vault ids may be any text, repeated or missing
    id: str  # as written in the file ("" when missing)
    type: str  # one of NODE_TYPES
    x: int
    y: int
    width: int
    height: int
    line: int  # where the node starts in the file (1-based), for messages
    color: str = ""  # "1".."6" or "#rrggbb" (validated), "" for none
    text: str = ""  # text node: Markdown
    file: str = ""  # file node: vault path
    subpath: str = ""  # file node: "#Heading" or "#^block"
    url: str = ""  # link node
    label: str = ""  # group node
    background: str = ""  # group node: vault path of an image
    background_style: str = ""  # group node: one of BACKGROUND_STYLES

    def contains(self, other: CanvasNode) -> bool:
        """Whether ``other`` lies wholly inside this node's rectangle (how groups hold nodes)."""
        return (other is not self and self.x <= other.x and self.y <= other.y
                and other.x + other.width <= self.x + self.width and other.y + other.height <= self.y + self.height)

@dataclass
class CanvasEdge:
    id: str
    from_node: str  # CanvasNode.key
    to_node: str  # CanvasNode.key
    line: int
    from_side: str = ""  # "" lets the script pick the nearest side
    to_side: str = ""
    from_end: str = "none"
    to_end: str = "arrow"
    color: str = ""
    label: str = ""

@dataclass
class Board:
    path: str  # the file's vault path, for messages
    nodes: list[CanvasNode] = field(default_factory=list)
    edges: list[CanvasEdge] = field(default_factory=list)
    problems: list[VaultProblem] = field(default_factory=list)

    def parent_groups(self) -> dict[str, str]:
        """Node key -> key of the smallest group holding it (nested groups nest), for the outline.

        A group holds a node lying inside its rectangle that is smaller, or as large and drawn
        before it (below): (area, -position) orders every pair, so no two groups hold each other.
        """
        position = {node.key: number for number, node in enumerate(self.nodes)}
        area = {node.key: node.width * node.height for node in self.nodes}
        groups = sorted((n for n in self.nodes if n.type == "group"), key=lambda g: (area[g.key], -position[g.key]))
        parents = {}
        for node in self.nodes:
            rank = (area[node.key], -position[node.key])
            holder = next((g for g in groups if (area[g.key], -position[g.key]) > rank and g.contains(node)), None)
            if holder is not None:
                parents[node.key] = holder.key
        return parents
