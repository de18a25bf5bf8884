"""The render step on every core: notes split among forked workers, results as one process gives them.

A note's render reads the build's state (index, resolver, term finder) and writes
only its own ``RenderedNote``, so the notes can be rendered anywhere. The workers
are forked once the state is built (``fork``: they get it without pickling, and
Linux shares its memory until written), each renders a contiguous slice of the
notes, and sends back its renders with notes and files named by site path; this
process renders the first slice meanwhile and puts the notes' objects back. The
order, and so every byte of the output, is that of a one-process run
(tests/test_render_pool.py).

``concurrent.futures`` and ``multiprocessing.Pool`` pickle the function they run
(here a method of the whole pipeline) for every task; a forked ``Process`` runs
it in place, which is why the pool is these few lines rather than either.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..index.vault import Note, VaultIndex
from ..record import EmbedRecord, LinkRecord
from .note_render import RenderedNote

if TYPE_CHECKING:
    from ..record import NoteRecord

JOBS_VARIABLE = "VAULT_JOBS"  # processes the render step may use; 1 keeps the build in one process

RenderOne = Callable[[Note, str], RenderedNote]


def jobs_wanted(jobs: int | None = None) -> int:
    """``jobs``, else ``VAULT_JOBS``, else every core this process may use; at least 1 (1 without ``fork``)."""
    if jobs is None:
        value = os.environ.get(JOBS_VARIABLE, "").strip()
        try:
            jobs = int(value) if value else available_cores()
        except ValueError:
            raise ValueError(f"{JOBS_VARIABLE}={value!r} is not a whole number of processes") from None
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, jobs)


def available_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def slices(count: int, parts: int) -> list[range]:
    """``count`` items in ``parts`` contiguous runs of nearly equal length."""
    size, extra = divmod(count, parts)
    runs, start = [], 0
    for part in range(parts):
        end = start + size + (part < extra)
        runs.append(range(start, end))
        start = end
    return runs


def render_in_pool(records: list[NoteRecord], render_one: RenderOne, index: VaultIndex,
                   jobs: int) -> list[RenderedNote]:
    """Each record's render, in order, on ``jobs`` processes (this one included)."""
    runs = [run for run in slices(len(records), min(jobs, len(records))) if run]
    context = multiprocessing.get_context("fork")
    sys.stdout.flush()
    sys.stderr.flush()  # a worker must not write out this process's buffered output again
    workers = []
    for run in runs[1:]:
        reader, writer = context.Pipe(duplex=False)
        worker = context.Process(target=_work, args=(records, run, render_one, writer), daemon=True)
        worker.start()
        writer.close()
        workers.append((run, worker, reader))
    try:
        results = [render_one(records[i].note, records[i].url) for i in runs[0]]
    except BaseException:
        for _, worker, reader in workers:  # no worker is left waiting to be read
            worker.terminate()
            worker.join()
            reader.close()
        raise
    for run, worker, reader in workers:
        results += _collect(records, run, render_one, index, worker, reader)
    return results


def _work(records: list[NoteRecord], run: range, render_one: RenderOne, writer) -> None:
    """In a worker: render the run and send it back, or the error."""
    # A collection would visit (and so copy) every object shared with the parent; the worker lives seconds.
    gc.disable()
    try:
        packed = [pack(render_one(records[i].note, records[i].url)) for i in run]
        writer.send(("ok", packed))
    except BaseException:  # noqa: BLE001 - told to the parent, which renders the run itself
        writer.send(("error", traceback.format_exc()))
    finally:
        writer.close()


def _collect(records: list[NoteRecord], run: range, render_one: RenderOne, index: VaultIndex, worker,
             reader) -> list[RenderedNote]:
    try:
        status, payload = reader.recv()
    except EOFError:  # the worker died (killed, out of memory)
        status, payload = "error", "the worker ended without an answer"
    finally:
        reader.close()
        worker.join()
    if status == "ok":
        files = {file.site_path: file for file in index.attachments}
        return [unpack(packed, index.note_by_site_path, files) for packed in payload]
    # Rendered here instead: a note that cannot be rendered fails here with its own traceback.
    return [render_one(records[i].note, records[i].url) for i in run]


def pack(rendered: RenderedNote) -> tuple:
    """A render with notes and files named by site path (a note pickled whole would be a copy)."""
    links = [(link.source.site_path, link.line, link.target.site_path, link.anchor) for link in rendered.links]
    embeds = [(embed.source.site_path, embed.line, embed.name, embed.file.site_path if embed.file else None,
               embed.section) for embed in rendered.embeds]
    return (rendered.markdown, rendered.tags, links, embeds, rendered.problems, rendered.depends_on,
            rendered.ambiguities)


def unpack(packed: tuple, notes: dict[str, Note], files: dict) -> RenderedNote:
    """``pack``'s render with this process's note and file objects (by site path)."""
    markdown, tags, links, embeds, problems, depends_on, ambiguities = packed
    return RenderedNote(
        markdown, tags, [LinkRecord(notes[source], line, notes[target], anchor) for source, line, target, anchor in links],
        [EmbedRecord(notes[source], line, name, files[file] if file is not None else None, section)
         for source, line, name, file, section in embeds],
        problems, depends_on, ambiguities)
