"""Time the per-line scanners of issue 10 on long adversarial lines, to show they grow linearly.

    .venv/bin/python bench/long_lines.py

Prints seconds per size; a linear scanner takes about twice as long on a line twice as long.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from vaultlib.syntax.code import inline_code_spans  # noqa: E402
from vaultlib.render.quotes import first_sentence  # noqa: E402
from vaultlib.xref.mentions import MentionFinder  # noqa: E402

UNITS = ["[x](", "[", "<", "{", "`a ``b ", "[[a|`b`]] ", "See [[a. b]] and `c. d`. "]
SCANNERS = {
    "inline_code_spans": inline_code_spans,
    "first_sentence": lambda line: first_sentence(line, 160),
    "mention finder": lambda line: list(MentionFinder({"Widget Cloud": None}, 2).find(line)),
}


def main() -> None:
    print(f"{'scanner':<18} {'line of':<26} {'250k s':>8} {'500k s':>8} {'1M s':>8}")
    for name, scan in SCANNERS.items():
        for unit in UNITS:
            times = []
            for size in (250_000, 500_000, 1_000_000):
                line = unit * (size // len(unit))
                start = time.perf_counter()
                scan(line)
                times.append(time.perf_counter() - start)
            print(f"{name:<18} {unit!r:<26} " + " ".join(f"{t:8.3f}" for t in times))


if __name__ == "__main__":
    main()
