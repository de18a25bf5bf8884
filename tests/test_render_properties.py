"""Property-based tests of the page renderer: only wikilinks, embeds and comments change."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from vaultlib.syntax.code import split_code
from vaultlib.index.vault import VaultIndex, VaultRoot
from vaultlib.render.note_render import PageRender
from vaultlib.index.resolver import Resolver
from vaultlib.syntax.grammar import WIKILINK
from sitebuild import SITE_PATHS, TOC_IDS

VAULT = Path(__file__).parent / "fixtures" / "tiny-vault"
INDEX = VaultIndex.scan([VaultRoot(VAULT)], TOC_IDS)
NOTE = INDEX.notes[0]

pieces = st.sampled_from(["a", "b", " ", "\n", "\t", "-", "#", "*", "|", "é", "&", "%", "`", "```\n", "[x](y)",
                          "[[Other]]", "![[pic.png]]", "[[Other#Top|t]]", "[[missing]]", "![[gone.png|20]]",
                          "> ", "1. ", "$", "(", ")"])
texts = st.lists(pieces, max_size=40).map("".join)


def render(text: str) -> str:
    return PageRender(Resolver(INDEX), NOTE, "note/", SITE_PATHS).render(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_renderer_never_raises_and_keeps_code(text):
    result = render(text)
    assert [c for is_code, c in split_code(text) if is_code] == [c for is_code, c in split_code(result) if is_code]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_text_outside_wikilinks_is_unchanged(text):
    if "%%" in text or "^" in text or "<" in text:
        return
    result = render(text)
    position = 0
    for piece in WIKILINK.split(text)[::3]:  # split keeps two groups per match
        found = result.find(piece, position)
        assert found >= 0, (piece, result)
        position = found + len(piece)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="[]%^<!`$\\\r"), max_size=200))
def test_plain_text_passes_through_unchanged(text):
    assert render(text) == text
