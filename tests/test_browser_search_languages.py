"""Search in Chromium in the scripts and languages a vault is written in: a Chinese, a Japanese, a German and an
English query, online (HTTP) and from file:// (offline bundle), each finding the right page; the Chinese hit is
marked on the page it opens."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from sitebuild import build, make_project
from test_browser_search import QuietHandler, assert_clean, browser, open_site  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

NOTES = {
    "云存储.md": "---\nlang: zh\n---\n# 云存储\n## 对象存储\n我们把备份文件放在Amazon S3里，它按存储量收费，适合保存图片和日志。\n",
    "中国历史.md": "---\nlang: zh\n---\n# 中国历史\n秦始皇统一了文字和货币，还修建了长城。\n",
    "東京旅行.md": "---\nlang: ja\n---\n# 東京旅行\n## 交通\n東京から京都までは新幹線で約二時間かかります。\n",
    "Datenbanken.md": ("---\nlang: de\n---\n# Datenbanken\n## Umzug\nBei der Datenbank-Migration zieht man die "
                       "Daten auf ein neues System um.\n"),
    "Gartenarbeit.md": "---\nlang: de\n---\n# Gartenarbeit\nTomaten brauchen viel Sonne und Wasser.\n",
    "Serverless.md": "# Serverless\n## Functions\nRun code in response to events without provisioning servers.\n",
    "Storage.md": "# Storage\nBuckets keep objects; a lifecycle moves them to cheaper classes.\n",
}
QUERIES = [("存储", "云存储"), ("Amazon", "云存储"), ("新幹線", "東京旅行"), ("Datenbankmigration", "Datenbanken"),
           ("provisioning servers", "Serverless")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    project = make_project(tmp_path_factory.mktemp("languages") / "project", NOTES)
    for where in ("online", "offline"):
        result = build(project, project / where, offline=where == "offline")
        assert result.returncode == 0, result.stderr
    return {"online": project / "online", "offline": project / "offline"}


@pytest.fixture(scope="module")
def online_url(sites):
    handler = functools.partial(QuietHandler, directory=str(sites["online"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def first_result(session, query: str) -> str:
    """The first result's text; typed as an input method commits text (input, then a key with no text)."""
    box = session.page.locator("input.md-search__input")
    box.click()
    box.fill("")
    session.page.keyboard.insert_text(query)
    box.press("End")
    item = session.page.locator(".md-search-result__item").first
    item.wait_for(state="visible", timeout=10000)
    return item.inner_text()


def check_queries(browser, url: str, prefix: str, queries=None) -> None:  # noqa: F811 (browser is the fixture)
    """Each query's first result is its note; the Chinese word is marked on the page a result opens."""
    sessions = []
    for query, title in queries or QUERIES:
        session = open_site(browser, url, allowed_prefix=prefix)
        text = first_result(session, query)
        assert text.splitlines()[0].strip() == title, (query, text)
        sessions.append(session)
    # the Chinese word is marked where it stands on the page the result opens
    session = open_site(browser, url, allowed_prefix=prefix)
    first_result(session, "存储")
    session.page.locator(".md-search-result__item a").first.click()
    session.page.wait_for_load_state("load")
    marks = session.page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(state="visible", timeout=10000)
    assert "存储" in marks.all_inner_texts()
    assert_clean(sessions + [session])


def test_languages_online(browser, online_url):  # noqa: F811
    check_queries(browser, online_url, online_url)


def test_languages_offline_from_disk(browser, sites):  # noqa: F811
    check_queries(browser, (sites["offline"] / "index.html").as_uri(), "file://")
