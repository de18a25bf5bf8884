"""The Graph page's Markdown: the legend and the places graph.js fills."""
from __future__ import annotations

from ..xref.graph import NoteGraph


def graph_page_markdown(title: str, graph: NoteGraph) -> str:
    """The Graph page: the legend and the places graph.js fills (a canvas, a filter, the text list)."""
    terms = sum(node.kind == "term" for node in graph.nodes.values())
    notes, edges = len(graph.nodes) - terms, len(graph.edges)
    return "\n".join([
        f"# {title}", "",
        f"{notes} notes and {terms} services and terms, joined by {edges} links, mentions and "
        "introductions (the data of the cross-reference pages). Click a node to open it; scroll or pinch to "
        "zoom, drag to pan; the list under the graph has the same links for the keyboard.", "",
        '<div class="vault-graph" data-vault-graph>',
        '<p class="vault-graph__legend"><span class="vault-graph__key vault-graph__key--note"></span> note '
        '<span class="vault-graph__key vault-graph__key--term"></span> service or term</p>',
        '<input class="vault-graph__filter md-input" type="search" placeholder="Filter by name" '
        'aria-label="Filter the graph and the list by name">',
        '<div class="vault-graph__canvas" role="img" aria-label="Graph of the notes; the list below has the same '
        'links"></div>',
        '<div class="vault-graph__list"></div>',
        "</div>", ""])
