"""MkDocs entry point: math (KaTeX) and diagrams (Mermaid) rendered in the browser from files we ship.

Material would fetch Mermaid from a CDN, and arithmatex only marks math up;
both must work in the offline bundle, so the renderers come from node_modules
(installed by `npm ci`) and are loaded only by the pages that have math or a
diagram. Events: on_files (publish the files when any note needs them),
on_post_page (add the script tags to those pages).
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import vault_state

VENDOR = "assets/vendor"
# In a note: a mermaid fence; $...$ or $$ math. In a page: what the extensions made of them.
NEEDS_MATH = re.compile(r"\$\$|(?<![\\$\w])\$[^\s$][^$\n]*\$")
NEEDS_MERMAID = re.compile(r"^[ \t>]*(```|~~~)\s*mermaid", re.M)
published: dict[str, bool] = {}  # "math"/"mermaid" -> this build publishes its renderer (set by on_files)
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")
KATEX_START = ("<script>document$.subscribe(({body}) => renderMathInElement(body, {delimiters: ["
               "{left: '\\\\(', right: '\\\\)', display: false}, {left: '\\\\[', right: '\\\\]', display: true}],"
               " ignoredClasses: ['md-search']}))</script>")


def _sources(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "node_modules"


@vault_state.timed("browser_assets.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    bodies = [note.content.body for note in vault_state.current.index.notes]
    wanted = {"math": any(NEEDS_MATH.search(body) for body in bodies),
              "mermaid": any(NEEDS_MERMAID.search(body) for body in bodies)}
    published.clear()
    published.update(wanted)
    modules = _sources(config)
    if wanted["math"]:
        katex = modules / "katex" / "dist"
        for name in KATEX_FILES:
            _publish(files, config, katex / name, f"{VENDOR}/katex/{name}")
        for font in sorted((katex / "fonts").glob("*.woff2")):
            _publish(files, config, font, f"{VENDOR}/katex/fonts/{font.name}")
    if wanted["mermaid"]:
        _publish(files, config, modules / "mermaid" / "dist" / "mermaid.min.js", f"{VENDOR}/mermaid.min.js")
    return files


def _publish(files: Files, config: MkDocsConfig, source: Path, uri: str) -> None:
    if not source.is_file():
        raise PluginError(f"{source} is missing: run 'npm ci' (the build command does) and build again.")
    files.append(File.generated(config, uri, abs_src_path=str(source)))


@vault_state.timed("browser_assets.on_post_page")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    wanted = published
    tags = []
    if wanted.get("mermaid") and 'class="mermaid"' in output:
        tags.append(f'<script src="{_url(page, "mermaid.min.js")}"></script>')
    if wanted.get("math") and 'class="arithmatex"' in output:
        tags += [f'<link rel="stylesheet" href="{_url(page, "katex/katex.min.css")}">',
                 f'<script src="{_url(page, "katex/katex.min.js")}"></script>',
                 f'<script src="{_url(page, "katex/contrib/auto-render.min.js")}"></script>', KATEX_START]
    if not tags:
        return output
    head, _, tail = output.rpartition("</body>")
    return f"{head}{''.join(tags)}</body>{tail}"


def _url(page: Page, name: str) -> str:
    return get_relative_url(f"{VENDOR}/{name}", page.url)
