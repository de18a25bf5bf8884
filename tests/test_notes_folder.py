"""docs/ holds the export's notes exactly: every line of it in exactly one note, in order."""
from __future__ import annotations

from split_export import split_export
from test_real_notes import SEED, TITLES
from sitebuild import ROOT


def test_every_seed_line_is_in_exactly_one_note_in_order():
    seed_lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    joined = []
    for order, title in enumerate(TITLES, start=1):
        text = (ROOT / "docs" / f"{title}.md").read_text(encoding="utf-8")
        front_matter = f"---\norder: {order}\n---\n"
        assert text.startswith(front_matter), title
        joined += text[len(front_matter):].splitlines(keepends=True)
    assert joined == seed_lines
    assert sorted(p.stem for p in (ROOT / "docs").glob("*.md")) == sorted(TITLES)


def test_split_export_keeps_every_line():
    text = SEED.read_text(encoding="utf-8")
    notes = split_export(text)
    assert [n.title for n in notes] == TITLES
    assert "".join("".join(n.lines) for n in notes) == text
    assert "Sampel ML Pipeline" in "".join(notes[7].lines)
