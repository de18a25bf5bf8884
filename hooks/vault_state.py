"""What the vault hooks share during one build (hook modules are loaded separately)."""
from __future__ import annotations

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


current = BuildState()


def reset(settings: VaultSettings) -> BuildState:
    global current
    current = BuildState(settings=settings)
    return current
