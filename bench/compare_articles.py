"""Compare every page's article HTML of two builds (before/after the sanitizer), as the DOM a browser builds.

    python bench/compare_articles.py SITE_BEFORE SITE_AFTER

Both sides are parsed and written back by the same HTML parser (bs4 + html.parser), attributes sorted, so
serialisation differences (``<br />`` vs ``<br>``, quoting, entity spelling) do not count. Prints each
page that differs with its first differing lines, and a count.
"""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment


def normalised(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return []
    for comment in article.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    lines = []
    for element in article.descendants:
        if getattr(element, "name", None):
            attributes = " ".join(f'{k}="{" ".join(v) if isinstance(v, list) else v}"'
                                  for k, v in sorted(element.attrs.items()))
            lines.append(f"<{element.name} {attributes}>")
        elif getattr(element.parent, "name", "") == "script" and element.parent.get("type") == "application/json":
            lines.append(json.dumps(json.loads(str(element)), sort_keys=True))  # the data, not its escaping
        elif str(element).strip():
            lines.append(str(element).strip())
    return lines


def main(before: Path, after: Path) -> int:
    differing = 0
    pages = sorted(p.relative_to(before) for p in before.rglob("*.html") if "assets" not in p.parts)
    for relative in pages:
        old, new = normalised(before / relative), normalised(after / relative)
        if old != new:
            differing += 1
            print(f"== {relative}")
            for line in list(difflib.unified_diff(old, new, lineterm="", n=0))[2:14]:
                print("   ", line[:200])
    print(f"{differing} of {len(pages)} pages differ")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
