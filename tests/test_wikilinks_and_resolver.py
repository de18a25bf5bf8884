"""Parsing and resolving wikilinks by Obsidian's rules, on a small vault in a temp folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from vaultlib.index.vault import VaultIndex, VaultRoot
from vaultlib.index.resolver import Resolver
from vaultlib.syntax.wikilinks import default_label, parse_wikilink
from sitebuild import TOC_IDS


@pytest.mark.parametrize("inner, target, headings, block, label", [
    ("Note", "Note", (), "", ""),
    ("Note|shown text", "Note", (), "", "shown text"),
    ("Note#Heading", "Note", ("Heading",), "", ""),
    ("Note#Heading#Sub heading", "Note", ("Heading", "Sub heading"), "", ""),
    ("#Heading", "", ("Heading",), "", ""),
    ("Note#^block-id", "Note", (), "block-id", ""),
    ("folder/Note\\|alias", "folder/Note", (), "", "alias"),
    ("img.png#anything|100", "img.png", ("anything",), "", "100"),
    ("R&D % 100# notes ü|x", "R&D % 100", ("notes ü",), "", "x"),
])
def test_parse_wikilink(inner, target, headings, block, label):
    link = parse_wikilink(inner)
    assert (link.target, link.headings, link.block, link.label) == (target, headings, block, label)


def test_sizes_and_alt_text():
    assert (parse_wikilink("a.png|300").width, parse_wikilink("a.png|300").height) == (300, None)
    assert (parse_wikilink("a.png|300x200").width, parse_wikilink("a.png|300x200").height) == (300, 200)
    assert parse_wikilink("a.png|alt text").alt == "alt text"
    assert not parse_wikilink("").is_valid and not parse_wikilink("|x").is_valid and not parse_wikilink("#").is_valid


def test_default_label_follows_obsidian():
    assert default_label(parse_wikilink("Note#Heading#Sub")) == "Note > Heading > Sub"
    assert default_label(parse_wikilink("folder/Note.md")) == "Note"
    assert default_label(parse_wikilink("#Heading")) == "Heading"


@pytest.fixture
def vault(tmp_path: Path) -> VaultIndex:
    docs, assets = tmp_path / "docs", tmp_path / "assets"
    files = {
        docs / "Embed files.md": "---\naliases: [EF, Files to embed]\n---\n# Top\n## Café & Co\ntext ^blk1\n## Café & Co\n",
        docs / "a" / "Same.md": "# In a\n",
        docs / "b" / "Same.md": "# In b\n",
        docs / "b" / "Reader.md": "[[Same]]\n",
        docs / "Reader.md": "[[Same]]\n",
        assets / "pics" / "Diagram.PNG": "",
        docs / "diagram.png": "",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return VaultIndex.scan([VaultRoot(docs), VaultRoot(assets, "assets")], TOC_IDS)


def note(index: VaultIndex, path: str):
    return next(n for n in index.notes if n.vault_path == path)


def test_names_resolve_case_insensitively_with_optional_md(vault):
    resolver = Resolver(vault)
    reader = note(vault, "Reader.md")
    for target in ("embed files", "Embed Files.md", "EF", "files to EMBED"):
        assert resolver.resolve(parse_wikilink(target), reader).note.vault_path == "Embed files.md"


def test_headings_use_toc_anchors_and_repeat_suffixes(vault):
    resolver = Resolver(vault)
    reader = note(vault, "Reader.md")
    assert resolver.resolve(parse_wikilink("Embed files#café & co"), reader).anchor == "cafe-co"
    assert resolver.resolve(parse_wikilink("Embed files#Top#Café & Co"), reader).anchor == "cafe-co"
    assert resolver.resolve(parse_wikilink("Embed files#^BLK1"), reader).anchor == "^blk1"
    missing = resolver.resolve(parse_wikilink("Embed files#Nope"), reader)
    assert missing.note is not None and "no heading" in missing.problem
    headings = note(vault, "Embed files.md").content.headings
    assert [h.anchor for h in headings] == ["top", "cafe-co", "cafe-co_1"]


def test_repeated_names_prefer_the_nearest_file_and_are_reported(vault):
    resolver = Resolver(vault)
    assert resolver.resolve(parse_wikilink("Same"), note(vault, "b/Reader.md")).note.vault_path == "b/Same.md"
    assert resolver.resolve(parse_wikilink("Same"), note(vault, "Reader.md")).note.vault_path == "a/Same.md"
    assert resolver.ambiguous["same"] == ("b/Same.md", "a/Same.md")  # as ranked for the first reader
    assert resolver.resolve(parse_wikilink("b/Same"), note(vault, "Reader.md")).note.vault_path == "b/Same.md"


def test_attachments_by_name_and_path_and_nothing_outside(vault):
    resolver = Resolver(vault)
    reader = note(vault, "Reader.md")
    assert resolver.resolve(parse_wikilink("diagram.png"), reader).file.site_path == "diagram.png"
    assert resolver.resolve(parse_wikilink("pics/diagram.png"), reader).file.site_path == "assets/pics/Diagram.PNG"
    outside = resolver.resolve(parse_wikilink("../../etc/passwd"), reader)
    assert not outside.found and "outside the vault" in outside.problem
    assert not resolver.resolve(parse_wikilink("diagram"), reader).found  # files need their extension


def test_symlink_out_of_the_vault_is_refused(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    secret = tmp_path / "secret.md"
    secret.write_text("secret")
    (docs / "link.md").symlink_to(secret)
    (docs / "loop").symlink_to(docs)
    index = VaultIndex.scan([VaultRoot(docs)], TOC_IDS)
    assert index.notes == [] and "link.md" in index.refused
    assert any(p.kind == "outside-vault" and p.path == "link.md" for p in index.problems)


def test_bom_crlf_and_invalid_properties(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bom.md").write_bytes("\ufeff# Title\r\ntext ^b1\r\n".encode("utf-8"))
    (docs / "bad.md").write_text("---\ntags: [unclosed\n---\n# X\n")
    (docs / "binary.md").write_bytes(b"\x89PNG\x00\xff")
    index = VaultIndex.scan([VaultRoot(docs)], TOC_IDS)
    bom = next(n for n in index.notes if n.stem == "bom")
    assert [h.text for h in bom.content.headings] == ["Title"] and bom.content.blocks == {"b1": 2}
    kinds = {(p.kind, p.path) for p in index.problems}
    assert ("invalid-properties", "bad.md") in kinds and ("unreadable-note", "binary.md") in kinds
    assert [p.line for p in index.problems if p.kind == "invalid-properties"][0] >= 2
