"""Serve: Python's cycle collector kept out of the rebuilds, run once the server is idle.

A full collection scans every live object the collector tracks. After the first build of a serve, what
the command keeps (the render cache, the page store) is frozen out of it (``gc.freeze``); but each rebuild
makes hundreds of thousands of new objects, and with few long-lived objects left to count, Python starts a
full collection every few tens of thousands of allocations: a large share of a rebuild at thousands of
notes, spread over every step. So under serve:

- automatic collection is off from the end of the first build (``settle``);
- each build's garbage cycles are collected in one ``gc.collect`` a moment after the build ends
  (``IDLE`` seconds, once the browsers have fetched the new page), in a timer thread;
- a build that starts meanwhile cancels the timer (``pause``): its collection comes after it.

Lifetime: one per ``VaultSite`` (the MkDocs command). ``mkdocs build`` never uses it.
"""
from __future__ import annotations

import gc
import logging
import threading
import time

log = logging.getLogger("mkdocs.hooks.vault")
IDLE = 1.5  # seconds after a build: the reload's requests have been served by then


class IdleCollector:
    """Collects cycles between serve builds, not during them (module docstring)."""

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None
        self.collections = 0

    def pause(self) -> None:
        """A build starts: the collection waiting for the server to be idle waits for the build's end."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def settle(self, first_build: bool) -> None:
        """A serve build ended. The first: its garbage collected, what it keeps frozen, automatic collection
        off. Every later one: a collection when idle."""
        if first_build:
            gc.collect()
            gc.freeze()
            gc.disable()
            return
        self.pause()
        self.timer = threading.Timer(IDLE, self._collect)
        self.timer.daemon = True
        self.timer.start()

    def _collect(self) -> None:
        begin = time.perf_counter()
        found = gc.collect()
        self.collections += 1
        log.debug(f"serve: {found} objects of cycles collected while idle in {time.perf_counter() - begin:.2f} s")
