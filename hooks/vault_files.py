"""MkDocs entry point: index the vault once, publish its attachments, give notes clean URLs and order.

Events: on_config (settings), on_files (everything else, once per build).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

import vault_state
from vaultlib.index import VaultIndex, VaultRoot
from vaultlib.resolver import Resolver
from vaultlib.settings import VaultSettings
from vaultlib.publish import note_dests

log = get_plugin_logger("vault")


@vault_state.timed("vault_files.on_config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = VaultSettings.from_mapping(config.extra.get("vault"))
    except (TypeError, ValueError) as error:
        raise PluginError(str(error)) from None
    vault_state.reset(settings)
    return config


@event_priority(50)  # before other plugins see the files, so refused ones never reach them
@vault_state.timed("vault_files.on_files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = vault_state.current
    config_dir = Path(config.config_file_path).parent
    roots = [VaultRoot(Path(config.docs_dir))]
    roots += [VaultRoot(config_dir / folder, Path(folder).name) for folder in state.settings.attachments]
    state.index = VaultIndex.scan(roots, toc_slugify(config), order_property=state.settings.order_property,
                                  publish_drafts=state.settings.publish_drafts)
    state.resolver = Resolver(state.index)
    state.problems.extend(state.index.problems)
    for problem in state.index.problems:
        log.warning(str(problem))
    for notice in state.index.notices:  # drafts, HTML pages, notes among the attachments
        log.info(str(notice))
    _drop_refused(files, state.index)
    _add_attachments(files, config, state.index)
    _set_note_urls(files, config, state.index)
    return files


def toc_slugify(config: MkDocsConfig):
    """The slugify MkDocs' toc uses for heading ids, so our anchors are its anchors."""
    from markdown.extensions.toc import slugify

    return (config.mdx_configs.get("toc") or {}).get("slugify") or slugify


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


def _set_note_urls(files: Files, config: MkDocsConfig, index: VaultIndex) -> None:
    dests, problems = note_dests([note.site_path for note in index.notes], config.use_directory_urls)
    for problem in problems:
        log.warning(str(problem))
    for note in index.notes:
        file = files.get_file_from_path(note.site_path)
        if file is None:  # MkDocs left it out (README.md beside index.md) or it is in an attachments folder
            file = File(note.site_path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
            file.abs_src_path = str(note.source)
            files.append(file)
        file.dest_uri = dests[note.site_path]
        for cached in ("url", "abs_dest_path"):
            file.__dict__.pop(cached, None)


def on_post_build(config: MkDocsConfig) -> None:
    for name, seconds in sorted(vault_state.current.timings.items()):
        log.debug(f"hook time {name}: {seconds * 1000:.1f} ms")
