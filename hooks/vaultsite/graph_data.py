"""The Graph page's data file and each note's local graph, from the pipeline's graph step.

Data files are scripts, not JSON fetched at run time, so they load from
file:// too; overrides/assets/javascripts/graph.js draws both.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from vaultlib.browser.graph_data import graph_payload
from vaultlib.browser.script_data import script_assignment, script_json
from vaultlib.xref.graph import GraphNode, changed_nodes, local_graph, near

from .files import replace_file
from .site import SiteBuild

GRAPH_DATA = "assets/vault/graph-data.js"  # graph.js loads it, and force-graph, on the Graph page only
LOCAL_GRAPH_TITLE = "Graph of this note"


def publish_graph_data(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """The whole graph as one script that sets ``window.vaultGraphData``.

    Serve: the pipeline hands back the same graph object while nothing it reads changed; with the
    same page URLs the script is the last build's.
    """
    graph, urls = build.pipeline.graph, _note_urls(build)
    carried = build.carried.get("graph data")
    if carried is not None and carried[0] is graph and carried[1] == urls:
        data = carried[2]
    else:
        payload = graph_payload(list(graph.nodes.values()), graph.edges, lambda node: _url_of(build, node, ""))
        data = script_assignment("window.vaultGraphData", payload)
    if build.replay.active:
        build.carried["graph data"] = (graph, urls, data)
    replace_file(files, File.generated(config, GRAPH_DATA, content=data))


def local_graph_data(build: SiteBuild, page: Page) -> str | None:
    """A note page's neighbourhood as JSON (None for other pages); made once per page and build.

    Under serve, JSON made by an earlier build is taken again while the neighbourhood (its nodes,
    edges and their pages' URLs) is the same (``SiteBuild.carried``).
    """
    path = page.file.src_uri
    if path not in build.local_graphs:
        build.local_graphs[path] = _local_graph_json(build, page)
    return build.local_graphs[path]


def local_graphs_of_pages(build: SiteBuild, pages: list[Page]) -> dict[str, str]:
    """Serve: every page's local graph JSON ("" for none), for the replay's output keys.

    A page at least three steps from every node the edit changed (its label, its edges, its page's
    URL: ``changed_nodes``, ``near``) takes its JSON from the last build without finding its
    neighbourhood again; the others are found and compared with the last build's as before.
    """
    graph, urls = build.pipeline.graph, _note_urls(build)
    last = build.carried.get("graph")
    if last is None:
        stale = None
    elif last[0] is graph and last[1] == urls:
        stale = set()
    else:
        moved = {node.id for node in graph.nodes.values() if last[1].get(node.note_path) != urls.get(node.note_path)}
        stale = near(changed_nodes(last[0], graph) | moved, (last[0], graph))
    build.carried["graph"] = (graph, urls)
    kept = build.carried.setdefault("local graphs", {})
    for page in pages:
        path = page.file.src_uri
        if stale is not None and path not in stale and path in kept and kept[path][0][0] == page.url:
            build.local_graphs[path] = kept[path][1]
    return {page.file.src_uri: local_graph_data(build, page) or "" for page in pages}


def _local_graph_json(build: SiteBuild, page: Page) -> str | None:
    path = page.file.src_uri
    graph = build.pipeline.graph
    node = graph.nodes.get(path)
    if node is None or node.kind != "note":
        return None
    local = local_graph(graph, path)
    records = build.pipeline.records
    key = (page.url, local, [records[n.note_path].url if n.note_path in records else None for n in local.nodes])
    cache = build.carried.setdefault("local graphs", {})
    cached = cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    payload = graph_payload(local.nodes, local.edges, lambda other: _url_of(build, other, page.url)) | {"more": local.more}
    # Every <, >, & escaped, so a title '<!--<script>' cannot end the element; a <template>, not a
    # <script>, because Material's instant navigation re-runs every <script> of a page as code.
    data = script_json(payload)
    if build.replay.active:
        cache[path] = (key, data)
    return data


def local_graph_block(build: SiteBuild, output: str, page: Page) -> str:
    """A note page gets its own neighbourhood as inline JSON, before the end of its article."""
    data = local_graph_data(build, page)
    if data is None:
        return output
    block = (f'<section class="vault-local-graph" aria-label="{LOCAL_GRAPH_TITLE}">'
             f'<h2 class="vault-local-graph__title">{LOCAL_GRAPH_TITLE}</h2>'
             '<p class="vault-graph__legend"><span class="vault-graph__entry"><span class="vault-graph__key '
             'vault-graph__key--note"></span> note</span> <span class="vault-graph__entry"><span class="vault-graph__key '
             'vault-graph__key--term"></span> service or term</span> <span class="vault-graph__entry">solid: links '
             'or introduces</span> <span class="vault-graph__entry">dashed: mentions</span></p>'
             f'<template class="vault-local-graph__data">{data}</template></section>')
    head, found, tail = output.rpartition("</article>")
    return f"{head}{block}{found}{tail}" if found else output


def _note_urls(build: SiteBuild) -> dict[str, str | None]:
    """Each note's page URL: with the graph, what the graph's data and the local graphs are made from."""
    return {path: record.url for path, record in build.pipeline.records.items()}


def _url_of(build: SiteBuild, node: GraphNode, page_url: str) -> str:
    """The node's page (and section) relative to ``page_url`` ("" for the site root)."""
    record = build.pipeline.records.get(node.note_path)
    url = record.url if record is not None and record.url is not None else ""
    if page_url:
        url = get_relative_url(url, page_url)
    return f"{url}#{node.anchor}" if node.anchor else url
