"""Serve: the search worker's index prebuilt beside the running server, not inside the rebuild.

A build prebuilds the worker's index (vaultlib/browser/search_prebuilt.py) before it ends. Under
``mkdocs serve`` that Node run is a second or more of every rebuild, growing with the vault while the
edit itself changes one page, so ``BackgroundPrebuild`` runs it on the other core after the rebuild:

- it first deletes the last build's prebuilt index, so until the new one is in place a reader's
  worker builds its index from the new ``search_index.json`` (slower, never stale);
- Node writes a partial file that is renamed when whole, so no reader loads half an index;
- the next build stops a run still going before it touches the folder (``cancel``);
- each run logs how it ended (prebuilt, failed, stopped), so a waiting test knows the folder is complete.

Lifetime: one per ``VaultSite`` (the MkDocs command); it holds at most one run.
"""
from __future__ import annotations

import logging
import subprocess
import threading
import time
from pathlib import Path

from vaultlib.browser.search_prebuilt import ONLINE, PrebuildError, finish_prebuild, start_prebuild

log = logging.getLogger("mkdocs.hooks.vault")
DONE = "search: index prebuilt"  # tests/serving.py waits for one of these three lines per build
STOPPED = "search: index prebuild stopped by the next build"
NOT_PREBUILT = "search: the index is not prebuilt, the browser builds it (slower)"  # also a build's warning


class BackgroundPrebuild:
    """At most one prebuild of the worker's index, running beside the server (module docstring)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.thread: threading.Thread | None = None
        self.runs = 0

    def start(self, search_index: Path, *, suggest: bool) -> None:
        """Replaces the last index by a run in the background; PrebuildError if Node cannot start."""
        self.cancel()
        search_index.with_name(ONLINE).unlink(missing_ok=True)
        self.runs += 1
        self.process = start_prebuild(search_index, suggest=suggest)
        self.thread = threading.Thread(target=self._finish, args=(self.process, search_index, self.runs),
                                       name="vault search prebuild", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        """Stops the run under way, if any (its index would describe the last build)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.thread is not None:
            self.thread.join()
        self.process = self.thread = None

    def _finish(self, process: subprocess.Popen, search_index: Path, run: int) -> None:
        begin = time.perf_counter()
        try:
            finish_prebuild(process, search_index, offline=False)
        except (PrebuildError, OSError) as error:
            if process.returncode is not None and process.returncode < 0:
                log.info(f"{STOPPED} (run {run})")
                return
            log.warning(f"{NOT_PREBUILT}: {error}")
            return
        # the run number keeps MkDocs from dropping the line as a repeat of the last one
        log.info(f"{DONE} (run {run}, {time.perf_counter() - begin:.1f} s after the build)")
