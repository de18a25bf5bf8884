"""Benchmark: ``mkdocs serve`` on a big vault: first build, then one edit to one note, as a writer works.

    .venv/bin/python bench/serve.py [--sizes 2000 6000] [--jobs 1 0] [--edits 3]

For each size (a ``bench/make_vault.py`` vault, half of it in one big folder)
and each ``VAULT_JOBS`` value (0: all cores), it starts a real serve, waits for
its first build, then edits one note: a new sentence and a link to a note it
did not link to. It prints the seconds from the save to

- page: the edited note's page holds the sentence;
- search: the search index holds it (search_index.json, which a reader's search worker indexes while
  the prebuilt index is not there yet: hooks/vaultsite/search_background.py);
- prebuilt: the search worker's prebuilt index (search/vault_index.json) holds it;
- backlink: the linked note's page lists the edited note under "Referenced from";

and the serve's peak RSS (VmHWM of the process). Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
from make_vault import make_vault  # noqa: E402
from run import project  # noqa: E402
from serving import Serve, free_port  # noqa: E402

POLL = 0.02


_SEEN: dict[tuple[Path, str], tuple[tuple[int, int], int]] = {}  # the bench's own memo, not the project's


def _count(path: Path, needle: str) -> int:
    """Occurrences of ``needle`` in the file; read again only when its size or time changed, so the
    polling does not take the core the serve is working on (the search index is megabytes)."""
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
        seen = _SEEN.get((path, needle))
        if seen is not None and seen[0] == stamp:
            return seen[1]
        count = path.read_text(encoding="utf-8").count(needle)
    except (FileNotFoundError, UnicodeDecodeError):
        return -1  # not written yet
    _SEEN[(path, needle)] = (stamp, count)
    return count


def _holds(path: Path, needle: str) -> bool:
    return _count(path, needle) > 0


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_edit(serve: Serve, vault: Path, number: int) -> dict[str, float]:
    """Seconds from saving an edit to each of its results on disk."""
    note = vault / "docs" / "people" / "Note 1.md"
    if not note.is_file():
        note = next((vault / "docs").rglob("Note 1.md"))
    word = f"replaybench{number}x"
    target = f"Note {7 + 2 * number}"
    site = serve.site
    page, index = site / "people" / "note-1" / "index.html", site / "search" / "search_index.json"
    prebuilt = index.with_name("vault_index.json")
    if not page.parent.is_dir():
        page = next(site.rglob("note-1/index.html"))
    linked = next(site.rglob(f"note-{7 + 2 * number}/index.html"))
    relative = page.relative_to(site).parent
    links_before = _count(linked, f"{relative.name}/")
    start = time.monotonic()
    note.write_text(note.read_text(encoding="utf-8") + f"\n\nA new sentence with {word}, see [[{target}]].\n",
                    encoding="utf-8")
    checks = {"page": lambda: _holds(page, word), "search": lambda: _holds(index, word),
              "prebuilt": lambda: _holds(prebuilt, word),
              "backlink": lambda: _count(linked, f"{relative.name}/") > links_before}
    seen: dict[str, float] = {}
    while len(seen) < len(checks) and time.monotonic() - start < 900:
        for name, check in checks.items():
            if name not in seen and check():
                seen[name] = time.monotonic() - start
        time.sleep(POLL)
    serve.wait_build()
    return seen


def measure(size: int, jobs: str, edits: int, work: Path) -> dict:
    vault = make_vault(work / f"vault-{size}", size) if not (work / f"vault-{size}").exists() else work / f"vault-{size}"
    folder = project(vault, "full")
    serve = Serve(folder, work, free_port(), env={"VAULT_JOBS": jobs})
    try:
        first = serve.wait_build(timeout=3600)
        runs = [one_edit(serve, vault, number) for number in range(edits)]
        peak = _peak_mb(serve.process.pid)
    finally:
        serve.stop()
    return {"first": first, "peak": peak,
            **{name: statistics.median(run.get(name, float("nan")) for run in runs)
               for name in ("page", "search", "prebuilt", "backlink")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 6000])
    parser.add_argument("--jobs", nargs="+", default=["0"],
                        help="VAULT_JOBS values (serve renders on one core whatever it is: it runs threads)")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    print("| notes | cores | first build | edit → page | → search index | → prebuilt index | → backlinking page "
          "| peak RSS |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            for jobs in args.jobs:
                row = measure(size, jobs, args.edits, Path(work))
                cores = "one" if jobs == "1" else "all"
                print(f"| {size:,} | {cores} | {row['first']:.1f} s | {row['page']:.2f} s | {row['search']:.2f} s | "
                      f"{row['prebuilt']:.2f} s | "
                      f"{row['backlink']:.2f} s | {row['peak']:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
