"""Benchmark: the hooks' pipeline on a rebuild after one edit, as `mkdocs serve` runs it.

    .venv/bin/python bench/rebuild.py [--notes 2000] [--jobs N] [--compare-jobs] [--edit body|heading|alias]

Runs vaultlib's pipeline (no MkDocs page rendering) over a synthetic vault,
edits one note's body, runs it again with the same render cache, and prints each
step's seconds for both runs and how many notes the rebuild rendered. With
``--jobs N`` the first build renders on N processes (default: every core, as
``VAULT_JOBS``); ``--compare-jobs`` also times the first build's render step on
one process. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "hooks")]
from make_vault import make_vault  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402
from vaultlib.index.vault import VaultRoot  # noqa: E402
from vaultlib.pipeline import Pipeline, SiteInfo  # noqa: E402
from vaultlib.render.cache import RenderCache  # noqa: E402
from vaultlib.render.heading_ids import HeadingIds  # noqa: E402
from vaultlib.render.pool import jobs_wanted  # noqa: E402
from vaultlib.settings import VaultSettings  # noqa: E402


EDITS = {  # note text -> the edited text
    "body": lambda text: text + "\nOne more line.\n",  # nothing else reads it
    "heading": lambda text: text.replace("## Section two", "## Section 2"),  # other notes link to it
    "alias": lambda text: text.replace("aliases: [", "aliases: [Another name, "),  # a new name in the vault
}


def run(vault: Path, cache: RenderCache, jobs: int | None = None) -> Pipeline:
    pipeline = Pipeline(VaultSettings(terms={"prefixes": ["Amazon", "AWS"]}), HeadingIds(), get_relative_url, cache,
                        jobs=jobs)
    publish = lambda index: {note.site_path: note.site_path[:-3] + "/" for note in index.notes}  # noqa: E731
    pipeline.run([VaultRoot(vault / "docs"), VaultRoot(vault / "assets", "assets")], publish, SiteInfo("Bench"))
    return pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=None, help="processes of the first build's render step")
    parser.add_argument("--compare-jobs", action="store_true", help="also time a first build on one process")
    parser.add_argument("--edit", choices=sorted(EDITS), default="body", help="what the edit changes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        vault = make_vault(Path(work) / "vault", args.notes)
        if args.compare_jobs:
            one = run(vault, RenderCache(), jobs=1)
        cache = RenderCache()
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        first = run(vault, cache, args.jobs)
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        own, workers = (sum((a.ru_utime - b.ru_utime, a.ru_stime - b.ru_stime)) for a, b in zip(after, before))
        note = next((vault / "docs").rglob("Note 1.md"))
        note.write_text(EDITS[args.edit](note.read_text()))
        second = run(vault, cache, args.jobs)
        parsed = len(cache.files.fresh)
        started = time.perf_counter()
        gc.collect()  # what the run left to Python's cycle collector (the pipeline pauses it while it runs)
        collection = time.perf_counter() - started
    jobs = jobs_wanted(args.jobs)
    if args.compare_jobs:
        print(f"first build's render step: {one.step_seconds['render']:.2f} s on 1 process, "
              f"{first.step_seconds['render']:.2f} s on {jobs}")
    print(f"first build's CPU: {own:.2f} s in this process, {workers:.2f} s in render workers "
          "(on a shared machine the wall time is what the other loads leave)")
    print(f"{args.notes} notes | first build ({jobs} processes) | rebuild after editing one note ({args.edit})")
    for step in first.step_seconds:
        print(f"  {step:18} {first.step_seconds[step]:8.2f} s {second.step_seconds[step]:8.2f} s")
    total = sum(first.step_seconds.values()), sum(second.step_seconds.values())
    print(f"  {'total':18} {total[0]:8.2f} s {total[1]:8.2f} s")
    print(f"  notes rendered     {first.renders:8d}   {second.renders:8d}   ({', '.join(second.rendered_now)})")
    print(f"  files parsed again {'':8}   {parsed:8d}")
    print(f"one full garbage collection after the rebuild (the process's whole heap): {collection:.2f} s")


if __name__ == "__main__":
    main()
