"""The cross-reference model, built once per build from the notes' outlines.

Most of the work reads one outline at a time (its acronyms, phrases and defining
headings; with the term finder, its mentions and use cases). ``ModelParts`` keeps
those per outline across the builds of ``mkdocs serve``, so a rebuild reads only
the outlines that changed and merges the rest in course order, giving exactly
what one pass over every outline gives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .glossary import Acronym, find_acronyms, note_acronyms
from .mentions import MentionFinder, finder_signature, mention_finder, note_mentions, scan_mentions
from .outline import Outline
from .terms import Phrases, Place, Term, TermRules, find_terms, outline_phrases
from .use_cases import UseCase, find_use_cases, note_use_cases


@dataclass
class CrossReference:
    terms: list[Term] = field(default_factory=list)
    acronyms: dict[str, Acronym] = field(default_factory=dict)
    mentions: dict[str, list[Place]] = field(default_factory=dict)  # term key -> sections
    use_cases: list[UseCase] = field(default_factory=list)
    finder: MentionFinder = field(default_factory=lambda: MentionFinder({}))


@dataclass
class ModelParts:
    """Per-outline pieces of the model, kept from one build to the next (on the build cache).

    Entries are keyed by note site path and hold the outline object they were made from:
    the render cache hands back the same outline while the note is unchanged.
    """

    rules: TermRules | None = None
    # site path -> (outline, its acronyms, its phrases)
    own: dict[str, tuple[Outline, dict[str, Acronym], Phrases]] = field(default_factory=dict)
    # site path -> (outline, finder signature, its mentions, its use cases)
    found: dict[str, tuple[Outline, str, dict[str, list[Place]], list[UseCase]]] = field(default_factory=dict)
    last: tuple[list[Outline], CrossReference] | None = None  # the last build's outlines and model

    def model(self, outlines: list[Outline], rules: TermRules) -> CrossReference:
        if rules != self.rules:
            self.own, self.found, self.last, self.rules = {}, {}, None, rules
        if self.last is not None and _same(self.last[0], outlines):
            return self.last[1]  # no outline changed: the same model
        xref = self._build(outlines, rules)
        self.last = (list(outlines), xref)
        return xref

    def _build(self, outlines: list[Outline], rules: TermRules) -> CrossReference:
        pattern = None
        own = {}
        for outline in outlines:
            path = outline.note.site_path
            kept = self.own.get(path)
            if kept is None or kept[0] is not outline:
                pattern = pattern or rules.phrase_pattern()
                kept = (outline, note_acronyms(outline), outline_phrases(outline, pattern))
            own[path] = kept
        self.own = own
        parts = [own[outline.note.site_path] for outline in outlines]
        acronyms = find_acronyms(outlines, [acronyms for _, acronyms, _ in parts])
        terms = find_terms(outlines, rules, acronyms, [phrases for _, _, phrases in parts])
        finder = mention_finder(terms, rules)
        signature = finder_signature(finder)
        found = {}
        for outline in outlines:
            path = outline.note.site_path
            kept = self.found.get(path)
            if kept is None or kept[0] is not outline or kept[1] != signature:
                kept = (outline, signature, note_mentions(outline, finder), note_use_cases(outline, finder))
            found[path] = kept
        self.found = found
        scanned = [found[outline.note.site_path] for outline in outlines]
        mentions = scan_mentions(outlines, finder, [mentions for _, _, mentions, _ in scanned])
        use_cases = find_use_cases(outlines, finder, [cases for _, _, _, cases in scanned])
        return CrossReference(terms, acronyms, mentions, use_cases, finder)


def _same(old: list[Outline], new: list[Outline]) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new))


def build_cross_reference(outlines: list[Outline], rules: TermRules, parts: ModelParts | None = None) -> CrossReference:
    """The model of these outlines; ``parts`` (kept across builds) saves reading unchanged outlines again."""
    if parts is not None:
        return parts.model(outlines, rules)
    acronyms = find_acronyms(outlines)
    terms = find_terms(outlines, rules, acronyms)
    finder = mention_finder(terms, rules)
    return CrossReference(terms, acronyms, scan_mentions(outlines, finder), find_use_cases(outlines, finder), finder)
