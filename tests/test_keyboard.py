"""Every interactive part by keyboard alone, with the focus visible: link previews, the local graph,
the Graph page's filter and list, the table filters, the 390 px drawer and search.

The ten notes, online (served under the site's path) and offline (file://). Each step presses keys
only; where a part sits after hundreds of links, the test starts from the heading just before it
(focused as a screen reader's heading jump would) and Tabs from there.
"""
from __future__ import annotations

import pytest

from reader_sites import browser, sites  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), cls: String(el.className.baseVal ?? el.className), ring,
          text: (el.textContent || el.value || '').trim().slice(0, 60)};
}"""


def start_before(page, selector: str) -> None:
    """Focus ``selector`` (made focusable for the jump, as a heading jump does), so Tab goes on from it."""
    page.evaluate("s => { const el = document.querySelector(s); el.tabIndex = -1; el.focus(); }", selector)


def tab_to(page, test: str, limit: int = 60) -> dict:
    """Press Tab until the focused element matches the JS predicate ``test``; what has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({test}); }}"):
            return page.evaluate(FOCUS_SHOWN)
    raise AssertionError(f"Tab never reached {test}")


def check_previews(site, browser) -> None:
    page = site.open(browser, site.page_types()["Note"])
    start_before(page, "article h1")
    focused = tab_to(page, "el.closest('.md-content') && el.matches('a[href]') && !el.closest('.vault-local-graph')"
                           " && new URL(el.href).pathname.split('/').filter(Boolean).length > 1 && !el.hash.startsWith('#__')"
                           " && !el.classList.contains('headerlink')")
    assert focused["ring"], focused
    popup = page.locator("#vault-preview")
    popup.wait_for(state="visible", timeout=5000)
    assert popup.locator(".vault-preview__title").inner_text().strip()
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden", timeout=2000)
    page.context.close()


def check_local_graph(site, browser) -> None:
    page = site.open(browser, site.page_types()["Note"])
    start_before(page, ".vault-local-graph__title")
    tab_to(page, "el.matches('.vault-graph-node:not(.is-centre)')")
    shown = page.evaluate("""() => { const node = document.activeElement;
      return {active: node.classList.contains('is-active'),
              label: getComputedStyle(node.querySelector('text')).display !== 'none',
              ring: parseFloat(getComputedStyle(node.querySelector('circle')).strokeWidth) >= 3,
              href: node.getAttribute('href')}; }""")
    assert shown["active"] and shown["label"] and shown["ring"], shown
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_function("u => location.href !== u", arg=before, timeout=5000)
    page.context.close()


def check_graph_page(site, browser) -> None:
    page = site.open(browser, "reference/graph")
    page.wait_for_selector("[data-vault-graph][data-fitted]", timeout=20000)
    start_before(page, "article h1")
    focused = tab_to(page, "el.matches('.vault-graph__filter')")
    assert focused["ring"], focused
    page.keyboard.type("Compute")
    page.wait_for_function("() => { const m = /^(\\d+) of (\\d+)/.exec(document.querySelector('.vault-graph__count')"
                           ".textContent); return m && +m[1] > 0 && +m[1] < +m[2]; }")
    count = page.locator(".vault-graph__count").inner_text()
    shown, total = int(count.split()[0]), int(count.split()[2])
    assert 0 < shown < total, count
    focused = tab_to(page, "el.matches('.vault-graph__item > a')")
    assert focused["ring"] and "compute" in focused["text"].lower(), focused
    page.keyboard.press("Tab")  # the item's "connections" summary
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('details').open")
    page.context.close()


def check_table_filter(site, browser) -> None:
    page = site.open(browser, "reference/glossary")
    start_before(page, "article h1")
    focused = tab_to(page, "el.matches('.vault-table-filter__input')")
    assert focused["ring"], focused
    rows = page.locator("article tbody tr")
    total = rows.count()
    first = rows.first.locator("td").first.inner_text().strip()
    page.keyboard.type(first)
    page.wait_for_function("n => [...document.querySelectorAll('article tbody tr')].filter(r => !r.hidden).length < n",
                           arg=total)
    visible = page.evaluate("() => [...document.querySelectorAll('article tbody tr')].filter(r => !r.hidden)"
                            ".map(r => r.textContent)")
    assert visible and all(first.lower() in text.lower() for text in visible), (first, visible)
    page.context.close()


def check_drawer_and_search(site, browser) -> None:
    page = site.open(browser, site.page_types()["Note"], width=390)
    focused = tab_to(page, "el.matches(\"label[for='__drawer']\")", limit=5)
    assert focused["ring"], focused
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked()
    assert page.locator(".md-header label[for='__drawer']").get_attribute("aria-expanded") == "true"
    focused = tab_to(page, "el.closest('nav.md-nav--primary') && el.matches('a[href]')", limit=10)
    assert focused["ring"], focused
    page.keyboard.press("Escape")
    assert not page.locator("#__drawer").is_checked()
    focused = tab_to(page, "el.matches(\"label[for='__search']\")", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')", timeout=5000)
    page.keyboard.type("Lambda", delay=20)
    # The list is drawn again for each answer of the worker (one per key typed): wait for the answer to
    # the whole word (its hits are marked) and for the list to stay put, so ArrowDown lands in the final list.
    page.wait_for_function("() => document.querySelector('.md-search-result__item mark')", timeout=10000)
    page.wait_for_function("""() => new Promise(done => {
        const list = document.querySelector('.md-search-result__list');
        let timer = setTimeout(() => { observer.disconnect(); done(true); }, 400);
        const observer = new MutationObserver(() => { clearTimeout(timer);
          timer = setTimeout(() => { observer.disconnect(); done(true); }, 400); });
        observer.observe(list, {childList: true, subtree: true});
    })""", timeout=10000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(FOCUS_SHOWN)
    if not focused or focused["tag"] != "a":  # a late answer redrew the list under the focus: once more
        page.wait_for_timeout(500)
        page.keyboard.press("ArrowDown")
        focused = page.evaluate(FOCUS_SHOWN)
    assert focused and focused["tag"] == "a" and focused["ring"], focused
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_function("u => location.href !== u", arg=before, timeout=5000)
    page.context.close()


@pytest.mark.parametrize("name", ["notes-online", "notes-offline"])
def test_every_interactive_part_works_by_keyboard_with_visible_focus(browser, sites, name):
    site = sites[name]
    check_previews(site, browser)
    check_local_graph(site, browser)
    check_graph_page(site, browser)
    check_table_filter(site, browser)
    check_drawer_and_search(site, browser)
    assert site.errors == [] and site.outside == [], (site.errors, site.outside)
