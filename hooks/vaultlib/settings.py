"""The vault's settings as plain values, with defaults (hooks/vaultsite/config.py checks ``extra.vault`` and makes them)."""
from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("info", "warning", "error")


@dataclass(frozen=True)
class VaultSettings:
    attachments: tuple[str, ...] = ("assets",)  # folders beside mkdocs.yml holding attachments
    order_property: str = "order"
    missing_attachments: str = "info"
    broken_links: str = "error"
    reference_title: str = "Reference"
    publish_drafts: bool = False  # true: notes with publish: false / draft: true are published too
    language: str | None = None  # search's language when not theme.language (vaultlib.browser.search_languages)
    terms: dict = field(default_factory=dict)  # see xref.TermRules
