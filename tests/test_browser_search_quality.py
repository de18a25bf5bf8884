"""The search finds what a student types, in Chromium, online (HTTP) and from the offline bundle (file://).

Questions come from the benchmark (bench/search_questions.yml); the page is driven the way the
benchmark drives it (bench/search_quality.py: click the box, type key by key, read what the list shows).
"""
from __future__ import annotations

import sys

import pytest
import yaml

from sitebuild import ROOT, build, make_project
from test_browser_search import QuietHandler, browser, offline_index, online_url  # noqa: F401 (fixtures)

sys.path.insert(0, str(ROOT / "bench"))
from search_quality import QUESTIONS, SearchPage, rank, result_target  # noqa: E402

pytestmark = pytest.mark.browser

ASSERTED = {  # query -> class in the benchmark; each must be the first section listed
    "elastic compute cloud auto scaling": "acronym",  # expansion -> acronym: the section says "EC2 Auto Scaling"
    "elastic compute cloud hosted databases": "acronym",
    "ElastiCache": "variant",  # the notes spell it ElasticCache
    "Route53": "variant",
    "why migrate data": "own_words",
    "send sms notifications": "own_words",
}
# A vault whose second section writes only the expansion, the third only the acronym.
GLOSSARY_NOTE = """# Widgets

## Definitions

The Elastic Widget Service (EWS) is defined here.

## Billing

Elastic Widget Service bills by the hour, rounding up.

## Regions

EWS runs in three regions, each with its own quota.
"""


def questions() -> dict[str, dict]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return {q["q"]: q for items in data.values() for q in items}


def open_ready(browser, url: str) -> SearchPage:
    page = SearchPage(browser, url)
    page.wait_ready()
    return page


def assert_first(page: SearchPage, root: str) -> None:
    known = questions()
    for query, kind in ASSERTED.items():
        assert query in known, f"{query!r} is not a {kind} question of the benchmark"
        links = page.search(query)
        assert rank(known[query], links, root) == 1, (query, [result_target(h, root) for h in links[:5]])


def assert_no_hit_offers_reference_pages(page: SearchPage) -> None:
    page.search("zqxwv")
    meta = page.page.locator(".md-search-result__meta")
    assert meta.inner_text().startswith("No matching documents")
    links = meta.locator(".vault-search-fallback a")
    assert links.all_inner_texts() == ["Glossary", "Services A–Z"]
    links.first.click()
    page.page.wait_for_load_state("load")
    assert page.page.locator("article h1").first.inner_text().startswith("Glossary")


def assert_highlight_and_suggestion(page: SearchPage) -> None:
    page.search("elasti")
    assert page.page.locator(".md-search__suggest").inner_text().lower().startswith("elasti")
    assert len(page.page.locator(".md-search__suggest").inner_text()) > len("elasti")
    marks = page.page.locator(".md-search-result__list mark").all_text_contents()
    assert marks and not [m for m in marks if not m.lower().startswith("elasti")], marks
    first = page.page.locator(".md-search-result__list a.md-search-result__link").first.get_attribute("href")
    assert "h=" in first  # Material's highlighting on the target page gets the words


def test_online_search_finds_what_students_type(browser, online_url):
    page = open_ready(browser, online_url)
    assert_first(page, online_url)
    assert_highlight_and_suggestion(page)
    assert_no_hit_offers_reference_pages(page)
    page.close()


def test_offline_bundle_ranks_the_same(browser, offline_index):
    url = offline_index.as_uri()
    page = open_ready(browser, url)
    assert_first(page, offline_index.parent.as_uri() + "/")
    assert_highlight_and_suggestion(page)
    assert_no_hit_offers_reference_pages(page)
    page.close()


@pytest.fixture(scope="module")
def glossary_sites(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("ews"), {"Widgets.md": GLOSSARY_NOTE})
    for offline in (False, True):
        result = build(project, project / ("offline" if offline else "online"), offline=offline)
        assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("where", ["online", "offline"])
def test_acronym_and_expansion_find_each_other(browser, glossary_sites, where):
    import functools
    import http.server
    import threading

    site = glossary_sites / where
    server = None
    if where == "online":
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        root = f"http://127.0.0.1:{server.server_address[1]}/"
        start = root
    else:
        root = site.as_uri() + "/"
        start = (site / "index.html").as_uri()
    try:
        page = open_ready(browser, start)
        # acronym -> expansion: "EWS" finds the section that only writes "Elastic Widget Service"
        billing = page.search("EWS billing")
        assert result_target(billing[0], root)[1] == "billing", billing
        # expansion -> acronym: "elastic widget service" finds the section that only writes "EWS"
        regions = page.search("elastic widget service regions")
        assert result_target(regions[0], root)[1] == "regions", regions
        page.close()
    finally:
        if server:
            server.shutdown()
