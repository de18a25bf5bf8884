"""A real ``mkdocs serve`` in a subprocess, for the serve test and bench/serve.py.

The server writes into a temporary folder of its own (``tempfile.mkdtemp``);
giving it its own TMPDIR makes that folder findable, so a test reads the
files the server would send, without the live-reload script it adds to
responses. Its output goes to a file: a server whose pipe is not read blocks.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

# The end of a build: the server starts serving after the first, reloads the browsers after each
# rebuild. (Not "Documentation built in …": MkDocs drops a message that repeats the last one word
# for word, as two rebuilds of the same length do.)
BUILT = ("Serving on http", "Reloading browsers")
STARTED = "Building documentation..."  # serve logs it at the start of every build
# Serve prebuilds the search worker's index after each build (hooks/vaultsite/search_background.py): the
# folder is complete once that run has ended, one way or the other
PREBUILT = ("search: index prebuilt", "search: the index is not prebuilt", "search: index prebuild stopped")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Serve:
    """``mkdocs serve`` over ``project``; ``wait_build`` waits for the next build to end."""

    def __init__(self, project: Path, work: Path, port: int, env: dict[str, str] | None = None) -> None:
        self.project, self.port = project, port
        self.tmp = work / f"serve-tmp-{time.monotonic_ns()}"
        self.tmp.mkdir(parents=True)
        self.log_path = self.tmp.parent / f"{self.tmp.name}.log"
        self.log = self.log_path.open("w")
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(self.tmp), **(env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *(["--verbose"] if (env or {}).get("VERBOSE") else []), "-a", f"127.0.0.1:{port}", "--livereload"],
            cwd=project, stdout=self.log, stderr=subprocess.STDOUT, env=environment)
        self.builds = 0
        self.prebuilds = (env or {}).get("VAULT_SEARCH", "vault") != "material"

    @property
    def site(self) -> Path:
        # the hooks set the last build's folder aside as mkdocs_….old-… while deleting it (site_folder.py)
        return next(path for path in self.tmp.glob("mkdocs_*") if ".old-" not in path.name)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_build(self, timeout: float = 180, settle: float = 0.6) -> float:
        """Seconds until the next build ends; then until no further build runs for ``settle`` seconds
        and the search index of each build is prebuilt.

        One change can reach the watcher as several events (a rename, an editor's save), which may
        start a second build: the files are read only once every build that started has ended.
        """
        start = time.monotonic()
        took = None
        quiet_since = None
        while time.monotonic() - start < timeout:
            text = self.output()
            built, started = sum(text.count(end) for end in BUILT), text.count(STARTED)
            prebuilt = sum(text.count(end) for end in PREBUILT) if self.prebuilds else started
            if took is None and built > self.builds:
                took = time.monotonic() - start
            if took is not None and built >= started and prebuilt >= started:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since >= settle:
                    self.builds = built
                    return took
            else:
                quiet_since = None
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{text[-3000:]}")
            time.sleep(0.02)
        raise TimeoutError(f"no build within {timeout} s:\n{self.output()[-3000:]}")

    def snapshot(self, into: Path) -> Path:
        shutil.copytree(self.site, into)
        return into

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
