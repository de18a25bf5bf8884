"""Backlinks: which notes and sections point at a note, by wikilink or by mentioning a term it defines."""
from __future__ import annotations

from collections import defaultdict

from ..record import Backlink, LinkRecord
from .terms import Place, Term


def find_backlinks(links: list[LinkRecord], terms: list[Term], mentions: dict[str, list[Place]],
                   section_of) -> dict[str, list[Backlink]]:
    """Target note site path -> its backlinks, without duplicates or self-references.

    ``section_of(note, line)`` gives (anchor, heading text) for a line of a note.
    """
    found: dict[str, dict[tuple[str, str], Backlink]] = defaultdict(dict)
    for link in links:
        if link.source is link.target:
            continue
        anchor, heading = section_of(link.source, link.line)
        found[link.target.site_path].setdefault(
            (link.source.site_path, anchor), Backlink(link.source.site_path, anchor, heading, "links here"))
    mention_backlinks(found, terms, mentions)
    return {path: list(entries.values()) for path, entries in found.items()}


def mention_backlinks(found: dict[str, dict[tuple[str, str], Backlink]], terms: list[Term],
                      mentions: dict[str, list[Place]]) -> None:
    """Adds, after the links, each section that mentions a term to the backlinks of the note introducing it."""
    for term in terms:
        target = term.definition.note_path
        for place in mentions.get(term.key, []):
            if place.note_path != target:
                key = (place.note_path, place.anchor)
                if key not in found[target]:
                    found[target][key] = Backlink(place.note_path, place.anchor, place.label, f"mentions {term.name}")
