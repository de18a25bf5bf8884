"""The pipeline: one record per note, each note rendered once, renders reused across rebuilds,
comments gone before anything reads the note, hooks that are adapters only, extra.vault checked."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

from sitebuild import ROOT, TOC_IDS, article, build, make_project, run_pipeline
from vaultlib.index.vault import VaultRoot
from vaultlib.xref.outline import outline
from vaultlib.pipeline import Pipeline, SiteInfo
from vaultlib.render.cache import RenderCache
from vaultlib.settings import VaultSettings
from vaultlib.xref.glossary import find_acronyms

VAULT = {
    "Linker.md": "# Linker\nSee [[Target#Part one]] and [[Target]].\n",
    "Target.md": "# Target\n## Part one\nText one.\n## Part two\nText two.\n",
    "Embedder.md": "# Embedder\n![[Embedded]]\n",
    "Embedded.md": "# Embedded\nShown inside Embedder.\n",
    "Alone.md": "# Alone\nNo links here. %%a comment%%\n",
    "Wants new.md": "# Wants new\nA link to [[Newcomer]], not written yet.\n",
}


def write(folder: Path, notes: dict[str, str]) -> None:
    for name, text in notes.items():
        (folder / name).write_text(text, encoding="utf-8")


def run(folder: Path, cache: RenderCache) -> Pipeline:
    return run_pipeline(folder, cache, {"prefixes": ["Amazon", "AWS"]})


def rerendered_after(tmp_path: Path, edit: dict[str, str]) -> set[str]:
    write(tmp_path, VAULT)
    cache = RenderCache()
    first = run(tmp_path, cache)
    assert first.renders == len(VAULT)
    write(tmp_path, edit)
    return set(run(tmp_path, cache).rendered_now)


def test_nothing_changed_renders_nothing_and_records_stay_complete(tmp_path):
    write(tmp_path, VAULT)
    cache = RenderCache()
    run(tmp_path, cache)
    again = run(tmp_path, cache)
    assert again.renders == 0 and again.rendered_now == []
    linker = again.records["Linker.md"]
    assert "Target.md#part-one" in linker.markdown
    assert {link.target.site_path for link in linker.links} == {"Target.md"}
    assert [backlink.note_path for backlink in again.records["Target.md"].backlinks] == ["Linker.md"]


def test_an_edit_rerenders_the_note_and_the_notes_that_embed_it(tmp_path):
    assert rerendered_after(tmp_path, {"Embedded.md": "# Embedded\nChanged text.\n"}) == {"Embedded.md", "Embedder.md"}


def test_a_text_edit_leaves_the_notes_linking_to_it_alone(tmp_path):
    edit = {"Target.md": "# Target\n## Part one\nNew words.\n## Part two\nText two.\n"}
    assert rerendered_after(tmp_path, edit) == {"Target.md"}


def test_a_renamed_heading_rerenders_the_notes_linking_to_it(tmp_path):
    edit = {"Target.md": "# Target\n## Part 1\nText one.\n## Part two\nText two.\n"}
    assert rerendered_after(tmp_path, edit) == {"Target.md", "Linker.md"}


def test_a_new_note_rerenders_the_notes_that_named_it(tmp_path):
    assert rerendered_after(tmp_path, {"Newcomer.md": "# Newcomer\n"}) == {"Newcomer.md", "Wants new.md"}


def test_an_edit_inside_a_comment_renders_nothing(tmp_path):
    assert rerendered_after(tmp_path, {"Alone.md": "# Alone\nNo links here. %%another comment%%\n"}) == set()


def test_outlines_of_unchanged_notes_are_reused(tmp_path):
    write(tmp_path, VAULT)
    cache = RenderCache()
    run(tmp_path, cache)
    before = {path: made for path, (_, _, made) in cache.outlines.items()}
    write(tmp_path, {"Alone.md": "# Alone\nChanged.\n"})
    run(tmp_path, cache)
    assert {path for path, (_, _, made) in cache.outlines.items() if made is not before[path]} == {"Alone.md"}


def test_comments_are_gone_before_headings_glossary_and_outline_read_the_note(tmp_path):
    note = "# Kept\n%%\n## Hidden heading\nElastic Widget Cloud (EWC)\n%%\nShown (text) %%Secret Term (ST)%%\n"
    write(tmp_path, {"Note.md": note})
    pipeline = run(tmp_path, RenderCache())
    record = pipeline.records["Note.md"]
    assert [h.plain for h in record.note.content.headings] == ["Kept"]
    assert find_acronyms([outline(record.note)]) == {}
    assert "Hidden" not in record.markdown and "Secret" not in record.markdown and "Shown (text)" in record.markdown
    assert record.note.content.body.count("\n") == note.count("\n")  # line numbers stay put


def test_each_note_is_rendered_once_per_build_whatever_its_properties(tmp_path):
    notes = {"Blank.md": "---\ntitle: Blank after\ntags: [one]\n---\n\n\n# Blank after\nBody after blank lines.\n",
             "Invalid.md": "---\ntitle: [unclosed\n---\n# Invalid\nBody under invalid properties.\n",
             "Plain.md": "# Plain\nNo properties, [[Blank]] link.\n"}
    project = make_project(tmp_path / "project", notes)
    result = build(project, strict=False, verbose=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rendered 3 notes, 0 from the render cache" in result.stderr
    blank = article(project / "site" / "blank" / "index.html")
    assert blank.h1.get_text(strip=True).rstrip("¶") == "Blank after" and "Body after blank lines." in blank.get_text()
    invalid = article(project / "site" / "invalid" / "index.html").get_text()
    assert "title: [unclosed" in invalid and "Body under invalid properties." in invalid  # shown, not lost
    assert re.search(r"Invalid\.md:[23]: the properties are not valid YAML", result.stderr)


REBUILD = r"""
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, note, command = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
renders, kept = [], []
for text in (None, note.read_text() + "\nOne more line.\n"):
    if text:
        note.write_text(text)
    config = load_config(config_file)
    if command:
        config.plugins.on_startup(command=command, dirty=False)
    build(config)
    site = sys.modules["hooks/vault.py"].site  # MkDocs names a hook module by its path
    renders.append(sorted(site.build.pipeline.rendered_now))
    kept.append(len(site.render_cache.entries))
print(json.dumps([renders, kept]))
"""


def build_twice(tmp_path: Path, command: str) -> tuple[list[list[str]], list[int], Path]:
    """Two builds in one process, the second after an edit of Two; ``command``: what on_startup is told ("": nothing)."""
    notes = {"One.md": "# One\nLinks [[Two]].\n", "Two.md": "# Two\nText.\n", "Three.md": "# Three\n![[Two]]\n"}
    project = make_project(tmp_path / "project", notes)
    result = subprocess.run([sys.executable, "-c", REBUILD, str(project / "mkdocs.yml"), str(project / "docs" / "Two.md"),
                             command], capture_output=True, text=True, cwd=project, timeout=600,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    renders, kept = json.loads(result.stdout.strip().splitlines()[-1])
    return renders, kept, project


def test_a_rebuild_in_the_same_process_rerenders_only_the_edited_note(tmp_path):
    """What `mkdocs serve` does on an edit: load the config again and build, in one process."""
    (first, second), kept, project = build_twice(tmp_path, "")
    assert first == ["One.md", "Three.md", "Two.md"]
    assert second == ["Three.md", "Two.md"]  # Two changed; Three embeds it; One only links to it
    assert kept == [3, 3]
    assert "One more line." in article(project / "site" / "three" / "index.html").get_text()


def test_builds_that_stand_alone_keep_no_render_cache_and_render_every_note(tmp_path):
    """MkDocs' "build" (``mkdocs build``, and every build of ``serve --clean``): nothing is kept for a next build."""
    (first, second), kept, project = build_twice(tmp_path, "build")
    assert first == second == ["One.md", "Three.md", "Two.md"]
    assert kept == [0, 0]
    assert "One more line." in article(project / "site" / "three" / "index.html").get_text()


def test_a_bad_setting_stops_the_build_naming_it(tmp_path):
    project = make_project(tmp_path / "project", {"Note.md": "# Note\n"}, settings={"broken_links": "loud"})
    result = build(project)
    assert result.returncode != 0
    assert "extra.vault.broken_links" in result.stderr and "loud" in result.stderr
    assert "Traceback" not in result.stderr


def test_acronyms_come_from_the_abbr_glossary_not_from_text_added_to_pages(real_site):
    page = real_site / "amazon-elastic-compute-cloud-ec2" / "index.html"
    titles = {abbr.get_text(): abbr["title"] for abbr in article(page).select("abbr")}
    assert titles.get("EC2") == "Elastic Compute Cloud"
    assert "*[EC2]" not in page.read_text(encoding="utf-8")
