"""Wikilinks and embeds of one note rendered to Markdown, with what was found on the way.

A ``PageRender`` works on one page: it resolves each ``[[...]]`` with one
dictionary lookup, renders it, and records links (for backlinks), embeds (for
the figures page), problems (with the note's line numbers) and what the result
depends on (for the render cache). ``render_note`` is the render step of the
pipeline for one note: wikilinks, mention links, tags, lists, title.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..index.resolver import Resolution, Resolver
from ..index.vault import Note, VaultPage, name_key
from ..problems import VaultProblem
from ..record import EmbedRecord, LinkRecord
from ..syntax.code import fenced_line_flags, split_code
from ..syntax.grammar import HEADING, LINK_TARGET_PARTS, LIST_ITEM, MARKDOWN_LINK, WIKILINK, WIKILINK_OPEN
from ..syntax.wikilinks import WikiLink, default_label, parse_wikilink
from ..xref.mentions import MentionFinder, link_mentions
from . import markup
from .escape import inert_text
from .site_paths import SitePaths
from .transforms import (block_ids_to_anchors, escape_unsafe_html, inline_tags, promote_title_heading, property_tags,
                         replace_in_prose, separate_lists)

MAX_EMBED_DEPTH = 20


@dataclass
class Dependencies:
    """What a render read besides its own note; the render cache replays these to know it still holds."""

    resolutions: list[tuple[WikiLink, str, tuple]] = field(default_factory=list)  # (link, source site path, outcome)
    embedded: set[str] = field(default_factory=set)  # site paths of the notes whose text was embedded
    site_paths: dict[str, bool] = field(default_factory=dict)  # path a Markdown link named -> it existed
    vault: str = ""  # signature of the whole vault's rows when a ```base block read them (bases.VaultRows)
    # (name as written, source site path, Resolver.ranked then): a repeated-name warning, or its absence, holds
    ranked: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)


def outcome(resolution: Resolution) -> tuple:
    """What of a resolution shows in the page: target, anchor, problem, or that the target is withheld."""
    note, file = resolution.note, resolution.file
    return (note.site_path if note else None, file.site_path if file else None, resolution.anchor, resolution.problem,
            resolution.withheld)


@dataclass
class PageRender:
    resolver: Resolver
    note: Note
    page_url: str  # the page's URL in the built site
    paths: SitePaths  # relative links, made with the site generator's function
    # Applied to each line of prose before wikilinks (e.g. linking mentions): (note, line number, line) -> line
    line_transform: Callable[[Note, int, str], str] | None = None
    # Replaces fenced blocks it renders (```base): (page, note, lines, first line) -> {start: (end, Markdown)}
    fence_renderer: Callable[[PageRender, Note, list[str], int], dict[int, tuple[int, str]]] | None = None
    links: list[LinkRecord] = field(default_factory=list)
    embeds: list[EmbedRecord] = field(default_factory=list)
    problems: list[VaultProblem] = field(default_factory=list)
    depends_on: Dependencies = field(default_factory=Dependencies)
    # Position in ``problems`` of each repeated-name warning -> the name: the pipeline keeps one per name and build
    ambiguities: dict[int, str] = field(default_factory=dict)
    # The page's line of the note embed being rendered: embedded headings have no ids, so files inside point there.
    _embedding_line: int = field(default=0, init=False, repr=False)

    def render(self, body: str) -> str:
        """The note's body (comments were removed by the index) with every wikilink rendered."""
        return self._render(self.note, body, self.note.content.body_line, (f"{self.note.vault_path}#",))

    def render_from(self, source: Note, text: str, first_line: int) -> str:
        """Text of another note (from ``first_line`` of its file) rendered for this page: a generated page's quote."""
        return self._render(source, text, first_line, (f"{source.vault_path}#",))

    def _render(self, source: Note, text: str, first_line: int, stack: tuple[str, ...]) -> str:
        text = block_ids_to_anchors(escape_unsafe_html(text))
        self._report_unclosed_embeds(source, text, first_line)
        lines = text.splitlines(keepends=True)
        replaced = self.fence_renderer(self, source, lines, first_line) if self.fence_renderer else {}
        out, skip_to = [], 0
        for offset, (line, fenced) in enumerate(zip(lines, fenced_line_flags(lines))):
            if offset < skip_to:
                continue
            if offset in replaced:
                skip_to, markdown = replaced[offset]
                out.append(markdown)
                continue
            out.append(line if fenced else self._render_line(source, line, first_line + offset, stack))
        return "".join(out)

    def _render_line(self, source: Note, line: str, line_number: int, stack: tuple[str, ...]) -> str:
        def on_wikilink(match: re.Match) -> str:
            link = parse_wikilink(match["inner"], embed=bool(match["embed"]))
            alone = line.strip() == match.group().strip()
            return self._render_wikilink(source, link, line_number, stack, line if alone else "")

        def on_markdown_link(match: re.Match) -> str:
            return self._rewrite_markdown_link(source, match)

        if self.line_transform is not None:
            line = self.line_transform(source, line_number, line)
        if "[" not in line:
            return line  # most lines have no link: skip the code-aware passes
        line = replace_in_prose(line, WIKILINK, on_wikilink)
        return replace_in_prose(line, MARKDOWN_LINK, on_markdown_link)

    def _render_wikilink(self, source: Note, link: WikiLink, line: int, stack: tuple[str, ...],
                         own_line: str) -> str:
        if not link.is_valid:
            self._problem("broken-link", source, line, f"'{link.raw}' names no note; write [[Note name]]")
            return inert_text(link.raw)
        resolution = self._resolve(link, source)
        self._report_ambiguity(source, line, link)
        if resolution.withheld:  # a draft or an HTML page: its name as plain text, as Obsidian Publish does
            return inert_text(link.alt or default_label(link))
        if link.embed:
            return self._render_embed(source, link, resolution, line, stack, own_line)
        label = link.label or default_label(link)
        if resolution.note is not None:
            if resolution.problem:
                self._problem("broken-anchor", source, line, f"{link.raw}: {resolution.problem}")
            self.links.append(LinkRecord(source, line, resolution.note, resolution.anchor))
            return markup.markdown_link(label, self._path_to(resolution))
        if resolution.file is not None:
            return markup.markdown_link(label, self.paths.markdown_path(resolution.file.site_path, self.note.site_path))
        self._problem("broken-link", source, line, f"{link.raw}: {resolution.problem}")
        return markup.broken_link(label, resolution.problem)

    def _render_embed(self, source: Note, link: WikiLink, resolution: Resolution, line: int,
                      stack: tuple[str, ...], own_line: str) -> str:
        if resolution.note is not None:
            return self._embed_note(source, link, resolution, line, stack, own_line)
        heading = self.note.content.section_at(line if source is self.note else self._embedding_line)
        section = heading.anchor if heading else ""
        self.embeds.append(EmbedRecord(source, line, link.target, resolution.file, section))
        if resolution.file is None:
            self._problem("missing-attachment", source, line,
                          f"'{link.target}' is not in the vault; add it to the attachments folder")
            return markup.missing_embed(link, link.target or link.raw)
        return markup.embed_file(link, resolution.file, self.note.site_path, self.page_url, self.paths)

    def _embed_note(self, source: Note, link: WikiLink, resolution: Resolution, line: int,
                    stack: tuple[str, ...], own_line: str) -> str:
        target = resolution.note
        label = link.label or default_label(link) or target.stem
        key = f"{target.vault_path}#{resolution.anchor}"
        if key in stack or f"{target.vault_path}#" in stack:
            self._problem("embed-cycle", source, line, f"{link.raw} embeds a note that embeds it back; stopped")
            return _stopped(f"Embed of {label} stopped: it would repeat itself.")
        if len(stack) > MAX_EMBED_DEPTH:
            self._problem("embed-cycle", source, line, f"{link.raw}: embeds nest deeper than {MAX_EMBED_DEPTH} levels; stopped")
            return _stopped(f"Embed of {label} stopped: embeds nest deeper than {MAX_EMBED_DEPTH} levels.")
        base = isinstance(target, VaultPage) and target.kind == "base"
        if resolution.problem and not base:  # ![[x.base#View]] names a view, not a heading
            self._problem("broken-anchor", source, line, f"{link.raw}: {resolution.problem}")
        self.links.append(LinkRecord(source, line, target, resolution.anchor))
        self.depends_on.embedded.add(target.site_path)  # the embedded file's own content: part of the cache key
        if source is self.note:
            self._embedding_line = line
        if base and self.fence_renderer is not None:  # evaluated here, with the embedding note as ``this``
            view = link.headings[-1] if link.headings else None
            body = self.fence_renderer.embed(self, source, target.source_text, target.vault_path, view)
            if not own_line:  # inside a sentence a table cannot stand: a link to the base's page
                return markup.markdown_link(label, self._path_to(resolution))
            indent = own_line[: len(own_line) - len(own_line.lstrip(" \t"))]
            return "\n" + "".join(f"{indent}{row}".rstrip() + "\n" for row in body.strip("\n").splitlines())
        if isinstance(target, VaultPage):  # a board or base: its outline (or table), links pointed at its page
            page = self.paths.markdown_path(target.site_path, self.note.site_path)
            return quote_block(markup.markdown_link(label, self._path_to(resolution)),
                               target.embed_markdown.replace("](#", f"]({page}#"), own_line)
        excerpt, first_line = note_excerpt(target, resolution.anchor)
        body = self._render(target, excerpt, first_line, stack + (key,))
        return quote_block(markup.markdown_link(label, self._path_to(resolution)), body, own_line)

    def _path_to(self, resolution: Resolution) -> str:
        if resolution.note is self.note and resolution.anchor:
            return "#" + resolution.anchor
        return self.paths.markdown_path(resolution.note.site_path, self.note.site_path, resolution.anchor)

    def _rewrite_markdown_link(self, source: Note, match: re.Match) -> str:
        written = LINK_TARGET_PARTS.fullmatch(match["target"])
        if written is None:
            return match.group()  # a target with (parentheses): left to Markdown as written
        url, title = written["url"].strip("<>"), written["title"]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
            return match.group()
        path = unquote(parts.path)
        here = self.note.site_path.rpartition("/")[0]
        existing = f"{here}/{path}" if here else path
        self.depends_on.site_paths[existing] = existing in self.resolver.index.site_paths
        if self.depends_on.site_paths[existing]:
            return match.group()  # the path is right as written
        link = parse_wikilink(path.removesuffix(".md") if path.endswith(".md") else path)
        resolution = self._resolve(link, source)
        if resolution.withheld:
            return inert_text(match["label"])
        target = resolution.note.site_path if resolution.note else resolution.file.site_path if resolution.file else None
        if target is None:
            return match.group()
        new_path = self.paths.markdown_path(target, self.note.site_path, parts.fragment)
        return f"{match['bang']}[{match['label']}]({new_path}{title})"

    def resolve(self, link: WikiLink, source: Note) -> Resolution:
        """The resolver's answer, recorded in ``depends_on`` (what the caches replay)."""
        return self._resolve(link, source)

    def _resolve(self, link: WikiLink, source: Note) -> Resolution:
        resolution = self.resolver.resolve(link, source)
        self.depends_on.resolutions.append((link, source.site_path, outcome(resolution)))
        return resolution

    def _report_unclosed_embeds(self, source: Note, text: str, first_line: int) -> None:
        lines = text.splitlines()
        for offset, (line, fenced) in enumerate(zip(lines, fenced_line_flags(lines))):
            if fenced or "[[" not in line:
                continue
            prose = "".join(" " if is_code else chunk for is_code, chunk in split_code(line))  # `[[` in code is code
            prose = WIKILINK.sub("", prose)
            # Only a '[[' after the line's last ']]' is unclosed (a look-ahead per '[[' was quadratic).
            for _ in WIKILINK_OPEN.finditer(prose, prose.rfind("]]") + 2 if "]]" in prose else 0):
                self._problem("unclosed-link", source, first_line + offset,
                              "'[[' is never closed with ']]'; it is shown as text")

    def _report_ambiguity(self, source: Note, line: int, link: WikiLink) -> None:
        """A warning at each use of a repeated name, marked: the pipeline keeps the first of each name and build
        (``first_ambiguities``), so a cached or pooled render reports as a fresh one in course order does."""
        candidates = self.resolver.ranked(link.target, source)
        self.depends_on.ranked.append((link.target, source.site_path, candidates))
        if candidates:
            self.ambiguities[len(self.problems)] = name_key(link.target)
            self._problem("ambiguous-link", source, line,
                          f"{link.raw} matches {len(candidates)} files ({', '.join(candidates)}); "
                          f"using '{candidates[0]}'. Write a path to choose another")

    def _problem(self, kind: str, source: Note, line: int, message: str) -> None:
        self.problems.append(VaultProblem(kind, source.vault_path, line, message))


def _stopped(message: str) -> str:
    return f'<span class="vault-embed-cycle">{inert_text(message)}</span>'


def note_excerpt(note: Note, anchor: str) -> tuple[str, int]:
    """The part of a note an embed shows: all of it, a heading's section, or a block's paragraph."""
    lines = note.content.body.splitlines(keepends=True)
    first = note.content.body_line
    if not anchor:
        return "".join(lines), first
    if anchor.startswith("^"):
        line = note.content.blocks.get(anchor[1:])
        if line is None:
            return "".join(lines), first
        start = end = line - first
        # The block is the paragraph ending at the marker (a list item is its own block).
        while start > 0 and not LIST_ITEM.match(lines[start]) and _continues_paragraph(lines[start - 1]):
            start -= 1
        return "".join(lines[start:end + 1]), first + start
    heading = next((h for h in note.content.headings if h.anchor == anchor), None)
    if heading is None:
        return "".join(lines), first
    start = heading.line - first + 1
    later = [h.line for h in note.content.headings if h.line > heading.line and h.level <= heading.level]
    end = (later[0] - first) if later else len(lines)
    return "".join(lines[start:end]), first + start


def _continues_paragraph(line: str) -> bool:
    return bool(line.strip()) and not HEADING.match(line) and not LIST_ITEM.match(line)


def quote_block(source_link: str, body: str, own_line: str) -> str:
    """An embedded note as a quote under a link to its source; headings shown as bold lines.

    Embedded headings are not headings here: they would take ids from, and
    shift the anchors of, the page's own headings.
    """
    if not own_line:
        return source_link
    indent = own_line[: len(own_line) - len(own_line.lstrip(" \t"))]
    quoted = [f"{indent}> {source_link}", f"{indent}>"]
    for line in body.rstrip("\n").splitlines():
        heading = HEADING.match(line)
        if heading:
            line = f"**{heading['text']}**"
        quoted.append(f"{indent}> {line}".rstrip())
    return "\n" + "\n".join(quoted) + "\n"


@dataclass
class RenderedNote:
    """One note rendered: the Markdown MkDocs gets and what the render found on the way."""

    markdown: str
    tags: list[str]  # property tags, then inline #tags, without repeats
    links: list[LinkRecord]
    embeds: list[EmbedRecord]
    problems: list[VaultProblem]
    depends_on: Dependencies  # (kept without the renderer, so a cached render holds no old index)
    ambiguities: dict[int, str] = field(default_factory=dict)  # position in problems -> repeated name


def first_ambiguities(problems: list[VaultProblem], ambiguities: dict[int, str], reported: set[str]) -> list[VaultProblem]:
    """The problems without repeated-name warnings of names already ``reported`` this build (which it records)."""
    if not ambiguities:
        return problems
    kept = []
    for position, problem in enumerate(problems):
        name = ambiguities.get(position)
        if name is not None:
            if name in reported:
                continue
            reported.add(name)
        kept.append(problem)
    return kept


def render_note(note: Note, url: str, resolver: Resolver, finder: MentionFinder, paths: SitePaths,
                fence_renderer: Callable | None = None) -> RenderedNote:
    """The render step for one note: wikilinks and embeds, first mentions linked, tags, lists, title."""
    renderer = PageRender(resolver, note, url, paths, mention_linker(note, finder, paths), fence_renderer)
    text, inline = inline_tags(renderer.render(note.content.body))
    text = promote_title_heading(separate_lists(text), note.title)
    tags = list(dict.fromkeys(property_tags(note.content.properties.get("tags")) + inline))
    return RenderedNote(text, tags, renderer.links, renderer.embeds, renderer.problems, renderer.depends_on,
                        renderer.ambiguities)


def mention_linker(page: Note, finder: MentionFinder, paths: SitePaths) -> Callable[[Note, int, str], str]:
    """Links the first mention of each term per section to where the term is introduced."""
    linked: dict[tuple[str, str], set[str]] = {}

    def link(text: str, term) -> str:
        definition = term.definition
        return markup.markdown_link(text, paths.markdown_path(definition.note_path, page.site_path, definition.anchor))

    def transform(source: Note, line_number: int, line: str) -> str:
        if HEADING.match(line):
            return line  # a heading stays plain text: the toc and anchors are made from it
        heading = source.content.section_at(line_number)
        section = (source.site_path, heading.anchor if heading else "")
        return link_mentions(line, section, linked.setdefault(section, set()), finder, link)

    return transform
