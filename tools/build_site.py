"""Build the online site and the offline bundle, replacing the old output only on success.

    python tools/build_site.py            # -> site/ (online, with the zip inside) and dist/<name>-offline.zip

Both builds run with --strict into a temporary folder; site/ and dist/ are
swapped in at the end, so a failed build leaves the last good output in place.
SOURCE_DATE_EPOCH pins the sitemap's dates, so two builds of the same vault
give identical files.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from vaultlib.index.urls import OFFLINE_BUNDLE_FOLDER, offline_bundle_name  # noqa: E402

ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def mkdocs_build(config: Path, site_dir: Path, *, offline: bool) -> None:
    env = dict(os.environ, VAULT_OFFLINE="true" if offline else "false", NO_MKDOCS_2_WARNING="1",
               VAULT_OFFLINE_BUNDLE="false" if offline else "true")  # the online site gets the zip
    env.setdefault("SOURCE_DATE_EPOCH", "946684800")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
               "--site-dir", str(site_dir)]
    subprocess.run(command, check=True, env=env, cwd=config.parent)


def zip_folder(folder: Path, archive: Path, top: str) -> None:
    """A zip with sorted entries and fixed dates, so the same site gives the same bytes."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())


def site_name(config: Path) -> str:
    from mkdocs.config import load_config

    return load_config(str(config)).site_name


def replace(target: Path, new: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build(config: Path, site: Path, dist: Path) -> Path:
    work = config.parent / ".build-tmp"
    shutil.rmtree(work, ignore_errors=True)
    name = offline_bundle_name(site_name(config))
    mkdocs_build(config, work / "offline", offline=True)
    zip_folder(work / "offline", work / "dist" / name, name.removesuffix(".zip"))
    mkdocs_build(config, work / "site", offline=False)
    downloads = work / "site" / OFFLINE_BUNDLE_FOLDER
    downloads.mkdir(parents=True, exist_ok=True)
    shutil.copy2(work / "dist" / name, downloads / name)
    replace(site, work / "site")
    replace(dist, work / "dist")
    shutil.rmtree(work, ignore_errors=True)
    return dist / name


if __name__ == "__main__":
    config = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "mkdocs.yml"
    try:
        bundle = build(config, config.parent / "site", config.parent / "dist")
    except subprocess.CalledProcessError as error:
        sys.exit(f"Build failed (exit {error.returncode}); site/ and dist/ are unchanged.")
    print(f"Online site: {config.parent / 'site'}\nOffline bundle: {bundle}")
