"""Bases over a synthetic vault: the rows (made once per build) and one base rendered for a page.

    .venv/bin/python bench/bases.py [--notes 400]

Writes N notes with properties, tags and links to a temporary folder, indexes it, then prints
milliseconds for: making every row, a base with a filter, two formulas, a grouped and sorted
table with summaries, a list and cards view over all rows, and that base again (rows reused).
Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks")]

from markdown.extensions.toc import slugify  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from vaultlib.bases import VaultRows, render_base_file  # noqa: E402
from vaultlib.index.resolver import Resolver  # noqa: E402
from vaultlib.index.vault import VaultIndex, VaultRoot  # noqa: E402
from vaultlib.render.heading_ids import HeadingIds  # noqa: E402
from vaultlib.render.site_paths import SitePaths  # noqa: E402

BASE = """filters:
  and:
    - file.hasTag("course")
    - not: [file.inFolder("archive")]
formulas:
  total: "price * level"
  label: 'if(price > 50, "dear", "cheap") + " " + file.basename.lower()'
views:
  - type: table
    name: All
    order: [file.name, status, price, formula.total, formula.label]
    sort: [{property: price, direction: DESC}]
    groupBy: {property: status, direction: ASC}
    summaries: {price: Average, formula.total: Sum}
  - type: list
    name: List
    order: [file.name, price]
    limit: 50
  - type: cards
    name: Cards
    order: [file.name, status]
"""


def write_vault(folder: Path, notes: int) -> None:
    for number in range(notes):
        sub = folder / ("archive" if number % 10 == 0 else f"topic{number % 7}")
        sub.mkdir(exist_ok=True)
        (sub / f"Note {number}.md").write_text(
            f"---\nstatus: {['open', 'done', 'later'][number % 3]}\nprice: {number % 97}\nlevel: {number % 5}\n"
            f"tags: [course, t{number % 11}]\n---\n# Note {number}\n\nSee [[Note {(number + 1) % notes}]] "
            f"and [[Note {(number * 7) % notes}]]. #inline{number % 13}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        write_vault(folder, args.notes)
        index = VaultIndex.scan([VaultRoot(folder)], HeadingIds(slugify))
        rows = VaultRows(index, Resolver(index), paths=SitePaths(get_relative_url))
        start = time.perf_counter()
        made = len(rows.rows)
        rows_ms = (time.perf_counter() - start) * 1000
        timings = []
        for _ in range(2):
            start = time.perf_counter()
            markdown, problems = render_base_file(BASE, "bench.base", "Page.md", rows)
            timings.append((time.perf_counter() - start) * 1000)
        assert not problems, problems
        print(f"{made} rows made in {rows_ms:.0f} ms; base rendered in {timings[0]:.0f} ms, "
              f"again in {timings[1]:.0f} ms ({len(markdown)} characters of Markdown)")


if __name__ == "__main__":
    main()
