"""Note text quoted on a generated page (cards, summaries, table rows), rendered by the notes' renderer.

A quote is a stretch of one note's Markdown with its place in the note. It is
rendered by ``PageRender`` (the renderer every note goes through) as if it sat
on the generated page: links resolve relative to that page, comments vanish,
``==marks==`` and inline formatting stay Markdown for the page to render, tags
become tag labels, block ids are dropped (their anchors belong to the note),
and an embed becomes a link to what it embeds: a generated page names files,
it does not show them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..index.resolver import Resolver
from ..index.vault import Note, VaultIndex
from ..syntax.code import inline_code_spans, map_prose
from ..syntax.comments import strip_comments
from ..syntax.grammar import CALLOUT_MARK, HEADING_MARKS, LINE_LEAD, LINK_OR_TAG, TABLE_CELL_BAR, WIKILINK
from ..syntax.wikilinks import default_label, parse_wikilink
from .escape import inert_text
from .note_render import Dependencies, PageRender
from .site_paths import SitePaths
from .transforms import inline_tags, replace_in_prose

_BLOCK_ANCHOR = re.compile(r' ?<a class="vault-block" id="[^"<>]*"></a>')  # transforms.block_ids_to_anchors' own
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_SPACE = re.compile(r" ")


@dataclass(frozen=True)
class Quote:
    note_path: str  # the quoted note's site path
    line: int  # file line the text starts on (problems, and same-note links, refer to it)
    text: str  # the note's Markdown as written


def line_quote(note: Note, line: int, limit: int = 0, *, sentence: bool = True) -> Quote:
    """The first sentence (or all) of one line of a note, without its list marker, quote prefix or heading marks."""
    lines = note.content.body_lines
    offset = line - note.content.body_line
    raw = lines[offset] if 0 <= offset < len(lines) else ""
    text = _line_text(raw)
    return Quote(note.site_path, line, first_sentence(text, limit) if sentence else text.strip())


def _line_text(line: str) -> str:
    """A line without the block markup that leads it (quote, list, task, heading, callout)."""
    return CALLOUT_MARK.sub("", HEADING_MARKS.sub("", LINE_LEAD.sub("", line, count=1)))


def first_sentence(text: str, limit: int = 0) -> str:
    """Text up to its first sentence end, never cutting a link, an embed, a tag or inline code.

    With a ``limit``, a longer sentence is cut at the last space before it that is outside those.
    """
    text = text.strip()
    protected = _Protected(text)
    end = next((m.end() for m in _SENTENCE_END.finditer(text) if protected.free(m.start())), len(text))
    sentence = text[:end]
    if limit and len(sentence) > limit:
        protected = _Protected(sentence)
        spaces = [m.start() for m in _SPACE.finditer(sentence, 1, limit)]
        cut = max((p for p in spaces if protected.free(p)), default=0)
        sentence = sentence[:cut].rstrip() + "…" if cut else sentence
    return sentence


class _Protected:
    """Whether positions, asked in increasing order, fall outside links, tags and code (one pass over the spans)."""

    def __init__(self, text: str) -> None:
        self.spans = sorted([m.span() for m in LINK_OR_TAG.finditer(text)] + inline_code_spans(text))
        self.next, self.reach = 0, 0  # the first span not yet passed; the furthest end of those passed

    def free(self, position: int) -> bool:
        while self.next < len(self.spans) and self.spans[self.next][0] <= position:
            self.reach = max(self.reach, self.spans[self.next][1])
            self.next += 1
        return position >= self.reach


def note_summary(note: Note, limit: int = 160) -> Quote | None:
    """The first sentence of the note's first line of text (not a heading, embed, table, quote or code)."""
    body, _ = strip_comments(note.content.body)
    for offset, line in enumerate(body.splitlines()):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "![[", "|", ">", "```", "~~~", "%%", "![", "<")):
            continue
        text = first_sentence(_line_text(line), limit)  # from the text without comments
        if text:
            return Quote(note.site_path, note.content.body_line + offset, text)
    return None


@dataclass
class QuoteMemo:
    """Quotes rendered by the last build, reused while their links resolve alike (``mkdocs serve``).

    A quote's Markdown reads only its text, its note's place in the vault and how its links
    resolve. An entry holds when the vault's names are those of the build that rendered it and
    no note its links land on changed its anchors since (``render.cache.ResolutionChanges``);
    otherwise its links are replayed (``replay``, as the render cache does), not the render.
    """

    last: dict[tuple, tuple] = field(default_factory=dict)  # key -> (Markdown, link targets, Dependencies)
    from_last_build: bool = False  # ``last`` was checked by the build before this one
    names_same: bool = False  # the vault's names are those of that build
    fragments: set[str] = field(default_factory=set)  # notes whose anchors changed since then
    replay: Callable[[Dependencies], bool] | None = None  # whether recorded resolutions still hold
    kept: dict[tuple, tuple] = field(default_factory=dict)  # this build's entries

    def get(self, key: tuple) -> str | None:
        entry = self.kept.get(key)
        if entry is None:
            entry = self.last.get(key)
            if entry is None or not self.from_last_build:
                return None
            holds = self.names_same and entry[1].isdisjoint(self.fragments)
            if not holds and (self.replay is None or not self.replay(entry[2])):
                return None
            self.kept[key] = entry
        return entry[0]

    def put(self, key: tuple, markdown: str, targets: frozenset[str], depends_on: Dependencies) -> None:
        self.kept[key] = (markdown, targets, depends_on)


class Quoter:
    """Renders quotes for one generated page after another; one per build."""

    def __init__(self, index: VaultIndex, paths: SitePaths, resolver: Resolver | None = None,
                 memo: QuoteMemo | None = None) -> None:
        self.index = index
        self.paths = paths
        self.resolver = resolver or Resolver(index)
        self.memo = memo or QuoteMemo()
        self._pages: dict[str, Note] = {}

    def render(self, quote: Quote | None, page: str, *, in_table: bool = False) -> str:
        """Inline Markdown of the quote for the generated page at site path ``page``."""
        if quote is None or not quote.text:
            return ""
        key = (page, quote.note_path, quote.line, quote.text)
        rendered = self.memo.get(key)
        if rendered is None:
            rendered, depends_on = self._render(quote, page)
            targets = frozenset(then[0] for _, _, then in depends_on.resolutions if then[0] is not None)
            self.memo.put(key, rendered, targets, depends_on)
        return map_prose(rendered, lambda chunk: TABLE_CELL_BAR.sub(r"\\|", chunk)) if in_table else rendered

    def _render(self, quote: Quote, page: str) -> tuple[str, Dependencies]:
        """(the quote's Markdown, what it read: every resolution, embeds' included)."""
        source = self.index.note_by_site_path[quote.note_path]
        renderer = PageRender(self.resolver, self._page(page), "", self.paths)  # no media: embeds became links
        text = _without_unclosed_comment(quote.text.replace("\n", " "))
        text = replace_in_prose(text, WIKILINK, lambda match: _embed_as_link(match, renderer, source))
        rendered, _ = inline_tags(renderer.render_from(source, text, quote.line))
        return " ".join(_BLOCK_ANCHOR.sub("", rendered).split()), renderer.depends_on

    def _page(self, page: str) -> Note:
        """A stand-in note for the generated page: where the links start from."""
        if page not in self._pages:
            self._pages[page] = Note(page, page, Path(page))
        return self._pages[page]


def _embed_as_link(match: re.Match, renderer: PageRender, source: Note) -> str:
    """An embed in a quote: a link to what it shows, or, when the vault lacks it, its name as plain
    text (a mention), not a broken link on a page the reader did not write."""
    if not match["embed"]:
        return match.group()
    link = parse_wikilink(match["inner"], embed=True)
    label = link.alt or default_label(link) or link.raw
    if not renderer.resolve(link, source).found:
        return inert_text(label)
    return f"[[{link.written_target}|{label}]]"


def _without_unclosed_comment(text: str) -> str:
    """Comments removed; an unclosed ``%%`` hides the rest, as in Obsidian (a quote shows no ``%%``)."""
    text, unclosed = strip_comments(text)
    if not unclosed:
        return text
    cut: list[str] = []

    def keep_until_mark(chunk: str) -> str:
        if cut:
            return ""
        if "%%" in chunk:
            cut.append(chunk)
            return chunk[: chunk.index("%%")]
        return chunk

    return map_prose(text, keep_until_mark)
