"""Problems found in a vault, each naming the file and line it is about."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VaultProblem:
    kind: str  # a short key, e.g. "missing-attachment", "broken-link", "invalid-properties"
    path: str  # relative to the vault
    line: int  # 1-based; 0 when the whole file is concerned
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


# Kinds that are counted in one summary line, at the level an extra.vault setting gives them;
# every other kind is a warning of its own. kind -> (setting, summary)
SUMMARISED = {
    "missing-attachment": ("missing_attachments", "{n} embedded files are not in the vault"),
    "broken-link": ("broken_links", "{n} links point to no note or file"),
    "broken-anchor": ("broken_links", "{n} links point to a heading or block that does not exist"),
}
