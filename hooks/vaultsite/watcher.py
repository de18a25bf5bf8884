"""Serve: the vault watched by the system's file events (inotify) instead of MkDocs' polling.

MkDocs' ``LiveReloadServer`` polls: every half second it lists and stats every watched file (the docs,
the theme, the hooks) and diffs two snapshots, in a thread of the serve's process. On a vault of thousands
of notes that thread takes a large share of the core a rebuild runs on (its snapshots hold the GIL), and an
edit waits up to half a second before it is seen. ``NativeObserver`` stands in for the polling observer
with the interface ``LiveReloadServer`` calls (schedule, unschedule, start, stop, join):

- it asks only for the changes polling reports (created, deleted, modified, moved), so the build's own
  reads of the notes (inotify's open and close events) never start another build;
- MkDocs' callback ignores directory events, which polling follows with one event per file inside but
  inotify does not: a folder moved or deleted is handed on as a change of the folder's path;
- it follows symbolic links as MkDocs' file listing does (a docs folder that is a link is watched);
- if the system refuses the watches (too few inotify watches allowed), it warns and polls as MkDocs does.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (DirDeletedEvent, DirMovedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.vault")

CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, DirDeletedEvent, DirMovedEvent]


class _FoldersAsFiles(FileSystemEventHandler):
    """Hands a folder's deletion or move on as a change of its path, which MkDocs' callback acts on."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            event = FileModifiedEvent(event.src_path)
        self.handler.dispatch(event)


@dataclass(frozen=True)
class _Scheduled:
    handler: FileSystemEventHandler
    path: str
    recursive: bool


class NativeObserver:
    """The system's observer for ``LiveReloadServer``, polling when the system refuses (module docstring)."""

    def __init__(self, polling_timeout: float) -> None:
        self.polling_timeout = polling_timeout
        self.running: BaseObserver = Observer()
        self.scheduled: dict[ObservedWatch, _Scheduled] = {}

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> ObservedWatch:
        wanted = _Scheduled(_FoldersAsFiles(handler), path, recursive)
        watch = self._schedule_on(self.running, wanted)
        self.scheduled[watch] = wanted
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        self.running.unschedule(watch)
        self.scheduled.pop(watch, None)

    def start(self) -> None:
        try:
            self.running.start()
        except OSError as error:  # e.g. ENOSPC: fs.inotify.max_user_watches is lower than the folders watched
            log.warning(f"serve: the system's file events are refused ({error}); watching by polling instead")
            self.running.stop()
            self._poll()

    def stop(self) -> None:
        self.running.stop()

    def join(self) -> None:
        if self.running.is_alive():
            self.running.join()

    def _poll(self) -> None:
        polling = PollingObserver(timeout=self.polling_timeout)
        self.scheduled = {self._schedule_on(polling, wanted): wanted for wanted in self.scheduled.values()}
        self.running = polling
        polling.start()

    @staticmethod
    def _schedule_on(observer: BaseObserver, wanted: _Scheduled) -> ObservedWatch:
        return observer.schedule(wanted.handler, wanted.path, recursive=wanted.recursive,
                                 event_filter=CHANGES, follow_symlink=True)


def watch_natively(server: LiveReloadServer) -> None:
    """Puts a ``NativeObserver`` in ``server`` (a ``LiveReloadServer``, before it starts) with its watches.

    MkDocs has no setting for the observer and has scheduled its paths before ``on_serve``, so they are
    scheduled again through ``server.watch`` with the counts it keeps (MkDocs 1.6, pinned).
    """
    watched = dict(server._watched_paths)
    server.observer = NativeObserver(server.observer.timeout)
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
