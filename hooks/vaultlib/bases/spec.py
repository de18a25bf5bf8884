"""A base's YAML read into filters, formulas, properties, summaries and views, with the line of each key.

Everything the file gets wrong becomes a problem (naming the YAML key and its line) and the
part is left out; what could be read is kept, so the rest of the base still renders.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .syntax import ExpressionError, Node, parse_expression

MAX_BASE_CHARS = 1_000_000
MAX_FILTER_DEPTH = 32  # and/or/not nesting
MAX_FILTER_STATEMENTS = 1000
MAX_VIEWS = 50
MAX_FORMULAS = 500
VIEW_TYPES = ("table", "list", "cards")


@dataclass(frozen=True)
class Issue:
    """A problem in the base, before it is tied to a file: the line is relative to the YAML's first line."""

    line: int  # 1-based line in the YAML text; 0 when unknown
    message: str


@dataclass
class Expression:
    text: str
    node: Node | None  # None: it did not parse (the issue says why)
    line: int


@dataclass
class Filter:
    """A filter: one statement, or and/or/not over a list of filters."""

    kind: str  # "statement", "and", "or", "not"
    expression: Expression | None = None
    parts: list[Filter] = field(default_factory=list)


@dataclass
class View:
    type: str
    name: str
    line: int
    filters: Filter | None = None
    order: list[str] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (property, descending)
    group_by: tuple[str, bool] | None = None  # (property, descending)
    limit: int | None = None
    summaries: dict[str, str] = field(default_factory=dict)  # property -> summary name


@dataclass
class Base:
    filters: Filter | None = None
    formulas: dict[str, Expression] = field(default_factory=dict)
    display_names: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, Expression] = field(default_factory=dict)  # custom summary name -> formula over `values`
    views: list[View] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


class _Lines:
    """Line numbers of YAML nodes, by the path of keys and positions that leads to them."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.lines: dict[tuple, int] = {}
        stack, seen = [((), root)], set()
        while stack and len(self.lines) < 100_000:
            path, node = stack.pop()
            if node is None or id(node) in seen:
                continue  # a YAML alias repeats a node: its lines are those of its first place
            seen.add(id(node))
            self.lines[path] = node.start_mark.line + 1
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        self.lines[path + (key.value,)] = key.start_mark.line + 1
                        stack.append((path + (key.value, "="), value))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((path + (position,), item) for position, item in enumerate(node.value))

    def of(self, *path) -> int:
        """The line of a key (``of("views", 0, "limit")``) or, failing that, of the nearest part above it."""
        while path:
            values = _value_path(path)
            key = values[:-1] if isinstance(path[-1], str) else values
            for candidate in (key, values):
                if candidate in self.lines:
                    return self.lines[candidate]
            path = path[:-1]
        return 1


def _value_path(path: tuple) -> tuple:
    """YAML keeps a key's value one step below it: ("views", "=", 0) for the first view."""
    out: list = []
    for part in path:
        out.append(part)
        if isinstance(part, str):
            out.append("=")
    return tuple(out)


def read_base(text: str) -> Base:
    """The base in ``text`` (a .base file or a ```base block), with every issue found."""
    base = Base()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_BASE_CHARS:
        base.issues.append(Issue(0, f"the base is {len(text)} characters long; at most {MAX_BASE_CHARS} are read"))
        return base
    try:
        data, lines = _load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        base.issues.append(Issue(mark.line + 1 if mark else 0, f"the base is not valid YAML: {problem}"))
        return base
    except RecursionError:
        base.issues.append(Issue(0, "the base's YAML nests too deeply to read"))
        return base
    if data is None:
        data = {}
    if not isinstance(data, dict):
        base.issues.append(Issue(1, "a base is a YAML mapping with 'filters', 'formulas', 'properties' and 'views'"))
        return base
    _Reader(base, lines).read(data)
    return base


def _load(text: str) -> tuple[object, _Lines]:
    """The YAML's data and its lines, from one parse (safe_load then compose would read it twice)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _Lines(node)


class _Reader:
    def __init__(self, base: Base, lines: _Lines) -> None:
        self.base, self.lines = base, lines
        self.statements = 0

    def issue(self, message: str, *path) -> None:
        self.base.issues.append(Issue(self.lines.of(*path), message))

    def read(self, data: dict) -> None:
        known = {"filters", "formulas", "properties", "summaries", "views"}
        for key in data:
            if key not in known:
                self.issue(f"'{key}' is not a key of a base; it is ignored", key)
        if data.get("filters") is not None:
            self.base.filters = self.filter(data["filters"], ("filters",), 0)
        self.formulas(data.get("formulas"))
        self.properties(data.get("properties"))
        self.custom_summaries(data.get("summaries"))
        self.views(data.get("views"))

    def expression(self, text: object, path: tuple) -> Expression:
        line = self.lines.of(*path)
        source = text if isinstance(text, str) else "" if text is None else str(text).lower() \
            if isinstance(text, bool) else str(text)
        try:
            node = parse_expression(source)
        except ExpressionError as error:
            self.base.issues.append(Issue(line, f"'{_short(source)}' does not parse: {error} "
                                                f"(at character {error.position + 1})"))
            node = None
        return Expression(source, node, line)

    def filter(self, data: object, path: tuple, depth: int) -> Filter | None:
        if depth > MAX_FILTER_DEPTH:
            self.issue(f"filters nest deeper than {MAX_FILTER_DEPTH} levels; the deeper ones are ignored", *path)
            return None
        self.statements += 1
        if self.statements > MAX_FILTER_STATEMENTS:
            if self.statements == MAX_FILTER_STATEMENTS + 1:
                self.issue(f"more than {MAX_FILTER_STATEMENTS} filter statements; the rest are ignored", *path)
            return None
        if isinstance(data, (str, int, float, bool)):
            return Filter("statement", self.expression(data, path))
        if isinstance(data, dict) and len(data) == 1 and next(iter(data)) in ("and", "or", "not"):
            kind, items = next(iter(data.items()))
            if not isinstance(items, list):
                items = [items]
            parts = [self.filter(item, path + (kind, position), depth + 1) for position, item in enumerate(items)]
            return Filter(kind, parts=[part for part in parts if part is not None])
        self.issue("a filter is an expression or one of 'and', 'or', 'not' with a list; this one is ignored", *path)
        return None

    def formulas(self, data: object) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            self.issue("'formulas' is a mapping of names to expressions; it is ignored", "formulas")
            return
        for position, (name, text) in enumerate(data.items()):
            if position >= MAX_FORMULAS:
                self.issue(f"more than {MAX_FORMULAS} formulas; the rest are ignored", "formulas")
                break
            self.base.formulas[str(name)] = self.expression(text, ("formulas", str(name)))

    def properties(self, data: object) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            self.issue("'properties' is a mapping of property names to settings; it is ignored", "properties")
            return
        for name, settings in data.items():
            if isinstance(settings, dict) and settings.get("displayName") is not None:
                self.base.display_names[str(name)] = str(settings["displayName"])

    def custom_summaries(self, data: object) -> None:
        if isinstance(data, dict):
            for name, text in list(data.items())[:MAX_FORMULAS]:
                self.base.summaries[str(name)] = self.expression(text, ("summaries", str(name)))
        elif data is not None:
            self.issue("'summaries' is a mapping of names to formulas over `values`; it is ignored", "summaries")

    def views(self, data: object) -> None:
        if data is None:
            return
        if not isinstance(data, list):
            self.issue("'views' is a list of views; it is ignored", "views")
            return
        for position, item in enumerate(data[:MAX_VIEWS]):
            if isinstance(item, dict):
                self.base.views.append(self.view(item, ("views", position)))
            else:
                self.issue("a view is a mapping with 'type' and 'name'; this one is ignored", "views", position)
        if len(data) > MAX_VIEWS:
            self.issue(f"more than {MAX_VIEWS} views; the rest are ignored", "views")

    def view(self, data: dict, path: tuple) -> View:
        kind = str(data.get("type", "table"))
        name = str(data.get("name") or kind.title())
        view = View(kind, name, self.lines.of(*path))
        if kind not in VIEW_TYPES:
            self.issue(f"view '{name}': the '{kind}' layout is not supported on the static site "
                       f"({', '.join(VIEW_TYPES)} are); it is shown as a table", *path, "type")
        if data.get("filters") is not None:
            view.filters = self.filter(data["filters"], path + ("filters",), 0)
        view.order = self.names(data.get("order"), path + ("order",), name)
        view.sort = self.sorts(data.get("sort"), path + ("sort",), name)
        group = data.get("groupBy")
        if group is not None:
            sorts = self.sorts([group], path + ("groupBy",), name)
            view.group_by = sorts[0] if sorts else None
        limit = data.get("limit")
        if limit is not None:
            if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
                view.limit = limit
            else:
                self.issue(f"view '{name}': 'limit' is a positive whole number; it is ignored", *path, "limit")
        summaries = data.get("summaries")
        if isinstance(summaries, dict):
            view.summaries = {str(key): str(value) for key, value in summaries.items()}
        elif summaries is not None:
            self.issue(f"view '{name}': 'summaries' maps properties to summaries; it is ignored", *path, "summaries")
        return view

    def names(self, data: object, path: tuple, view: str) -> list[str]:
        if data is None:
            return []
        if not isinstance(data, list):
            self.issue(f"view '{view}': '{path[-1]}' is a list of properties; it is ignored", *path)
            return []
        return [str(item) for item in data if isinstance(item, (str, int))][:200]

    def sorts(self, data: object, path: tuple, view: str) -> list[tuple[str, bool]]:
        if data is None:
            return []
        if not isinstance(data, list):
            data = [data]
        found = []
        for position, item in enumerate(data[:20]):
            if isinstance(item, dict) and item.get("property"):
                direction = str(item.get("direction", "ASC")).upper()
                if direction not in ("ASC", "DESC"):
                    self.issue(f"view '{view}': direction '{direction}' is ASC or DESC; ASC is used", *path, position)
                found.append((str(item["property"]), direction == "DESC"))
            elif isinstance(item, str):
                found.append((item, False))
            else:
                self.issue(f"view '{view}': a sort is 'property' with 'direction'; this one is ignored",
                           *path, position)
        return found


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
