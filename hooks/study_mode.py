"""MkDocs entry point (temporary, for hooks/vault.py to take over): the Study page's files.

Events: on_files only (default priority, after reference_pages has added the
generated pages). Publishes ts-fsrs' browser bundle from node_modules (study.js
loads it on the Study page) and the Anki package of every card. The Study page
itself is one of the pipeline's generated pages.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import vault_state
from vaultlib.study import ANKI_PACKAGE, STUDY, study_material
from vaultlib.study.anki import anki_package

TS_FSRS = ("ts-fsrs/dist/index.umd.js", "assets/vendor/ts-fsrs.umd.js")


@vault_state.timed("study_mode.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pipeline = vault_state.current
    if STUDY not in pipeline.pages:
        return files  # nothing to study (or the page stepped aside): no package, no scheduler
    source = Path(config.config_file_path).parent / "node_modules" / TS_FSRS[0]
    if not source.is_file():
        raise PluginError(f"{source} is missing: run 'npm ci' (the build command does) and build again.")
    _replace(files, File.generated(config, TS_FSRS[1], abs_src_path=str(source)))
    tags = {path: record.tags for path, record in pipeline.records.items()}
    cards, _ = study_material(pipeline.index, pipeline.xref, tags)
    _replace(files, File.generated(config, ANKI_PACKAGE, content=anki_package(cards, pipeline.index,
                                                                             config.site_name)))
    return files


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
