"""Relative links between the site's files, made by the site generator's own function.

MkDocs' ``get_relative_url`` decides how a page reaches another (directory
URLs, ``.html`` pages), so every link the vault build writes is made with it;
vaultlib does not import MkDocs, so the pipeline hands the function in once and
every renderer and page emitter of that build shares one ``SitePaths``.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import quote

RelativeUrl = Callable[[str, str], str]  # (url, from url) -> relative url, as mkdocs.utils.get_relative_url


class SitePaths:
    """Relative, percent-encoded paths from one site file to another; one per build."""

    def __init__(self, relative_url: RelativeUrl) -> None:
        self.relative_url = relative_url
        # The same note is linked from many places of one page: one computation per pair and build.
        self._relative_path = functools.lru_cache(maxsize=65536)(self._encoded_relative)
        # Kept across the builds of ``mkdocs serve`` (the pipeline reuses the object): anchors included.
        self.markdown_path = functools.lru_cache(maxsize=1 << 17)(self._markdown_path)

    def forget_computed(self) -> None:
        """The paths worked out so far are dropped (each is worked out again when asked for)."""
        self._relative_path.cache_clear()
        self.markdown_path.cache_clear()

    def _markdown_path(self, target_site_path: str, page_site_path: str, anchor: str = "") -> str:
        """A link from one source file to another, for MkDocs to resolve and check."""
        path = self._relative_path(target_site_path, page_site_path)
        return f"{path}#{quote(anchor, safe='^')}" if anchor else path

    def page_url(self, target_url: str, page_url: str) -> str:
        """A URL from the page (``dir/`` or ``dir/page.html``) to a file of the built site."""
        return self._encoded_relative(target_url, page_url)

    def _encoded_relative(self, target: str, page: str) -> str:
        # get_relative_url drops the last part of ``page`` when it has a dot: "a/b.md" counts from "a".
        return quote(self.relative_url(target, page), safe="/")
