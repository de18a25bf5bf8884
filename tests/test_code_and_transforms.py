"""Unit tests of the code finder and the text transforms, with nasty inputs."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from vaultlib.syntax.code import fenced_line_flags, inline_code_spans, map_prose, split_code
from vaultlib.syntax.comments import strip_comments
from vaultlib.render.transforms import block_ids_to_anchors, normalise_newlines, promote_title_heading, separate_lists

FENCE = "```python\n- [[not a link]] %% no comment\n```\n"


def test_fences_of_both_kinds_and_unclosed():
    lines = ["a", "~~~~", "```", "~~~~", "b", "   ```", "x"]
    assert fenced_line_flags(lines) == [False, True, True, True, False, True, True]
    assert fenced_line_flags(["> ```", "> code", "> ```", "text"]) == [True, True, True, False]


def test_inline_code_spans_match_equal_backtick_runs():
    line = "a `x` b ``y ` z`` c ` d"
    assert [line[s:e] for s, e in inline_code_spans(line)] == ["`x`", "``y ` z``"]


def test_split_code_round_trips():
    text = "a `b` c\n" + FENCE + "\u00e9 & # % `[[x]]`\r\n"
    assert "".join(chunk for _, chunk in split_code(text)) == text
    assert map_prose(text, str.upper) == "A `b` C\n" + FENCE + "\u00c9 & # % `[[x]]`\r\n"


def test_comments_removed_inline_and_multiline_never_in_code():
    text = "keep %%inline%% this\n%%\nhidden\n%%\n`%%code%%` and\n" + FENCE
    result, unclosed = strip_comments(text)
    assert result == "keep  this\n\n\n\n`%%code%%` and\n" + FENCE
    assert unclosed == []
    assert result.count("\n") == text.count("\n")


def test_unclosed_comment_is_kept_and_reported():
    result, unclosed = strip_comments("one\ntwo %% never closed\n")
    assert result == "one\ntwo %% never closed\n" and [(u.line, u.mark) for u in unclosed] == [(2, "%%")]


def test_html_comments_are_comments_and_an_unclosed_one_shows_as_text():
    text = "a <!-- b\n# Hidden heading\n[[Hidden link]] ^block --> c\n`<!-- code -->` <!-- x"
    result, unclosed = strip_comments(text)
    assert result == "a \n\n c\n`<!-- code -->` &lt;!-- x"
    assert [(u.line, u.mark) for u in unclosed] == [(4, "<!--")]
    assert strip_comments("%% a <!-- b %% c -->")[0] == " c -->"  # the first opening decides the kind
    assert strip_comments("<!-- material/tags -->") == ("<!-- material/tags -->", [])  # Material's marker


def test_list_after_paragraph_line_gets_a_blank_line():
    assert separate_lists("Imagine this:\n- one\n- two\n") == "Imagine this:\n\n- one\n- two\n"
    assert separate_lists("![[x.png]]\n1. one\n") == "![[x.png]]\n\n1. one\n"


def test_lists_inside_lists_are_left_alone():
    text = "- a\n\t- b\n\t![[img.png]]\n- c\n1. x\n![[y.png]]\n2. z\n"
    assert separate_lists(text) == text


def test_deeper_item_after_continuation_text_is_separated():
    assert separate_lists("- a\n\tmore\n\t- b\n") == "- a\n\tmore\n\n\t- b\n"


def test_separate_lists_skips_code_tables_and_keeps_quotes():
    assert separate_lists(FENCE) == FENCE
    table = "| a |\n| - |\n| - x |\n"
    assert separate_lists(table) == table
    assert separate_lists("> [!note] Title\n> text\n> - item\n") == "> [!note] Title\n> text\n>\n> - item\n"
    assert separate_lists("# Heading\n- item\n") == "# Heading\n- item\n"


def test_promote_title_heading_only_when_it_repeats_the_title():
    assert promote_title_heading("## Amazon EC2 \n- x\n", "Amazon EC2") == "# Amazon EC2 \n- x\n"
    assert promote_title_heading("## Other\n", "Amazon EC2") == "## Other\n"
    assert promote_title_heading("text\n## Amazon EC2\n", "Amazon EC2") == "text\n## Amazon EC2\n"


def test_block_ids_become_anchors_outside_code():
    assert block_ids_to_anchors("A claim. ^claim-1\n") == 'A claim. <a class="vault-block" id="^claim-1"></a>\n'
    assert block_ids_to_anchors("`x ^id`\n") == "`x ^id`\n"
    assert block_ids_to_anchors(FENCE) == FENCE


def test_normalise_newlines_drops_bom_and_crlf():
    assert normalise_newlines("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"


markdownish = st.lists(st.sampled_from(list("ab #-*`%[]!|^\n\t>~=$&:1.") + ["```", "%%", "[[", "]]", "\r\n", "é"]),
                       max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_transforms_never_raise_and_keep_code(text):
    code = [chunk for is_code, chunk in split_code(text) if is_code]
    for transform in (lambda t: strip_comments(t)[0], separate_lists, block_ids_to_anchors):
        result = transform(text)
        assert isinstance(result, str)
    assert [c for is_code, c in split_code(separate_lists(text)) if is_code] == code


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_separate_lists_only_adds_blank_lines_and_is_idempotent(text):
    once = separate_lists(text)
    assert separate_lists(once) == once
    kept = [line for line in once.splitlines() if line.strip(" >")]
    assert kept == [line for line in text.splitlines() if line.strip(" >")]


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_strip_comments_without_marks_changes_nothing(text):
    if "%%" not in text:
        assert strip_comments(text) == (text, [])


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_strip_comments_is_idempotent_once_no_mark_is_left(text):
    once, unclosed = strip_comments(text)
    if not unclosed:
        assert strip_comments(once)[0] == once
