"""The generated home page: the site's description, a card per note in course order, the reference pages."""
from __future__ import annotations

from collections.abc import Callable

from ..index.vault import Note, VaultIndex
from ..render.escape import inert_text, label_text
from ..render.quotes import Quote, Quoter, note_summary
from .locations import HOME


def emit_home_page(index: VaultIndex, quoter: Quoter, site_name: str, description: str,
                   reference_pages: dict[str, str], offline_bundle: str | None = None,
                   summary: Callable[[Note], Quote | None] = note_summary) -> str:
    """The home page's Markdown; each card's summary is the note's first sentence, rendered by the notes' renderer.

    ``summary``: ``note_summary``, or the same kept from the last build.
    """
    paths = quoter.paths
    lines = [f"# {inert_text(site_name)}", "", inert_text(description or ""), ""]
    if offline_bundle:
        # Raw HTML: the zip is added after MkDocs has checked the links.
        lines += [f'<a class="md-button md-button--primary" href="{offline_bundle}" download>'
                  "Download the offline bundle (zip)</a>", ""]
    lines += [
             "## Notes", "", '<div class="grid cards" markdown>', ""]
    for number, note in enumerate(index.notes, start=1):
        lines += [f"-   **{number}. [{label_text(note.title)}]({paths.markdown_path(note.site_path, HOME)})**",
                  "", "    ---", "", f"    {quoter.render(summary(note), HOME)}", ""]
    lines += ["</div>", ""]
    if reference_pages:
        lines += ["## Reference", "", '<div class="grid cards" markdown>', ""]
        for path, title in reference_pages.items():
            lines += [f"-   **[{label_text(title)}]({paths.markdown_path(path, HOME)})**", ""]
        lines += ["</div>", ""]
    return "\n".join(lines)
