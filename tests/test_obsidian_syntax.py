"""Obsidian syntax beyond plain Markdown, built for real: callouts, marks, comments, footnotes, math,
mermaid, tasks, tags; math and diagrams render from files the site ships."""
from __future__ import annotations

from sitebuild import article, build, make_project, soup

NOTE = """# Syntax
> [!warning]- Folded title
> Inside the callout.
> - a list item right under a line

Some ==highlighted== text%% hidden inline %% here.
%%
hidden block
%%
A claim with a footnote.[^1]

Inline math $E = mc^2$ and a block:

$$
a^2 + b^2 = c^2
$$

```mermaid
graph LR
  A --> B
```

- [ ] open task
- [x] done task

[^1]: The footnote text.
"""


def test_obsidian_syntax_renders(tmp_path):
    project = make_project(tmp_path, {"Syntax.md": NOTE})
    result = build(project)
    assert result.returncode == 0, result.stderr
    page_path = project / "site" / "syntax" / "index.html"
    page = article(page_path)
    callout = page.select_one("details.warning")
    assert callout is not None and "Folded title" in callout.select_one("summary").get_text()
    assert callout.select_one("ul li").get_text() == "a list item right under a line"
    assert page.select_one("mark").get_text() == "highlighted"
    assert "hidden" not in page.get_text()
    assert page.select_one(".footnote li").get_text(" ", strip=True).startswith("The footnote text.")
    assert len(page.select(".arithmatex")) == 2
    assert page.select_one("pre.mermaid, div.mermaid") is not None
    assert len(page.select("input[type=checkbox]")) == 2
    html = soup(page_path)
    scripts = [s.get("src", "") for s in html.select("script")]
    assert "../assets/vendor/katex/katex.min.js" in scripts and "../assets/vendor/mermaid.min.js" in scripts
    for script in ("katex/katex.min.js", "katex/contrib/auto-render.min.js", "mermaid.min.js"):
        assert (project / "site" / "assets" / "vendor" / script).is_file()
    assert not any(src.startswith("http") for src in scripts)


def test_pages_without_math_load_no_renderer(tmp_path):
    project = make_project(tmp_path, {"Plain.md": "# Plain\ntext\n", "Math.md": "# Math\n$x$\n"})
    assert build(project).returncode == 0
    plain = " ".join(s.get("src", "") for s in soup(project / "site" / "plain" / "index.html").select("script"))
    assert "katex" not in plain and "mermaid" not in plain
