"""Note properties as the site uses them: size limits, scalar-or-list values, drafts, and what the theme sees.

Properties are the user's data, written for Obsidian and its plugins (Iconize's
``icon``, Templater's ``template``...). MkDocs and Material read some of the
same keys as page settings and put others into HTML unescaped, so the theme
gets only a checked, escaped copy (``theme_meta``); the note keeps them all.
"""
from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable

# A YAML alias bomb loads fast (aliases share one object) but expands on every use.
MAX_PROPERTY_VALUES = 10_000  # scalars and containers, aliases counted each time
MAX_PROPERTY_CHARS = 200_000  # characters of all strings together
MAX_PROPERTY_SOURCE = 1_000_000  # characters between the '---' lines, checked before parsing

SCALAR = (str, int, float, datetime.date)
# Material's page settings (templates base.html, partials/*.html; mkdocs build: template).
HIDEABLE = frozenset({"navigation", "toc", "footer", "feedback", "path", "tags"})
TEXT_SETTINGS = ("description", "subtitle", "author")  # shown in <meta> and the nav
_THEME_FILE = re.compile(r"[\w.-]+(?:/[\w.-]+)*")  # no '..' segment, no absolute path


def oversized(properties: object) -> str:
    """Why the properties are too large to use ("" when they are fine); stops early, so it is cheap."""
    values, chars, stack = 0, 0, [properties]
    while stack:
        value = stack.pop()
        values += 1
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple, set)):
            stack.extend(value)
        elif isinstance(value, str):
            chars += len(value)
        if values > MAX_PROPERTY_VALUES:
            return (f"more than {MAX_PROPERTY_VALUES:,} values (a YAML alias bomb, or data that is "
                    "not note properties)")
        if chars > MAX_PROPERTY_CHARS:
            return f"more than {MAX_PROPERTY_CHARS:,} characters of text"
    return ""


def scalar_text(value: object) -> str | None:
    """A property value as text when it is one value (text, number, date, yes/no), else None."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, SCALAR):
        return str(value)
    return None


def text_list(value: object) -> list[str]:
    """A property that may be one value or a list (``aliases: 42``, ``aliases: [a, b]``) as texts."""
    items = value if isinstance(value, (list, tuple)) else [value]
    texts = (scalar_text(item) for item in items if item is not None)
    return [text for text in texts if text is not None and text.strip()]


def is_draft(properties: dict) -> bool:
    """``publish: false`` (Obsidian Publish) or ``draft: true`` (Quartz): not for the site."""
    return _flag(properties.get("publish")) is False or _flag(properties.get("draft")) is True


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    return None


def theme_text(text: str) -> str:
    """Vault text as the theme gets it: HTML-escaped, the one place it is.

    MkDocs and Material print page titles, nav titles and ``page.meta`` text
    into HTML (the nav, ``<title>``, ``<meta>``, the search index) unescaped,
    and a title is text (``Map<K, V>``). Scripts get the raw text from the records.
    """
    return html.escape(text, quote=True)


def theme_meta(properties: dict, title: str, tags: list[str],
               theme_file_exists: Callable[[str], bool]) -> tuple[dict, list[str]]:
    """(page.meta for MkDocs and Material, why some properties were not passed to it).

    Text is HTML-escaped (Material prints page.meta unescaped into the nav,
    ``<title>``, ``<meta>`` and the search index). Page settings pass only when
    valid for the theme; ``theme_file_exists(path)`` checks a file of its templates.
    """
    meta: dict = {"title": theme_text(title)}
    kept: list[str] = []
    if tags:
        meta["tags"] = [theme_text(tag) for tag in tags]
    for key in TEXT_SETTINGS:
        if key in properties:
            text = scalar_text(properties[key])
            if text is None:
                kept.append(f"'{key}' is not a single value")
            else:
                meta[key] = theme_text(text)
    if "hide" in properties:
        hide = properties["hide"]
        hide = [hide] if isinstance(hide, str) else hide
        if isinstance(hide, list) and hide and all(isinstance(item, str) and item in HIDEABLE for item in hide):
            meta["hide"] = list(hide)
        else:
            kept.append(f"'hide' is not a list of {', '.join(sorted(HIDEABLE))}")
    for key, folder, suffix in (("icon", ".icons/", ".svg"), ("template", "", "")):
        if key in properties:
            value = properties[key]
            if isinstance(value, str) and _THEME_FILE.fullmatch(value) and ".." not in value.split("/") \
                    and theme_file_exists(f"{folder}{value}{suffix}"):
                meta[key] = value
            else:
                kept.append(f"'{key}: {str(value)[:60]}' is not a file of the theme")
    search = properties.get("search")
    if search is not None:
        if isinstance(search, dict) and set(search) <= {"exclude", "boost"} \
                and isinstance(search.get("exclude", False), bool) \
                and isinstance(search.get("boost", 1), (int, float)) and not isinstance(search.get("boost"), bool):
            meta["search"] = dict(search)
        else:
            kept.append("'search' is not {exclude: true/false, boost: number}")
    return meta, kept
