"""Sites as a reader meets them: the ten notes and the help vault, online and offline, every page type.

Shared by the accessibility, keyboard and visual tests. The online site is served
under its site_url path (``/aws-notes/``), as GitHub Pages serves it, so the 404
page's absolute links are tested where they would really land. The offline
bundle is opened from ``file://`` with every other request blocked.
"""
from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import ROOT, build, make_project, watch_requests

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
OUTPUT = ROOT / "test-output"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")
HELP_MAKER = ROOT / "tests" / "fixtures" / "help-vault" / "make_help_vault.py"
REFERENCE_TYPES = {"services": "Services A-Z", "use-cases": "Use-case finder", "glossary": "Glossary",
                   "figures": "Figures", "graph": "Graph", "tags": "Tags", "study": "Study"}


def help_vault() -> tuple[dict[str, str], dict[str, bytes]]:
    spec = importlib.util.spec_from_file_location("make_help_vault", HELP_MAKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.help_vault()


def site_path(site_url: str) -> str:
    """The path part of the site's URL, e.g. ``/aws-notes/``."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def build_site(project: Path, out: Path, *, offline: bool) -> Path:
    result = build(project, out, offline=offline, strict=False)
    assert result.returncode == 0, [line for line in result.stderr.splitlines() if not line.startswith("DEBUG")]
    # Strict but for the help vault's one attachment whose name Windows refuses (published renamed, warned).
    warnings = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))
                and "Windows cannot store this name" not in line]
    assert warnings == [], warnings
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path, mount: str, parent: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``site`` at ``mount`` (e.g. /aws-notes/) on localhost; the URL and the server."""
    root = parent / "served"
    target = root / mount.strip("/") if mount.strip("/") else root
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.symlink_to(site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{mount}", server


@dataclass
class ReaderSite:
    """One build as a reader opens it: its base URL, online or not, and its page types."""

    name: str
    folder: Path
    base: str
    online: bool
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> str:
        return self.base if self.online else "file://"

    def url(self, slug: str) -> str:
        if slug == "404":
            return self.base + "404.html"
        if not slug:
            return self.base + ("" if self.online else "index.html")
        return self.base + (f"{slug}/" if self.online else f"{slug}.html")

    def exists(self, slug: str) -> bool:
        if slug in ("", "404"):
            return True
        return (self.folder / slug / "index.html").is_file() or (self.folder / f"{slug}.html").is_file()

    def page_types(self) -> dict[str, str]:
        """Page type -> slug: a note, home, each generated reference page the site has, the 404 page."""
        types = {"Note": first_note(self.folder), "Home": ""}
        for slug, title in REFERENCE_TYPES.items():
            if self.exists(f"reference/{slug}"):
                types[title] = f"reference/{slug}"
        for kind, slug in (("Board", "maps/course-map-canvas"), ("Base", "reading-list-base"),
                           ("Note with bases", "bases-here")):  # the pages a vault with boards and bases adds
            if self.exists(slug):
                types[kind] = slug
        types["404"] = "404"
        return types

    def open(self, browser, slug: str, *, width: int = 1280, scheme: str = "light", touch: bool = False):
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                      color_scheme=scheme, has_touch=touch, reduced_motion="reduce")
        page = context.new_page()
        watch_requests(page, self.allowed, self.outside, self.errors, slug)
        page.goto(self.url(slug))
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        return page


def first_note(site: Path) -> str:
    """The slug of the first note page in the site's folder (not home, not reference, not 404)."""
    skip = {"reference", "assets", "search", "downloads"}
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    for page in pages:
        if page.parts[0] in skip or page.as_posix() in ("index.html", "404.html"):
            continue
        return (page.parent if page.name == "index.html" else page.with_suffix("")).as_posix()
    raise AssertionError(f"no note page in {site}")


def search_query(page) -> str:
    """A word of the page's title to search for: it has results on any vault."""
    title = page.locator("article h1").first.inner_text()
    words = [w.strip("()[],.:;") for w in title.split()]
    return max(words, key=len)


def open_search(page, query: str) -> None:
    """Open Material's search dialog and wait for its results."""
    page.keyboard.press("/")  # Material's shortcut; the dialog opens and the box takes focus
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    results = page.locator(".md-search-result__item")
    box.type(query, delay=20)
    for _ in range(20):
        try:
            results.first.wait_for(state="visible", timeout=1000)
            return
        except Exception:  # noqa: BLE001 (the index arrived after the typing: a keystroke searches again)
            box.press("End")
            box.type(" ")
    raise AssertionError(f"no search results for {query!r}")


def project_for_boards(folder: Path) -> Path:
    """The canvas fixture's good boards and notes, a base file and a note with a base block: the page types
    a vault with boards and bases adds (the malformed boards are left out: they are warnings)."""
    spec = importlib.util.spec_from_file_location("make_canvas_vault", ROOT / "tests/fixtures/canvas-vault/make_canvas_vault.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    notes = {name: text for name, text in module.NOTES.items() if not name.startswith(("Broken", "Bad"))}
    notes["Reading list.base"] = ("views:\n  - type: table\n    name: All pages\n    order: [file.name, file.folder]\n"
                                  "  - type: cards\n    name: Cards\n")
    notes["Bases here.md"] = "# Bases here\n\n```base\nviews:\n  - type: list\n    name: Pages\n```\n\n![[Reading list.base]]\n"
    return make_project(folder, notes, module.ATTACHMENTS, settings={"broken_links": "info"})  # Beta.md names a board without its extension, on purpose


def project_for_help_vault(folder: Path) -> Path:
    notes, attachments = help_vault()
    return make_project(folder, notes, attachments)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run 'bash scripts/browser'.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def reader_sites(tmp: Path, name: str, project: Path) -> tuple[list[ReaderSite], http.server.ThreadingHTTPServer]:
    """The project built online (served under its site_url path) and offline (from disk)."""
    from mkdocs.config import load_config

    online = build_site(project, tmp / "online", offline=False)
    offline = build_site(project, tmp / "offline", offline=True)
    mount = site_path(load_config(str(project / "mkdocs.yml")).site_url)
    base, server = serve(online, mount, tmp)
    return [ReaderSite(f"{name}-online", online, base, True), ReaderSite(f"{name}-offline", offline,
                                                                           offline.as_uri() + "/", False)], server


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, ReaderSite]:
    notes, notes_server = reader_sites(tmp_path_factory.mktemp("notes"), "notes", ROOT)
    project = project_for_help_vault(tmp_path_factory.mktemp("help-project"))
    helps, help_server = reader_sites(tmp_path_factory.mktemp("help"), "help", project)
    boards, boards_server = reader_sites(tmp_path_factory.mktemp("boards"), "boards",
                                         project_for_boards(tmp_path_factory.mktemp("boards-project")))
    yield {site.name: site for site in notes + helps + boards}
    notes_server.shutdown()
    help_server.shutdown()
    boards_server.shutdown()


