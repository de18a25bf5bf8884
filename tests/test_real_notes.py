"""The shipped notes, built with --strict, checked in the HTML."""
from __future__ import annotations

import re
from pathlib import Path

from preservation import missing_lines
from sitebuild import ROOT, article, soup, text_outside_code, visible_text

SEED = ROOT / "tests" / "fixtures" / "seed-export.txt"
TITLES = [
    "Amazon Elastic Compute Cloud (EC2)", "Load Balancing and Auto-scaling", "Serverless Compute",
    "Exploring AWS Database Resources", "Data Migration Services in AWS", "Network Services",
    "Mastering AWS Storage Solutions", "AI & ML services and Machine Learning Process",
    "Analytics and BI Services", "Secondary AWS Services Categories",
]


def note_pages(site: Path) -> dict[str, Path]:
    """Title -> built page, read from the home page's nav."""
    home = soup(site / "index.html")
    pages = {}
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        title = link.get_text(" ", strip=True)
        if title in TITLES:
            pages[title] = site / link["href"].lstrip("./") / "index.html"
    return pages


def heading_text(heading) -> str:
    return " ".join(heading.get_text().replace("¶", "").split())


def test_nav_lists_the_notes_in_course_order(real_site):
    home = soup(real_site / "index.html")
    nav_titles = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    in_nav = [title for title in nav_titles if title in TITLES]
    assert in_nav == TITLES


def test_page_urls_are_clean_slugs(real_site):
    for title, page in note_pages(real_site).items():
        url = page.parent.relative_to(real_site).as_posix()
        assert re.fullmatch(r"[a-z0-9-]+", url), (title, url)
    assert note_pages(real_site)[TITLES[7]].parent.name == "ai-ml-services-and-machine-learning-process"


def test_every_page_has_one_title_heading(real_site):
    for title, page in note_pages(real_site).items():
        h1s = [heading_text(h) for h in article(page).select("h1")]
        assert h1s == [title], (title, h1s)


def test_every_heading_of_the_notes_is_a_heading(real_site):
    headings = re.findall(r"^#{1,6} +(.+?)\s*$", SEED.read_text(encoding="utf-8"), re.M)
    built = set()
    for page in note_pages(real_site).values():
        built |= {heading_text(h) for h in article(page).select("h1, h2, h3, h4, h5, h6")}
    missing = [h for h in headings if " ".join(h.split()) not in built]
    assert len(headings) > 100 and missing == []


def test_lists_after_paragraph_lines_are_lists(real_site):
    pages = note_pages(real_site)
    expectations = [
        (TITLES[0], "When creating your EC2 instance, you'll configure several key components:"),
        (TITLES[2], "AWS Fargate"),
        (TITLES[8], "use Amazon Kinesis to ingest real-time data coming in from the mobile app and store it in S3."),
        (TITLES[5], "Delay in loading content due to geographical distance"),
        (TITLES[2], "AWS addresses these scenarios with serverless compute."),
    ]
    for title, item_text in expectations:
        items = [" ".join(li.get_text().split()) for li in article(pages[title]).select("li")]
        assert any(text.startswith(item_text) for text in items), (title, item_text)


def test_embed_inside_a_list_stays_in_its_item(real_site):
    page = article(note_pages(real_site)[TITLES[2]])
    figure = next(f for f in page.select(".vault-missing") if "aws lambda.png" in f.get_text())
    assert figure.find_parent("li") is not None
    assert "AWS Lambda" in figure.find_parent("ul").find_parent("li").get_text()


def test_ordered_lists_and_line_breaks(real_site):
    page = article(note_pages(real_site)[TITLES[1]])
    first = next(f for f in page.select(".vault-missing") if "auto scaling 1.png" in f.get_text())
    assert str(first.next_sibling).startswith("2. The requests are routed")
    ordered = page.select("ol")
    assert ordered and len(ordered[0].find_all("li", recursive=False)) == 4
    assert page.select("ol li br"), "a single newline is a line break, as in Obsidian"


def test_table_renders_with_its_two_embeds(real_site):
    table = article(note_pages(real_site)[TITLES[1]]).select_one("table")
    captions = [f.get_text(" ", strip=True) for f in table.select("td .vault-missing .vault-missing__caption")]
    assert captions == ["aws load balancer.png", "ec2 auto scaling.png"]


def test_all_87_embeds_render_as_placeholders_and_no_wikilink_is_left(real_site):
    total = 0
    for page in note_pages(real_site).values():
        content = article(page)
        total += len(content.select(".vault-missing"))
        assert "[[" not in text_outside_code(content)
    assert total == 87


def test_every_line_of_every_note_is_on_its_page(real_site):
    for title, page in note_pages(real_site).items():
        note = (ROOT / "docs" / f"{title}.md").read_text(encoding="utf-8")
        assert missing_lines(note, visible_text(article(page))) == [], title


def test_missing_attachments_are_summarised_not_fatal(real_site):
    log = (real_site / "build.log").read_text()
    assert "87 embedded files are not in the vault" in log


def test_every_list_item_line_of_the_notes_is_a_list_item(real_site):
    """Covers the 26 places where a list starts right under a paragraph line, and every other item."""
    marker = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<text>\S.*)$")
    for title, page in note_pages(real_site).items():
        items = [" ".join(li.get_text().split()) for li in article(page).select("li")]
        note = (ROOT / "docs" / f"{title}.md").read_text(encoding="utf-8")
        for line in note.splitlines():
            match = marker.match(line)
            if not match:
                continue
            words = re.sub(r"!\[\[[^\]]*\]\]|\*\*|\*", "", match["text"]).split()
            start = " ".join(words[:4])
            assert any(item.startswith(start) for item in items), (title, line)
