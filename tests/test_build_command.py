"""The build command: online site plus offline zip, swapped in only when everything built."""
from __future__ import annotations

import zipfile

import build_site
from sitebuild import make_project


def test_failed_build_leaves_the_last_good_site_and_bundle(tmp_path):
    project = make_project(tmp_path / "project", {"Note.md": "# Note\nFirst version.\n"})
    config = project / "mkdocs.yml"
    site, dist = project / "site", project / "dist"
    bundle = build_site.build(config, site, dist)
    assert (site / "note" / "index.html").is_file() and bundle.is_file()
    assert (site / "downloads" / bundle.name).read_bytes() == bundle.read_bytes()
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    top = bundle.name.removesuffix(".zip")
    assert f"{top}/note.html" in names and f"{top}/search/search_index.js" in names
    assert f"{top}/assets/javascripts/iframe-worker-shim.js" in names
    good_page, good_zip = (site / "note" / "index.html").read_bytes(), bundle.read_bytes()

    (project / "docs" / "Note.md").write_text("# Note\nSecond version with [[a missing note]].\n")
    try:
        build_site.build(config, site, dist)
    except Exception as error:  # noqa: BLE001 - any failure will do; what matters is what is left
        failure = error
    else:
        failure = None
    assert failure is not None
    assert (site / "note" / "index.html").read_bytes() == good_page
    assert bundle.read_bytes() == good_zip


def test_two_bundles_of_the_same_vault_are_identical(tmp_path):
    project = make_project(tmp_path / "project", {"Note.md": "# Note\ntext\n"})
    first = build_site.build(project / "mkdocs.yml", tmp_path / "s1", tmp_path / "d1").read_bytes()
    second = build_site.build(project / "mkdocs.yml", tmp_path / "s2", tmp_path / "d2").read_bytes()
    assert first == second
