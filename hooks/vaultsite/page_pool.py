"""MkDocs' reading and rendering of pages spread over the cores: ``mkdocs build`` uses them all.

MkDocs reads and renders its pages one after another on one core (Markdown
to HTML and every plugin's ``on_page_content``: half of a big vault's build).
Once the nav is made (``on_nav``), the build forks worker processes, which
inherit the whole build (config, plugins, the pipeline) as it is then. They
claim pages from the last one down while MkDocs' loop claims them from the
first (``PagePool``), and render each with MkDocs' own ``_populate_page``,
exactly what MkDocs would run, and sends back each page's results
(``PageResult``, as serve's replay keeps them) and its log records. MkDocs'
loop then meets those pages in its usual order: their records are logged there
(so ``--strict`` counts their warnings, in the order of a one-core build), and
the results are restored as serve's replay restores a page (page_store.py).
The main process renders the pages it claims itself meanwhile. Once every page
is rendered (``on_env``) the build forks again for MkDocs' second pass, the
theme's templates and ``on_post_page`` (``Written``): the main process writes
the pages the workers made, with their search index entries. A page a worker
could not render is rendered by MkDocs in the main process, which reports
its error as usual.

``VAULT_JOBS=1`` builds on one core; the default is every core. Output is
byte for byte the same (tests/test_page_pool.py). The forking is in page_workers.py. Serve does not fork: its
rebuilds replay instead, and it runs threads (the server), which fork does not
copy safely.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from mkdocs.structure.pages import Page

from .page_store import PageResult



def jobs() -> int:
    """Processes to render pages with: ``VAULT_JOBS`` (1: one core), else one per core."""
    value = os.environ.get("VAULT_JOBS", "0").strip()
    wanted = int(value) if value.isdigit() else 0
    return wanted if wanted > 0 else (os.cpu_count() or 1)


@dataclass
class Rendered:
    """What a worker sends back for one page."""

    result: PageResult
    records: list[logging.LogRecord]
    seconds: dict[str, float]  # the hooks' timings while rendering it


@dataclass
class Written:
    """What a worker sends back for one page it built with the theme (``on_env`` fork)."""

    output: bytes  # the page as MkDocs would write it, packed (page_store)
    search_docs: bytes  # its entries of the search index, packed JSON
    records: list[logging.LogRecord]
    seconds: dict[str, float]


# The claim table: 0 nobody yet; n > 0 worker n - 1; MAIN claimed by the main process as it passed;
# KEEP left to the main process from the start (a page no worker may render)
MAIN, KEEP = -1, -2


@dataclass
class PagePool:
    """The workers of one build's pass and the pages they do; empty when the build runs on one core.

    Pages are claimed, not shared out in advance, since their costs differ widely (a generated
    index page may take as long as a hundred notes): MkDocs' loop claims each page as it reaches
    it, from the first; the workers claim from the last, downwards; they meet where the work is
    halved. The claim table is shared memory, written under one lock.
    """

    pages: list[Page] = field(default_factory=list)  # in MkDocs' order
    order: dict[str, int] = field(default_factory=dict)  # src_uri -> index in MkDocs' page order
    claims: object = None  # multiprocessing Array of ints, one per page (MAIN, 0 or worker + 1)
    cursor: object = None  # multiprocessing Value: the next index a worker claims, downwards
    workers: list[tuple[int, Connection]] = field(default_factory=list)  # (pid, connection)
    received: dict[int, dict] = field(default_factory=dict)  # worker -> src_uri -> Rendered or Written

    def open(self, uris: list[str], only_main: set[str]) -> None:
        """The claim table for ``uris`` in page order; ``only_main``: pages no worker may take."""
        self.order = {uri: index for index, uri in enumerate(uris)}
        self.claims = multiprocessing.Array("i", [KEEP if uri in only_main else 0 for uri in uris])
        self.cursor = multiprocessing.Value("i", len(uris) - 1, lock=False)

    def claim_for_worker(self, worker: int) -> int | None:
        """The next page a worker takes (the highest unclaimed one), or None once the main process is there."""
        with self.claims.get_lock():
            while self.cursor.value >= 0:
                index = self.cursor.value
                self.cursor.value -= 1
                state = self.claims[index]
                if state == 0:
                    self.claims[index] = worker + 1
                    return index
                if state == MAIN:  # the main process has come this far: everything below is its
                    self.cursor.value = -1
                    return None
            return None  # (KEEP: a page only the main process renders, whenever it gets there)

    def owner(self, uri: str) -> int | None:
        """The worker that has the page, claiming it for the main process if nobody has (None: main's)."""
        index = self.order.get(uri)
        if index is None or not self.workers:
            return None
        with self.claims.get_lock():
            if self.claims[index] == 0:
                self.claims[index] = MAIN
            claimed = self.claims[index]
        return None if claimed in (MAIN, KEEP) else claimed - 1

    def rendered(self, page: Page):
        """The worker's results for the page (waits for its worker), or None: MkDocs renders it here."""
        worker = self.owner(page.file.src_uri)
        if worker is None:
            return None
        if worker not in self.received:
            self.received[worker] = _receive(*self.workers[worker])
        return self.received[worker].get(page.file.src_uri)

    def close(self) -> None:
        for number, (pid, connection) in enumerate(self.workers):
            if number not in self.received:
                self.received[number] = _receive(pid, connection)


def _receive(pid: int, connection: Connection) -> dict:
    try:
        data = pickle.loads(connection.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        data = {}  # the worker died: MkDocs renders its pages here
    connection.close()
    os.waitpid(pid, 0)
    return data


class Collector(logging.Handler):
    """A worker's log records, made picklable, for the main process to log in page order."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def replay_records(records: list[logging.LogRecord]) -> None:
    """A worker's records through the main process's handlers (``--strict`` counts the warnings)."""
    for record in records:
        logging.getLogger(record.name).handle(record)
