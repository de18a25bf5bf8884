"""The project builds unchanged with ProperDocs, the maintained continuation of MkDocs 1.6.

ProperDocs reads mkdocs.yml and redirects every `mkdocs.*` import to its own
modules, so the hooks, Material and the plugins run on it as they are.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT, article, soup

PROPERDOCS = Path(sys.executable).with_name("properdocs")


def properdocs_build(site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, VAULT_OFFLINE="false", NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="946684800")
    command = [str(PROPERDOCS), "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
               "--site-dir", str(site)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_properdocs_builds_the_same_site_as_mkdocs(real_site, tmp_path):
    site = tmp_path / "site"
    result = properdocs_build(site)
    assert result.returncode == 0, result.stderr
    assert "ProperDocs" in soup(site / "index.html").select_one('meta[name="generator"]')["content"]
    assert pages(site) == pages(real_site) and len(pages(site)) > 15
    for page in sorted(pages(real_site)):
        ours, theirs = article(site / page), article(real_site / page)
        assert (ours is None) == (theirs is None), page
        if ours is not None:
            assert str(ours) == str(theirs), page
