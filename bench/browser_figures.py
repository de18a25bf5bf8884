"""Browser figures of previews and graphs on a big synthetic vault, in headless Chromium.

    .venv/bin/python bench/browser_figures.py [--notes 2000] [--work /tmp/vault-browser] [--offline]

Builds the vault of bench/make_vault.py with the project's hooks (online, or the
offline bundle with --offline, opened from file://), then prints:
- Graph page: ms from navigation start to force-graph's first drawn frame with
  every node (the page answers hover and clicks from then on), and to the end of
  the layout; sizes of the data.
- local graph: ms from navigation start to the drawn SVG, and the drawing itself,
  on several note pages;
- previews: ms from the pointer reaching a link to the preview shown, for links
  on several pages (the page loaded and idle first).
Figures are printed, never asserted (issue 13's targets: 2 s, 200 ms, 100 ms).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "hooks")]
from make_vault import make_vault, note_path  # noqa: E402
from run import project  # noqa: E402
from vaultlib.index.urls import slug  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
READY = "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"  # the page's HTML is in
NOTE_NUMBERS = (7, 401, 1002, 1501, 1999)  # pages measured (scaled down for smaller vaults)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(folder: Path, site: Path, offline: bool) -> float:
    env = dict(os.environ, VAULT_OFFLINE="true" if offline else "false", NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(folder / "mkdocs.yml"),
                    "--site-dir", str(site)], check=True, env=env, cwd=folder, timeout=3600)
    return time.perf_counter() - start


def page_url(base: str, page: str, offline: bool) -> str:
    return f"{base}{page}.html" if offline else f"{base}{page}/"


def note_pages(notes: int) -> list[str]:
    """Site paths (without suffix) of a few notes of the vault, as vault_files names their pages."""
    numbers = sorted({number * notes // 2000 for number in NOTE_NUMBERS if number * notes // 2000 % 50})
    return ["/".join(slug(part) for part in note_path(i, notes)[:-3].split("/")) for i in numbers]


def graph_figures(browser, base: str, offline: bool) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_url(base, "reference/graph", offline))
    page.wait_for_function("() => document.querySelector('[data-vault-graph]').dataset.drawnAt", timeout=60000)
    drawn = float(page.locator("[data-vault-graph]").get_attribute("data-drawn-at"))
    ready = page.evaluate(READY)
    counts = page.evaluate("() => [window.vaultGraphView.graphData().nodes.length,"
                           " window.vaultGraphView.graphData().links.length]")
    page.wait_for_function("() => document.querySelector('[data-vault-graph]').dataset.fitted", timeout=120000)
    settled = page.evaluate("performance.now()")
    page.close()
    return {"first_frame_ms": drawn, "ready_ms": ready, "layout_done_ms": settled, "nodes": counts[0],
            "edges": counts[1]}


def local_graph_figures(browser, base: str, offline: bool, pages: list[str]) -> list[tuple[str, float, float, float, int]]:
    found = []
    for page_path in pages:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_url(base, page_path, offline))
        page.wait_for_function("() => document.querySelector('.vault-local-graph').dataset.drawnAt", timeout=30000)
        section = page.locator(".vault-local-graph")
        drawn = float(section.get_attribute("data-drawn-at"))
        found.append((page_path, drawn, drawn - page.evaluate(READY), float(section.get_attribute("data-draw-ms")),
                      page.locator(".vault-local-graph svg a").count()))
        page.close()
    return found


def preview_figures(browser, base: str, offline: bool, pages: list[str]) -> list[float]:
    delays = []
    for page_path in pages:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_url(base, page_path, offline))
        page.wait_for_load_state("networkidle")
        links = page.locator("article a[href*='note-']:not(.headerlink)")
        for number in (0, 5, 11, 19):  # the first ones are prefetched when idle, the later ones not
            if number >= links.count():
                break
            page.mouse.move(5, 5)
            page.wait_for_timeout(300)
            link = links.nth(number)
            link.scroll_into_view_if_needed()
            link.hover()
            page.locator(".vault-preview").wait_for(state="visible", timeout=10000)
            delays.append(page.evaluate("(d => d.shownAt - d.askedAt)(document.querySelector('.vault-preview').dataset)"))
        page.close()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/vault-browser-figures"))
    parser.add_argument("--offline", action="store_true", help="measure the offline bundle from file://")
    options = parser.parse_args()
    vault = make_vault(options.work / f"vault-{options.notes}", options.notes)
    folder = project(vault, "full")
    site = options.work / ("offline" if options.offline else "site")
    seconds = build(folder, site, options.offline)
    data = site / "assets" / "vault" / "graph-data.js"
    shards = list((site / "assets" / "vault" / "previews").rglob("*.js"))
    print(f"{options.notes} notes, built in {seconds:.0f} s; graph data {data.stat().st_size / 1e6:.2f} MB; "
          f"{len(shards)} preview files, largest {max(p.stat().st_size for p in shards) / 1e3:.0f} kB, "
          f"median {statistics.median(p.stat().st_size for p in shards) / 1e3:.1f} kB")
    from playwright.sync_api import sync_playwright

    server = None
    if options.offline:
        base = site.as_uri() + "/"
    else:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = note_pages(options.notes)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        graph = graph_figures(browser, base, options.offline)
        print(f"Graph page ({graph['nodes']} nodes, {graph['edges']} edges): first frame with the nodes "
              f"{graph['first_frame_ms']:.0f} ms after navigation start "
              f"({graph['first_frame_ms'] - graph['ready_ms']:.0f} ms after the HTML was in); "
              f"layout done at {graph['layout_done_ms']:.0f} ms")
        for page_path, drawn, after_html, took, count in local_graph_figures(browser, base, options.offline, pages):
            print(f"local graph of {page_path}: {count} nodes, drawn {drawn:.0f} ms after navigation start, "
                  f"{after_html:.0f} ms after the HTML was in (drawing itself {took:.1f} ms)")
        delays = preview_figures(browser, base, options.offline, pages)
        print(f"previews: {len(delays)} hovers, shown {statistics.median(delays):.0f} ms (median), "
              f"{max(delays):.0f} ms (max) after the pointer reached the link")
        browser.close()
    if server:
        server.shutdown()


if __name__ == "__main__":
    main()
