"""What kind of medium a file is, by its extension: how an embed of it is shown."""
from __future__ import annotations

import posixpath

IMAGE = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp"})
VIDEO = frozenset({".mp4", ".webm", ".mov", ".ogv"})
AUDIO = frozenset({".mp3", ".wav", ".ogg", ".m4a", ".flac"})
PDF = frozenset({".pdf"})
_KINDS = (("image", IMAGE), ("video", VIDEO), ("audio", AUDIO), ("pdf", PDF))


def extension(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


def media_kind(name: str) -> str:
    """"image", "video", "audio", "pdf", or "file" for anything else."""
    suffix = extension(name)
    return next((kind for kind, suffixes in _KINDS if suffix in suffixes), "file")
