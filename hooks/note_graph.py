"""MkDocs entry point: the Graph page of the whole vault and each note's local graph.

Events: on_files (build the graph from the rendered notes' links and the
cross-reference model; publish its data file, force-graph and the Graph page),
on_post_page (each note page gets its own neighbourhood as JSON, read by
overrides/assets/javascripts/graph.js). Data files are scripts, not JSON
fetched at run time, so they load from file:// too.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import vault_state
from vaultlib.graph import GraphNode, NoteGraph, build_graph, graph_page_markdown, graph_payload, local_graph

GRAPH_PAGE = "reference/graph.md"
GRAPH_TITLE = "Graph"
GRAPH_DATA = "assets/vault/graph-data.js"  # graph.js loads it, and force-graph, on the Graph page only
FORCE_GRAPH = ("force-graph/dist/force-graph.min.js", "assets/vendor/force-graph.min.js")

_graph = NoteGraph()  # this build's graph (hook modules share nothing else with each other)
_urls: dict[str, str] = {}  # note site path -> page URL


@event_priority(41)  # after obsidian_markdown (46) rendered every note; before reference_pages (40) makes the nav
@vault_state.timed("note_graph.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _graph, _urls
    state = vault_state.current
    links = [link for _, _, render in state.rendered.values() for link in render.links]
    _graph = build_graph(state.index.notes, links, state.xref)
    _urls = {note.site_path: file.url for note in state.index.notes
             if (file := files.get_file_from_path(note.site_path)) is not None}
    payload = graph_payload(list(_graph.nodes.values()), _graph.edges, _url_from_root)
    data = f"window.vaultGraphData = {json.dumps(payload, ensure_ascii=True, separators=(',', ':'))};\n"
    _replace(files, File.generated(config, GRAPH_DATA, content=data))
    source = Path(config.config_file_path).parent / "node_modules" / FORCE_GRAPH[0]
    if not source.is_file():
        raise PluginError(f"{source} is missing: run 'npm ci' (the build command does) and build again.")
    _replace(files, File.generated(config, FORCE_GRAPH[1], abs_src_path=str(source)))
    terms = sum(node.kind == "term" for node in _graph.nodes.values())
    page = graph_page_markdown(GRAPH_TITLE, len(_graph.nodes) - terms, terms, len(_graph.edges))
    _replace(files, File.generated(config, GRAPH_PAGE, content=page))
    state.generated[GRAPH_PAGE] = GRAPH_TITLE  # reference_pages puts it in the nav and on the home page
    return files


def _url_from_root(node: GraphNode) -> str:
    url = _urls.get(node.note_path, "")
    return f"{url}#{node.anchor}" if node.anchor else url


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


@vault_state.timed("note_graph.on_post_page")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    path = page.file.src_uri
    node = _graph.nodes.get(path)
    if node is None or node.kind != "note":
        return output
    local = local_graph(_graph, path)

    def url_of(other: GraphNode) -> str:
        url = get_relative_url(_urls.get(other.note_path, ""), page.url)
        return f"{url}#{other.anchor}" if other.anchor else url

    payload = graph_payload(local.nodes, local.edges, url_of) | {"more": local.more}
    data = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")
    block = ('<section class="vault-local-graph" aria-label="Graph of this note">'
             '<h2 class="vault-local-graph__title">Graph of this note</h2>'
             '<p class="vault-graph__legend"><span class="vault-graph__key vault-graph__key--note"></span> note '
             '<span class="vault-graph__key vault-graph__key--term"></span> service or term; '
             'solid: links or introduces, dashed: mentions</p>'
             f'<script type="application/json" class="vault-local-graph__data">{data}</script></section>')
    head, found, tail = output.rpartition("</article>")
    return f"{head}{block}{found}{tail}" if found else output
