"""A synthetic Obsidian vault, the same for the same seed: for benchmarks of the build.

    python bench/make_vault.py OUT_DIR --notes 1000 [--seed 7] [--layout big-folder|nested]

N notes in nested folders (by default half of them in one folder, `people/`,
as real vaults have; `--layout nested` spreads them), about 20 wikilinks each (to notes, headings, blocks
and aliases), 3 image embeds (one in three missing), some repeated file names,
callouts, code blocks, lists right under paragraph lines, service-like terms
with acronyms, and use-case lists, so every part of the build has work to do.
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082")
WORDS = ("data cloud storage network compute queue cache stream model pipeline index backup region "
         "cluster function event policy bucket gateway").split()
SERVICE_WORDS = "Widget Gadget Sprocket Lattice Beacon Harbor Quarry Meadow Prism Falcon".split()


def service(i: int) -> tuple[str, str]:
    """A service-like name with an acronym, e.g. ("Amazon Widget Lattice Store", "WLS7")."""
    first, second = SERVICE_WORDS[i % 10], SERVICE_WORDS[(i // 10) % 10]
    return f"Amazon {first} {second} Store{i}", f"{first[0]}{second[0]}S{i}"


LAYOUTS = ("big-folder", "nested")
BIG_FOLDER = "people"  # real vaults have one folder of half their notes: people, plugins, daily notes


def note_path(i: int, n: int, layout: str = "big-folder") -> str:
    """Where note i goes: nested folders up to 3 deep; with "big-folder", every other note in one folder."""
    depth = i % 3
    folders = [f"area {i % 7}", f"topic {i % 5}", f"part {i % 4}"][:depth]
    if layout == "big-folder" and i % 2:
        folders = [BIG_FOLDER]
    name = f"Note {i}" if i % 50 else f"Shared name {i % 3}"  # repeated names across folders
    return "/".join(folders + [f"{name}.md"])


def sentence(rng: random.Random, words: int = 9) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def note_text(i: int, n: int, rng: random.Random) -> str:
    name, acronym = service(i)
    links = []
    for k in range(20):
        j = rng.randrange(n - 1)
        j = j if j % 50 else j + 1  # every 50th note has a repeated name: link to its neighbour
        kind = k % 4
        if kind == 0:
            links.append(f"[[Note {j}]]")
        elif kind == 1:
            links.append(f"[[Note {j}#Section two]]")
        elif kind == 2:
            links.append(f"[[Note {j}#^block{j}]]")
        else:
            links.append(f"[[Alias {j}|see this]]")
    lines = [
        "---", f"aliases: [Alias {i}]", f"order: {i}", "---", f"# Note {i}", sentence(rng),
        f"{name} ({acronym}) handles {rng.choice(WORDS)} work. ^block{i}",
        "", f"## {name}", f"- {name} is a managed {rng.choice(WORDS)} service for {rng.choice(WORDS)}.",
        "- Use cases:", f"\t- {sentence(rng, 4)}", f"\t- {sentence(rng, 5)}",
        f"- Works with {service((i + 1) % n)[0]} and {service((i + 7) % n)[0]}.",
        "", "## Section two", "A paragraph line right above a list:", *(f"- {l} {sentence(rng, 4)}" for l in links[:10]),
        "", " ".join(links[10:]), "", f"![[figure {i}.png]]", f"![[figure {i}b.png|300]]",
        f"![[missing {i}.png]]", "", "> [!note] A callout", f"> {sentence(rng)}", "",
        "```python", f"print('[[not a link {i}]]')", "```", "", "1. First step", "2. Second step",
        f"\t- {sentence(rng, 6)}", "", f"Mentions {acronym} and {service((i + 3) % n)[1]} again. %% a comment %%",
    ]
    return "\n".join(lines) + "\n"


def make_vault(out: Path, notes: int, seed: int = 7, layout: str = "big-folder") -> Path:
    """Write the vault (docs/ and assets/) under ``out``; returns ``out``."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    rng = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    for i in range(notes):
        path = out / "docs" / note_path(i, notes, layout)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(note_text(i, notes, rng), encoding="utf-8")
        for image in (f"figure {i}.png", f"figure {i}b.png"):
            if i % 3:  # one note in three has none of its images
                target = out / "assets" / f"set {i % 10}" / image
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(PNG)
    (out / "assets").mkdir(parents=True, exist_ok=True)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=250)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--layout", choices=LAYOUTS, default="big-folder")
    args = parser.parse_args()
    print(make_vault(args.out, args.notes, args.seed, args.layout))
