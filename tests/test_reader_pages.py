"""Unit and build tests of issue 18's Python parts: the offline 404 page, one node for a note and
the term it names, quoted embeds of missing files as mentions, the Figures gallery, the markers the
reference tools fill, and build_site's options."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import build_site
from sitebuild import article, build, make_project, soup
from test_graph import vault_model
from vaultlib.pages.markers import LETTER_BAR_MARKER, TABLE_FILTER_MARKER, compact_missing_figure
from vaultlib.xref.graph import DEFINES, MENTION, build_graph, local_graph
from vaultsite.offline import error_page_base_url

NOTES = {
    "Amazon Elastic Compute Cloud (EC2).md": "---\norder: 1\n---\n# Amazon Elastic Compute Cloud (EC2)\n\n"
                                             "Amazon Elastic Compute Cloud (EC2) runs servers & more ![[ec2 <diagram> & co.png]].\n\n"
                          "## Amazon EBS\n\nAmazon EBS stores blocks ![[ebs.png]] for [[Storage]].\n",
    "Storage.md": "---\norder: 2\n---\n# Storage\n\n## Amazon S3\n\nAmazon S3 keeps objects, and Amazon EC2 "
                  "reads them. Amazon EBS too.\n\n## 東京 &#% 区\n\nNotes in CJK: ![[図 1.png]] ![[pic.png]]\n",
    "Lonely.md": "---\norder: 3\n---\n# Lonely\r\n\r\nOnly Amazon S3 and Amazon Elastic Compute Cloud (EC2) here.\r\n",
}
PNG = b"\x89PNG\r\n\x1a\n"


def test_error_page_base_is_relative_for_the_404_page_only():
    contexts = {name: {"base_url": "/aws-notes/"} for name in ("404.html", "main.html", "sitemap.xml")}
    for name, context in contexts.items():
        error_page_base_url(context, name)
    assert [context["base_url"] for context in contexts.values()] == [".", "/aws-notes/", "/aws-notes/"]


def test_markers_are_hidden_and_inert():
    for marker in (TABLE_FILTER_MARKER, LETTER_BAR_MARKER, compact_missing_figure()):
        assert "<script" not in marker and not re.search(r"\son\w+=", marker)
    assert " hidden" in TABLE_FILTER_MARKER and " hidden" in LETTER_BAR_MARKER


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("reader"), NOTES, {"pic.png": PNG},
                        settings={"missing_attachments": "info"})


@pytest.fixture(scope="module")
def online(project) -> Path:
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_note_and_the_term_it_is_named_after_are_one_node(project):
    index, xref, links = vault_model(project / "docs", {"prefixes": ["Amazon", "AWS"]})
    graph = build_graph(index.notes, links, xref)
    labels = [node.label for node in graph.nodes.values()]
    assert labels.count("Amazon Elastic Compute Cloud (EC2)") == 1, labels
    note = "Amazon Elastic Compute Cloud (EC2).md"
    assert graph.nodes[note].kind == "note"
    kinds = {(e.source, e.target): e.kind for e in graph.edges}
    assert kinds[("Lonely.md", note)] == MENTION  # the mention reaches the note's node
    assert (note, note) not in kinds  # no self-loop for "introduces itself"
    assert any(kind == DEFINES and source == note for (source, _), kind in kinds.items())  # EBS, still its own node
    ring = [n.label for n in local_graph(graph, note).nodes]
    assert ring.count("Amazon Elastic Compute Cloud (EC2)") == 1 and {"Storage", "Lonely"} <= set(ring)


def test_offline_404_page_uses_relative_urls_that_exist(project, tmp_path):
    site = tmp_path / "offline"
    result = build(project, site, offline=True)
    assert result.returncode == 0, result.stderr
    page = soup(site / "404.html")
    urls = [tag.get("href") or tag.get("src") for tag in page.select("link[href], script[src], a[href], img[src]")]
    local = [u for u in urls if not re.match(r"^(https?:|javascript:|data:|#)", u)]
    assert local and not [u for u in local if u.startswith("/")], local
    missing = [u for u in local if not (site / u.split("#")[0]).exists()]
    assert missing == [], missing


def test_online_404_keeps_the_site_path(online):
    assert 'href="/aws-notes/assets/stylesheets/vault.css"' in (online / "404.html").read_text()


def test_quoted_embed_of_a_missing_file_is_a_plain_mention(online):
    services = article(online / "reference" / "services" / "index.html")
    assert services.select(".vault-link--broken") == []
    text = services.get_text(" ")
    assert "ec2 <diagram> & co.png" in text and "ebs.png" in text  # the name as text, escaped in HTML
    assert "<diagram>" not in str(services).replace("&lt;diagram&gt;", "")


def test_figures_page_names_each_file_once_with_a_compact_mark(online):
    page = article(online / "reference" / "figures" / "index.html")
    gallery = page.select_one(".vault-figures")
    assert gallery is not None and gallery.select("h2")
    text = gallery.get_text(" ")
    for name in ("ec2 <diagram> & co.png", "ebs.png", "図 1.png", "pic.png"):
        assert text.count(name) == 1, (name, text)
    assert len(gallery.select(".vault-figure-missing")) == 3
    assert gallery.select(".vault-missing") == []
    assert len(gallery.select("img")) == 1


def test_reference_pages_carry_the_tool_places(online):
    services = (online / "reference" / "services" / "index.html").read_text()
    assert services.count("data-vault-letter-bar") == 1
    for page in ("glossary", "use-cases"):
        html = (online / "reference" / page / "index.html").read_text()
        assert html.count("data-vault-table-filter") <= 1


def test_build_site_options(tmp_path):
    default = build_site.ROOT / "mkdocs.yml"
    assert build_site.parse_arguments([]) == (default, [])
    assert build_site.parse_arguments(["--verbose"]) == (default, ["--verbose"])
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    assert build_site.parse_arguments([str(config), "-v", "--dirty"]) == (config.resolve(), ["-v", "--dirty"])
    for refused in (["-d", "out"], ["--site-dir=out"], [str(config), "--config-file", "other.yml"]):
        with pytest.raises(SystemExit) as stop:
            build_site.parse_arguments(refused)
        assert "chooses the config and output folders" in str(stop.value)
    with pytest.raises(SystemExit) as stop:
        build_site.parse_arguments([str(tmp_path / "none.yml")])
    assert "no such config file" in str(stop.value)


def test_counts_agree_with_their_words():
    from vaultlib.pages.graph_page import counted, graph_page_markdown
    from vaultlib.xref.graph import GraphNode, NoteGraph

    assert [counted(n, "note", "notes") for n in (0, 1, 2)] == ["0 notes", "1 note", "2 notes"]
    one = NoteGraph(nodes={"A.md": GraphNode("A.md", "Ä <b>", "note", "A.md")})
    assert "1 note and 0 services and terms, joined by 0 links, mentions and introductions" in \
        graph_page_markdown("Graph", one)
