"""MkDocs entry point for issue 18 (a reader's first minutes); delegates to vaultlib.reader_pages.

Events: on_template_context (the offline bundle's 404 page gets relative URLs).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from vault_config import is_offline
from vaultlib.reader_pages import error_page_base


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    base = error_page_base(template_name, is_offline(config))
    if base is not None:
        context["base_url"] = base
    return context
