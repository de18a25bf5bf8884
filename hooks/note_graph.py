"""MkDocs entry point: the Graph page of the whole vault and each note's local graph.

Events: on_files (publish the graph the pipeline built, as a data file, and
force-graph; the Graph page is one of the pipeline's generated pages),
on_post_page (each note page gets its own neighbourhood as JSON, read by
overrides/assets/javascripts/graph.js). Data files are scripts, not JSON
fetched at run time, so they load from file:// too.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import vault_state
from vaultlib.graph import GraphNode, graph_payload, local_graph
from vaultlib.script_data import script_json

GRAPH_DATA = "assets/vault/graph-data.js"  # graph.js loads it, and force-graph, on the Graph page only
FORCE_GRAPH = ("force-graph/dist/force-graph.min.js", "assets/vendor/force-graph.min.js")


@vault_state.timed("note_graph.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the pipeline's graph (step 4b) as a script, and force-graph from node_modules."""
    graph = vault_state.current.graph
    payload = graph_payload(list(graph.nodes.values()), graph.edges, lambda node: _url_of(node, ""))
    data = f"window.vaultGraphData = {json.dumps(payload, ensure_ascii=True, separators=(',', ':'))};\n"
    _replace(files, File.generated(config, GRAPH_DATA, content=data))
    source = Path(config.config_file_path).parent / "node_modules" / FORCE_GRAPH[0]
    if not source.is_file():
        raise PluginError(f"{source} is missing: run 'npm ci' (the build command does) and build again.")
    _replace(files, File.generated(config, FORCE_GRAPH[1], abs_src_path=str(source)))
    return files


def _url_of(node: GraphNode, page_url: str) -> str:
    """The node's page (and section) relative to ``page_url`` ("" for the site root)."""
    record = vault_state.current.records.get(node.note_path)
    url = record.url if record is not None and record.url is not None else ""
    if page_url:
        url = get_relative_url(url, page_url)
    return f"{url}#{node.anchor}" if node.anchor else url


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


@vault_state.timed("note_graph.on_post_page")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    path = page.file.src_uri
    graph = vault_state.current.graph
    node = graph.nodes.get(path)
    if node is None or node.kind != "note":
        return output
    local = local_graph(graph, path)
    payload = graph_payload(local.nodes, local.edges, lambda other: _url_of(other, page.url)) | {"more": local.more}
    data = script_json(payload)  # in a <template>: Material's instant navigation re-runs every <script>
    block = ('<section class="vault-local-graph" aria-label="Graph of this note">'
             '<h2 class="vault-local-graph__title">Graph of this note</h2>'
             '<p class="vault-graph__legend"><span class="vault-graph__entry"><span class="vault-graph__key '
             'vault-graph__key--note"></span> note</span> <span class="vault-graph__entry"><span class="vault-graph__key '
             'vault-graph__key--term"></span> service or term</span> <span class="vault-graph__entry">solid: links '
             'or introduces</span> <span class="vault-graph__entry">dashed: mentions</span></p>'
             f'<template class="vault-local-graph__data">{data}</template></section>')
    head, found, tail = output.rpartition("</article>")
    return f"{head}{block}{found}{tail}" if found else output
