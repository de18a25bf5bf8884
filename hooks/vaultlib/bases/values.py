"""The values of the Bases type system: null, booleans, numbers, strings, lists, objects, and these.

Dates are timezone-less (UTC for file times), as YAML gives them; a duration is months plus
milliseconds, because "1M" is a calendar month, not a number of days.
"""
from __future__ import annotations

import calendar
import datetime
import math
import re
from dataclasses import dataclass
from typing import Protocol


class RowLike(Protocol):
    """What a value needs of a row (rows.Row; importing it here would make an import circle)."""

    site_path: str
    name: str
    basename: str


@dataclass(frozen=True, order=True)
class Date:
    moment: datetime.datetime
    has_time: bool = True

    def shown(self) -> str:
        if not self.has_time:
            return self.moment.strftime("%Y-%m-%d")
        return self.moment.strftime("%Y-%m-%d %H:%M" if not self.moment.second else "%Y-%m-%d %H:%M:%S")

    @property
    def milliseconds(self) -> float:
        epoch = datetime.datetime(1970, 1, 1)
        return (self.moment - epoch) / datetime.timedelta(milliseconds=1)


@dataclass(frozen=True)
class Duration:
    months: int = 0
    milliseconds: float = 0

    def scaled(self, factor: float) -> Duration:
        return Duration(round(self.months * factor), self.milliseconds * factor)

    def shown(self) -> str:
        parts = [f"{self.months} months"] if self.months else []
        if self.milliseconds or not parts:
            parts.append(f"{number_text(self.milliseconds / 1000)} seconds")
        return " ".join(parts)


@dataclass(frozen=True)
class Link:
    """A link value: to a note of the site (``site_path``) or, unresolved, only its text."""

    target: str  # as written, without brackets
    display: str = ""
    site_path: str | None = None  # the linked note's site path when it resolves
    url: bool = False  # an http(s)/mailto address

    def same_as(self, other: object) -> bool:
        if isinstance(other, Link):
            if self.site_path or other.site_path:
                return self.site_path == other.site_path
            return self.target == other.target
        if isinstance(other, FileRef):
            if self.site_path is not None:
                return self.site_path == other.row.site_path
            target = self.target.casefold()  # no note found for it: the same name or path still is the file
            return target in (other.row.basename.casefold(), other.row.site_path.casefold().removesuffix(".md"))
        return False


@dataclass(frozen=True)
class FileRef:
    """The file a row is about (``file``, ``this``, or ``this.file``)."""

    row: RowLike


DURATION_UNITS = {
    "y": ("months", 12), "year": ("months", 12), "years": ("months", 12),
    "M": ("months", 1), "month": ("months", 1), "months": ("months", 1),
    "w": ("ms", 7 * 86_400_000), "week": ("ms", 7 * 86_400_000), "weeks": ("ms", 7 * 86_400_000),
    "d": ("ms", 86_400_000), "day": ("ms", 86_400_000), "days": ("ms", 86_400_000),
    "h": ("ms", 3_600_000), "hour": ("ms", 3_600_000), "hours": ("ms", 3_600_000),
    "m": ("ms", 60_000), "minute": ("ms", 60_000), "minutes": ("ms", 60_000),
    "s": ("ms", 1000), "second": ("ms", 1000), "seconds": ("ms", 1000),
}
_DURATION_PART = re.compile(r"\s*([+-]?\d{1,9}(?:\.\d{1,9})?)\s*([A-Za-z]{1,7})\s*")


def parse_duration(text: str) -> Duration | None:
    """ "1 week", "7d", "1M 4h": None when it is not a duration (units are case-sensitive for M/m)."""
    if not text or len(text) > 200:
        return None
    months, milliseconds, position = 0, 0.0, 0
    while position < len(text):
        match = _DURATION_PART.match(text, position)
        if not match:
            return None
        unit = match[2] if match[2] in ("M", "m") else match[2].lower()
        if unit not in DURATION_UNITS:
            return None
        kind, size = DURATION_UNITS[unit]
        amount = float(match[1])
        if kind == "months":
            months += round(amount * size)
        else:
            milliseconds += amount * size
        position = match.end()
    return Duration(months, milliseconds)


_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
                   r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*")


def parse_date(text: str) -> Date | None:
    """ "2025-01-01" or "2025-01-01 12:00[:00]" (also with T); None when it is not a date."""
    match = _DATE.fullmatch(text) if len(text) <= 40 else None
    if not match:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                                   int(second or 0), int((fraction or "0").ljust(6, "0")))
    except ValueError:
        return None
    return Date(moment, hour is not None)


def as_date(value: object) -> Date | None:
    """A date from a Date, a YAML date or datetime, or a date string."""
    if isinstance(value, Date):
        return value
    if isinstance(value, datetime.datetime):
        return Date(value.replace(tzinfo=None) if value.tzinfo is None else
                    value.astimezone(datetime.timezone.utc).replace(tzinfo=None))
    if isinstance(value, datetime.date):
        return Date(datetime.datetime(value.year, value.month, value.day), False)
    if isinstance(value, str):
        return parse_date(value)
    return None


def add_duration(date: Date, duration: Duration, sign: int = 1) -> Date:
    moment = date.moment
    if duration.months:
        total = moment.year * 12 + moment.month - 1 + sign * duration.months
        year, month = divmod(total, 12)
        year = min(max(year, 1), 9999)
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        moment = moment.replace(year=year, month=month + 1, day=day)
    try:
        moment = moment + sign * datetime.timedelta(milliseconds=duration.milliseconds)
    except OverflowError:
        pass  # beyond year 9999: the date stays where it was
    has_time = date.has_time or bool(duration.milliseconds % 86_400_000)
    return Date(moment, has_time)


def truthy(value: object) -> bool:
    """JavaScript's truthiness, which Obsidian's formulas follow: [] and {} are true, NaN is false."""
    if value is None or value is False:
        return False
    if isinstance(value, (int, float)):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return True


def equal(left: object, right: object) -> bool:
    if isinstance(left, Link):
        return left.same_as(right)
    if isinstance(right, Link):
        return right.same_as(left)
    if isinstance(left, FileRef) and isinstance(right, FileRef):
        return left.row.site_path == right.row.site_path
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    left_date, right_date = _dates(left, right)
    if left_date is not None and right_date is not None:
        return left_date.moment == right_date.moment
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(equal(a, b) for a, b in zip(left, right))
    return type(left) is type(right) and left == right


def _dates(left: object, right: object) -> tuple[Date | None, Date | None]:
    """Both sides as dates when at least one is a date (a date property compares with a date string)."""
    if isinstance(left, (Date, datetime.date)) or isinstance(right, (Date, datetime.date)):
        return as_date(left), as_date(right)
    return None, None


def order_key(value: object) -> tuple:
    """A total order over every value, for sorting rows: empty values last, then by type and value."""
    if value is None or value == "" or value == []:
        return (9,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, (int, float)):
        return (2, 0 if math.isnan(value) else value)
    date = as_date(value) if isinstance(value, (Date, datetime.date)) else None
    if date is not None:
        return (3, date.moment)
    if isinstance(value, list):
        return (5, tuple(order_key(item) for item in value[:20]))
    if isinstance(value, Link):
        return (4, plain_text(value).casefold(), value.target)
    if isinstance(value, FileRef):
        return (4, value.row.name.casefold(), value.row.site_path)
    text = plain_text(value)
    return (4, text.casefold(), text)


def compare(left: object, right: object) -> int | None:
    """-1, 0 or 1 for values of one kind (numbers, dates, strings); None when they do not compare."""
    if isinstance(left, (int, float)) and isinstance(right, (int, float)) and not isinstance(left, bool) \
            and not isinstance(right, bool):
        return (left > right) - (left < right)
    left_date, right_date = _dates(left, right)
    if left_date is not None and right_date is not None:
        return (left_date.moment > right_date.moment) - (left_date.moment < right_date.moment)
    if isinstance(left, str) and isinstance(right, str):
        return (left > right) - (left < right)
    if isinstance(left, Duration) and isinstance(right, Duration):
        a, b = (left.months, left.milliseconds), (right.months, right.milliseconds)
        return (a > b) - (a < b)
    return None


def number_text(value: float) -> str:
    """A number as JavaScript shows it: 3, 2.5, 0.30000000000000004."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def plain_text(value: object) -> str:
    """A value as text (``toString()``, joins, and what a cell shows of it before escaping)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (Date, datetime.date)):
        return as_date(value).shown()
    if isinstance(value, Duration):
        return value.shown()
    if isinstance(value, Link):
        return value.display or value.target
    if isinstance(value, FileRef):
        return value.row.basename
    if isinstance(value, list):
        return ", ".join(plain_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {plain_text(item)}" for key, item in value.items())
    return str(value)


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (Date, datetime.date)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, Link):
        return "link"
    if isinstance(value, FileRef):
        return "file"
    if isinstance(value, Duration):
        return "duration"
    return "unknown"
