"""The cross-reference model, built once per build from the notes' outlines."""
from __future__ import annotations

from dataclasses import dataclass, field

from .outline import Outline
from .glossary import Acronym, find_acronyms
from .mentions import MentionFinder, mention_finder, scan_mentions
from .terms import Place, Term, TermRules, find_terms
from .use_cases import UseCase, find_use_cases


@dataclass
class CrossReference:
    terms: list[Term] = field(default_factory=list)
    acronyms: dict[str, Acronym] = field(default_factory=dict)
    mentions: dict[str, list[Place]] = field(default_factory=dict)  # term key -> sections
    use_cases: list[UseCase] = field(default_factory=list)
    finder: MentionFinder = field(default_factory=lambda: MentionFinder({}))


def build_cross_reference(outlines: list[Outline], rules: TermRules) -> CrossReference:
    acronyms = find_acronyms(outlines)
    terms = find_terms(outlines, rules, acronyms)
    finder = mention_finder(terms, rules)
    return CrossReference(terms, acronyms, scan_mentions(outlines, finder), find_use_cases(outlines, finder), finder)
