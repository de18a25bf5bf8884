from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import ROOT, build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The shipped notes built with --strict, as the online site."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stderr
    site.joinpath("build.log").write_text(result.stderr)
    return site
