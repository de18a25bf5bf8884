"""Study mode: cards from the model (the ten notes) and from the Spaced Repetition plugin's syntax
(a fixture vault), the parser on nasty inputs, the quiz, and the Anki package read back."""
from __future__ import annotations

import re
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

from sitebuild import ROOT, TOC_IDS, article, build, make_project
from vaultlib.index.vault import VaultRoot
from vaultlib.syntax.plain_text import plain_text
from vaultlib.pipeline import Pipeline, SiteInfo
from vaultlib.settings import VaultSettings
from vaultlib.study import syntax
from vaultlib.study.syntax import flashcard_tags, parse_cards

# The fixture vault, one line (or block) at a time, each with the cards it must give:
# (Markdown, [(kind, front, back, deck)]). The expected cards are read from this table.
FENCE = "```"
DECK_LINES = [
    ("Powerhouse of the cell::mitochondrion", [("basic", "Powerhouse of the cell", "mitochondrion", "flashcards/biology")]),
    ("Osmosis:::water crossing a membrane", [("basic", "Osmosis", "water crossing a membrane", "flashcards/biology"),
                                             ("reversed", "water crossing a membrane", "Osmosis", "flashcards/biology")]),
    ("- Listed question::listed **answer**", [("basic", "Listed question", "listed answer", "flashcards/biology")]),
    ("", []),
    ("What does a ribosome make\n?\nProteins\nfrom amino acids",
     [("basic", "What does a ribosome make", "Proteins\nfrom amino acids", "flashcards/biology")]),
    ("", []),
    ("Chlorophyll\n??\nthe green pigment", [("basic", "Chlorophyll", "the green pigment", "flashcards/biology"),
                                            ("reversed", "the green pigment", "Chlorophyll", "flashcards/biology")]),
    ("", []),
    ("The nucleus holds ==DNA== and the ==nucleolus==.",
     [("cloze", "The nucleus holds […] and the nucleolus.", "The nucleus holds DNA and the nucleolus.", "flashcards/biology"),
      ("cloze", "The nucleus holds DNA and the […].", "The nucleus holds DNA and the nucleolus.", "flashcards/biology")]),
    ("`code::not a card` and `==not a cloze==` in inline code.", []),
    (f"{FENCE}text\nfenced::not a card\n==not a cloze==\n{FENCE}", []),
    ("Ratio: 3:2, a time 10:30 and a url https://example.org are no cards.", []),
    ("## 植物 Plants", []),
    ("#flashcards/biology/plants", []),
    ("Xylem::carries water up", [("basic", "Xylem", "carries water up", "flashcards/biology/plants")]),
    ("#flashcards/biology/own Phloem::carries sugar", [("basic", "Phloem", "carries sugar", "flashcards/biology/own")]),
    ("Stoma::a leaf pore", [("basic", "Stoma", "a leaf pore", "flashcards/biology/plants")]),
    ("細胞膜::cell membrane & 1 < 2 #%", [("basic", "細胞膜", "cell membrane & 1 < 2 #%", "flashcards/biology/plants")]),
    ("Linked::see [[Untagged]] and $x^2$", [("basic", "Linked", r"see Untagged and \(x^2\)", "flashcards/biology/plants")]),
]
DECK_NOTE = "---\ntags: [flashcards/biology]\n---\n# Cells\n\n" + "\n".join(text for text, _ in DECK_LINES) + "\n"
INLINE_NOTE = "# Inline\r\n\r\n#flashcards\r\n\r\nCRLF front::CRLF back\r\nThe ==cloze== ends here\r\n"
INLINE_CARDS = [("basic", "CRLF front", "CRLF back", "flashcards"),
                ("cloze", "The […] ends here", "The cloze ends here", "flashcards")]
FIXTURE = {"Cells.md": DECK_NOTE, "Inline.md": INLINE_NOTE.encode("utf-8"),
           "Untagged.md": "# Untagged\n\nNot tagged::so no card\nA ==highlight== only.\n"}


def expected_fixture_cards() -> list[tuple[str, str, str, str]]:
    return [card for _, cards in DECK_LINES for card in cards] + INLINE_CARDS


def shown(element) -> str:
    """An element's text as the card shows it: lines kept, spaces collapsed."""
    text = element.get_text("")
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def page_cards(page: Path) -> list[dict]:
    content = article(page)
    return [{"id": card["data-vault-card"], "kind": card["data-vault-kind"],
             "front": shown(card.select_one(".vault-study__front")), "back": shown(card.select_one(".vault-study__back")),
             "deck": card.select_one(".vault-study__deck").get_text(), "note": card.select_one(".vault-study__note").get_text(),
             "source": card.select_one(".vault-study__source a")["href"]}
            for card in content.select(".vault-study__card")]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("study") / "project", FIXTURE)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def real_pipeline() -> Pipeline:
    import yaml

    settings = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["vault"]
    pipeline = Pipeline(VaultSettings(terms=settings["terms"]), TOC_IDS, get_relative_url)
    publish = lambda index: {note.site_path: note.site_path[:-3].lower() + "/" for note in index.notes}  # noqa: E731
    pipeline.run([VaultRoot(ROOT / "docs")], publish, SiteInfo("Test"))
    return pipeline


# ---- the fixture vault, built ----

def test_written_cards_are_the_fixtures_cards_with_their_decks(fixture_site):
    cards = page_cards(fixture_site / "reference" / "study" / "index.html")
    written = [(c["kind"], c["front"], c["back"], c["deck"]) for c in cards
               if c["kind"] in ("basic", "reversed", "cloze")]
    assert written == expected_fixture_cards()
    assert not any("Untagged" == c["note"] for c in cards)
    assert not any("not a card" in c["front"] + c["back"] or "not a cloze" in c["back"] for c in cards)


def test_written_cards_link_to_their_section_and_render_links_and_math(fixture_site):
    page = fixture_site / "reference" / "study" / "index.html"
    cards = page_cards(page)
    plants = [c for c in cards if c["deck"] == "flashcards/biology/plants"]
    section = article(fixture_site / "cells" / "index.html").select("h2")[0]["id"]
    assert {c["source"] for c in plants} == {f"../../cells/#{section}"}  # the cards under that heading
    assert {c["source"] for c in cards if c["deck"] == "flashcards/biology"} == {"../../cells/#cells"}
    assert {c["source"] for c in cards if c["note"] == "Inline"} == {"../../inline/#inline"}
    content = article(page)
    linked = next(card for card in content.select(".vault-study__card") if "Linked" in card.get_text())
    assert linked.select_one(".vault-study__back a")["href"] == "../../untagged/"
    assert linked.select_one(".vault-study__back .arithmatex") is not None
    cloze = next(card for card in content.select(".vault-study__card") if card["data-vault-kind"] == "cloze")
    assert cloze.select_one(".vault-study__back mark").get_text() in ("DNA", "nucleolus")


def test_the_study_page_is_in_the_nav_and_on_the_home_page_and_out_of_search(fixture_site):
    import json

    home = article(fixture_site / "index.html")
    assert home.select_one('a[href="reference/study/"]') is not None
    from sitebuild import site_nav
    assert ("Study", "reference/study/") in site_nav(fixture_site)
    index = json.loads((fixture_site / "search" / "search_index.json").read_text())
    study_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("reference/study"))
    assert "mitochondrion" not in study_text and "Powerhouse" not in study_text


def test_the_anki_package_holds_every_card_with_deck_and_tags(fixture_site):
    page = fixture_site / "reference" / "study" / "index.html"
    cards = page_cards(page)
    link = article(page).select_one("a[download]")
    package = (page.parent / link["href"]).resolve()
    rows, decks = read_package(package)
    assert len(rows) == len(cards)
    by_front = {}
    for front, back, source, tags in rows:
        by_front.setdefault((front, back), []).append((source, tags))
    for card in cards:
        front, back = card["front"].replace("\n", "<br>"), card["back"].replace("\n", "<br>")
        assert (html_escape(front), html_escape(back)) in by_front, card
    tags = {tag for _, _, _, tag_text in rows for tag in tag_text.split()}
    assert {"flashcards/biology", "flashcards/biology/plants", "study::cloze"} <= tags
    assert {d.split("::", 1)[1] for d in decks if "::" in d} == {c["deck"] for c in cards}


def html_escape(text: str) -> str:
    import html
    return "<br>".join(html.escape(part, quote=True) for part in text.split("<br>"))


def read_package(path: Path) -> tuple[list[tuple[str, str, str, str]], set[str]]:
    """(front, back, source, tags) of every note in an .apkg, and the deck names: a zip with a SQLite db."""
    import json

    with zipfile.ZipFile(path) as package:
        data = package.read("collection.anki2")
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}  # reproducible
    db_path = path.parent / "read-back.anki2"
    db_path.write_bytes(data)
    with sqlite3.connect(db_path) as db:
        notes = [tuple(flds.split("\x1f")) + (tags.strip(),) for flds, tags in db.execute("select flds, tags from notes")]
        decks = {deck["name"] for deck in json.loads(db.execute("select decks from col").fetchone()[0]).values()}
        cards = db.execute("select count(*) from cards").fetchone()[0]
    db_path.unlink()
    assert cards == len(notes)
    return notes, decks


# ---- the ten notes: cards against the model ----

def test_model_cards_are_the_models_acronyms_terms_and_use_cases(real_site, real_pipeline):
    cards = page_cards(real_site / "reference" / "study" / "index.html")
    xref = real_pipeline.xref
    pairs = {(c["kind"], c["front"], c["back"]) for c in cards}
    for acronym in xref.acronyms.values():
        assert ("acronym", acronym.acronym, plain_text(acronym.expansion)) in pairs
        assert ("expansion", plain_text(acronym.expansion), acronym.acronym) in pairs
    with_summary = [t for t in xref.terms if t.summary]
    fronts = {c["front"] for c in cards if c["kind"] == "term"}
    assert fronts == {plain_text(t.title) for t in with_summary}
    assert [c["kind"] for c in cards].count("term") == len(with_summary)
    cases = [c for c in cards if c["kind"] == "use-case"]
    assert [c["back"] for c in cases] == [plain_text(case.owner) for case in xref.use_cases]
    assert [c["kind"] for c in cards].count("acronym") == len(xref.acronyms)
    # each card links back to the section its model entry names
    sources = {c["source"] for c in cases}
    for case in xref.use_cases:
        assert any(s.endswith(f"#{case.anchor}") for s in sources), case
    assert not any(c["kind"] in ("basic", "reversed", "cloze") for c in cards)  # no note is tagged #flashcards


def test_quiz_questions_offer_the_answer_among_distractors_of_the_same_kind(real_site, real_pipeline):
    content = article(real_site / "reference" / "study" / "index.html")
    questions = content.select(".vault-quiz__question")
    xref = real_pipeline.xref
    assert len(questions) == len(xref.use_cases) + len(xref.acronyms)
    owners = {plain_text(case.owner) for case in xref.use_cases}
    expansions = {plain_text(a.expansion) for a in xref.acronyms.values()}
    for question in questions:
        options = [shown(o) for o in question.select(".vault-quiz__option")]
        answer = options[int(question["data-vault-answer"])]
        assert len(set(options)) == len(options) >= 2
        kind = owners if "Which fits" in question.get_text() else expansions
        assert set(options) <= kind, options


# ---- the parser, unit by unit ----

def cards_of(body: str, decks=("flashcards",)):
    return [(c.kind, c.front.text, c.back.text, c.decks) for c in parse_cards(body, 1, list(decks))]


@pytest.mark.parametrize("line, expected", [
    ("a::b", [("basic", "a", "b")]),
    ("a:::b", [("basic", "a", "b"), ("reversed", "b", "a")]),
    ("a::::b", []),  # four colons are no separator
    ("::b", []), ("a::", []),
    ("`a::b`", []),
    ("`x` a::b `y::z`", [("basic", "`x` a", "b `y::z`")]),
    ("> - [x] Q::A", [("basic", "Q", "A")]),
    ("Q::A <!--SR:!2024-01-01,3,250-->", [("basic", "Q", "A")]),
    ("ÉTÉ::été", [("basic", "ÉTÉ", "été")]),
    ("&#%::<b>", [("basic", "&#%", "<b>")]),
    ("x ==a=b== y", [("cloze", "x &#91;…&#93; y", "x ==a=b== y")]),
    ("==a== ==b==", [("cloze", "&#91;…&#93; ==b==", "==a== ==b=="), ("cloze", "==a== &#91;…&#93;", "==a== ==b==")]),
    ("====", []), ("== ==", [("cloze", "&#91;…&#93;", "== ==")]),
])
def test_one_line_forms(line, expected):
    assert [c[:3] for c in cards_of(line)] == expected


def test_multi_line_sides_end_at_blank_lines_code_and_other_cards():
    body = "a::b\nfront one\nfront two\n?\nback one\n\nnot part\n```\n?\n```\nlast\n??\nreply\nq::r\n"
    assert [c[:3] for c in cards_of(body)] == [
        ("basic", "a", "b"),
        ("basic", "front one\nfront two", "back one"),
        ("basic", "last", "reply"), ("reversed", "reply", "last"),
        ("basic", "q", "r")]


def test_a_separator_without_two_sides_is_text():
    assert cards_of("?\nalone\n\nabove\n?\n") == []


def test_crlf_bom_and_cjk_read_like_lf():
    lf = "#flashcards/日本\n漢字::かんじ\n問題\n?\n答え\n"
    assert cards_of("\ufeff" + lf.replace("\n", "\r\n")) == cards_of(lf)
    assert cards_of(lf)[0] == ("basic", "漢字", "かんじ", ("flashcards/日本",))


def test_tag_lines_set_the_deck_and_a_leading_tag_is_the_cards_own():
    body = "a::b\n#flashcards/x #other\nc::d\n#flashcards/y e::f\ng::h\n#not-a-deck\ni::j\n"
    assert [c[3] for c in cards_of(body, ["flashcards/top"])] == [
        ("flashcards/top",), ("flashcards/x",), ("flashcards/y",), ("flashcards/x",), ("flashcards/x",)]


def test_flashcard_tags_match_the_tag_and_its_sub_tags_case_insensitively():
    assert flashcard_tags(["Flashcards", "flashcards/a/b", "flashcardsx", "other/flashcards", "x"]) == \
        ["Flashcards", "flashcards/a/b"]


def test_line_numbers_are_file_lines():
    cards = parse_cards("\n\nq::a\n", 5, ["flashcards"])
    assert cards[0].line == 7 and cards[0].front.lines[0][0] == 7


def _slow(pattern: re.Pattern, text: str) -> float:
    start = time.perf_counter()
    list(pattern.finditer(text))
    return time.perf_counter() - start


@pytest.mark.parametrize("text", ["=" * 1_000_000, "==" + "a=" * 500_000, ":" * 1_000_000, "#" * 1_000_000,
                                  "#" + "1" * 1_000_000, " " * 1_000_000 + "x", "?" * 1_000_000])
def test_patterns_stay_linear_on_a_1_mb_line(text):
    patterns = [getattr(syntax, name) for name in dir(syntax) if isinstance(getattr(syntax, name), re.Pattern)]
    assert len(patterns) >= 8
    for pattern in patterns:
        assert _slow(pattern, text) < 5.0, pattern.pattern  # quadratic would take minutes
    assert isinstance(parse_cards(text, 1, ["flashcards"]), list)


def test_the_anki_package_of_the_ten_notes_has_a_note_per_card(real_site):
    page = real_site / "reference" / "study" / "index.html"
    cards = page_cards(page)
    rows, decks = read_package(real_site / "assets" / "vault" / "study-cards.apkg")
    assert len(rows) == len(cards)
    assert {d.split("::")[-1] for d in decks if "::" in d} == {c["deck"] for c in cards}
    fsrs = real_site / "assets" / "vendor" / "ts-fsrs.umd.js"
    assert fsrs.read_bytes() == (ROOT / "node_modules" / "ts-fsrs" / "dist" / "index.umd.js").read_bytes()


@pytest.mark.parametrize("text, anki", [
    ("$x^2$ and $$y$$", r"\(x^2\) and \[y\]"),
    ("costs $5 and $6", "costs $5 and $6"),  # prices are no math
    (r"an escaped \$x$ stays", r"an escaped \$x$ stays"),
    ("", ""),
])
def test_math_is_written_as_anki_reads_it(text, anki):
    from vaultlib.study.anki import anki_math
    assert anki_math(text) == anki


def test_anki_fields_are_escaped_text_with_line_breaks():
    from vaultlib.render.quotes import Quote
    from vaultlib.study.anki import anki_tag, field_html
    assert field_html((Quote("a.md", 1, "<b>bold</b> & **strong**"), Quote("a.md", 2, "[[Note|label]] `1<2`"))) == \
        "bold &amp; strong<br>label 1&lt;2"
    assert anki_tag('two words "quoted"') == "two_words_quoted_"


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=":?=#`~ \n\r\tab漢/>-", max_size=200))
def test_any_text_parses_to_cards_on_its_own_lines(body):
    cards = parse_cards(body, 10, ["flashcards"])
    lines = body.removeprefix("\ufeff").split("\n")
    for card in cards:
        assert card.kind in ("basic", "reversed", "cloze")
        for number, text in card.front.lines + card.back.lines:
            assert 10 <= number < 10 + len(lines)
            assert text.strip()


def test_card_patterns_read_the_grammars_adversarial_lines_once():
    """The same nasty 1 MB lines as every pattern of the grammar (tests/test_grammar.py)."""
    from test_grammar import ADVERSARIAL

    patterns = [value for value in vars(syntax).values() if isinstance(value, re.Pattern)]
    for line in ADVERSARIAL:
        for pattern in patterns:
            sum(1 for _ in pattern.finditer(line))
        parse_cards(line, 1, ["flashcards"])


def test_a_vault_with_nothing_to_study_has_no_study_page_and_a_note_at_its_url_moves_it(tmp_path):
    plain = make_project(tmp_path / "plain", {"Note.md": "# Note\n\nJust text.\n"})
    assert build(plain, plain / "site").returncode == 0
    assert not (plain / "site" / "reference" / "study").exists()
    assert not (plain / "site" / "assets" / "vault" / "study-cards.apkg").exists()
    clash = make_project(tmp_path / "clash", {"reference/study.md": "# Mine\n", **FIXTURE})
    result = build(clash, clash / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert "study-2" in result.stderr  # the warning names where the page went
    moved = article(clash / "site" / "reference" / "study-2" / "index.html")
    package = (clash / "site" / "reference" / "study-2" / moved.select_one("a[download]")["href"]).resolve()
    assert len(read_package(package)[0]) == len(moved.select(".vault-study__card")) > 0
