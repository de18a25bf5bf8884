"""Vaults shaped like real ones (plugins' properties, many languages, drafts, files of every kind), built for real.

Each case: the right site or a clear message naming the file, never a traceback,
never a lost or overwritten page, never active HTML from the vault.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from sitebuild import SITE_PATHS, TOC_IDS, article, build, make_project, soup, unresolved_links

EVIL = "<img src=x onerror=alert(1)>"


def built(tmp_path: Path, notes: dict, attachments: dict | None = None, *, offline: bool = False,
          **settings) -> tuple[Path, str]:
    project = make_project(tmp_path / "project", notes, attachments, settings=settings or None)
    result = build(project, strict=False, verbose=True, offline=offline)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, [l for l in result.stderr.splitlines() if not l.startswith("DEBUG")]
    return project / "site", result.stderr


def active_elements(site: Path) -> list[str]:
    """Every element of every page with an on...= attribute, or an <img src=x> (what the vault tried to inject)."""
    found = []
    for page in site.rglob("*.html"):
        for tag in soup(page).find_all(True):
            if any(name.lower().startswith("on") for name in tag.attrs) or (tag.name == "img" and tag.get("src") == "x"):
                found.append(f"{page.relative_to(site)}: {tag}")
    return found


def nav_targets_missing(site: Path) -> list[str]:
    """Links of the home page's navigation that land on no file."""
    home = site / "index.html"
    missing = []
    for link in soup(home).select("nav.md-nav--primary a.md-nav__link[href]"):
        target = (home.parent / link["href"].split("#")[0]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            missing.append(link["href"])
    return missing


def page_with(site: Path, marker: str, *, home: bool = False) -> list[str]:
    """The pages whose content shows ``marker`` (the home page's note cards left aside unless ``home``)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if article(p) is not None and marker in article(p).get_text()
                  and (home or p != site / "index.html"))


def test_property_values_are_text_in_nav_title_meta_tags_and_search(tmp_path):
    notes = {
        "Generic.md": '---\ntitle: "Map<K, V> basics"\n---\nGeneric body.\n',
        "Evil.md": (f"---\ntitle: '{EVIL}'\ntags: ['{EVIL}', fine]\ndescription: '\"><img src=x onerror=alert(3)>'\n"
                    f"subtitle: '{EVIL}'\nauthor: '\"><img src=x onerror=alert(5)>'\n---\nEvil body.\n"),
    }
    site, log = built(tmp_path, notes)
    assert active_elements(site) == []
    generic = soup(site / "generic" / "index.html")
    assert generic.select_one("article h1").get_text() == "Map<K, V> basics"
    assert generic.title.get_text().startswith("Map<K, V> basics")
    assert "Map<K, V> basics" in [a.get_text(strip=True) for a in generic.select("nav a")]
    evil = soup(site / "evil" / "index.html")
    assert evil.title.get_text().startswith(EVIL)
    assert evil.select_one('meta[name="description"]')["content"] == '"><img src=x onerror=alert(3)>'
    assert EVIL in [tag.get_text(strip=True) for tag in evil.select(".md-tag")]
    assert EVIL in soup(site / "reference" / "tags" / "index.html").get_text()
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert "<img" not in json.dumps([doc.get("title") for doc in index["docs"]] + [doc.get("tags") for doc in index["docs"]])


def test_every_url_has_one_source_and_no_page_is_lost(tmp_path):
    notes = {
        "Topic.md": "TOPIC-FLAT\n", "Topic/index.md": "TOPIC-INDEX\n", "Topic/Index.md": "TOPIC-CAPITAL-INDEX\n",
        "Index.md": "ROOT-CAPITAL-INDEX\n",
        "Reference/Glossary.md": "NOTE-GLOSSARY\n", "reference/services.md": "NOTE-SERVICES\n",
        "reference/figures.md": "NOTE-FIGURES\n", "Reference/Use Cases.md": "NOTE-USE-CASES\n",
        "reference/tags.md": "NOTE-TAGS\n", "Sub/README.md": "SUB-README\n", "Sub/index.md": "SUB-INDEX\n",
        "Terms.md": "# Terms\n## Amazon Thing\nAmazon Thing (AT) does things. #tagged\n- Use cases\n    - Storing\n\n![[pic.png]]\n",
        "Case.md": "CASE-UPPER\n", "case.md": "CASE-LOWER\n",
    }
    site, log = built(tmp_path, notes)
    for marker in ["TOPIC-FLAT", "TOPIC-INDEX", "TOPIC-CAPITAL-INDEX", "ROOT-CAPITAL-INDEX", "NOTE-GLOSSARY",
                   "NOTE-SERVICES", "NOTE-FIGURES", "NOTE-USE-CASES", "NOTE-TAGS", "SUB-README", "SUB-INDEX",
                   "CASE-UPPER", "CASE-LOWER"]:
        assert len(page_with(site, marker, home=True)) == 1, (marker, page_with(site, marker, home=True))
    assert page_with(site, "ROOT-CAPITAL-INDEX", home=True) == ["index.html"]  # Index.md is the home page
    headings = {article(p).select_one("h1").get_text(strip=True).rstrip("¶") for p in site.rglob("*.html")
                if article(p) is not None and article(p).select_one("h1")}
    assert {"Services A–Z", "Glossary", "Figures", "Use-case finder", "Tags"} <= headings
    assert "Topic.md: would be published at 'topic/' like 'Topic/index.md'" in log
    assert "has the URL of the generated page 'reference/glossary/'" in log
    assert nav_targets_missing(site) == []
    assert unresolved_links(site) == []


def test_plugin_properties_reach_the_theme_only_when_valid(tmp_path):
    notes = {
        "Iconize.md": "---\nicon: LiBook\n---\nICONIZE\n",
        "Templater.md": "---\ntemplate: Daily note\n---\nTEMPLATER\n",
        "Hidden.md": "---\nhide: true\nsearch: yes\nstatus: new\n---\nHIDDEN\n",
        "Valid.md": "---\nhide: [toc]\nicon: material/book\n---\n# Valid\n## Sub\nVALID\n",
        "Forty two.md": "---\naliases: 42\n---\nFORTY-TWO\n",
        "Yes.md": "---\naliases: true\n---\nYES\n",
        "Dated.md": "---\naliases: 2024-01-02\ntags: [null, ok]\n---\nDATED\n",
        "Linker.md": "[[42]], [[true]] and [[2024-01-02]].\n",
    }
    site, log = built(tmp_path, notes)
    for name in ("iconize", "templater", "hidden", "valid"):
        assert (site / name / "index.html").is_file()
    assert "Iconize.md: 'icon: LiBook' is not a file of the theme" in log
    assert "Templater.md: 'template: Daily note' is not a file of the theme" in log
    valid = soup(site / "valid" / "index.html")
    assert valid.select_one(".md-sidebar--secondary")["hidden"] is not None
    assert soup(site / "hidden" / "index.html").select_one(".md-sidebar--secondary").get("hidden") is None
    hrefs = [a["href"] for a in article(site / "linker" / "index.html").select("a[href]")]
    assert hrefs == ["../forty-two/", "../yes/", "../dated/"]


def test_slugs_keep_composed_characters_and_fit_on_disk(tmp_path):
    korean = "한국어로 작성한 아주 긴 강의 노트 제목" * 4  # 200 bytes on disk
    notes = {"データベース.md": "DB\n", "テータヘース.md": "TD\n", "ガイド.md": "GUIDE\n", "カイト.md": "KITE\n",
             f"{korean}.md": "KOREAN\n", "Links.md": f"[[データベース]] [[テータヘース]] [[ガイド]] [[カイト]] [[{korean}]]\n"}
    assert len(f"{korean}.md".encode()) < 255
    site, log = built(tmp_path, notes)
    for name, marker in (("データベース", "DB"), ("テータヘース", "TD"), ("ガイド", "GUIDE"), ("カイト", "KITE")):
        assert page_with(site, marker) == [f"{name}/index.html"]
    [korean_page] = page_with(site, "KOREAN")
    assert korean_page.startswith("한국어로") and len(korean_page.split("/")[0].encode()) <= 255
    assert len(article(site / "links" / "index.html").select("a[href]")) == 5 and unresolved_links(site) == []


MEGABYTE = 1_000_000
# Lines some pattern of the hooks once took quadratic (or cubic) time on. The build test has those
# Python-Markdown itself reads fast; lines of '[', '<a ', '[a](' or '> ' are slow in Python-Markdown
# itself (5,000 '[' take 35 s there), so those run through the hooks' own code in the second test.
LINES_FOR_A_BUILD = {"one word": "a" * MEGABYTE, "spaces": " " * MEGABYTE + "x", "hashes": "# " + "#" * MEGABYTE + "x"}
LINES_FOR_THE_HOOKS = {"braces": "{" * MEGABYTE, "url": "Amazon Thing http" * (MEGABYTE // 17),
                       "quotes": "> " * (MEGABYTE // 2) + "x", "brackets": "[" * MEGABYTE, "tags": "<a " * (MEGABYTE // 3), "links": "[a](" * (MEGABYTE // 4),
                       "embeds": "![[" * (MEGABYTE // 3), "backticks": "`a" * (MEGABYTE // 20)}


def test_adversarial_one_megabyte_lines_build_in_bounded_time(tmp_path):
    notes = {f"{name}.md": f"# {name}\n{line}\n" for name, line in LINES_FOR_A_BUILD.items()}
    notes["Terms.md"] = "## Amazon Thing\nAmazon Thing (AT) does things.\n"
    start = time.perf_counter()
    site, log = built(tmp_path, notes)
    seconds = time.perf_counter() - start
    print(f"\n{len(LINES_FOR_A_BUILD)} notes with a 1 MB line each built in {seconds:.1f} s")
    assert seconds < 60
    assert ("a" * 1000) in (site / "one-word" / "index.html").read_text()


def test_adversarial_one_megabyte_lines_pass_the_hooks_code_in_bounded_time():

    from vaultlib.index.vault import VaultIndex, VaultRoot
    from vaultlib.index.note_text import read_note
    from vaultlib.render.note_render import PageRender
    from vaultlib.index.resolver import Resolver
    from vaultlib.render.transforms import inline_tags, promote_title_heading, separate_lists
    from vaultlib.xref.mentions import MentionFinder

    index = VaultIndex.scan([VaultRoot(Path(__file__).parent / "fixtures" / "tiny-vault")], TOC_IDS)
    finder = MentionFinder({"Amazon Thing": object()}, 2)
    for name, line in (LINES_FOR_THE_HOOKS | LINES_FOR_A_BUILD).items():
        text = f"# {name}\n{line}\n"
        start = time.perf_counter()
        read_note(text, f"{name}.md", TOC_IDS)
        list(finder.find(line))
        rendered = PageRender(Resolver(index), index.notes[0], "note/", SITE_PATHS).render(text)
        promote_title_heading(separate_lists(inline_tags(rendered)[0]), name)
        seconds = time.perf_counter() - start
        print(f"\n{name}: {len(line):,} characters through the hooks' code in {seconds:.1f} s")
        assert seconds < 60, name


def _alias_bomb(key: str) -> str:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "---\n" + "\n".join(levels) + f"\n{key}: *a8\n---\nBOMB BODY {key}\n"


def test_yaml_alias_bomb_and_huge_properties_are_refused(tmp_path):
    notes = {f"Bomb {key}.md": _alias_bomb(key) for key in ("tags", "aliases", "title")}
    notes["Huge.md"] = "---\ntitle: " + "x" * 300_000 + "\n---\nHUGE BODY\n"
    start = time.perf_counter()
    site, log = built(tmp_path, notes)
    print(f"\nthree alias bombs and a 300 KB title built in {time.perf_counter() - start:.1f} s")
    assert time.perf_counter() - start < 60
    for key in ("tags", "aliases", "title"):
        assert f"Bomb {key}.md:2: the properties hold more than 10,000 values" in log
        assert page_with(site, f"BOMB BODY {key}") == [f"bomb-{key}/index.html"]
    assert "Huge.md:2: the properties hold more than 200,000 characters" in log
    assert page_with(site, "HUGE BODY") == ["huge/index.html"]


def test_drafts_are_published_nowhere_and_links_to_them_are_text(tmp_path):
    notes = {"Draft.md": "---\npublish: false\n---\n# Draft\nDRAFT-SECRET\n",
             "Wip.md": "---\ndraft: true\naliases: [Work]\n---\nWIP-SECRET Amazon Hidden Service (AHS) is new.\n",
             "Public.md": "# Public\nSee [[Draft]], [[Work|the work]], [md](Draft.md) and\n\n![[Draft]]\n"}
    for offline in (False, True):
        site, log = built(tmp_path / str(offline), notes, offline=offline)
        published = "\n".join(p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())
        assert "DRAFT-SECRET" not in published and "WIP-SECRET" not in published and "Hidden Service" not in published
        assert not [p for p in site.rglob("*") if p.stem in ("draft", "wip")]
        public = article(site / "public.html" if offline else site / "public" / "index.html")
        assert public.select("a[href]:not(.headerlink)") == [] and public.select(".vault-link--broken") == []
        assert "See Draft, the work, md and" in public.get_text()
        assert "Draft.md: is a draft (publish: false or draft: true); it is not published" in log
        assert "draft/" not in (site / "sitemap.xml").read_text() if (site / "sitemap.xml").exists() else True
        assert [l for l in log.splitlines() if l.startswith(("WARNING", "ERROR"))] == []
    site, log = built(tmp_path / "on", notes, publish_drafts="true")
    assert page_with(site, "DRAFT-SECRET") == ["draft/index.html", "public/index.html"]  # the page and the embed


def test_html_files_markdown_among_attachments_nan_order_and_hash_names(tmp_path):
    script = "<script>window.VAULT_SCRIPT = 1</script>"
    notes = {"page.html": f"<html>{script}</html>", "A.md": "---\norder: .nan\n---\nA-NOTE\n",
             "B.md": "---\norder: 1\n---\nB-NOTE [[page.html]] [[widget.html]]\n", "C.md": "---\norder: 2\n---\nC-NOTE\n",
             "D.md": "# D\n![[hash#1.png]]\n"}
    attachments = {"widget.html": f"<p>{script}</p>".encode(), "Stray.md": b"STRAY-NOTE\n", "hash#1.png": b"\x89PNG"}
    site, log = built(tmp_path, notes, attachments)
    published = "\n".join(p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())
    assert "VAULT_SCRIPT" not in published
    assert "page.html: is an HTML page (its scripts would run on the site); it is not published" in log
    assert "assets/Stray.md: is a note inside the attachments folder 'assets'" in log
    assert page_with(site, "STRAY-NOTE") == ["assets/stray/index.html"]
    assert nav_targets_missing(site) == [] and unresolved_links(site) == []
    nav = [a.get_text(strip=True) for a in soup(site / "index.html").select("nav.md-nav--primary a.md-nav__link")]
    assert [name for name in nav if name in ("A", "B", "C")] == ["B", "C", "A"]
    d = article(site / "d" / "index.html")
    assert d.select_one("img[src]") and not d.select(".vault-missing")
    assert (site / "d" / d.select_one("img")["src"].replace("%23", "#")).resolve().is_file()


def test_slug_is_composed_distinct_and_short():
    from vaultlib.index.urls import MAX_SLUG_BYTES, slug

    assert slug("データベース") == "データベース" != slug("テータヘース")
    assert slug("ガイド") != slug("カイト")
    assert slug("Café ünïcode") == "cafe-unicode" and slug("한국어 노트") == "한국어-노트"
    long_a, long_b = "한국어 " * 90 + "가", "한국어 " * 90 + "나"
    assert len(slug(long_a).encode()) <= MAX_SLUG_BYTES and slug(long_a) != slug(long_b)
    assert slug(long_a) == slug(long_a)  # the short hash is stable


def test_note_urls_never_collide_and_generated_pages_step_aside():
    from vaultlib.index.publish import home_note, note_dests, place_generated

    dests, problems = note_dests(["Topic.md", "Topic/index.md", "Topic/Index.md", "Index.md", "Reference/Glossary.md"], True)
    assert len(set(dests.values())) == len(dests)
    assert dests["Topic/index.md"] == "topic/index.html" and home_note(dests) == "Index.md"
    assert {p.path for p in problems} == {"Topic.md", "Topic/Index.md"}
    placed, moved = place_generated(["reference/glossary.md", "reference/figures.md"], dests, True)
    assert placed == {"reference/glossary.md": "reference/glossary-2.md", "reference/figures.md": "reference/figures.md"}
    assert moved[0].path == "Reference/Glossary.md"


def test_theme_sees_escaped_text_and_valid_settings_only():
    from vaultlib.index.properties import is_draft, oversized, text_list, theme_meta

    meta, kept = theme_meta({"icon": "LiBook", "template": "Daily note", "hide": True, "description": "<b>",
                             "search": {"exclude": True}}, "Map<K, V>", ["<i>"], lambda path: path == "main.html")
    assert meta == {"title": "Map&lt;K, V&gt;", "tags": ["&lt;i&gt;"], "description": "&lt;b&gt;",
                    "search": {"exclude": True}}
    assert len(kept) == 3
    assert theme_meta({"template": "main.html", "hide": ["toc"]}, "t", [], lambda p: p == "main.html")[0]["hide"] == ["toc"]
    assert text_list(42) == ["42"] and text_list(True) == ["true"] and text_list([None, "a"]) == ["a"]
    assert is_draft({"publish": False}) and is_draft({"draft": "true"}) and not is_draft({"publish": True})
    shared: list = ["x"] * 10
    for _ in range(8):
        shared = [shared] * 10
    assert "10,000 values" in oversized({"tags": shared}) and oversized({"tags": ["a", "b"]}) == ""


def test_active_tags_are_found_as_the_old_pattern_found_them():
    from vaultlib.syntax.active_html import escape_active_tags

    assert escape_active_tags('<img src=x onerror=alert(1)> and <b>bold</b>') == \
        '&lt;img src=x onerror=alert(1)&gt; and <b>bold</b>'
    assert escape_active_tags("<x <script>") == "<x &lt;script&gt;"
    assert escape_active_tags("<a " * 300_000) == "<a " * 300_000


def test_html_comments_hide_headings_links_tags_and_terms_everywhere(tmp_path):
    """Obsidian shows nothing inside <!-- -->: no heading, link, backlink, graph edge, acronym or search entry."""
    hidden = ("<!--\n## Hidden heading\nSee [[Target]] and #hiddentag ^hiddenblock\n"
              "Hidden Acronym Term (HAT) is defined here.\n-->")
    notes = {"Source.md": f"# Source\nShown text.\n{hidden}\nAfter the comment, inline <!-- [[Target]] --> too.\n"
                          "`<!-- code -->` stays.\n\n<!-- never closed",
             "Target.md": "# Target\nThe target.\n"}
    site, log = built(tmp_path, notes)
    source = article(site / "source" / "index.html")
    assert "Hidden" not in str(source) and "hiddentag" not in str(source)
    assert "After the comment, inline" in source.get_text() and "<!-- code -->" in source.get_text()
    assert "<!-- never closed" in source.get_text()  # shown as text, not lost
    assert "Source.md:" in log and "'<!--' opens a comment that is never closed" in log
    assert article(site / "target" / "index.html").select(".vault-backlinks") == []
    graph = (site / "assets" / "vault" / "graph-data.js").read_text()
    payload = json.loads(graph[graph.index("=") + 1:].rstrip().rstrip(";"))
    assert payload["edges"] == []
    index = (site / "search" / "search_index.json").read_text()
    assert "Hidden" not in index and "HAT" not in (site / "reference" / "glossary" / "index.html").read_text()
