"""Serve beside its rebuilds: watching, the search prebuild, the cycle collector (hooks/vaultsite/watcher.py,
search_background.py, collector.py).

The watcher: an edit, a new note, a folder moved out of the vault each reach MkDocs' callback as a change
it acts on; reading a note (as every build does) does not; a refused inotify falls back to polling;
``watch_natively`` carries MkDocs' watches over. The prebuild: a run ends with the index in place and
its line logged; a run stopped by the next build leaves neither a stale nor a partial index. The collector:
no collection while a build runs, one once the server is idle, automatic collection off in between.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from test_search_prebuilt import DOCS, write_index
from vaultlib.browser.search_prebuilt import ONLINE, PARTIAL
from vaultsite import search_background, watcher
from vaultsite.search_background import DONE, STOPPED, BackgroundPrebuild
from vaultsite.watcher import NativeObserver


class Seen(FileSystemEventHandler):
    """What MkDocs' callback would act on: events that are not about a directory."""

    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.events.append(event)
            self.arrived.set()

    def wait(self, seconds: float = 3.0) -> bool:
        found = self.arrived.wait(seconds)
        self.arrived.clear()
        return found


@pytest.fixture
def watched(tmp_path):
    docs = tmp_path / "docs"
    (docs / "lab").mkdir(parents=True)
    (docs / "lab" / "Note 数据.md").write_text("# Note\n", encoding="utf-8")
    (docs / "Intro.md").write_text("# Intro\n", encoding="utf-8")
    seen, observer = Seen(), NativeObserver(0.1)
    observer.schedule(seen, str(docs), recursive=True)
    observer.start()
    time.sleep(0.2)
    yield docs, seen, observer
    observer.stop()
    observer.join()


def test_an_edit_and_a_new_note_are_seen_by_the_system_observer(watched):
    docs, seen, observer = watched
    assert not isinstance(observer.running, PollingObserver)
    (docs / "Intro.md").write_text("# Intro\n\nEdited.\n", encoding="utf-8")
    (docs / "lab" / "新しい.md").write_text("# 新しい\n", encoding="utf-8")
    # one write can arrive as several events: wait for both names, not for a count of wake-ups
    _wait_for(lambda: {Path(event.src_path).name for event in seen.events} >= {"Intro.md", "新しい.md"}, 5)


def test_reading_a_note_starts_no_build(watched):
    docs, seen, _ = watched
    for path in docs.rglob("*.md"):
        path.read_bytes()
    assert not seen.wait(0.6)


def test_a_folder_moved_out_of_the_vault_is_a_change(watched, tmp_path):
    docs, seen, _ = watched
    (docs / "lab").rename(tmp_path / "lab-elsewhere")
    assert seen.wait()
    assert any(Path(event.src_path).name == "lab" for event in seen.events)


def test_refused_system_events_fall_back_to_polling(tmp_path, monkeypatch, caplog):
    docs = tmp_path / "docs"
    docs.mkdir()
    seen, observer = Seen(), NativeObserver(0.1)
    observer.schedule(seen, str(docs), recursive=True)

    def refuse() -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(observer.running, "start", refuse)
    with caplog.at_level(logging.WARNING):
        observer.start()
    try:
        assert isinstance(observer.running, PollingObserver)
        assert "watching by polling instead" in caplog.text and "inotify watch limit" in caplog.text
        time.sleep(0.3)
        (docs / "Later.md").write_text("# Later\n", encoding="utf-8")
        assert seen.wait()
    finally:
        observer.stop()
        observer.join()


def test_watch_natively_keeps_mkdocs_watches_and_their_counts(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    watcher.watch_natively(server)
    assert isinstance(server.observer, NativeObserver)
    assert server._watched_paths == {str(tmp_path / "docs"): 2, str(tmp_path / "mkdocs.yml"): 1}
    assert len(server.observer.scheduled) == 2
    server.unwatch(str(tmp_path / "mkdocs.yml"))
    assert len(server.observer.scheduled) == 1


def _wait_for(predicate, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < end
        time.sleep(0.05)


def test_a_background_prebuild_puts_the_index_in_place_and_says_so(tmp_path, caplog):
    index = write_index(tmp_path, DOCS)
    index.with_name(ONLINE).write_text("stale")
    prebuild = BackgroundPrebuild()
    with caplog.at_level(logging.INFO, logger=search_background.log.name):
        prebuild.start(index, suggest=False)
        prebuild.thread.join(60)
    written = json.loads(index.with_name(ONLINE).read_text(encoding="utf-8"))
    assert [doc["location"] for doc in written["docs"]] == [doc["location"] for doc in DOCS]
    assert f"{DONE} (run 1," in caplog.text
    assert not index.with_name(ONLINE + PARTIAL).exists()


def test_the_next_build_stops_a_prebuild_and_no_stale_index_stays(tmp_path, caplog, monkeypatch):
    index = write_index(tmp_path, DOCS)
    index.with_name(ONLINE).write_text("the last build's")
    prebuild = BackgroundPrebuild()
    slow = ["node", "-e", "setTimeout(() => {}, 30000)"]
    monkeypatch.setattr(search_background, "start_prebuild",
                        lambda path, suggest: search_background.subprocess.Popen(
                            slow, stdout=search_background.subprocess.DEVNULL,
                            stderr=search_background.subprocess.PIPE, text=True))
    with caplog.at_level(logging.INFO, logger=search_background.log.name):
        prebuild.start(index, suggest=False)
        assert not index.with_name(ONLINE).exists()  # until the new one is whole, the browser builds its own
        begin = time.monotonic()
        prebuild.cancel()
    assert time.monotonic() - begin < 5
    assert f"{STOPPED} (run 1)" in caplog.text and DONE + " (" not in caplog.text
    assert not index.with_name(ONLINE).exists() and not index.with_name(ONLINE + PARTIAL).exists()
    assert prebuild.process is None and prebuild.thread is None


def test_serve_collects_cycles_between_builds_not_during_them(monkeypatch):
    import gc
    from vaultsite import collector
    from vaultsite.collector import IdleCollector
    monkeypatch.setattr(collector, "IDLE", 0.2)
    idle = IdleCollector()
    try:
        idle.settle(first_build=True)
        assert not gc.isenabled() and gc.get_freeze_count() > 0
        idle.settle(first_build=False)
        idle.pause()  # a build started before the server was idle: no collection in it
        time.sleep(0.4)
        assert idle.collections == 0
        idle.settle(first_build=False)
        _wait_for(lambda: idle.collections == 1, 5)
        assert not gc.isenabled()  # automatic collection stays off between builds too
    finally:
        idle.pause()
        gc.unfreeze()
        gc.enable()
