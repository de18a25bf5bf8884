"""Search benchmark: does the search box find what a student types, and how fast, online and offline.

    .venv/bin/python bench/search_quality.py              # quality on the ten notes, then scale on 2,000 notes
    .venv/bin/python bench/search_quality.py --no-scale   # quality only (English sets + bench/vaults)
    .venv/bin/python bench/search_quality.py --no-scale --no-quality   # the other languages only
    .venv/bin/python bench/search_quality.py --no-quality --notes 2000

Quality: every question of bench/search_questions.yml is typed (click, then key by key) into the search
box of the built site in headless Chromium, served on 127.0.0.1 and opened from file:// (offline bundle);
the result list is read as Material shows it. A question counts for top-k when its section (or one of its
"also" sections) is among the first k sections listed (a page's own link counts only when it lists no
section); sections folded into "N more on this page" are not counted, as the reader does not see them. Printed per class and overall, for this project's search and for Material's default search
on the same notes (the same build with VAULT_SEARCH=material, which switches hooks/vaultsite/search.py off).

Languages: each fixture vault of bench/vaults (docs/, settings.yml with its theme.language, questions.yml:
language -> questions naming the note that answers them) is built with this project's mkdocs.yml; a question
counts when any section of its note is among the first k listed.

Scale: on the synthetic vault of bench/make_vault.py, the search index size, the time from navigation
start to the worker's "ready" message, and the time from the last key to the first results (median of
several queries), online and offline, for both searches (Material's on the same build, its worker swapped
back in by the page). Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from make_vault import make_vault  # noqa: E402
from run import project  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUESTIONS = ROOT / "bench" / "search_questions.yml"
BLIND = ROOT / "bench" / "search_questions_blind.yml"  # written blind, see its header
SEARCHES = {"project": "vault", "material": "material"}  # name -> VAULT_SEARCH
SCALE_QUERIES = ["widget lattice", "data pipeline", "cache", "storage backup policy", "WLS7", "gadget"]

# Installed before any page script: notes when the search worker (a Worker, or the iframe-worker shim
# that replaces it under file://) says "ready" (message type 1), and when the result list changes.
PROBE = """
(() => {
  window.__probe = {ready: null, load: null, mutations: 0, last: 0, firstAfterKey: null, key: 0, sent: 0, received: 0}
  let Impl = window.Worker
  function Watched(url, options) {
    const worker = new Impl(url, options)
    const post = worker.postMessage.bind(worker)
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) __probe.sent++
      return post(message, ...rest)
    }
    worker.addEventListener("message", e => {
      if (e.data && e.data.type === 1 && __probe.ready === null) __probe.ready = performance.now()
      if (e.data && e.data.type === 3) __probe.received++
    })
    return worker
  }
  Object.defineProperty(window, "Worker", {configurable: true, get: () => Watched, set: v => { Impl = v }})
  addEventListener("load", () => { __probe.load = performance.now() })
  document.addEventListener("keydown", () => { __probe.key = performance.now(); __probe.firstAfterKey = null }, true)
  document.addEventListener("DOMContentLoaded", () => {
    const result = document.querySelector(".md-search-result")
    if (!result) return
    new MutationObserver(() => {
      const now = performance.now()
      __probe.mutations++
      __probe.last = now
      if (__probe.firstAfterKey === null && document.querySelector(".md-search-result__item")) __probe.firstAfterKey = now
    }).observe(result, {childList: true, subtree: true, characterData: true})
  })
})()
"""

READ_RESULTS = """
() => [...document.querySelectorAll(".md-search-result__list > li")].flatMap(li => {
  // what the reader sees: not the sections folded into "N more on this page"
  const links = [...li.querySelectorAll("a.md-search-result__link")]
    .filter(a => !a.closest("details.md-search-result__more")).map(a => a.href)
  return links.length > 1 ? links.slice(1) : links
})
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def served(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def build_site(project_dir: Path, site: Path, *, offline: bool, search: str, strict: bool = True) -> Path:
    if (site / "search" / "search_index.json").is_file():
        return site  # reuse: delete .bench/ (or pass --rebuild) after changing the notes or the hooks
    env = dict(os.environ, VAULT_OFFLINE=str(offline).lower(), VAULT_SEARCH=SEARCHES[search],
               NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="946684800")
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project_dir / "mkdocs.yml"),
               "--site-dir", str(site), "--strict" if strict else "--no-strict"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project_dir)
    if result.returncode:
        sys.exit(f"build of {project_dir} failed:\n{result.stderr[-3000:]}")
    return site


# Makes a page of this project's build use Material's own worker (lunr) instead: rewrites the worker URL
# in Material's __config before its bundle runs (the parser runs observers before the next script).
MATERIAL_WORKER = """
new MutationObserver((records, observer) => {
  const config = document.getElementById("__config")
  if (!config) return
  const data = JSON.parse(config.textContent)
  data.search = data.search.replace("search-worker.js", "workers/WORKER")
  config.textContent = JSON.stringify(data)
  observer.disconnect()
}).observe(document, {childList: true, subtree: true})
"""


def material_worker() -> str:
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    return next(workers.glob("search.*.min.js")).name


class SearchPage:
    def __init__(self, browser, url: str, *, lunr: bool = False):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(PROBE)
        if lunr:
            self.context.add_init_script(MATERIAL_WORKER.replace("WORKER", material_worker()))
        self.page = self.context.new_page()
        if url.startswith("http"):
            self.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
        else:
            self.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        self.page.goto(url)
        self.box = self.page.locator("input.md-search__input")

    def wait_ready(self, timeout_ms: int = 60000) -> float:
        """Milliseconds from navigation start to the worker's ready message (file:// sets up on first open)."""
        self.box.click()
        self.page.wait_for_function("__probe.ready !== null && __probe.load !== null", timeout=timeout_ms)
        return self.page.evaluate("__probe.ready")

    def ready_after_load(self) -> float:
        """Milliseconds from the page's load event to the worker's ready message (negative: ready before)."""
        return self.page.evaluate("__probe.ready - __probe.load")

    def settle(self, quiet_ms: int = 250, timeout_ms: int = 5000) -> None:
        """Wait until the worker answered every query sent, the result area changed after the last key and
        then stayed still for quiet_ms."""
        self.page.wait_for_function(
            "__probe.received >= __probe.sent && __probe.last > __probe.key"
            f" && performance.now() - __probe.last > {quiet_ms}", timeout=timeout_ms,
            polling=50)

    def search(self, query: str) -> list[str]:
        self.clear()
        before = self.page.evaluate("__probe.key")
        self.page.keyboard.type(query)
        # Material reads the box on keyup; text typed as Chinese or Japanese arrives as input with no key (as
        # an input method commits it), so a key with no text follows, as the commit key does for a reader.
        # Results are awaited after the last key that typed text, or after End when no key typed any
        typed_at = self.page.evaluate("__probe.key")
        self.page.keyboard.press("End")
        if typed_at != before:
            self.page.evaluate(f"__probe.key = {typed_at}")
        try:
            self.settle()
        except Exception:
            return []  # nothing changed: Material left the list as it was (no result)
        return self.page.evaluate(READ_RESULTS)

    def clear(self) -> None:
        self.box.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Backspace")
        try:
            self.settle(quiet_ms=100, timeout_ms=1500)
        except Exception:
            pass

    def first_results_ms(self, query: str) -> float | None:
        """Milliseconds from the last key of ``query`` to the first result on screen."""
        self.clear()
        self.page.keyboard.type(query[:-1])
        try:
            self.settle(quiet_ms=300)
        except Exception:
            pass
        self.page.keyboard.press(query[-1])
        try:
            self.page.wait_for_function("__probe.firstAfterKey !== null", timeout=10000, polling="raf")
        except Exception:
            return None
        return self.page.evaluate("__probe.firstAfterKey - __probe.key")

    def close(self) -> None:
        self.context.close()


def result_target(href: str, root: str) -> tuple[str, str]:
    """(page, section) of a result link, the page as in the online site (offline x.html -> x/)."""
    parts = urlsplit(href)
    base = unquote(urlsplit(root).path)
    path = unquote(parts.path)
    path = path[len(base):] if path.startswith(base) else path
    path = re.sub(r"(^|/)index\.html$", r"\1", path)
    path = re.sub(r"\.html$", "/", path)
    return path, parts.fragment


def rank(question: dict, links: list[str], root: str) -> int | None:
    """Position of the first link to the expected section; with no section named, to any part of the page."""
    wanted = {(question["page"], section) for section in [question.get("section"), *question.get("also", [])]}
    for position, href in enumerate(links, 1):
        page, section = result_target(href, root)
        if (page, section) in wanted or ("section" not in question and page == question["page"]):
            return position
    return None


def quality(browser, url: str, root: str, questions: dict, verbose: bool) -> dict[str, list[int | None]]:
    page = SearchPage(browser, url)
    page.wait_ready()
    ranks: dict[str, list[int | None]] = {}
    for kind, items in questions.items():
        for question in items:
            links = page.search(question["q"])
            position = rank(question, links, root)
            ranks.setdefault(kind, []).append(position)
            if verbose:
                shown = [f"{p}#{s}" for p, s in (result_target(h, root) for h in links[:3])]
                print(f"    {kind:9} {question['q']!r:42} rank {position}  top: {shown}")
    page.close()
    return ranks


def rates(positions: list[int | None]) -> tuple[float, float]:
    n = len(positions) or 1
    return (sum(p == 1 for p in positions) / n * 100, sum(p is not None and p <= 5 for p in positions) / n * 100)


def print_quality(table: dict[tuple[str, str], dict[str, list]]) -> None:
    classes = list(next(iter(table.values())))
    print("\n| search | where | " + " | ".join(f"{c} top-1 / top-5" for c in classes) + " | all top-1 / top-5 |")
    print("|---|---|" + "---:|" * (len(classes) + 1))
    for (search, where), ranks in table.items():
        cells = [rates(ranks[c]) for c in classes] + [rates([p for c in classes for p in ranks[c]])]
        print(f"| {search} | {where} | " + " | ".join(f"{a:.0f} % / {b:.0f} %" for a, b in cells) + " |")
    counts = {c: len(r) for c, r in next(iter(table.values())).items()}
    print(f"questions: {counts}, total {sum(counts.values())}")


def run_quality(browser, work: Path, verbose: bool, searches: list[str], files: list[Path]) -> None:
    questions = {}
    for file in files:
        questions.update(yaml.safe_load(file.read_text(encoding="utf-8")))
    table = {}
    for search in searches:
        online = build_site(ROOT, work / f"notes-{search}-online", offline=False, search=search)
        offline = build_site(ROOT, work / f"notes-{search}-offline", offline=True, search=search)
        with served(online) as url:
            print(f"{search} online:")
            table[(search, "online")] = quality(browser, url, url, questions, verbose)
        print(f"{search} offline:")
        table[(search, "offline")] = quality(browser, (offline / "index.html").as_uri(), offline.as_uri() + "/",
                                             questions, verbose)
    print_quality(table)


VAULTS = ROOT / "bench" / "vaults"  # fixture vaults in other languages: docs/, settings.yml, questions.yml


def vault_project(vault: Path, work: Path) -> Path:
    """A project folder around a fixture vault: this project's mkdocs.yml with the vault's theme.language."""
    folder = work / f"vault-{vault.name}"
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for name in ("hooks", "overrides", "node_modules"):
        if not (folder / name).exists():
            (folder / name).symlink_to(ROOT / name)
    if not (folder / "docs").exists():
        (folder / "docs").symlink_to(vault / "docs")
    settings = yaml.safe_load((vault / "settings.yml").read_text(encoding="utf-8"))
    config, count = re.subn(r"(?m)^  language: .*$", f"  language: {settings['language']}",
                            (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert count == 1
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def note_pages(site: Path) -> dict[str, str]:
    """Note title -> its page URL (as in the online site), from the built search index."""
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["title"]: unquote(doc["location"]) for doc in docs if "#" not in doc["location"]}


def run_languages(browser, work: Path, verbose: bool, searches: list[str]) -> None:
    """The questions of each fixture vault (bench/vaults/*), per language, both searches, online and offline."""
    for vault in sorted(p for p in VAULTS.iterdir() if (p / "questions.yml").is_file()):
        folder = vault_project(vault, work)
        table = {}
        for search in searches:
            online = build_site(folder, work / f"{vault.name}-{search}-online", offline=False, search=search)
            offline = build_site(folder, work / f"{vault.name}-{search}-offline", offline=True, search=search)
            pages = note_pages(online)
            asked = yaml.safe_load((vault / "questions.yml").read_text(encoding="utf-8"))
            questions = {kind: [{"q": item["q"], "page": pages[item["note"]]} for item in items]
                         for kind, items in asked.items()}
            with served(online) as url:
                print(f"{vault.name} {search} online:")
                table[(search, "online")] = quality(browser, url, url, questions, verbose)
            print(f"{vault.name} {search} offline:")
            table[(search, "offline")] = quality(browser, (offline / "index.html").as_uri(),
                                                 offline.as_uri() + "/", questions, verbose)
        print(f"\nvault bench/vaults/{vault.name}:")
        print_quality(table)


def run_scale(browser, work: Path, notes: int, repeats: int, places: list[str]) -> None:
    vault = work / f"vault-{notes}"
    if not (vault / "docs").is_dir():
        make_vault(vault, notes)
    folder = project(vault, "full")
    print(f"\n| search ({notes} notes) | where | index size | ready after (ms) | ready after load (ms) "
          "| last key -> first results (ms), median / max |")
    print("|---|---|---:|---:|---:|---:|")
    # one build per place (about 20 min each here); Material's search runs on it with its own worker swapped
    # back in (MATERIAL_WORKER): its index is the same but for config.vault_search, which lunr ignores
    for search in SEARCHES:
        for where in places:
            site = build_site(folder, work / f"scale-{notes}-project-{where}", offline=where == "offline",
                              search="project", strict=False)
            with served(site) as url:
                start = url if where == "online" else (site / "index.html").as_uri()
                readies, after_load, times = [], [], []
                for _ in range(repeats):
                    page = SearchPage(browser, start, lunr=search == "material")
                    readies.append(page.wait_ready())
                    after_load.append(page.ready_after_load())
                    for query in SCALE_QUERIES:
                        took = page.first_results_ms(query)
                        if took is not None:
                            times.append(took)
                    page.close()
            first = f"{statistics.median(times):.0f} / {max(times):.0f}" if times else "no results"
            print(f"| {search} | {where} | {sizes(site, where, search)} | {statistics.median(readies):.0f} "
                  f"| {statistics.median(after_load):.0f} | {first} |", flush=True)


def sizes(site: Path, where: str, search: str) -> str:
    """What the worker loads, raw and gzipped: Material's index; for this project's, its prebuilt index too."""
    names = ["search_index.js" if where == "offline" else "search_index.json"]
    if search == "project":
        names.append("vault_index.js" if where == "offline" else "vault_index.json")
    found = [site / "search" / name for name in names if (site / "search" / name).is_file()]
    return " + ".join(f"{path.name} {path.stat().st_size / 1e6:.1f} MB ({len(gzip.compress(path.read_bytes())) / 1e6:.1f} MB gz)"
                      for path in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--no-languages", action="store_true", help="skip the fixture vaults of bench/vaults")
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--where", choices=["online", "offline"], nargs="+", default=["online", "offline"])
    parser.add_argument("--work", type=Path, default=ROOT / ".bench" / "search")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the sites even if .bench has them")
    parser.add_argument("--search", choices=list(SEARCHES), nargs="+", default=list(SEARCHES))
    parser.add_argument("--questions", type=Path, nargs="+", default=[QUESTIONS, BLIND],
                        help="question files (YAML: class -> questions) asked of the ten notes")
    parser.add_argument("--verbose", action="store_true", help="print every question's rank and top results")
    args = parser.parse_args()
    if args.rebuild:
        for old in args.work.glob("*-o*line"):
            if not old.name.startswith("scale-"):  # the 2,000-note sites take long: delete them by hand
                shutil.rmtree(old)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        if not args.no_quality:
            run_quality(browser, args.work, args.verbose, args.search, args.questions)
        if not args.no_languages:
            run_languages(browser, args.work, args.verbose, args.search)
        if not args.no_scale:
            run_scale(browser, args.work, args.notes, args.repeats, args.where)
        browser.close()


if __name__ == "__main__":
    main()
