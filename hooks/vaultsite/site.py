"""All state of the vault hooks, on one object: ``VaultSite``, and the one build it is running.

Lifetime, as MkDocs documents it:

- ``VaultSite`` lives as long as the MkDocs command. ``hooks/vault.py`` makes
  it when MkDocs loads the hook file; MkDocs treats a hook file as a plugin
  instance, and a plugin with ``on_startup`` "is kept across builds within one
  ``mkdocs serve``" (``mkdocs.plugins.BasePlugin.on_startup``). What must
  outlive a build sits here: the render cache, so a rebuild renders only the
  notes an edit changed. When MkDocs says each build stands alone (``on_startup``'s
  command "build" or "gh-deploy"), the cache is let go once a build has published
  its files (``VaultSite.published``): nothing would read it again.
- ``SiteBuild`` is one build, from ``on_config`` (the first event of every
  build, including each rebuild of ``mkdocs serve``) to ``on_post_build``:
  the pipeline (index, model, one record per note), what the build published
  and the hooks' timings. ``VaultSite.start_build`` makes it new.
- ``PageStore`` (``VaultSite.pages``) lives as long as the command, like the
  render cache: under ``mkdocs serve``, each page's last results, which the
  next build replays for pages whose inputs did not change (``page_store.py``, ``replay.py``).
- The serve helpers ``SiteFolder``, ``TemplateCache``, ``BackgroundPrebuild`` and ``IdleCollector``
  live as long as the command too; each module says what it keeps.

No other module of ``hooks/`` or ``vaultlib/`` keeps state (``tests/test_layout.py``).
"""
from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_relative_url

from vaultlib.pipeline import Pipeline
from vaultlib.render.cache import RenderCache

from .config import heading_ids, vault_settings
from .collector import IdleCollector
from .page_pool import PagePool
from .page_store import BuildReplay, PageStore
from .search_background import BackgroundPrebuild
from .site_folder import SiteFolder, SkippedPagesFilter, TemplateCache


@dataclass
class SiteBuild:
    """One build's state; every adapter reads and writes the build through it."""

    pipeline: Pipeline
    renderers: dict[str, bool] = field(default_factory=dict)  # "math"/"mermaid" -> its renderer is published
    page_urls: dict[str, str] = field(default_factory=dict)  # src_uri -> page URL, once MkDocs knows them
    page_languages: dict[str, str] = field(default_factory=dict)  # page URL -> its note's lang (search)
    page_captions: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # page URL -> heading id -> figures
    nav: Navigation | None = None  # MkDocs' nav, from on_nav to on_env (which does not receive it)
    replay: BuildReplay = field(default_factory=lambda: BuildReplay(None))  # serve: pages kept from the last build
    local_graphs: dict[str, str | None] = field(default_factory=dict)  # src_uri -> the page's local graph JSON
    pool: PagePool = field(default_factory=PagePool)  # build: the processes rendering later pages meanwhile
    template_pool: PagePool = field(default_factory=PagePool)  # build: the processes of the templates' pass
    folder: SiteFolder | None = None  # serve: the site folder kept from the last build (VaultSite.folder)
    prebuild: BackgroundPrebuild | None = None  # serve: the search index prebuilt after the build (VaultSite's)
    # serve: VaultSite's results carried from build to build, each under its own key and checked before use:
    # "local graphs" (src_uri -> (neighbourhood, JSON)), "anki" ((cards, titles), package bytes),
    # "graph data" (graph, URLs, script), "graph" (graph, URLs: what the local graphs were made from),
    # "renderers" (vault path -> (note, has math, has Mermaid))
    carried: dict = field(default_factory=dict)
    timings: Counter = field(default_factory=Counter)  # step -> seconds (--verbose prints them, bench/ reads them)

    @contextlib.contextmanager
    def timed(self, name: str) -> Iterator[None]:
        """Add the time the block takes to ``timings[name]``."""
        begin = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] += time.perf_counter() - begin


def _replay_wanted() -> bool:
    """``VAULT_REPLAY=0`` makes every serve rebuild a full one (the serve test's reference, and a way out)."""
    return os.environ.get("VAULT_REPLAY", "1") != "0"


class VaultSite:
    """The hooks' one object: the render cache of the command, and the build under way."""

    def __init__(self) -> None:
        self.render_cache = RenderCache()  # every build of `mkdocs serve` reuses it
        self.pages = PageStore()  # serve: each page's last results, replayed while its inputs stay the same
        self.folder = SiteFolder()  # serve: what the site folder holds, so a rebuild writes only what changed
        self.quiet_kept_pages = SkippedPagesFilter(self.folder)  # on MkDocs' build logger under serve
        self.carried: dict = {}  # serve: SiteBuild.carried
        self.templates = TemplateCache()  # serve: compiled templates, for each build's new Jinja environment
        self.prebuild = BackgroundPrebuild()  # serve: the worker's search index, prebuilt beside the server
        self.collector = IdleCollector()  # serve: cycles collected between builds, not during them
        self.command: str | None = None  # on_startup's "build", "gh-deploy" or "serve"; None: build() called directly
        self._build: SiteBuild | None = None

    def start_build(self, config: MkDocsConfig) -> SiteBuild:
        """A new build: ``extra.vault`` checked, a fresh pipeline over the same render cache."""
        self.collector.pause()
        pipeline = Pipeline(vault_settings(config), heading_ids(config), get_relative_url, self.render_cache)
        replay = BuildReplay(self.pages if self.command == "serve" and _replay_wanted() else None)
        self._build = SiteBuild(pipeline, replay=replay, folder=self.folder if replay.active else None,
                                prebuild=self.prebuild if self.command == "serve" else None,
                                carried=self.carried if replay.active else {})
        return self._build

    @property
    def keeps_rebuild_state(self) -> bool:
        """False where MkDocs says each build stands alone: "build" and "gh-deploy" run one, and
        ``serve --clean`` tells its plugins "build" for builds made from nothing."""
        return self.command not in ("build", "gh-deploy")

    def published(self) -> None:
        """The build's files are published: a build that stands alone lets go of what only a rebuild reads."""
        if not self.keeps_rebuild_state:
            self.build.pipeline.let_go_of_rebuild_state()
            self.render_cache = self.build.pipeline.cache  # empty: a build that follows renders everything

    def settle(self) -> None:
        """Serve, after each build: the cycle collector's work moved out of the rebuilds (collector.py)."""
        if self.command == "serve" and self._build is not None:
            self.collector.settle(first_build=self._build.pipeline.build_number == 1)

    @property
    def build(self) -> SiteBuild:
        if self._build is None:
            raise RuntimeError("no build is under way: MkDocs calls on_config first")
        return self._build
