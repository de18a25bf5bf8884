"""Where the notes mention each term, and the links that make the first mention in a section clickable."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..code import inline_code_spans
from ..outline import Outline
from .terms import Place, Term, TermRules

# Text a mention never starts inside: code, wikilinks, Markdown links and images, HTML tags, URLs.
_PROTECTED = re.compile(r"!?\[\[[^\[\]\n]*\]\]|!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]*>|\w+://\S+|\{[^}\n]*\}")


@dataclass
class MentionFinder:
    pattern: re.Pattern | None
    term_of: dict[str, Term]

    def find(self, line: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term) of each mention in a line of Markdown, outside code and links."""
        if self.pattern is None:
            return
        blocked = [m.span() for m in _PROTECTED.finditer(line)] + inline_code_spans(line)
        for match in self.pattern.finditer(line):
            if not any(start <= match.start() < end for start, end in blocked):
                yield match.start(), match.end(), self.term_of[match.group()]


def mention_finder(terms: list[Term], rules: TermRules) -> MentionFinder:
    """One regex for every spelling of every term, longest first; a spelling two terms share is dropped."""
    owners: dict[str, set[str]] = defaultdict(set)
    by_key = {term.key: term for term in terms}
    for term in terms:
        spellings = set(term.names) | {rules.strip_prefix(name) for name in term.names}
        if term.acronym:
            spellings.add(term.acronym)
        for spelling in spellings:
            if len(spelling) >= 2 and spelling[0].isupper() or spelling[:1].isdigit():
                owners[spelling].add(term.key)
    term_of = {s: by_key[next(iter(keys))] for s, keys in owners.items() if len(keys) == 1}
    if not term_of:
        return MentionFinder(None, {})
    alternatives = "|".join(re.escape(s) for s in sorted(term_of, key=len, reverse=True))
    return MentionFinder(re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), term_of)


def scan_mentions(outlines: list[Outline], finder: MentionFinder) -> dict[str, list[Place]]:
    """For each term key, the sections (other than its definition's) that mention it, in course order."""
    found: dict[str, list[Place]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for outline in outlines:
        for line in outline.lines:
            if line.heading:
                continue
            anchor = line.section.anchor if line.section else ""
            for _, _, term in finder.find(line.text):
                where = (term.key, outline.note.site_path, anchor)
                definition = term.definition
                if where in seen or (definition.note_path, definition.anchor) == where[1:]:
                    continue
                seen.add(where)
                label = line.section.plain if line.section else outline.note.title
                found[term.key].append(Place(outline.note.site_path, anchor, line.number, label))
    return found


def link_mentions(line: str, section: tuple[str, str], linked: set[str], finder: MentionFinder,
                  link: Callable[[str, Term], str]) -> str:
    """The line with the first mention of each term in this section made a link to its definition.

    ``section`` is (note site path, anchor); ``linked`` collects the terms
    already linked in it; ``link(text, term)`` renders one link.
    """
    out, position = [], 0
    for start, end, term in finder.find(line):
        definition = (term.definition.note_path, term.definition.anchor)
        if term.key in linked or definition == section:
            continue
        linked.add(term.key)
        out += [line[position:start], link(line[start:end], term)]
        position = end
    return "".join(out) + line[position:]
