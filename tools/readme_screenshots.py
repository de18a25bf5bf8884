"""The README's screenshots: a note page and the Graph page of this vault, as a reader first sees them.

    .venv/bin/python tools/readme_screenshots.py     # -> .github/readme/page.png, .github/readme/graph.png

Builds the online site into a temporary folder, serves it under its site_url path (as GitHub Pages
does) and takes each page at 1280 x 900 in the light palette with Chromium (CHROMIUM=/path, default
/usr/bin/chromium), after the Graph page has drawn.
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".github" / "readme"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = {"page.png": None, "graph.png": "reference/graph/"}  # None: the first note in the nav


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(site: Path) -> str:
    """Builds the online site into ``site``; its site_url path (e.g. /aws-notes/)."""
    from mkdocs.config import load_config

    env = dict(os.environ, VAULT_OFFLINE="false", NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="946684800")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    path = urlsplit(load_config(str(ROOT / "mkdocs.yml")).site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def first_note(page, base: str) -> str:
    """The URL of the first note in the sidebar: the first page link that is not the home page."""
    links = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)")
    return next(url for url in links if url.rstrip("/") != base.rstrip("/") and "#" not in url)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        served = Path(temp) / "served"
        mount = build(Path(temp) / "site")
        target = served / mount.strip("/") if mount.strip("/") else served
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(Path(temp) / "site", target_is_directory=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(served)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}{mount}"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
            for name, slug in SHOTS.items():
                page.goto(base)
                page.goto(base + slug if slug else first_note(page, base))
                if page.locator("[data-vault-graph]").count():
                    page.wait_for_selector("[data-vault-graph][data-fitted]", timeout=20000)
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / name))
                print(OUT / name)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
