"""The graph of the vault: notes and terms as nodes; links, mentions and definitions as edges.

Built from the same records as the cross-reference pages (the rendered notes'
wikilinks and the term model), so the graph and those pages agree by
construction. Pure data: ``browser.graph_data`` turns it into the Graph page's
data file and each note's local graph.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..index.vault import Note
from ..record import LinkRecord
from .model import CrossReference

NOTE, TERM = "note", "term"
LINK, MENTION, DEFINES = "link", "mention", "defines"  # note→note, note→term, note→term it introduces
TERM_PREFIX = "term:"


class GraphNode(NamedTuple):  # a tuple: made and compared at C speed, thousands per build
    id: str  # a note's site path, or "term:" + the term's key
    label: str
    kind: str  # NOTE or TERM
    note_path: str  # the note that opens on a click (a term's: where it is introduced)
    anchor: str = ""


class GraphEdge(NamedTuple):
    source: str
    target: str
    kind: str  # LINK, MENTION or DEFINES


@dataclass
class NoteGraph:
    nodes: dict[str, GraphNode] = field(default_factory=dict)  # id -> node, notes in course order, then terms
    edges: list[GraphEdge] = field(default_factory=list)
    touching: dict[str, list[GraphEdge]] = field(default_factory=lambda: defaultdict(list))  # node id -> edges

    def add_edge(self, edge: GraphEdge, seen: set[tuple[str, str]]) -> None:
        """Adds the edge unless it is a self-loop or the pair is joined already (one edge per pair)."""
        pair = (edge.source, edge.target)
        if edge.source == edge.target or pair in seen or (edge.target, edge.source) in seen:
            return
        seen.add(pair)
        self.edges.append(edge)
        self.touching[edge.source].append(edge)
        self.touching[edge.target].append(edge)


def term_id(key: str) -> str:
    return f"{TERM_PREFIX}{key}"


def build_graph(notes: list[Note], links: Iterable[LinkRecord], xref: CrossReference) -> NoteGraph:
    """Every note and term; an edge for each wikilink, each note mentioning a term, each definition.

    A pair of nodes gets one edge, of the first kind found: definitions, then links, then mentions.
    """
    graph = NoteGraph()
    for note in notes:
        graph.nodes[note.site_path] = GraphNode(note.site_path, note.title, NOTE, note.site_path)
    terms = [term for term in xref.terms if term.definition is not None]
    node_of = {}  # term key -> its node: the note that introduces it when the two share a name (one node)
    for term in terms:
        place = term.definition
        note = graph.nodes.get(place.note_path)
        if note is not None and note.label.casefold() == term.title.casefold():
            node_of[term.key] = place.note_path
            continue
        node_of[term.key] = term_id(term.key)
        graph.nodes[term_id(term.key)] = GraphNode(term_id(term.key), term.title, TERM, place.note_path, place.anchor)
    seen: set[tuple[str, str]] = set()
    for term in terms:
        graph.add_edge(GraphEdge(term.definition.note_path, node_of[term.key], DEFINES), seen)
    for link in links:
        graph.add_edge(GraphEdge(link.source.site_path, link.target.site_path, LINK), seen)
    for term in terms:
        for place in xref.mentions.get(term.key, []):
            graph.add_edge(GraphEdge(place.note_path, node_of[term.key], MENTION), seen)
    return graph


@dataclass
class LocalGraph:
    centre: str
    nodes: list[GraphNode]  # the centre first
    edges: list[GraphEdge]
    more: bool  # some neighbours are left out (beyond the limit)


def local_graph(graph: NoteGraph, note_path: str, limit: int = 60) -> LocalGraph:
    """The note, what it links to or mentions, what links to it, and who mentions the terms it introduces.

    At most ``limit`` neighbours, and it stops looking once it has them, so a page's
    share of the graph, and the time to find it, do not grow with the vault.
    """
    ring: dict[str, GraphEdge] = {}  # neighbour id -> the edge that brings it in
    introduced = []

    def candidates():
        for edge in graph.touching.get(note_path, []):
            other = edge.target if edge.source == note_path else edge.source
            if edge.kind == DEFINES:
                introduced.append(other)
            yield other, edge
        for term in introduced:  # who mentions a term this note introduces, in effect, refers to it
            for edge in graph.touching.get(term, []):
                if edge.kind == MENTION:
                    yield edge.source, edge

    more = False
    for other, edge in candidates():
        if other in ring:
            continue
        if len(ring) == limit:
            more = True
            break
        ring[other] = edge
    nodes = [graph.nodes[note_path]] + [graph.nodes[other] for other in ring]
    return LocalGraph(note_path, nodes, list(ring.values()), more)


def changed_nodes(old: NoteGraph, new: NoteGraph) -> set[str]:
    """Ids of the nodes added, removed, or not the same node with the same edges in both graphs."""
    return {node_id for node_id in old.nodes.keys() | new.nodes.keys()
            if old.nodes.get(node_id) != new.nodes.get(node_id)
            or old.touching.get(node_id) != new.touching.get(node_id)}


def near(changed: set[str], graphs: Iterable[NoteGraph], steps: int = 2) -> set[str]:
    """``changed`` and every node at most ``steps`` edges from one of them, in any of ``graphs``.

    A local graph reads two steps out (a note's neighbours, and who mentions a term it introduces, see
    ``local_graph``), so a node farther than two steps from every change keeps its local graph.
    """
    graphs = list(graphs)
    reached, frontier = set(changed), set(changed)
    for _ in range(steps):
        found = set()
        for node_id in frontier:
            for graph in graphs:
                for edge in graph.touching.get(node_id, ()):
                    found.add(edge.target if edge.source == node_id else edge.source)
        frontier = found - reached
        reached |= frontier
    return reached
