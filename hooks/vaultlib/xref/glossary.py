"""Acronyms the notes define, in the forms people write them.

``Full Name (ACR)``, ``Full Name. (ACR)``, ``ACR (Full Name)``, ``ACR(Full Name)``,
``ACR ( Full Name)``, ``Full Name, or ACR``, ``ACR, or Full Name``. A pair counts
only when the acronym's letters can be read off the full name's words, so
``(11 9's)`` or ``Amazon RDS  (Relational Database Service)`` -> RDS work and
ordinary parentheses do not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .outline import Outline

ACRONYM = r"[A-Z][A-Za-z0-9]{1,9}"  # and at least two capitals or digits: see is_acronym
WORDS = r"[A-Za-z][\w'-]*(?:[ \t]+[A-Za-z][\w'-]*){0,7}"
_FORMS = [
    re.compile(rf"(?P<full>{WORDS})\.?[ \t]*\([ \t]*(?P<acr>{ACRONYM})[ \t]*\)"),
    re.compile(rf"\b(?P<acr>{ACRONYM})[ \t]*\([ \t]*(?P<full>{WORDS})[ \t]*\)"),
    re.compile(rf"(?P<full>{WORDS}),[ \t]+or[ \t]+(?P<acr>{ACRONYM})\b"),
    re.compile(rf"\b(?P<acr>{ACRONYM}),[ \t]+or[ \t]+(?P<full>{WORDS})"),
]
_SKIPPABLE = {"a", "an", "and", "as", "for", "of", "the", "to", "on", "in", "with", "or"}


@dataclass(frozen=True)
class Acronym:
    acronym: str
    expansion: str
    note_path: str  # the note's site path
    anchor: str  # the section it is defined in ("" at the top of the note)
    line: int


def expansion_of(acronym: str, words: str) -> str | None:
    """The shortest tail of ``words`` whose initials spell ``acronym``, or None."""
    plural = len(acronym) > 2 and acronym.endswith("s") and acronym[-2].isupper()  # ACLs, NSGs
    letters: list[str] = []
    for char in acronym[:-1] if plural else acronym:
        if char.isdigit() and letters:
            letters += letters[-1:] * (int(char) - 1)  # EC2: Elastic Compute Cloud
        elif char.isalpha():
            letters.append(char.casefold())
    tokens = re.split(r"[ \t-]+", words.strip())
    for start in range(len(tokens) - 1, -1, -1):
        if tokens[start].casefold() in _SKIPPABLE:
            continue
        if _spells(letters, [t.casefold() for t in tokens[start:]]):
            return _tail(words, tokens, start)
    return None


def _tail(words: str, tokens: list[str], start: int) -> str:
    position = 0
    for token in tokens[:start]:
        position = words.index(token, position) + len(token)
    return words[words.index(tokens[start], position):].strip()


def _spells(letters: list[str], words: list[str]) -> bool:
    """Whether every word gives its initial (small words may be skipped) and the letters run out together."""
    def match(li: int, wi: int) -> bool:
        if wi == len(words):
            return li == len(letters)
        word = words[wi]
        if li < len(letters) and word[0] == letters[li]:
            # the initial, then optionally more letters from inside the same word
            inner, lj = 1, li + 1
            while True:
                if match(lj, wi + 1):
                    return True
                found = word.find(letters[lj], inner) if lj < len(letters) else -1
                if found < 0:
                    break
                inner, lj = found + 1, lj + 1
        return word in _SKIPPABLE and match(li, wi + 1)

    return bool(letters) and bool(words) and match(0, 0)


def is_acronym(word: str) -> bool:
    return sum(1 for char in word if char.isupper() or char.isdigit()) >= 2


def find_acronyms(outlines: list[Outline], parts: list[dict[str, Acronym]] | None = None) -> dict[str, Acronym]:
    """Every acronym defined in the vault, first definition first, keyed by the acronym.

    ``parts``: each outline's ``note_acronyms``, when the caller kept them from the last build.
    """
    found: dict[str, Acronym] = {}
    for part in parts if parts is not None else map(note_acronyms, outlines):
        for acronym, definition in part.items():
            found.setdefault(acronym, definition)
    return found


def note_acronyms(outline: Outline) -> dict[str, Acronym]:
    """The acronyms one note defines, its first definition of each."""
    found: dict[str, Acronym] = {}
    for line in outline.lines:
        if "(" not in line.text and ", or " not in line.text:
            continue  # every form has one of these; most lines have neither
        for pattern in _FORMS:
            for match in pattern.finditer(line.text):
                if not is_acronym(match["acr"]):
                    continue
                expansion = expansion_of(match["acr"], match["full"])
                if expansion and match["acr"] not in found:
                    anchor = line.section.anchor if line.section else ""
                    found[match["acr"]] = Acronym(match["acr"], " ".join(expansion.split()),
                                                  outline.note.site_path, anchor, line.number)
    return found
