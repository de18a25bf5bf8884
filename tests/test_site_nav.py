"""The sidebar: a bounded nav in each page, the full tree drawn in the browser from one data file.

Unit tests of vaultlib.navtree; a build test that a page's nav does not grow
with the vault; Chromium tests (online over HTTP, offline from file:// with every
other request blocked) that the sidebar lists every note in course order, marks
the active page, is reachable by keyboard and opens in the 390 px drawer.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from sitebuild import ROOT, build, make_project, soup
from test_browser_search import (OUTPUT, QuietHandler, Session, browser, offline_index,  # noqa: F401 (fixtures)
                                 online_url)
from vaultlib.browser.nav_data import NAV_GLOBAL, NavNode, nav_script, plain_title, to_data

DATA_FILE = "assets/javascripts/vault-nav-data.js"
PRIMARY = "nav.md-nav--primary"


def course_titles() -> list[str]:
    """The ten shipped notes in course order, read from their `order` property (not from the build)."""
    orders = {}
    for note in (ROOT / "docs").glob("*.md"):
        orders[note.stem] = int(re.search(r"(?m)^order: (\d+)$", note.read_text(encoding="utf-8")).group(1))
    return sorted(orders, key=orders.get)


def read_data(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{NAV_GLOBAL} = "  # script_data.script_assignment
    assert text.startswith(prefix) and text.rstrip().endswith(";")
    return json.loads(text[len(prefix):].rstrip().rstrip(";"))


# --- vaultlib.navtree -------------------------------------------------------------------------------

def test_tree_becomes_pages_and_sections_in_order():
    tree = (NavNode("Home", url=""), NavNode("Folder", children=(NavNode("B", url="folder/b/"),
                                                                  NavNode("Sub", children=(NavNode("A", url="folder/sub/a/"),)))),
            NavNode("Outside", url="https://example.org/"))
    assert to_data(tree) == [{"t": "Home", "u": ""},
                             {"t": "Folder", "c": [{"t": "B", "u": "folder/b/"},
                                                   {"t": "Sub", "c": [{"t": "A", "u": "folder/sub/a/"}]}]},
                             {"t": "Outside", "u": "https://example.org/"}]


def test_empty_section_keeps_its_empty_children():
    assert to_data([NavNode("Empty")]) == [{"t": "Empty", "c": []}]


def test_titles_become_text_the_browser_can_set():
    assert plain_title("AI &amp; ML <code>x</code>") == "AI & ML x"
    assert plain_title(None) == ""
    assert plain_title("a < b") == "a < b"  # no closing ">": kept as text


def test_script_sets_the_global_to_json():
    script = nav_script([NavNode('Quote " and \\ and é <!-- & a < b', url="q/")])
    assert script.startswith(f"window.{NAV_GLOBAL} = ") and "<" not in script  # script_data.script_assignment
    assert json.loads(script[len(f"window.{NAV_GLOBAL} = "):].rstrip().rstrip(";")) == [
        {"t": 'Quote " and \\ and é <!-- & a < b', "u": "q/"}]


# --- a page's nav does not grow with the vault ------------------------------------------------------

def nav_html_of_page(tmp_path: Path, notes_in_folder: int) -> tuple[str, str, list[dict]]:
    notes = {f"People/Person {i}.md": f"# Person {i}\n\nA line about person {i}.\n" for i in range(notes_in_folder)}
    notes["Start.md"] = "# Start\n\nThe first note.\n"
    project = make_project(tmp_path / f"vault-{notes_in_folder}", notes)
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = project / "site" / "people" / "person-5" / "index.html"
    html = page.read_text(encoding="utf-8")
    return str(soup(page).select_one(PRIMARY)), html, read_data(project / "site" / DATA_FILE)


def test_page_nav_is_the_same_size_for_20_and_400_notes_in_one_folder(tmp_path):
    small_nav, small_page, small_data = nav_html_of_page(tmp_path, 20)
    large_nav, large_page, large_data = nav_html_of_page(tmp_path, 400)
    print(f"\nnav of one page: {len(small_nav)} bytes at 20 notes, {len(large_nav)} at 400; "
          f"page {len(small_page)} / {len(large_page)} bytes")
    assert abs(len(large_nav) - len(small_nav)) < 200
    assert abs(len(large_page) - len(small_page)) < 400
    assert large_nav.count('class="md-nav__link') < 40
    # the data file has every note, in the folder's section
    folder = next(entry for entry in large_data if entry["t"] == "People")
    assert len(folder["c"]) == 400 and len(next(e for e in small_data if e["t"] == "People")["c"]) == 20
    assert {"t": "Person 399", "u": "people/person-399/"} in folder["c"]


def test_page_without_javascript_names_its_folder_and_itself(real_site):
    nav = soup(real_site / "network-services" / "index.html").select_one(PRIMARY)
    assert nav["data-vault-nav"] == f"../{DATA_FILE}"
    assert nav["data-vault-nav-page"] == "network-services/"
    active = nav.select_one("li.md-nav__item--active > a.md-nav__link--active")
    assert active.get_text(strip=True) == "Network Services"
    assert active.find_parent("li").select_one("nav.md-nav--secondary a[href='#amazon-vpn']")
    assert [a.get_text(strip=True) for a in nav.select("a.md-nav__link:not([href^='#'])")][:11] == [
        "Home"] + course_titles()
    scripts = [tag["src"] for tag in nav.find_next_siblings("script")]
    assert scripts == [f"../{DATA_FILE}", "../assets/javascripts/vault-nav.js"]


# --- Chromium ----------------------------------------------------------------------------------------

def sidebar_notes(session: Session) -> list[str]:
    """Texts of the sidebar's links to pages, in document order (not the table of contents)."""
    return session.page.eval_on_selector_all(
        f"{PRIMARY} a.md-nav__link:not(.md-nav--secondary a)", "links => links.map(a => a.textContent.trim())")


def open_page(browser, url: str, allowed_prefix: str, width: int = 1280) -> Session:  # noqa: F811
    session = Session(browser, block_outside=True, allowed_prefix=allowed_prefix)
    session.page.set_viewport_size({"width": width, "height": 900})
    session.page.goto(url)
    session.page.wait_for_load_state("networkidle")
    session.page.wait_for_selector(f"{PRIMARY}[data-vault-nav-built]", state="attached", timeout=5000)
    return session


def assert_full_sidebar(session: Session, active: str) -> None:
    notes = sidebar_notes(session)
    assert notes[:11] == ["Home"] + course_titles()
    assert notes[11:] == ["Services A–Z", "Use-case finder", "Glossary", "Figures", "Graph", "Study"]
    marked = session.page.locator(f"{PRIMARY} li.md-nav__item--active > a.md-nav__link--active")
    assert marked.count() == 1 and marked.inner_text().strip() == active


def tab_to(session: Session, href_part: str, presses: int = 120) -> list[str]:
    """Press Tab until a sidebar link whose href contains href_part has focus; the links passed."""
    passed = []
    for _ in range(presses):
        session.page.keyboard.press("Tab")
        focused = session.page.evaluate(
            f"() => {{ const e = document.activeElement; return e && e.closest('{PRIMARY}') && e.href || null }}")
        if focused:
            passed.append(focused)
            if href_part in focused:
                return passed
    raise AssertionError(f"Tab never reached {href_part}; sidebar links passed: {passed}")


@pytest.mark.browser
def test_online_sidebar_lists_every_note_in_order_and_works_by_keyboard(browser, online_url):  # noqa: F811
    session = open_page(browser, online_url + "network-services/", online_url)
    assert_full_sidebar(session, "Network Services")
    OUTPUT.mkdir(exist_ok=True)
    session.page.screenshot(path=str(OUTPUT / "nav-online-1280.png"))
    passed = tab_to(session, "secondary-aws-services-categories/")
    assert any("amazon-elastic-compute-cloud-ec2/" in href for href in passed)
    session.page.keyboard.press("Enter")
    session.page.wait_for_url("**/secondary-aws-services-categories/")
    session.page.wait_for_selector(f"{PRIMARY}[data-vault-nav-built]", state="attached")
    # instant navigation swapped the page: the sidebar is drawn again, for the new page
    assert_full_sidebar(session, "Secondary AWS Services Categories")
    assert session.errors == [] and session.outside == []


def shown_on_top(session: Session, text: str) -> bool:
    """The sidebar entry with this text is inside the viewport and is what a tap there hits.

    The active page shows as a label (it opens the table of contents) in the drawer, a link on wide screens.
    """
    link = session.page.locator(f"{PRIMARY} .md-nav__link:not(.md-nav--secondary .md-nav__link):visible",
                                has_text=text).first
    link.scroll_into_view_if_needed()
    return link.evaluate("a => { const r = a.getBoundingClientRect();"
                         " const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                         " return r.x >= 0 && r.right <= innerWidth && !!hit && a.contains(hit) }")


def open_drawer(session: Session) -> None:
    session.page.locator(".md-header label.md-header__button[for='__drawer']").click()
    session.page.wait_for_timeout(400)
    assert session.page.locator("#__drawer").is_checked()


@pytest.mark.browser
def test_drawer_at_390_px_shows_every_note(browser, online_url):  # noqa: F811
    session = open_page(browser, online_url + "network-services/", online_url, width=390)
    open_drawer(session)
    OUTPUT.mkdir(exist_ok=True)
    session.page.screenshot(path=str(OUTPUT / "nav-online-390.png"))
    for title in course_titles():
        assert shown_on_top(session, title), title
    # a page of the Reference section opens the drawer on that section, as Material does; back shows the notes
    session = open_page(browser, online_url + "reference/glossary/", online_url, width=390)
    open_drawer(session)
    assert shown_on_top(session, "Glossary") and not shown_on_top(session, "Network Services")
    session.page.screenshot(path=str(OUTPUT / "nav-online-390-reference.png"))
    session.page.locator(f"{PRIMARY} label.md-nav__title", has_text="Reference").click()
    session.page.wait_for_timeout(400)
    assert shown_on_top(session, "Network Services")
    assert session.errors == [] and session.outside == []


@pytest.mark.browser
def test_offline_sidebar_from_disk_with_no_outside_request(browser, offline_index):  # noqa: F811
    session = open_page(browser, (offline_index.parent / "network-services.html").as_uri(), "file://")
    assert_full_sidebar(session, "Network Services")
    OUTPUT.mkdir(exist_ok=True)
    session.page.screenshot(path=str(OUTPUT / "nav-offline-1280.png"))
    session.page.locator(f"{PRIMARY} a.md-nav__link", has_text="Analytics and BI Services").click()
    session.page.wait_for_load_state("load")
    assert session.page.url.endswith("/analytics-and-bi-services.html")
    session.page.wait_for_selector(f"{PRIMARY}[data-vault-nav-built]", state="attached")
    assert_full_sidebar(session, "Analytics and BI Services")
    assert session.errors == [] and session.outside == []


@pytest.mark.browser
def test_without_javascript_the_page_keeps_a_usable_nav(browser, online_url):  # noqa: F811
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(online_url + "network-services/")
    assert page.locator(f"{PRIMARY}[data-vault-nav-built]").count() == 0
    links = page.eval_on_selector_all(f"{PRIMARY} a.md-nav__link:not(.md-nav--secondary a)",
                                      "links => links.map(a => a.textContent.trim())")
    assert links[:11] == ["Home"] + course_titles()
    assert "Reference" in links  # the closed section: one link to its first page


def markup(html: str, page_url: str) -> list[tuple]:
    """The nav's elements and texts as Material's CSS and scripts see them: tag, classes, attributes, text.

    Links are compared by the address they lead to; the project's own data-vault-* attributes are left out.
    """
    from urllib.parse import urljoin, urlsplit

    from bs4 import BeautifulSoup, NavigableString

    shape = []
    root = BeautifulSoup(html, "html.parser").select_one(PRIMARY)
    for node in [root, *root.descendants]:
        if isinstance(node, NavigableString):
            if node.strip():
                shape.append(("text", " ".join(node.split())))
            continue
        attributes = {name: value for name, value in node.attrs.items()
                      if name != "class" and not name.startswith("data-vault-nav")}
        if "href" in attributes:
            attributes["href"] = urlsplit(urljoin(page_url, attributes["href"])).path
        shape.append((node.name, tuple(sorted(node.get("class", []))), tuple(sorted(attributes.items()))))
    return shape


@pytest.mark.browser
def test_browser_draws_materials_own_nav_markup(browser, online_url, tmp_path):  # noqa: F811
    """The sidebar drawn from the data file is, element for element, the nav Material renders itself."""
    notes = {note.name: note.read_bytes() for note in (ROOT / "docs").glob("*.md")}
    attachments = {str(path.relative_to(ROOT / "assets")): path.read_bytes()
                   for path in (ROOT / "assets").rglob("*") if path.is_file()}
    project = make_project(tmp_path / "material-nav", notes, attachments)
    (project / "overrides" / "partials" / "nav.html").unlink()  # Material's own partials/nav.html
    result = build(project)
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    material_url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for path in ("network-services/", "reference/glossary/", ""):
            # both as the reader's browser has them, after Material's scripts ran
            session = open_page(browser, online_url + path, online_url)
            drawn = session.page.eval_on_selector(PRIMARY, "nav => nav.outerHTML")
            reference = Session(browser, block_outside=True, allowed_prefix=material_url)
            reference.page.goto(material_url + path)
            reference.page.wait_for_load_state("networkidle")
            material = reference.page.eval_on_selector(PRIMARY, "nav => nav.outerHTML")
            assert markup(drawn, online_url + path) == markup(material, material_url + path), path
    finally:
        server.shutdown()
