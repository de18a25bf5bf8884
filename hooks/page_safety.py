"""MkDocs entry point (temporary, issue 21): nothing from the vault runs in a reader's browser.

Events (each only delegates to vaultlib/safety/):
  on_files         FILES_SAFETY 45   after the pipeline published the notes and attachments (50):
                                     drop files MkDocs found through a looping folder symlink,
                                     rewrite SVG attachments inert, give output paths Windows accepts
  on_page_content  PAGE_SAFETY -10   the allowlist sanitizer, after every plugin at 0 (glightbox
                                     re-parses the page there) and the hooks at 0 (search_ranking),
                                     before previews (-50) cut the page; Material's search reads
                                     page.content later (on_page_context), so it indexes the result
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import vault_state
from vaultlib.safety.html import sanitize_html
from vaultlib.safety.paths import free_portable_dest, is_device_name, portable_path
from vaultlib.safety.svg import SvgRefused, sanitize_svg
from vaultlib.safety.walk import symlink_repeats
from vaultlib.urls import slug

log = get_plugin_logger("vault")
FILES_SAFETY = 45
PAGE_SAFETY = -10


@event_priority(FILES_SAFETY)
@vault_state.timed("page_safety.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _drop_symlink_repeats(files, config)
    _inert_svgs(files)
    _portable_dests(files)
    return files


def _drop_symlink_repeats(files: Files, config: MkDocsConfig) -> None:
    index = vault_state.current.index
    found = {file.src_uri: file for file in files if file.abs_src_path and not file.generated_by}
    for link, repeated in symlink_repeats(config.docs_dir, list(found), index.site_paths).items():
        log.warning(f"{link}: a symbolic link to a folder the vault already holds (or to one of its own "
                    f"parents); its {len(repeated)} files are published once, from their real folder")
        for src_uri in repeated:
            files.remove(found[src_uri])


def _inert_svgs(files: Files) -> None:
    vault_files = vault_state.current.index.site_paths  # the vault's SVGs, not the theme's
    for file in list(files):
        if not file.src_uri.lower().endswith(".svg") or file.src_uri not in vault_files:
            continue
        try:
            file.content_bytes = sanitize_svg(file.content_bytes)
        except (SvgRefused, OSError) as error:
            log.warning(f"{file.src_uri}: {error}; the image is not published")
            files.remove(file)


def _portable_dests(files: Files) -> None:
    pipeline = vault_state.current
    for note in pipeline.index.notes:
        for segment in note.site_path[: -len(".md")].split("/"):
            renamed = slug(segment)
            if renamed.endswith("_") and is_device_name(renamed[:-1]):
                log.warning(f"{note.vault_path}: '{segment}' is a device name on Windows; the page's address "
                            f"uses '{renamed}' instead")
    vault_files = pipeline.index.site_paths
    taken = {file.dest_uri.casefold() for file in files}
    for file in files:
        if file.src_uri not in vault_files or portable_path(file.dest_uri) == file.dest_uri:
            continue
        portable = free_portable_dest(file.dest_uri, taken)
        log.warning(f"{file.src_uri}: Windows cannot store this name; it is published as '{portable}'")
        file.dest_uri = portable
        for cached in ("url", "abs_dest_path"):
            file.__dict__.pop(cached, None)


@event_priority(PAGE_SAFETY)
@vault_state.timed("page_safety.on_page_content")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return sanitize_html(html)
