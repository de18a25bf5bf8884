"""MkDocs entry point: a build that works from disk (file://) with no network.

Material's offline plugin makes search work without a server but loads its
iframe-worker shim from a CDN; this hook ships the shim from node_modules
instead and turns off what needs fetch() (instant navigation, prefetch).
Events: on_config, on_files; both do nothing unless the offline plugin is enabled.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import vault_state
from vault_config import is_offline

SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"  # the name must contain "iframe-worker"
NEEDS_FETCH = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress")


@vault_state.timed("offline_bundle.on_config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not is_offline(config):
        return config
    config.theme["features"] = [f for f in config.theme.get("features", []) if f not in NEEDS_FETCH]
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
    config.extra["polyfills"] = polyfills + [SHIM_URI]
    return config


@vault_state.timed("offline_bundle.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not is_offline(config):
        return files
    shim = Path(config.config_file_path).parent / SHIM_SOURCE
    if not shim.is_file():
        raise PluginError(f"{shim} is missing: the offline bundle needs it for search. "
                          "Run 'npm ci' (the build command does) and build again.")
    files.append(File.generated(config, SHIM_URI, abs_src_path=str(shim)))
    return files
