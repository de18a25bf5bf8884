"""What the vault hooks share during one build (hook modules are loaded separately)."""
from __future__ import annotations

import functools
import time
from collections import Counter
from dataclasses import dataclass, field

from vaultlib.index import VaultIndex
from vaultlib.problems import VaultProblem
from vaultlib.render import PageRender
from vaultlib.resolver import Resolver
from vaultlib.settings import VaultSettings
from vaultlib.xref.backlinks import Backlink
from vaultlib.xref.model import CrossReference


@dataclass
class BuildState:
    settings: VaultSettings = field(default_factory=VaultSettings)
    index: VaultIndex = field(default_factory=VaultIndex)
    resolver: Resolver | None = None
    problems: list[VaultProblem] = field(default_factory=list)
    xref: CrossReference = field(default_factory=CrossReference)
    rendered: dict[str, tuple[str, str, PageRender]] = field(default_factory=dict)  # site path -> (source, text, render)
    tags: dict[str, list[str]] = field(default_factory=dict)  # site path -> tags (properties and inline)
    backlinks: dict[str, list[Backlink]] = field(default_factory=dict)  # site path -> backlinks
    generated: dict[str, str] = field(default_factory=dict)  # src_uri -> nav title of generated pages
    browser_assets: dict[str, bool] = field(default_factory=dict)  # "math"/"mermaid" -> a note needs it
    timings: Counter = field(default_factory=Counter)  # "hook.event" -> seconds spent in this build


current = BuildState()


def reset(settings: VaultSettings) -> BuildState:
    global current
    current = BuildState(settings=settings)
    return current


def timed(name: str):
    """Add the time a hook event takes to ``current.timings[name]`` (printed with --verbose, read by bench/)."""
    def decorate(event):
        @functools.wraps(event)
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return event(*args, **kwargs)
            finally:
                current.timings[name] += time.perf_counter() - start
        return run
    return decorate
