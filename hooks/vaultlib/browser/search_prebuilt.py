"""The search worker's index, prebuilt at build time, so the browser loads it instead of building it.

The build's completed ``search/search_index.json`` (Material's, with ``config.vault_search``) goes through
``search_prebuild.js``, which runs the worker's own ``buildIndex`` (search-core.js) in Node and writes
``serializeIndex``'s JSON: every word's key, postings, field lengths and word order, plus the documents.
The worker (search-worker.js) loads ``search/vault_index.json`` online, ``search/vault_index.js`` (a script
that sets ``self.__vaultSearchIndex``) from file://, and builds from Material's index only when neither is
there. Why Node: see search_prebuild.js (the same segmenter and stemmers as the worker, so the same words).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .script_data import script_assignment

SCRIPT = Path(__file__).with_name("search_prebuild.js")
ONLINE = "vault_index.json"   # next to search_index.json; the worker's PREBUILT names
OFFLINE = "vault_index.js"
GLOBAL = "self.__vaultSearchIndex"
PARTIAL = ".partial"  # the name Node writes to, until the index is whole


class PrebuildError(Exception):
    """The index could not be prebuilt (no Node, or Node failed): the message says why."""


def prebuild_search_index(search_index: Path, *, suggest: bool, offline: bool) -> Path:
    """Writes the prebuilt index next to ``search_index`` (online JSON, or offline a script) and returns its path."""
    return finish_prebuild(start_prebuild(search_index, suggest=suggest), search_index, offline=offline)


def start_prebuild(search_index: Path, *, suggest: bool) -> subprocess.Popen:
    """Starts Node on ``search_index``; it writes ``PARTIAL`` of the online name, which ``finish_prebuild`` renames,
    so a reader never loads a half-written index (serve runs it while the pages are already served)."""
    node = shutil.which("node")
    if node is None:
        raise PrebuildError("Node.js is not on PATH (it also runs 'npm ci' for the browser files)")
    options = json.dumps({"suggest": suggest})
    return subprocess.Popen([node, str(SCRIPT), str(search_index), str(_partial(search_index)), options],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=search_index.parent)


def finish_prebuild(process: subprocess.Popen, search_index: Path, *, offline: bool) -> Path:
    """Waits for ``process`` (from ``start_prebuild``) and puts its index in place; PrebuildError if it failed."""
    _, errors = process.communicate()
    partial = _partial(search_index)
    if process.returncode:
        partial.unlink(missing_ok=True)
        raise PrebuildError(f"{SCRIPT.name} failed on {search_index}: {errors.strip()[-2000:]}")
    if offline:  # fetch() cannot read JSON from file://, the bundle carries the script only
        script = search_index.with_name(OFFLINE)
        script.write_text(script_assignment(GLOBAL, json.loads(partial.read_text(encoding="utf-8"))), encoding="utf-8")
        partial.unlink()
        return script
    return partial.replace(search_index.with_name(ONLINE))


def _partial(search_index: Path) -> Path:
    return search_index.with_name(ONLINE + PARTIAL)
