"""VaultIndex: every note and attachment of the vault, scanned once per build.

Lookups are dictionaries keyed by lower-cased names and paths, so resolving a
link never walks the folder again.
"""
from __future__ import annotations

import hashlib
import math
import os
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..problems import VaultProblem
from .note_text import HeadingNamer, NoteContent, read_note
from .properties import is_draft, scalar_text, text_list
from ..safety.nesting import too_deep

NOTE_SUFFIX = ".md"
# Pages a browser would run the scripts of, from the site's own origin: never published.
ACTIVE_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
DRAFT = "a draft (publish: false or draft: true)"


def name_key(name: str) -> str:
    """How Obsidian compares names: case-insensitive, Unicode-normalised, '/' separated."""
    return unicodedata.normalize("NFC", name.replace("\\", "/")).strip().strip("/").casefold()


@dataclass(frozen=True)
class VaultRoot:
    """A folder of the vault. ``site_prefix`` is where its files land in the site."""

    folder: Path
    site_prefix: str = ""  # "" for the docs folder, e.g. "assets" for attachments

    def site_path(self, relative: str) -> str:
        return f"{self.site_prefix}/{relative}" if self.site_prefix else relative


@dataclass
class VaultFile:
    vault_path: str  # relative to its root, '/' separated
    site_path: str  # src_uri in the site (docs-relative)
    source: Path

    @property
    def name(self) -> str:
        return self.vault_path.rsplit("/", 1)[-1]

    @property
    def folder(self) -> str:
        return self.vault_path.rpartition("/")[0]


@dataclass
class Note(VaultFile):
    content: NoteContent = field(default_factory=NoteContent)
    order: int = 0  # position in the course: the order property, then the name

    @property
    def stem(self) -> str:
        return self.name[: -len(NOTE_SUFFIX)]

    @cached_property
    def title(self) -> str:
        """The ``title`` property, else the file's name (read once: a note's content is set when it is read)."""
        title = scalar_text(self.content.properties.get("title"))
        return title if title and title.strip() else self.stem

    @property
    def aliases(self) -> list[str]:
        """``aliases`` as a list, also when written as one value (``aliases: 42``, a date)."""
        return text_list(self.content.properties.get("aliases"))


PAGE_SUFFIX = ".md"  # a board's or base's page source: the file's path + ".md" ("Course map.canvas.md")


@dataclass
class VaultPage(Note):
    """A page the build writes from a vault file that is not a note: a JSON Canvas board or a Base.

    vaultlib/vault_pages.py reads the file into page Markdown (``content``); from there it is a note
    to every step. Links name it with its extension (``[[Course map.canvas]]``); its title has none.
    """

    kind: str = ""  # "canvas" or "base"
    # What ``![[it]]`` shows inside another page (Markdown); its links to the page's own parts are
    # written "(#id)" and the renderer points them at this page.
    embed_markdown: str = ""
    source_text: str = ""  # a base's YAML: an embed evaluates it with the embedding note as ``this``
    origins: dict[int, tuple[int, str]] = field(default_factory=dict)  # page line -> (file line, "node 'id'")

    @property
    def stem(self) -> str:
        return os.path.splitext(self.name)[0]

    @property
    def title(self) -> str:
        return self.stem

    @property
    def aliases(self) -> list[str]:
        return []


# (vault path, site path, file, heading ids) -> the page and its problems, or None for a file that is no page
PageReader = Callable[[str, str, Path, HeadingNamer], "tuple[VaultPage, list[VaultProblem]] | None"]


@dataclass
class ParsedFiles:
    """Notes and pages as read from their bytes, kept from one scan to the next (``mkdocs serve``).

    A file whose bytes, paths and heading-id settings are those of the last scan
    gets the very same ``Note`` back: reading YAML and headings is most of a scan,
    and later steps key their own caches on the note object. It lives on the
    build cache (``render.cache.RenderCache.files``), never in a module.
    """

    # site path -> (what the parse read: kind, vault path, digest of the bytes, heading ids) -> (note, problems)
    entries: dict[str, tuple[tuple, tuple]] = field(default_factory=dict)
    settings: object = None  # the heading-id settings the entries were made with
    fresh: set[str] = field(default_factory=set)  # site paths parsed anew by the last scan (new Note objects)
    _seen: dict[str, tuple[tuple, tuple]] = field(default_factory=dict)

    def start(self, settings: object) -> None:
        """A new scan; entries made with other heading-id settings are dropped."""
        if settings != self.settings:
            self.entries, self.settings = {}, settings
        self.fresh, self._seen = set(), {}

    def finish(self) -> None:
        """Keep only the files this scan saw, so the cache never outgrows the vault."""
        self.entries, self._seen = self._seen, {}

    def read(self, kind: str, relative: str, site_path: str, data: bytes, parse: Callable[[], tuple]) -> tuple:
        """``parse()``'s result for these bytes, from the last scan when nothing it reads changed."""
        key = (kind, relative, hashlib.blake2b(data, digest_size=16).digest())
        cached = self.entries.get(site_path)
        if cached is not None and cached[0] == key:
            result = cached[1]
        else:
            result = parse()
            self.fresh.add(site_path)
        self._seen[site_path] = (key, result)
        return result


@dataclass
class VaultIndex:
    notes: list[Note] = field(default_factory=list)  # in course order
    attachments: list[VaultFile] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # site paths left out of the build
    problems: list[VaultProblem] = field(default_factory=list)
    notes_by_path: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    notes_by_name: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    files_by_path: dict[str, list[VaultFile]] = field(default_factory=lambda: defaultdict(list))
    files_by_name: dict[str, list[VaultFile]] = field(default_factory=lambda: defaultdict(list))
    note_by_site_path: dict[str, Note] = field(default_factory=dict)
    site_paths: set[str] = field(default_factory=set)  # every published file, notes and attachments
    # Files of the vault that are not published (drafts, HTML pages): name or path key -> why.
    # A link to one shows as plain text, as Obsidian Publish shows a link to an unpublished note.
    withheld_by_name: dict[str, str] = field(default_factory=dict)
    withheld_by_path: dict[str, str] = field(default_factory=dict)
    notices: list[VaultProblem] = field(default_factory=list)  # worth an INFO line, not a warning
    parsed: ParsedFiles | None = field(default=None, repr=False, compare=False)  # the scan's reuse of the last one

    @classmethod
    def scan(cls, roots: list[VaultRoot], heading_ids: HeadingNamer, *, order_property: str = "order",
             publish_drafts: bool = False, read_page: PageReader | None = None,
             parsed: ParsedFiles | None = None) -> VaultIndex:
        """``read_page`` turns boards and bases into pages (vault_pages.read_vault_page); without it they are files.

        ``parsed``: notes read by the last scan, reused where the bytes are the same (a rebuild).
        """
        index = cls(parsed=parsed)
        if parsed is not None:
            parsed.start(getattr(heading_ids, "signature", heading_ids))
        for root in roots:
            for relative, source in _walk(root.folder, index):
                index._add(root, relative, source, heading_ids, publish_drafts, read_page)
        if parsed is not None:
            parsed.finish()
        index.notes.sort(key=lambda note: (_order_value(note, order_property), note.vault_path.casefold()))
        for position, note in enumerate(index.notes):
            note.order = position
        return index

    def _add(self, root: VaultRoot, relative: str, source: Path, heading_ids: HeadingNamer, publish_drafts: bool,
             read_page: PageReader | None = None) -> None:
        site_path = root.site_path(relative)
        if relative.lower().endswith(ACTIVE_PAGE_SUFFIXES):
            self._withhold(VaultFile(relative, site_path, source), "an HTML page (its scripts would run on the site)")
        elif relative.lower().endswith(NOTE_SUFFIX):
            if root.site_prefix:
                self.notices.append(VaultProblem(
                    "note-in-attachments", site_path, 0,
                    f"is a note inside the attachments folder '{root.site_prefix}'; it is published as a page "
                    "(notes belong in the docs folder)"))
            self._add_note(relative, site_path, source, heading_ids, publish_drafts)
        elif read_page is not None and (page := read_page(relative, site_path, source, heading_ids)) is not None:
            self._add_vault_page(*page)
        else:
            self._add_attachment(VaultFile(relative, site_path, source))

    def _withhold(self, file: VaultFile, reason: str, names: tuple[str, ...] = ()) -> None:
        self.refused.append(file.site_path)
        self.notices.append(VaultProblem("not-published", file.vault_path, 0, f"is {reason}; it is not published"))
        stem = file.vault_path[: -len(NOTE_SUFFIX)] if names else file.vault_path
        site_stem = file.site_path[: -len(NOTE_SUFFIX)] if names else file.site_path
        for key in (name_key(stem), name_key(site_stem)):
            self.withheld_by_path.setdefault(key, reason)
        for name in names or (file.name,):
            self.withheld_by_name.setdefault(name_key(name), reason)

    def _add_note(self, relative: str, site_path: str, source: Path, heading_ids: HeadingNamer, publish_drafts: bool) -> None:
        note = self._read_note(relative, site_path, source, heading_ids)
        if note is None:
            self.refused.append(site_path)
            return
        if not publish_drafts and is_draft(note.content.properties):
            self._withhold(note, DRAFT, (note.stem, *note.aliases))
            return
        self.notes.append(note)
        self.site_paths.add(site_path)
        self.note_by_site_path[site_path] = note
        for key in {name_key(relative[:-3]), name_key(site_path[:-3])}:
            self.notes_by_path[key].append(note)
        for name in [note.stem, *note.aliases]:
            self.notes_by_name[name_key(name)].append(note)

    def _add_vault_page(self, page: VaultPage, problems: list[VaultProblem]) -> None:
        """A board or base: filed under its path and name with the extension, never without (as Obsidian)."""
        self.problems.extend(problems)
        self.notes.append(page)
        self.site_paths.add(page.site_path)
        self.note_by_site_path[page.site_path] = page
        for key in {name_key(page.vault_path), name_key(page.site_path.removesuffix(PAGE_SUFFIX))}:
            self.notes_by_path[key].append(page)
        self.notes_by_name[name_key(page.name)].append(page)

    def _add_attachment(self, attachment: VaultFile) -> None:
        self.attachments.append(attachment)
        self.site_paths.add(attachment.site_path)
        for key in {name_key(attachment.vault_path), name_key(attachment.site_path)}:
            self.files_by_path[key].append(attachment)
        self.files_by_name[name_key(attachment.name)].append(attachment)

    def _read_note(self, relative: str, site_path: str, source: Path, heading_ids: HeadingNamer) -> Note | None:
        data = source.read_bytes()
        parse = lambda: parse_note(relative, site_path, source, data, heading_ids)  # noqa: E731
        parsed = self.parsed
        note, problems = parsed.read("note", relative, site_path, data, parse) if parsed is not None else parse()
        self.problems.extend(problems)
        return note


def parse_note(relative: str, site_path: str, source: Path, data: bytes,
               heading_ids: HeadingNamer) -> tuple[Note | None, list[VaultProblem]]:
    """(the note, problems) of a note file's bytes; None when they are no text note."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [VaultProblem(
            "unreadable-note", relative, 0,
            f"not UTF-8 text (byte {error.start}); the note is left out of the site. "
            "Save it as UTF-8 or rename it if it is not a note")]
    if "\x00" in text:
        return None, [VaultProblem(
            "unreadable-note", relative, 0,
            "contains NUL bytes, so it is not a text note; it is left out of the site")]
    if (too_deep_problem := too_deep(text.replace("\r\n", "\n"), relative)) is not None:
        return None, [too_deep_problem]  # before Markdown's recursion would stop the build
    content = read_note(text.replace("\r\n", "\n"), relative, heading_ids)
    return Note(relative, site_path, source, content), list(content.problems)


def _order_value(note: Note, order_property: str) -> float:
    value = note.content.properties.get(order_property)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return math.inf
    return number if math.isfinite(number) and not isinstance(value, bool) else math.inf  # NaN would scramble


def _walk(folder: Path, index: VaultIndex):
    """(relative path, absolute path) of every file below ``folder``, in a stable order.

    Dot-files and dot-folders are skipped, as Obsidian and MkDocs do. A symlink
    whose target lies outside ``folder`` is refused: nothing outside the vault
    is read or published.
    """
    folder = folder.resolve()
    if not folder.is_dir():
        return
    seen = {folder}  # a symlink to a folder already walked would loop forever
    top = str(folder)
    for directory, subdirs, files in os.walk(folder, followlinks=True):
        current = Path(directory)
        # os.walk gives each folder as ``top`` + "/" + its path below: slicing it is what relative_to computes
        below = directory[len(top) + 1:].replace(os.sep, "/")
        kept = []
        for name in sorted(subdirs):
            real = (current / name).resolve()
            if not name.startswith(".") and real not in seen and _inside(current / name, folder, index):
                seen.add(real)
                kept.append(name)
        subdirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = current / name
            relative = f"{below}/{name}" if below else name
            if _inside(path, folder, index, relative):
                yield relative, path


def _inside(path: Path, folder: Path, index: VaultIndex, relative: str = "") -> bool:
    if not path.is_symlink():
        return True
    target = path.resolve()
    if target == folder or folder in target.parents:
        return True
    relative = relative or path.relative_to(folder).as_posix()
    index.refused.append(relative)
    index.problems.append(VaultProblem(
        "outside-vault", relative, 0,
        f"is a symbolic link to {target}, outside the vault; it is not published"))
    return False
