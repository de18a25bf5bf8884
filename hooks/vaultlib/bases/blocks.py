"""Where bases meet pages: a base's source rendered for a page, and the ```base fences of a note."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..problems import VaultProblem
from ..render.quotes import Quoter
from ..syntax.code import fenced_line_flags
from ..syntax.grammar import FENCE_OPEN, QUOTE_MARKS
from .evaluate import Context, This
from .rows import Row, VaultRows
from .spec import read_base
from .views import ViewRenderer

if TYPE_CHECKING:
    from ..index.vault import Note
    from ..render.note_render import PageRender

PROBLEM_KIND = "base"


def render_base(text: str, vault_path: str, first_line: int, page_site_path: str, rows: VaultRows,
                this: This, view_name: str | None = None) -> tuple[str, list[VaultProblem]]:
    """A base's views as Markdown for the page at ``page_site_path``, and its problems.

    ``first_line``: the file line of the YAML's first line (1 for a .base file, the line after
    the fence for a block), so problems name the file's own lines.
    """
    try:
        return _render_base(text, vault_path, first_line, page_site_path, rows, this, view_name)
    except RecursionError:  # the limits should make this impossible; a base must never stop the build
        problem = VaultProblem(PROBLEM_KIND, vault_path, max(first_line - 1, 1),
                               "the base nests too deeply to evaluate; it is not shown")
        return f'\n\n<p class="vault-base__problem">{html.escape(problem.message)}</p>\n\n', [problem]


def _render_base(text: str, vault_path: str, first_line: int, page_site_path: str, rows: VaultRows,
                 this: This, view_name: str | None) -> tuple[str, list[VaultProblem]]:
    base = read_base(text)
    problems = [VaultProblem(PROBLEM_KIND, vault_path, first_line + issue.line - 1 if issue.line else
                             max(first_line - 1, 1), issue.message) for issue in base.issues]
    formulas = {name: e.node for name, e in base.formulas.items() if e.node is not None}
    broken = {name: "see the problem reported for it" for name, e in base.formulas.items() if e.node is None}
    sources = {name: (e.text, e.line) for name, e in base.formulas.items()}
    context = Context(rows, formulas, this, broken_formulas=broken, formula_sources=sources)
    if rows.paths is None:
        raise ValueError("VaultRows needs the build's SitePaths (paths=...) to link notes")
    quoter = Quoter(rows.index, rows.paths, rows.resolver) if rows.index is not None else None
    renderer = ViewRenderer(base, context, rows.rows, page_site_path, rows.paths, quoter)
    views = base.views
    if view_name is not None:
        views = [view for view in base.views if view.name == view_name] or base.views[:1]
        if not any(view.name == view_name for view in base.views):
            problems.append(VaultProblem(PROBLEM_KIND, vault_path, 0, f"the base has no view named '{view_name}'; "
                                                                        "its first view is shown"))
    if not views:
        from .spec import View
        views = [View("table", "Table", 0)]  # a base without views: every matching note by name, as Obsidian shows
    parts = [renderer.render(view) for view in views]
    problems += [VaultProblem(PROBLEM_KIND, vault_path, first_line + line - 1 if line else 0, message)
                 for line, message in renderer.problems]
    notes = [f'<p class="vault-base__problem">{html.escape(problem.message)}</p>' for problem in problems]
    markdown = '\n\n<div class="vault-base" markdown="1">\n\n' + "\n\n".join(notes + parts) + "\n\n</div>\n\n"
    return markdown, problems


def render_base_file(source_text: str, path: str, page_site_path: str, rows: VaultRows,
                     this: Row | None = None, view: str | None = None) -> tuple[str, list[VaultProblem]]:
    """A .base file rendered for a page: its own page (``this`` None) or a note embedding it (``this``: its row).

    ``path``: the .base file's vault path (named by problems); ``view``: the view an embed
    ``![[x.base#View]]`` asks for (None: every view on the page).
    """
    why = ("a .base page has no viewing note on a static site (`this` works where a note embeds the base)"
           if this is None else "")
    return render_base(source_text, path, 1, page_site_path, rows, This(this, why), view)


class BaseFences:
    """What ``PageRender`` calls for a note's text: each ```base fence's lines -> the rendered base.

    The rows are the whole vault's, so the render depends on every note: it records the rows'
    signature in ``depends_on.vault`` and the render cache renders it again when that changes.
    """

    def __init__(self, rows: VaultRows) -> None:
        self.rows = rows

    def __call__(self, page: PageRender, source: Note, lines: list[str], first_line: int) -> dict[int, tuple[int, str]]:
        """{offset of the opening fence: (offset after the closing fence, Markdown that replaces them)}."""
        found: dict[int, tuple[int, str]] = {}
        for start, end, body in base_fences(lines):
            this_row = self.rows.by_site_path.get(source.site_path)
            this = This(this_row, f"'{source.vault_path}' is not among the notes the site publishes")
            markdown, problems = render_base(body, source.vault_path, first_line + start + 1, page.note.site_path,
                                             self.rows, this)
            page.problems.extend(problems)
            page.depends_on.vault = self.rows.signature
            found[start] = (end, markdown)
        return found


    def embed(self, page: PageRender, source: Note, base_text: str, base_vault_path: str,
              view: str | None = None) -> str:
        """``![[x.base]]`` / ``![[x.base#View]]`` in ``source``, for the page: Markdown; problems go to the page.

        For the resolver's embed path (``PageRender._render_embed``): ``this`` is the embedding note.
        Problems name the .base file. The caller keeps the .base file's own content in the cache key.
        """
        markdown, problems = render_base_file(base_text, base_vault_path, page.note.site_path, self.rows,
                                              self.rows.by_site_path.get(source.site_path), view)
        page.problems.extend(problems)
        page.depends_on.vault = self.rows.signature
        return markdown


def base_fences(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, line after the closing fence, YAML text) of each ```base fence, by offset in ``lines``."""
    if not any("base" in line for line in lines):
        return []
    flags = fenced_line_flags(lines)
    found = []
    position = 0
    while position < len(lines):
        if not flags[position]:
            position += 1
            continue
        # Any opening fence (quoted ones too, so that their end is found); a base is a fence at the line
        # start, not in a quote or a list item (the Markdown around it would break), with the info "base".
        opening = FENCE_OPEN.match(lines[position].rstrip("\r\n"))
        end, closed = position + 1, False
        while end < len(lines) and flags[end]:
            end += 1
            if opening and _closes(lines[end - 1], opening["fence"]):
                closed = True
                break
        if opening and opening["info"].strip().lower() == "base" and not opening["prefix"]:
            body_end = end - 1 if closed else end
            found.append((position, end, "".join(lines[position + 1:body_end])))
        position = end
    return found


def _closes(line: str, fence: str) -> bool:
    body = QUOTE_MARKS.sub("", line).strip()
    return len(body) >= len(fence) and set(body) == {fence[0]}
