"""What the vault hooks share during one build (hook modules are loaded separately)."""
from __future__ import annotations

from dataclasses import dataclass, field

from vaultlib.index import VaultIndex
from vaultlib.problems import VaultProblem
from vaultlib.resolver import Resolver
from vaultlib.settings import VaultSettings


@dataclass
class BuildState:
    settings: VaultSettings = field(default_factory=VaultSettings)
    index: VaultIndex = field(default_factory=VaultIndex)
    resolver: Resolver | None = None
    problems: list[VaultProblem] = field(default_factory=list)
    generated: dict[str, str] = field(default_factory=dict)  # src_uri -> nav title of generated pages
    extras: dict = field(default_factory=dict)  # per-concern data, keyed by hook


current = BuildState()


def reset(settings: VaultSettings) -> BuildState:
    global current
    current = BuildState(settings=settings)
    return current
