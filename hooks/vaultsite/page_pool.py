"""MkDocs' reading and rendering of pages spread over the cores: ``mkdocs build`` uses them all.

MkDocs reads and renders its pages one after another on one core (Markdown
to HTML and every plugin's ``on_page_content``: half of a big vault's build).
Once the nav is made (``on_nav``), the build forks worker processes, which
inherit the whole build (config, plugins, the pipeline) as it is then. Each
renders a contiguous share of the pages with MkDocs' own ``_populate_page``,
exactly what MkDocs would run, and sends back each page's results
(``PageResult``, as serve's replay keeps them) and its log records. MkDocs'
loop then meets those pages in its usual order: their records are logged there
(so ``--strict`` counts their warnings, in the order of a one-core build), and
the results are restored as serve's replay restores a page (page_store.py).
The main process renders the first share itself meanwhile. Once every page
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


@dataclass
class PagePool:
    """The workers of one build's pass and the pages they do; empty when the build runs on one core."""

    shares: dict[str, int] = field(default_factory=dict)  # src_uri -> worker number
    workers: list[tuple[int, Connection]] = field(default_factory=list)  # (pid, connection)
    received: dict[int, dict] = field(default_factory=dict)  # worker -> src_uri -> Rendered or Written

    def rendered(self, page: Page):
        """The worker's results for the page (waits for its worker), or None: MkDocs renders it here."""
        worker = self.shares.get(page.file.src_uri)
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
