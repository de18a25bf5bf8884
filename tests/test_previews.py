"""Hover previews' cutting (vaultlib/browser/previews.py): Lexbor where it reads the page as HTMLParser did.

The previews are the page's own HTML, byte for byte. Pages that come out of the
sanitizer are cut by Lexbor (selectolax); anything Lexbor would not write back
unchanged goes to the standard library's HTMLParser, the cutter it replaced.
These tests check exact previews on nasty pages, that both readers give the
same blocks (on sanitized pages and on random ones), and a real build.
"""
from __future__ import annotations

import json
import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from sitebuild import build, make_project
from vaultlib.browser.previews import (MAX_FIRST_BLOCK, Block, Preview, _html_parser_blocks, _lexbor_blocks,
                                       page_previews, split_blocks)
from vaultlib.safety.html import sanitize_html


def lexbor_and_parser_agree(html: str) -> list[Block]:
    """The blocks, after checking that Lexbor took the page and that HTMLParser reads it the same."""
    blocks = _lexbor_blocks(html)
    assert blocks is not None, html[:200]
    assert blocks == _html_parser_blocks(html)
    return blocks


PERMALINK = '<a class="headerlink" href="#{0}" title="Permanent link">¶</a>'
# What Python-Markdown, pymdown's details/admonitions/highlight and the project write, as the sanitizer
# gives it back (html5ever's serialisation: open="", &#35; and &#x26; and &copy; decoded, &nbsp; kept).
NASTY = ('<h1 id="notes">Notes 日本語' + PERMALINK.format("notes") + '</h1>\n'
         '<p>Intro &amp; 100% &lt;b&gt; &#35;1 &#x26; &copy; &nbsp;x</p>\n'
         '<h2 id="東京">東京 &amp; 大阪' + PERMALINK.format("東京") + '</h2>\n'
         '<details class="note" open><summary>Outer</summary>\n<div class="admonition warning">'
         '<p class="admonition-title">Inner &lt;i&gt;</p>\n<details class="tip"><summary>Deep</summary>\n'
         '<p>deep 🙂 text</p>\n</details>\n</div>\n</details>\n'
         '<div class="highlight"><pre><span></span><code>if a &lt; b &amp;&amp; c &gt; d:\n'
         '    print("&lt;/div&gt;")\n</code></pre></div>\n'
         '<h2 id="empty">Empty' + PERMALINK.format("empty") + '</h2>\n'
         '<h3 id="empty-sub">Sub of empty' + PERMALINK.format("empty-sub") + '</h3>\n'
         '<h2 id="blocks">Blocks</h2>\n'
         '<p>First <span class="vault-block" id="^first"></span></p>\n'
         '<ul>\n<li>item <a class="vault-block extra" id="^item"></a></li>\n</ul>\n'
         '<div class="vault-backlinks"><p>Linked from</p></div>\n')
INTRO = '<p>Intro &amp; 100% &lt;b&gt; #1 &amp; © &nbsp;x</p>'
TOKYO = '<h2 id="東京">東京 &amp; 大阪<a class="headerlink" href="#東京" title="Permanent link">¶</a></h2>'
DETAILS = ('<details class="note" open=""><summary>Outer</summary>\n<div class="admonition warning">'
           '<p class="admonition-title">Inner &lt;i&gt;</p>\n<details class="tip"><summary>Deep</summary>\n'
           '<p>deep 🙂 text</p>\n</details>\n</div>\n</details>')
CODE = ('<div class="highlight"><pre><span></span><code>if a &lt; b &amp;&amp; c &gt; d:\n'
        '    print("&lt;/div&gt;")\n</code></pre></div>')
SUB = '<h3 id="empty-sub">Sub of empty<a class="headerlink" href="#empty-sub" title="Permanent link">¶</a></h3>'
FIRST = '<p>First <span class="vault-block" id="^first"></span></p>'
ITEM = '<ul>\n<li>item <a class="vault-block extra" id="^item"></a></li>\n</ul>'


def test_nasty_page_previews_are_the_pages_own_html():
    html = sanitize_html(NASTY)
    blocks = lexbor_and_parser_agree(html)
    assert [b.heading for b in blocks if b.heading] == [
        (1, "notes", "Notes 日本語"), (2, "東京", "東京 & 大阪"), (2, "empty", "Empty"),
        (3, "empty-sub", "Sub of empty"), (2, "blocks", "Blocks")]  # the permalinks' "¶" left out
    assert blocks[1].text == "Intro & 100% <b> #1 & © x"  # entities decoded, the no-break space is space
    assert blocks[3].text == "Outer Inner <i> Deep deep 🙂 text"
    assert blocks[4].text == 'if a < b && c > d: print("</div>")'
    assert [b.ends_section for b in blocks] == [False] * 10 + [True]
    assert page_previews(html) == {
        "": Preview("", INTRO + TOKYO + DETAILS + CODE),  # the top runs to the next h1: four blocks at most
        "東京": Preview("東京 & 大阪", DETAILS + CODE),
        "empty": Preview("Empty", SUB),  # an empty section shows its subsections
        "empty-sub": Preview("Sub of empty", ""),  # and an empty subsection nothing
        "blocks": Preview("Blocks", FIRST + ITEM),  # the backlinks are the page's, not the section's
        "^first": Preview("Blocks", FIRST),
        "^item": Preview("Blocks", ITEM),
    }


def test_a_one_megabyte_line_is_cut_to_its_text():
    words = "東京 &amp; 100% &lt;x&gt; #é " * 40_000  # 1 MB of HTML on one line
    html = sanitize_html(f'<h2 id="s">S</h2><p>{words}</p><p>after</p>')
    assert len(html) > 1_000_000 and "\n" not in html
    blocks = lexbor_and_parser_agree(html)
    text = " ".join(("東京 & 100% <x> #é " * 40_000).split())
    assert blocks[1].text == text
    cut = f"<p>{escape(text[:600], quote=True)}…</p>"  # 600 characters of its text, escaped again
    assert page_previews(html)["s"] == Preview("S", cut + "<p>after</p>")
    assert len(blocks[1].html) > MAX_FIRST_BLOCK


def test_crlf_pages():
    raw = '<h2 id="a">A\r\nline</h2>\r\n<p>one\r\ntwo</p>\r\n'
    assert _lexbor_blocks(raw) is None  # Lexbor reads CR LF as LF: the page's bytes go to HTMLParser
    assert page_previews(raw) == {"": Preview("", '<h2 id="a">A\r\nline</h2><p>one\r\ntwo</p>'),
                                  "a": Preview("A line", "<p>one\r\ntwo</p>")}  # the bytes kept, CR and all
    sanitized = sanitize_html(raw)  # the sanitizer makes them LF, as every build's pages are
    assert sanitized == '<h2 id="a">A\nline</h2>\n<p>one\ntwo</p>\n'
    lexbor_and_parser_agree(sanitized)
    assert page_previews(sanitized)["a"] == Preview("A line", "<p>one\ntwo</p>")


def test_block_anchors_deep_inside_a_block_and_beside_it():
    depth = 400
    nested = "".join(f'<div><span class="vault-block" id="^d{n}"></span>' for n in range(depth)) + "</div>" * depth
    html = sanitize_html(f'<h2 id="h">H</h2>{nested}<p><a class="x vault-block" id="^last"></a></p>'
                         '<p class="vault-block" id="">no id</p><p class="vault-blocks" id="^not">not ours</p>')
    blocks = lexbor_and_parser_agree(html)
    assert [b.anchors for b in blocks] == [(), tuple(f"^d{n}" for n in range(depth)), ("^last",), (), ()]
    assert len(blocks[1].html) > MAX_FIRST_BLOCK and blocks[1].text == ""
    previews = page_previews(html)
    assert previews["^d0"] == previews["^d399"] == Preview("H", "<p>…</p>")  # too long: its text, here none
    assert previews["^last"] == Preview("H", '<p><a class="x vault-block" id="^last"></a></p>')
    assert set(previews) == {"", "h", "^last"} | {f"^d{n}" for n in range(depth)}


# What HTMLParser has to cut, as before: Lexbor would not write these back as they are, or could read them
# differently (comments, raw text, a link inside a permalink, a stray end tag).
NOT_FOR_LEXBOR = {
    "<h2 id='q'>Single quotes</h2><p>x</p>": [(2, "q", "Single quotes"), None],
    # HTMLParser ends the comment at "-- >" (HTML does not) and the <p> after it swallows the page:
    '<h2 id="c">C<!-- x-- ><p> --></h2><p>y</p>': [(2, "c", "C -->y")],
    '<h2 id="s">S</h2><script>if (a<b) {}</script><p>z</p>': [(2, "s", "S"), None, None],
    '<h2 id="i">I</h2><iframe><p>raw</iframe><p>w</p>': [(2, "i", "I"), None],  # markup to HTMLParser
    # HTMLParser's permalink ends at the first </a>, so "tail" is the heading's:
    '<h2 id="n">N<a class="headerlink"><table><tr><td><a>in</a></td></tr></table>tail</a></h2>':
        [(2, "n", "Ntail")],
    '<h2 id="e">E</h2></div><p>v</p>': [(2, "e", "E"), None],
    "<H2 ID=\"u\">Upper</H2>": [(2, "u", "Upper")],
    '<svg><h2 id="v">in svg</h2></svg><p>t</p>': [None, None],
    '<h2 id="b">B<br/></h2><p>t</p>': [(2, "b", "B"), None],
}


def test_what_lexbor_would_read_differently_is_cut_by_html_parser():
    for html, headings in NOT_FOR_LEXBOR.items():
        assert _lexbor_blocks(html) is None, html
        assert [block.heading for block in split_blocks(html)] == headings, html


def test_a_permalink_alone_at_the_top_level_is_a_block_without_text():
    html = '<a class="headerlink" href="#x">¶ top</a>\n<p>x <a class="headerlink" href="#y">¶</a> y</p>'
    assert lexbor_and_parser_agree(html) == [
        Block('<a class="headerlink" href="#x">¶ top</a>', "", None, False, ()),
        Block('<p>x <a class="headerlink" href="#y">¶</a> y</p>', "x y", None, False, ())]


def test_lexbor_takes_an_empty_iframe_and_links_beside_permalinks():
    html = sanitize_html('<h2 id="p">PDF<a class="headerlink" href="#p">¶</a></h2>'
                         '<p><iframe src="a.pdf" width="100%"></iframe></p><p><a href="#p">back</a></p>')
    blocks = lexbor_and_parser_agree(html)
    assert blocks[0].heading == (2, "p", "PDF")
    assert page_previews(html)["p"].html == '<p><iframe src="a.pdf" width="100%"></iframe></p><p><a href="#p">back</a></p>'


# Random pages: tags the project writes and some it never lets through, attributes, entities, CJK,
# CR LF, unclosed and stray tags. Both readers must give the same blocks, raw and sanitized.
PIECES = list("ab 東京\n\r\t<>&\"'#%;é🙂\xa0") + ["&amp;", "&lt;", "&#35;", "&#x26;", "&nbsp", "&copy;", "&#13;", "--"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
OPEN = st.sampled_from(['<p>', '<div>', '<div class="vault-backlinks">', '<details open>', '<summary>', '<ul>',
                        '<li>', '<pre>', '<code>', '<em>', '<table>', '<tr>', '<td>', '<a href="#x">',
                        '<a class="headerlink" href="#h">', '<span class="vault-block" id="^b">',
                        '<span class="vault-block" id="^c">', '<h1 id="t">', '<h2 id="s">', '<h3 id="u">',
                        '<br>', '<img alt="a<b" src="x.png">', '<iframe src="x.pdf">', '<script>', '<svg>',
                        '<p title="x > y">', '<!--'])
CLOSE = st.sampled_from(["</p>", "</div>", "</details>", "</summary>", "</li>", "</ul>", "</pre>", "</code>",
                         "</em>", "</a>", "</span>", "</h1>", "</h2>", "</h3>", "</td>", "</table>", "</iframe>",
                         "</script>", "</svg>", "-->"])
PAGES = st.lists(st.one_of(TEXT, OPEN, CLOSE), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(PAGES)
def test_both_readers_give_the_same_blocks_on_random_pages(page):
    """The page as written, as the sanitizer writes it, and as Lexbor writes it (script, svg, comments kept)."""
    root = LexborHTMLParser(page, is_fragment=True).root
    for html in (page, sanitize_html(page), root.html if root is not None else ""):
        assert split_blocks(html) == _html_parser_blocks(html)


# Pages as Markdown and its extensions write them: elements inside the elements that may hold them.
def element(tag: str, children: st.SearchStrategy, attributes: str = "") -> st.SearchStrategy:
    return st.lists(children, max_size=4).map(lambda parts: f"<{tag}{attributes}>{''.join(parts)}</{tag}>")


INLINE = st.recursive(
    TEXT | st.sampled_from(['<br>', '<img alt="a&lt;b" src="x.png">', '<span class="vault-block" id="^b"></span>']),
    lambda inner: element("em", inner) | element("code", TEXT) | element("a", inner, ' href="#x"'), max_leaves=8)
HEADING = st.builds(lambda level, text, link: f'<h{level} id="h{level}">{text}{link}</h{level}>',
                    st.integers(1, 6), INLINE, st.sampled_from(["", '<a class="headerlink" href="#h">¶</a>']))
BLOCKS = st.recursive(
    element("p", INLINE) | HEADING | element("pre", element("code", TEXT)),
    lambda inner: (element("div", inner, ' class="admonition note"') | element("blockquote", inner)
                   | st.builds(lambda summary, body: f"<details open><summary>{summary}</summary>{body}</details>",
                               INLINE, st.lists(inner, max_size=3).map("".join))
                   | element("ul", element("li", inner | INLINE))
                   | element("table", element("tr", element("td", INLINE)))
                   | element("div", inner, ' class="vault-backlinks"')), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCKS | st.just("\n"), max_size=8).map("".join))
def test_lexbor_takes_every_sanitized_page_markdown_could_write(page):
    """A CR written as &#13; aside (the sanitizer writes it back raw, Lexbor reads it as LF)."""
    lexbor_and_parser_agree(sanitize_html(page.replace("&#13;", "&#10;")))


def test_build_writes_previews_that_are_the_pages_html(tmp_path):
    notes = {"Tokyo 東京.md": ("# Tokyo 東京\n\nIntro with &#% and <b>bold</b> & [[Other]].\n\n"
                               "## 東京 & 大阪\n\n> [!note]- Folded\n> Inside **it**\n> > [!tip] Deep\n> > deeper\n\n"
                               "```python\nif a < b and c > d:\n    print('</div>')\n```\n\n"
                               "## Empty\n\n## Blocks\n\nA paragraph with an id ^para-1\n\n![[pic.png]]\n"),
             "Other.md": "# Other\n\nLinks to [[Tokyo 東京#東京 & 大阪]] and [[Tokyo 東京#^para-1]].\n"}
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082")
    project = make_project(tmp_path / "project", notes, {"pic.png": png})
    result = build(project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    page = (site / "tokyo-東京/index.html").read_text(encoding="utf-8")
    script = (site / "assets/vault/previews/tokyo-東京/index.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index("] = ") + 4:].rstrip().rstrip(";"))
    sections = data["sections"]
    tokyo = re.search(r'<h2 id="([^"]+)">東京 &amp; 大阪', page).group(1)  # toc's slug of a CJK heading
    assert data["title"] == "Tokyo 東京"
    assert set(sections) == {"", tokyo, "empty", "blocks", "^para-1"}
    assert sections[tokyo][0] == "東京 & 大阪" and sections["empty"] == ["Empty", ""]
    for title, html in sections.values():  # each block byte for byte what the page shows
        blocks = split_blocks(html)
        assert [block.html for block in blocks if block.html in page] == [block.html for block in blocks]
        assert "".join(block.html for block in blocks) == html
    assert '<span class="o">&lt;</span>' in sections[tokyo][1] and "'&lt;/div&gt;'" in sections[tokyo][1]  # code
    assert re.search(r'<details class="note">.*Deep.*</details>', sections[tokyo][1], re.S)
    assert 'id="^para-1"' in sections["^para-1"][1] and sections["^para-1"][0] == "Blocks"
    assert "<script" not in "".join(html for _, html in sections.values())
