"""Browser libraries the site ships from node_modules (installed by `npm ci`), never from a CDN.

Math (KaTeX) and diagrams (Mermaid) are published only when a note needs them
and loaded only by the pages that have them; force-graph draws the Graph page;
the iframe-worker shim lets search run from file:// in the offline bundle.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from vaultlib.index.vault import Note
from vaultlib.syntax.grammar import MATH, MERMAID_FENCE

from .files import replace_file
from .site import SiteBuild

VENDOR = "assets/vendor"
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")
KATEX_START = ("<script>document$.subscribe(({body}) => renderMathInElement(body, {delimiters: ["
               "{left: '\\\\(', right: '\\\\)', display: false}, {left: '\\\\[', right: '\\\\]', display: true}],"
               " ignoredClasses: ['md-search']}))</script>")
FORCE_GRAPH = ("force-graph/dist/force-graph.min.js", "assets/vendor/force-graph.min.js")  # graph.js loads it
IFRAME_WORKER_SHIM = ("iframe-worker/shim/index.js", "assets/javascripts/iframe-worker-shim.js")  # name must hold "iframe-worker"


def publish_renderers(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """KaTeX and Mermaid, each only when some note has math or a diagram."""
    last, needs = build.carried.get("renderers", {}), {}
    for note in build.pipeline.index.notes:
        needs[note.vault_path] = _renderers_needed(note, last.get(note.vault_path))
    build.carried["renderers"] = needs
    build.renderers = {"math": any(math for _, math, _ in needs.values()),
                       "mermaid": any(mermaid for _, _, mermaid in needs.values())}
    if build.renderers["math"]:
        katex = _modules(config) / "katex" / "dist"
        for name in KATEX_FILES:
            publish(files, config, katex / name, f"{VENDOR}/katex/{name}")
        for font in sorted((katex / "fonts").glob("*.woff2")):
            publish(files, config, font, f"{VENDOR}/katex/fonts/{font.name}")
    if build.renderers["mermaid"]:
        publish(files, config, _modules(config) / "mermaid" / "dist" / "mermaid.min.js", f"{VENDOR}/mermaid.min.js")


def _renderers_needed(note: Note, last: tuple[Note, bool, bool] | None) -> tuple[Note, bool, bool]:
    """The note, whether it has math and a Mermaid diagram. Serve: a note the scan handed back unchanged
    (the very object, vaultlib.index.vault.ParsedFiles) keeps ``last``, the last build's answer."""
    if last is not None and last[0] is note:
        return last
    return note, bool(MATH.search(note.content.body)), bool(MERMAID_FENCE.search(note.content.body))


def publish_graph_library(files: Files, config: MkDocsConfig) -> None:
    publish(files, config, _modules(config) / FORCE_GRAPH[0], FORCE_GRAPH[1])


def publish_iframe_worker_shim(files: Files, config: MkDocsConfig) -> None:
    """The offline bundle's search needs the shim under file://; Material would load it from a CDN."""
    publish(files, config, _modules(config) / IFRAME_WORKER_SHIM[0], IFRAME_WORKER_SHIM[1])


def publish(files: Files, config: MkDocsConfig, source: Path, uri: str) -> None:
    if not source.is_file():
        raise PluginError(f"{source} is missing: run 'npm ci' (the build command does) and build again.")
    replace_file(files, File.generated(config, uri, abs_src_path=str(source)))


def renderer_tags(build: SiteBuild, output: str, page: Page) -> str:
    """The page loads KaTeX or Mermaid only when it has math or a diagram."""
    tags = []
    if build.renderers.get("mermaid") and 'class="mermaid"' in output:
        tags.append(f'<script src="{_url(page, "mermaid.min.js")}"></script>')
    if build.renderers.get("math") and 'class="arithmatex"' in output:
        tags += [f'<link rel="stylesheet" href="{_url(page, "katex/katex.min.css")}">',
                 f'<script src="{_url(page, "katex/katex.min.js")}"></script>',
                 f'<script src="{_url(page, "katex/contrib/auto-render.min.js")}"></script>', KATEX_START]
    return before_body_end(output, "".join(tags))


def before_body_end(output: str, html: str) -> str:
    """``html`` inserted just before the page's last ``</body>``."""
    if not html:
        return output
    head, _, tail = output.rpartition("</body>")
    return f"{head}{html}</body>{tail}"


def _modules(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "node_modules"


def _url(page: Page, name: str) -> str:
    return get_relative_url(f"{VENDOR}/{name}", page.url)
