"""Every card and quiz question of the Study page, from the cross-reference model and the notes.

Cards from the model, for any vault: each acronym both ways, each term with the
summary of where it is introduced, each use case with what it belongs to. Cards
the student wrote come from ``syntax``. Each card keeps the note and section it
came from; its text stays the note's Markdown (a ``Quote``), rendered later by
the notes' renderer. Ids are hashes of what a card asks, so progress kept in a
browser follows a card across builds while its text is unchanged.
"""
from __future__ import annotations

import bisect
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..index.vault import Note, VaultIndex
from ..render.quotes import Quote, line_quote
from ..xref.model import CrossReference
from .syntax import FLASHCARD_TAG, Side, flashcard_tags, parse_cards

# Decks of the cards made from the model, by kind of card.
MODEL_DECKS = {"acronym": "Acronyms", "expansion": "Acronyms", "term": "Terms", "use-case": "Use cases"}
CHOICES = 4  # options of a quiz question: the answer and up to three distractors


@dataclass(frozen=True)
class StudyCard:
    id: str
    kind: str  # "acronym", "expansion", "term", "use-case" (model); "basic", "reversed", "cloze" (written)
    deck: str  # a MODEL_DECKS name, or the student's deck tag (flashcards/...)
    note_path: str  # where it came from, and the section's anchor there
    anchor: str
    front: tuple[Quote, ...]  # one quote per line of the side
    back: tuple[Quote, ...]
    tags: tuple[str, ...]  # the note's tags, and every deck tag of a written card

    @property
    def written(self) -> bool:
        return self.kind not in MODEL_DECKS


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "use-case" or "acronym"
    stem: Quote  # what is asked about: the use case, or the acronym
    options: tuple[Quote, ...]
    answer: int  # index of the right option
    note_path: str
    anchor: str


def card_id(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _anchor(note: Note, line: int) -> str:
    heading = note.content.section_at(line)
    return heading.anchor if heading else ""


def model_cards(index: VaultIndex, xref: CrossReference, tags: dict[str, list[str]]) -> list[StudyCard]:
    """Acronym <-> expansion, term -> summary, use case -> owner, in the order the model lists them."""
    cards: list[StudyCard] = []

    def add(kind: str, note_path: str, anchor: str, front: Quote, back: Quote) -> None:
        key = card_id(kind, note_path, front.text, back.text)
        cards.append(StudyCard(key, kind, MODEL_DECKS[kind], note_path, anchor, (front,), (back,),
                               tuple(tags.get(note_path, ()))))

    for acronym in xref.acronyms.values():
        short = Quote(acronym.note_path, acronym.line, acronym.acronym)
        full = Quote(acronym.note_path, acronym.line, acronym.expansion)
        add("acronym", acronym.note_path, acronym.anchor, short, full)
        add("expansion", acronym.note_path, acronym.anchor, full, short)
    for term in xref.terms:
        place = term.definition
        if not term.summary or place is None:
            continue
        note = index.note_by_site_path[place.note_path]
        add("term", place.note_path, place.anchor, Quote(place.note_path, place.line, term.title),
            line_quote(note, term.summary_line))
    for case in xref.use_cases:
        note = index.note_by_site_path[case.note_path]
        add("use-case", case.note_path, case.anchor, line_quote(note, case.line, sentence=False),
            Quote(case.note_path, case.line, case.owner))
    return cards


def written_cards(index: VaultIndex, tags: dict[str, list[str]], tag: str = FLASHCARD_TAG) -> list[StudyCard]:
    """The cards of every note tagged ``#flashcards`` (or a sub-tag), in course order."""
    cards: list[StudyCard] = []
    for note in index.notes:
        note_tags = tags.get(note.site_path, [])
        decks = flashcard_tags(note_tags, tag)
        if not decks:
            continue
        content = note.content
        for card in parse_cards(content.body, content.body_line, decks, tag):
            front, back = _quotes(note, card.front), _quotes(note, card.back)
            key = card_id(card.kind, note.site_path, card.front.text, card.back.text)
            card_tags = tuple(dict.fromkeys(list(note_tags) + list(card.decks)))
            cards.append(StudyCard(key, card.kind, card.decks[0] if card.decks else decks[0], note.site_path,
                                   _anchor(note, card.line), front, back, card_tags))
    return cards


def _quotes(note: Note, side: Side) -> tuple[Quote, ...]:
    return tuple(Quote(note.site_path, line, text) for line, text in side.lines)


def all_cards(index: VaultIndex, xref: CrossReference, tags: dict[str, list[str]]) -> list[StudyCard]:
    """Model cards, then written ones; a card asked twice (same note, kind and text) is kept once."""
    unique: dict[str, StudyCard] = {}
    for card in model_cards(index, xref, tags) + written_cards(index, tags):
        unique.setdefault(card.id, card)
    return list(unique.values())


def quiz_questions(xref: CrossReference, index: VaultIndex) -> list[Question]:
    """Multiple choice: which owner fits each use case, what each acronym stands for.

    Distractors are other answers of the same kind (other owners, other expansions),
    picked with a generator seeded by the question, so a build is reproducible.
    """
    questions: list[Question] = []
    owners: dict[str, Quote] = {}  # casefolded owner -> its first quote
    for case in xref.use_cases:
        owners.setdefault(case.owner.casefold(), Quote(case.note_path, case.line, case.owner))
    owner_keys = sorted(owners)
    for case in xref.use_cases:
        note = index.note_by_site_path[case.note_path]
        stem = line_quote(note, case.line, sentence=False)
        question = _question("use-case", stem, case.owner.casefold(), owners, case.note_path, case.anchor, owner_keys)
        if question:
            questions.append(question)
    expansions = {a.expansion.casefold(): Quote(a.note_path, a.line, a.expansion) for a in xref.acronyms.values()}
    expansion_keys = sorted(expansions)
    for acronym in xref.acronyms.values():
        stem = Quote(acronym.note_path, acronym.line, acronym.acronym)
        question = _question("acronym", stem, acronym.expansion.casefold(), expansions, acronym.note_path,
                             acronym.anchor, expansion_keys)
        if question:
            questions.append(question)
    return questions


class _Without(Sequence):
    """A sorted list with one value left out, without copying it: ``random.sample`` only indexes its population,
    so sampling from this view picks what sampling from the copy would (a copy per question was quadratic)."""

    def __init__(self, ordered: list[str], left_out: str) -> None:
        self.ordered = ordered
        position = bisect.bisect_left(ordered, left_out)
        self.gap = position if position < len(ordered) and ordered[position] == left_out else len(ordered)

    def __len__(self) -> int:
        return len(self.ordered) - (self.gap < len(self.ordered))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.ordered[index + (index >= self.gap)]


def _question(kind: str, stem: Quote, right: str, answers: dict[str, Quote], note_path: str,
              anchor: str, ordered: list[str] | None = None) -> Question | None:
    """The question with up to three distractors; None when there is nothing to choose from.

    ``ordered``: ``sorted(answers)``, made once for all the questions.
    """
    others = _Without(ordered if ordered is not None else sorted(answers), right)
    if not others or not stem.text.strip():
        return None
    key = card_id("quiz", kind, note_path, stem.text, right)
    rng = random.Random(key)
    keys = rng.sample(others, min(CHOICES - 1, len(others))) + [right]
    rng.shuffle(keys)
    return Question(key, kind, stem, tuple(answers[k] for k in keys), keys.index(right), note_path, anchor)
