"""Hostile vaults (issue 21): nothing a vault holds runs in a reader's browser, and odd vaults still build.

The built files are scanned (every .html/.js/.json/.svg: no handler, no
``javascript:`` URL, no script from the vault, JSON that stays data), and
Chromium hovers, clicks and searches the site online and from file:// with a
trap that records any payload that runs.
"""
from __future__ import annotations

import functools
import html as html_module
import http.server
import json
import re
import threading
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from hostile_vault import ATTACHMENTS, NOTES, PNG, SEARCHES
from sitebuild import article, build, make_project
from vaultlib.safety.html import sanitize_html
from vaultlib.safety.nesting import MAX_NESTING, line_nesting, too_deep
from vaultlib.safety.paths import free_portable_dest, is_device_name, portable_path, portable_segment
from vaultlib.safety.svg import SvgRefused, sanitize_svg

URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "srcdoc", "cite"}
HTML_TEXT_ATTRIBUTES = {"title", "data-title", "data-description"}  # scripts insert these as HTML
OUR_DATA_FILES = ("assets/vault/", "assets/javascripts/vault-nav-data.js")
OUR_SCRIPT_URLS = {("a", "javascript:void(0)")}  # Material's search share button, not the vault's


def url_as_browsers_read(value: str) -> str:
    """Browsers drop leading and trailing controls and spaces, and every tab and newline inside."""
    return re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r"
                                                "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                "\x1d\x1e\x1f ")).lower()


# ---------------------------------------------------------------- scanning the built files

def html_problems(text: str, where: str) -> list[str]:
    """What in an HTML text could run: handlers, script URLs, HTML in tooltips, vault scripts, broken JSON."""
    problems = []
    for tag in BeautifulSoup(text, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                problems.append(f"{where}: <{tag.name} {name}={value!r}>")
            url = url_as_browsers_read(value)
            if name.lower() in URL_ATTRIBUTES and (tag.name, url) not in OUR_SCRIPT_URLS and url.startswith(
                    ("javascript:", "vbscript:", "data:text", "data:image/svg")):
                problems.append(f"{where}: <{tag.name} {name}={value!r}>")
            if name.lower() in HTML_TEXT_ATTRIBUTES and "<" in value:
                problems.append(f"{where}: <{tag.name} {name}> holds HTML {value!r}")
        if tag.name in ("iframe", "object", "embed") and tag.get("srcdoc") is not None:
            problems.append(f"{where}: <{tag.name} srcdoc>")
        if tag.name == "script":
            problems += _script_problems(tag, where)
    return problems


def _script_problems(tag, where: str) -> list[str]:
    body = tag.string or ""
    if tag.get("type") == "application/json":
        try:
            json.loads(body)
        except ValueError:
            return [f"{where}: JSON script that does not parse (it swallowed the page?): {body[:80]!r}"]
        return [f"{where}: '<' inside a JSON script"] if "<" in body else []
    if "pwned" in body or "pwned" in (tag.get("src") or "") or "<!--" in body:
        return [f"{where}: a script from the vault: {body[:80]!r}"]
    if tag.get("data-links") and "<" in tag["data-links"]:
        return [f"{where}: '<' in the search fallback's data"]
    return []


def data_file_problems(text: str, where: str) -> list[str]:
    """Our .js data files: one assignment of JSON with no '<' (no way to end a script or open a comment)."""
    problems = [f"{where}: raw '<' in a data file"] if "<" in text else []
    start = text.index("] = ") + 4 if "] = " in text else text.index("=") + 1  # previews: (store)[key] = {...}
    payload = text[start:].strip().rstrip(";")
    try:
        json.loads(payload)
    except ValueError:
        problems.append(f"{where}: not one JSON assignment")
    return problems


def search_index_problems(text: str, where: str) -> list[str]:
    """Material shows search titles and texts as HTML: they must be inert HTML."""
    index = json.loads(text)
    return [problem for doc in index["docs"] for field in ("title", "text")
            for problem in html_problems(doc.get(field) or "", f"{where} {doc['location']}")]


def svg_problems(data: bytes, where: str) -> list[str]:
    problems = []
    for element in ElementTree.fromstring(data).iter():
        local = element.tag.rpartition("}")[2]
        if local in ("script", "foreignObject", "set"):
            problems.append(f"{where}: <{local}>")
        for name, value in element.attrib.items():
            name = name.rpartition("}")[2]
            if name.lower().startswith("on") or name == "href" and not value.startswith("#"):
                problems.append(f"{where}: {local} {name}={value!r}")
    return problems


def site_problems(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*")):
        where = str(path.relative_to(site))
        if path.suffix == ".html":
            problems += html_problems(path.read_text(encoding="utf-8"), where)
        elif where == "search/vault_index.js":  # the worker's prebuilt index (offline): data, holding the docs
            text = path.read_text(encoding="utf-8")
            problems += data_file_problems(text, where)
            problems += search_index_problems(text[text.index("=") + 1:].strip().rstrip(";"), where)
        elif path.suffix == ".js" and where.startswith(OUR_DATA_FILES):
            problems += data_file_problems(path.read_text(encoding="utf-8"), where)
        elif path.name in ("search_index.json", "vault_index.json"):
            problems += search_index_problems(path.read_text(encoding="utf-8"), where)
        elif path.suffix == ".js" and "pwned" in path.read_text(encoding="utf-8", errors="replace") and \
                where != "search/search_index.js":
            problems.append(f"{where}: a script file holding a payload")
        elif path.suffix.lower() == ".svg":
            problems += svg_problems(path.read_bytes(), where)
    return problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path, str]:
    """The hostile vault built online and offline: (online site, offline site, online build log)."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "project", NOTES, ATTACHMENTS,
                           settings={"broken_links": "info"})
    online = build(project, project / "online", strict=False)
    assert online.returncode == 0 and "Traceback" not in online.stderr, online.stderr[-3000:]
    offline = build(project, project / "offline", offline=True, strict=False)
    assert offline.returncode == 0 and "Traceback" not in offline.stderr, offline.stderr[-3000:]
    return project / "online", project / "offline", online.stderr


def test_nothing_in_the_built_files_can_run(hostile):
    online, offline, _ = hostile
    assert site_problems(online) == []
    assert site_problems(offline) == []


def test_the_scanner_finds_what_the_vault_holds_when_nothing_sanitizes():
    """The scan is not blind: the raw payloads, and the old '</'-only JSON escape, are reported."""
    for text in ('<p onmouseover="x">', '<a href="java\tscript:x">', '<abbr title="&lt;img src=x onerror=y&gt;">',
                 '<script type="application/json">{"t":"<!--<script>"}</script>', "<script>__pwned(1)</script>"):
        assert html_problems(text, "raw") != [], text
    assert svg_problems(ATTACHMENTS["evil.svg"], "evil.svg") != []


def test_the_text_a_vault_wrote_still_shows(hostile):
    online, _, _ = hostile
    shown = article(online / "handlers" / "index.html")
    assert "A paragraph with a title." in shown.get_text()
    assert all("<" not in tag["title"] for tag in shown.select("[title]"))  # tooltips are text
    assert "An entity-spelled title." in shown.get_text()
    tooltips = article(online / "tooltips" / "index.html")
    assert tooltips.select_one("abbr")["title"] == "&lt;img src=x onerror=__pwned(42)&gt;"
    links = article(online / "links" / "index.html")
    for label in ("mixed case", "angle brackets", "reference style", "with a title", "entity", "named colon",
                  "raw decimal entity", "raw hex entity", "raw named colon", "raw tab", "raw newline", "data link"):
        link = links.find("a", string=label)
        assert link is not None and link.get("href") is None, label  # the text stays, the URL goes
    image = article(online / "attribute-lists" / "index.html").select_one("a.glightbox")
    assert image["data-title"].startswith("&lt;img") and image.img["src"].endswith("pic.png")


def test_local_graph_data_stays_data_next_to_a_comment_opening_title(hostile):
    online, _, _ = hostile
    page = BeautifulSoup((online / "plain" / "index.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads(page.select_one("template.vault-local-graph__data").string)
    assert "<!--<script>" in [node[0] for node in data["nodes"]]
    assert page.select_one("script#__config") is not None  # Material's config follows, not swallowed


def test_svg_attachment_is_published_inert(hostile):
    online, _, _ = hostile
    svg = (online / "assets" / "evil.svg").read_bytes()
    assert svg_problems(svg, "evil.svg") == []
    root = ElementTree.fromstring(svg)
    assert root.get("width") == "40" and len(list(root.iter("{http://www.w3.org/2000/svg}rect"))) == 1


# ---------------------------------------------------------------- the sanitizer, unit by unit

@pytest.mark.parametrize("payload", [
    '<a href="JaVaScRiPt:x()">a</a>', '<a href="&#106;avascript:x()">a</a>', '<a href="&#x6A;avascript:x()">a</a>',
    '<a href="javascript&colon;x()">a</a>', '<a href="java\tscript:x()">a</a>', '<a href="java\nscript:x()">a</a>',
    '<a href=" \x01javascript:x()">a</a>', '<a href="vbscript:x">a</a>', '<a href="data:text/html,<b>">a</a>',
    "<svg/onload=x()>", "<img/src/onerror=x()>", "<details/open/ontoggle=x()>d</details>",
    "<input/autofocus/onfocus=x()>", '<p onmouseover="x()">p</p>', "<script>x()</script>", "<style>*{}</style>",
    '<iframe srcdoc="<script>x()</script>"></iframe>', '<img src="data:image/svg+xml,<svg onload=x()>">',
    '<form action="javascript:x()"><button formaction="javascript:x()">b</button></form>',
    '<math><mi xlink:href="javascript:x()">m</mi></math>', '<a href="javascript:x()" title="t">中文</a>',
])
def test_sanitizer_leaves_nothing_that_runs(payload):
    assert html_problems(sanitize_html(payload), payload) == []
    assert "x()" not in sanitize_html(payload).replace("onerror", "") or "<" not in sanitize_html(payload)


def test_sanitizer_keeps_what_the_extensions_and_the_project_write():
    kept = ['<h2 id="a-b">A &amp; B<a class="headerlink" href="#a-b" title="Permanent link">¶</a></h2>',
            '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
            '<details class="tip" open=""><summary>S</summary><p>x</p></details>',
            '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
            '<input type="checkbox" disabled="" checked=""><span class="task-list-indicator"></span></label> t</li></ul>',
            '<table><thead><tr><th style="text-align:center">h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>',
            '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
            '<span class="arithmatex">\\(x^2 &lt; 1\\)</span>', '<pre class="mermaid"><code>graph LR; A--&gt;B</code></pre>',
            '<a class="glightbox" data-type="image" data-width="auto" data-height="auto" data-desc-position="bottom" '
            'href="a.png"><img alt="a" loading="lazy" src="a.png" width="160"></a>',
            '<div class="vault-backlinks" data-search-exclude=""><p>x</p></div>',
            '<div class="vault-card" data-vault-card="n1" role="group" aria-label="Card"><p>k</p></div>',
            '<img src="data:image/png;base64,AAAA">', '<a href="mailto:a@b.c">m</a>', '<a href="../x/#y">r</a>',
            '<iframe class="vault-pdf" src="a.pdf" title="a.pdf" loading="lazy"></iframe>',
            '<pre><span></span><code><a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>'
            'x</code></pre>', '<abbr title="Simple Storage">S3</abbr>']
    for fragment in kept:
        assert _dom(sanitize_html(fragment)) == _dom(fragment), fragment


def test_sanitizer_makes_tooltips_text_and_drops_material_ids():
    assert sanitize_html('<abbr title="a <b>b</b> & c">A</abbr>') == '<abbr title="a &amp;lt;b&amp;gt;b&amp;lt;/b&amp;gt; &amp;amp; c">A</abbr>'
    assert sanitize_html('<p id="__config">{}</p><p id="__search">s</p>') == "<p>{}</p><p>s</p>"
    assert sanitize_html('<p data-md-component="x" data-glightbox="t" data-vault-x="1">p</p>') == '<p data-vault-x="1">p</p>'
    assert sanitize_html("<p>é ✓ 😀 &lt;tag&gt; %41 CRLF\r\n</p>") == "<p>é ✓ 😀 &lt;tag&gt; %41 CRLF\n</p>"
    big = "<p>" + "<a " * 200_000 + "</p>"  # a long line with no '>': linear (the Rust parser), and text kept
    assert sanitize_html(big).startswith("<p>")


def _dom(fragment: str) -> list:
    soup = BeautifulSoup(fragment, "html.parser")
    return [(t.name, sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in t.attrs.items()), t.string)
            for t in soup.find_all(True)]


# ---------------------------------------------------------------- SVG, paths, nesting units

def test_svg_sanitizer_refuses_entities_and_non_svg():
    for data in (b'<!DOCTYPE s [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                 b'<!DOCTYPE s [<!ENTITY a SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                 b"<html><script>x()</script></html>", b"<svg", b"\xff\xfe"):
        with pytest.raises(SvgRefused):
            sanitize_svg(data)
    kept = sanitize_svg(b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                        b'<defs><linearGradient id="g"/></defs><rect style="fill:url(#g)"/><use xlink:href="#g"/>'
                        b'<text>\xe4\xb8\xad &amp; &lt;</text></svg>')
    assert b'xlink:href="#g"' in kept and b"url(#g)" in kept and "中 &amp; &lt;".encode() in kept


@pytest.mark.parametrize("name", ["CON", "con", "aux", "Nul", "PRN", "com1", "LPT1", "lpt9", "aux.png", "CON.tar.gz",
                                  "COM¹", "prn "])
def test_device_names_are_recognised_and_renamed(name):
    assert is_device_name(name)
    assert not is_device_name(portable_segment(name))


def test_portable_names_keep_ordinary_ones_and_fix_refused_characters():
    for name in ("console", "auxiliary", "com10", "lpt", "中文", "notes.md", "a-b_c"):
        assert portable_segment(name) == name
    assert portable_segment('a:b?"c"<d>|e*.png') == "a-b--c--d--e-.png"
    assert portable_path("assets/aux/photo. ") == "assets/aux_/photo"
    assert portable_segment("...") == "_"
    taken = {"assets/a-b.png", "assets/con_.png"}
    assert free_portable_dest("assets/a:b.png", taken) == "assets/a-b-2.png"
    assert free_portable_dest("assets/CON.png", taken) == "assets/CON_-2.png"  # Windows ignores case
    assert free_portable_dest("assets/a?b.png", taken) == "assets/a-b-3.png"


def test_nesting_counts_quotes_lists_and_indent_and_skips_code():
    # 4 markers, and the 4 spaces between them count as one more level (an upper bound is what matters)
    assert line_nesting("> > - 1. text") == 5 and line_nesting("\t\t- x") == 3 and line_nesting("-not a list") == 0
    assert too_deep("# ok\n" + "".join("    " * i + "- x\n" for i in range(MAX_NESTING)), "a.md") is None
    problem = too_deep("# deep\n\n" + ">" * 10_000 + " x\n", "deep.md")
    assert (problem.path, problem.line) == ("deep.md", 3)
    assert too_deep("```\n" + ">" * 10_000 + "\n```\n", "code.md") is None


# ---------------------------------------------------------------- vaults that used to crash the build

def test_folder_symlink_loop_builds_with_a_message(tmp_path):
    project = make_project(tmp_path / "project", {"A.md": "# A\n\nSee [[B]].\n", "sub/B.md": "# B\n\nText.\n"})
    (project / "docs" / "sub" / "back").symlink_to(project / "docs", target_is_directory=True)
    result = build(project, strict=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "sub/back: a symbolic link to a folder the vault already holds" in result.stderr
    assert (project / "site" / "sub" / "b" / "index.html").is_file()
    assert not (project / "site" / "sub" / "back").exists()


def test_ten_thousand_deep_nesting_refuses_that_note_only(tmp_path):
    deep_list = "# Deep list\n\n" + "".join("    " * i + "- x\n" for i in range(10_000))
    deep_quote = "# Deep quote\n\n" + "> " * 10_000 + "x\n"
    project = make_project(tmp_path / "project", {"Deep list.md": deep_list, "Deep quote.md": deep_quote,
                                                  "Fine.md": "# Fine\n\n- a\n    - b\n"})
    result = build(project, strict=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "Deep list.md:103: nests lists or quotes" in result.stderr
    assert "Deep quote.md:3: nests lists or quotes" in result.stderr
    assert (project / "site" / "fine" / "index.html").is_file()
    assert not (project / "site" / "deep-list").exists()


def test_windows_device_names_get_portable_paths(tmp_path):
    names = ["CON", "aux", "nul", "PRN", "com1", "LPT1"]
    notes = {f"{name}.md": f"# {name}\n\nNote {name}.\n" for name in names}
    notes["Hub.md"] = "# Hub\n\n" + "\n".join(f"- [[{name}]] ![[{name}.png]]" for name in names) + "\n"
    attachments = {f"{name}.png": PNG for name in names}
    project = make_project(tmp_path / "project", notes, attachments)
    for site, offline in ((project / "site", False), (project / "offline", True)):
        result = build(project, site, offline=offline, strict=False)
        assert result.returncode == 0, result.stderr[-2000:]
        every = [part for path in site.rglob("*") for part in path.relative_to(site).parts]
        assert [part for part in every if is_device_name(part)] == []
        assert [part for part in every if re.search(r'[<>:"\\|?*]|[. ]$', part)] == []
    for name in names:
        assert f"'{name}' is a device name on Windows" in result.stderr
        assert f"assets/{name}.png: Windows cannot store this name" in result.stderr
    hub = article(project / "site" / "hub" / "index.html")
    assert len(hub.select("li a[href]:not(.glightbox)")) == len(names)
    for image in hub.select("img"):
        assert (project / "site" / "hub" / image["src"]).resolve().is_file(), image["src"]


# ---------------------------------------------------------------- Chromium: nothing runs

TRAP = """(() => {
  const record = (n) => { console.log('PWNED ' + n); (window.__pwnedCalls = window.__pwnedCalls || []).push(n); };
  Object.defineProperty(window, '__pwned', {value: record, writable: false});
  window.alert = window.confirm = window.prompt = record;
})();"""


class Trapped:
    """Pages with the trap installed; every call of it and every dialog is recorded across navigations."""

    def __init__(self, browser, base: str, *, online: bool):
        self.base, self.online = base, online
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(TRAP)
        self.ran: list[str] = []
        self.outside: list[str] = []
        allowed = base if online else "file://"

        def route(request_route):
            url = request_route.request.url
            if url.startswith((allowed, "data:", "blob:")):
                request_route.continue_()
            else:
                self.outside.append(url)
                request_route.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.text.startswith("PWNED") and self.ran.append(m.text))
        self.page.on("dialog", lambda d: (self.ran.append(f"dialog {d.message}"), d.dismiss()))

    def url(self, slug: str, query: str = "") -> str:
        suffix = "" if not slug else (f"{slug}/" if self.online else f"{slug}.html")
        return self.base + (suffix or ("" if self.online else "index.html")) + query

    def open(self, slug: str, query: str = "") -> None:
        self.page.goto(self.url(slug, query))
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(300)

    def hover_everything(self) -> None:
        targets = self.page.locator("article a, article [title], article abbr, article img, article p, article li, "
                                    "article h2, article details")
        for number in range(targets.count()):
            target = targets.nth(number)
            if target.is_visible():
                target.hover(timeout=2000, force=True)  # force: an open preview may cover it
                self.page.wait_for_timeout(80)
                self.page.mouse.move(0, 0)  # closes the preview and the tooltip

    def click_every_link(self, slug: str) -> None:
        count = self.page.locator("article a").count()
        for number in range(count):
            self.open(slug)
            link = self.page.locator("article a").nth(number)
            if link.is_visible():
                link.click(timeout=2000, no_wait_after=True)
                self.page.wait_for_timeout(250)
                self.page.keyboard.press("Escape")  # closes a lightbox opened by an image link

    def search(self, query: str) -> None:
        self.page.locator("label.md-search__icon, .md-search__input").first.click()
        box = self.page.locator("input.md-search__input")
        box.click()
        self.page.keyboard.type(query, delay=5)
        self.page.wait_for_timeout(800)
        self.hover_results()

    def hover_results(self) -> None:
        results = self.page.locator(".md-search-result__item")
        for number in range(min(results.count(), 8)):
            results.nth(number).hover(timeout=2000)


def _exercise(trapped: Trapped, pages: list[str]) -> None:
    for slug in pages:
        trapped.open(slug)
        trapped.hover_everything()
    for slug in ("links", "attribute-lists", "tooltips", "handlers"):
        trapped.click_every_link(slug)
    trapped.open("plain")
    for query in SEARCHES:
        trapped.open("plain")
        trapped.search(query)
        trapped.open("", f"?q={quote(query)}")
        trapped.hover_results()
    trapped.open("reference/graph")
    trapped.page.locator(".vault-graph__canvas canvas").wait_for(timeout=8000)
    trapped.page.locator(".vault-graph__filter").fill("<img src=x onerror=__pwned(80)>")
    trapped.page.wait_for_timeout(300)


def _local_graph_and_material_run(trapped: Trapped) -> None:
    """On a page linking the '<!--<script>' note, the local graph draws and Material's scripts ran."""
    trapped.open("plain")
    trapped.page.locator(".vault-local-graph svg a").first.wait_for(timeout=5000)
    labels = trapped.page.eval_on_selector_all(".vault-local-graph svg a", "links => links.map(a => a.dataset.label)")
    assert "<!--<script>" in labels
    assert trapped.page.evaluate("typeof document$ !== 'undefined' && !!document.querySelector('.md-search__input')")
    assert trapped.page.evaluate("typeof GLightbox === 'function'")


def _previews_show_hostile_names_as_text(trapped: Trapped) -> None:
    trapped.open("plain")
    link = trapped.page.locator("article a[href*='sneaky']").first
    link.hover()
    trapped.page.locator(".vault-preview").wait_for(state="visible", timeout=5000)
    assert "<!--<script>" in trapped.page.locator(".vault-preview__title").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("online", [True, False], ids=["online", "file"])
def test_nothing_runs_in_chromium(hostile, browser, online):
    site = hostile[0] if online else hostile[1]
    server = None
    if online:
        handler = functools.partial(QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
    else:
        base = site.as_uri() + "/"
    trapped = Trapped(browser, base, online=online)
    try:
        _local_graph_and_material_run(trapped)
        _previews_show_hostile_names_as_text(trapped)
        _exercise(trapped, ["links", "handlers", "attribute-lists", "tooltips", "sneaky", "script-names", "plain"])
        trapped.page.goto(trapped.url("assets/evil.svg").replace(".html", "").rstrip("/"))
        trapped.page.wait_for_timeout(300)
        assert trapped.ran == []
        assert trapped.page.evaluate("window.__pwnedCalls || []") == []
        if not online:
            assert trapped.outside == []
    finally:
        trapped.context.close()
        if server is not None:
            server.shutdown()


from test_browser_search import QuietHandler, browser  # noqa: E402,F401 (the Chromium fixture)


def test_the_sanitizer_runs_after_glightbox(tmp_path):
    """The order the choke point depends on (hooks/vault.py on_page_content at -50), read from MkDocs' own log."""
    project = make_project(tmp_path / "project", {"A.md": "# A\n\n![[pic.png]]\n"}, {"pic.png": PNG})
    result = build(project, strict=False, verbose=True)
    order = [line.split("plugin ")[-1].strip("'") for line in result.stderr.splitlines()
             if "Running `page_content` event" in line]
    first_page = order[: order.index("hooks/vault.py") + 1]
    assert "glightbox" in first_page  # glightbox rewrote the page before the hook's sanitizer saw it
