"""Markdown of the cross-reference pages: Services A–Z, the use-case finder, the glossary, figures, tags.

Every emitter is a pure function from the vault model to Markdown text. Text
quoted from notes goes through the notes' own renderer (``render.quotes.Quoter``);
names and labels are escaped so they show as written.
"""
from __future__ import annotations

from ..index.vault import Note, VaultIndex
from ..render.escape import attribute, inert_text, label_text
from ..render.markup import image, markdown_link, missing_embed
from ..render.media import media_kind
from ..render.quotes import Quote, Quoter, line_quote
from ..render.site_paths import SitePaths
from ..syntax.wikilinks import parse_wikilink
from ..xref.terms import TermRules
from .locations import FIGURES, GLOSSARY, SERVICES, USE_CASES


def where(index: VaultIndex, paths: SitePaths, note_path: str, anchor: str, section: str, page: str) -> str:
    """``[Note › Section](path#anchor)`` as seen from ``page``."""
    note = index.note_by_site_path[note_path]
    label = f"{note.title} › {section}" if section and section != note.title else note.title
    return f"[{label_text(label)}]({paths.markdown_path(note_path, page, anchor)})"


def heading_text(note: Note, anchor: str) -> str:
    """The text of the note's heading with this anchor ("" for the top of the note)."""
    return next((h.plain for h in note.content.headings if h.anchor == anchor), "")


def emit_services_page(index: VaultIndex, model, quoter: Quoter, rules: TermRules, title: str = "Services A–Z") -> str:
    """One entry per term, grouped by initial: definition, summary, and every other section that mentions it."""
    lines = [f"# {title}", "",
             f"{len(model.terms)} services and terms, found in the notes. Each links to where the notes "
             "introduce it and to every other section that mentions it.", ""]
    letter = ""
    for term in model.terms:
        initial = _initial(term, rules)
        if initial != letter:
            letter = initial
            lines += [f"## {letter}", ""]
        definition = term.definition
        lines += [f"### {inert_text(term.title)}", ""]
        if term.summary:
            note = index.note_by_site_path[definition.note_path]
            lines += [quoter.render(line_quote(note, term.summary_line), SERVICES), ""]
        lines += [f"**Introduced in** {where(index, quoter.paths, definition.note_path, definition.anchor, definition.label, SERVICES)}", ""]
        others = model.mentions.get(term.key, [])
        if others:
            links = ", ".join(where(index, quoter.paths, p.note_path, p.anchor, p.label, SERVICES) for p in others)
            lines += [f"**Also in** {links}", ""]
    return "\n".join(lines)


def _initial(term, rules: TermRules) -> str:
    """The letter a term is listed under: its name's, after the vault's prefixes (extra.vault.terms.prefixes)."""
    name = rules.strip_prefix(term.name)
    return name[:1].upper() if name[:1].isalpha() else "#"


def emit_use_cases_page(index: VaultIndex, model, quoter: Quoter, title: str = "Use-case finder") -> str:
    lines = [f"# {title}", "",
             "Which service fits? Every use case the notes list, with the service or instance type it "
             "belongs to. Type a few words in the search box to find one.", "",
             "| Use case | Fits | Where |", "| --- | --- | --- |"]
    for case in model.use_cases:
        note = index.note_by_site_path[case.note_path]
        section = heading_text(note, case.anchor)
        shown = quoter.render(line_quote(note, case.line, sentence=False), USE_CASES, in_table=True)
        lines.append(f"| {shown} | {inert_text(case.owner)} | "
                     f"{where(index, quoter.paths, case.note_path, case.anchor, section, USE_CASES)} |")
    return "\n".join(lines) + "\n"


def emit_glossary_page(index: VaultIndex, model, quoter: Quoter, title: str = "Glossary") -> str:
    lines = [f"# {title}", "",
             "Every acronym the notes define. On every page, the acronym shows this expansion when you "
             "point at it.", "", "| Acronym | Stands for | Defined in |", "| --- | --- | --- |"]
    for acronym in sorted(model.acronyms.values(), key=lambda a: a.acronym.casefold()):
        note = index.note_by_site_path[acronym.note_path]
        section = heading_text(note, acronym.anchor)
        expansion = Quote(acronym.note_path, acronym.line, acronym.expansion)
        lines.append(f"| **{inert_text(acronym.acronym)}** | {quoter.render(expansion, GLOSSARY, in_table=True)} | "
                     f"{where(index, quoter.paths, acronym.note_path, acronym.anchor, section, GLOSSARY)} |")
    return "\n".join(lines) + "\n"


def emit_figures_page(index: VaultIndex, embeds_by_note: dict, paths: SitePaths, title: str = "Figures") -> str:
    """Every embedded file, by note and section, with a thumbnail or the placeholder."""
    records = [r for note in index.notes for r in embeds_by_note.get(note.site_path, [])]
    missing = sum(1 for r in records if r.file is None)
    lines = [f"# {title}", "",
             f"{len(records)} embedded files; **{missing} are not in the vault yet**. Add a missing file to the "
             "attachments folder (`assets/`) under the name shown, and it appears on its page.", ""]
    for note in index.notes:
        note_records = embeds_by_note.get(note.site_path, [])
        if not note_records:
            continue
        lines += [f"## {inert_text(note.title)}", "", "| Figure | File | In the vault | Section |",
                  "| --- | --- | --- | --- |"]
        for record in note_records:
            shown = _figure(record, paths)
            section = heading_text(note, record.section)
            lines.append(f"| {shown} | `{record.name.replace('`', '')}` | {'yes' if record.file else '**missing**'} | "
                         f"{where(index, paths, note.site_path, record.section, section, FIGURES)} |")
        lines.append("")
    return "\n".join(lines)


_MEDIA_ICONS = {"audio": "♪", "video": "▶", "pdf": "📄", "file": "📎"}


def _figure(record, paths: SitePaths) -> str:
    """A figure's thumbnail; audio, video, PDF and other files get an icon linking to the file."""
    link = parse_wikilink(f"{record.name}|160")
    if record.file is None:
        return missing_embed(link, record.name)
    kind = media_kind(record.file.name)
    if kind == "image":
        return image(link, record.file, FIGURES, paths)
    icon = (f'<span class="vault-file-icon vault-file-icon--{kind}" role="img" '
            f'aria-label="{attribute(kind)}">{_MEDIA_ICONS[kind]}</span>')
    label = kind.upper() if kind == "pdf" else kind
    return f"{icon} {markdown_link(label, paths.markdown_path(record.file.site_path, FIGURES))}"


def emit_tags_page(title: str = "Tags") -> str:
    """The tags index: Material's tags plugin fills in the listing marker."""
    return f"# {title}\n\nEvery tag of the notes, from their properties and inline #tags.\n\n<!-- material/tags -->\n"
