"""Which file each output URL comes from: exactly one source per URL, and never a page lost.

Two notes whose URLs would be the same (``Topic.md`` and ``Topic/index.md``,
``Case.md`` and ``case.md``) both stay: the first in a fixed order keeps the
URL, the next gets ``-2`` and a warning naming both. A generated page (home,
Services A–Z, Glossary...) whose URL a note already has steps aside to the
next free name in its folder, with a warning naming the note.
"""
from __future__ import annotations

import posixpath

from ..problems import VaultProblem
from .urls import is_index_name, page_dest


def _claim_order(site_path: str) -> tuple:
    """A folder's ``index.md`` first, then ``Index.md``..., then the rest by path: the same order every build."""
    folder, _, name = site_path[: -len(".md")].rpartition("/")
    return (name != "index", not is_index_name(name, not folder), site_path)


def note_dests(site_paths: list[str], use_directory_urls: bool) -> tuple[dict[str, str], list[VaultProblem]]:
    """(site path -> destination file, warnings for every note that had to take another URL)."""
    taken: set[str] = set()
    dests: dict[str, str] = {}
    owner: dict[str, str] = {}
    problems = []
    for site_path in sorted(site_paths, key=_claim_order):
        wanted = page_dest(site_path, use_directory_urls, set())
        dests[site_path] = page_dest(site_path, use_directory_urls, taken)
        owner[dests[site_path]] = site_path
        if dests[site_path] != wanted:
            problems.append(VaultProblem(
                "url-collision", site_path, 0,
                f"would be published at '{_url(wanted)}' like '{owner[wanted]}'; it is published at "
                f"'{_url(dests[site_path])}' instead. Rename one of the two notes to choose"))
    return dests, problems


def dest_of_url(url: str) -> str:
    """The output file of a page URL ("a/" -> "a/index.html", "./" -> "index.html", "a.html" stays)."""
    url = url.removeprefix("./")
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def home_note(dests: dict[str, str]) -> str | None:
    """The site path of the note that is the home page (``index.md`` or ``Index.md`` at the root), if any."""
    return next((path for path, dest in dests.items() if dest == "index.html"), None)


def free_generated_path(src_uri: str, taken_dests: set[str], use_directory_urls: bool,
                        claimed_by: dict[str, str]) -> tuple[str, VaultProblem | None]:
    """A generated page's source path whose URL no note has, and a warning when it had to move.

    ``claimed_by`` maps a destination to the note that has it.
    """
    stem, suffix = posixpath.splitext(src_uri)
    candidate, number = src_uri, 1
    while page_dest(candidate, use_directory_urls, set()) in taken_dests:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    if candidate == src_uri:
        return src_uri, None
    note = claimed_by.get(page_dest(src_uri, use_directory_urls, set()), "a note")
    return candidate, VaultProblem(
        "url-collision", note, 0,
        f"has the URL of the generated page '{_url(page_dest(src_uri, use_directory_urls, set()))}'; "
        f"the generated page moves to '{_url(page_dest(candidate, use_directory_urls, set()))}'")


def _url(dest: str) -> str:
    return dest.removesuffix("index.html") or "/"


def place_generated(paths: list[str], dests: dict[str, str],
                    use_directory_urls: bool) -> tuple[dict[str, str], list[VaultProblem]]:
    """(wanted path -> path it gets, warnings) for generated pages beside the notes' ``dests``."""
    taken = set(dests.values())
    claimed_by = {dest: path for path, dest in dests.items()}
    placed, problems = {}, []
    for path in paths:
        placed[path], problem = free_generated_path(path, taken, use_directory_urls, claimed_by)
        taken.add(page_dest(placed[path], use_directory_urls, set()))
        if problem:
            problems.append(problem)
    return placed, problems
