"""What the site's search knows from the cross-reference model: spellings that mean the same, and term names.

The browser worker (overrides/assets/javascripts/search-worker.js) reads the
result from the search index's ``config.vault_search``:

- ``synonyms``: groups of phrases that find each other both ways: a term's
  spellings without their prefix (``ElastiCache`` / ``ElasticCache``), the
  same name written joined or split (``Route 53`` / ``Route53``, ``QuickSight`` /
  ``Quick Sight``), and every acronym with its expansion (``EC2`` /
  ``Elastic Compute Cloud``).
- ``keywords``: per section location (``page/#anchor``), the names of the terms
  and acronyms it defines, which the worker weighs above body text.

Phrases are lower-case words joined by one space, cut the way the worker cuts
text (runs of letters and digits), so both sides compare them as equal strings.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..xref.model import CrossReference
from ..xref.terms import TermRules

_WORD = re.compile(r"[^\W_]+")
_INNER_CAPITAL = re.compile(r"(?<=[a-z])(?=[A-Z])")

SectionUrl = Callable[[str, str], "str | None"]  # (note site path, anchor) -> index location, None if unpublished


def words(text: str) -> str:
    """``text`` as the worker's tokens: lower-case runs of letters and digits, joined by one space."""
    return " ".join(_WORD.findall(text.casefold()))


def spellings(name: str) -> set[str]:
    """A name as written, joined into one word, and split at its inner capitals (DynamoDB -> dynamo db)."""
    forms = {words(name), words(" ".join(_split_camel(word) for word in name.split()))}
    forms |= {form.replace(" ", "") for form in list(forms)}
    return {form for form in forms if form}


def _split_camel(word: str) -> str:
    """QuickSight -> Quick Sight; IoT and ACLs stay whole (a one-letter part is not a word)."""
    parts = _INNER_CAPITAL.split(word)
    return " ".join(parts) if all(len(part) >= 2 for part in parts) else word


def synonym_groups(model: CrossReference, rules: TermRules) -> list[list[str]]:
    """Groups of phrases with the same meaning, each sorted, groups in a stable order; merged when they share one."""
    raw: list[set[str]] = []
    for term in model.terms:
        group: set[str] = set()
        for name in term.names | {term.name}:
            group |= spellings(rules.strip_prefix(name))
        if term.acronym:
            group |= spellings(term.acronym)
        raw.append(group)
        raw += [spellings(word) for name in term.names for word in name.split()]  # MemoryDB / Memory DB
    for acronym in model.acronyms.values():
        raw.append(spellings(acronym.acronym) | spellings(acronym.expansion))
    return [sorted(group) for group in _merge(raw) if len(group) > 1]


def _merge(groups: Iterable[set[str]]) -> list[set[str]]:
    """Union of groups that share a phrase (EC2 from the glossary and from the term Amazon EC2)."""
    owner: dict[str, int] = {}
    merged: list[set[str] | None] = []
    for group in groups:
        targets = sorted({owner[p] for p in group if p in owner})
        union = set(group)
        for index in targets:
            union |= merged[index]
            merged[index] = None
        merged.append(union)
        for phrase in union:
            owner[phrase] = len(merged) - 1
    return sorted((g for g in merged if g), key=lambda g: min(g))


def section_keywords(model: CrossReference, section_url: SectionUrl) -> dict[str, str]:
    """Location -> the term and acronym names the section introduces (one dictionary lookup each)."""
    found: dict[str, list[str]] = {}
    for term in model.terms:
        if term.definition:
            location = section_url(term.definition.note_path, term.definition.anchor)
            if location is not None:
                found.setdefault(location, []).extend(sorted(term.names | {term.name, term.acronym} - {""}))
    for acronym in model.acronyms.values():
        location = section_url(acronym.note_path, acronym.anchor)
        if location is not None:
            found.setdefault(location, []).extend([acronym.acronym, acronym.expansion])
    return {location: " ".join(dict.fromkeys(words(name) for name in names)) for location, names in found.items()}


def search_tables(model: CrossReference, rules: TermRules, section_url: SectionUrl) -> dict[str, object]:
    """The ``config.vault_search`` object of the search index."""
    return {"synonyms": synonym_groups(model, rules), "keywords": section_keywords(model, section_url)}
