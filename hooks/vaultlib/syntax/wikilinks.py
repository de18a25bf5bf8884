"""Parsing of Obsidian's wikilink syntax: ``[[target#heading|shown]]`` and ``![[...]]``."""
from __future__ import annotations

from dataclasses import dataclass

from .grammar import EMBED_SIZE


@dataclass(frozen=True)
class WikiLink:
    """One parsed wikilink. ``target`` is empty for a link into the same note."""

    raw: str
    target: str
    headings: tuple[str, ...] = ()
    block: str = ""
    label: str = ""
    embed: bool = False

    @property
    def width(self) -> int | None:
        size = EMBED_SIZE.match(self.label)
        return int(size["width"]) if size else None

    @property
    def height(self) -> int | None:
        size = EMBED_SIZE.match(self.label)
        return int(size["height"]) if size and size["height"] else None

    @property
    def alt(self) -> str:
        """The label when it is text, not a size."""
        return "" if EMBED_SIZE.match(self.label) else self.label

    @property
    def written_target(self) -> str:
        """Everything before the label, as written (a name may contain '#')."""
        inner = self.raw[3 if self.embed else 2:-2].replace("\\|", "|")
        return inner.partition("|")[0].strip()

    @property
    def is_valid(self) -> bool:
        return bool(self.target or self.headings or self.block)


def parse_wikilink(inner: str, *, embed: bool = False) -> WikiLink:
    """Parse the text between ``[[`` and ``]]``.

    ``\\|`` counts as ``|`` (Obsidian needs it inside tables). The first ``|``
    separates the label; ``#`` separates headings; ``#^`` names a block.
    """
    raw = ("!" if embed else "") + f"[[{inner}]]"
    text = inner.replace("\\|", "|")
    target_part, _, label = text.partition("|")
    target, *fragments = target_part.split("#")
    headings = tuple(part.strip() for part in fragments if part.strip())
    block = ""
    if headings and headings[-1].startswith("^"):
        block = headings[-1][1:].strip()
        headings = headings[:-1]
    return WikiLink(raw, target.strip(), headings, block, label.strip(), embed)


def default_label(link: WikiLink) -> str:
    """The text shown for a link with no label: ``Note > Heading``, as Obsidian shows it.

    A block id shows without its caret (``Note > block-id``): a ``^id`` on a page
    reads as a leaked block marker.
    """
    name = link.target.rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):
        name = name[:-3]
    parts = [name] if name else []
    parts.extend(link.headings)
    if link.block:
        parts.append(link.block)
    return " > ".join(parts)
