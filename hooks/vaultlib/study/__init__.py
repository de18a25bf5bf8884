"""Study mode: flashcards and a self-quiz from the notes, and their Anki export.

``syntax`` reads the cards students write (Spaced Repetition plugin syntax),
``cards`` makes every card and quiz question (model and written), ``page`` the
Study page's Markdown, ``anki`` the .apkg. study.js (overrides/) schedules
reviews in the browser with FSRS (ts-fsrs).
"""
from __future__ import annotations

from ..index.vault import VaultIndex
from ..xref.model import CrossReference
from .cards import Question, StudyCard, all_cards, quiz_questions
from .page import ANKI_PACKAGE, STUDY, study_page_markdown

__all__ = ("ANKI_PACKAGE", "STUDY", "study_material", "study_page_markdown")


def study_material(index: VaultIndex, xref: CrossReference,
                   tags: dict[str, list[str]]) -> tuple[list[StudyCard], list[Question]]:
    """(cards, quiz questions) of the vault; ``tags`` are each note's tags (NoteRecord.tags) by site path."""
    return all_cards(index, xref, tags), quiz_questions(xref, index)

