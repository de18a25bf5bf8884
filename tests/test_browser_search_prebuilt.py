"""The search worker answers from the index prebuilt at build time (search/vault_index.json online,
search/vault_index.js from file://), not from the documents Material posts to it: with Material's index
emptied of its documents, a Chinese, a German and an English word are still found, online and offline, and
Material still marks the word on the page a result opens; with the prebuilt index gone too, nothing is."""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from sitebuild import build, make_project
from test_browser_search import QuietHandler, assert_clean, browser, open_site  # noqa: F401 (fixture)
from test_browser_search_languages import NOTES, check_queries

pytestmark = pytest.mark.browser

QUERIES = [("存储", "云存储"), ("Datenbankmigration", "Datenbanken"), ("provisioning servers", "Serverless")]


def empty_material_index(site: Path) -> None:
    """Material's search_index.json (and offline its search_index.js) keep their config, lose their documents."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    assert len(index["docs"]) > len(NOTES)
    index["docs"] = []
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    script = site / "search" / "search_index.js"
    if script.is_file():
        script.write_text(f"var __index = {json.dumps(index, ensure_ascii=False)}", encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """online, offline: built; online-bare, offline-bare: the same without the prebuilt index."""
    project = make_project(tmp_path_factory.mktemp("prebuilt") / "project", NOTES)
    found = {}
    for where in ("online", "offline"):
        result = build(project, project / where, offline=where == "offline")
        assert result.returncode == 0, result.stderr
        prebuilt = project / where / "search" / ("vault_index.js" if where == "offline" else "vault_index.json")
        assert prebuilt.is_file()
        empty_material_index(project / where)
        shutil.copytree(project / where, project / f"{where}-bare")
        (project / f"{where}-bare" / "search" / prebuilt.name).unlink()
        found[where], found[f"{where}-bare"] = project / where, project / f"{where}-bare"
    return found


@pytest.fixture(scope="module")
def urls(sites):
    servers, found = [], {}
    for name in ("online", "online-bare"):
        handler = functools.partial(QuietHandler, directory=str(sites[name]))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        found[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield found
    for server in servers:
        server.shutdown()


def check_prebuilt_answers(browser, url: str, prefix: str) -> None:  # noqa: F811 (browser is the fixture)
    check_queries(browser, url, prefix, QUERIES)  # with Material's documents gone: the prebuilt index answers


def check_nothing_without_it(browser, url: str, prefix: str) -> None:  # noqa: F811
    """The control: no prebuilt index and no documents from Material, so the worker has nothing to answer from."""
    session = open_site(browser, url, allowed_prefix=prefix)
    box = session.page.locator("input.md-search__input")
    box.click()
    session.page.keyboard.insert_text("Datenbankmigration")
    box.press("End")
    none = json.loads(session.page.locator("#__config").text_content())["translations"]["search.result.none"]
    meta = session.page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile("^" + re.escape(none))).wait_for(timeout=10000)
    assert session.page.locator(".md-search-result__item").count() == 0


def test_prebuilt_index_online(browser, urls):  # noqa: F811
    check_prebuilt_answers(browser, urls["online"], urls["online"])
    check_nothing_without_it(browser, urls["online-bare"], urls["online-bare"])


def test_prebuilt_index_offline_from_disk(browser, sites):  # noqa: F811
    check_prebuilt_answers(browser, (sites["offline"] / "index.html").as_uri(), "file://")
    check_nothing_without_it(browser, (sites["offline-bare"] / "index.html").as_uri(), "file://")
