"""Output paths every disk accepts: the offline zip unpacks on Windows too.

Windows refuses a file or folder named after a device (CON, PRN, AUX, NUL,
COM1-9, LPT1-9, also with ¹²³, in any case, with or without an extension), any
of ``<>:"/\\|?*`` and control characters, and a name ending in a dot or space.
Such a name gets a stable new one: the same input always gives the same output,
so links and bookmarks survive rebuilds.
"""
from __future__ import annotations

import re

_DEVICE = re.compile(r"(?:con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(?:\..*)?", re.I | re.S)
_REFUSED = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_TRAILING = re.compile(r"[. ]+$")


def is_device_name(segment: str) -> bool:
    """``CON``, ``aux.png``, ``Lpt1.tar.gz``: names Windows keeps for devices."""
    return _DEVICE.fullmatch(segment.strip(" ")) is not None


def portable_segment(segment: str) -> str:
    """One path segment Windows accepts: refused characters become '-', a device name gets '_' after its stem.

    ``con`` -> ``con_``, ``aux.png`` -> ``aux_.png``, ``a:b?.txt`` -> ``a-b-.txt``, ``notes.`` -> ``notes``.
    """
    text = _TRAILING.sub("", _REFUSED.sub("-", segment)) or "_"
    if is_device_name(text):
        stem, dot, extension = text.partition(".")
        text = f"{stem}_{dot}{extension}"
    return text


def portable_path(path: str) -> str:
    """A '/'-separated path with each segment made portable."""
    return "/".join(portable_segment(segment) for segment in path.split("/"))


def free_portable_dest(dest: str, taken: set[str]) -> str:
    """``dest`` made portable, with ``-2``, ``-3``... before the extension if another file has that name.

    ``taken`` holds every output path already claimed, casefolded (Windows ignores case); the result is added.
    """
    portable = portable_path(dest)
    folder, slash, name = portable.rpartition("/")
    stem, dot, extension = name.partition(".")
    candidate, number = portable, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{folder}{slash}{stem}-{number}{dot}{extension}"
    taken.add(candidate.casefold())
    return candidate
