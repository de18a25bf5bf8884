"""The Study page's files: ts-fsrs' browser bundle and the Anki package of every card.

The Study page itself is one of the pipeline's generated pages; study.js
(overrides/) loads the scheduler from assets/vendor with a <script> tag, so the
page works from file:// too. Nothing is published when the vault has nothing to study;
a Study page moved aside for a note (reference/study-2.md) stays in the same folder, so its link holds.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from vaultlib.study import ANKI_PACKAGE
from vaultlib.study.anki import anki_package

from .assets import publish
from .files import replace_file
from .site import SiteBuild

TS_FSRS = ("ts-fsrs/dist/index.umd.js", "assets/vendor/ts-fsrs.umd.js")  # study.js loads it


def publish_study_files(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    pipeline = build.pipeline
    cards, questions = pipeline.study  # the Study page's, made with it (vaultlib/pipeline.py, step 5)
    if not cards and not questions:
        return  # no Study page (the pipeline's rule): no package, no scheduler
    publish(files, config, Path(config.config_file_path).parent / "node_modules" / TS_FSRS[0], TS_FSRS[1])
    # serve: the package is made again only when a card or the title of its note changed
    key = (config.site_name, cards, [pipeline.index.note_by_site_path[card.note_path].title for card in cards])
    carried = build.carried.get("anki")
    package = carried[1] if carried is not None and carried[0] == key else anki_package(cards, pipeline.index,
                                                                                        config.site_name)
    if build.replay.active:
        build.carried["anki"] = (key, package)
    replace_file(files, File.generated(config, ANKI_PACKAGE, content=package))
