"""The Study page in Chromium, from the offline bundle on disk (file://, every other request blocked):
reveal and grade a card, reload, find the progress kept and the next card due; the quiz's score;
390 px without sideways scrolling."""
from __future__ import annotations

import re

import pytest

from sitebuild import build, make_project
from test_browser_search import OUTPUT, Session, assert_clean, browser, offline_index  # noqa: F401 (fixtures)
from test_study import FIXTURE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def study_url(tmp_path_factory) -> str:
    project = make_project(tmp_path_factory.mktemp("study-browser") / "project", FIXTURE)
    result = build(project, project / "offline", offline=True)
    assert result.returncode == 0, result.stderr
    return (project / "offline" / "reference" / "study.html").as_uri()


def open_study(browser, url: str, *, width: int = 1280) -> Session:  # noqa: F811
    session = Session(browser, block_outside=True, allowed_prefix="file://")
    session.page.set_viewport_size({"width": width, "height": 900})
    session.page.goto(url)
    session.page.wait_for_selector(".vault-study__side [data-grade], .vault-study__actions button", timeout=15000)
    return session


def due_count(page) -> int:
    text = page.locator(".vault-study__status").first.inner_text()
    return int(re.search(r"(\d+) due", text).group(1))


def test_grade_a_card_reload_and_the_progress_is_kept(browser, study_url):  # noqa: F811
    session = open_study(browser, study_url)
    page = session.page
    total = page.locator(".vault-study > .vault-study__card").count()
    assert due_count(page) == total  # all new, all due
    first = page.locator(".vault-study__side").get_attribute("data-vault-card")
    assert page.locator(".vault-study__side .vault-study__back").count() == 0  # the answer is hidden
    page.keyboard.press("Space")
    back = page.locator(".vault-study__side .vault-study__back")
    assert back.is_visible()
    expected = page.locator(f'.vault-study > .vault-study__card[data-vault-card="{first}"] .vault-study__back')
    assert back.text_content().strip() == expected.text_content().strip()
    page.keyboard.press("3")  # good
    assert page.locator(".vault-study__side").get_attribute("data-vault-card") != first
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('vault-study/v1'))")
    assert list(stored) == [first]
    assert page.evaluate(f"() => new Date(JSON.parse(localStorage.getItem('vault-study/v1'))['{first}'].due) > new Date()")
    page.reload()
    page.wait_for_selector(".vault-study__actions button", timeout=15000)
    assert due_count(page) == total - 1
    assert page.locator(".vault-study__side").get_attribute("data-vault-card") not in ("", first)
    assert page.locator(".vault-study__side .vault-study__front").is_visible()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "study-review.png"), full_page=True)
    assert_clean([session])


def test_a_deck_counts_its_due_cards_and_reviews_only_them(browser, study_url):  # noqa: F811
    session = open_study(browser, study_url)
    page = session.page
    plants = page.locator(".vault-study__pick").filter(
        has=page.locator(".vault-study__deck-name", has_text=re.compile(r"^flashcards/biology/plants$")))
    in_deck = page.locator(".vault-study > .vault-study__card .vault-study__deck",
                           has_text=re.compile(r"^flashcards/biology/plants$")).count()
    assert plants.locator(".vault-study__due").inner_text() == f"{in_deck} due"
    plants.click()
    assert due_count(page) == in_deck
    shown = page.locator(".vault-study__side .vault-study__deck").inner_text()
    assert shown == "flashcards/biology/plants"
    by_note = page.locator(".vault-study__pick").filter(
        has=page.locator(".vault-study__deck-name", has_text=re.compile("^Inline$")))
    of_note = page.locator(".vault-study > .vault-study__card .vault-study__note", has_text=re.compile("^Inline$"))
    assert by_note.locator(".vault-study__due").inner_text() == f"{of_note.count()} due"
    assert of_note.count() > 0
    assert_clean([session])


def test_the_quiz_scores_the_answers(browser, tmp_path):  # noqa: F811
    notes = {"Terms.md": "# Terms\n\n## Use cases\n\n" + "".join(
        f"- Use case {n}\n" for n in range(3)) + "\n## When to use Other Thing\n\n- Another case\n- Third case\n"}
    project = make_project(tmp_path / "project", notes)
    result = build(project, project / "offline", offline=True)
    assert result.returncode == 0, result.stderr
    session = open_study(browser, (project / "offline" / "reference" / "study.html").as_uri())
    page = session.page
    questions = page.locator(".vault-quiz > .vault-quiz__question")
    count = questions.count()
    assert count >= 2
    page.get_by_role("button", name="Start the quiz").click()
    right = 0
    for number in range(min(10, count)):
        stem = page.locator(".vault-quiz__panel .vault-quiz__stem").inner_text()
        question = questions.filter(has_text=stem).first
        answer = int(question.get_attribute("data-vault-answer"))
        pick = answer if number % 2 == 0 else (answer + 1) % question.locator(".vault-quiz__option").count()
        page.locator(".vault-quiz__panel .vault-quiz__choice").nth(pick).click()
        right += pick == answer
        page.locator(".vault-quiz__panel button", has_text=re.compile("Next question|See the score")).click()
    assert page.locator(".vault-quiz__score").inner_text() == f"Score: {right} / {min(10, count)}"
    assert_clean([session])


def test_the_study_page_fits_390_px_in_dark_mode(browser, study_url):  # noqa: F811
    session = Session(browser, block_outside=True, allowed_prefix="file://")
    page = session.page
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(study_url)
    page.wait_for_selector(".vault-study__actions button", timeout=15000)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(OUTPUT / "study-390-dark.png"), full_page=True)
    assert_clean([session])


def test_the_ten_notes_study_page_from_the_offline_bundle(browser, offline_index):  # noqa: F811
    url = (offline_index.parent / "reference" / "study.html").as_uri()
    session = open_study(browser, url)
    page = session.page
    assert due_count(page) == page.locator(".vault-study > .vault-study__card").count() > 100
    acronyms = page.locator(".vault-study__pick").filter(
        has=page.locator(".vault-study__deck-name", has_text=re.compile("^Acronyms$")))
    acronyms.click()
    # the glossary's tooltip would give the answer away: the review shows no abbr title
    assert page.locator(".vault-study__side abbr[title]").count() == 0
    page.keyboard.press("Enter")
    page.keyboard.press("4")  # easy
    assert due_count(page) == int(acronyms.locator(".vault-study__due").inner_text().split()[0])
    stored = page.evaluate("() => Object.keys(JSON.parse(localStorage.getItem('vault-study/v1')))")
    assert len(stored) == 1
    assert_clean([session])


def test_progress_that_is_not_this_scripts_is_ignored(browser, study_url):  # noqa: F811
    session = open_study(browser, study_url)
    page = session.page
    total = page.locator(".vault-study > .vault-study__card").count()
    first = page.locator(".vault-study__side").get_attribute("data-vault-card")
    for stored in ("not json", "[1, 2]", f'{{"{first}": {{"due": "garbage"}}, "other": 5}}'):
        page.evaluate("(value) => localStorage.setItem('vault-study/v1', value)", stored)
        page.reload()
        page.wait_for_selector(".vault-study__actions button", timeout=15000)
        assert due_count(page) == total, stored
    page.keyboard.press("Space")
    page.keyboard.press("1")  # again: graded over the bad entry, and kept
    assert page.evaluate(f"() => !isNaN(new Date(JSON.parse(localStorage.getItem('vault-study/v1'))['{first}'].due))")
    assert_clean([session])
