"""Messy vaults, each built for real: a complete site or a message naming file and line; no text lost."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from preservation import missing_lines
from sitebuild import article, build, make_project, soup, text_outside_code, unresolved_links, visible_text

CODE = "```python\nprint('[[not a link]] %% not a comment')\n```\n"


def built(tmp_path: Path, notes: dict, attachments: dict | None = None, **settings) -> tuple[Path, str]:
    project = make_project(tmp_path / "project", notes, attachments, settings=settings or None)
    result = build(project, strict=False, verbose=True)
    assert result.returncode == 0, [l for l in result.stderr.splitlines() if not l.startswith("DEBUG")]
    assert "Traceback" not in result.stderr
    return project / "site", result.stderr


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def page_of(site: Path, slug: str) -> Path:
    return site / slug / "index.html"


def assert_preserved(site: Path, slug: str, note: str) -> None:
    page = page_of(site, slug)
    assert missing_lines(note, visible_text(article(page))) == []
    for block in re.findall(r"```\w*\n(.*?)```", note, re.S):
        assert block.rstrip("\n") in [pre.get_text().rstrip("\n") for pre in article(page).select("pre")]


NAMES = {
    "Spaces & Ampersand.md": "spaces-ampersand",
    "Café ünïcode.md": "cafe-unicode",
    "中文笔记.md": "中文笔记",
    "Emoji 🚀 note.md": "emoji-note",
    "Hash # sign.md": "hash-sign",
    "Percent 100%.md": "percent-100",
    "Question mark?.md": "question-mark",
    "Apostrophe's (parens).md": "apostrophe-s-parens",
}


def test_odd_file_names_get_clean_urls_and_resolve(tmp_path):
    hub = "# Hub\n" + "\n".join(f"- [[{name[:-3]}]]" for name in NAMES) + "\n"
    notes = {name: f"# {name[:-3]}\nBody of {name[:-3]}.\n" for name in NAMES} | {"Hub.md": hub}
    site, log = built(tmp_path, notes)
    for name, slug in NAMES.items():
        assert page_of(site, slug).is_file(), (name, sorted(p.name for p in site.iterdir()))
    links = article(page_of(site, "hub")).select("li a[href]")
    assert len(links) == len(NAMES)
    assert unresolved_links(site) == [] and warnings(log) == []


def test_same_name_in_two_folders_and_names_differing_in_case(tmp_path):
    notes = {"a/Topic.md": "# Topic A\n", "b/Topic.md": "# Topic B\n", "b/Reader.md": "See [[Topic]].\n",
             "Case.md": "# Upper\n", "case.md": "# Lower\n"}
    site, log = built(tmp_path, notes)
    assert article(page_of(site, "b/reader")).select_one("a[href]")["href"] == "../topic/"
    assert "[[Topic]] matches 2 files (b/Topic.md, a/Topic.md)" in log
    assert page_of(site, "case").is_file() and page_of(site, "case-2").is_file()


def test_crlf_bom_empty_and_large_notes(tmp_path):
    crlf = "# Windows\r\nLine one\r\n- item\r\n" + CODE.replace("\n", "\r\n")
    big = "# Big\n" + "".join(f"Paragraph {i} of a large note, with a link to [[Windows]] in it.\n\n"
                                if i % 10 == 0 else f"Paragraph {i} of a large note, plain words only.\n\n"
                                for i in range(95_000))
    notes = {"Windows.md": crlf.encode("utf-8"), "Bom.md": "\ufeff# Bom\nText after a BOM.\n".encode("utf-8"),
             "Empty.md": b"", "Big.md": big}
    assert len(big.encode()) > 5_000_000
    site, log = built(tmp_path, notes)
    assert_preserved(site, "windows", crlf.replace("\r\n", "\n"))
    assert article(page_of(site, "windows")).select("ul li")
    assert_preserved(site, "bom", "# Bom\nText after a BOM.\n")
    assert page_of(site, "empty").is_file()
    assert "Paragraph 94999 of a large note" in article(page_of(site, "big")).get_text()


def test_invalid_properties_name_file_and_line(tmp_path):
    notes = {"Bad.md": "---\ntitle: ok\ntags: [unclosed\n---\n# Bad\nStill shown.\n",
             "Tagged.md": "---\ntags: foo\n---\n# Tagged\nA #inline tag.\n"}
    site, log = built(tmp_path, notes)
    assert re.search(r"WARNING +- +vault: Bad\.md:[34]: the properties are not valid YAML", log)
    assert "Still shown." in article(page_of(site, "bad")).get_text()
    tags = {a.get_text(strip=True) for a in soup(page_of(site, "tagged")).select(".md-tag")}
    assert {"foo", "inline"} <= tags
    assert (site / "reference" / "tags" / "index.html").is_file()


def test_broken_wikilink_syntax_is_kept_as_text(tmp_path):
    note = "# Broken\nOpen ![[never closed\nEmpty [[]] and [[|x]] and [[#]] here.\n"
    site, log = built(tmp_path, {"Broken.md": note}, broken_links="warning")
    text = text_outside_code(article(page_of(site, "broken")))
    assert "![[never closed" in text and "[[]]" in text and "[[|x]]" in text and "[[#]]" in text
    assert "Broken.md:2: '[[' is never closed" in log
    assert "Broken.md:3: '[[]]' names no note" in log


def test_wikilinks_in_html_tables_callouts_footnotes_headings(tmp_path):
    note = ("# Places\n## Heading with [[Target]]\n\n<div markdown>\nIn HTML [[Target]]\n</div>\n\n"
            "| a |\n| - |\n| [[Target\\|cell]] |\n\n> [!note] Callout\n> In callout [[Target]]\n\n"
            "Footnote.[^1]\n\n[^1]: In footnote [[Target]]\n")
    site, log = built(tmp_path, {"Places.md": note, "Target.md": "# Target\n"})
    content = article(page_of(site, "places"))
    assert len(content.select("a[href='../target/']")) == 5
    assert content.select_one(".admonition a[href='../target/']") and content.select_one("td a").get_text() == "cell"
    assert "[[" not in text_outside_code(content) and warnings(log) == []


def test_nothing_outside_the_vault_is_read_or_published(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\nTOP SECRET\n")
    (outside / "secret.png").write_bytes(b"\x89PNG secret")
    project = make_project(tmp_path / "project", {"Note.md": "# Note\n![[../../outside/secret.png]]\n"})
    os.symlink(outside / "secret.md", project / "docs" / "Linked.md")
    os.symlink(outside / "secret.png", project / "assets" / "linked.png")
    os.symlink(outside, project / "docs" / "linked-folder")
    result = build(project, strict=False)
    assert result.returncode == 0
    site = project / "site"
    published = "\n".join(p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())
    assert "TOP SECRET" not in published and "PNG secret" not in published
    assert "Linked.md: is a symbolic link to" in result.stderr and "linked.png: is a symbolic link" in result.stderr
    assert "points outside the vault" in result.stderr or "not in the vault" in article(page_of(site, "note")).get_text()


def test_binary_note_is_left_out_with_a_message(tmp_path):
    project = make_project(tmp_path / "project", {"Image.md": b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "Ok.md": "# Ok\n"})
    result = build(project, strict=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "Image.md: not UTF-8 text" in result.stderr
    assert not (project / "site" / "image").exists() and page_of(project / "site", "ok").is_file()


def test_self_embed_and_a_200_deep_chain_stop(tmp_path):
    notes = {"Self.md": "# Self\nMe: ![[Self]]\n\n![[Self]]\n"}
    notes |= {f"Chain {i}.md": f"Level {i}\n\n![[Chain {i + 1}]]\n" for i in range(200)}
    notes["Chain 200.md"] = "The end.\n"
    site, log = built(tmp_path, notes)
    assert article(page_of(site, "self")).select_one(".vault-embed-cycle")
    chain = article(page_of(site, "chain-0"))
    assert "Level 19" in chain.get_text() and "Level 25" not in chain.get_text()
    assert chain.select_one(".vault-embed-cycle")


def test_index_in_a_subfolder_and_a_404_note(tmp_path):
    notes = {"guide/index.md": "# Guide home\n", "404.md": "# Lost\nNothing here.\n", "Other.md": "[[guide/index]]\n"}
    site, log = built(tmp_path, notes)
    assert (site / "guide" / "index.html").is_file()
    assert "Nothing here." in (site / "404.html").read_text()
    assert article(page_of(site, "other")).select_one("a[href='../guide/']")


def test_two_builds_are_byte_identical(tmp_path):
    notes = {"A.md": "# A\nAmazon Thing (AT) is here.\n![[x.png]]\n", "B.md": "[[A]] and Amazon Thing.\n## Amazon Thing\n- x\n"}
    project = make_project(tmp_path / "project", notes)
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(project, first).returncode == 0 and build(project, second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
