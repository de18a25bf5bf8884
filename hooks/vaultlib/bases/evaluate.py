"""Evaluation of parsed Bases expressions over one row, with the documented functions.

Anything the static site cannot do (an unknown function, ``this`` where no note views the
base, ``html()``) raises ``EvalError``; the caller turns it into a problem naming the file
and the expression and carries on with the rest of the base. Each evaluation has a step
budget and every value it makes is size-capped, so a hostile base cannot stall the build.
"""
from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .rows import Row, VaultRows, resolve_link
from .syntax import Node
from .values import (Date, Duration, FileRef, Link, add_duration, as_date, compare, equal, number_text,
                     order_key, parse_date, parse_duration, plain_text, truthy, type_name)

MAX_STEPS = 100_000  # nodes visited by one evaluation (a formula over one row)
MAX_TEXT = 100_000  # characters of any string a formula makes
MAX_ITEMS = 10_000  # items of any list a formula makes
_WIKILINK_VALUE = re.compile(r"\[\[([^\[\]\n]*)\]\]")


class EvalError(Exception):
    """What an expression asks for that cannot be done.

    ``line``: the YAML line of the formula at fault (0: the line of the expression the caller evaluated).
    """

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class This:
    """``this``: the note viewing the base (None on a .base page, which no note views)."""

    row: Row | None
    why_unknown: str = "a .base page has no viewing note on a static site (`this` works where a note embeds the base)"


@dataclass
class Context:
    rows: VaultRows | None  # the vault, for file(), file.backlinks and links written as text
    formulas: dict[str, Node]  # formula name -> its parsed expression (broken ones left out)
    this: This = field(default_factory=lambda: This(None))
    now: Date = field(default_factory=lambda: build_now())
    broken_formulas: dict[str, str] = field(default_factory=dict)  # name -> why it does not parse
    formula_sources: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (its text, its YAML line)

    _backlinks: dict[str, list[Row]] | None = field(default=None, init=False, repr=False)

    def backlinks(self, site_path: str) -> list[Row]:
        if self._backlinks is None:
            found: dict[str, list[Row]] = {}
            for row in (self.rows.rows if self.rows else []):
                for link in row.links:
                    if link.site_path:
                        found.setdefault(link.site_path, []).append(row)
            self._backlinks = found
        return self._backlinks.get(site_path, [])


def build_now() -> Date:
    """now(): the build's time, SOURCE_DATE_EPOCH when set, so reproducible builds stay reproducible."""
    import os
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else datetime.datetime.now(datetime.timezone.utc).timestamp()
    return Date(datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).replace(tzinfo=None, microsecond=0))


class _Formulas:
    """``formula``: the namespace formulas are read from."""


class _Note:
    """``note``: the namespace of the row's own properties."""


FORMULAS, NOTE = _Formulas(), _Note()


class Evaluation:
    """One row's evaluation: formulas are computed once each, and a formula using itself is stopped."""

    def __init__(self, context: Context, row: Row) -> None:
        self.context, self.row = context, row
        self.steps = 0
        self.formula_values: dict[str, object] = {}
        self.formula_stack: list[str] = []

    def run(self, node: Node, scope: dict | None = None) -> object:
        """One expression over the row; the step budget is per expression."""
        self.steps = 0
        return self.eval(node, scope or {})

    def eval(self, node: Node, scope: dict) -> object:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise EvalError(f"stopped after {MAX_STEPS} steps (a formula that never ends?)")
        return getattr(self, "eval_" + node.kind)(node, scope)

    # --- the tree
    def eval_literal(self, node: Node, scope: dict) -> object:
        return node.parts[0]

    def eval_list(self, node: Node, scope: dict) -> object:
        return [self.eval(item, scope) for item in node.parts]

    def eval_object(self, node: Node, scope: dict) -> object:
        return {key: self.eval(value, scope) for key, value in node.parts}

    def eval_name(self, node: Node, scope: dict) -> object:
        name = node.parts[0]
        if name in scope:
            return scope[name]
        if name == "file":
            return FileRef(self.row)
        if name == "note":
            return NOTE
        if name == "formula":
            return FORMULAS
        if name == "this":
            return self.this_file()
        return self.property(self.row, name)

    def this_file(self) -> FileRef:
        this = self.context.this
        if this.row is None:
            raise EvalError(f"`this` is unknown here: {this.why_unknown}")
        return FileRef(this.row)

    def property(self, row: Row, name: str) -> object:
        properties = row.properties
        if name in properties:
            value = properties[name]
        else:
            folded = name.casefold()  # Obsidian's property names are case-insensitive
            value = next((v for k, v in properties.items() if str(k).casefold() == folded), None)
        return self.typed(value, row)

    def typed(self, value: object, row: Row) -> object:
        """A property value as Bases types it: "[[Note]]" is a link, lists of them too."""
        if isinstance(value, str) and value.startswith("[[") and value.endswith("]]"):
            match = _WIKILINK_VALUE.fullmatch(value)
            if match:
                rows = self.context.rows
                return resolve_link(match[1], row.note, rows.resolver if rows else None)
        if isinstance(value, list):
            return [self.typed(item, row) for item in value[:MAX_ITEMS]]
        if isinstance(value, datetime.datetime) or isinstance(value, datetime.date):
            return as_date(value)
        return value

    def eval_unary(self, node: Node, scope: dict) -> object:
        op, operand = node.parts
        value = self.eval(operand, scope)
        if op == "!":
            return not truthy(value)
        number = _number_or_none(value)
        if number is None:
            return None
        return -number if op == "-" else number

    def eval_binary(self, node: Node, scope: dict) -> object:
        op, left_node, right_node = node.parts
        left = self.eval(left_node, scope)
        if op == "&&":
            return self.eval(right_node, scope) if truthy(left) else left
        if op == "||":
            return left if truthy(left) else self.eval(right_node, scope)
        right = self.eval(right_node, scope)
        if op == "==":
            return equal(left, right)
        if op == "!=":
            return not equal(left, right)
        if op in ("<", ">", "<=", ">="):
            order = compare(left, right)
            if order is None:
                return False
            return {"<": order < 0, ">": order > 0, "<=": order <= 0, ">=": order >= 0}[op]
        return arithmetic(op, left, right)

    def eval_member(self, node: Node, scope: dict) -> object:
        target, name = node.parts
        return self.member(self.eval(target, scope), name)

    def member(self, value: object, name: str) -> object:
        if value is FORMULAS:
            return self.formula(name)
        if value is NOTE:
            return self.property(self.row, name)
        if isinstance(value, FileRef):
            return self.file_field(value.row, name)
        if isinstance(value, dict):
            return self.typed(value.get(name), self.row)
        if isinstance(value, Date):
            return date_field(value, name)
        if name == "length" and isinstance(value, (str, list)):
            return len(value)
        if value is None:
            return None
        raise EvalError(f"a {type_name(value)} has no field '{name}'")

    def eval_index(self, node: Node, scope: dict) -> object:
        target, key_node = node.parts
        value, key = self.eval(target, scope), self.eval(key_node, scope)
        if isinstance(value, list) and isinstance(key, (int, float)) and not isinstance(key, bool):
            position = int(key)
            return value[position] if -len(value) <= position < len(value) else None
        if isinstance(key, str):
            return self.member(value, key) if value is not None else None
        return None

    def formula(self, name: str) -> object:
        if name in self.formula_values:
            return self.formula_values[name]
        if name in self.context.broken_formulas:
            raise EvalError(f"formula.{name} does not parse: {self.context.broken_formulas[name]}")
        node = self.context.formulas.get(name)
        if node is None:
            raise EvalError(f"there is no formula '{name}' in this base")
        if name in self.formula_stack:
            raise EvalError(f"formula.{name} uses itself ({' -> '.join(self.formula_stack + [name])})")
        self.formula_stack.append(name)
        try:
            value = self.eval(node, {})
        except EvalError as error:
            if error.line:
                raise
            text, line = self.context.formula_sources.get(name, ("", 0))
            raise EvalError(f"formula '{name}' ({_short(text)}): {error}", line) from None
        finally:
            self.formula_stack.pop()
        self.formula_values[name] = value
        return value

    def file_field(self, row: Row, name: str) -> object:
        fields: dict[str, Callable[[], object]] = {
            "name": lambda: row.name, "basename": lambda: row.basename, "path": lambda: row.site_path,
            "folder": lambda: row.folder, "ext": lambda: row.ext, "size": lambda: row.size,
            "mtime": lambda: row.mtime, "ctime": lambda: row.ctime, "file": lambda: FileRef(row),
            "properties": lambda: dict(row.properties), "tags": lambda: [f"#{tag}" for tag in row.tags],
            "links": lambda: list(row.links), "embeds": lambda: list(row.embeds),
            "backlinks": lambda: [FileRef(other) for other in self.context.backlinks(row.site_path)],
        }
        if name in fields:
            return fields[name]()
        return self.property(row, name)  # this.status: a property of the viewing note

    # --- calls
    def eval_call(self, node: Node, scope: dict) -> object:
        callee, *arguments = node.parts
        if callee.kind == "name" and callee.parts[0] not in scope:
            return self.global_call(callee.parts[0], arguments, scope)
        if callee.kind != "member":
            raise EvalError("only functions and methods can be called")
        target_node, name = callee.parts
        target = self.eval(target_node, scope)
        if name in ("filter", "map", "reduce") and isinstance(target, list):
            return self.list_lambda(name, target, arguments, scope)
        values = [self.eval(argument, scope) for argument in arguments]
        return self.method(target, name, values)

    def global_call(self, name: str, arguments: list[Node], scope: dict) -> object:
        if name == "if":
            if not 2 <= len(arguments) <= 3:
                raise EvalError("if() takes a condition, a value if true and, optionally, a value if false")
            if truthy(self.eval(arguments[0], scope)):
                return self.eval(arguments[1], scope)
            return self.eval(arguments[2], scope) if len(arguments) == 3 else None
        values = [self.eval(argument, scope) for argument in arguments]
        function = GLOBALS.get(name)
        if function is None:
            if name in UNSUPPORTED_GLOBALS:
                raise EvalError(f"{name}() is not supported on the static site")
            raise EvalError(f"unknown function '{name}()'")
        return _called(name, function, self, *values)

    def list_lambda(self, name: str, items: list, arguments: list[Node], scope: dict) -> object:
        if not arguments:
            raise EvalError(f"{name}() needs an expression using `value`")
        expression = arguments[0]
        if name == "reduce":
            acc = self.eval(arguments[1], scope) if len(arguments) > 1 else None
            for index, value in enumerate(items):
                acc = self.eval(expression, {**scope, "value": value, "index": index, "acc": acc})
            return acc
        results = []
        for index, value in enumerate(items):
            result = self.eval(expression, {**scope, "value": value, "index": index})
            if name == "map":
                results.append(result)
            elif truthy(result):
                results.append(value)
        return results

    def method(self, target: object, name: str, values: list) -> object:
        if isinstance(target, FileRef):
            return self.file_method(target.row, name, values)
        if isinstance(target, Date) and name == "relative":
            raise EvalError("relative() is not supported: a static page cannot stay current")
        if isinstance(target, Link) and name in ("asFile", "linksTo"):
            return self.link_method(target, name, values)
        for kinds, table in METHOD_TABLES:
            if isinstance(target, kinds) and not (isinstance(target, bool) and kinds == (int, float)) \
                    and name in table:
                return _called(name, table[name], target, *values)
        if name in ANY_METHODS:
            return _called(name, ANY_METHODS[name], target, *values)
        if target is None:
            return None  # a missing property: its methods give nothing, as in Obsidian
        raise EvalError(f"unknown function '{name}()' for a {type_name(target)}")

    def file_method(self, row: Row, name: str, values: list) -> object:
        if name == "hasTag":
            wanted = [str(value).lstrip("#").casefold() for value in values if value is not None]
            return any(tag.casefold() == want or tag.casefold().startswith(want + "/")
                       for tag in row.tags for want in wanted)
        if name == "inFolder":
            folder = plain_text(values[0] if values else "").strip("/").casefold()
            mine = row.folder.casefold()
            return folder == "" or mine == folder or mine.startswith(folder + "/")
        if name == "hasProperty":
            wanted = plain_text(values[0] if values else "").casefold()
            return any(str(key).casefold() == wanted for key in row.properties)
        if name == "hasLink":
            return bool(values) and self.links_to(row, values[0])
        if name == "asLink":
            return Link(row.basename, plain_text(values[0]) if values else "", row.site_path)
        if name in ANY_METHODS:
            return ANY_METHODS[name](FileRef(row), *values)
        raise EvalError(f"unknown function '{name}()' for a file")

    def links_to(self, row: Row, other: object) -> bool:
        if isinstance(other, FileRef):
            return row.links_to(other.row.site_path)
        if isinstance(other, Link):
            return row.links_to(other.site_path, other.target)
        if isinstance(other, str):
            rows = self.context.rows
            link = resolve_link(other.strip().removeprefix("[[").removesuffix("]]"), row.note,
                                rows.resolver if rows else None)
            return row.links_to(link.site_path, link.target)
        return False

    def link_method(self, link: Link, name: str, values: list) -> object:
        rows = self.context.rows
        target = rows.by_site_path.get(link.site_path) if rows and link.site_path else None
        if name == "asFile":
            return FileRef(target) if target else None
        return bool(values) and target is not None and self.links_to(target, values[0])


_WRONG_ARGUMENTS = (TypeError, ValueError, OverflowError, ZeroDivisionError, IndexError, KeyError, AttributeError)


def _called(name: str, function: Callable, *values: object) -> object:
    """A function or method called with what the formula gave it: arguments that do not fit are a message."""
    try:
        return function(*values)
    except _WRONG_ARGUMENTS:
        given = ", ".join(type_name(value) for value in values[1:] if not isinstance(value, Evaluation))
        raise EvalError(f"{name}() cannot take these arguments ({given or 'none'})") from None


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def arithmetic(op: str, left: object, right: object) -> object:
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        date = as_date(left) if not isinstance(left, str) else None
        duration = parse_duration(right) if isinstance(right, str) else None
        if date is not None and duration is not None:
            return add_duration(date, duration)
        return _capped(plain_text(left) + plain_text(right))
    left_date = as_date(left) if not isinstance(left, str) else None
    if left_date is not None and op in ("+", "-"):
        duration = right if isinstance(right, Duration) else parse_duration(right) if isinstance(right, str) else None
        if duration is not None:
            return add_duration(left_date, duration, 1 if op == "+" else -1)
        right_date = as_date(right)
        if op == "-" and right_date is not None:
            return left_date.milliseconds - right_date.milliseconds
        return None
    if isinstance(left, Duration):
        factor = _number_or_none(right)
        if op in ("*", "/") and factor is not None and (op == "*" or factor):
            return left.scaled(factor if op == "*" else 1 / factor)
        if op in ("+", "-") and isinstance(right, Duration):
            sign = 1 if op == "+" else -1
            return Duration(left.months + sign * right.months, left.milliseconds + sign * right.milliseconds)
        return None
    a, b = _number_or_none(left), _number_or_none(right)
    if a is None or b is None:
        return None
    if op in ("+", "-", "*"):
        return _double(a + b if op == "+" else a - b if op == "-" else a * b)
    if b == 0:
        return None  # JavaScript's Infinity/NaN shown as nothing
    if op == "/":
        result = a / b
        return int(result) if result.is_integer() and isinstance(a, int) and isinstance(b, int) else result
    return math.fmod(a, b) if isinstance(a, float) or isinstance(b, float) else int(math.fmod(a, b))


def _double(number: int | float) -> int | float:
    """Numbers are JavaScript's doubles: a whole number past 2^53 becomes a float (so ``acc * acc`` stays cheap)."""
    if isinstance(number, int) and abs(number) > 2 ** 53:
        try:
            return float(number)
        except OverflowError:
            return math.inf if number > 0 else -math.inf
    return number


def _number_or_none(value: object) -> float | int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    return None


def _capped(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise EvalError(f"a formula made a text longer than {MAX_TEXT} characters")
    return text


def _capped_list(items: list) -> list:
    if len(items) > MAX_ITEMS:
        raise EvalError(f"a formula made a list longer than {MAX_ITEMS} items")
    return items


def date_field(date: Date, name: str) -> object:
    fields = {"year": date.moment.year, "month": date.moment.month, "day": date.moment.day,
              "hour": date.moment.hour, "minute": date.moment.minute, "second": date.moment.second,
              "millisecond": date.moment.microsecond // 1000}
    if name not in fields:
        raise EvalError(f"a date has no field '{name}'")
    return fields[name]


# --- global functions: (evaluation, *values) -> value
def _number(evaluation: Evaluation, value: object = None) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    date = as_date(value) if not isinstance(value, str) else None
    if date is not None:
        return date.milliseconds
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise EvalError(f"number(): '{value[:40]}' is not a number") from None
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number
    return None


def _numbers(values: tuple) -> list:
    flat = [item for value in values for item in (value if isinstance(value, list) else [value])]
    return [n for n in (_number_or_none(item) for item in flat) if n is not None]


def _link(evaluation: Evaluation, path: object = None, display: object = None) -> Link:
    shown = plain_text(display) if display is not None else ""
    if isinstance(path, FileRef):
        return Link(path.row.basename, shown, path.row.site_path)
    if isinstance(path, Link):
        return Link(path.target, shown or path.display, path.site_path, path.url)
    text = plain_text(path).strip()
    if re.match(r"(?:https?|mailto):", text):
        return Link(text, shown, None, url=True)
    rows = evaluation.context.rows
    resolver = rows.resolver if rows else None
    found = resolve_link(text.removeprefix("[[").removesuffix("]]"), evaluation.row.note, resolver)
    return Link(found.target, shown or found.display, found.site_path)


def _file(evaluation: Evaluation, path: object = None) -> object:
    if isinstance(path, FileRef):
        return path
    link = _link(evaluation, path)
    rows = evaluation.context.rows
    row = rows.by_site_path.get(link.site_path) if rows and link.site_path else None
    return FileRef(row) if row else None


def _date(evaluation: Evaluation, value: object = None) -> object:
    return as_date(value)


def _duration(evaluation: Evaluation, value: object = None) -> object:
    duration = parse_duration(plain_text(value))
    if duration is None:
        raise EvalError(f"duration(): '{plain_text(value)[:40]}' is not a duration such as \"1 week\" or \"3d\"")
    return duration


GLOBALS: dict[str, Callable] = {
    "now": lambda e: e.context.now,
    "today": lambda e: Date(e.context.now.moment.replace(hour=0, minute=0, second=0, microsecond=0), False),
    "date": _date,
    "duration": _duration,
    "number": _number,
    "list": lambda e, value=None: value if isinstance(value, list) else [value],
    "link": _link,
    "file": _file,
    "min": lambda e, *values: min(_numbers(values), default=None),
    "max": lambda e, *values: max(_numbers(values), default=None),
    "escapeHTML": lambda e, value=None: plain_text(value),  # every value is escaped when shown anyway
}
UNSUPPORTED_GLOBALS = {"html", "image", "icon"}


# --- methods, by the type they apply to: (value, *arguments) -> value
def _is_empty(value: object) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, (list, dict)):
        return not value
    return False


def _title(text: str) -> str:
    return re.sub(r"\w+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), text)


def _slice(value, start=0, end=None):
    start = int(start or 0)
    return value[start:] if end is None else value[start:int(end)]


def _split(text: str, separator=None, limit=None) -> list:
    parts = list(text) if separator in (None, "") else text.split(plain_text(separator))
    return _capped_list(parts[: int(limit)] if limit is not None else parts)


def _repeat(text: str, count=0) -> str:
    count = int(_number_or_none(count) or 0)
    if count < 0 or len(text) * count > MAX_TEXT:
        raise EvalError(f"repeat(): the text would be longer than {MAX_TEXT} characters")
    return text * count


def _round(number, digits=None):
    if digits is None:
        return math.floor(number + 0.5)
    factor = 10 ** int(digits)
    return math.floor(number * factor + 0.5) / factor


def _to_fixed(number, digits=0) -> str:
    return f"{number:.{max(0, min(int(digits or 0), 20))}f}"


def _contains(container, value=None) -> bool:
    if isinstance(container, list):
        return any(equal(item, value) for item in container)
    return plain_text(value) in container


def _unique(items: list) -> list:
    kept: list = []
    for item in items:
        if not any(equal(item, seen) for seen in kept):
            kept.append(item)
    return kept


def _flat(items: list) -> list:
    return _capped_list([inner for item in items for inner in (item if isinstance(item, list) else [item])])


def _join(items: list, separator=",") -> str:
    return _capped(plain_text(separator).join(plain_text(item) for item in items))


_MOMENT_TOKEN = re.compile(r"\[[^\]]*\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a")


def format_date(date: Date, pattern: str) -> str:
    """Moment.js's format tokens (the common ones); text in [brackets] stays as written."""
    moment = date.moment

    def token(match: re.Match) -> str:
        text = match.group()
        if text.startswith("["):
            return text[1:-1]
        hour12 = moment.hour % 12 or 12
        return {
            "YYYY": f"{moment.year:04d}", "YY": f"{moment.year % 100:02d}", "MMMM": moment.strftime("%B"),
            "MMM": moment.strftime("%b"), "MM": f"{moment.month:02d}", "M": str(moment.month),
            "DD": f"{moment.day:02d}", "D": str(moment.day), "dddd": moment.strftime("%A"),
            "ddd": moment.strftime("%a"), "HH": f"{moment.hour:02d}", "H": str(moment.hour),
            "hh": f"{hour12:02d}", "h": str(hour12), "mm": f"{moment.minute:02d}", "m": str(moment.minute),
            "ss": f"{moment.second:02d}", "s": str(moment.second), "SSS": f"{moment.microsecond // 1000:03d}",
            "A": "AM" if moment.hour < 12 else "PM", "a": "am" if moment.hour < 12 else "pm",
        }[text]

    return _capped(_MOMENT_TOKEN.sub(token, plain_text(pattern)[:1000]))


STRING_METHODS: dict[str, Callable] = {
    "contains": _contains,
    "containsAll": lambda text, *values: all(plain_text(v) in text for v in values),
    "containsAny": lambda text, *values: any(plain_text(v) in text for v in values),
    "startsWith": lambda text, query="": text.startswith(plain_text(query)),
    "endsWith": lambda text, query="": text.endswith(plain_text(query)),
    "lower": lambda text: text.lower(), "upper": lambda text: text.upper(), "title": _title,
    "trim": lambda text: text.strip(), "reverse": lambda text: text[::-1], "slice": _slice,
    "split": _split, "repeat": _repeat,
    "replace": lambda text, pattern="", replacement="": _capped(text.replace(plain_text(pattern),
                                                                             plain_text(replacement))),
    "isEmpty": _is_empty,
}
NUMBER_METHODS: dict[str, Callable] = {
    "abs": abs, "ceil": math.ceil, "floor": math.floor, "round": _round, "toFixed": _to_fixed,
    "isEmpty": lambda number: False,
}
LIST_METHODS: dict[str, Callable] = {
    "contains": _contains,
    "containsAll": lambda items, *values: all(_contains(items, v) for v in values),
    "containsAny": lambda items, *values: any(_contains(items, v) for v in values),
    "isEmpty": _is_empty, "join": _join, "reverse": lambda items: items[::-1], "slice": _slice,
    "sort": lambda items: sorted(items, key=order_key), "unique": _unique, "flat": _flat,
}
DATE_METHODS: dict[str, Callable] = {
    "date": lambda date: Date(date.moment.replace(hour=0, minute=0, second=0, microsecond=0), False),
    "format": format_date, "time": lambda date: date.moment.strftime("%H:%M:%S"),
    "isEmpty": lambda date: False,
}
OBJECT_METHODS: dict[str, Callable] = {
    "isEmpty": _is_empty, "keys": lambda obj: list(obj), "values": lambda obj: list(obj.values()),
}
ANY_METHODS: dict[str, Callable] = {
    "isTruthy": lambda value: truthy(value),
    "isType": lambda value, kind="": type_name(value) == plain_text(kind).lower(),
    "toString": lambda value: plain_text(value),
    "isEmpty": _is_empty,
}
METHOD_TABLES = (((str,), STRING_METHODS), ((int, float), NUMBER_METHODS), ((list,), LIST_METHODS),
                 ((Date,), DATE_METHODS), ((dict,), OBJECT_METHODS))

SUPPORTED_FUNCTIONS = tuple(sorted(set(GLOBALS) | {"if"}))
__all__ = ("Context", "EvalError", "Evaluation", "This", "number_text", "parse_date")
