"""The languages search matches a vault in, and what the search index must not hold as body text.

Plain Python (no MkDocs). The browser's search (overrides/assets/javascripts/search-core.js) stems each
document in its own language: the vault's (``extra.vault.language``, else ``theme.language``), or a note's
``lang`` property, which the build writes into the search index per document (hooks/vaultsite/search.py
calls these functions). Languages with a Snowball algorithm (the same list as SNOWBALL in search-core.js)
need the snowball-stemmers file in the site.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from urllib.parse import unquote

# ISO 639-1 code -> Snowball algorithm, as in search-core.js SNOWBALL (English keeps the light stemmer)
SNOWBALL_LANGUAGES = frozenset(
    "ar ca cs da de es eu fi fr ga hu hy it nb nl nn no pt ro ru sl sv ta tr".split())
# BCP 47 as people write it in a property: "de", "pt-BR", "zh_Hans"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}")
# the missing-file placeholder (vaultlib.render.markup) and its inner spans: every span carries the
# marker, because Material's index parser forgets an excluded element when a nested one of the same tag ends
PLACEHOLDER_SPAN = re.compile(r'<span class="vault-missing')
# in a page's HTML, in order: a heading's id, or a missing file's name (the placeholder's caption)
HEADING_OR_CAPTION = re.compile(r'<h[1-6]\b[^>]*?\bid="([^"]*)"|class="vault-missing__caption">([^<]*)<')
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def base_language(tag: str) -> str:
    """ "pt-BR" -> "pt": the part the stemmers know."""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]


def note_language(properties: Mapping) -> str | None:
    """A note's ``lang`` property as a language tag, or None when it has none or it is not one."""
    value = properties.get("lang") if isinstance(properties, Mapping) else None
    if isinstance(value, str) and LANGUAGE_TAG.fullmatch(value.strip()):
        return value.strip()
    return None


def needs_snowball(languages: Iterable[str | None]) -> bool:
    return any(tag and base_language(tag) in SNOWBALL_LANGUAGES for tag in languages)


def exclude_placeholders(html_text: str) -> str:
    """Placeholder captions out of the search index (Material's parser skips data-search-exclude), so a
    snippet never reads "...storage services.pngnot in the vault yet"."""
    return PLACEHOLDER_SPAN.sub('<span data-search-exclude class="vault-missing', html_text)


def add_languages(index: dict, page_languages: Mapping[str, str], vault_language: str | None) -> dict:
    """Material's search index with each document's language (its page's ``lang``, page_languages keyed by
    page URL as MkDocs writes it; the index's locations are percent-encoded) and the vault's."""
    for doc in index.get("docs", []):
        lang = page_languages.get(unquote(str(doc.get("location", "")).split("#", 1)[0]))
        if lang:
            doc["lang"] = lang
    if vault_language:
        index.setdefault("config", {}).setdefault("vault_search", {})["lang"] = vault_language
    return index


def placeholder_captions(html_text: str) -> dict[str, list[str]]:
    """Heading id ("" before the first heading) -> the names of the missing files placed under it, without
    their extension ("block storage" for "block storage.png"): what the figure shows, still searchable."""
    captions: dict[str, list[str]] = {}
    anchor = ""
    for match in HEADING_OR_CAPTION.finditer(html_text):
        if match[1] is not None:
            anchor = match[1]
        else:
            name = EXTENSION.sub("", html.unescape(match[2]).strip())
            if name:
                captions.setdefault(anchor, []).append(name)
    return captions


def add_figures(index: dict, page_captions: Mapping[str, Mapping[str, list[str]]]) -> dict:
    """Each section's figure names as ``doc["figures"]`` (escaped, as the index's text is): the worker ranks
    by them and never shows them as the snippet. page_captions: page URL -> placeholder_captions(). A
    heading the index has no section for (a page's first heading is the page's own entry) goes to the page."""
    by_location = {unquote(str(doc.get("location", ""))): doc for doc in index.get("docs", [])}
    for page, captions in page_captions.items():
        for anchor, names in captions.items():
            doc = by_location.get(f"{page}#{anchor}" if anchor else page) or by_location.get(page)
            if doc is not None:
                figures = " ".join(html.escape(name, quote=False) for name in names)
                doc["figures"] = f'{doc["figures"]} {figures}' if doc.get("figures") else figures
    return index
