"""Search in the vault's languages: what the build writes into the search index (vaultlib.browser.search_languages,
hooks/vaultsite/search.py). The browser side is tested by tests/js (node --test) and test_browser_search_languages."""
from __future__ import annotations

import json

import pytest

from sitebuild import build, make_project
from vaultlib.safety.html import sanitize_html
from vaultlib.browser.search_languages import (add_figures, add_languages, base_language, exclude_placeholders,
                                               needs_snowball, note_language, placeholder_captions)


@pytest.mark.parametrize("value, expected", [
    ("de", "de"), (" pt-BR ", "pt-BR"), ("zh_Hans", "zh_Hans"), ("DE", "DE"),
    ("", None), ("deutsch!", None), ("<script>", None), ("e&#%", None), (3, None), (None, None),
    (["de"], None), ("de\r\n", "de"), ("\ufeffde", None)])
def test_note_language_accepts_language_tags_only(value, expected):
    assert note_language({"lang": value}) == expected


def test_note_language_without_property_or_mapping():
    assert note_language({}) is None
    assert note_language("lang: de") is None  # properties that are not a mapping


def test_base_language_and_snowball_need():
    assert base_language("pt-BR") == "pt" and base_language("ZH_hant") == "zh"
    assert needs_snowball(["en", None, "ja"]) is False
    assert needs_snowball(["en", "de-CH"]) is True


def test_every_span_of_the_placeholder_is_excluded():
    html = ('<p>Text <span class="vault-missing" role="img"><span class="vault-missing__icon"></span>'
            '<span class="vault-missing__caption">a &amp; b.png</span>'
            '<span class="vault-missing__hint">not in the vault yet</span></span> more</p>')
    out = exclude_placeholders(html)
    assert out.count("data-search-exclude") == 4
    assert out.replace(" data-search-exclude", "").replace("<span class", "<span class") == html


def test_the_sanitizer_keeps_every_placeholder_mark_and_the_captions_are_read_before_it():
    html = ('<h2 id="s3">S3</h2><p><span class="vault-missing" role="img" aria-label="Missing file: a &amp; b.png">'
            '<span class="vault-missing__icon" aria-hidden="true"></span>'
            '<span class="vault-missing__caption">a &amp; b.png</span>'
            '<span class="vault-missing__hint">not in the vault yet</span></span></p>')
    clean = sanitize_html(exclude_placeholders(html))
    assert clean.count("data-search-exclude") == 4  # vault.py on_page_content marks them, then sanitizes
    assert "a &amp; b.png" in clean and "not in the vault yet" in clean
    assert placeholder_captions(html) == {"s3": ["a & b"]}


def test_add_languages_matches_percent_encoded_locations():
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "%E6%9D%B1%E4%BA%AC/", "title": "東京"}, {"location": "%E6%9D%B1%E4%BA%AC/#_1"},
        {"location": "other/"}]}
    add_languages(index, {"東京/": "ja"}, "de")
    assert [doc.get("lang") for doc in index["docs"]] == ["ja", "ja", None]
    assert index["config"]["vault_search"]["lang"] == "de"


NOTES = {
    "云存储.md": "# 云存储\n我们使用Amazon S3存储数据。对象存储服务很便宜。\n",
    "Datenbanken.md": "---\nlang: de\n---\n# Datenbanken\nDie Datenbank-Migration der Häuser.\n",
    "Storage.md": "# Storage\nA diagram of the services: ![[storage services.png]] shows the storage services.\n",
}


def test_build_writes_languages_and_keeps_placeholders_out_of_the_index(tmp_path):
    project = make_project(tmp_path / "p", NOTES, settings={"missing_attachments": "info"})
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    langs = {doc["title"]: doc.get("lang") for doc in index["docs"] if "#" not in doc["location"]}
    assert langs["Datenbanken"] == "de" and langs["云存储"] is None
    # the note's own sections (generated pages such as the figures table list file names on purpose)
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("storage/"))
    assert "A diagram of the services:  shows the storage services." in text
    assert "storage services.png" not in text and "not in the vault yet" not in text
    figures = [doc.get("figures") for doc in index["docs"] if doc["location"].startswith("storage/")]
    assert "storage services" in figures  # the file name still ranks the section, never shown as its text
    assert (site / "assets" / "vendor" / "snowball-stemmers.js").stat().st_size > 100_000
    # the page itself still shows the placeholder
    page = (site / "storage" / "index.html").read_text(encoding="utf-8")
    assert "not in the vault yet" in page
    assert page.count("data-search-exclude") >= 4  # the sanitizer kept the marks (the index above obeyed them)


def test_english_vault_ships_no_stemmer_file_and_the_vault_language_setting_is_written(tmp_path):
    project = make_project(tmp_path / "en", {"Storage.md": NOTES["Storage.md"]},
                           settings={"missing_attachments": "info"})
    assert build(project).returncode == 0
    assert not (project / "site" / "assets" / "vendor" / "snowball-stemmers.js").exists()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  vault:\n", "  vault:\n    language: fr\n", 1))
    result = build(project)
    assert result.returncode == 0, result.stderr
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["vault_search"]["lang"] == "fr"
    assert (project / "site" / "assets" / "vendor" / "snowball-stemmers.js").is_file()


def test_placeholder_captions_by_section_and_into_the_index():
    html = ('<h1 id="storage">Storage</h1><p><span class="vault-missing"><span class="vault-missing__caption">'
            'a &amp; b.png</span></span></p><h2 id="s3">S3</h2><p>x <span data-search-exclude '
            'class="vault-missing__caption">bucket.PNG</span> <span class="vault-missing__caption">'
            'noext</span></p>')
    captions = placeholder_captions(html)
    assert captions == {"storage": ["a & b"], "s3": ["bucket", "noext"]}
    index = {"docs": [{"location": "st%C3%B6rage/", "text": ""}, {"location": "st%C3%B6rage/#s3", "text": ""}]}
    add_figures(index, {"störage/": captions})
    assert [doc.get("figures") for doc in index["docs"]] == ["a &amp; b", "bucket noext"]


def test_placeholder_captions_of_a_long_line_stay_linear():
    html = "<p>" + "x" * 1_000_000 + '<span class="vault-missing__caption">z' + "</p>"
    assert placeholder_captions(html) == {"": ["z"]}
