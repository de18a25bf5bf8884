"""Bases built for real: the fixture vault's ```base blocks, their rows checked against the notes'
properties (computed here from the fixture, not written down), the same site twice, and the
render cache re-rendering a base when any note changes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import get_relative_url

from sitebuild import TOC_IDS, article, build, make_project, unresolved_links
from vaultlib.index.vault import VaultRoot
from vaultlib.pipeline import Pipeline, SiteInfo
from vaultlib.render.cache import RenderCache
from vaultlib.settings import VaultSettings

FIXTURE = Path(__file__).parent / "fixtures" / "bases-vault"
DEMO = "Bases demo.md"


def fixture_notes() -> dict[str, dict]:
    """Each published note of the fixture: site path -> {"props", "body", "folder", "name"}."""
    notes = {}
    for path in sorted(FIXTURE.rglob("*.md")):
        text = path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
        _, front, body = text.split("---\n", 2)
        props = yaml.safe_load(front) or {}
        if props.get("publish") is False:
            continue
        relative = str(path.relative_to(FIXTURE))
        notes[relative] = {"props": props, "body": body, "folder": relative.rpartition("/")[0],
                           "name": path.stem}
    return notes


def shown(number) -> str:
    return "" if number is None else f"{number:g}"


def cells(row) -> list[str]:
    return [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]


def tables(base) -> list[tuple[str, list[list[str]]]]:
    """(group heading above it, or "", rows of cell texts) of each table of a rendered base."""
    found = []
    for table in base.select(".vault-base__table"):
        heading = table.find_previous_sibling(class_=["vault-base__group", "vault-base__view"])
        found.append((heading.get_text(" ").strip(), [cells(row) for row in table.select("tbody tr")]))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, object]:
    notes = {str(p.relative_to(FIXTURE)): p.read_bytes() for p in FIXTURE.rglob("*") if p.is_file()}
    project = make_project(tmp_path_factory.mktemp("bases"), notes)
    first = build(project, project / "site-one", strict=False)
    second = build(project, project / "site-two", strict=False)
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-3000:]
    return project / "site-one", project / "site-two", first


def demo_bases(site: Path):
    return article(site / "bases-demo" / "index.html").select(".vault-base")


def test_every_base_block_renders_in_place_and_its_links_land(built):
    site, _, _ = built
    page = article(site / "bases-demo" / "index.html")
    assert len(page.select(".vault-base")) == 3
    assert "```" not in page.get_text() and "filters:" not in page.get_text()  # no base shows as code
    assert not page.select(".vault-base :is(h1, h2, h3, h4, h5, h6)")  # no heading to shift the page's anchors
    assert [h["id"] for h in page.select("h2[id]")][:2] == ["who-links-here", "broken"]
    assert "The end." in page.get_text()
    assert unresolved_links(site) == []


def test_table_view_rows_groups_formulas_and_summaries(built):
    notes = fixture_notes()

    def matches(note) -> bool:
        p = note["props"]
        tagged = any(t == "course" or t.startswith("course/") for t in p.get("tags", []))
        return tagged and not note["folder"].startswith("Drafts") and (
            p.get("status") == "open" or (p.get("price") or 0) > 10)

    kept = [n for n in notes.values() if matches(n)]
    assert len(kept) >= 3
    expected = []
    for status in sorted({n["props"]["status"] for n in kept}):
        group = sorted((n for n in kept if n["props"]["status"] == status), key=lambda n: -n["props"]["price"])
        rows = []
        for n in group:
            p = n["props"]
            total = p["price"] * p["level"] if "level" in p else None
            label = ("dear" if p["price"] > 5 else "cheap") + " " + n["name"].lower()
            rows.append([n["name"], status, shown(p["price"]), shown(total), label])
        totals = [p["price"] * p["level"] for p in (n["props"] for n in group) if "level" in p]
        summary = ["", "", f"Sum: {shown(sum(n['props']['price'] for n in group))}",
                   f"Average: {shown(round(sum(totals) / len(totals), 2))}" if totals else ""]
        expected.append((f"Status: {status} ({len(group)})", rows, summary))
    base = demo_bases(built[0])[0]
    got = tables(base)
    assert [heading for heading, _ in got] == [heading for heading, _, _ in expected]
    for (_, rows), (_, want, summary) in zip(got, expected):
        assert [row[:5] for row in rows[:-1]] == want
        assert rows[-1][:4] == summary
    headers = [th.get_text(" ").strip() for th in base.select(".vault-base__table")[0].select("th")]
    assert headers == ["file name", "Status", "price", "total", "Label", "summary"]  # displayName used
    compute = base.find("a", string="Compute").find_parent("tr")
    assert compute.select_one("td:last-child a").get_text() == "Storage"  # the property's wikilink is a link
    assert compute.select_one("td:last-child strong").get_text() == "fast"  # rendered as the notes are


def test_list_and_cards_views(built):
    notes = fixture_notes()
    base = demo_bases(built[0])[0]
    courses = {path: n for path, n in notes.items() if "course" in n["props"].get("tags", [])
               and (n["props"].get("status") == "open" or n["props"].get("price", 0) > 10)}
    cheapest = sorted(courses.values(), key=lambda n: n["props"]["price"])[:2]
    items = [" ".join(li.get_text(" ").split()) for li in base.select(".vault-base__list li")]
    assert items == [f"{n['name']} · {shown(n['props']['price'])}" for n in cheapest]
    cards = base.select(".vault-base-card")
    assert [card.select_one("strong a").get_text() for card in cards] == [courses[p]["name"] for p in sorted(courses)]
    for card, path in zip(cards, sorted(courses)):
        props = courses[path]["props"]
        text = card.get_text(" ")
        assert f"due_soon: {'true' if str(props['due']) < '2024-04-01' else 'false'}" in text
        if "标签" in props:
            assert f"标签: {props['标签']}" in text  # CJK name, '&', '%' and '#' shown as written


def test_this_is_the_note_holding_the_block(built):
    notes = fixture_notes()
    linking = []
    for path, note in notes.items():
        prose = re.sub(r"```.*?```", "", note["body"], flags=re.S)
        if "[[Bases demo]]" in prose:
            linking.append(note)
    _, rows = tables(demo_bases(built[0])[1])[0]
    assert rows == [[n["name"], n["folder"]] for n in linking] and linking


def test_problems_name_file_line_and_expression_and_the_rest_renders(built):
    site, _, result = built
    lines = (FIXTURE / DEMO).read_text(encoding="utf-8").splitlines()
    bad_line = 1 + next(i for i, line in enumerate(lines) if "frobnicate" in line)
    kanban_line = 1 + next(i for i, line in enumerate(lines) if "type: kanban" in line)
    assert f"{DEMO}:{bad_line}: column 'formula.bad': formula 'bad' (frobnicate(role)): unknown function" \
        in result.stderr
    assert f"{DEMO}:{kanban_line}: view 'Board': the 'kanban' layout is not supported" in result.stderr
    assert "Traceback" not in result.stderr
    broken = demo_bases(site)[2]
    shown_problems = [p.get_text() for p in broken.select(".vault-base__problem")]
    assert any("unknown function 'frobnicate()'" in text for text in shown_problems) and len(shown_problems) == 2
    people = [n["name"] for n in fixture_notes().values() if "person" in n["props"].get("tags", [])]
    for _, rows in tables(broken):
        assert [row[0] for row in rows] == people  # both views, the kanban one as a table


def test_same_vault_same_bases(built):
    one, two, _ = built
    assert [str(b) for b in demo_bases(one)] == [str(b) for b in demo_bases(two)]


# --- the render cache
VAULT = {
    "Hub.md": "# Hub\n\n```base\nfilters: 'status'\nviews:\n  - type: table\n    order: [file.name, status]\n```\n",
    "A.md": "---\nstatus: one\n---\n# A\n",
    "B.md": "# B\nNo status.\n",
    "Embeds hub.md": "# Embeds hub\n\n![[Hub]]\n",  # the base comes in with the embedded note
}


def run(folder: Path, cache: RenderCache) -> Pipeline:
    pipeline = Pipeline(VaultSettings(terms={}), TOC_IDS, get_relative_url, cache)
    publish = lambda index: {note.site_path: note.site_path[:-3].lower() + "/" for note in index.notes}  # noqa: E731
    pipeline.run([VaultRoot(folder)], publish, SiteInfo("Test"))
    return pipeline


def test_a_base_renders_again_when_any_note_changes_and_only_then(tmp_path):
    for name, text in VAULT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cache = RenderCache()
    first = run(tmp_path, cache)
    assert "| [A](A.md) | one |" in first.records["Hub.md"].markdown and "[B]" not in first.records["Hub.md"].markdown
    assert run(tmp_path, cache).rendered_now == []
    (tmp_path / "B.md").write_text("---\nstatus: two\n---\n# B\n", encoding="utf-8")
    again = run(tmp_path, cache)
    assert set(again.rendered_now) == {"Hub.md", "B.md", "Embeds hub.md"}
    assert "| [B](B.md) | two |" in again.records["Embeds hub.md"].markdown
    assert "| [B](B.md) | two |" in again.records["Hub.md"].markdown
    (tmp_path / "C.md").write_text("---\nstatus: three\n---\n", encoding="utf-8")
    added = run(tmp_path, cache)
    assert set(added.rendered_now) == {"Hub.md", "C.md", "Embeds hub.md"}
    assert "| [C](C.md) | three |" in added.records["Hub.md"].markdown


def test_base_rows_are_searchable(built):
    import json

    site, _, _ = built
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    storage = fixture_notes()["Courses/Storage.md"]
    label = ("dear" if storage["props"]["price"] > 5 else "cheap") + " storage"  # formula.label of its row
    assert [doc["location"] for doc in docs if label in doc["text"]] == ["bases-demo/"]  # the page's first section


def test_a_base_file_is_a_page_and_its_embed_sees_the_embedding_note(tmp_path):
    """Catalog.base as a page of its own (no viewing note) and embedded with a view, where ``this`` is the note."""
    notes = {str(p.relative_to(FIXTURE)): p.read_bytes() for p in FIXTURE.rglob("*") if p.is_file()}
    notes["Viewer.md"] = "---\ntags: [viewer]\n---\n# Viewer\n\n![[Catalog.base#Linking to the viewer]]\n"
    linking = sorted(path for path, note in fixture_notes().items()
                     if "[[Viewer]]" in note["body"] and note["folder"] != "People")
    notes["Courses/Links viewer.md"] = "---\nprice: 1\n---\n# Links viewer\n\nSee [[Viewer]].\n"
    linking.append("Courses/Links viewer.md")
    project = make_project(tmp_path / "project", notes)
    result = build(project, strict=False, verbose=True)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    page = article(project / "site" / "catalog-base" / "index.html")
    (_, rows), *_ = tables(page.select_one(".vault-base"))
    published = [path for path in fixture_notes() if not path.startswith("People/")] + ["Courses/Links viewer.md",
                                                                                       "Viewer.md"]
    names = {row[0] for row in rows} - {""}  # "" : the summaries row
    assert names == {Path(path).stem for path in published} | {"Catalog.base"}
    viewer = article(project / "site" / "viewer" / "index.html")
    listed = [a.get_text() for a in viewer.select(".vault-base li a")]
    assert listed == [Path(path).stem for path in sorted(linking, key=lambda p: Path(p).stem.casefold())]
    assert not viewer.select("blockquote .vault-base")  # the base itself, not a quote of its page
