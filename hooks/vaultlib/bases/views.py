"""A base's views rendered to Markdown for the page: tables, lists and cards of the matching notes.

Every vault value is escaped (``inert_text``, ``label_text``, ``html.escape``); text from a
note's properties goes through the notes' renderer (``Quoter``), so its wikilinks land and
its markup is the notes' markup; note names link their notes, relative to the page.
"""
from __future__ import annotations

import html
import math
import statistics
from dataclasses import dataclass, field
from urllib.parse import quote

from ..render.escape import inert_text
from ..render.markup import markdown_link
from ..render.quotes import Quote, Quoter
from ..render.site_paths import SitePaths
from .evaluate import Context, EvalError, Evaluation
from .rows import Row
from .spec import Base, Expression, Filter, View
from .values import Date, FileRef, Link, as_date, number_text, order_key, plain_text

BUILT_IN_SUMMARIES = ("Average", "Median", "Min", "Max", "Sum", "Range", "Stddev", "Earliest", "Latest",
                      "Checked", "Unchecked", "Empty", "Filled", "Unique", "Count")
_FILE_FIELDS = {"name", "basename", "path", "folder", "ext", "size", "mtime", "ctime", "tags", "links", "embeds",
                "backlinks", "properties", "file"}


@dataclass
class ViewRenderer:
    """Renders the views of one base for one page, collecting (line, message) problems once each."""

    base: Base
    context: Context
    rows: list[Row]
    page_site_path: str
    paths: SitePaths
    quoter: Quoter | None = None
    problems: dict[tuple[int, str], None] = field(default_factory=dict)
    _evaluations: dict[str, Evaluation] = field(default_factory=dict)

    def problem(self, line: int, message: str) -> None:
        self.problems.setdefault((line, message), None)

    def evaluation(self, row: Row) -> Evaluation:
        """One per row and base: formulas are computed once for all views."""
        if row.site_path not in self._evaluations:
            self._evaluations[row.site_path] = Evaluation(self.context, row)
        return self._evaluations[row.site_path]

    # --- which rows
    def passes(self, filter_: Filter | None, row: Row) -> bool:
        if filter_ is None:
            return True
        if filter_.kind == "statement":
            expression = filter_.expression
            if expression is None or expression.node is None:
                return False  # its parse error is reported: nothing passes a filter that cannot be read
            try:
                return bool(_truthy(self.evaluation(row).run(expression.node)))
            except EvalError as error:
                self.problem(error.line or expression.line,
                             f"filter '{_short(expression.text)}': {error}; no note passes it")
                return False
        results = (self.passes(part, row) for part in filter_.parts)
        if filter_.kind == "and":
            return all(results)
        if filter_.kind == "or":
            return any(results)
        return not any(results)  # not: none of them

    def value(self, row: Row, name: str, line: int) -> object:
        """The value of a column (``file.name``, ``note.x``, ``formula.x``, ``x``) for a row."""
        evaluation = self.evaluation(row)
        try:
            prefix, _, rest = name.partition(".")
            if prefix == "formula" and rest:
                return evaluation.formula(rest)
            if prefix == "file" and rest in _FILE_FIELDS:
                return evaluation.file_field(row, rest)
            if prefix == "note" and rest:
                return evaluation.property(row, rest)
            return evaluation.property(row, name)
        except EvalError as error:
            self.problem(error.line or line, f"column '{name}': {error}")
            return None

    def view_rows(self, view: View) -> list[Row]:
        kept = [row for row in self.rows if self.passes(self.base.filters, row) and self.passes(view.filters, row)]
        for name, descending in reversed(view.sort):  # the first sort decides most: sorted last (stable)
            kept.sort(key=lambda row: order_key(self.value(row, name, view.line)), reverse=descending)
            kept.sort(key=lambda row: order_key(self.value(row, name, view.line)) == (9,))  # empty ones last
        return kept[: view.limit] if view.limit else kept

    def groups(self, view: View, rows: list[Row]) -> list[tuple[object, list[Row]]]:
        if view.group_by is None:
            return [(None, rows)]
        name, descending = view.group_by
        found: dict[tuple, tuple[object, list[Row]]] = {}
        for row in rows:
            value = self.value(row, name, view.line)
            found.setdefault(order_key(value), (value, []))[1].append(row)
        keys = sorted(found, reverse=descending)
        keys.sort(key=lambda key: key == (9,))  # the group of notes without the property last
        return [found[key] for key in keys]

    # --- Markdown
    def render(self, view: View) -> str:
        columns = view.order or ["file.name"]
        rows = self.view_rows(view)
        parts = [f'<p class="vault-base__view" role="heading" aria-level="3">{html.escape(view.name)}</p>']
        if not rows:
            parts.append('<p class="vault-base__empty">No notes match this view.</p>')
            return "\n\n".join(parts)
        for value, members in self.groups(view, rows):
            if view.group_by is not None:
                label = self.header(view.group_by[0])
                shown = plain_text(value) or "(none)"
                parts.append(f'<p class="vault-base__group" role="heading" aria-level="4">'
                             f'{html.escape(label)}: {html.escape(shown)} ({len(members)})</p>')
            layout = {"list": self.list_view, "cards": self.cards_view}.get(view.type, self.table_view)
            parts.append(layout(view, columns, members))
        return "\n\n".join(parts)

    def header(self, name: str) -> str:
        if name in self.base.display_names:
            return self.base.display_names[name]
        prefix, _, rest = name.partition(".")
        if prefix in ("note", "formula") and rest:
            return rest
        return f"file {rest}" if prefix == "file" and rest else name  # as Obsidian heads its columns

    def table_view(self, view: View, columns: list[str], rows: list[Row]) -> str:
        lines = ["| " + " | ".join(inert_text(self.header(name)) or " " for name in columns) + " |",
                 "| " + " | ".join("---" for _ in columns) + " |"]
        for row in rows:
            lines.append("| " + " | ".join(self.cell(row, name, view.line, in_table=True) or " "
                                           for name in columns) + " |")
        summaries = self.summary_cells(view, columns, rows)
        if summaries:
            lines.append("| " + " | ".join(summaries) + " |")
        return '<div class="vault-base__table" markdown="1">\n\n' + "\n".join(lines) + "\n\n</div>"

    def list_view(self, view: View, columns: list[str], rows: list[Row]) -> str:
        items = []
        for row in rows:
            cells = [self.cell(row, name, view.line) for name in columns]
            items.append("- " + " · ".join(cell for cell in cells if cell))
        return '<div class="vault-base__list" markdown="1">\n\n' + "\n".join(items) + "\n\n</div>"

    def cards_view(self, view: View, columns: list[str], rows: list[Row]) -> str:
        cards = []
        for row in rows:
            title, *rest = columns if columns[0].startswith("file.") else ["file.name", *columns]
            lines = [f"**{self.cell(row, title, view.line)}**"]
            for name in rest:
                cell = self.cell(row, name, view.line)
                if cell:
                    lines.append(f"{inert_text(self.header(name))}: {cell}")
            cards.append('<div class="vault-base-card" markdown="1">\n\n' + "\n".join(lines) + "\n\n</div>")
        return '<div class="vault-base__cards" markdown="1">\n\n' + "\n\n".join(cards) + "\n\n</div>"

    def cell(self, row: Row, name: str, line: int, *, in_table: bool = False) -> str:
        value = self.value(row, name, line)
        if name in ("file.name", "file.basename") and isinstance(value, str):
            value = FileRef(row)  # a note's name links the note
        from_note = not name.startswith(("file.", "formula."))
        return self.markdown(value, row, from_note, in_table)

    def markdown(self, value: object, row: Row, from_note: bool, in_table: bool) -> str:
        if value is None:
            return ""
        if isinstance(value, FileRef):
            return markdown_link(value.row.basename, self.paths.markdown_path(value.row.site_path, self.page_site_path))
        if isinstance(value, Link):
            return self.link(value)
        if isinstance(value, list):
            return ", ".join(part for part in (self.markdown(item, row, from_note, in_table) for item in value) if part)
        if isinstance(value, str) and from_note and self.quoter is not None and row.note is not None:
            quote = Quote(row.site_path, row.note.content.body_line, value)
            return self.quoter.render(quote, self.page_site_path, in_table=in_table)
        return inert_text(plain_text(value))

    def link(self, link: Link) -> str:
        label = link.display or link.target
        if link.site_path:
            return markdown_link(label, self.paths.markdown_path(link.site_path, self.page_site_path))
        if link.url:
            return markdown_link(label, quote(link.target, safe=":/?#=&%@+~,;!$'*"))
        return inert_text(label)

    # --- summaries
    def summary_cells(self, view: View, columns: list[str], rows: list[Row]) -> list[str]:
        if not view.summaries:
            return []
        cells = []
        for name in columns:
            summary = view.summaries.get(name)
            if summary is None:
                cells.append(" ")
                continue
            values = [self.value(row, name, view.line) for row in rows]
            result = self.summarise(summary, values, view.line)
            cells.append(f"**{inert_text(summary)}:** {inert_text(result)}" if result != "" else " ")
        return cells

    def summarise(self, summary: str, values: list, line: int) -> str:
        if summary in self.base.summaries:
            return self.custom_summary(self.base.summaries[summary], values)
        if summary not in BUILT_IN_SUMMARIES:
            self.problem(line, f"summary '{summary}' is unknown (built in: {', '.join(BUILT_IN_SUMMARIES)}; "
                               "or define it under 'summaries')")
            return ""
        return built_in_summary(summary, values)

    def custom_summary(self, expression: Expression, values: list) -> str:
        if expression.node is None:
            return ""
        stand_in = Evaluation(self.context, Row(None, self.page_site_path))
        try:
            return plain_text(_rounded(stand_in.run(expression.node, {"values": values})))
        except EvalError as error:
            self.problem(error.line or expression.line, f"summary '{_short(expression.text)}': {error}")
            return ""


def built_in_summary(summary: str, values: list) -> str:
    """One of Obsidian's default summaries over a column's values, as text."""
    filled = [value for value in values if value not in (None, "", [])]
    numbers = [value for value in filled if isinstance(value, (int, float)) and not isinstance(value, bool)]
    dates = [date for date in (as_date(v) for v in filled if isinstance(v, Date)) if date is not None]
    if summary == "Count":
        return str(len(values))
    if summary == "Empty":
        return str(len(values) - len(filled))
    if summary == "Filled":
        return str(len(filled))
    if summary == "Unique":
        return str(len({order_key(value) for value in filled}))
    if summary == "Checked":
        return str(sum(1 for value in values if value is True))
    if summary == "Unchecked":
        return str(sum(1 for value in values if value is not True))
    if summary in ("Earliest", "Latest"):
        if not dates:
            return ""
        return (min if summary == "Earliest" else max)(dates).shown()
    if not numbers:
        return ""
    result = {
        "Average": lambda: statistics.fmean(numbers), "Median": lambda: statistics.median(numbers),
        "Min": lambda: min(numbers), "Max": lambda: max(numbers), "Sum": lambda: math.fsum(numbers)
        if any(isinstance(n, float) for n in numbers) else sum(numbers),
        "Range": lambda: max(numbers) - min(numbers), "Stddev": lambda: statistics.pstdev(numbers),
    }[summary]()
    return number_text(_rounded(result))


def _rounded(value: object) -> object:
    """Summaries show at most two decimals, as Obsidian's do."""
    if isinstance(value, float) and math.isfinite(value):
        value = round(value, 2)
        return int(value) if value.is_integer() else value
    return value


def _truthy(value: object) -> bool:
    from .values import truthy
    return truthy(value)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
