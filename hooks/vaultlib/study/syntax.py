"""Cards the student wrote, in the Obsidian Spaced Repetition plugin's syntax.

The plugin's defaults are followed (docs: st3v3nmw/obsidian-spaced-repetition,
docs/docs/en/flashcards/): only notes tagged ``#flashcards`` or a sub-tag give
cards; a tag line sets the deck of the cards after it, a tag at the start of a
card's first line is that card's own; ``front::back`` (one card),
``front:::back`` (two, both directions); several lines, a line holding ``?``
(``??`` for both directions), several lines, each side ending at a blank line;
``==highlights==`` are clozes, one card per deletion. Nothing inside fenced or
inline code counts. Not followed: custom separators, folder decks, numbered
clozes and cloze hints (``[^1]``, ``^[hint]``), cards with blank lines.

Every pattern of the card syntax is in ``syntax/grammar.py`` (its flashcards section).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..syntax.code import fenced_line_flags, inline_code_spans
from ..syntax.grammar import (CLOZE, HEADING_MARKS, INLINE_TAG, LEADING_TAGS, LINE_LEAD, MULTI_LINE_SEPARATOR,
                              SCHEDULE_COMMENT, SINGLE_LINE_SEPARATOR, TAG_LINE)

FLASHCARD_TAG = "flashcards"  # the plugin's default deck tag; a sub-tag (flashcards/x) names a deck

MAX_CLOZES = 50  # deletions per line: each is a card holding the whole line, so more would grow as their square

CLOZE_GAP = "&#91;…&#93;"  # what the front shows instead of a deletion (entities: "\\[" opens math)


@dataclass(frozen=True)
class Side:
    """One side of a card: the note's Markdown by file line (several lines for a multi-line card)."""

    lines: tuple[tuple[int, str], ...]  # (file line, Markdown)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


@dataclass(frozen=True)
class WrittenCard:
    kind: str  # "basic", "reversed" (the way back of a two-way card), "cloze"
    front: Side
    back: Side
    line: int  # file line the card starts on
    decks: tuple[str, ...]  # flashcards tags, e.g. ("flashcards/aws",)


def flashcard_tags(tags: list[str], tag: str = FLASHCARD_TAG) -> list[str]:
    """The deck tags among a note's tags: ``flashcards`` and its sub-tags (case-insensitive, as Obsidian)."""
    wanted = tag.casefold()
    return [t for t in tags if t.casefold() == wanted or t.casefold().startswith(wanted + "/")]


def masked(line: str) -> str:
    """The line with inline code blanked out (same length), so no separator is found inside it."""
    spans = inline_code_spans(line)
    if not spans:
        return line
    out, position = [], 0
    for start, end in spans:
        out += [line[position:start], "\0" * (end - start)]
        position = end
    return "".join(out + [line[position:]])


def line_text(line: str) -> str:
    """A line's text without its block markup or a scheduling comment."""
    return SCHEDULE_COMMENT.sub("", HEADING_MARKS.sub("", LINE_LEAD.sub("", line, count=1))).strip()


def parse_cards(body: str, body_line: int, note_decks: list[str], tag: str = FLASHCARD_TAG) -> list[WrittenCard]:
    """The cards written in a note's body (comments already stripped), in reading order.

    ``note_decks`` are the note's flashcard tags (property and inline); the first
    is the deck of cards above any tag line. CRLF and a BOM read as plain line ends.
    """
    lines = [line.rstrip("\r") for line in body.removeprefix("\ufeff").split("\n")]
    fenced = fenced_line_flags(lines)
    blocks = _multi_line_blocks(lines, fenced)  # first, so their lines are not read as one-line cards
    used = {row for above, separator, below in blocks.values() for row in (*above, separator, *below)}
    deck = tuple(note_decks[:1])
    cards: list[WrittenCard] = []
    for number, line in enumerate(lines):
        if number in blocks:
            cards += _multi_line(lines, blocks[number], body_line, deck, tag)
        if fenced[number] or number in used:
            continue
        if "#" in line and TAG_LINE.match(line):
            deck = tuple(flashcard_tags(INLINE_TAG.findall(line), tag)) or deck
            continue
        if "::" in line or "==" in line:  # every one-line card has one of these; most lines have neither
            cards += _one_line(line, body_line + number, deck, tag)
    return cards


def _own_decks(text: str, deck: tuple[str, ...], tag: str) -> tuple[str, tuple[str, ...]]:
    """(text without leading tags, its decks): leading flashcard tags are the card's own decks."""
    match = LEADING_TAGS.match(text)
    if not match:
        return text, deck
    own = tuple(flashcard_tags(INLINE_TAG.findall(match["tags"]), tag))
    return (text[match.end():], own) if own else (text, deck)


def _one_line(line: str, line_number: int, deck: tuple[str, ...], tag: str) -> list[WrittenCard]:
    text = line_text(line)
    if not text:
        return []
    text, decks = _own_decks(text, deck, tag)
    hidden = masked(text)
    separator = SINGLE_LINE_SEPARATOR.search(hidden)
    if separator:
        front, back = text[: separator.start()].strip(), text[separator.end():].strip()
        if not front or not back:
            return []
        one, other = Side(((line_number, front),)), Side(((line_number, back),))
        cards = [WrittenCard("basic", one, other, line_number, decks)]
        if separator["colons"] == ":::":
            cards.append(WrittenCard("reversed", other, one, line_number, decks))
        return cards
    return _clozes(text, hidden, line_number, decks)


def _clozes(text: str, hidden: str, line_number: int, decks: tuple[str, ...]) -> list[WrittenCard]:
    """One card per ``==deletion==``: the front hides it, the back is the whole line."""
    deletions = []
    for match in CLOZE.finditer(hidden):
        deletions.append(match)
        if len(deletions) > MAX_CLOZES:
            return []  # not a card the plugin's users write: a line of highlights, not of questions
    back = Side(((line_number, text),))
    cards = []
    for match in deletions:
        front = text[: match.start()] + CLOZE_GAP + text[match.end():]
        cards.append(WrittenCard("cloze", Side(((line_number, front),)), back, line_number, decks))
    return cards


Block = tuple[list[int], int, list[int]]  # rows above the separator, its row, rows below


def _multi_line_blocks(lines: list[str], fenced: list[bool]) -> dict[int, Block]:
    """Each multi-line card by its first row: the lines touching a separator line above and below it."""
    blocks: dict[int, Block] = {}
    taken: set[int] = set()

    def side(rows: range) -> list[int]:
        found = []
        for row in rows:
            line = lines[row]
            if fenced[row] or row in taken or not line_text(line) or TAG_LINE.match(line) \
                    or MULTI_LINE_SEPARATOR.match(line) or SINGLE_LINE_SEPARATOR.search(masked(line)):
                # a side ends at a blank line, a tag line, code, or another card's line
                break
            found.append(row)
        return found

    for number, line in enumerate(lines):
        if "?" not in line or fenced[number] or number in taken or not MULTI_LINE_SEPARATOR.match(line):
            continue
        above, below = sorted(side(range(number - 1, -1, -1))), side(range(number + 1, len(lines)))
        if above and below:
            blocks[above[0]] = (above, number, below)
            taken.update(above + below + [number])
    return blocks


def _multi_line(lines: list[str], block: Block, body_line: int, deck: tuple[str, ...],
                tag: str) -> list[WrittenCard]:
    above, separator, below = block
    first, decks = _own_decks(line_text(lines[above[0]]), deck, tag)
    front = Side(((body_line + above[0], first),) + tuple((body_line + r, line_text(lines[r])) for r in above[1:]))
    back = Side(tuple((body_line + r, line_text(lines[r])) for r in below))
    start = body_line + above[0]
    cards = [WrittenCard("basic", front, back, start, decks)]
    if MULTI_LINE_SEPARATOR.match(lines[separator])["marks"] == "??":
        cards.append(WrittenCard("reversed", back, front, start, decks))
    return cards
