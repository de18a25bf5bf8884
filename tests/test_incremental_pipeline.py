"""A rebuild with the last build's cache gives exactly what a fresh build gives, edit after edit.

``mkdocs serve`` runs the pipeline again on every edit, handing it the render cache of the
last build (``hooks/vaultsite/site.py``), and the pipeline reuses what the edit left unchanged:
parsed notes, outlines and the model's per-note parts, renders, backlinks, the graph, quotes
on generated pages. Here every kind of edit is made to one small vault with awkward names, and
after each the incremental run is compared with a fresh pipeline (an empty cache) on everything
the hooks read: records, pages, model, graph, problems.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline_snapshot import notes_are_this_builds, snapshot
from sitebuild import run_pipeline
from vaultlib.render.cache import RenderCache

TERMS = {"prefixes": ["Amazon", "AWS"]}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082")

VAULT = {
    "Services.md": ("---\ntags: [cloud]\n---\n# Services\nIntro line about widgets.\n\n"
                    "## Amazon Widget Store\n- Amazon Widget Store is a managed store for widgets.\n"
                    "- Widget Store (WS) keeps them.\n- Use cases:\n\t- Keeping widgets.\n\t- Selling widgets.\n"),
    "東京 ノート.md": ("# 東京 ノート\nFirst sentence mentions Amazon Widget Store here. ^blk1\n\n"
                    "## 部分\nSee [[Guide#Part one]], [[Handbook]], [[Newcomer]] and [[Same]].\n"
                    "![[Embedded part]]\n![[pic 1.png]]\n![[missing pic.png]]\n[[Draft]] stays text.\n"),
    "Guide.md": "# Guide\nGuide summary sentence, before [[Newcomer]] exists.\n\n## Part one\nText one, with WS.\n\n## Part two\nText two.\n",
    "Embedded part.md": "# Embedded part\nShown inside the CJK note, linking [[Guide#Part two]].\n",
    "Q&A 100% note.md": ("---\ntags: [flashcards]\n---\n# Q&A 100% note\nWhat is a widget::A small thing\n"
                         "Links to [[東京 ノート#部分]] and [[Services]].\n"),
    "a/Same.md": "# Same in a\nOne of two notes named Same.\n",
    "b/Same.md": "# Same in b\nThe other. Back to [[Same]].\n",
    "Draft.md": "---\npublish: false\n---\n# Draft\nNot published.\n",
    "Board.canvas": json.dumps({"nodes": [{"id": "n1", "type": "text", "text": "Hello [[Services]]", "x": 0,
                                           "y": 0, "width": 200, "height": 60}], "edges": []}),
    "pic 1.png": PNG,
}


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def edit(folder: Path, name: str, change: Callable[[str], str]) -> None:
    path = folder / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing", lambda f: None),
    ("a body line", lambda f: edit(f, "東京 ノート.md", lambda t: t + "One more line about Amazon Widget Store.\n")),
    ("a plain line (the model and generated pages read nothing new)",
     lambda f: edit(f, "Guide.md", lambda t: t + "\nNothing special here.\n")),
    ("a comment only (same content, a new note object)", lambda f: edit(f, "Guide.md", lambda t: t + "%% note to self %%\n")),
    ("a heading that links name", lambda f: edit(f, "Guide.md", lambda t: t.replace("## Part one", "## Part 1"))),
    ("the heading back", lambda f: edit(f, "Guide.md", lambda t: t.replace("## Part 1", "## Part one"))),
    ("a title, an alias and a property", lambda f: edit(
        f, "Guide.md", lambda t: "---\ntitle: The guide\naliases: [Handbook]\norder: 1\n---\n" + t)),
    ("an embedded note's text", lambda f: edit(f, "Embedded part.md", lambda t: t.replace("Shown", "Now shown"))),
    ("a new note that was linked", lambda f: write(f, {"Newcomer.md": "# Newcomer\nNew here, links [[Guide]].\n"})),
    ("a renamed note", lambda f: (f / "Embedded part.md").rename(f / "Embedded piece.md")),
    ("a deleted note", lambda f: (f / "Q&A 100% note.md").unlink()),
    ("a link added", lambda f: edit(f, "Guide.md", lambda t: t + "Now see [[Newcomer]] and [[Services#Amazon Widget Store]].\n")),
    ("a link removed", lambda f: edit(f, "東京 ノート.md", lambda t: t.replace("[[Handbook]], ", ""))),
    ("a term defined", lambda f: write(f, {"More/Gadget queue.md": (
        "# Gadget queue\n## Amazon Gadget Queue\n- Amazon Gadget Queue is a queue for gadgets.\n"
        "- Use cases:\n\t- Queueing gadgets.\n")})),
    ("the term mentioned", lambda f: edit(f, "Newcomer.md", lambda t: t + "It uses Amazon Gadget Queue a lot.\n")),
    ("the term's definition removed", lambda f: (f / "More/Gadget queue.md").unlink()),
    ("a third note named Same", lambda f: write(f, {"c/Same.md": "# Same in c\nA third.\n"})),
    ("one of them gone", lambda f: (f / "a/Same.md").unlink()),
    ("a board's text", lambda f: edit(f, "Board.canvas", lambda t: t.replace("Hello", "Hello again, see [[Guide]]"))),
    ("an attachment added", lambda f: write(f, {"missing pic.png": PNG})),
    ("a draft published", lambda f: edit(f, "Draft.md", lambda t: t.replace("publish: false", "publish: true"))),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> list[tuple[str, dict, dict, list[str], int]]:
    """(edit, incremental snapshot, fresh snapshot, stale note objects, notes re-rendered) after each edit."""
    folder = tmp_path_factory.mktemp("vault")
    write(folder, VAULT)
    cache = RenderCache()
    run_pipeline(folder, cache, TERMS)
    found = []
    for name, change in EDITS:
        change(folder)
        incremental = run_pipeline(folder, cache, TERMS)
        fresh = run_pipeline(folder, RenderCache(), TERMS)
        found.append((name, snapshot(incremental), snapshot(fresh), notes_are_this_builds(incremental),
                      (incremental.renders, incremental.pages_kept)))
    return found


@pytest.mark.parametrize("step", range(len(EDITS)), ids=[name for name, _ in EDITS])
def test_a_rebuild_after_the_edit_equals_a_fresh_build(runs, step):
    name, incremental, fresh, stale, _ = runs[step]
    for part in fresh:
        assert incremental[part] == fresh[part], f"after {name}: {part} differs"
    assert stale == []


def test_the_rebuilds_reuse_renders_and_pages(runs):
    renders = {name: count for name, _, _, _, (count, _) in runs}
    pages_kept = {name for name, _, _, _, (_, kept) in runs if kept}
    assert renders["nothing"] == 0
    assert renders["a body line"] == 1  # only the edited note: nothing else read it
    assert renders["an embedded note's text"] == 2  # the note and the one embedding it
    # Generated pages are kept only where nothing they read changed:
    assert {"nothing", "a plain line (the model and generated pages read nothing new)"} <= pages_kept
    assert not pages_kept & {"a body line", "a heading that links name", "a title, an alias and a property",
                             "a renamed note", "a term defined"}


def test_the_vault_exercises_what_it_should(runs):
    """The comparison would prove little over a vault without terms, repeated names, embeds and problems."""
    _, _, first, _, _ = runs[0]
    kinds = {problem.kind for problem in first["problems"]}
    assert {"ambiguous-link", "broken-link", "missing-attachment"} <= kinds
    assert first["xref"][0] and first["xref"][1] and first["xref"][3]  # terms, acronyms, use cases
    assert any(record[8] for record in first["records"].values())  # backlinks
    assert "reference/study.md" in first["pages"]
    headings = [problem for name, _, fresh, _, _ in runs if name == "a heading that links name"
                for problem in fresh["problems"] if problem.kind == "broken-anchor"]
    assert headings


def test_a_build_that_stands_alone_lets_go_of_its_rebuild_state_and_keeps_its_results(tmp_path):
    """``mkdocs build`` runs one build: what only a next build reads is let go once the files are published.

    The build's own results stay as they were; a build that follows after all (``serve --clean``
    hands the same hooks every build) renders every note, as a first build does, and gets a fresh
    build's results.
    """
    write(tmp_path, VAULT)
    cache = RenderCache()
    built = run_pipeline(tmp_path, cache, TERMS)
    before = snapshot(built)
    assert cache.entries and cache.outlines and cache.backlinks
    assert any(rendered.depends_on.resolutions for rendered in built.rendered.values())

    built.let_go_of_rebuild_state()

    assert snapshot(built) == before
    assert built.cache is not cache
    assert not (built.cache.entries or built.cache.outlines or built.cache.backlinks or built.cache.quotes)
    assert not any(rendered.depends_on.resolutions or rendered.depends_on.ranked for rendered in built.rendered.values())
    assert built.paths.markdown_path.cache_info().currsize == 0
    edit(tmp_path, "Guide.md", lambda t: t + "One more line, see [[Services]].\n")
    following = run_pipeline(tmp_path, built.cache, TERMS)
    fresh = run_pipeline(tmp_path, RenderCache(), TERMS)
    assert snapshot(following) == snapshot(fresh)
    assert following.renders == fresh.renders == len(fresh.rendered) > 5
