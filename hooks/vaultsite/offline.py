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


def configure_offline(config: MkDocsConfig) -> None:
    """The theme's features and polyfills for the offline bundle (MkDocs' config is made anew per build)."""
    config.theme["features"] = [f for f in config.theme.get("features", []) if f not in NEEDS_FETCH]
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
    config.extra["polyfills"] = polyfills + [IFRAME_WORKER_SHIM[1]]
