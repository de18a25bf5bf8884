"""A build that works from disk (file://) with no network: Material's offline plugin, minus what needs fetch().

Material's offline plugin makes search work without a server but loads its
iframe-worker shim from a CDN; the shim is shipped from node_modules instead
(``assets.publish_iframe_worker_shim``) and what needs fetch() (instant
navigation, prefetch) is turned off. Nothing happens unless the plugin is enabled.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from .assets import IFRAME_WORKER_SHIM

NEEDS_FETCH = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress")
ERROR_PAGE = "404.html"


def configure_offline(config: MkDocsConfig) -> None:
    """The theme's features and polyfills for the offline bundle (MkDocs' config is made anew per build)."""
    config.theme["features"] = [f for f in config.theme.get("features", []) if f not in NEEDS_FETCH]
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
    config.extra["polyfills"] = polyfills + [IFRAME_WORKER_SHIM[1]]


def error_page_base_url(context: dict, template_name: str) -> None:
    """The offline bundle's 404 page links relative to the bundle's root.

    MkDocs builds the 404 page with the site_url's absolute path (``/aws-notes/``),
    because a server shows it at any depth. The bundle has no server and keeps
    404.html at its root, where the absolute path leads nowhere from ``file://``.
    """
    if template_name == ERROR_PAGE:
        context["base_url"] = "."
