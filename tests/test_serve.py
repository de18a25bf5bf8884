"""A running ``mkdocs serve`` after edits, additions, renames and deletions equals a full build of the same files.

Serve replays the pages an edit cannot change (hooks/vaultsite/page_store.py).
After each change the test waits for the rebuild and compares every file the
server would send, byte for byte, search index included, with ``mkdocs build``
of the same project and the same ``site_url``. It also checks that the rebuild
did replay (built few pages), so the comparison is not between two full builds.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from serving import Serve, free_port
from sitebuild import make_project

EPOCH = {"SOURCE_DATE_EPOCH": "946684800"}  # the sitemap's dates the same in both
FILLERS = 24


def _notes() -> dict[str, str]:
    notes = {
        "Intro.md": "---\ntags: [study]\n---\n# Intro\n\nSee [[Storage#Buckets]], [[数据库]] and [[R&D 50%]].\n"
                    "![[diagram.png]]\n",
        "Storage.md": "# Storage\n\n## Buckets\n\nBuckets hold objects. ^held\n\n## Tiers\n\nCold & hot.\n",
        "数据库.md": "# 数据库\n\n关系型数据库。见 [[Intro]]。\n",
        "lab/R&D 50%.md": "# R&D 50%\n\nQuoted: ![[Storage#^held]]\n",
    }
    for name in ("Alpha", "Beta", "Gamma"):  # linked to nothing: only the nav joins them
        notes[f"solo/{name}.md"] = f"# {name}\n\nOn its own.\n"
    for n in range(FILLERS):
        notes[f"lab/Filler {n}.md"] = f"# Filler {n}\n\nText {n} about [[Filler {(n + 1) % FILLERS}]].\n"
    return notes


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES: list[tuple[str, Callable[[Path], None], int]] = [
    # (what, change to docs/, most pages the rebuild may build)
    ("body edit", lambda docs: _edit(docs / "lab/Filler 3.md", "Text 3", "Text three, edited"), 3),
    ("heading edit", lambda docs: _edit(docs / "Storage.md", "## Buckets", "## Object buckets"), 12),
    ("block edit", lambda docs: _edit(docs / "Storage.md", "Buckets hold objects. ^held",
                                      "Buckets hold many objects. ^held"), 6),
    ("title edit", lambda docs: _edit(docs / "lab/Filler 7.md", "# Filler 7", "---\ntitle: Seventh\n---\n# Filler 7"), 40),
    ("title edit, nav only", lambda docs: _edit(docs / "solo/Beta.md", "# Beta", "---\ntitle: Second\n---\n# Beta"), 40),
    ("tags edit", lambda docs: _edit(docs / "数据库.md", "# 数据库", "---\ntags: [study, 中文]\n---\n# 数据库"), 40),
    ("note added", lambda docs: (docs / "lab/New one.md").write_text("# New one\n\nLinks [[Intro]].\n"), 99),
    ("note renamed", lambda docs: (docs / "lab/Filler 5.md").rename(docs / "lab/Filler five.md"), 99),
    ("note deleted", lambda docs: (docs / "lab/Filler 9.md").unlink(), 99),
]


def _site(port: int) -> dict[str, str]:
    """The same site_url for serve and build (serve serves at site_url's path, and pages name it)."""
    return {"SITE_URL": f"http://127.0.0.1:{port}/", **EPOCH}


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def _differences(built: dict[str, bytes], served: dict[str, bytes]) -> list[str]:
    found = [f"only in the build: {name}" for name in sorted(built.keys() - served.keys())]
    found += [f"only in serve: {name}" for name in sorted(served.keys() - built.keys())]
    found += [f"differs: {name}" for name in sorted(built.keys() & served.keys()) if built[name] != served[name]]
    return found


def _full_build(project: Path, site: Path, port: int) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **_site(port))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return _files(site)


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    project = make_project(work / "project", _notes(), {"diagram.png": b"\x89PNG\r\n\x1a\nnot really"},
                           {"broken_links": "info"})
    port = free_port()
    serve = Serve(project, work, port, env=_site(port))
    serve.wait_build()
    yield project, work, port, serve
    serve.stop()


def test_serve_starts_as_a_full_build(serving):
    project, work, port, serve = serving
    assert _differences(_full_build(project, work / "first", port), _files(serve.site)) == []


@pytest.mark.parametrize("what, change, most", CHANGES, ids=[what for what, _, _ in CHANGES])
def test_serve_after_a_change_equals_a_full_build(serving, what, change, most):
    project, work, port, serve = serving
    change(project / "docs")
    serve.wait_build()
    served = _files(serve.site)
    rebuilt = re.findall(r"rebuilt (\d+) of (\d+) pages", serve.output())[-1]
    built = _full_build(project, work / re.sub(r"\W", "-", what), port)
    assert _differences(built, served) == [], what
    assert int(rebuilt[0]) <= most, f"{what}: rebuilt {rebuilt[0]} of {rebuilt[1]} pages"
    assert int(rebuilt[0]) < int(rebuilt[1]) or most == 99  # a replay took place wherever one can
