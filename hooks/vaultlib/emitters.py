"""Markdown of the pages the build generates: the home page and the cross-reference pages.

Every emitter is a pure function from the vault model to Markdown text; text
from notes is escaped so it shows as written.
"""
from __future__ import annotations

import re

from .embeds import inert_text, label_text, markdown_path
from .index import Note, VaultIndex

HOME = "index.md"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def note_summary(note: Note, limit: int = 160) -> str:
    """The first sentence of a note's first text line that is not a heading or embed."""
    for line in note.content.body.splitlines():
        text = line.strip().lstrip("-*+0123456789.) \t")
        if not text or line.lstrip().startswith(("#", "![[", "|", ">", "```", "%%")) or text.startswith("!["):
            continue
        text = re.sub(r"!\[\[[^\]]*\]\]", "", text).strip()
        sentence = _SENTENCE_END.split(text, 1)[0]
        return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return ""


def emit_home_page(index: VaultIndex, site_name: str, description: str,
                   reference_pages: dict[str, str], offline_bundle: str | None = None) -> str:
    """A home page: the site's description, a card per note in course order, and the reference pages."""
    lines = [f"# {inert_text(site_name)}", "", inert_text(description or ""), ""]
    if offline_bundle:
        # Raw HTML: the zip is added after MkDocs has checked the links.
        lines += [f'<a class="md-button md-button--primary" href="{offline_bundle}" download>'
                  "Download the offline bundle (zip)</a>", ""]
    lines += [
             "## Notes", "", '<div class="grid cards" markdown>', ""]
    for number, note in enumerate(index.notes, start=1):
        lines += [f"-   **{number}. [{label_text(note.title)}]({markdown_path(note.site_path, HOME)})**",
                  "", "    ---", "", f"    {inert_text(note_summary(note))}", ""]
    lines += ["</div>", ""]
    if reference_pages:
        lines += ["## Reference", "", '<div class="grid cards" markdown>', ""]
        for path, title in reference_pages.items():
            lines += [f"-   **[{label_text(title)}]({markdown_path(path, HOME)})**", ""]
        lines += ["</div>", ""]
    return "\n".join(lines)
