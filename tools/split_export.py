"""Split an export of several Obsidian notes run together into one file per note.

Each note starts at a top-level ``# `` heading (the first note may start
without one). A note's lines are written exactly as they are in the export;
the only addition is an ``order`` property, so the site keeps the export's
order. Run once when importing; the build never calls it.

    python tools/split_export.py tests/fixtures/seed-export.txt docs/
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Characters Obsidian does not allow in a note's file name.
_FORBIDDEN_IN_NAME = re.compile(r'[*"\\/<>:|?]')
_TOP_HEADING = re.compile(r"^# (?P<title>.+)$")
_ANY_HEADING = re.compile(r"^#{1,6} +(?P<title>.+)$")


@dataclass(frozen=True)
class ExportedNote:
    title: str
    lines: list[str]


def note_title(line: str) -> str:
    """The note name a heading line gives, as Obsidian would accept it as a file name."""
    match = _ANY_HEADING.match(line.rstrip("\r\n"))
    if not match:
        raise ValueError(f"not a heading: {line!r}")
    return _FORBIDDEN_IN_NAME.sub(" ", match["title"]).strip()


def split_export(text: str) -> list[ExportedNote]:
    """The notes of an export, in order; every line of ``text`` lands in exactly one note."""
    notes: list[ExportedNote] = []
    for line in text.splitlines(keepends=True):
        if _TOP_HEADING.match(line.rstrip("\r\n")) or not notes:
            notes.append(ExportedNote(note_title(line), []))
        notes[-1].lines.append(line)
    return notes


def write_notes(notes: list[ExportedNote], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for order, note in enumerate(notes, start=1):
        path = folder / f"{note.title}.md"
        body = "".join(note.lines)
        path.write_text(f"---\norder: {order}\n---\n{body}", encoding="utf-8", newline="")
        written.append(path)
    return written


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    for path in write_notes(split_export(source.read_text(encoding="utf-8")), target):
        print(path)
