"""Serve's site folder kept across rebuilds: only what changed is written, what a build no longer makes is deleted;
and the compiled templates kept (``TemplateCache``).

Every rebuild of ``mkdocs serve`` deletes the whole site folder
(``mkdocs.utils.clean_directory``), then writes every page and copies every
static file again: one or more calls per file, seconds for a vault of
thousands of notes, even when one note changed. Here:

1. ``park`` (on_pre_build) renames the folder aside and leaves an empty one,
   so MkDocs' clean has nothing to delete;
2. ``unpark`` (on_files) puts the last build's folder back in its place;
3. a page serve replays is not written again (its file holds the same bytes:
   ``keep``), nor is a static file whose source did not change since it was
   copied (``skip_unchanged_copies``);
4. ``sweep`` (on_post_build) deletes every file this build neither wrote nor
   kept: pages of deleted or renamed notes, removed attachments.

If a rename fails (a file held open on Windows) MkDocs' own clean runs as before.
``tests/test_serve.py`` compares the folder after each change with a full build.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File, Files

PAGE_SKIPPED = "Page skipped: "  # MkDocs' info line for a page whose output is empty



@dataclass
class SiteFolder:
    """What serve's site folder held after the last build; lives as long as the command (``VaultSite``)."""

    copied: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # dest -> (source, size, mtime_ns)
    parked: Path | None = None  # the last build's folder while MkDocs cleans the empty one
    started_ns: int = 0  # files written by this build are at least this recent
    kept: set[str] = field(default_factory=set)  # dest paths this build keeps from the last one
    kept_pages: set[str] = field(default_factory=set)  # src_uris of the pages among them
    reused: bool = False  # this build started from the last build's files

    def park(self, site_dir: str) -> None:
        folder = Path(site_dir)
        self.kept, self.kept_pages, self.parked, self.reused = set(), set(), None, False
        # the file system's clock may lag time.time() by a tick: files written now are newer than this
        self.started_ns = time.time_ns() - 50_000_000
        if not folder.is_dir() or not any(folder.iterdir()):
            return
        parked = folder.with_name(f"{folder.name}.last")
        try:
            os.replace(folder, parked)
            folder.mkdir()
        except OSError:
            return
        self.parked = parked

    def unpark(self, site_dir: str) -> None:
        if self.parked is None:
            return
        try:
            os.rmdir(site_dir)  # MkDocs cleaned it: empty
            os.replace(self.parked, site_dir)
            self.reused = True
        except OSError:
            pass  # something wrote into it: MkDocs builds every file, as without this module
        self.parked = None

    def keep_page(self, uri: str, path: str) -> bool:
        """Keep a replayed page's file; MkDocs is then handed an empty output and does not write it."""
        kept = self.keep(path)
        if kept:
            self.kept_pages.add(uri)
        return kept

    def keep(self, path: str) -> bool:
        """Keep the last build's file at ``path`` instead of writing it again (False: it is not there)."""
        if not self.reused or not os.path.isfile(path):
            return False
        self.kept.add(os.path.normpath(path))
        return True

    def skip_unchanged_copies(self, files: Files) -> None:
        """Static files whose source has the size and time it had when copied are not copied again."""
        copied = {}
        for file in files:  # what Files.copy_static_files copies: every file that is not a page
            if file.is_documentation_page() or file.abs_src_path is None or file.generated_by:
                continue
            try:
                info = os.stat(file.abs_src_path)
            except OSError:
                continue
            dest = os.path.normpath(file.abs_dest_path)
            stamp = (file.abs_src_path, info.st_size, info.st_mtime_ns)
            copied[dest] = stamp
            if self.copied.get(dest) == stamp and self.keep(dest):
                _no_copy(file)
        self.copied = copied

    def sweep(self, site_dir: str) -> None:
        """Delete what this build neither wrote nor kept, then folders left empty."""
        if not self.reused:
            return
        site_dir = os.path.normpath(site_dir)
        for root, folders, names in os.walk(site_dir, topdown=False):
            for name in names:
                path = os.path.join(root, name)
                if path in self.kept:
                    continue
                try:
                    if os.stat(path).st_mtime_ns < self.started_ns:
                        os.unlink(path)
                except OSError:
                    pass
            if root != site_dir and not os.listdir(root):
                os.rmdir(root)


def _no_copy(file: File) -> None:
    def copy_file(dirty: bool = False) -> None:
        return None  # the last build's copy is in place (SiteFolder.skip_unchanged_copies)

    file.copy_file = copy_file  # type: ignore[method-assign]


class SkippedPagesFilter(logging.Filter):
    """MkDocs says "Page skipped" for a page whose output is empty: a page kept in place is not news."""

    def __init__(self, folder: SiteFolder) -> None:
        super().__init__()
        self.folder = folder

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(PAGE_SKIPPED):
            return True
        uri = message[len(PAGE_SKIPPED) + 1:message.rfind("'. Generated")]
        return uri not in self.folder.kept_pages


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory across serve's rebuilds.

    MkDocs makes a new Jinja environment for every build, which compiles every
    template again; Jinja's bytecode cache is its own way to keep the result
    (checked against each template's source, so an edited override is compiled again).
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
