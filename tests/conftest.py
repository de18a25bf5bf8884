from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

from sitebuild import ROOT, build
from vaultlib.embeds import use_relative_url

use_relative_url(get_relative_url)  # what the pipeline does in a build, for tests that render without one


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The shipped notes built with --strict, as the online site."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stderr
    site.joinpath("build.log").write_text(result.stderr)
    return site
