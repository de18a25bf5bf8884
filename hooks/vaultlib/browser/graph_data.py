"""The graph as the browser reads it: compact lists, written with ``script_data`` so it stays data in HTML and .js."""
from __future__ import annotations

from collections.abc import Callable

from ..xref.graph import GraphEdge, GraphNode


def graph_payload(nodes: list[GraphNode], edges: list[GraphEdge], url_of: Callable[[GraphNode], str]) -> dict:
    """The compact form the browser reads: nodes as [label, kind, url], edges as [source, target, kind] indexes."""
    position = {node.id: number for number, node in enumerate(nodes)}
    return {
        "nodes": [[node.label, node.kind, url_of(node)] for node in nodes],
        "edges": [[position[edge.source], position[edge.target], edge.kind] for edge in edges],
    }
