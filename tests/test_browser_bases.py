"""Bases in Chromium, from the offline build opened from disk (file://, every other request blocked):
the rows a reader sees, their links, and search finding a value only a base shows."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import build, make_project
from test_bases_build import FIXTURE, fixture_notes
from test_browser_search import assert_clean, browser, open_site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    notes = {str(p.relative_to(FIXTURE)): p.read_bytes() for p in FIXTURE.rglob("*") if p.is_file()}
    project = make_project(tmp_path_factory.mktemp("bases-offline"), notes)
    result = build(project, project / "offline", offline=True, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "offline"


def test_offline_base_rows_links_and_search(browser, offline_site):  # noqa: F811
    session = open_site(browser, (offline_site / "bases-demo.html").as_uri(), allowed_prefix="file://")
    page = session.page
    notes = fixture_notes()
    shown_rows = page.locator(".vault-base").first.locator(".vault-base__table tbody tr td:first-child a")
    names = shown_rows.all_inner_texts()
    courses = [n for n in notes.values() if "course" in n["props"].get("tags", [])
               and (n["props"].get("status") == "open" or n["props"].get("price", 0) > 10)]
    assert sorted(names) == sorted(n["name"] for n in courses)
    storage = notes["Courses/Storage.md"]
    label = ("dear" if storage["props"]["price"] > 5 else "cheap") + " storage"
    assert page.get_by_text(label, exact=True).is_visible()  # a formula's value, as a reader sees it
    page.locator(".vault-base").first.get_by_role("link", name="Storage").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/courses/storage.html")
    assert page.locator("article h1").first.inner_text().startswith("Storage")
    finder = open_site(browser, (offline_site / "index.html").as_uri(), allowed_prefix="file://")
    titles, _ = finder.search(label)
    assert any("Bases demo" in title for title in titles), titles
    assert_clean([session, finder])
