"""A build on every core writes the same bytes and the same messages as a build on one core (page_pool.py).

The vault has enough pages for the pool to fork (page_workers.MIN_PAGES), and
problems on late pages, which a worker renders: their messages must reach the
main process in page order, and ``--strict`` must count them.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from sitebuild import build, make_project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from vaultsite.page_workers import MIN_PAGES  # noqa: E402

PAGES = MIN_PAGES + 30


def _notes(broken: bool) -> dict[str, str]:
    notes = {}
    for n in range(PAGES):
        link = f"[[Topic {n + 1}]]" if n + 1 < PAGES else "[[Topic 0#Part one]]"
        notes[f"topics/Topic {n}.md"] = (f"# Topic {n}\n\n## Part one\n\nText {n} 数据 &#% about {link}.\n\n"
                                         f"```python\nprint('[[not a link {n}]]')\n```\n\n> [!note] Callout {n}\n> body\n")
    if broken:  # two problems late in the course, where a worker renders
        notes[f"topics/Topic {PAGES - 3}.md"] += "\nSee [[No such note]] and [the file](missing.md).\n"
        notes[f"topics/Topic {PAGES - 1}.md"] += "\nSee [[Topic 2#No such heading]].\n"
    return notes


def _build(project: Path, site: Path, jobs: str, strict: bool, search: str = "vault"):
    os.environ.update(VAULT_JOBS=jobs, VAULT_SEARCH=search)
    try:
        return build(project, site, strict=strict)
    finally:
        os.environ.pop("VAULT_JOBS")
        os.environ.pop("VAULT_SEARCH")


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


FORKED = re.compile(r"(\d+) processes render the \d+ pages")


def _messages(stderr: str) -> list[str]:
    """The build's messages without its timing line and the pool's own line."""
    return [line for line in stderr.splitlines()
            if not re.search(r"Documentation built in|Building documentation to", line) and not FORKED.search(line)]


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    work = tmp_path_factory.mktemp("pool")
    clean = make_project(work / "clean", _notes(broken=False))
    broken = make_project(work / "broken", _notes(broken=True), settings={"broken_links": "info"})
    return work, clean, broken


@pytest.mark.parametrize("search", ["vault", "material"])  # the search index is merged in both
def test_all_cores_write_the_bytes_of_one_core(projects, search):
    work, clean, _ = projects
    one = _build(clean, work / f"one-{search}", "1", True, search)
    all_cores = _build(clean, work / f"all-{search}", "2", True, search)
    assert one.returncode == 0 and all_cores.returncode == 0, one.stderr[-2000:] + all_cores.stderr[-2000:]
    assert not FORKED.search(one.stderr) and FORKED.search(all_cores.stderr).group(1) == "2"
    files_one, files_all = _files(work / f"one-{search}"), _files(work / f"all-{search}")
    assert len(files_one) > PAGES
    assert files_one.keys() == files_all.keys()
    assert [name for name in files_one if files_one[name] != files_all[name]] == []
    assert _messages(one.stderr) == _messages(all_cores.stderr)


def test_worker_pages_messages_in_page_order_and_counted_by_strict(projects):
    work, _, broken = projects
    results = {jobs: _build(broken, work / f"broken-{jobs}", jobs, False) for jobs in ("1", "2")}
    one, all_cores = _messages(results["1"].stderr), _messages(results["2"].stderr)
    assert FORKED.search(results["2"].stderr) and one == all_cores
    # MkDocs' own warning, logged while a worker rendered the page (the build's only one), and the
    # hooks' summaries (info, by the settings)
    assert [line for line in one if line.startswith("WARNING")] == [
        f"WARNING -  Doc file 'topics/Topic {PAGES - 3}.md' contains a link 'missing.md', but the target "
        "'topics/missing.md' is not found among documentation files."]
    assert any("point to no note" in line for line in one) and any("heading or block" in line for line in one)
    strict = {jobs: _build(broken, work / f"strict-{jobs}", jobs, True) for jobs in ("1", "2")}
    for jobs, result in strict.items():
        assert result.returncode != 0, jobs
        assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr, jobs
    assert _messages(strict["1"].stderr) == _messages(strict["2"].stderr)
