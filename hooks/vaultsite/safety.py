"""Nothing from the vault runs in a reader's browser: the files MkDocs publishes, and every page's HTML.

``make_files_safe`` runs in on_files right after the pipeline published the
vault: files MkDocs found through a looping folder symlink are dropped, SVG
attachments are rewritten inert, output paths become ones Windows accepts.
``sanitize_html`` (vaultlib/safety/html.py) runs over every page's HTML in
on_page_content after every plugin that rewrites it (glightbox re-parses the
page), before previews are cut from it and before Material's search reads it.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from vaultlib.index.urls import slug
from vaultlib.safety.paths import free_portable_dest, is_device_name, portable_path
from vaultlib.safety.svg import SvgRefused, sanitize_svg
from vaultlib.safety.walk import symlink_repeats

from .site import SiteBuild

log = get_plugin_logger("vault")


def make_files_safe(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    _drop_symlink_repeats(build, files, config)
    _inert_svgs(build, files)
    _portable_dests(build, files)


def _drop_symlink_repeats(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    index = build.pipeline.index
    found = {file.src_uri: file for file in files if file.abs_src_path and not file.generated_by}
    for link, repeated in symlink_repeats(config.docs_dir, list(found), index.site_paths).items():
        log.warning(f"{link}: a symbolic link to a folder the vault already holds (or to one of its own "
                    f"parents); its {len(repeated)} files are published once, from their real folder")
        for src_uri in repeated:
            files.remove(found[src_uri])


def _inert_svgs(build: SiteBuild, files: Files) -> None:
    vault_files = build.pipeline.index.site_paths  # the vault's SVGs, not the theme's
    for file in list(files):
        if not file.src_uri.lower().endswith(".svg") or file.src_uri not in vault_files:
            continue
        try:
            file.content_bytes = sanitize_svg(file.content_bytes)
        except (SvgRefused, OSError) as error:
            log.warning(f"{file.src_uri}: {error}; the image is not published")
            files.remove(file)


def _portable_dests(build: SiteBuild, files: Files) -> None:
    index = build.pipeline.index
    for note in index.notes:
        for segment in note.site_path[: -len(".md")].split("/"):
            renamed = slug(segment)
            if renamed.endswith("_") and is_device_name(renamed[:-1]):
                log.warning(f"{note.vault_path}: '{segment}' is a device name on Windows; the page's address "
                            f"uses '{renamed}' instead")
    taken = {file.dest_uri.casefold() for file in files}
    for file in files:
        if file.src_uri not in index.site_paths or portable_path(file.dest_uri) == file.dest_uri:
            continue
        portable = free_portable_dest(file.dest_uri, taken)
        log.warning(f"{file.src_uri}: Windows cannot store this name; it is published as '{portable}'")
        file.dest_uri = portable
        for cached in ("url", "abs_dest_path"):
            file.__dict__.pop(cached, None)
