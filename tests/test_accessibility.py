"""axe-core (WCAG 2.1 A and AA rules) in Chromium over every page type a reader meets.

The ten notes and the 164-note help vault, each built online (served over HTTP
under its site_url path) and offline (opened from file:// with every other
request blocked); every page type (a note, home, each generated reference page,
the 404 page, the search dialog open with results) in light and dark, at 1280 and
390 px. axe-core is pinned in package-lock.json and injected from node_modules.
Any serious or critical violation fails the test, and every one is printed.
"""
from __future__ import annotations

from collections import Counter

import pytest

from reader_sites import (AXE, OUTPUT, SCHEMES, WIDTHS, ReaderSite, browser, open_search,  # noqa: F401 (fixtures)
                          search_query, sites)

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"],
               "preload": False,  # axe's own CSSOM fetch fails under file:// (console errors not the site's)
               # Off by default in axe (experimental / best practice), but the issue names both failures.
               "rules": {"label-content-name-mismatch": {"enabled": True}, "aria-dialog-name": {"enabled": True}}}
SERIOUS = ("serious", "critical")
RUN_AXE = """async ([options, serious]) => {
  const result = await axe.run(document, options);
  return result.violations.filter(v => serious.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                             summary: (n.failureSummary || '').slice(0, 300)}))}));
}"""


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, [AXE_OPTIONS, list(SERIOUS)])


def audit(browser, site: ReaderSite) -> tuple[list[str], Counter]:
    """Every serious or critical violation on every page type of ``site``, and their count per type."""
    found: list[str] = []
    per_type: Counter = Counter()
    for width in WIDTHS:
        for scheme in SCHEMES:
            query = None
            for kind, slug in site.page_types().items():
                page = site.open(browser, slug, width=width, scheme=scheme)
                record(found, per_type, kind, f"{site.name} {width}px {scheme} {kind}", axe_violations(page))
                if kind == "Note":
                    query = search_query(page)
                page.context.close()
            page = site.open(browser, site.page_types()["Note"], width=width, scheme=scheme)
            open_search(page, query)
            record(found, per_type, "Search dialog", f"{site.name} {width}px {scheme} Search dialog",
                   axe_violations(page))
            page.context.close()
    return found, per_type


def record(found: list[str], per_type: Counter, kind: str, where: str, violations: list[dict]) -> None:
    per_type[kind] += sum(len(v["nodes"]) for v in violations)
    for violation in violations:
        for node in violation["nodes"]:
            line = (f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) "
                    f"at {node['target']}: {node['html']} -- {node['summary']}")
            found.append(" ".join(line.split()))


@pytest.mark.parametrize("name", ["notes-online", "notes-offline", "help-online", "help-offline",
                                  "boards-online", "boards-offline"])
def test_no_serious_axe_violation_on_any_page_type(browser, sites, name):
    site = sites[name]
    found, per_type = audit(browser, site)
    print(f"\naxe serious+critical nodes on {name} (light+dark, {'+'.join(map(str, WIDTHS))} px):")
    for kind in list(site.page_types()) + ["Search dialog"]:
        print(f"  {kind:16} {per_type[kind]}")
    print("\n".join(found))
    OUTPUT.mkdir(exist_ok=True)
    OUTPUT.joinpath(f"axe-{name}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == [], f"{len(found)} serious or critical violations on {name}"
    assert site.outside == [], site.outside
    assert site.errors == [], site.errors
