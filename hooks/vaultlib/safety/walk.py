"""Files MkDocs found through a folder symlink that loops back into the vault (or repeats a folder).

MkDocs walks ``docs_dir`` following symlinks, so a link back to an ancestor
(``sub/back -> ..``) yields every file again at ``sub/back/sub/back/...`` until
the system refuses the path (ELOOP), and copying those files ends the build in
a traceback. The vault's own walk (vaultlib.index) reads each real folder once;
every file MkDocs found below a symlinked folder that the vault's walk did not
keep is such a repeat.
"""
from __future__ import annotations

import os
from collections import defaultdict


def symlink_repeats(docs_dir: str, src_uris: list[str], kept: set[str]) -> dict[str, list[str]]:
    """Symlinked folder (docs-relative) -> the repeated files found through it, for files not in ``kept``."""
    repeats: dict[str, list[str]] = defaultdict(list)
    for src_uri in src_uris:
        if src_uri in kept:
            continue
        link = _first_symlinked_folder(docs_dir, src_uri)
        if link is not None:
            repeats[link].append(src_uri)
    return dict(repeats)


def _first_symlinked_folder(docs_dir: str, src_uri: str) -> str | None:
    parts = src_uri.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        folder = "/".join(parts[:end])
        if os.path.islink(os.path.join(docs_dir, folder)):
            return folder
    return None
