"""What a resolved wikilink or embed becomes in the page's Markdown.

Links and images become Markdown links/images to the target's source path, so
MkDocs itself turns them into URLs and validates files and anchors. Audio, video
and PDF need raw HTML, so their URL is computed here from the page's URL.
Relative paths come from the site generator's own function (MkDocs'
``get_relative_url``), handed in once with ``use_relative_url``.
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

from .code import inline_code_spans
from .safety.paths import portable_path
from .wikilinks import WikiLink

if TYPE_CHECKING:  # the index imports heading_ids, which uses this module
    from .index import VaultFile

IMAGE = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp"}
VIDEO = {".mp4", ".webm", ".mov", ".ogv"}
AUDIO = {".mp3", ".wav", ".ogg", ".m4a", ".flac"}
PDF = {".pdf"}

# Characters Python-Markdown would read as markup inside raw HTML text or a link label.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_\[\]{}<>#+!|~=^$%&]")


def extension(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


def media_kind(name: str) -> str:
    suffix = extension(name)
    for kind, suffixes in (("image", IMAGE), ("video", VIDEO), ("audio", AUDIO), ("pdf", PDF)):
        if suffix in suffixes:
            return kind
    return "file"


def inert_text(text: str) -> str:
    """Text that Markdown and HTML show as written: every active character as an entity."""
    return _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", text.replace("\n", " "))


RelativeUrl = Callable[[str, str], str]  # (url, from url) -> relative url, as mkdocs.utils.get_relative_url
_relative_url: list[RelativeUrl] = []  # the one function, set by use_relative_url


def use_relative_url(function: RelativeUrl) -> None:
    """Make every relative link of the vault with the site generator's function (MkDocs' get_relative_url)."""
    _relative_url[:] = [function]
    _relative_path.cache_clear()


def markdown_path(target_site_path: str, page_site_path: str, anchor: str = "") -> str:
    """A link from one source file to another, relative and percent-encoded, for MkDocs to resolve."""
    path = _relative_path(target_site_path, page_site_path)
    return f"{path}#{quote(anchor, safe='^')}" if anchor else path


@functools.lru_cache(maxsize=65536)  # the same note is linked from many places of one page
def _relative_path(target: str, page: str) -> str:
    # get_relative_url drops the last part of ``page`` when it has a dot: "a/b.md" counts from "a".
    return quote(_relative(target, page), safe="/")


def _relative(url: str, other: str) -> str:
    if not _relative_url:
        raise RuntimeError("vaultlib.embeds.use_relative_url was never called (the pipeline does it)")
    return _relative_url[0](url, other)


def page_relative_url(target_url: str, page_url: str) -> str:
    """A URL from the page (``dir/`` or ``dir/page.html``) to a file of the built site."""
    return quote(_relative(target_url, page_url), safe="/")


# Characters Python-Markdown (with tables) accepts after a backslash. Brackets
# and parentheses are not escaped that way: "\(" and "\[" open math for arithmatex.
_BACKSLASH_ESCAPABLE = re.compile(r"([\\`*_{}#+!>|])")
_AS_ENTITY = {"[": "&#91;", "]": "&#93;", "<": "&lt;", "$": "&#36;"}


def label_text(text: str) -> str:
    """Text for a Markdown link label or image alt that shows as written."""
    escaped = _BACKSLASH_ESCAPABLE.sub(r"\\\1", text.replace("\n", " "))
    return "".join(_AS_ENTITY.get(char, char) for char in escaped)


def markdown_link(label: str, path: str) -> str:
    return f"[{link_label(label)}]({path})"


def link_label(text: str) -> str:
    """``label_text``, except that inline code stays code: ``[[Note|`hasTag`]]`` shows in code style."""
    if "`" not in text:
        return label_text(text)
    pieces, position = [], 0
    for start, end in inline_code_spans(text):
        pieces += [label_text(text[position:start]), text[start:end]]
        position = end
    return "".join(pieces) + label_text(text[position:])


def attribute(value: str) -> str:
    """An HTML attribute value that stays one inert value, quotes included."""
    return html.escape(value.replace("\n", " "), quote=True)


def broken_link(label: str, reason: str) -> str:
    return (f'<span class="vault-link vault-link--broken" title="{attribute(reason)}">'
            f"{inert_text(label)}</span>")


def missing_embed(link: WikiLink, name: str) -> str:
    """A placeholder figure for an embedded file the vault does not have."""
    return (f'<span class="vault-missing" role="img" aria-label="Missing file: {attribute(name)}">'
            f'<span class="vault-missing__icon" aria-hidden="true"></span>'
            f'<span class="vault-missing__caption">{inert_text(name)}</span>'
            f'<span class="vault-missing__hint">not in the vault yet</span></span>')


def embed_file(link: WikiLink, file: VaultFile, page_site_path: str, page_url: str) -> str:
    kind = media_kind(file.name)
    if kind == "image":
        return image(link, file, page_site_path)
    url = page_relative_url(portable_path(file.site_path), page_url)  # where page_safety publishes it
    name, title = inert_text(file.name), attribute(file.name)
    if kind == "video":
        return f'<video class="vault-media" controls preload="metadata" src="{url}" title="{title}"></video>'
    if kind == "audio":
        return f'<audio class="vault-media" controls preload="metadata" src="{url}" title="{title}"></audio>'
    if kind == "pdf":
        return (f'<iframe class="vault-pdf" src="{url}" title="{title}" loading="lazy"></iframe>'
                f'<a class="vault-pdf__link" href="{url}">{name}</a>')
    return markdown_link(link.alt or file.name, markdown_path(file.site_path, page_site_path))


def image(link: WikiLink, file: VaultFile, page_site_path: str) -> str:
    alt = link.alt or posixpath.splitext(file.name)[0]
    attributes = ["loading=lazy"]
    if link.width:
        attributes.append(f'width="{link.width}"')
    if link.height:
        attributes.append(f'height="{link.height}"')
    return f"![{label_text(alt)}]({markdown_path(file.site_path, page_site_path)}){{ {' '.join(attributes)} }}"
