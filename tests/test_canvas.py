"""JSON Canvas boards: the parser with nasty input, the board's Markdown, and a vault of boards built for real.

The fixture vault is tests/fixtures/canvas-vault/make_canvas_vault.py; the expectations are
computed from its boards (ids, positions, edges), not written out twice.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from mkdocs.utils import get_relative_url

from sitebuild import ROOT, TOC_IDS, article, build, make_project, soup, unresolved_links
from vaultlib.canvas import parse_canvas
from vaultlib.canvas.markdown import attribute_text, card_text, outline_markdown
from vaultlib.index.vault import VaultRoot
from vaultlib.pipeline import Pipeline, SiteInfo
from vaultlib.render.cache import RenderCache
from vaultlib.settings import VaultSettings

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "canvas-vault"))
import make_canvas_vault as vault  # noqa: E402

BOARD_PAGE = "maps/course-map-canvas/index.html"


def messages(board) -> list[str]:
    return [str(problem) for problem in board.problems]


# -- the parser ------------------------------------------------------------------------------------------

def test_every_field_of_a_good_board_is_read():
    board = parse_canvas(json.dumps(vault.COURSE_MAP, indent=2), "Course map.canvas")
    assert board.problems == []
    assert [node.id for node in board.nodes] == [node["id"] for node in vault.COURSE_MAP["nodes"]]
    assert [node.key for node in board.nodes] == [f"n{number}" for number in range(len(board.nodes))]
    for node, raw in zip(board.nodes, vault.COURSE_MAP["nodes"]):
        assert (node.type, node.x, node.y, node.width, node.height) == (
            raw["type"], raw["x"], raw["y"], raw["width"], raw["height"])
    by_id = {node.id: node for node in board.nodes}
    assert by_id["details"].subpath == "#Details" and by_id["block"].subpath == "#^key-point"
    assert by_id["details"].color == "#00aa88"  # "#0a8" spelt out
    assert by_id["course"].background == "assets/pic.png" and by_id["tiles"].background_style == "repeat"
    keys = {node.id: node.key for node in board.nodes}
    edges = {edge.id: edge for edge in board.edges}
    assert [edge.id for edge in board.edges] == [edge["id"] for edge in vault.COURSE_MAP["edges"]]
    assert (edges["e-read"].from_node, edges["e-read"].to_node) == (keys["welcome"], keys["details"])
    assert (edges["e-both"].from_end, edges["e-both"].to_end) == ("arrow", "arrow")
    assert (edges["e-auto"].from_side, edges["e-auto"].from_end, edges["e-auto"].to_end) == ("", "none", "arrow")
    assert edges["e-read"].label == "reads & #%" and edges["e-plain"].label == "見る"


def test_each_node_and_edge_knows_its_line_in_the_file():
    text = json.dumps(vault.COURSE_MAP, indent=2)
    board = parse_canvas(text, "b.canvas")
    lines = text.splitlines()
    for node in board.nodes:
        assert lines[node.line - 1].strip() == "{" and f'"id": "{node.id}"' in lines[node.line]


def test_a_bom_crlf_and_cjk_ids_read_as_plain_json():
    text = "\ufeff" + json.dumps(vault.CJK_BOARD, indent=1, ensure_ascii=False).replace("\n", "\r\n")
    board = parse_canvas(text, "地図 & Map (1).canvas")
    assert board.problems == []
    assert [node.id for node in board.nodes] == ["一", "二"]
    assert board.nodes[0].text == "中文卡片 [[Beta]]\n第二行"  # CRLF inside the text too
    assert [(edge.from_node, edge.to_node, edge.label) for edge in board.edges] == [("n0", "n1", "次")]


def test_a_file_cut_off_keeps_the_nodes_before_the_break_and_says_where():
    board = parse_canvas(vault.BROKEN_JSON, "Broken JSON.canvas")
    assert [node.text for node in board.nodes] == ["Read before the break"]
    [problem] = messages(board)
    assert problem.startswith("Broken JSON.canvas:5: column 1: the board is not valid JSON Canvas")
    assert "the page shows the 1 nodes and 0 edges read before that point" in problem


def test_wrong_fields_are_reported_by_node_and_replaced_by_defaults():
    text = json.dumps(vault.BAD_FIELDS, indent=2)
    board = parse_canvas(text, "Bad fields.canvas")
    found = "\n".join(messages(board))
    for expected in ["node 1: has no 'id'", "node 'twin': another node has this id; edges go to the first",
                     "node 'odd': 'type' is \"sticker\"", "node 'odd': 'x' is \"left\", not a number; 0 is used",
                     "'y' is 1e+12, outside -1,000,000..1,000,000; 1000000 is used",
                     "'width' is -5, outside 1..100,000; 250 is used", "node 'paint': 'color' is \"red\"",
                     "node 'js': 'url' \"javascript:alert(1)\" is not a web or mail address",
                     "a node must be a JSON object, not a text; it is left out",
                     "edge 'to-nowhere': 'toNode' is \"ghost\", which is no node's id on this board",
                     "edge 'bad-side': 'fromSide' is \"middle\"", "edge 'bad-side': 'toEnd' is \"spear\""]:
        assert expected in found, expected
    assert all(re.match(r"Bad fields\.canvas:\d+: column \d+: ", line) for line in messages(board))
    assert [node.text for node in board.nodes if node.type == "text"][:3] == ["No id here", "First twin", "Second twin"]
    odd = next(node for node in board.nodes if node.id == "odd")
    assert (odd.type, odd.x, odd.y, odd.width) == ("text", 0, 1_000_000, 250)
    [edge] = board.edges  # the edge to a missing node is not drawn; the other keeps its defaults
    first_twin = next(node for node in board.nodes if node.text == "First twin")
    assert (edge.id, edge.from_node, edge.from_side, edge.to_end) == ("bad-side", first_twin.key, "", "arrow")


@pytest.mark.parametrize("text, reason", [
    ("[]", "one JSON object"), ('{"nodes": 5}', "'nodes' must be a list"), ('{"nodes": [{"x": NaN}]}', "NaN"),
    ('{"nodes": [{"x": Infinity}]}', "Infinity"), ('{"nodes": []} trailing', "more text after"),
    ('{"nodes": [' + "[" * 100_000 + "]" * 100_000 + "]}", "nested too deeply"), ("{nodes: []}", "double quotes"),
    ('{"nodes": [], "edges": [}', "Expecting value"),
])
def test_nasty_files_give_one_message_and_no_traceback(text, reason):
    board = parse_canvas(text, "x.canvas")
    assert len(board.problems) >= 1 and reason in str(board.problems[0]), messages(board)
    assert str(board.problems[0]).startswith("x.canvas:1: column ")


def test_an_empty_file_and_an_empty_object_are_empty_boards():
    for text in ("", "  \n", "{}", '\ufeff{"nodes": [], "edges": []}'):
        board = parse_canvas(text, "e.canvas")
        assert (board.nodes, board.edges, board.problems) == ([], [], [])


def test_odd_text_survives_and_a_megabyte_line_reads():
    nasty = "&#% <b>&amp;</b> [[x]] ^block %% `[[y]]` \u2028 é 中"
    big = "word " * 200_000
    text = json.dumps({"nodes": [{"id": "&#%", "type": "text", "x": 1.6, "y": -2, "width": 10, "height": 10,
                                  "text": nasty}, {"id": "big", "type": "text", "x": 0, "y": 0, "width": 1,
                                                   "height": 1, "text": big}]})
    board = parse_canvas(text, "n.canvas")
    assert board.problems == [] and board.nodes[0].text == nasty and board.nodes[0].x == 2
    assert board.nodes[1].text == big


def test_nested_groups_hold_the_smallest_first():
    board = parse_canvas(json.dumps(vault.COURSE_MAP), "b.canvas")
    key = {node.id: node.key for node in board.nodes}
    parents = board.parent_groups()
    assert parents[key["compute"]] == key["course"]
    assert parents[key["welcome"]] == key["compute"] and parents[key["details"]] == key["compute"]
    assert parents[key["missing"]] == key["course"] and parents[key["whole"]] == key["tiles"]
    assert key["course"] not in parents and key["tiles"] not in parents


def test_two_equal_groups_do_not_hold_each_other():
    group = {"type": "group", "x": 0, "y": 0, "width": 100, "height": 100}
    board = parse_canvas(json.dumps({"nodes": [dict(group, id="a"), dict(group, id="b")]}), "g.canvas")
    assert board.parent_groups() == {"n1": "n0"}


# -- the board's Markdown ------------------------------------------------------------------------------------

def test_a_card_cannot_spill_into_the_page():
    assert card_text("```python\nprint(1)") == "```python\nprint(1)\n```"  # an unclosed fence is closed
    assert card_text("a %%open comment") == "a %&#37;open comment"  # cannot pair with a later card's %%
    assert card_text("shown %%hidden%% too") == "shown  too"
    assert card_text("html <!-- hidden --> comment") == "html  comment"
    assert card_text("a <!--open comment") == "a &lt;!--open comment"  # cannot pair with a later card's -->
    assert card_text("</div> oops") == "&lt;/div> oops"  # cannot close the card's block
    assert card_text("<div>ok</div>") == "<div>ok</div>"  # balanced HTML stays
    assert card_text("```\n</div>\n```") == "```\n</div>\n```"  # code stays code


def test_attribute_text_leaves_nothing_for_markdown_or_html():
    value = attribute_text('a"b<c>&[[d]] #tag %%e `f` é 中')
    assert re.fullmatch(r"[\w &#;.,/:-]*", value) and "[[" not in value and '"' not in value and "%%" not in value
    from html import unescape
    assert unescape(value) == 'a"b<c>&[[d]] #tag %%e `f` é 中'


def test_the_outline_nests_groups_and_names_each_edge():
    board = parse_canvas(json.dumps(vault.COURSE_MAP), "b.canvas")
    text = outline_markdown(board, lambda node: "#" + node.key)
    assert "- Group: [Course &#38; plan &#35;1](#n0)\n    - Group: [Compute](#n1)\n        - Text: [Start here](#n2)" in text
    assert "- [Start here](#n2) → [Alpha › Details](#n3): reads &#38; &#35;&#37;" in text
    assert "- [Alpha › Details](#n3) ↔ [Alpha › key-point](#n4)" in text
    assert "- [Start here](#n2) — [https://example.com/docs?q&#61;a&#38;b&#61;&#37;25&#35;part](#n8): 見る" in text
    assert text.endswith("- [pic.png](#n7) → [Gamma](#n10)")


# -- through the pipeline ----------------------------------------------------------------------------------

def run_pipeline(folder: Path, cache: RenderCache) -> Pipeline:
    pipeline = Pipeline(VaultSettings(terms={}), TOC_IDS, get_relative_url, cache)
    publish = lambda index: {note.site_path: note.site_path[:-3].lower() + "/" for note in index.notes}  # noqa: E731
    pipeline.run([VaultRoot(folder)], publish, SiteInfo("Test"))
    return pipeline


def test_a_board_is_a_record_rendered_once_and_again_when_it_changes(tmp_path):
    for name in ("Alpha.md", "Gamma.md", "Maps/Course map.canvas"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(vault.NOTES[name], encoding="utf-8")
    cache = RenderCache()
    first = run_pipeline(tmp_path, cache)
    record = first.records["Maps/Course map.canvas.md"]
    assert record.note.title == "Course map" and {link.target.site_path for link in record.links} == {
        "Alpha.md", "Gamma.md"}
    assert [backlink.note_path for backlink in first.records["Gamma.md"].backlinks] == ["Maps/Course map.canvas.md"]
    assert run_pipeline(tmp_path, cache).rendered_now == []
    (tmp_path / "Maps/Course map.canvas").write_text(json.dumps({"nodes": []}), encoding="utf-8")
    again = run_pipeline(tmp_path, cache)
    assert again.rendered_now == ["Maps/Course map.canvas.md"] and again.records["Gamma.md"].backlinks == []


# -- the vault built for real ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def canvas_site(tmp_path_factory) -> tuple[Path, str]:
    project = make_project(tmp_path_factory.mktemp("canvas"), vault.NOTES, vault.ATTACHMENTS,
                           {"broken_links": "info"})
    result = build(project, strict=False, verbose=True)  # the malformed boards are warnings
    assert result.returncode == 0, result.stderr
    return project / "site", result.stderr


def board_article(site: Path, page: str = BOARD_PAGE):
    return article(site / page)


def test_the_build_names_each_bad_board_and_line_and_never_shows_a_traceback(canvas_site):
    _, log = canvas_site
    assert "Traceback" not in log
    assert "WARNING -  vault: Broken JSON.canvas:5: column 1: the board is not valid JSON Canvas" in log
    assert "vault: Bad fields.canvas:" in log and "node 'twin': another node has this id" in log
    text = vault.NOTES["Maps/Course map.canvas"].splitlines()
    missing_line = next(n for n, line in enumerate(text, 1) if '"id": "missing"' in line) - 1
    assert f"Maps/Course map.canvas:{missing_line}: node 'missing': 'Missing note.md' is not in the vault" in log
    assert "Beta.md:3: [[Course map]]: no note or file named 'Course map'" in log  # the extension is needed


def test_every_card_is_on_the_board_with_its_geometry(canvas_site):
    site, _ = canvas_site
    page = board_article(site)
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Course map"
    cards = page.select("[data-vault-canvas] > .vault-canvas__node")
    assert len(cards) == len(vault.COURSE_MAP["nodes"])
    for card, raw in zip(cards, vault.COURSE_MAP["nodes"]):
        assert f"vault-canvas__node--{raw['type']}" in card["class"]
        assert [int(card[f"data-vault-{name}"]) for name in ("x", "y", "width", "height")] == [
            raw["x"], raw["y"], raw["width"], raw["height"]]
        assert "style" not in card.attrs
    assert "vault-canvas--color-1" in cards[2]["class"] and cards[3]["data-vault-color"] == "#00aa88"


def test_cards_show_text_notes_sections_blocks_images_links_and_placeholders(canvas_site):
    site, _ = canvas_site
    cards = {raw["id"]: card for raw, card in zip(vault.COURSE_MAP["nodes"],
                                                  board_article(site).select(".vault-canvas__node"))}
    welcome = cards["welcome"]
    assert [a["href"] for a in welcome.select("p a")] == ["../../alpha/", "../../gamma/"]
    assert welcome.select_one(".admonition.tip") and welcome.select_one(".arithmatex")
    assert welcome.select_one(".vault-tag").get_text() == "#study-map"
    assert "Visible after comment" in welcome.get_text() and "hidden" not in welcome.get_text()
    details = cards["details"].get_text(" ")
    assert "Detail text shown on the board" in details and "Intro of alpha" not in details
    assert "After the details" not in details
    assert cards["details"].select_one("blockquote a")["href"] == "../../alpha/#details"
    block = cards["block"].get_text(" ")
    assert "A key point of alpha" in block and "Not the block" not in block
    assert cards["missing"].select_one(".vault-missing__caption").get_text() == "Missing note.md"
    assert cards["draft"].get_text(strip=True) == "Secret" and not cards["draft"].select("a")
    assert cards["picture"].select_one("img")["src"] == "../../assets/pic.png"
    link = cards["site"].select_one("a.vault-canvas__url")
    assert link["href"] == vault.COURSE_MAP["nodes"][8]["url"] and link.get_text() == link["href"]
    assert cards["course"].select_one(".vault-canvas__label").get_text() == "Course & plan #1"
    assert cards["course"].select_one(".vault-canvas__background img")["src"] == "../../assets/pic.png"
    assert cards["whole"].select_one("blockquote a")["href"] == "../../gamma/"


def test_edges_are_data_for_the_script(canvas_site):
    site, _ = canvas_site
    page = board_article(site)
    key = {raw["id"]: f"n{number}" for number, raw in enumerate(vault.COURSE_MAP["nodes"])}
    spans = page.select(".vault-canvas__edges [data-vault-edge]")
    assert [span["data-vault-edge"] for span in spans] == [edge["id"] for edge in vault.COURSE_MAP["edges"]]
    for span, raw in zip(spans, vault.COURSE_MAP["edges"]):
        assert (span["data-vault-from"], span["data-vault-to"]) == (key[raw["fromNode"]], key[raw["toNode"]])
        assert span.get("data-vault-label", "") == raw.get("label", "")
        assert span.get("data-vault-to-end") == raw.get("toEnd", "arrow")
    assert spans[1]["data-vault-color"] == "#ff0088" and spans[0]["data-vault-from-side"] == "right"


def test_the_outline_lists_the_same_cards_and_edges(canvas_site):
    site, _ = canvas_site
    outline = board_article(site).select_one(".vault-canvas-outline")
    assert "data-search-exclude" in outline.attrs
    top = outline.select_one("ul")
    course = top.find("li", recursive=False)
    assert course.find("a")["href"] == "#canvas-n0"
    assert course.select_one(":scope > ul > li > a").get_text() == "Compute"
    items = [a["href"] for a in top.select("a")]
    assert sorted(items) == sorted(f"#canvas-n{n}" for n in range(len(vault.COURSE_MAP["nodes"])))
    connections = outline.select("ul")[-1].select("li")
    assert [item.get_text(" ", strip=True) for item in connections][0] == "Start here → Alpha › Details : reads & #%"


def test_every_link_lands_and_board_links_need_the_extension(canvas_site):
    site, _ = canvas_site
    assert unresolved_links(site) == []
    beta = article(site / "beta/index.html")
    hrefs = [a["href"] for a in beta.select("p a")]
    assert hrefs[:2] == ["../maps/course-map-canvas/", "../maps/course-map-canvas/"]
    assert beta.select_one(".vault-link--broken").get_text() == "Course map"
    assert any(unquote(h) == "../地図-map-1-canvas/" for h in hrefs)


def test_an_embedded_board_is_its_outline_linking_into_the_board(canvas_site):
    site, _ = canvas_site
    quote = article(site / "beta/index.html").select_one("blockquote")
    assert quote.select_one("a")["href"] == "../maps/course-map-canvas/"
    anchors = [a["href"] for a in quote.select("li a")]
    assert "../maps/course-map-canvas/#canvas-n2" in anchors
    assert not quote.select(".vault-canvas__node")  # not a second board


def test_the_notes_a_board_shows_or_links_list_it_in_their_backlinks(canvas_site):
    site, _ = canvas_site
    for note in ("alpha", "gamma"):
        backlinks = article(site / f"{note}/index.html").select_one(".vault-backlinks")
        assert "Course map" in backlinks.get_text(), note
    backlinks = board_article(site).select_one(".vault-backlinks")
    assert [a.get_text() for a in backlinks.select("a")] == ["Beta"]


def test_the_graph_has_the_board_and_its_edges(canvas_site):
    site, _ = canvas_site
    text = (site / "assets/vault/graph-data.js").read_text(encoding="utf-8")
    graph = json.loads(text[text.index("=") + 1:].strip().rstrip(";"))
    labels = [node[0] for node in graph["nodes"]]
    board = labels.index("Course map")
    assert graph["nodes"][board][2] == "maps/course-map-canvas/"
    touching = {(labels[a], labels[b]) for a, b, _ in graph["edges"]}
    assert {("Course map", "Alpha"), ("Course map", "Gamma"), ("Beta", "Course map")} <= touching
    assert "Secret" not in labels


def test_card_text_is_in_the_search_index_under_the_board(canvas_site):
    site, _ = canvas_site
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    board = " ".join(doc["text"] for doc in docs if doc["location"].startswith("maps/course-map-canvas/"))
    assert "Visible after comment" in board and "Detail text shown on the board" in board
    assert "Outline of the board" not in board
    assert any("中文卡片" in doc["text"] for doc in docs if "canvas" in doc["location"])


def test_malformed_boards_show_what_could_be_read(canvas_site):
    site, _ = canvas_site
    broken = board_article(site, "broken-json-canvas/index.html")
    assert [card.get_text(strip=True) for card in broken.select(".vault-canvas__node")] == ["Read before the break"]
    bad = board_article(site, "bad-fields-canvas/index.html")
    text = bad.get_text(" ")
    assert "No id here" in text and "First twin" in text and "Second twin" in text
    assert "javascript:alert(1)" in text and not bad.select("a[href^=javascript]")
    assert len(bad.select(".vault-canvas__edges [data-vault-edge]")) == 1
    empty = board_article(site, "empty-canvas/index.html")
    assert "The board is empty." in empty.get_text()


def test_the_home_page_and_the_nav_list_the_boards(canvas_site):
    site, _ = canvas_site
    home = article(site / "index.html")
    hrefs = {unquote(a["href"]) for a in home.select("a")}
    assert {"maps/course-map-canvas/", "地図-map-1-canvas/", "broken-json-canvas/"} <= hrefs
    nav = soup(site / BOARD_PAGE).select_one("title").get_text()
    assert nav.startswith("Course map")


def test_good_boards_build_strict(tmp_path):
    notes = {name: vault.NOTES[name] for name in ("Alpha.md", "Gamma.md", "Secret.md", "Maps/Course map.canvas",
                                                   "地図 & Map (1).canvas", "Empty.canvas")}
    notes["Beta.md"] = ("# Beta\n\n![[Course map.canvas]]\n\n[[Maps/Course map.canvas#Start here]]\n\n"
                        "[[Reading list.base]]\n\n![[Reading list.base]]\n")
    notes["Tables/Reading list.base"] = "views:\n  - type: table\n    name: Table\n"
    project = make_project(tmp_path / "strict", notes, vault.ATTACHMENTS)
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    beta = article(project / "site/beta/index.html")
    assert "../maps/course-map-canvas/#start-here" in [a["href"] for a in beta.select("p a")]
    # A base is a page too, evaluated over every published page (boards and the base itself included).
    assert "../tables/reading-list-base/" in [a["href"] for a in beta.select("p a")]
    rows = [a.get_text() for a in beta.select(".vault-base td a")]
    assert sorted(rows) == sorted(["Alpha", "Beta", "Gamma", "Course map.canvas", "地図 & Map (1).canvas",
                                   "Empty.canvas", "Reading list.base"])  # not the draft Secret
    page = article(project / "site/tables/reading-list-base/index.html")
    assert sorted(a.get_text() for a in page.select(".vault-base td a")) == sorted(rows)
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Reading list"
    assert unresolved_links(project / "site") == []


def test_hover_previews_of_the_board_hold_its_cards(canvas_site):
    site, _ = canvas_site
    script = (site / "assets/vault/previews/maps/course-map-canvas/index.js").read_text(encoding="utf-8")
    previews = json.loads(script[script.index("] = ") + 4:].rstrip().rstrip(";"))
    assert previews["title"] == "Course map"
    top = " ".join(previews["sections"][""])  # the board's cards (canvas.js leaves a preview's copy a column)
    assert "Start here" in top and "Detail text shown on the board" in top and "vault-canvas__node" in top


def test_a_board_showing_another_board_and_itself(tmp_path):
    card = {"x": 0, "y": 0, "width": 100, "height": 100}
    (tmp_path / "A.canvas").write_text(json.dumps({"nodes": [
        dict(id="other", type="file", file="B.canvas", **card),
        dict(id="self", type="text", text="![[A.canvas]]", **card)]}, indent=2), encoding="utf-8")
    (tmp_path / "B.canvas").write_text(json.dumps({"nodes": [dict(card, id="b1", type="text", text="In B")]}),
                                       encoding="utf-8")
    pipeline = run_pipeline(tmp_path, RenderCache())
    record = pipeline.records["A.canvas.md"]
    assert "> - Text: [In B](B.canvas.md#canvas-n0)" in record.markdown  # B's outline, linking into B
    [cycle] = [problem for problem in record.problems if problem.kind == "embed-cycle"]
    assert str(cycle).startswith("A.canvas:") and "node 'self': ![[A.canvas]] embeds a note that embeds it back" in str(cycle)
    assert cycle.line == next(n for n, line in enumerate((tmp_path / "A.canvas").read_text().splitlines(), 1)
                              if '"id": "self"' in line) - 1
