"""Compare two builds of the same vault page by page: what changed, and where.

    python tools/compare_sites.py OLD_SITE NEW_SITE             # every file, asset hashes aside
    python tools/compare_sites.py OLD_SITE NEW_SITE --articles  # what each page's article shows

Every file: Material's content-hashed asset names (``main.1a2b3c4d.min.js``)
count as equal. ``--articles``: each page's article as the DOM a browser
builds, both sides parsed and written back by one parser with attributes
sorted, comments left out and inline JSON compared as data, so serialisation
and escaping (``<br />`` or ``<br>``, ``&`` or ``\\u0026``) do not count.
Prints each difference (with its first lines, for articles) and exits 1 if
there is any, so a refactoring can show that the pages are the same.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment

ASSET_HASH = re.compile(r"\.[0-9a-f]{8,}(?=\.min\.(?:js|css)\b)")


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix not in (".html", ".js", ".css", ".json", ".xml"):
        return data
    return ASSET_HASH.sub(".HASH", data.decode("utf-8", "replace")).encode("utf-8")


def article_lines(page: Path) -> list[str]:
    """The page's article, one line per element and text, as a browser's DOM has it."""
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


def file_differences(old: Path, new: Path) -> list[str]:
    old_files, new_files = ({p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
                            for root in (old, new))
    found = [f"only in {old}: {name}" for name in sorted(old_files - new_files)]
    found += [f"only in {new}: {name}" for name in sorted(new_files - old_files)]
    return found + [f"differs: {name}" for name in sorted(old_files & new_files)
                    if file_bytes(old / name) != file_bytes(new / name)]


def article_differences(old: Path, new: Path) -> list[str]:
    found = []
    for relative in sorted(p.relative_to(old) for p in old.rglob("*.html") if "assets" not in p.parts):
        before, after = article_lines(old / relative), article_lines(new / relative)
        if before != after:
            diff = list(difflib.unified_diff(before, after, lineterm="", n=0))[2:14]
            found.append("\n    ".join([f"differs: {relative}"] + [line[:200] for line in diff]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--articles", action="store_true", help="compare what each page's article shows")
    arguments = parser.parse_args()
    found = (article_differences if arguments.articles else file_differences)(arguments.old, arguments.new)
    print("\n".join(found) if found else "same" + (": every article" if arguments.articles else
                                                 ": every file, asset hashes aside"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
