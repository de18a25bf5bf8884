"""The vault's files in MkDocs' terms: the pipeline's run, and what it publishes.

``run_pipeline`` runs the whole pipeline (``vaultlib/pipeline.py``) in on_files,
with MkDocs doing the publish step: files outside the vault refused,
attachments added, notes given clean URLs. ``add_generated_pages`` adds the
pages the pipeline wrote (home, reference pages) and the course-ordered nav.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from vaultlib.index.publish import note_dests
from vaultlib.index.urls import OFFLINE_BUNDLE_FOLDER, offline_bundle_name
from vaultlib.index.vault import VaultIndex, VaultRoot
from vaultlib.pages.nav import course_nav
from vaultlib.pipeline import SiteInfo, glossary
from vaultlib.problems import SUMMARISED

from .config import is_offline
from .site import SiteBuild

log = get_plugin_logger("vault")


def run_pipeline(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """Every step of the pipeline, in order; problems that are not summarised are warnings now."""
    pipeline = build.pipeline
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


def give_abbr_the_glossary(build: SiteBuild, config: MkDocsConfig) -> None:
    """Python-Markdown's abbr gets the glossary, so every acronym shows its expansion as a tooltip.

    MkDocs makes each page's Markdown from ``mdx_configs``: the one place an extension is configured.
    """
    if "abbr" in config.markdown_extensions:
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary(build.pipeline.xref)


def add_generated_pages(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """The pages the pipeline generated, and the course-ordered nav unless mkdocs.yml sets one."""
    pipeline = build.pipeline
    for path, markdown in pipeline.pages.items():
        replace_file(files, File.generated(config, path, content=markdown))
    if config.nav is None:
        config.nav = course_nav(pipeline.index, pipeline.generated, pipeline.settings.reference_title, pipeline.home)


def replace_file(files: Files, file: File) -> None:
    """Add ``file``, removing one with the same source path first (MkDocs warns on a repeat)."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


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


def log_timings(build: SiteBuild) -> None:
    """With --verbose: how many notes were rendered, and where the time went."""
    pipeline = build.pipeline
    published = sum(1 for record in pipeline.records.values() if record.url is not None)
    log.debug(f"rendered {pipeline.renders} notes, {published - pipeline.renders} from the render cache")
    for name, seconds in sorted(pipeline.step_seconds.items()):
        log.debug(f"pipeline step {name}: {seconds * 1000:.1f} ms")
    for name, seconds in sorted(build.timings.items()):
        log.debug(f"hook time {name}: {seconds * 1000:.1f} ms")
