"""Vaults as people write them (issue 10): a 160-note product help vault built for real, and each fix by itself.

The help vault (tests/fixtures/help-vault/make_help_vault.py) is built once with
--strict; a link checker then reads every page of the site, notes and generated
pages alike.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitebuild import ROOT, SITE_PATHS, TOC_IDS, article, build, make_project, site_nav, soup, text_outside_code
from vaultlib.syntax.code import inline_code_spans, map_prose
from vaultlib.render.heading_ids import HeadingIds
from vaultlib.index.vault import VaultIndex, VaultRoot
from vaultlib.render.quotes import Quoter, first_sentence, note_summary

MAKER = ROOT / "tests" / "fixtures" / "help-vault" / "make_help_vault.py"
LITERALS = re.compile(r"!?\[\[|%%|(?<![\w^])\^[A-Za-z0-9-]+\b")


def help_vault() -> tuple[dict[str, str], dict[str, bytes]]:
    spec = importlib.util.spec_from_file_location("make_help_vault", MAKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.help_vault()


@pytest.fixture(scope="module")
def help_site(tmp_path_factory) -> Path:
    notes, attachments = help_vault()
    assert len(notes) >= 150
    project = make_project(tmp_path_factory.mktemp("help-vault"), notes, attachments)
    result = build(project, strict=True)
    assert result.returncode == 0, [line for line in result.stderr.splitlines() if not line.startswith("DEBUG")]
    return project / "site"


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts and p.name != "404.html")


@lru_cache(maxsize=None)
def ids_of(page: Path) -> frozenset[str]:
    return frozenset(tag["id"] for tag in soup(page).select("[id]"))


def dead_links(site: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]], int]:
    """(dead links, links to a missing anchor, links checked) over every page of the site."""
    dead, anchors, checked = [], [], 0
    for page in site_pages(site):
        body = soup(page).body
        for element in body.select("a[href], img[src], audio[src], video[src], source[src], iframe[src]"):
            url = element.get("href") or element.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            where = (str(page.relative_to(site)), url)
            if not target.is_file():
                dead.append(where)
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                anchors.append(where)
    return dead, anchors, checked


def literal_syntax(site: Path) -> list[tuple[str, str]]:
    """(page, text) of every `[[`, `![[`, `%%` or `^block-id` a reader sees outside code, on every page."""
    found = []
    for page in site_pages(site):
        text = text_outside_code(soup(page).body)
        found += [(str(page.relative_to(site)), match.group()) for match in LITERALS.finditer(text)]
    return found


# -- Done when: the whole help vault -------------------------------------------------------------

def test_help_vault_site_has_no_dead_link_no_missing_anchor_and_no_raw_syntax(help_site):
    dead, anchors, checked = dead_links(help_site)
    assert dead == [] and anchors == []
    assert checked > 5000, checked
    assert literal_syntax(help_site) == []


def test_help_vault_generated_pages_are_checked_too(help_site):
    for page in ("index.html", "reference/services/index.html", "reference/use-cases/index.html",
                 "reference/glossary/index.html", "reference/figures/index.html"):
        assert (help_site / page).is_file(), page
    home = article(help_site / "index.html")
    assert len(home.select(".grid.cards li")) >= 160


def test_heading_ids_on_every_page_are_the_ids_the_index_computed(help_site):
    notes, _ = help_vault()
    docs = help_site.parent / "docs"
    index = VaultIndex.scan([VaultRoot(docs)], site_heading_ids())
    compared = 0
    for note in index.notes:
        page = help_site / url_of(help_site, note.site_path)
        built = [h["id"] for h in article(page).select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")
                 if not h.find_parent(["blockquote", "details"]) and not h.find_parent(class_="admonition")]
        expected = [h.anchor for h in note.content.headings if not h.text.startswith("Internal:")
                    and not h.text.startswith("Draft:")]  # headings inside comments: issue 10 item 3
        assert built == expected, note.vault_path
        compared += len(built)
    assert compared > 800


def site_heading_ids() -> HeadingIds:
    """HeadingIds configured as the hook configures it: the site's Markdown extensions and their settings."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return HeadingIds(extensions=config.markdown_extensions, configs=config.mdx_configs)


@lru_cache(maxsize=None)
def _note_urls(site: Path) -> dict[str, str]:
    """Note title -> page, from the site's nav (titles are unique in the help vault)."""
    return dict(site_nav(site))


def url_of(site: Path, site_path: str) -> str:
    title = site_path.rsplit("/", 1)[-1].removesuffix(".md")
    return _note_urls(site)[title].lstrip("./") + "index.html"


# -- 1. generated pages quote notes through the notes' renderer ---------------------------------

def home_card(home, href: str):
    """The home page's card of the note whose page is ``href``."""
    return next(li for li in home.select(".grid.cards li") if li.select_one(f"strong a[href='{href}']"))


def test_generated_pages_quote_note_text_through_the_note_renderer(help_site):
    home = article(help_site / "index.html")
    card = home_card(home, "welcome/")
    links = {a.get_text(): a["href"] for a in card.select("a[href]")}
    assert links["Tessera"] == "getting-started/tessera/" and links["boards"] == "boards/boards/"
    assert "[[" not in card.get_text()
    assert home_card(home, "getting-started/tessera/").select_one("mark").get_text() == "workspace for teams"
    release = home_card(home, "release-notes/tessera-4-3/")
    assert release.select_one("a code").get_text().endswith("()")  # code inside a link's text
    assert release.select_one(".vault-tag").get_text() == "#release"
    services = article(help_site / "reference" / "services" / "index.html")
    flowboard = services.find(id="flowboard").find_next_sibling("p")
    assert flowboard.select_one("a[href$='boards/boards/']") and "[[" not in flowboard.get_text()
    cases = article(help_site / "reference" / "use-cases" / "index.html")
    assert cases.select_one("tbody td a code") is not None  # `hasTag` in a link, in a table cell


def test_quotes_drop_comments_block_ids_and_show_embeds_as_links(tmp_path):
    notes = {
        "A.md": "First [[B|bee]] %%secret%% with ==mark== and ![[pic.png]] and ![[B]] here. ^blk\n",
        "B.md": "# B\nText of B.\n",
        "Open.md": "Before %% an unclosed comment [[B]]\n",
    }
    docs = tmp_path / "docs"
    for name, text in notes.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    (docs / "pic.png").write_bytes(b"png")
    index = VaultIndex.scan([VaultRoot(docs)], TOC_IDS)
    quoter = Quoter(index, SITE_PATHS)
    a, opened = index.note_by_site_path["A.md"], index.note_by_site_path["Open.md"]
    shown = quoter.render(note_summary(a), "reference/services.md")
    assert shown == "First [bee](../B.md) with ==mark== and [pic.png](../pic.png) and [B](../B.md) here."
    assert quoter.render(note_summary(opened), "index.md") == "Before"
    assert quoter.render(note_summary(a), "t.md", in_table=True).count("|") == 0


def test_first_sentence_never_cuts_links_or_code():
    assert first_sentence("See [[Notes. Old]] and `a. b` first. Then more.") == "See [[Notes. Old]] and `a. b` first."
    assert first_sentence("word " * 50, 30).endswith("…") and len(first_sentence("word " * 50, 30)) <= 31
    assert first_sentence("[[A very long link name that goes on]] tail", 10) == "[[A very long link name that goes on]] tail"


# -- 2. wikilinks holding inline code -----------------------------------------------------------

def test_wikilinks_holding_inline_code_are_links_and_code_elsewhere_stays_code(help_site):
    functions = article(help_site / url_of(help_site, "Functions.md"))
    first = functions.select_one("p a[href$='#hastag']")
    assert first is not None and first.select_one("code").get_text() == "hasTag"
    move = functions.select_one("p a[href='#move']")
    assert move is not None and move.get_text() == "move"
    assert functions.find(id="move").select_one("code").get_text() == "move"
    formatting = article(help_site / url_of(help_site, "Formatting.md"))
    assert "[[Not a link]] and %%not a comment%%" in formatting.select_one("pre").get_text()
    assert [c.get_text() for c in article(help_site / url_of(help_site, "Docs editor.md")).select("p code")][:2] == ["/", "[["]


def test_code_spans_do_not_cut_wikilinks_around_backticks():
    line = "[[Functions#hasTag|`hasTag`]] and `[[x]]` and [[#`move`|move]] and `c`"
    assert [line[s:e] for s, e in inline_code_spans(line)] == ["`[[x]]`", "`c`"]
    assert map_prose("`a [[b` c]]", str.upper) == "`a [[b` C]]"


# -- 3 (issue item 4). heading ids as toc makes them --------------------------------------------

def test_heading_ids_are_the_ids_toc_gives_the_rendered_heading():
    ids = site_heading_ids()
    headings = ["Math $e^{i\\pi}$", "Ada Lovelace <ada@example.org>", "The `move` function", "*Italic*, **bold** and ==mark==",
                "Links to [[Boards]] in a heading", "Tips &amp; tricks", "Keys <kbd>Ctrl</kbd>+<kbd>K</kbd>",
                "a", "a", "a_1", "Heading ^blk", "Custom {#mine}", "mine"]
    assert ids.page_ids(headings) == [
        "math-eipi", "ada-lovelace-adaexampleorg", "the-move-function", "italic-bold-and-mark", "links-to-boards-in-a-heading",
        "tips-tricks", "keys-ctrlk", "a", "a_1", "a_2", "heading", "mine", "mine_1"]


def test_headings_inside_callouts_take_their_ids_first():
    from vaultlib.index.note_text import read_note

    content = read_note("# T\n> [!example] Worked\n> ## Example\n>> ### Example ##\n## Example\n", "x.md", site_heading_ids())
    assert [(h.text, h.anchor) for h in content.headings] == [("T", "t"), ("Example", "example_2")]


def test_heading_ids_follow_the_toc_separator_setting(tmp_path):
    ids = HeadingIds(extensions=["toc"], configs={"toc": {"separator": "_"}})
    assert ids.page_ids(["Ada Lovelace <ada@example.org>", "Two words"]) == ["ada_lovelace_adaexampleorg", "two_words"]
    notes = {"A.md": "# A\n## Two words\nSee [[B#Ada Lovelace <ada@example.org>]] and [[#Two words]].\n",
             "B.md": "# B\n## Ada Lovelace <ada@example.org>\ntext\n"}
    project = make_project(tmp_path, notes)
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("      permalink: true", "      permalink: true\n      separator: '_'"))
    result = build(project)  # --strict: MkDocs fails on a link to a missing anchor
    assert result.returncode == 0, result.stderr
    page = article(project / "site" / "a" / "index.html")
    assert page.select_one("a[href='../b/#ada_lovelace_adaexampleorg']") and page.select_one("a[href='#two_words']")


# -- 4 (issue item 5). figures page ------------------------------------------------------------

def test_figures_reached_through_an_embedded_section_link_to_the_embed_and_media_has_no_img(help_site):
    figures = article(help_site / "reference" / "figures" / "index.html")
    slack = figures.find(id="slack-integration").find_next_sibling("table")
    row = next(tr for tr in slack.select("tbody tr") if "authorize-dialog.png" in tr.get_text())
    assert row.select_one("td:last-child a")["href"] == "../../integrations/slack-integration/#set-up-slack"
    embeds = figures.find(id="embeds").find_next_sibling("table")
    for tr in embeds.select("tbody tr"):
        name = tr.select("td")[1].get_text()
        if name.endswith((".ogg", ".mp3", ".mp4", ".webm", ".pdf")):
            assert tr.select_one("img") is None and tr.select_one(".vault-file-icon"), name
    assert len(embeds.select("tbody tr .vault-file-icon")) == 6  # 5 media, and the PDF of the embedded Welcome
    pdf_rows = [tr for tr in embeds.select("tbody tr") if tr.select("td")[1].get_text() == "Quick reference.pdf"]
    assert {tr.select_one("td:last-child a")["href"] for tr in pdf_rows} == {
        "../../boards/embeds/#media", "../../boards/embeds/#a-whole-note"}  # where the embeds sit on the page


# -- 5 (issue item 6). attributes ---------------------------------------------------------------

def test_attributes_the_hooks_write_are_escaped_and_inert(help_site):
    for page in (url_of(help_site, "Embeds.md"), "reference/figures/index.html"):
        html = (help_site / page).read_text()
        content = article(help_site / page)
        assert not [tag for tag in content.find_all(True) if any(a.startswith("on") for a in tag.attrs)], page
        assert "&quot; onclick=&quot;alert(1).png" in html, page  # the quotes are escaped
    embeds = article(help_site / url_of(help_site, "Embeds.md"))
    labels = [span["aria-label"] for span in embeds.select(".vault-missing")]
    assert 'Missing file: a" onclick="alert(1).png' in labels
    assert embeds.select_one('img[alt="Diagram, second version"]')["src"].endswith("diagram%20%22v2%22.png")


# -- 6 (issue item 7). the offline zip link ----------------------------------------------------

def test_home_links_the_offline_zip_only_when_the_build_makes_it(tmp_path, monkeypatch):
    import build_site

    project = make_project(tmp_path / "project", {"Note.md": "# Note\ntext\n"})
    monkeypatch.delenv("VAULT_OFFLINE_BUNDLE", raising=False)
    assert build(project, tmp_path / "plain").returncode == 0  # as `mkdocs build` does
    assert soup(tmp_path / "plain" / "index.html").select_one("a[download]") is None
    bundle = build_site.build(project / "mkdocs.yml", tmp_path / "made", tmp_path / "dist")
    link = soup(tmp_path / "made" / "index.html").select_one("a[download]")
    assert (tmp_path / "made" / link["href"]).read_bytes() == bundle.read_bytes()
