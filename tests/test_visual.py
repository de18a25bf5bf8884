"""What a reader sees, measured: every page type at 1280 and 390 px, light and dark, online and offline.

Screenshots go to test-output/visual/<site>/ (gitignored) for a person to look at; the test asserts
geometry: no element wider than the viewport (outside the scroll boxes Material gives tables and
code), the Graph page's nodes inside its canvas once drawn, and the local graph's labels inside the
drawing and clear of each other, with one node per name.
"""
from __future__ import annotations

import re

import pytest

from reader_sites import OUTPUT, SCHEMES, WIDTHS, browser, sites  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    const x = getComputedStyle(up).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden') return true; }
    return false; };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > width + 1 && getComputedStyle(el).visibility !== 'hidden' && !scrolls(el))
      wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.width)}px`);
  }
  return {page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 10)};
}"""

GRAPH_NODES_OUTSIDE = """() => {
  const view = window.vaultGraphView, canvas = document.querySelector('.vault-graph__canvas');
  const width = canvas.clientWidth, height = canvas.clientHeight;
  const nodes = view.graphData().nodes;
  const out = nodes.filter(n => { const at = view.graph2ScreenCoords(n.x, n.y);
    return !(at.x >= 0 && at.x <= width && at.y >= 0 && at.y <= height); }).map(n => n.label);
  return {count: nodes.length, out: out, visible: getComputedStyle(canvas).visibility};
}"""

LOCAL_LABELS = """() => {
  const svg = document.querySelector('.vault-local-graph svg');
  if (!svg) return null;
  const frame = svg.getBoundingClientRect();
  const shown = [...svg.querySelectorAll('.vault-graph-node text')].filter(t => getComputedStyle(t).display !== 'none');
  const boxes = shown.map(t => ({text: t.textContent, box: t.getBoundingClientRect()}));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].box, b = boxes[j].box;
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      overlaps.push([boxes[i].text, boxes[j].text]);
  }
  const cut = boxes.filter(({box, text}) => box.left < frame.left - 1 || box.right > frame.right + 1 ||
                                       box.top < frame.top - 1 || box.bottom > frame.bottom + 1 ||
                                       text.includes('\u2026')).map(b => b.text);
  const names = [...svg.querySelectorAll('.vault-graph-node')].map(n => n.dataset.label);
  return {shown: boxes.length, overlaps, cut, names, emptyAbove: shown.length ? Math.min(...boxes.map(b => b.box.top)) - frame.top : 0};
}"""


def settle(page, kind: str) -> None:
    if kind == "Graph":
        page.wait_for_selector("[data-vault-graph][data-fitted]", timeout=20000)
    page.wait_for_timeout(100)


def check_page(page, kind: str, where: str) -> list[str]:
    problems = []
    wide = page.evaluate(TOO_WIDE)
    if wide["page"] > 1 or wide["wide"]:
        problems.append(f"{where}: {wide['page']} px wider than the viewport; elements: {wide['wide']}")
    if kind == "Graph":
        nodes = page.evaluate(GRAPH_NODES_OUTSIDE)
        if nodes["count"] == 0 or nodes["out"] or nodes["visible"] != "visible":
            problems.append(f"{where}: graph nodes outside the canvas: {nodes}")
        summaries = page.eval_on_selector_all(".vault-graph__list summary", "s => s.map(e => e.textContent)")
        wrong = [text for text in summaries if re.search(r"\b1 connections\b|\b(0|[2-9]|\d\d+) connection$", text)]
        if not summaries or wrong:
            problems.append(f"{where}: plurals in the list: {wrong[:3]}")
    if kind == "Note":
        local = page.evaluate(LOCAL_LABELS)
        if local is not None:
            if local["overlaps"] or local["cut"] or local["shown"] < 2 or local["emptyAbove"] > 24:
                problems.append(f"{where}: local graph labels: {local}")
            if len(set(local["names"])) != len(local["names"]):
                problems.append(f"{where}: local graph draws a name twice: {local['names']}")
    return problems


@pytest.mark.parametrize("name", ["notes-online", "notes-offline", "help-online", "help-offline",
                                  "boards-online", "boards-offline"])
def test_every_page_type_fits_and_graphs_are_drawn_clear(browser, sites, name):
    site = sites[name]
    folder = OUTPUT / "visual" / name
    folder.mkdir(parents=True, exist_ok=True)
    problems, checked = [], 0
    for width in WIDTHS:
        for scheme in SCHEMES:
            for kind, slug in site.page_types().items():
                page = site.open(browser, slug, width=width, scheme=scheme)
                settle(page, kind)
                problems += check_page(page, kind, f"{name} {width}px {scheme} {kind}")
                checked += 1
                if site.online:  # the offline bundle looks the same; its geometry is still checked
                    page.screenshot(path=str(folder / f"{kind.replace(' ', '-')}-{width}-{scheme}.png"), full_page=True)
                page.context.close()
    print(f"\n{name}: {checked} pages measured, screenshots in {folder}")
    assert problems == [], "\n".join(problems)
    assert site.errors == [] and site.outside == [], (site.errors, site.outside)


OPEN_IN_VIEW = """() => {
  const popup = document.getElementById('vault-preview'), open = popup && popup.querySelector('.vault-preview__open');
  if (!popup || popup.hidden || !open) return null;
  const p = popup.getBoundingClientRect(), o = open.getBoundingClientRect();
  return {inside: o.top >= p.top - 1 && o.bottom <= p.bottom + 1 && o.bottom <= innerHeight && o.height > 0,
          popupHeight: Math.round(p.height), bodyScrolls: popup.querySelector('.vault-preview__body').scrollHeight >
          popup.querySelector('.vault-preview__body').clientHeight};
}"""


@pytest.mark.parametrize("name", ["notes-online", "help-offline"])
def test_touch_preview_always_shows_its_open_button(browser, sites, name):
    site = sites[name]
    page = site.open(browser, site.page_types()["Note"], width=390, touch=True)
    links = page.locator(".md-content a[href*='#']:not(.headerlink)")
    seen, scrolled = [], 0
    for number in range(min(links.count(), 8)):
        link = links.nth(number)
        link.scroll_into_view_if_needed()
        link.tap()
        try:
            page.wait_for_selector("#vault-preview:not([hidden]) .vault-preview__open", timeout=1500)
        except Exception:  # noqa: BLE001 (a link to a section with no preview: nothing opens)
            continue
        shown = page.evaluate(OPEN_IN_VIEW)
        if shown is None:  # the tap followed a link to this page's own section: no preview there
            continue
        seen.append(shown)
        scrolled += shown["bodyScrolls"]
        page.keyboard.press("Escape")  # closes it
    page.context.close()
    assert seen and all(s["inside"] for s in seen), seen
    print(f"\n{name}: {len(seen)} touch previews, {scrolled} with a scrolling body, Open in view in all")


@pytest.mark.parametrize("width", WIDTHS)
def test_filtering_the_graph_to_one_node_keeps_a_sane_scale(browser, sites, width):
    site = sites["notes-online"]
    page = site.open(browser, "reference/graph", width=width)
    page.wait_for_selector("[data-vault-graph][data-fitted]", timeout=20000)
    whole = page.evaluate("() => window.vaultGraphView.zoom()")
    label = page.evaluate("() => { const nodes = window.vaultGraphView.graphData().nodes;"
                          " return nodes.find(n => nodes.filter(m => m.label.toLowerCase().includes(n.label.toLowerCase()))"
                          ".length === 1).label; }")
    page.fill(".vault-graph__filter", label)
    page.wait_for_function("() => /^1 of /.test(document.querySelector('.vault-graph__count').textContent)")
    page.wait_for_timeout(700)  # the zoom's 400 ms animation
    zoom = page.evaluate("() => window.vaultGraphView.zoom()")
    inside = page.evaluate(GRAPH_NODES_OUTSIDE.replace("const nodes = view.graphData().nodes;",
                                                       f"const nodes = view.graphData().nodes.filter(n => n.label === {label!r});"))
    page.context.close()
    assert zoom <= max(whole * 3, 2.5) + 1e-6, (label, whole, zoom)
    assert inside["count"] == 1 and inside["out"] == [], inside
