"""The search worker's prebuilt index (vaultlib/browser/search_prebuilt.py over search_prebuild.js in Node):
written from nasty search indexes (CJK, entities, ``&#%``, BOM, CRLF, ``</script>``, empty sections, an empty
vault), online as JSON and offline as a script that stays data, with a clear message when it cannot be made."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from vaultlib.browser import search_prebuilt
from vaultlib.browser.search_prebuilt import GLOBAL, PrebuildError, prebuild_search_index

DOCS = [
    {"location": "云存储/", "title": "云存储", "text": "<p>我们把备份文件放在Amazon S3里，它按存储量收费。</p>", "lang": "zh"},
    {"location": "東京/", "title": "東京旅行", "text": "<p>東京から京都までは新幹線で約二時間かかります。</p>", "lang": "ja"},
    {"location": "daten/", "title": "Datenbanken", "text": "<p>Die Datenbank-Migration. Häuser.</p>", "lang": "de"},
    {"location": "odd/", "title": "\ufeffBOM &amp; Co", "text": "<p>a&#%b 100% &lt;/script&gt;</script><!-- x</p>\r\nline two"},
    {"location": "odd/#empty", "title": "", "text": ""},
]


def write_index(folder: Path, docs: list[dict]) -> Path:
    path = folder / "search" / "search_index.json"
    path.parent.mkdir(parents=True)
    index = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "vault_search": {"synonyms": [], "keywords": {}}},
             "docs": docs}
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return path


def script_value(text: str) -> object:
    """The value a ``self.__vaultSearchIndex = ...;`` script sets (script_json output is JSON)."""
    prefix = f"{GLOBAL} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_online_index_holds_the_documents_as_written_and_their_words(tmp_path):
    written = prebuild_search_index(write_index(tmp_path, DOCS), suggest=True, offline=False)
    assert written == tmp_path / "search" / "vault_index.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["options"] == {"suggest": True}
    assert data["docs"] == DOCS  # shown as written: BOM, entities, CRLF kept
    stems = set(data["stems"])
    assert {"存储", "新幹線", "amazon", "s3"} <= stems  # cut into words by the worker's own segmenter
    assert not any(set(stem) & set("&#%;<>") for stem in stems)  # markup and entities are not words
    lengths = data["lengths"]  # title, term names, text: per document
    assert [field[4] for field in lengths] == [0, 0, 0]  # the empty section
    assert len(data["sequences"]) == sum(sum(field) for field in lengths)
    assert len(data["df"]) == len(data["stems"]) == len(data["sorted"])


def test_offline_index_is_a_script_that_stays_data(tmp_path):
    online = prebuild_search_index(write_index(tmp_path / "a", DOCS), suggest=False, offline=False)
    offline = prebuild_search_index(write_index(tmp_path / "b", DOCS), suggest=False, offline=True)
    assert offline == tmp_path / "b" / "search" / "vault_index.js"
    assert not (tmp_path / "b" / "search" / "vault_index.json").exists()  # the bundle carries the script only
    text = offline.read_text(encoding="utf-8")
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert script_value(text) == json.loads(online.read_text(encoding="utf-8"))


def test_an_empty_vault(tmp_path):
    data = json.loads(prebuild_search_index(write_index(tmp_path, []), suggest=True, offline=False).read_text())
    assert data["docs"] == [] and data["stems"] == [] and data["lengths"] == [[], [], []]


def test_no_node_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(search_prebuilt.shutil, "which", lambda name: None)
    with pytest.raises(PrebuildError, match="Node.js is not on PATH"):
        prebuild_search_index(write_index(tmp_path, DOCS), suggest=True, offline=False)


def test_a_broken_index_names_the_file_and_leaves_nothing(tmp_path):
    path = write_index(tmp_path, DOCS)
    path.write_text('{"config": {}, "docs": [', encoding="utf-8")
    with pytest.raises(PrebuildError, match="search_index.json") as error:
        prebuild_search_index(path, suggest=True, offline=True)
    assert "JSON" in str(error.value)
    assert sorted(p.name for p in path.parent.iterdir()) == ["search_index.json"]
