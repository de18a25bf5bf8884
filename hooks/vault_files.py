"""MkDocs entry point: run the vault pipeline once per build and publish what it found.

Events: on_config (check extra.vault, start the build's pipeline), on_files
(run the pipeline; refuse files outside the vault, publish attachments, give
notes clean URLs; log problems), on_post_build (timings, with --verbose).
The steps themselves are in vaultlib/pipeline.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

import vault_state
from vault_config import heading_ids, is_offline, vault_settings
from vaultlib.index import VaultIndex, VaultRoot
from vaultlib.pipeline import SiteInfo
from vaultlib.problems import SUMMARISED
from vaultlib.publish import note_dests
from vaultlib.urls import OFFLINE_BUNDLE_FOLDER, offline_bundle_name

log = get_plugin_logger("vault")


@vault_state.timed("vault_files.on_config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    vault_state.start(vault_settings(config), heading_ids(config))
    return config


@event_priority(vault_state.FILES_PIPELINE)
@vault_state.timed("vault_files.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pipeline = vault_state.current
    config_dir = Path(config.config_file_path).parent
    roots = [VaultRoot(Path(config.docs_dir))]
    roots += [VaultRoot(config_dir / folder, Path(folder).name) for folder in pipeline.settings.attachments]
    # Only the build command makes the zip (and says so by extra.offline_bundle): no dead link elsewhere.
    made = config.extra.get("offline_bundle") is True and not is_offline(config)
    bundle = f"{OFFLINE_BUNDLE_FOLDER}/{offline_bundle_name(config.site_name)}" if made else None
    site = SiteInfo(config.site_name, config.site_description or "", bundle, config.use_directory_urls)
    pipeline.run(roots, lambda index: _publish(files, config, index), site)
    for problem in pipeline.problems:
        if problem.kind not in SUMMARISED:
            log.warning(str(problem))
    for notice in pipeline.index.notices:  # drafts, HTML pages, notes among the attachments
        log.info(str(notice))
    return files


def _publish(files: Files, config: MkDocsConfig, index: VaultIndex) -> dict[str, str]:
    """The pipeline's publish step, done by MkDocs: returns each published note's page URL."""
    _drop_refused(files, index)
    _add_attachments(files, config, index)
    return _set_note_urls(files, config, index)


def _drop_refused(files: Files, index: VaultIndex) -> None:
    refused = set(index.refused)
    for file in list(files):
        parents = {file.src_uri} | {file.src_uri.rsplit("/", n)[0] for n in range(1, file.src_uri.count("/") + 1)}
        if parents & refused:
            files.remove(file)


def _add_attachments(files: Files, config: MkDocsConfig, index: VaultIndex) -> None:
    for attachment in index.attachments:
        if attachment.site_path in files.src_uris:
            continue  # a file of docs/ itself, already published by MkDocs
        file = File(attachment.site_path, src_dir=None, dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls)
        file.abs_src_path = str(attachment.source)
        files.append(file)


def _set_note_urls(files: Files, config: MkDocsConfig, index: VaultIndex) -> dict[str, str]:
    dests, problems = note_dests([note.site_path for note in index.notes], config.use_directory_urls)
    for problem in problems:
        log.warning(str(problem))
    urls = {}
    for note in index.notes:
        file = files.get_file_from_path(note.site_path)
        if file is None:  # MkDocs left it out (README.md beside index.md) or it is in an attachments folder
            file = File(note.site_path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
            file.abs_src_path = str(note.source)
            files.append(file)
        file.dest_uri = dests[note.site_path]
        for cached in ("url", "abs_dest_path"):
            file.__dict__.pop(cached, None)
        urls[note.site_path] = file.url
    return urls


def on_post_build(config: MkDocsConfig) -> None:
    pipeline = vault_state.current
    published = sum(1 for record in pipeline.records.values() if record.url is not None)
    log.debug(f"rendered {pipeline.renders} notes, {published - pipeline.renders} from the render cache")
    for name, seconds in sorted(pipeline.step_seconds.items()):
        log.debug(f"pipeline step {name}: {seconds * 1000:.1f} ms")
    for name, seconds in sorted(vault_state.timings.items()):
        log.debug(f"hook time {name}: {seconds * 1000:.1f} ms")
