"""Terms (in this vault: AWS services) found from the notes' text, with where each is defined.

A candidate is a capitalised phrase after a configured prefix (``Amazon S3``),
one led by a CamelCase word (``MemoryDB for Redis``) or by an acronym
(``EC2 Auto Scaling``). It becomes a term when a heading or a list item
introduces it: the heading *is* the name, or ends with it and its section
mentions it; or a list item is just the name. Spelling variants join one term:
names that differ only by prefix or case, an acronym and its expansion
(``Amazon VPC`` / ``Amazon Virtual Private Cloud``), and the aliases setting.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .outline import Line, ListItem, Outline
from .glossary import Acronym

_PAREN = re.compile(r"\([^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_TRIM = " \t:,.;?!-–—"


@dataclass(frozen=True)
class TermRules:
    prefixes: tuple[str, ...] = ()  # words that lead a term's name (extra.vault.terms.prefixes), e.g. a vendor
    connectors: tuple[str, ...] = ("for",)
    camel_case: bool = True
    acronym_led: bool = True
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical name, variants)

    @classmethod
    def from_mapping(cls, data: dict | None) -> TermRules:
        data = dict(data or {})
        aliases = tuple((str(name), tuple(str(v) for v in variants))
                        for name, variants in (data.pop("aliases", None) or {}).items())
        known = {"prefixes", "connectors", "camel_case", "acronym_led"}
        if set(data) - known:
            raise ValueError(f"extra.vault.terms has unknown settings: {', '.join(sorted(set(data) - known))}")
        for key in ("prefixes", "connectors"):
            if key in data:
                data[key] = tuple(data[key])
        return cls(aliases=aliases, **data)

    def phrase_pattern(self) -> re.Pattern:
        word = r"(?:[A-Z0-9][\w'-]*)"
        joiner = r"[ \t]+" + (rf"(?:(?:{'|'.join(map(re.escape, self.connectors))})[ \t]+)?" if self.connectors else "")
        tail = rf"(?:{joiner}{word})*"
        leads = []
        if self.prefixes:
            leads.append(rf"(?:{'|'.join(map(re.escape, self.prefixes))})[ \t]+{word}{tail}")
        if self.camel_case:
            leads.append(rf"(?:[A-Z][a-z]+[A-Z][\w]*|[A-Z]{{2,}}[a-z][\w]*){tail}")
        if self.acronym_led:
            leads.append(rf"[A-Z][A-Z0-9]+(?:{joiner}{word})+")
        return re.compile(rf"(?<![\w-])(?:{'|'.join(leads)})(?![\w-])")

    def strip_prefix(self, name: str) -> str:
        for prefix in self.prefixes:
            if name.startswith(prefix + " ") and len(name) > len(prefix) + 1:
                return name[len(prefix):].strip()
        return name


@dataclass
class Place:
    note_path: str  # site path of the note
    anchor: str  # section anchor ("" for the top of the note)
    line: int
    label: str  # the heading or list item text


@dataclass
class Term:
    key: str
    name: str
    acronym: str = ""
    names: set[str] = field(default_factory=set)  # every spelling that counts as a mention
    definition: Place | None = None
    summary: str = ""
    summary_line: int = 0  # the note's file line the summary is the first sentence of

    @property
    def title(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym not in self.name else self.name


def core(text: str) -> str:
    """A heading or item reduced to its name: no parentheses, no trailing punctuation."""
    return " ".join(_PAREN.sub(" ", text).strip(_TRIM).removeprefix("the ").split()).strip(_TRIM)


@dataclass
class Phrases:
    """What term finding reads of some outlines: candidate phrases, and the headings and items that may define them.

    Made per outline (``outline_phrases``) and merged in course order (``merge_phrases``), so a rebuild
    reads again only the notes that changed; every table keeps the order one pass over the notes gives.
    """

    spellings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # phrase key -> as written
    in_body: Counter = field(default_factory=Counter)  # phrase key -> times outside headings
    heading_ends: dict[str, list[tuple[Line, Outline, bool]]] = field(default_factory=lambda: defaultdict(list))
    item_cores: dict[str, list[tuple[ListItem, Outline]]] = field(default_factory=lambda: defaultdict(list))


def outline_phrases(outline: Outline, pattern: re.Pattern) -> Phrases:
    """One outline's phrases (``pattern``: ``TermRules.phrase_pattern()``) and its defining headings and items."""
    found = Phrases()
    for line in outline.lines:
        for match in pattern.finditer(_PAREN.sub(lambda m: " " * len(m.group()), line.text)):
            phrase = " ".join(match.group().split())
            found.spellings[phrase.casefold()][phrase] += 1
            found.in_body[phrase.casefold()] += line.heading is None
        if line.heading:
            words = core(line.text.lstrip("#")).casefold().split()
            for start in range(len(words)):
                found.heading_ends[" ".join(words[start:])].append((line, outline, start == 0))
        elif line.item:
            found.item_cores[core(line.item.text).casefold()].append((line.item, outline))
    return found


def merge_phrases(parts: list[Phrases]) -> Phrases:
    """The outlines' phrases as one pass over them in this order would have found them."""
    merged = Phrases()
    for part in parts:
        for key, written in part.spellings.items():
            counter = merged.spellings[key]
            for phrase, count in written.items():
                counter[phrase] += count
        merged.in_body.update(part.in_body)
        for key, places in part.heading_ends.items():
            merged.heading_ends[key].extend(places)
        for key, items in part.item_cores.items():
            merged.item_cores[key].extend(items)
    return merged


def find_terms(outlines: list[Outline], rules: TermRules, acronyms: dict[str, Acronym],
               phrases: list[Phrases] | None = None) -> list[Term]:
    """The vault's terms in alphabetical order, each with its definition and summary.

    ``phrases``: each outline's ``outline_phrases``, when the caller kept them from the last build.
    """
    if phrases is None:
        pattern = rules.phrase_pattern()
        phrases = [outline_phrases(outline, pattern) for outline in outlines]
    merged = merge_phrases(phrases)
    definitions = _definitions(merged, rules)
    return _group(merged.spellings, definitions, rules, acronyms, outlines)


def _definitions(phrases: Phrases, rules: TermRules) -> dict[str, tuple[Place, Line | ListItem, Outline]]:
    spellings, in_body = phrases.spellings, phrases.in_body
    heading_ends, item_cores = phrases.heading_ends, phrases.item_cores
    found = {}
    acronym_led = re.compile(r"^[A-Z][A-Z0-9]+ ")
    for key in spellings:
        example = spellings[key].most_common(1)[0][0]
        if acronym_led.match(example) and not any(example.startswith(p + " ") for p in rules.prefixes) \
                and not in_body[key]:
            continue  # "EC2 Recap" is only a heading, not a name the notes use
        for line, outline, whole in heading_ends.get(key, []):
            if whole or _mentions(outline.section_body(line.heading), key):
                found[key] = (Place(outline.note.site_path, line.heading.anchor, line.number, line.heading.plain),
                              line, outline)
                break
        else:
            for item, outline in item_cores.get(key, []):
                section = next(l.section for l in outline.lines if l.item is item)
                found[key] = (Place(outline.note.site_path, section.anchor if section else "", item.line, item.text),
                              item, outline)
                break
    return found


def _mentions(lines: list[Line], key: str) -> bool:
    needle = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])", re.I)
    return any(needle.search(line.text) for line in lines if not line.heading)


def _group(spellings, definitions, rules: TermRules, acronyms: dict[str, Acronym], outlines) -> list[Term]:
    alias_of = {variant.casefold(): name for name, variants in rules.aliases for variant in variants}
    expansions = {acr: a.expansion for acr, a in acronyms.items()}

    def group_key(phrase: str) -> str:
        phrase = alias_of.get(phrase.casefold(), phrase)
        short = rules.strip_prefix(phrase)
        short = expansions.get(short, short)
        return rules.strip_prefix(short).casefold()

    groups: dict[str, list[str]] = defaultdict(list)
    for key in spellings:
        groups[group_key(key_spelling(spellings, key))].append(key)
    outline_of = {o.note.site_path: o for o in outlines}
    acronym_of: dict[str, str] = {}  # expansion's group key -> acronym (first defined wins)
    for acr, expansion in expansions.items():
        acronym_of.setdefault(rules.strip_prefix(expansion).casefold(), acr)
    terms = []
    for gkey, keys in groups.items():
        defined = [k for k in keys if k in definitions]
        if not defined:
            continue
        first = min(defined, key=lambda k: _definition_rank(definitions[k]))
        place, source, outline = definitions[first]
        canonical = next((n for n, variants in rules.aliases if group_key(n) == gkey), None)
        names = {spelling for k in keys for spelling in spellings[k]} | ({canonical} if canonical else set())
        term = Term(gkey, canonical or _display_name(keys, spellings, rules), names=names, definition=place)
        term.acronym = acronym_of.get(gkey, "")
        term.summary, term.summary_line = _summary(source, outline_of[place.note_path])
        terms.append(term)
    return sorted(terms, key=lambda t: rules.strip_prefix(t.name).casefold())


def key_spelling(spellings, key: str) -> str:
    return spellings[key].most_common(1)[0][0]


def _definition_rank(definition) -> tuple:
    place, source, _ = definition
    return (not isinstance(source, Line), place.note_path, place.line)


def _display_name(keys: list[str], spellings, rules: TermRules) -> str:
    """The longest name of the group (an expansion beats its acronym), spelled as written most often."""
    def rank(k: str) -> tuple:
        written = key_spelling(spellings, k)
        return (len(rules.strip_prefix(written).split()) > 1, rules.strip_prefix(written) != written,
                sum(spellings[k].values()), len(k))

    best = max(keys, key=rank)
    return max(spellings[best].items(), key=lambda item: (item[1], sum(c.isupper() for c in item[0])))[0]


def _summary(source, outline: Outline) -> tuple[str, int]:
    """(the first sentence the notes give the term, its file line): under its heading, or in its list item's first child."""
    if isinstance(source, Line):
        texts = [(l.item.text if l.item else l.text.strip(), l.number) for l in outline.section_body(source.heading)
                 if not l.heading]
    else:
        texts = [(child.text, child.line) for child in source.children] or [(core(source.text), source.line)]
    for text, line in texts:
        text = text.strip(" \t-")
        if text and not text.endswith(":"):
            return _SENTENCE_END.split(text, 1)[0], line
    return "", 0
