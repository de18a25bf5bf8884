"""Hover previews and the graphs in Chromium: the online site over HTTP and the offline bundle from file://.

Offline, every request that is not file: is blocked and logged, and the log must be empty.
"""
from __future__ import annotations

import time

import pytest
import yaml

from sitebuild import ROOT
from test_browser_search import OUTPUT, browser, offline_index, online_url  # noqa: F401 (fixtures)
from test_graph import expected_graph, vault_model
from vaultlib.xref.graph import build_graph, local_graph

pytestmark = pytest.mark.browser

AI_ML = "ai-ml-services-and-machine-learning-process"
STORAGE = "mastering-aws-storage-solutions"
S3_TEXT = "A highly scalable and durable object storage service offered by AWS"
PIPELINE_TEXT = "The source data that needs to be prepared will be stored in an"


class _LooseLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain settings; its !ENV and !!python tags are not needed here."""


_LooseLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def model():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_LooseLoader)
    return vault_model(ROOT / "docs", config["extra"]["vault"]["terms"])


class Site:
    """Pages of one build, online or offline, with console errors and outside requests recorded."""

    def __init__(self, browser, base: str, *, online: bool):
        self.browser, self.base, self.online = browser, base, online
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.allowed = base if online else "file://"

    def url(self, slug: str) -> str:
        if not slug:
            return self.base + ("" if self.online else "index.html")
        return self.base + (f"{slug}/" if self.online else f"{slug}.html")

    def open(self, slug: str, *, width: int = 1280, dark: bool = False, touch: bool = False):
        context = self.browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                           color_scheme="dark" if dark else "light", has_touch=touch)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(request_route):
            url = request_route.request.url
            if url.startswith((self.allowed, "data:", "blob:")):
                request_route.continue_()
            else:
                self.outside.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(self.url(slug))
        page.wait_for_load_state("load")
        return page


def shown_preview(page, link) -> tuple[str, str, float]:
    """(title, body text, seconds from hover to the preview) of the preview a hover on ``link`` opens."""
    link.scroll_into_view_if_needed()
    popup = page.locator(".vault-preview")
    start = time.perf_counter()
    link.hover()
    popup.wait_for(state="visible", timeout=5000)
    elapsed = time.perf_counter() - start
    assert_beside(link.bounding_box(), popup.bounding_box())
    return (page.locator(".vault-preview__title").inner_text(), page.locator(".vault-preview__body").inner_text(),
            elapsed)


def assert_beside(link: dict, popup: dict) -> None:
    """The preview never covers the link."""
    overlaps_x = popup["x"] < link["x"] + link["width"] and link["x"] < popup["x"] + popup["width"]
    overlaps_y = popup["y"] < link["y"] + link["height"] and link["y"] < popup["y"] + popup["height"]
    assert not (overlaps_x and overlaps_y), (link, popup)


def check_previews(site: Site, mode: str) -> None:
    page = site.open(AI_ML)
    pipeline = page.locator("#sampel-ml-pipeline ~ ul").first
    s3 = pipeline.locator(f"a[href*='{STORAGE}'][href$='#amazon-s3']").first
    assert s3.inner_text() == "S3"
    title, body, _ = shown_preview(page, s3)
    delay = page.evaluate("(d => d.shownAt - d.askedAt)(document.querySelector('.vault-preview').dataset)")
    print(f"\n{mode}: preview of S3 shown {delay:.0f} ms after the pointer reached the link")
    assert title == "Mastering AWS Storage Solutions › Amazon S3"
    assert body.startswith(S3_TEXT) and "aws s3 bucket.png" in body  # the placeholder, scaled down
    assert page.locator(".vault-preview__body .vault-missing").bounding_box()["height"] < 80
    assert page.locator(".vault-preview [id]").count() == 0  # no ids the page has already
    page.screenshot(path=str(OUTPUT / f"preview-{mode}-1280-light.png"))
    page.keyboard.press("Escape")
    page.locator(".vault-preview").wait_for(state="hidden", timeout=2000)
    page.mouse.move(5, 500)
    page.context.close()

    page = site.open(STORAGE, dark=True)
    backlink = page.locator(f".vault-backlinks a[href*='{AI_ML}'][href$='#sampel-ml-pipeline']")
    title, body, _ = shown_preview(page, backlink)
    assert title == "AI & ML services and Machine Learning Process › Sampel ML Pipeline"
    assert body.startswith(PIPELINE_TEXT)
    page.screenshot(path=str(OUTPUT / f"preview-{mode}-1280-dark.png"))
    page.mouse.move(5, 500)  # moving away closes it
    page.locator(".vault-preview").wait_for(state="hidden", timeout=2000)
    backlink.focus()  # the keyboard gets the same preview
    page.locator(".vault-preview").wait_for(state="visible", timeout=2000)
    assert page.locator(".vault-preview__body").inner_text().startswith(PIPELINE_TEXT)
    page.context.close()


def check_touch(site: Site, mode: str) -> None:
    """First tap: the preview with an "Open" link; the page stays. "Open" goes there."""
    page = site.open(AI_ML, width=390, touch=True)
    s3 = page.locator(f"#sampel-ml-pipeline ~ ul a[href*='{STORAGE}'][href$='#amazon-s3']").first
    s3.scroll_into_view_if_needed()
    s3.tap()
    page.locator(".vault-preview").wait_for(state="visible", timeout=5000)
    assert page.url.startswith(site.url(AI_ML))
    assert page.locator(".vault-preview__body").inner_text().startswith(S3_TEXT)
    assert_beside(s3.bounding_box(), page.locator(".vault-preview").bounding_box())
    page.screenshot(path=str(OUTPUT / f"preview-{mode}-390-touch.png"))
    page.locator(".vault-preview__open").tap()
    page.wait_for_url(lambda url: STORAGE in url and url.endswith("#amazon-s3"), wait_until="commit")
    page.context.close()


def graph_shown(page) -> tuple[list[tuple[str, str]], list[frozenset]]:
    """Nodes as (kind, label) and edges as pairs of them, as force-graph holds them."""
    page.wait_for_function("() => document.querySelector('[data-vault-graph]').dataset.fitted", timeout=20000)
    page.wait_for_timeout(600)  # zoomToFit's transition
    data = page.evaluate("""() => { const d = window.vaultGraphView.graphData();
        const key = n => [n.kind, n.label];
        return {nodes: d.nodes.map(key), links: d.links.map(l => [key(l.source), key(l.target)])}; }""")
    nodes = [tuple(n) for n in data["nodes"]]
    return nodes, [frozenset((tuple(a), tuple(b))) for a, b in data["links"]]


def check_graph(site: Site, mode: str, model) -> None:
    index, xref, links = model
    expected_nodes, expected_edges = expected_graph(index, xref, links)
    label = {n.site_path: ("note", n.title) for n in index.notes}
    label |= {f"term:{t.key}": ("term", t.title) for t in xref.terms}
    page = site.open("reference/graph")
    nodes, edges = graph_shown(page)
    assert sorted(nodes) == sorted(label[n] for n in expected_nodes)
    assert len(edges) == len(expected_edges)
    assert set(edges) == {frozenset(label[end] for end in edge) for edge in expected_edges}
    # the keyboard's list: every node, each with its connections
    items = page.locator(".vault-graph__list > ul > li")
    assert items.count() == len(expected_nodes)
    assert page.locator(".vault-graph__list details li").count() == 2 * len(expected_edges)
    drawn = page.evaluate("""() => { const c = document.querySelector('.vault-graph__canvas canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n; }""")
    assert drawn > 2000  # nodes and edges are on the canvas
    page.screenshot(path=str(OUTPUT / f"graph-{mode}-1280-light.png"))
    # a click on a node opens its page
    point = page.evaluate("""() => { const view = window.vaultGraphView;
        const node = view.graphData().nodes.find(n => n.label === 'Network Services');
        const at = view.graph2ScreenCoords(node.x, node.y);
        const box = document.querySelector('.vault-graph__canvas').getBoundingClientRect();
        return [box.left + at.x, box.top + at.y]; }""")
    page.mouse.move(*point)
    page.wait_for_timeout(300)  # force-graph finds the node under the pointer on its next frame
    assert page.locator("[data-vault-graph]").get_attribute("data-hovered") == "Network Services"
    assert page.locator("[data-vault-graph]").get_attribute("data-lit") == str(1 + sum(
        "network-services.md" in {end.lower().replace(" ", "-") for end in edge} for edge in expected_edges))
    page.mouse.click(*point)
    page.wait_for_url(f"**/network-services{'/' if site.online else '.html'}")
    page.context.close()
    page = site.open("reference/graph")  # typing filters the list and the graph
    page.locator(".vault-graph__filter").fill("storage")
    page.wait_for_timeout(300)
    assert page.locator(".vault-graph__list > ul > li").all_inner_texts()[0].startswith("Mastering AWS Storage")
    matching = sum("storage" in label[n][1].lower() for n in expected_nodes)
    assert page.locator(".vault-graph__count").inner_text().startswith(f"{matching} of {len(expected_nodes)} nodes")
    page.context.close()
    for width, dark in ((390, False), (390, True), (1280, True)):
        page = site.open("reference/graph", width=width, dark=dark)
        graph_shown(page)
        page.screenshot(path=str(OUTPUT / f"graph-{mode}-{width}-{'dark' if dark else 'light'}.png"))
        page.context.close()


def check_local_graph(site: Site, mode: str, model) -> None:
    index, xref, links = model
    storage = next(note for note in index.notes if note.title == "Mastering AWS Storage Solutions")
    local = local_graph(build_graph(index.notes, links, xref), storage.site_path)
    page = site.open(STORAGE)
    svg_nodes = page.locator(".vault-local-graph svg a")
    svg_nodes.first.wait_for(timeout=5000)
    titles = page.eval_on_selector_all(".vault-local-graph svg a", "links => links.map(a => a.dataset.label)")
    assert sorted(titles) == sorted(node.label for node in local.nodes)
    assert page.locator(".vault-local-graph svg line").count() == len(local.edges)
    page.locator(".vault-local-graph").scroll_into_view_if_needed()
    page.screenshot(path=str(OUTPUT / f"local-graph-{mode}-1280-light.png"))
    page.context.close()
    page = site.open(STORAGE, width=390, dark=True)
    page.locator(".vault-local-graph svg").scroll_into_view_if_needed()
    page.screenshot(path=str(OUTPUT / f"local-graph-{mode}-390-dark.png"))
    page.context.close()


def run_all(site: Site, mode: str, model) -> None:
    OUTPUT.mkdir(exist_ok=True)
    check_previews(site, mode)
    check_touch(site, mode)
    check_graph(site, mode, model)
    check_local_graph(site, mode, model)
    assert site.errors == []
    assert site.outside == []


def test_online_previews_and_graphs(browser, online_url, model):  # noqa: F811
    run_all(Site(browser, online_url, online=True), "online", model)


def test_offline_previews_and_graphs_from_disk(browser, offline_index, model):  # noqa: F811
    run_all(Site(browser, offline_index.parent.as_uri() + "/", online=False), "offline", model)
