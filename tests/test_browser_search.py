"""Search in Chromium: the online site over HTTP and the offline bundle from disk (file://).

Uses Debian's /usr/bin/chromium (Playwright's own download cannot run here).
A missing browser fails in CI and tells a developer how to install it.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sitebuild import ROOT, build

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
OUTPUT = ROOT / "test-output"
SEARCHES = [("DynamoDB", "Exploring AWS Database Resources"), ("Braket", "Secondary AWS Services Categories"),
            ("IAM", "Glossary")]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run 'apt-get install -y chromium' "
                    "(.ci/run does this) or set CHROMIUM to its path.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def online_url(real_site):
    handler = functools.partial(QuietHandler, directory=str(real_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def offline_index(tmp_path_factory) -> Path:
    """The offline build, zipped and unzipped elsewhere, as a reader would get it."""
    work = tmp_path_factory.mktemp("offline")
    result = build(ROOT, work / "built", offline=True)
    assert result.returncode == 0, result.stderr
    import build_site

    build_site.zip_folder(work / "built", work / "bundle.zip", "bundle")
    with zipfile.ZipFile(work / "bundle.zip") as bundle:
        bundle.extractall(work / "unzipped")
    shutil.rmtree(work / "built")
    return work / "unzipped" / "bundle" / "index.html"


class Session:
    """One page with its console errors and outside requests recorded."""

    def __init__(self, browser, *, block_outside: bool, allowed_prefix: str):
        self.page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(request_route):
            url = request_route.request.url
            if url.startswith(allowed_prefix) or url.startswith("data:") or url.startswith("blob:"):
                request_route.continue_()
            else:
                self.outside.append(url)
                request_route.abort()

        self.page.route("**/*", route)

    def search(self, query: str) -> tuple[list[str], float]:
        """Titles of the result items and seconds from typing to the first result."""
        box = self.page.locator("input.md-search__input")
        results = self.page.locator(".md-search-result__item")
        start = time.perf_counter()
        box.fill(query)
        for _ in range(20):
            try:
                results.first.wait_for(state="visible", timeout=1000)
                break
            except PlaywrightTimeout:
                box.press("End")
                box.type(" ")  # a keystroke makes Material search again if the index came late
        elapsed = time.perf_counter() - start
        return results.all_inner_texts(), elapsed


def open_site(browser, url: str, *, allowed_prefix: str) -> Session:
    session = Session(browser, block_outside=True, allowed_prefix=allowed_prefix)
    if url.startswith("http"):
        # Material's search box finds nothing until the worker has the index.
        with session.page.expect_response(lambda response: "search_index" in response.url):
            session.page.goto(url)
    else:
        session.page.goto(url)
    session.page.wait_for_load_state("networkidle")
    session.page.wait_for_timeout(300)
    return session


def run_searches(browser, url: str, mode: str, allowed_prefix: str) -> list[Session]:
    """Each search in a freshly opened page, as a reader arriving at the site would type it."""
    sessions = []
    for query, title in SEARCHES:
        session = open_site(browser, url, allowed_prefix=allowed_prefix)
        titles, elapsed = session.search(query)
        print(f"\n{mode}: first results for '{query}' after {elapsed:.2f} s")
        assert any(title in t for t in titles), (query, titles)
        OUTPUT.mkdir(exist_ok=True)
        session.page.screenshot(path=str(OUTPUT / f"search-{mode}-{query}.png"))
        sessions.append(session)
    return sessions


def assert_clean(sessions: list[Session]) -> None:
    assert [e for s in sessions for e in s.errors] == []
    assert [u for s in sessions for u in s.outside] == []


def test_online_search_finds_notes_and_opens_the_section(browser, online_url):
    sessions = run_searches(browser, online_url, "online", online_url)
    session = open_site(browser, online_url, allowed_prefix=online_url)
    session.search("Braket")
    session.page.locator(".md-search-result__item a[href*='#amazon-braket']").first.click()
    session.page.wait_for_url("**/secondary-aws-services-categories/**")
    assert "#amazon-braket" in session.page.url
    assert_clean(sessions + [session])


def test_offline_bundle_searches_and_navigates_from_disk(browser, offline_index):
    url = offline_index.as_uri()
    sessions = run_searches(browser, url, "offline", "file://")
    session = open_site(browser, url, allowed_prefix="file://")
    for title in ("Serverless Compute", "Network Services", "Analytics and BI Services"):
        session.page.locator("nav.md-nav--primary a.md-nav__link", has_text=title).first.click()
        session.page.wait_for_load_state("load")
        assert session.page.locator("article h1").first.inner_text().startswith(title)
    assert_clean(sessions + [session])


def test_math_and_diagrams_render_offline_with_no_outside_request(browser, tmp_path):
    from test_obsidian_syntax import NOTE
    from sitebuild import make_project

    project = make_project(tmp_path / "project", {"Syntax.md": NOTE})
    result = build(project, project / "offline", offline=True)
    assert result.returncode == 0, result.stderr
    session = Session(browser, block_outside=True, allowed_prefix="file://")
    session.page.goto((project / "offline" / "syntax.html").as_uri())
    session.page.wait_for_selector(".katex", timeout=10000)
    # Material draws the diagram in a closed shadow root of a new div.mermaid: measure it
    session.page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')].some(d => d.getBoundingClientRect().height > 40)",
        timeout=15000)
    assert session.page.evaluate("typeof mermaid") == "object"
    assert "graph LR" not in session.page.locator("article").inner_text()
    assert session.page.locator(".katex").count() >= 2
    OUTPUT.mkdir(exist_ok=True)
    session.page.screenshot(path=str(OUTPUT / "math-and-mermaid-offline.png"), full_page=True)
    assert_clean([session])
