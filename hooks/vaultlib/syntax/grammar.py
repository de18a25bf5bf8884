"""Every pattern of Obsidian Markdown the build reads, once, each named and built from commented pieces.

The model is Quartz's ``ofm.ts``: one named regex per syntax. Every module
that reads note text takes its patterns from here, so a fix (case, Unicode,
linear time) is made once. All patterns are linear in the length of the text:
a quantifier never runs over what another quantifier next to it may also take
(possessive ``*+``/``++`` where they could), so a 1 MB line is read once, not
once per starting position. ``tests/test_grammar.py`` runs each on such lines.

Patterns that read the site's own HTML, or words in prose (terms, acronyms,
search tokens), are not Obsidian syntax and stay with the code that reads them.
"""
from __future__ import annotations

import re

# --- pieces -------------------------------------------------------------------------------------
_SPACE = r"[ \t]"
_LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])"  # bullet, or an ordered number as CommonMark allows (≤ 9 digits)
_QUOTE_MARKS = r"[ \t]*+(?:>[ \t]*+)*+"  # the '>' of block quotes and callouts, with their spaces
_INSIDE_BRACKETS = r"[^\[\]\n]*+"  # no bracket and no line break may stand inside [[...]], as in Obsidian
_LINK_TARGET = r"(?:[^()\n]|\([^()\n]*+\))*+"  # a Markdown link target: one level of (parentheses) allowed

# --- links and embeds ---------------------------------------------------------------------------
# [[target#heading|label]] and ![[embed]]; `inner` is everything between the brackets.
WIKILINK = re.compile(rf"""
    (?P<embed>!?)               # '!' makes it an embed
    \[\[ (?P<inner>{_INSIDE_BRACKETS}) \]\]
""", re.X)
WIKILINK_OPEN = re.compile(r"!?\[\[")  # an opening that may never be closed (reported)
# The label of an embed that is a size: |300 or |300x200.
EMBED_SIZE = re.compile(r"""
    ^\s* (?P<width>\d+) \s*
    (?: x \s* (?P<height>\d+) \s* )?$
""", re.X)
# A standard Markdown link or image: [label](target "title"); Obsidian resolves a relative target by name.
# No '[' in the label, so a line of '[' is read once.
MARKDOWN_LINK = re.compile(rf"""
    (?P<bang>!?)
    \[ (?P<label>{_INSIDE_BRACKETS}) \]
    \( (?P<target>{_LINK_TARGET}) \)
""", re.X)
# The parts of a link target: <url> or url, then anything else (a title).
LINK_TARGET_PARTS = re.compile(r"""
    (?P<url> <[^<>\n]*+> | [^()\s]++ )
    (?P<title> [^()\n]*+ )
""", re.X)
# HTML tags and autolinks (<https://...>): text a mention or a sentence end never starts inside.
HTML_TAG = re.compile(r"<[^<>\n]*+>")
# An autolink shows its address: <https://x>, <mailto:...>, <someone@example.org>.
AUTOLINK = re.compile(r"""
    < ( (?:https?|ftp|mailto):[^<>\s]* | [^<>\s@]+@[^<>\s]+ ) >
""", re.X)
# A bare URL, from a word start (so no position is rescanned from every earlier one).
BARE_URL = re.compile(r"(?<!\w)\w++://\S+")
# An attribute list {: .class #id } (attr_list).
ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*+\}")
ATTRIBUTE_LIST_AT_END = re.compile(r"\{[^{}\n]*+\}[ \t]*+$")
# Where a link, an embed or a tag is: a span nothing may be cut inside or matched into.
LINK_OR_TAG = re.compile("|".join(p.pattern for p in (WIKILINK, MARKDOWN_LINK, HTML_TAG)), re.X)
# ... and where a term mention never starts: also bare URLs and attribute lists.
NO_MENTION = re.compile("|".join(p.pattern for p in (WIKILINK, MARKDOWN_LINK, HTML_TAG, BARE_URL, ATTRIBUTE_LIST)),
                        re.X)

# --- blocks ------------------------------------------------------------------------------------
# ATX heading. Obsidian reads '#word' as a tag, so a heading needs a space after its '#'s; the text
# ends at its last character other than space or '#' (possessive: a run of '#' or spaces is read once).
HEADING = re.compile(r"""
    ^(?P<hashes>\#{1,6}) [ \t]+
    (?P<text> (?:[ \t\#]*+ [^ \t\#\n])*+ )
    [ \t\#]*+$
""", re.X)
HEADING_MARKS = re.compile(r"^\#{1,6}[ \t]+", re.X)  # the '#'s that lead a heading line
# A heading inside a block quote or callout: not a section of the note, but toc gives it an id.
QUOTED_HEADING = re.compile(r"""
    ^[ \t]{0,3} > [> \t]*?
    (?P<hashes>\#{1,6}) [ \t]+ (?P<rest>.*)$
""", re.X)
# A list item: its marker, then text or the end of the line.
LIST_ITEM = re.compile(rf"""
    ^(?P<indent>{_SPACE}*) {_LIST_MARKER}
    (?: {_SPACE}+\S | {_SPACE}*$ )
""", re.X)
LIST_MARKER = re.compile(rf"^{_SPACE}*{_LIST_MARKER}{_SPACE}*", re.X)  # the marker and the spaces around it
# What leads a line's text: quote marks, a list marker, a task box.
LINE_LEAD = re.compile(rf"""
    ^(?:{_SPACE}*>)* {_SPACE}*
    (?: {_LIST_MARKER} {_SPACE}+ )?
    (?: \[[ xX]\] {_SPACE}+ )?
""", re.X)
QUOTE_PREFIX = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)*")  # block quote marks as Python-Markdown strips them
TABLE_ROW = re.compile(r"^\s*\|")
TABLE_CELL_BAR = re.compile(r"(?<!\\)\|")  # a table cell ends at a '|' that is not escaped
# A callout's first line: > [!type]+ Title ('+'/'-' folds it).
CALLOUT_MARK = re.compile(r"^\[![\w-]+\][+-]?[ \t]*")
# A ^block-id at the end of a line, which [[Note#^block-id]] links to.
BLOCK_ID = re.compile(r"(?:^|[ \t])\^(?P<id>[A-Za-z0-9-]+)[ \t]*$")

# --- code --------------------------------------------------------------------------------------
# A fence that opens a code block (``` or ~~~, any indentation, also inside quotes).
FENCE_OPEN = re.compile(rf"""
    ^(?P<prefix> {_QUOTE_MARKS} )
    (?P<fence> `{{3,}} | ~{{3,}} )
    (?P<info> .* )$
""", re.X)
QUOTE_MARKS = re.compile(rf"^{_QUOTE_MARKS}")
BACKTICKS = re.compile(r"(?<!\\)`+")  # a run of backticks that may open or close inline code
MERMAID_FENCE = re.compile(r"^[ \t>]*(```|~~~)\s*mermaid", re.M)

# --- inline -------------------------------------------------------------------------------------
# #tag: after a space or at the line start; letters, digits, '_', '-', '/', not only digits.
INLINE_TAG = re.compile(r"""
    (?: (?<=[ \t]) | ^ )
    \# (?P<tag> [\w/-]* [^\W\d] [\w/-]* )
""", re.X | re.M)
# Emphasis, ==highlight==, ~~strike~~ and code marks: what a reader does not see of inline Markdown.
INLINE_MARKS = re.compile(r"\*\*|__|==|~~|\*|`")
# $math$ or $$math$$ (arithmatex): a page that has it needs KaTeX.
MATH = re.compile(r"""
    \$\$
  | (?<![\\$\w]) \$ [^\s$] [^$\n]* \$
""", re.X)
# An HTML character reference, which shows as one character.
CHARACTER_REFERENCE = re.compile(r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters that Markdown (with the site's extensions) may turn into markup or entities.
MARKUP_CHARACTER = re.compile(r"[\\`*_<>&\[\]!=~^${}]")

# --- comments -----------------------------------------------------------------------------------
# %%hidden%% (Obsidian) and <!-- hidden --> (HTML): each delimiter, in the order they stand.
COMMENT_DELIMITER = re.compile(r"%%|<!--|-->")
# A comment that is a theme's syntax, not a comment: Material's <!-- material/tags --> marker.
THEME_MARKER = re.compile(r"<!--[ \t]*material/")

# --- properties ---------------------------------------------------------------------------------
# MkDocs' own test for properties (mkdocs/utils/meta.py YAML_RE), so the body the index reads is the
# body MkDocs reads: ---, YAML, --- or ... .
FRONT_MATTER = re.compile(r"""
    \A -{3} [ \t]*\n
    (?P<yaml> .*?\n )
    (?: \.{3} | -{3} ) [ \t]*\n
""", re.X | re.S)

# --- flashcards (the Spaced Repetition plugin's syntax, vaultlib/study) -------------------------
# `front::back` or `front:::back`: the first run of exactly two or three colons outside code.
# Longer runs (`::::`) are not separators; a lone colon (URLs, times) never is.
SINGLE_LINE_SEPARATOR = re.compile(r"""
    (?<!:)              # not the tail of a longer run of colons
    (?P<colons>:{2,3})  # '::' one card, ':::' a card each way
    (?!:)               # nor its head
""", re.X)

# The line between the two sides of a multi-line card: '?' (one card) or '??' (both ways).
MULTI_LINE_SEPARATOR = re.compile(r"""
    ^[ \t]*+
    (?P<marks>\?\??)    # '?' or '??', alone on its line
    [ \t]*+$
""", re.X)

# A cloze deletion: ==text== on one line, text with no '==' inside (a lone '=' may be).
CLOZE = re.compile(r"""
    ==
    (?P<answer>(?:[^=\n]|=(?!=))++)   # possessive: a 1 MB line without a closing '==' is one pass
    ==
""", re.X)

# A line holding only tags (the deck of the cards after it).
TAG_LINE = re.compile(r"""
    ^[ \t]*+
    \#[\w/-]++(?:[ \t]++\#[\w/-]++)*+   # one or more tags, space separated
    [ \t]*+$
""", re.X)

# Tags opening a card's first line: that card's own decks.
LEADING_TAGS = re.compile(r"""
    ^[ \t]*+
    (?P<tags>\#[\w/-]++(?:[ \t]++\#[\w/-]++)*+)
    [ \t]++
""", re.X)

# The plugin's scheduling comment after a card (<!--SR:!2024-01-01,3,250-->): not card text.
SCHEDULE_COMMENT = re.compile(r"""
    <!--SR:(?:[^<>\n-]|-(?!->))*+-->  # stops at the next '<': a line of unclosed openers is one pass, not one per opener
                         # (and no leading '[ \t]*': tried at every space of a line, it is quadratic)
""", re.X)

# Math as Obsidian writes it, for the Anki export (Anki's MathJax reads \\( \\) and \\[ \\]).
DISPLAY_MATH = re.compile(r"""
    \$\$(?P<tex>[^$\n]++)\$\$           # $$...$$ on one line
""", re.X)
INLINE_MATH = re.compile(r"""
    (?<![\\$\w])\$                    # a '$' not escaped, doubled or inside a word
    (?P<tex>[^\s$][^$\n]*+)            # no space after the opening '$' (so "$5 and $6" is text)
    (?<!\s)\$(?!\w)                    # nor before the closing one
""", re.X)

# --- raw HTML that could run code ---------------------------------------------------------------
# An element that runs or loads something, a handler attribute, a javascript: link. syntax/active_html.py
# finds tags holding them in one pass (a tag never contains '>'), as one regex over a line of '<a ' is quadratic.
ACTIVE_ELEMENT = re.compile(
    r"</?(?:script|style|iframe|object|embed|noscript|template|meta|link|base|form)\b", re.I)
TAG_START = re.compile(r"<[a-zA-Z]")
ACTIVE_ATTRIBUTE = re.compile(r"""\s (?: on\w | href\s*+=\s*+["']?\s*+javascript: )""", re.I | re.X)
