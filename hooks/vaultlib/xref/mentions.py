"""Where the notes mention each term, and the links that make the first mention in a section clickable."""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..syntax.code import inline_code_spans
from ..syntax.grammar import NO_MENTION
from .outline import Outline
from .terms import Place, Term, TermRules


_WORD = re.compile(r"(?<![\w-])[\w][\w'-]*")
_GAP = re.compile(r"[ \t]+")


@dataclass
class MentionFinder:
    """Finds term names in text by looking up runs of words in a dictionary.

    One regex alternation of every name would cost time in proportion to the
    number of terms at every position of every line (quadratic in the vault);
    a lookup per run of up to ``longest`` words does not grow with the vault.
    """

    term_of: dict[str, Term]  # spelling, words joined by one space -> term
    longest: int = 1  # words in the longest spelling
    first_words: frozenset[str] = frozenset()  # the first word of every spelling: most words start none

    def __post_init__(self) -> None:
        if not self.first_words:
            self.first_words = frozenset(spelling.split(" ", 1)[0] for spelling in self.term_of)

    def find(self, line: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term) of each mention in a line of Markdown, longest first, outside code and links."""
        if not self.term_of:
            return
        blocked = [m.span() for m in NO_MENTION.finditer(line)] + inline_code_spans(line)
        words = list(_WORD.finditer(line))
        index = 0
        while index < len(words):
            if words[index].group() not in self.first_words:
                index += 1  # one set lookup instead of trying runs of up to ``longest`` words
                continue
            found = self._longest_at(line, words, index)
            start = words[index].start()
            if found and not any(low <= start < high for low, high in blocked):
                count, term = found
                yield start, words[index + count - 1].end(), term
                index += count
            else:
                index += 1

    def _longest_at(self, line: str, words: list[re.Match], index: int) -> tuple[int, Term] | None:
        run = [words[index].group()]
        best = None
        for count in range(1, self.longest + 1):
            if count > 1:
                if index + count - 1 >= len(words):
                    break
                previous, current = words[index + count - 2], words[index + count - 1]
                if not _GAP.fullmatch(line, previous.end(), current.start()):
                    break
                run.append(current.group())
            term = self.term_of.get(" ".join(run))
            if term is not None:
                best = (count, term)
        return best


def mention_finder(terms: list[Term], rules: TermRules) -> MentionFinder:
    """Every spelling of every term; a spelling two terms share is dropped."""
    owners: dict[str, set[str]] = defaultdict(set)
    by_key = {term.key: term for term in terms}
    for term in terms:
        spellings = set(term.names) | {rules.strip_prefix(name) for name in term.names}
        if term.acronym:
            spellings.add(term.acronym)
        for spelling in spellings:
            if len(spelling) >= 2 and spelling[0].isupper() or spelling[:1].isdigit():
                owners[" ".join(spelling.split())].add(term.key)
    term_of = {s: by_key[next(iter(keys))] for s, keys in owners.items() if len(keys) == 1}
    return MentionFinder(term_of, max((len(s.split()) for s in term_of), default=1))


def scan_mentions(outlines: list[Outline], finder: MentionFinder,
                  parts: list[dict[str, list[Place]]] | None = None) -> dict[str, list[Place]]:
    """For each term key, the sections (other than its definition's) that mention it, in course order.

    ``parts``: each outline's ``note_mentions`` with this finder, when the caller kept them.
    """
    found: dict[str, list[Place]] = defaultdict(list)
    for part in parts if parts is not None else (note_mentions(outline, finder) for outline in outlines):
        for key, places in part.items():
            found[key].extend(places)
    return found


def note_mentions(outline: Outline, finder: MentionFinder) -> dict[str, list[Place]]:
    """One note's sections that mention each term (a section once per term), in the note's order."""
    found: dict[str, list[Place]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for line in outline.lines:
        if line.heading:
            continue
        anchor = line.section.anchor if line.section else ""
        for _, _, term in finder.find(line.text):
            where = (term.key, anchor)
            definition = term.definition
            if where in seen or (definition.note_path, definition.anchor) == (outline.note.site_path, anchor):
                continue
            seen.add(where)
            label = line.section.plain if line.section else outline.note.title
            found[term.key].append(Place(outline.note.site_path, anchor, line.number, label))
    return dict(found)


def finder_signature(finder: MentionFinder) -> str:
    """Every spelling of every term, its term and where it links: what a scan or render with the finder read."""
    digest = hashlib.blake2b(digest_size=16)
    for spelling in sorted(finder.term_of):
        term = finder.term_of[spelling]
        definition = term.definition
        digest.update(f"{spelling}\0{term.key}\0{term.name}\0{definition.note_path}\0{definition.anchor}\n"
                      .encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


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
