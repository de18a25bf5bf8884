"""Pages made from vault files that are not notes: JSON Canvas boards (``.canvas``) and Bases (``.base``).

``read_vault_page`` is the index's page reader (``VaultIndex.scan(read_page=...)``): it reads the
file once into page Markdown, and from there the ``VaultPage`` goes through the pipeline exactly
as a note does (render, links and backlinks, graph, search, previews, home page, nav, render
cache). Its site path is the file's path plus ``.md`` (``Course map.canvas.md``), so its URL comes
from ``urls.page_dest`` like a note's (``course-map-canvas/``) and never takes a note's. Links
need the extension, as in Obsidian: ``[[Course map.canvas]]`` lands on the board, ``[[Course map]]``
does not. A canvas has no properties, so it is never a draft.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from .canvas import board_markdown, outline_markdown, parse_canvas
from .canvas.markdown import node_anchor
from .index.note_text import HeadingNamer, read_note
from .index.vault import PAGE_SUFFIX, PageReader, ParsedFiles, VaultPage
from .problems import VaultProblem
from .render.escape import inert_text
from .syntax.grammar import BACKTICKS

CANVAS, BASE = "canvas", "base"
KINDS = {".canvas": CANVAS, ".base": BASE}


def page_kind(relative: str) -> str:
    """``canvas`` or ``base`` for a file that becomes a page of its own; "" for any other."""
    return KINDS.get(posixpath.splitext(relative)[1].lower(), "")


def read_vault_page(relative: str, site_path: str, source: Path,
                    heading_ids: HeadingNamer) -> tuple[VaultPage, list[VaultProblem]] | None:
    """The page for a ``.canvas`` or ``.base`` file (None for any other file); what could not be read is
    reported and the rest shown."""
    kind = page_kind(relative)
    if not kind:
        return None
    problems: list[VaultProblem] = []
    data = source.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(VaultProblem(f"invalid-{kind}", relative, 0,
                                     f"not UTF-8 text (byte {error.start}); undecodable bytes are shown as '\ufffd'"))
        text = data.decode("utf-8-sig", errors="replace")
    page = VaultPage(relative, site_path + PAGE_SUFFIX, source, kind=kind)
    if kind == CANVAS:
        board = parse_canvas(text, relative)
        problems += board.problems
        generated = board_markdown(board, page.title)
        markdown, page.origins = generated.text, generated.origins
        # Embedded in another page, a board is its outline, linking into the board: not a second live
        # board, which needs the room and zoom of its own page, would be unreadable shrunk into a note's
        # column, and would repeat its element ids and headings in the note.
        page.embed_markdown = outline_markdown(board, lambda node: "#" + node_anchor(node))
    else:
        markdown, page.origins = base_page_markdown(page.title, text)
        page.source_text = text  # ``![[x.base]]`` evaluates it again, with the embedding note as ``this``
    page.content = read_note(markdown, relative, heading_ids)
    return page, problems


def cached_page_reader(parsed: ParsedFiles) -> PageReader:
    """``read_vault_page``, reusing the last scan's page where the file's bytes are the same."""
    def read(relative: str, site_path: str, source: Path,
             heading_ids: HeadingNamer) -> tuple[VaultPage, list[VaultProblem]] | None:
        if not page_kind(relative):
            return None  # an attachment: its bytes are never read here
        data = source.read_bytes()
        return parsed.read("page", relative, site_path + PAGE_SUFFIX, data,
                           lambda: read_vault_page(relative, site_path, source, heading_ids))
    return read


def base_page_markdown(title: str, text: str) -> tuple[str, dict[int, tuple[int, str]]]:
    """A base's page: its title, then the file as one ```base block, which the render step evaluates.

    A base reads every note, so it is evaluated when the notes are rendered (``bases.BaseFences``, whose
    render-cache key holds the whole vault's signature), not here while the index is still being read.
    The fence is longer than any run of backticks in the file, so the file cannot close it.
    """
    longest = max((len(run) for run in BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    lines = text.splitlines()
    markdown = "\n".join([f"# {inert_text(title)}", "", f"{fence}base", *lines, fence, ""])
    return markdown, {4 + offset: (1 + offset, "") for offset in range(len(lines))}


def in_file(page: VaultPage, problems: list[VaultProblem]) -> list[VaultProblem]:
    """Problems on lines of the generated page, told at their node's or edge's line in the file."""
    return [_in_file(page, problem) for problem in problems]


def _in_file(page: VaultPage, problem: VaultProblem) -> VaultProblem:
    if problem.path != page.vault_path or problem.line not in page.origins:
        return problem
    line, what = page.origins[problem.line]
    return VaultProblem(problem.kind, problem.path, line, f"{what}: {problem.message}" if what else problem.message)
