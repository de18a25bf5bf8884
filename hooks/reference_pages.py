"""MkDocs entry point: the generated pages (home, cross-reference pages) and the navigation.

Events: on_files only. The pipeline (run by vault_files.on_files) wrote the
pages' Markdown; this adds them to MkDocs' files and sets the course-ordered nav.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import vault_state
from vaultlib.nav import course_nav


@event_priority(vault_state.FILES_PAGES)
@vault_state.timed("reference_pages.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pipeline = vault_state.current
    for path, markdown in pipeline.pages.items():
        _put(files, config, path, markdown)
    if config.nav is None:
        config.nav = course_nav(pipeline.index, pipeline.generated, pipeline.settings.reference_title, pipeline.home)
    return files


def _put(files: Files, config: MkDocsConfig, src_uri: str, markdown: str) -> None:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, src_uri, content=markdown))
