"""Bases: the expression language, the base file reader, the rows and views, with nasty inputs."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import get_relative_url

from sitebuild import TOC_IDS

from vaultlib.bases import ExpressionError, Row, VaultRows, parse_expression, read_base, render_base_file
from vaultlib.bases.blocks import base_fences
from vaultlib.bases.spec import MAX_FILTER_DEPTH
from vaultlib.bases.evaluate import MAX_STEPS, Context, EvalError, Evaluation, This
from vaultlib.bases.syntax import MAX_DEPTH, MAX_EXPRESSION_CHARS, tokenize
from vaultlib.bases.values import Date, parse_duration
from vaultlib.index.resolver import Resolver
from vaultlib.index.vault import VaultIndex, VaultRoot
from vaultlib.render.site_paths import SitePaths

FIXTURE = Path(__file__).parent / "fixtures" / "bases-vault"


PATHS = SitePaths(get_relative_url)
markdown_path = PATHS.markdown_path


def day(text: str) -> Date:
    return Date(datetime.datetime.fromisoformat(text), False)


ROWS = [
    Row(None, "Courses/Compute.md", {"price": 12, "Status": "done", "标签": "值 & %#1", "level": 2,
                                     "when": datetime.date(2024, 3, 1), "big": list(range(10_000))},
        ["course", "cloud/compute"], size=120, mtime=day("2024-03-02"), ctime=day("2024-01-01")),
    Row(None, "Courses/Sub/Storage.md", {"price": 7.5, "Status": "open", "items": ["b", "a", "b"]},
        ["course"], size=80, mtime=day("1999-12-30")),
    Row(None, "Top.md", {"price": None, "title": "ＡＢＣ <script>alert(1)</script> | [[x]]"}, []),
]
VAULT = VaultRows(None, None, ROWS, paths=PATHS)


def value(expression: str, row: int = 0, formulas: dict[str, str] | None = None, this: Row | None = None):
    context = Context(VAULT, {name: parse_expression(text) for name, text in (formulas or {}).items()},
                      This(this), now=Date(datetime.datetime(2024, 3, 5, 12, 0)))
    return Evaluation(context, VAULT.rows[row]).run(parse_expression(expression))


# --- tokenizer and parser
def test_names_strings_and_spaces_of_any_script():
    kinds = [(t.kind, t.value) for t in tokenize('\ufeffnote.标签 ==\r\n"值 & %#1" && 価格>=1.5')]
    assert kinds == [("name", "note"), ("op", "."), ("name", "标签"), ("op", "=="), ("string", "值 & %#1"),
                     ("op", "&&"), ("name", "価格"), ("op", ">="), ("number", 1.5), ("end", None)]
    assert value('note.标签 == "值 & %#1"') is True
    assert value('note["标签"].contains("&")') is True
    assert value("'it\\'s' + \"\\\"q\\\"\"") == "it's\"q\""


@pytest.mark.parametrize("text, message", [
    ('"never closed', "never closed"),
    ("1 +", "expected a value but found the end"),
    ("price @ 2", "unexpected character '@'"),
    ("file.name.matches(/ab+c/)", "regular expressions"),
    ("if(a, b", "expected ','"),
    ("a b", "unexpected 'b'"),
    ("{1: 2}", "expected a key"),
])
def test_syntax_errors_say_what_and_where(text, message):
    with pytest.raises(ExpressionError) as error:
        parse_expression(text)
    assert message in str(error.value)
    assert 0 <= error.value.position <= len(text)


def test_deep_nesting_and_huge_expressions_are_refused_not_recursed():
    with pytest.raises(ExpressionError, match="deeper than"):
        parse_expression("(" * 5000 + "1" + ")" * 5000)
    with pytest.raises(ExpressionError, match="deeper than"):
        parse_expression("!" * 5000 + "true")
    with pytest.raises(ExpressionError, match="deeper than"):
        parse_expression("+".join(["1"] * (MAX_DEPTH + 5)))
    with pytest.raises(ExpressionError, match="characters long"):
        parse_expression("1 + " * 250_000 + "1")  # 1 MB
    assert value("+".join(["1"] * (MAX_DEPTH - 5))) == MAX_DEPTH - 5
    assert value("(" * 40 + "2" + ")" * 40 + " * 3") == 6
    assert len("1 + " * 250_000) > MAX_EXPRESSION_CHARS


# --- operators and values
@pytest.mark.parametrize("expression, expected", [
    ("1 + 2 * 3 == 7", True), ("(1 + 2) * 3", 9), ("10 % 3", 1), ("7 / 2", 3.5), ("1 / 0", None),
    ('"a" + 1', "a1"), ("-price + 2", -10), ("!true || false", False), ("not false and true", True),
    ("price > 10 && Status != \"open\"", True), ("price > 20 or level >= 2", True), ("missing > 1", False),
    ('Status == "done"', True), ('status == "done"', True),  # property names are case-insensitive
    ("note.price + formula.twice", 36), ("[1, 2, 3].length", 3), ('"héllo wörld".title()', "Héllo Wörld"),
    ('"  x ".trim().upper()', "X"), ('"a,b,c,d".split(",", 3)', ["a", "b", "c"]), ('"hello".slice(1, 4)', "ell"),
    ('"abc".reverse()', "cba"), ('"a-b-a".replace("a", "x")', "x-b-x"), ('"ab".repeat(2)', "abab"),
    ('"hello".containsAll("h", "e")', True), ('"hello".containsAny("x", "y")', False),
    ('file.name.startsWith("Com") && file.name.endsWith(".md")', True),
    ("(2.3333).round(2)", 2.33), ("(2.5).round()", 3), ("(3.14159).toFixed(2)", "3.14"), ("(-5).abs()", 5),
    ("(2.1).ceil() + (2.9).floor()", 5), ("1.isTruthy()", True), ('"x".isType("string")', True),
    ("123.toString()", "123"), ("min(3, 1, 2) + max(4, 9)", 10), ('number("3.4")', 3.4), ("number(true)", 1),
    ("list(price)", [12]), ("[1,2,3,4].filter(value > 2)", [3, 4]), ("[1,2,3,4].map(value + index)", [1, 3, 5, 7]),
    ("[1,2,3].reduce(acc + value, 0)", 6), ("[3, 1, 2].sort()", [1, 2, 3]), ('["c", "a", "b"].sort()', ["a", "b", "c"]),
    ("[1,2,2,3].unique()", [1, 2, 3]), ('[1,2,3].join(",")', "1,2,3"), ("[1,[2,3]].flat()", [1, 2, 3]),
    ("[1,2,3].containsAny(3,4)", True), ("[1,2,3].containsAll(2,3)", True), ("[1,2,3,4].slice(1,3)", [2, 3]),
    ("[1,2,3].reverse()", [3, 2, 1]), ("[].isEmpty()", True), ("{}.isEmpty()", True), ('{"a": 1}.keys()', ["a"]),
    ("big.length", 10_000), ("big[2]", 2), ("big[99999]", None), ("missing.contains(1)", None),
    ("missing.isEmpty()", True), ("if(price, \"yes\", \"no\")", "yes"), ("if(missing, 1)", None),
    ("if(true, 1, frobnicate())", 1),  # the branch not taken is not evaluated
])
def test_operators_functions_and_methods(expression, expected):
    assert value(expression, formulas={"twice": "price * 2"}) == expected


def test_dates_and_durations():
    assert value('date("2024-12-01") + "1M" + "4h" + "3m"') == Date(datetime.datetime(2025, 1, 1, 4, 3))
    assert value('(now() + "1d") - now()') == 86_400_000
    assert value('today()') == day("2024-03-05")
    assert value('file.mtime > now() - "1 week"') is True
    assert value('file.mtime > now() - "1 week"', row=1) is False
    assert value('when < date("2024-04-01") && when == "2024-03-01"') is True
    assert value('when.year * 100 + when.month') == 202403
    assert value('date("2024-01-31") + "1 month"') == day("2024-02-29")
    assert value('date("2025-05-27 13:04:05").format("YYYY-MM-DD [at] HH:mm:ss A")') == "2025-05-27 at 13:04:05 PM"
    assert value('now() + duration("5h") * 2') == Date(datetime.datetime(2024, 3, 5, 22, 0))
    assert value('date("not a date")') is None
    assert parse_duration("1 week 2d") is not None and parse_duration("3 fortnights") is None


def test_file_properties_and_functions():
    assert value("file.name") == "Compute.md" and value("file.basename") == "Compute"
    assert value("file.ext") == "md" and value("file.path") == "Courses/Compute.md"
    assert value("file.folder") == "Courses" and value("file.size") == 120
    assert value('file.inFolder("Courses")', row=1) and value('file.inFolder("courses/sub")', row=1)
    assert not value('file.inFolder("Course")', row=1)
    assert value('file.hasTag("cloud")') and value('file.hasTag("#COURSE", "none")') and not value('file.hasTag("cl")')
    assert value('file.tags') == ["#course", "#cloud/compute"]
    assert value('file.hasProperty("status")') and not value('file.hasProperty("nope")', row=1)


def test_links_between_rows():
    rows = VaultRows(None, None, paths=PATHS, rows=[
        Row(None, "A.md", {"up": "[[B]]"}, links=[]),
        Row(None, "B.md", {}, links=[]),
    ])
    rows.rows[0].links.append(__import__("vaultlib.bases.values", fromlist=["Link"]).Link("B", "", "B.md"))
    context = Context(rows, {}, This(rows.rows[1]))
    run = lambda expression, row=0: Evaluation(context, rows.rows[row]).run(parse_expression(expression))  # noqa: E731
    assert run("file.hasLink(this.file)") is True and run("file.hasLink(this)") is True
    assert run("file.hasLink(this.file)", row=1) is False
    assert run('file.hasLink("B")') is True and run('file.hasLink("[[B]]")') is True
    assert run("up == this") is True
    assert [ref.row.site_path for ref in run("this.file.backlinks")] == ["A.md"]


def test_what_the_static_site_cannot_do_is_named():
    with pytest.raises(EvalError, match="unknown function 'frobnicate"):
        value("frobnicate(1)")
    with pytest.raises(EvalError, match="unknown function 'nope\\(\\)' for a string"):
        value('"x".nope()')
    with pytest.raises(EvalError, match="`this` is unknown here"):
        value("this.file.name")
    with pytest.raises(EvalError, match="not supported"):
        value('image("x.png")')
    with pytest.raises(EvalError, match="not supported"):
        value("now().relative()")
    with pytest.raises(EvalError, match="uses itself"):
        value("formula.a", formulas={"a": "formula.b + 1", "b": "formula.a"})
    with pytest.raises(EvalError, match="no formula 'zz'"):
        value("formula.zz")


def test_hostile_formulas_stop_quickly():
    with pytest.raises(EvalError, match=f"after {MAX_STEPS} steps"):
        value("big.map(big.map(value * 2))")  # 10^8 steps if it ran
    with pytest.raises(EvalError, match="longer than"):
        value('"ab".repeat(1000000000)')
    with pytest.raises(EvalError, match="longer than"):
        value('big.map("0123456789abcdef").join("")')  # 160 000 characters


# --- the base file
def test_base_yaml_with_bom_crlf_and_mistakes_names_each_key_line():
    text = ("\ufefffilters:\r\n  and:\r\n    - 'price > 1'\r\n    - 'price >'\r\n    - 42.5\r\n    - [1]\r\n"
            "formulas:\r\n  ok: 'price * 2'\r\n  broken: 'frob('\r\n"
            "views:\r\n  - type: table\r\n    limit: -3\r\n  - type: map\r\n    name: 地図\r\nextra: 1\r\n")
    base = read_base(text)
    issues = {issue.line: issue.message for issue in base.issues}
    assert "'price >' does not parse" in issues[4]
    assert "a filter is an expression" in issues[6]
    assert "'frob(' does not parse" in issues[9]
    assert "'limit' is a positive whole number" in issues[12]
    assert "'map' layout is not supported" in issues[13] and "地図" in issues[13]
    assert "'extra' is not a key" in issues[15]
    assert [part.kind for part in base.filters.parts] == ["statement", "statement", "statement"]
    assert base.formulas["ok"].node is not None and base.formulas["broken"].node is None
    assert [view.type for view in base.views] == ["table", "map"]


@pytest.mark.parametrize("text, message", [
    ("filters: [unclosed", "not valid YAML"), ("- just\n- a list\n", "YAML mapping"),
    ("filters: &x {and: [*x, 'price > 1']}\n", "nest deeper than"),  # a YAML alias of itself
])
def test_unreadable_bases(text, message):
    issues = read_base(text).issues
    assert issues and message in issues[0].message


def test_deeply_nested_filters_are_cut():
    nested: object = "1 == 1"
    for _ in range(40):
        nested = {"not": [nested]}
    base = read_base(yaml.safe_dump({"filters": nested}))
    messages = [issue.message for issue in base.issues]
    assert len(messages) == 1 and "nest deeper than" in messages[0]
    depth, part = 0, base.filters
    while part.parts:
        depth, part = depth + 1, part.parts[0]
    assert depth == MAX_FILTER_DEPTH  # what is deeper is left out, the rest is kept


def test_base_fences_in_a_note():
    lines = ["# T\n", "```base\n", "views: []\n", "```\n", "> ```base\n", "> quoted\n", "> ```\n",
             "- item\n", "  ```base\n", "  in a list item\n", "  ```\n",
             "````md\n", "```base\n", "inner\n", "```\n", "````\n", "~~~ Base \n", "filters: x\n"]
    assert base_fences(lines) == [(1, 4, "views: []\n"), (16, 18, "filters: x\n")]  # the unclosed one runs to the end


# --- rendering over the fixture vault
@pytest.fixture(scope="module")
def fixture_rows() -> VaultRows:
    index = VaultIndex.scan([VaultRoot(FIXTURE)], TOC_IDS)
    return VaultRows(index, Resolver(index), paths=PATHS)


def test_rows_come_from_published_notes_in_path_order(fixture_rows):
    paths = [row.site_path for row in fixture_rows.rows]
    assert paths == sorted(paths) and "Drafts/Secret.md" not in paths
    expected = sorted(str(p.relative_to(FIXTURE)) for p in FIXTURE.rglob("*.md") if "Drafts" not in p.parts)
    assert paths == expected
    compute = fixture_rows.by_site_path["Courses/Compute.md"]
    assert compute.tags == ["course", "cloud/compute", "inline-tag"]
    assert [link.site_path for link in compute.links] == ["Courses/Storage.md", "People/Ana.md"]  # body, then owner
    storage = fixture_rows.by_site_path["Courses/Storage.md"]
    assert "People/Bo.md" not in [link.site_path for link in storage.links]  # a link in code is no link
    assert compute.size == (FIXTURE / "Courses/Compute.md").stat().st_size
    assert fixture_rows.by_site_path["People/Ana.md"].properties["role"] == "teacher"  # BOM before '---'
    context = Context(fixture_rows, {}, This(fixture_rows.by_site_path["People/Ana.md"]))
    evaluation = Evaluation(context, compute)
    assert evaluation.run(parse_expression("owner.asFile().file.folder")) == "People"
    assert evaluation.run(parse_expression("owner == this && file.hasLink(this.file)")) is True
    assert evaluation.run(parse_expression('file.hasLink("Storage") && !file.hasLink("Bo")')) is True
    bo = fixture_rows.by_site_path["People/Bo.md"]
    assert [link.site_path for link in bo.embeds] == ["People/Ana.md"]
    assert "People/Ana.md" not in [link.site_path for link in bo.links]  # an embed is not a link of file.links
    assert Evaluation(context, bo).run(parse_expression("file.embeds.contains(this)")) is True


def test_base_file_page_names_this_and_still_renders(fixture_rows):
    source = (FIXTURE / "Catalog.base").read_text(encoding="utf-8")
    markdown, problems = render_base_file(source, "Catalog.base", "Catalog.md", fixture_rows)
    assert problems and all(problem.path == "Catalog.base" for problem in problems)
    mine_line = 1 + source.splitlines().index("  mine: 'if(this.file.name, file.hasLink(this.file), \"unknown\")'")
    assert any(problem.line == mine_line and "`this` is unknown" in problem.message and "mine" in problem.message
               for problem in problems)
    shown = [row for row in fixture_rows.rows if not row.folder.startswith("People")]
    for row in shown:
        assert f"[{row.basename}]({markdown_path(row.site_path, 'Catalog.md')})" in markdown
    prices = sorted(row.properties["price"] for row in shown if "price" in row.properties)
    assert "**spread:** " + " &#60; ".join(f"{p:g}" for p in prices) in markdown
    assert f"**Max:** {max(len(row.tags) for row in shown)}" in markdown


def test_base_embedded_by_a_note_knows_this(fixture_rows):
    source = (FIXTURE / "Catalog.base").read_text(encoding="utf-8")
    viewer = fixture_rows.by_site_path["Courses/Storage.md"]
    markdown, problems = render_base_file(source, "Catalog.base", viewer.site_path, fixture_rows, this=viewer,
                                          view="Linking to the viewer")
    assert problems == []
    listed = [row for row in fixture_rows.rows if not row.folder.startswith("People")
              and viewer.site_path in {link.site_path for link in row.links}]
    assert listed and markdown.count("\n- ") == len(listed)
    assert "Everything" not in markdown


def test_vault_values_are_escaped_and_note_text_rendered():
    markdown, problems = render_base_file("views:\n  - type: table\n    order: [file.name, title, formula.t]\n"
                                          "formulas:\n  t: 'title + \"&#%\"'\n", "x.base", "x.md", VAULT)
    assert problems == []
    assert "<script>" not in markdown and "alert(1)" in markdown
    assert "&#38;&#35;&#37;" in markdown  # the formula's text shows as written
    assert "\\|" in markdown or "&#124;" in markdown  # a '|' of the value does not split the cell


def test_embed_of_a_base_file_through_the_fence_hook(fixture_rows):
    from vaultlib.bases import BaseFences
    from vaultlib.render.note_render import PageRender

    viewer = fixture_rows.by_site_path["Courses/Storage.md"]
    page = PageRender(fixture_rows.resolver, viewer.note, "courses/storage/", PATHS)
    source = (FIXTURE / "Catalog.base").read_text(encoding="utf-8")
    markdown = BaseFences(fixture_rows).embed(page, viewer.note, source, "Catalog.base", "Nope")
    assert page.depends_on.vault == fixture_rows.signature
    assert [p.message for p in page.problems] == ["the base has no view named 'Nope'; its first view is shown"]
    assert "Everything" in markdown and "Linking to the viewer" not in markdown
    assert f"[Compute]({markdown_path('Courses/Compute.md', viewer.site_path)})" in markdown


@pytest.mark.parametrize("expression", ['"x".slice("a")', '(1).toFixed("x")', '"a".split("", "x")', "price.abs(1, 2)"])
def test_arguments_that_do_not_fit_are_a_message(expression):
    with pytest.raises(EvalError, match="cannot take these arguments"):
        value(expression)


def test_numbers_are_doubles_so_growth_stays_cheap():
    assert value("big.reduce(acc * acc + 2, 2)") == float("inf")  # 2^(2^10000) as an int would never end
    assert value("9" * 5000 + " + 1") == float("inf") and value("99999999999999999 * 3") == 3e17
    markdown, _ = render_base_file("formulas:\n  huge: 'big.reduce(acc * acc + 2, 2)'\n"
                                   "views:\n  - type: table\n    order: [formula.huge]\n", "x.base", "x.md", VAULT)
    assert "Infinity" in markdown


PIECES = ['note.', 'file.', 'formula.', 'this', 'price', '标签', 'big', 'items', '"a&#%"', "'x'", '1', '2.5', '0',
          '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-', '*', '/', '%', '==', '!=', '>', '<=', '!', '&&', '||',
          ' and ', ' or ', 'not ', 'if(', 'contains(', 'map(', 'filter(', 'reduce(', 'value', 'acc', 'index', 'now()',
          'date("2024-01-01")', '"1 week"', 'join(', 'sort()', 'unique()', 'length', 'hasTag(', 'hasLink(', 'name',
          'true', 'null', '\r\n', '\ufeff', '"', '\\', '@', '\u2028', '𝔘']


def test_random_expressions_only_ever_give_messages():
    import random

    generator = random.Random(19)
    outcomes = {"value": 0, "syntax": 0, "message": 0}
    for _ in range(3000):
        text = "".join(generator.choice(PIECES) for _ in range(generator.randint(1, 12)))
        try:
            value(text, formulas={"twice": "price * 2", "loop": "formula.loop"})
            outcomes["value"] += 1
        except ExpressionError:
            outcomes["syntax"] += 1
        except EvalError:
            outcomes["message"] += 1
    assert outcomes["value"] > 100 and outcomes["message"] > 10, outcomes  # the evaluator was reached, often


def test_random_bases_only_ever_give_problems():
    import random

    generator = random.Random(21)
    keys = ["filters", "formulas", "properties", "views", "summaries", "and", "or", "not", "type", "order", "limit",
            "groupBy", "sort", "property", "direction", "displayName", "name"]
    scalars = ["table", "cards", "list", "price > 1", "file.name", "formula.t", "ASC", "DESC", "-1", "3", "[", "{",
               "'x", "&a", "*a", "~", "null", "'this.file.name'", "'frob()'"]
    for _ in range(400):
        lines = []
        for _ in range(generator.randint(1, 14)):
            indent = "  " * generator.randint(0, 4)
            lead = generator.choice(["", "- "])
            lines.append(f"{indent}{lead}{generator.choice(keys)}: {generator.choice(scalars + [''])}")
        markdown, problems = render_base_file("\n".join(lines), "fuzz.base", "x.md", VAULT)
        assert markdown.strip().startswith("<div") or problems


def test_a_crlf_note_with_a_bom_in_its_base_still_renders(fixture_rows):
    lines = ["Intro\r\n", "```base\r\n", "\ufeffviews:\r\n", "  - type: list\r\n", "    order: [file.name]\r\n",
             "```\r\n"]
    (start, end, body), = base_fences(lines)
    assert (start, end) == (1, 6)
    markdown, problems = render_base_file(body, "n.md", "n.md", fixture_rows)
    assert problems == [] and markdown.count("\n- ") == len(fixture_rows.rows)
