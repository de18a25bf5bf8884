"""What a resolved wikilink or embed becomes in the page's Markdown.

Links and images become Markdown links/images to the target's source path, so
MkDocs itself turns them into URLs and validates files and anchors. Audio, video
and PDF need raw HTML, so their URL is computed here from the page's URL.
"""
from __future__ import annotations

import posixpath

from ..index.vault import VaultFile
from ..safety.paths import portable_path
from ..syntax.wikilinks import WikiLink
from .escape import attribute, inert_text, label_text, link_label
from .media import media_kind
from .site_paths import SitePaths


def markdown_link(label: str, path: str) -> str:
    return f"[{link_label(label)}]({path})"


def broken_link(label: str, reason: str) -> str:
    return (f'<span class="vault-link vault-link--broken" title="{attribute(reason)}">'
            f"{inert_text(label)}</span>")


def missing_embed(link: WikiLink, name: str) -> str:
    """A placeholder figure for an embedded file the vault does not have."""
    return (f'<span class="vault-missing" role="img" aria-label="Missing file: {attribute(name)}">'
            f'<span class="vault-missing__icon" aria-hidden="true"></span>'
            f'<span class="vault-missing__caption">{inert_text(name)}</span>'
            f'<span class="vault-missing__hint">not in the vault yet</span></span>')


def embed_file(link: WikiLink, file: VaultFile, page_site_path: str, page_url: str, paths: SitePaths) -> str:
    kind = media_kind(file.name)
    if kind == "image":
        return image(link, file, page_site_path, paths)
    url = paths.page_url(portable_path(file.site_path), page_url)  # where vaultsite/safety.py publishes it
    name, title = inert_text(file.name), attribute(file.name)
    if kind == "video":
        return f'<video class="vault-media" controls preload="metadata" src="{url}" title="{title}"></video>'
    if kind == "audio":
        return f'<audio class="vault-media" controls preload="metadata" src="{url}" title="{title}"></audio>'
    if kind == "pdf":
        return (f'<iframe class="vault-pdf" src="{url}" title="{title}" loading="lazy"></iframe>'
                f'<a class="vault-pdf__link" href="{url}">{name}</a>')
    return markdown_link(link.alt or file.name, paths.markdown_path(file.site_path, page_site_path))


def image(link: WikiLink, file: VaultFile, page_site_path: str, paths: SitePaths) -> str:
    alt = link.alt or posixpath.splitext(file.name)[0]
    attributes = ["loading=lazy"]
    if link.width:
        attributes.append(f'width="{link.width}"')
    if link.height:
        attributes.append(f'height="{link.height}"')
    return f"![{label_text(alt)}]({paths.markdown_path(file.site_path, page_site_path)}){{ {' '.join(attributes)} }}"
