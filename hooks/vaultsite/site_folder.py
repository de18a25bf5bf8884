"""Serve's site folder emptied at once: the last build's files set aside and deleted in another process.

Every rebuild of ``mkdocs serve`` starts by deleting the whole site folder
(``mkdocs.utils.clean_directory``), one call per file and folder: seconds for
a vault of thousands of notes, before any page is made. Renaming the folder
is one call; a separate process deletes the old one while the build runs on.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def set_aside(site_dir: str) -> None:
    """Leave ``site_dir`` empty; its files are deleted in the background (MkDocs cleans it if this fails)."""
    folder = Path(site_dir)
    if not folder.is_dir() or not any(folder.iterdir()):
        return
    try:
        old = Path(tempfile.mkdtemp(prefix=f"{folder.name}.old-", dir=folder.parent))
        os.replace(folder, old / folder.name)
        folder.mkdir()
    except OSError:
        return  # e.g. a file held open on Windows: MkDocs' own clean_directory runs as before
    subprocess.Popen([sys.executable, "-c", DELETE, str(old)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
