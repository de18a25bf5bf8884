"""A small vault with every link and embed kind, built for real; every link must land."""
from __future__ import annotations

import base64
from pathlib import Path

import pytest

from sitebuild import article, build, make_project, text_outside_code, unresolved_links

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

NOTES = {
    "Embed files.md": "---\naliases: [EF]\norder: 1\n---\n# Embed files\nIntro line.\n## Heading Two\n"
                      "Section text.\n### Sub\nSub text. ^blk\n## Café & Co\nAccents.\n",
    "a/Same.md": "# Same in a\n",
    "b/Same.md": "# Same in b\n",
    "Linker.md": "\n".join([
        "---", "order: 2", "---", "# Linker", "## Local", "",
        "Plain [[embed files]] and [[EF|by alias]] and [[Embed files#Heading Two]].",
        "Deep [[Embed files#Heading Two#Sub]], here [[#Local]], block [[Embed files#^blk]].",
        "Path [[a/Same]], nearest [[Same]], accent [[Embed files#café & co]], file [[diagram.png]].",
        "Missing [[No such note]].", "",
        "![[pic.png|300]] ![[pic.png|300x200]] ![[pic.png|alt text]] ![[pic.png#x|100]]", "",
        "![[doc.pdf]]", "", "![[clip.mp4]]", "", "![[sound.mp3]]", "", "![[not here.png]]", "",
        "![[Embed files#Heading Two]]", "", "![[Embed files#^blk]]", "",
        "| a | b |", "| - | - |", "| [[Embed files\\|in table]] | ![[pic.png]] |", "",
        "Code `[[Embed files]]` stays.", "", "```", "![[pic.png]] [[Embed files]]", "```", "",
        "Standard [md link](Embed%20files.md#heading-two) and ![std image](pic.png).", "",
        "%% a hidden [[No such note]] %%",
    ]) + "\n",
    "Cycle A.md": "---\norder: 3\n---\nA embeds B\n\n![[Cycle B]]\n",
    "Cycle B.md": "---\norder: 4\n---\nB embeds A\n\n![[Cycle A]]\n",
}
ATTACHMENTS = {"pic.png": PNG, "doc.pdf": b"%PDF-1.4\n%%EOF\n", "clip.mp4": b"\x00\x00\x00\x18ftyp",
               "sound.mp3": b"ID3", "pics/diagram.png": PNG}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> tuple[Path, str]:
    project = make_project(tmp_path_factory.mktemp("features"), NOTES, ATTACHMENTS,
                           settings={"broken_links": "info"})
    result = build(project, verbose=True, strict=False)
    assert result.returncode == 0, [line for line in result.stderr.splitlines() if not line.startswith("DEBUG")]
    warnings = sorted(line for line in result.stderr.splitlines() if line.startswith("WARNING"))
    assert len(warnings) == 3, warnings  # the two cycle stops and the repeated name; nothing else
    return project / "site", result.stderr


def test_every_link_lands_on_an_existing_file_and_anchor(fixture_site):
    site, _ = fixture_site
    assert unresolved_links(site) == []
    assert len(linker(site).select("a[href]")) > 15


def linker(site: Path):
    return article(site / "linker" / "index.html")


def test_links_have_obsidian_text_and_targets(fixture_site):
    content = linker(fixture_site[0])
    links = {a.get_text(): a["href"] for a in content.select("a[href]") if not a.get("class")}
    assert links["embed files"] == "../embed-files/"
    assert links["by alias"] == "../embed-files/"
    assert links["Embed files > Heading Two"] == "../embed-files/#heading-two"
    assert links["Embed files > Heading Two > Sub"] == "../embed-files/#sub"
    assert links["Local"] == "#local"
    assert links["Embed files > blk"] == "../embed-files/#^blk"
    same = [a["href"] for a in content.select("a[href]") if a.get_text() == "Same"]
    assert same == ["../a/same/", "../a/same/"]  # [[a/Same]] shows its name, as Obsidian does
    assert links["Embed files > café & co"] == "../embed-files/#cafe-co"
    assert links["diagram.png"] == "../assets/pics/diagram.png"
    assert links["md link"] == "../embed-files/#heading-two"
    assert links["in table"] == "../embed-files/"


def test_media_kinds(fixture_site):
    content = linker(fixture_site[0])
    images = content.select("img[src$='pic.png']")
    assert {(i.get("width"), i.get("height")) for i in images} >= {("300", None), ("300", "200"), ("100", None)}
    assert all(i.get("loading") == "lazy" for i in images if i.get("alt") != "std image")
    assert any(i.get("alt") == "alt text" for i in images)
    assert content.select_one("iframe.vault-pdf")["src"] == "../assets/doc.pdf"
    assert content.select_one("video[controls]")["src"] == "../assets/clip.mp4"
    assert content.select_one("audio[controls]")["src"] == "../assets/sound.mp3"
    assert content.select_one("td img[src$='pic.png']") is not None
    assert content.select_one("a.glightbox img") is not None, "images open large in a lightbox"


def test_missing_targets_are_visible_and_reported(fixture_site):
    site, log = fixture_site
    content = linker(site)
    assert content.select_one(".vault-missing .vault-missing__caption").get_text() == "not here.png"
    broken = content.select_one(".vault-link--broken")
    assert broken.get_text() == "No such note" and broken.name == "span"
    assert "1 embedded files are not in the vault" in log
    assert "1 links point to no note or file" in log
    assert "Linker.md:10:" in log, "verbose log names note and line"
    assert "[[Same]] matches 2 files (a/Same.md, b/Same.md)" in log


def test_note_embeds_quote_the_section_and_stop_cycles(fixture_site):
    site, log = fixture_site
    quotes = [q.get_text(" ", strip=True) for q in linker(site).select("blockquote")]
    assert any(q.startswith("Embed files > Heading Two") and "Section text." in q and "Sub text." in q
               and "Accents" not in q for q in quotes)
    assert any(q.startswith("Embed files > blk") and "Sub text." in q and "Section" not in q for q in quotes)
    cycle = article(site / "cycle-a" / "index.html")
    assert "B embeds A" in cycle.get_text() and cycle.select_one(".vault-embed-cycle")
    assert "embeds a note that embeds it back" in log


def test_code_and_comments(fixture_site):
    content = linker(fixture_site[0])
    assert "[[Embed files]]" in content.select_one("p code").get_text()
    assert content.select_one("pre").get_text().strip() == "![[pic.png]] [[Embed files]]"
    assert "[[" not in text_outside_code(content) and "hidden" not in content.get_text()


def test_broken_links_fail_the_build_by_default(tmp_path):
    project = make_project(tmp_path, {"Note.md": "See [[Nowhere]].\n"})
    result = build(project)
    assert result.returncode != 0
    assert "Note.md:1: [[Nowhere]]: no note or file named 'Nowhere' in the vault" in result.stderr
    assert not (project / "site" / "note").exists()
