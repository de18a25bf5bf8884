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


class PrebuildError(Exception):
    """The index could not be prebuilt (no Node, or Node failed): the message says why."""


def prebuild_search_index(search_index: Path, *, suggest: bool, offline: bool) -> Path:
    """Writes the prebuilt index next to ``search_index`` (online JSON, or offline a script) and returns its path."""
    node = shutil.which("node")
    if node is None:
        raise PrebuildError("Node.js is not on PATH (it also runs 'npm ci' for the browser files)")
    online = search_index.with_name(ONLINE)
    options = json.dumps({"suggest": suggest})
    result = subprocess.run([node, str(SCRIPT), str(search_index), str(online), options],
                            capture_output=True, text=True, cwd=search_index.parent)
    if result.returncode:
        online.unlink(missing_ok=True)
        raise PrebuildError(f"{SCRIPT.name} failed on {search_index}: {result.stderr.strip()[-2000:]}")
    if not offline:
        return online
    script = search_index.with_name(OFFLINE)
    data = json.loads(online.read_text(encoding="utf-8"))
    script.write_text(script_assignment(GLOBAL, data), encoding="utf-8")
    online.unlink()  # fetch() cannot read it from file://, the bundle carries the script only
    return script
