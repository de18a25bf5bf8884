"""The Study page's Markdown: every card and quiz question, rendered by the notes' renderer.

The cards are page content (MkDocs renders them, the sanitizer cleans them),
kept out of the search index (``data-search-exclude``: they repeat the notes).
Without a script they read as a list of questions and answers; study.js builds
the review and the quiz from these elements, moving them, never re-parsing text.
Vault strings are rendered by ``Quoter`` or escaped by ``inert_text``; the only
attribute values are card ids (hex) and kinds (this module's own words).
"""
from __future__ import annotations

from collections import Counter

from ..index.vault import VaultIndex
from ..pages.reference import heading_text, where
from ..render.escape import inert_text
from ..render.quotes import Quote, Quoter
from ..render.site_paths import SitePaths
from .cards import MODEL_DECKS, Question, StudyCard

STUDY = "reference/study.md"
ANKI_PACKAGE = "assets/vault/study-cards.apkg"  # written by the build (hooks/study_mode.py)
KIND_LABELS = {"acronym": "acronym → expansion", "expansion": "expansion → acronym", "term": "term → what it is",
               "use-case": "use case → what fits", "basic": "your card", "reversed": "your card, reversed",
               "cloze": "cloze"}


def study_page_markdown(index: VaultIndex, cards: list[StudyCard], questions: list[Question], quoter: Quoter,
                        paths: SitePaths, title: str = "Study", page: str = STUDY) -> str:
    kinds = Counter(MODEL_DECKS.get(card.kind, "Your cards") for card in cards)
    summary = ", ".join(f"{count} {inert_text(name.lower())}" for name, count in kinds.items())
    lines = [f"# {title}", "",
             f"{len(cards)} flashcards from the notes ({summary or 'none yet'}) and {len(questions)} quiz "
             "questions. Pick a deck, show the answer (Space), then grade how well you knew it: "
             "1 again, 2 hard, 3 good, 4 easy. Your progress stays in this browser.", ""]
    if cards:
        lines += [f"[Download every card for Anki (.apkg)]({paths.markdown_path(ANKI_PACKAGE, page)}){{ download }}", ""]
    # A <section>, not a <div>: Material's search parser compares elements by tag, so the first inner
    # </div> would end a <div>'s exclusion (material/plugins/search/plugin.py, handle_endtag).
    lines += ['<section class="vault-study" data-vault-study="" data-search-exclude="" markdown>', ""]
    for card in cards:
        lines += _card(index, quoter, card, page)
    lines += ["</section>", ""]
    if questions:
        lines += ["## Self-quiz", "",
                  "Multiple choice from the notes: which one fits each use case, and what each acronym stands for.",
                  "", '<section class="vault-quiz" data-vault-quiz="" data-search-exclude="" markdown>', ""]
        for question in questions:
            lines += _question(index, quoter, question, page)
        lines += ["</section>", ""]
    return "\n".join(lines)


def _side(quoter: Quoter, quotes: tuple[Quote, ...], page: str) -> str:
    """A side's lines, each rendered on its own (nl2br turns the line ends into breaks)."""
    return "\n".join(quoter.render(quote, page) for quote in quotes)


def _source(quoter: Quoter, note_path: str, anchor: str, page: str) -> str:
    index = quoter.index
    return where(index, quoter.paths, note_path, anchor, heading_text(index.note_by_site_path[note_path], anchor), page)


def _card(index: VaultIndex, quoter: Quoter, card: StudyCard, page: str) -> list[str]:
    note = index.note_by_site_path[card.note_path]
    return [f'<div class="vault-study__card" data-vault-card="{card.id}" data-vault-kind="{card.kind}" markdown>', "",
            f'<p class="vault-study__meta"><span class="vault-study__deck">{inert_text(card.deck)}</span> · '
            f'<span class="vault-study__note">{inert_text(note.title)}</span> · '
            f'<span class="vault-study__kind">{KIND_LABELS[card.kind]}</span></p>', "",
            '<div class="vault-study__front" markdown>', "", _side(quoter, card.front, page), "", "</div>", "",
            '<div class="vault-study__back" markdown>', "", _side(quoter, card.back, page), "", "</div>", "",
            '<div class="vault-study__source" markdown>', "",
            f"From {_source(quoter, card.note_path, card.anchor, page)}", "", "</div>", "", "</div>", ""]


def _question(index: VaultIndex, quoter: Quoter, question: Question, page: str) -> list[str]:
    stem = quoter.render(question.stem, page)
    asked = f"Which fits: {stem}?" if question.kind == "use-case" else f"What does **{stem}** stand for?"
    lines = [f'<div class="vault-quiz__question" data-vault-question="{question.id}" data-vault-answer="{question.answer}" '
             "markdown>", "", '<div class="vault-quiz__stem" markdown>', "", asked, "", "</div>", ""]
    for option in question.options:
        lines += ['<div class="vault-quiz__option" markdown>', "", quoter.render(option, page), "", "</div>", ""]
    lines += ['<div class="vault-quiz__source" markdown>', "",
              f"From {_source(quoter, question.note_path, question.anchor, page)}", "", "</div>", "", "</div>", ""]
    return lines
