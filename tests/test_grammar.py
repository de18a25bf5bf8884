"""The Obsidian grammar (vaultlib/syntax/grammar.py): what each pattern reads, on nasty input, and that it is linear."""
from __future__ import annotations

import re

import pytest

from vaultlib.syntax import grammar
from vaultlib.syntax.plain_text import plain_text

PATTERNS = {name: value for name, value in vars(grammar).items() if isinstance(value, re.Pattern)}
MEGABYTE = 1 << 20
# Lines that made a backtracking pattern quadratic somewhere: runs of one opening with no closing.
ADVERSARIAL = ["[" * MEGABYTE, "[[" * (MEGABYTE // 2), "![[a" * (MEGABYTE // 4), "[a](" * (MEGABYTE // 4),
               "[a](b(" * (MEGABYTE // 6), "<a " * (MEGABYTE // 3), "`" * MEGABYTE, "` `" * (MEGABYTE // 3),
               "#" * MEGABYTE, "# " + " #" * (MEGABYTE // 2) + "x", " " * MEGABYTE + "x", "$a " * (MEGABYTE // 3),
               "%%" * (MEGABYTE // 2), "<!--" * (MEGABYTE // 4), "{" * MEGABYTE, "{a}" * (MEGABYTE // 3),
               "a://" * (MEGABYTE // 4), "a" * MEGABYTE, "- " + " " * MEGABYTE, " #" + "1" * MEGABYTE,
               "> " * (MEGABYTE // 2), "1" * MEGABYTE + "y", "&#" * (MEGABYTE // 2), "<a@" * (MEGABYTE // 3),
               "```" + "\n" * MEGABYTE]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_reads_a_megabyte_line_once(name):
    """Each pattern over lines that are quadratic for a backtracking regex; quadratic would not finish."""
    pattern = PATTERNS[name]
    for line in ADVERSARIAL:
        sum(1 for _ in pattern.finditer(line))
        pattern.match(line)
        pattern.fullmatch(line[:4096])


def test_every_pattern_is_named_and_compiled_once():
    assert len(PATTERNS) >= 30
    assert not [name for name in PATTERNS if not name.isupper()], "patterns are named constants"


def wikilinks(text: str) -> list[tuple[str, str]]:
    return [(m["embed"], m["inner"]) for m in grammar.WIKILINK.finditer(text)]


def test_wikilinks_in_any_script_and_with_odd_characters():
    assert wikilinks("见 [[数据库#索引|索引]] and ![[図 1.png|300]]") == [("", "数据库#索引|索引"), ("!", "図 1.png|300")]
    assert wikilinks("[[A &#% B]] [[Ünïcödé]] [[]] [[x\ny]] [[[a]]]") == [("", "A &#% B"), ("", "Ünïcödé"), ("", ""), ("", "a")]
    assert wikilinks("[[Table\\|cell]]") == [("", "Table\\|cell")]


def test_embed_sizes():
    assert grammar.EMBED_SIZE.match("300")["width"] == "300"
    size = grammar.EMBED_SIZE.match(" 300 x 200 ")
    assert (size["width"], size["height"]) == ("300", "200")
    assert grammar.EMBED_SIZE.match("300px") is None and grammar.EMBED_SIZE.match("Ｘ") is None


def test_markdown_links_and_their_target_parts():
    link = grammar.MARKDOWN_LINK.search('see ![alt](a%20b.png "Title") and')
    assert (link["bang"], link["label"], link["target"]) == ("!", "alt", 'a%20b.png "Title"')
    parts = grammar.LINK_TARGET_PARTS.fullmatch(link["target"])
    assert (parts["url"], parts["title"]) == ("a%20b.png", ' "Title"')
    assert grammar.MARKDOWN_LINK.search("[x](a(b)c)")["target"] == "a(b)c"
    assert grammar.LINK_TARGET_PARTS.fullmatch("a(b)c") is None  # left to Markdown as written


def test_headings_need_a_space_and_drop_closing_hashes():
    heading = grammar.HEADING.match("## Amazon S3 (Simple Storage) ##  ")
    assert (heading["hashes"], heading["text"]) == ("##", "Amazon S3 (Simple Storage)")
    assert grammar.HEADING.match("#tag") is None and grammar.HEADING.match("####### seven") is None
    assert grammar.HEADING.match("# 数据库 #")["text"] == "数据库"
    assert grammar.QUOTED_HEADING.match("> [!note]").__class__ is type(None)
    assert grammar.QUOTED_HEADING.match(">> ### Inside")["rest"] == "Inside"


def test_tags_block_ids_callouts_and_list_items():
    assert [m["tag"] for m in grammar.INLINE_TAG.finditer("#study x#no #2024 #日本語 #a/b-c #1a")] == [
        "study", "日本語", "a/b-c", "1a"]
    assert grammar.BLOCK_ID.search("A sentence. ^Key-1")["id"] == "Key-1"
    assert grammar.BLOCK_ID.search("price^2") is None
    assert grammar.CALLOUT_MARK.match("[!Warning]- Careful").group() == "[!Warning]- "
    assert grammar.LIST_ITEM.match("\t- item") and grammar.LIST_ITEM.match("12) item")
    assert not grammar.LIST_ITEM.match("-item") and not grammar.LIST_ITEM.match("1234567890. too long")


def test_code_fences_and_backticks():
    fence = grammar.FENCE_OPEN.match("> ~~~~ python")
    assert (fence["prefix"], fence["fence"], fence["info"]) == ("> ", "~~~~", " python")
    assert [m.group() for m in grammar.BACKTICKS.finditer("a `b` \\`c ``d``")] == ["`", "`", "``", "``"]
    assert grammar.MERMAID_FENCE.search("text\n> ```mermaid\n")


def test_comment_delimiters_and_theme_markers():
    assert [m.group() for m in grammar.COMMENT_DELIMITER.finditer("a %%b%% <!-- c --> -->")] == [
        "%%", "%%", "<!--", "-->", "-->"]
    assert grammar.THEME_MARKER.match("<!-- material/tags -->")


def test_front_matter_is_what_mkdocs_reads():
    assert grammar.FRONT_MATTER.match("---\ntitle: x\n---\nbody")["yaml"] == "title: x\n"
    assert grammar.FRONT_MATTER.match("---\ntitle: x\n...\n")
    assert grammar.FRONT_MATTER.match("\ufeff---\ntitle: x\n---\n") is None  # the index strips a BOM first


def test_math_and_character_references():
    assert grammar.MATH.search("costs $5 and $x^2$") and not grammar.MATH.search("only $5 here")
    assert grammar.CHARACTER_REFERENCE.fullmatch("&#x1F600;") and grammar.CHARACTER_REFERENCE.fullmatch("&amp;")
    assert grammar.CHARACTER_REFERENCE.fullmatch("&#12345678;") is None


def test_plain_text_is_what_a_reader_sees():
    assert plain_text("**Bold** [[Note#H|label]] [[Other#Part]] [md](x.md) `code` ==mark== <b>tag</b>") == \
        "Bold label Other#Part md code mark tag"
    assert plain_text("<https://example.org> &amp; &#x41; <script>x</script>") == \
        "https://example.org & A <script>x</script>"
    assert plain_text("中文 **粗体**") == "中文 粗体"
