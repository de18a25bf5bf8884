"""Compare two builds of the same vault page by page, asset hashes aside: what changed, and where.

    python tools/compare_sites.py OLD_SITE NEW_SITE [--articles]

Every file of both sites is compared; in HTML and JS, Material's content-hashed
asset names (``main.1a2b3c4d.min.js``) count as equal. With ``--articles`` only
each page's ``<article>`` is compared (what the notes look like). Prints one
line per differing file and exits 1 if there is any, so a refactoring can show
that the pages are the same.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ASSET_HASH = re.compile(r"\.[0-9a-f]{8,}(?=\.min\.(?:js|css)\b)")
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def normalised(path: Path, articles: bool) -> bytes:
    data = path.read_bytes()
    if path.suffix not in (".html", ".js", ".css", ".json", ".xml"):
        return data
    text = ASSET_HASH.sub(".HASH", data.decode("utf-8", "replace"))
    if articles and path.suffix == ".html":
        text = "\n".join(ARTICLE.findall(text))
    return text.encode("utf-8")


def differences(old: Path, new: Path, articles: bool = False) -> list[str]:
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
                and (not articles or p.suffix == ".html")}

    old_files, new_files = files(old), files(new)
    found = [f"only in {old}: {name}" for name in sorted(old_files - new_files)]
    found += [f"only in {new}: {name}" for name in sorted(new_files - old_files)]
    found += [f"differs: {name}" for name in sorted(old_files & new_files)
              if normalised(old / name, articles) != normalised(new / name, articles)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--articles", action="store_true", help="compare only each page's <article>")
    arguments = parser.parse_args()
    found = differences(arguments.old, arguments.new, arguments.articles)
    print("\n".join(found) if found else "same: every file, asset hashes aside")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
