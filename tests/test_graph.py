"""Unit tests of the note graph and the hover-preview cutter (vaultlib.graph, vaultlib.previews)."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from vaultlib.browser.graph_data import graph_payload
from vaultlib.xref.graph import DEFINES, LINK, MENTION, build_graph, local_graph, term_id
from vaultlib.index.vault import VaultIndex, VaultRoot
from vaultlib.xref.outline import outline
from vaultlib.browser.previews import MAX_BLOCKS, page_key, page_previews, preview_script, split_blocks
from vaultlib.render.note_render import PageRender
from vaultlib.index.resolver import Resolver
from vaultlib.xref.model import build_cross_reference
from vaultlib.xref.terms import TermRules
from sitebuild import SITE_PATHS, TOC_IDS


def vault_model(docs: Path, terms: dict | None = None):
    """(index, cross-reference model, wikilink records) of a vault, as the hooks build them."""
    index = VaultIndex.scan([VaultRoot(docs)], TOC_IDS)
    xref = build_cross_reference([outline(note) for note in index.notes], TermRules.from_mapping({"prefixes": ["Amazon", "AWS"]} if terms is None else terms))
    resolver = Resolver(index)
    links = []
    for note in index.notes:
        renderer = PageRender(resolver, note, note.site_path, SITE_PATHS)
        renderer.render(note.content.body)
        links += renderer.links
    return index, xref, links


def expected_graph(index, xref, links) -> tuple[set[str], set[frozenset]]:
    """Nodes and (undirected) edges read straight from the model: what the Graph page must show."""
    terms = [t for t in xref.terms if t.definition is not None]
    titles = {n.site_path: n.title.casefold() for n in index.notes}
    # a term named as the note that introduces it is that note's node (one node, one name)
    node = {t.key: t.definition.note_path if titles.get(t.definition.note_path) == t.title.casefold()
            else term_id(t.key) for t in terms}
    nodes = {n.site_path for n in index.notes} | set(node.values())
    edges = {frozenset((l.source.site_path, l.target.site_path)) for l in links if l.source is not l.target}
    edges |= {frozenset((t.definition.note_path, node[t.key])) for t in terms}
    edges |= {frozenset((p.note_path, node[t.key])) for t in terms for p in xref.mentions.get(t.key, [])}
    return nodes, {e for e in edges if len(e) == 2}


NOTES = {
    "Storage.md": "# Storage\n## Amazon S3\nAmazon S3 keeps objects.\n## Other\nText about [[Compute]].\n",
    "Compute.md": "# Compute\n## Amazon EC2\nAmazon EC2 runs servers. [[Compute]] [[Storage#Amazon S3]]\n"
                  "[[Storage]] again.\n",
    "ML.md": "# ML\n## Pipeline\nData waits in Amazon S3 and S3. [[Storage]]\n",
    "Lonely.md": "# Lonely\nNothing here.\n",
    "Data.md": "# Data\nCopies go to Amazon S3.\n",  # joined to Storage only through the term
}


@pytest.fixture
def model(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in NOTES.items():
        (docs / name).write_text(text, encoding="utf-8")
    return vault_model(docs)


def test_graph_has_every_note_and_term_and_one_edge_per_pair(model):
    index, xref, links = model
    graph = build_graph(index.notes, links, xref)
    nodes, edges = expected_graph(index, xref, links)
    assert set(graph.nodes) == nodes
    assert {frozenset((e.source, e.target)) for e in graph.edges} == edges
    assert len(graph.edges) == len(edges)  # no pair twice, in either direction
    assert {"term:s3", "term:ec2"} <= {n for n in graph.nodes if n.startswith("term:")}
    kinds = {(e.source, e.target): e.kind for e in graph.edges}
    assert kinds[("Storage.md", "term:s3")] == DEFINES
    assert kinds[("ML.md", "term:s3")] == MENTION
    assert kinds[("Compute.md", "Storage.md")] == LINK
    assert ("Compute.md", "Compute.md") not in kinds  # a note linking to itself is no edge
    s3 = graph.nodes["term:s3"]
    assert (s3.kind, s3.note_path, s3.anchor, s3.label) == ("term", "Storage.md", "amazon-s3", "Amazon S3")


def test_local_graph_holds_links_both_ways_and_mentions_of_terms_it_introduces(model):
    index, xref, links = model
    graph = build_graph(index.notes, links, xref)
    storage = local_graph(graph, "Storage.md")
    ids = [n.id for n in storage.nodes]
    assert ids[0] == "Storage.md"
    # links to Compute, linked from Compute and ML, introduces S3, which Data mentions
    assert set(ids) == {"Storage.md", "Compute.md", "ML.md", "term:s3", "Data.md"}
    assert ("Data.md", "term:s3", MENTION) in {(e.source, e.target, e.kind) for e in storage.edges}
    assert all(e.source in ids and e.target in ids for e in storage.edges)
    assert local_graph(graph, "Lonely.md").nodes == [graph.nodes["Lonely.md"]]
    small = local_graph(graph, "Storage.md", limit=1)
    assert len(small.nodes) == 2 and small.more and not storage.more
    assert local_graph(graph, "Storage.md", limit=len(storage.nodes) - 1).more is False


def test_payload_uses_indexes_into_the_node_list(model):
    index, xref, links = model
    graph = build_graph(index.notes, links, xref)
    nodes = list(graph.nodes.values())
    payload = graph_payload(nodes, graph.edges, lambda n: f"/{n.note_path}#{n.anchor}")
    assert len(payload["nodes"]) == len(nodes) and len(payload["edges"]) == len(graph.edges)
    for (source, target, kind), edge in zip(payload["edges"], graph.edges):
        assert (nodes[source].id, nodes[target].id, kind) == (edge.source, edge.target, edge.kind)
    assert ["Amazon S3", "term", "/Storage.md#amazon-s3"] in payload["nodes"]


PAGE = """<html><head></head><body><h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>
<p>Intro <em>text</em>.</p>
<h2 id="a">Section A<a class="headerlink" href="#a">¶</a></h2>
<p>First of A<br>line <img alt="x" src="../pic.png"/></p>
<h3 id="a-1">Sub A &amp; more</h3>
<ul><li>item <a class="vault-block" id="^blk"></a></li></ul>
<h2 id="b">Section B</h2>
<p>B text</p>
<div class="vault-backlinks"><p>Referenced from</p></div>
</body></html>"""


def test_previews_cut_sections_at_headings_of_their_level():
    previews = page_previews(PAGE)
    assert set(previews) == {"", "a", "a-1", "^blk", "b"}
    assert previews["a"].title == "Section A"
    assert "First of A" in previews["a"].html and "Sub A" in previews["a"].html  # a subsection is part of it
    assert "Section B" not in previews["a"].html
    assert previews["a-1"].title == "Sub A & more"
    assert previews["a-1"].html.startswith("<ul>") and "Section B" not in previews["a-1"].html
    assert previews["b"].html == "<p>B text</p>"  # the backlinks block is not the section's
    assert previews["^blk"] == previews["^blk"].__class__("Sub A & more", previews["a-1"].html)
    assert previews[""].title == "" and previews[""].html.startswith("<p>Intro <em>text</em>.</p>")
    assert "<img alt=\"x\" src=\"../pic.png\"/>" in previews["a"].html  # the page's own HTML, unchanged


def test_previews_stay_small_and_survive_odd_html():
    many = "<h2 id='s'>S</h2>" + "<p>para</p>" * 50
    assert page_previews(many)["s"].html.count("<p>") == MAX_BLOCKS
    huge = "<h2 id='s'>S</h2><p>" + "word " * 400_000 + "</p>"  # a 2 MB paragraph on one line
    start = time.perf_counter()
    preview = page_previews(huge)["s"]
    assert len(preview.html) < 1000 and preview.html.endswith("…</p>")
    assert time.perf_counter() - start < 30  # linear: far below this even on a busy machine
    broken = "<h2 id='x'>X</h2><div><p>never closed</h2></span><p>tail"
    assert [b.heading for b in split_blocks(broken)][0] == (2, "x", "X")
    assert "never closed" in page_previews(broken)["x"].html


def test_preview_script_registers_the_page():
    script = preview_script("notes/storage/index", "Storage", page_previews(PAGE))
    prefix = '(window.vaultPreviews = window.vaultPreviews || {})["notes/storage/index"] = '
    assert script.startswith(prefix)
    data = json.loads(script[len(prefix):].rstrip().rstrip(";"))
    assert data["title"] == "Storage" and data["sections"]["a"][0] == "Section A"
    assert re.fullmatch(r"[\x00-\x7f]*", script)  # ASCII only: loads the same under any charset
    assert page_key("storage/index.html") == "storage/index" and page_key("storage.html") == "storage"


def test_build_writes_previews_for_every_page_and_a_graph_of_the_services_page(real_site):
    from sitebuild import article, site_nav, soup

    pages = [p for p in real_site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts]
    for page in pages:
        key = page.relative_to(real_site).as_posix().removesuffix(".html")
        assert (real_site / "assets" / "vault" / "previews" / f"{key}.js").is_file(), key
    text = (real_site / "assets" / "vault" / "graph-data.js").read_text()
    data = json.loads(text.removeprefix("window.vaultGraphData = ").rstrip().rstrip(";"))
    services = article(real_site / "reference" / "services" / "index.html")
    entries = sorted(" ".join(h3.get_text().replace("¶", "").split()) for h3 in services.select("h3"))
    # every entry is a term node, or the note node of the note it is named after (one node per name)
    assert sorted(label for label, kind, _ in data["nodes"] if kind == "term" or label in entries) == entries
    assert all((real_site / url.split("#")[0] / "index.html").is_file() for _, _, url in data["nodes"])
    assert ("Graph", "reference/graph/") in site_nav(real_site)
    storage = soup(real_site / "mastering-aws-storage-solutions" / "index.html")
    local = json.loads(storage.select_one("article .vault-local-graph template").string)
    assert local["nodes"][0][0] == "Mastering AWS Storage Solutions" and len(local["nodes"]) > 5


def _random_graph(rng, size: int):
    from vaultlib.xref.graph import GraphEdge, GraphNode, NoteGraph
    graph = NoteGraph()
    for n in range(size):
        graph.nodes[f"n{n}.md"] = GraphNode(f"n{n}.md", f"Note {n} 数据", "note", f"n{n}.md")
    for n in range(size // 3):
        graph.nodes[term_id(f"t{n}")] = GraphNode(term_id(f"t{n}"), f"Term {n}", "term", f"n{n}.md", "x")
    ids, seen = list(graph.nodes), set()
    for _ in range(size * 2):
        source, target = rng.choice(ids[:size]), rng.choice(ids)
        kind = rng.choice([LINK] if not target.startswith("term:") else [MENTION, DEFINES])
        graph.add_edge(GraphEdge(source, target, kind), seen)
    return graph


def _edited(rng, graph):
    """A copy with one change a note edit can make: a node renamed, an edge added, or one removed."""
    from vaultlib.xref.graph import GraphEdge, NoteGraph
    nodes, edges = dict(graph.nodes), list(graph.edges)
    change = rng.choice(["label", "add", "remove"])
    if change == "label":
        node = nodes[rng.choice(list(nodes))]
        nodes[node.id] = node._replace(label=node.label + " (edited)")
    elif change == "add":
        notes = [node_id for node_id in nodes if not node_id.startswith("term:")]
        edges.append(GraphEdge(rng.choice(notes), rng.choice(list(nodes)), MENTION))
    elif edges:
        edges.pop(rng.randrange(len(edges)))
    new, seen = NoteGraph(nodes=nodes), set()
    for edge in edges:
        new.add_edge(edge, seen)
    return new


def test_a_local_graph_far_from_every_change_is_the_same_in_both_graphs():
    """What serve relies on to keep a page's local graph (vaultsite/graph_data.local_graphs_of_pages)."""
    import random
    from vaultlib.xref.graph import changed_nodes, near
    rng, kept = random.Random(7), 0
    for _ in range(300):
        old = _random_graph(rng, rng.randrange(3, 30))
        new = _edited(rng, old)
        stale = near(changed_nodes(old, new), (old, new))
        for node_id in old.nodes.keys() & new.nodes.keys():
            if node_id not in stale and not node_id.startswith("term:"):
                kept += 1
                assert local_graph(old, node_id, limit=8) == local_graph(new, node_id, limit=8), node_id
    assert kept > 1000  # the property was checked on many kept nodes, not vacuously


def test_changed_nodes_are_the_ends_of_a_changed_edge_and_renamed_nodes():
    from vaultlib.xref.graph import GraphEdge, GraphNode, NoteGraph, changed_nodes, near
    old, seen = NoteGraph(), set()
    for name in "abcde":
        old.nodes[name] = GraphNode(name, name.upper(), "note", name)
    for source, target in ("ab", "bc", "cd", "de"):
        old.add_edge(GraphEdge(source, target, LINK), seen)
    new, seen = NoteGraph(nodes=dict(old.nodes)), set()
    for edge in old.edges[:-1]:  # d–e removed
        new.add_edge(edge, seen)
    assert changed_nodes(old, new) == {"d", "e"}
    assert near({"d", "e"}, (old, new)) == {"b", "c", "d", "e"}
    assert near({"a"}, (new,), steps=1) == {"a", "b"}
    assert changed_nodes(old, old) == set()
