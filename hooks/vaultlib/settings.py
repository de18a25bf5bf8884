"""The vault's settings, read from ``extra.vault`` in mkdocs.yml, with defaults."""
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
    terms: dict = field(default_factory=dict)  # see xref.TermRules

    @classmethod
    def from_mapping(cls, data: dict | None) -> VaultSettings:
        data = dict(data or {})
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"extra.vault in mkdocs.yml has unknown settings: {', '.join(sorted(unknown))}")
        if isinstance(data.get("attachments"), str):
            data["attachments"] = (data["attachments"],)
        settings = cls(**{key: tuple(value) if key == "attachments" else value for key, value in data.items()})
        for name in ("missing_attachments", "broken_links"):
            if getattr(settings, name) not in LEVELS:
                raise ValueError(f"extra.vault.{name} in mkdocs.yml must be one of {', '.join(LEVELS)}")
        return settings
