"""Every Study card as an Anki package (.apkg), written with genanki (a zip holding a SQLite collection).

Fields are the cards' text as a reader sees it (``plain_text`` of the Markdown),
HTML-escaped: Anki shows fields as HTML, and nothing from a vault may become markup
there. One note type (Front, Back, Source); a deck per Study deck under the site's
name (``Site::Acronyms``); the note's tags and the card's kind as Anki tags.
Ids are hashes of the site name and the card id, so a re-import updates the cards.
"""
from __future__ import annotations

import hashlib
import html
import io
import os
import re
import tempfile
import zipfile

import genanki

from ..index.vault import VaultIndex
from ..render.quotes import Quote
from ..syntax.plain_text import plain_text
from .cards import StudyCard
from ..syntax.grammar import DISPLAY_MATH, INLINE_MATH

_TAG_UNSAFE = re.compile(r"[\s\"]+")  # Anki tags are space separated; a quote breaks its search syntax
_DECK_UNSAFE = re.compile(r"::+")  # '::' nests decks in Anki: a deck name keeps it as one level


def _number(*parts: str) -> int:
    """A stable 31-bit id (Anki's ids are signed 64-bit; genanki's examples use this range)."""
    digest = hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % (1 << 31) + (1 << 30)


def field_html(quotes: tuple[Quote, ...]) -> str:
    """A side as Anki field HTML: the text a reader sees, escaped, lines as breaks, math for Anki's MathJax."""
    return "<br>".join(html.escape(anki_math(plain_text(quote.text)), quote=True) for quote in quotes)


def anki_math(text: str) -> str:
    """``$$x$$`` and ``$x$`` as Anki writes math: ``\\[x\\]`` and ``\\(x\\)``."""
    text = DISPLAY_MATH.sub(lambda m: f"\\[{m['tex']}\\]", text)
    return INLINE_MATH.sub(lambda m: f"\\({m['tex']}\\)", text)


def anki_tag(tag: str) -> str:
    return _TAG_UNSAFE.sub("_", tag.strip())


def note_type(site_name: str) -> genanki.Model:
    return genanki.Model(
        _number(site_name, "model"), f"{site_name} card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{"name": "Card", "qfmt": "{{Front}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p class="source">{{Source}}</p>'}],
        css=".card { font-family: sans-serif; font-size: 20px; } .source { font-size: 14px; opacity: .7; }")


FIXED_TIME = 946684800.0  # 2000-01-01: the collection's times, so two builds of a vault give the same file


def _repacked(path: str) -> bytes:
    """The package with fixed entry dates (genanki's zip takes the clock's), so the bundle is reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as written, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fixed:
        for entry in written.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            fixed.writestr(info, written.read(entry))
    return out.getvalue()


def anki_package(cards: list[StudyCard], index: VaultIndex, site_name: str) -> bytes:
    """The .apkg file's bytes: one Anki note per card."""
    model = note_type(site_name)
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        name = f"{_DECK_UNSAFE.sub(':', site_name)}::{_DECK_UNSAFE.sub(':', card.deck)}"
        deck = decks.setdefault(name, genanki.Deck(_number(site_name, "deck", card.deck), name))
        note = index.note_by_site_path[card.note_path]
        tags = [anki_tag(t) for t in card.tags if anki_tag(t)] + [f"study::{card.kind}"]
        deck.add_note(genanki.Note(model=model, fields=[field_html(card.front), field_html(card.back),
                                                        html.escape(note.title, quote=True)],
                                   tags=list(dict.fromkeys(tags)), guid=genanki.guid_for(site_name, card.id)))
    handle, path = tempfile.mkstemp(suffix=".apkg")
    os.close(handle)
    try:
        genanki.Package(list(decks.values())).write_to_file(path, timestamp=FIXED_TIME)
        return _repacked(path)
    finally:
        os.remove(path)
