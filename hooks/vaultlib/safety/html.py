"""The one allowlist sanitizer over every page's HTML: what a vault writes can show, never run.

Every page (notes and generated pages alike) passes ``sanitize_html`` last, after
every other rewriter of its HTML, mkdocs-glightbox included (it re-parses the page,
turning ``&#106;avascript:`` into ``javascript:``). Previews are cut from its
result, and Material's search indexes it. nh3 (Rust's ammonia, an HTML5 parser
and allowlist) does the work; this module only says what is allowed.

What it keeps, and for whom (one table, ``ELEMENTS``, that a new feature extends):

- Python-Markdown and its extensions: paragraphs, headings (``toc`` ids and the
  ``headerlink`` permalink), lists, tables (``style="text-align"`` of aligned
  columns), ``def_list``, ``abbr`` (``<abbr title>``), ``footnotes`` (``sup``,
  ``div.footnote``, back links), ``md_in_html``, betterem/mark/tilde/caret
  (``em strong mark del ins sub sup``).
- pymdown-extensions: callouts and admonitions (``div.admonition``,
  ``p.admonition-title``), ``details``/``summary`` with ``open``, tasklists
  (``label > input[type=checkbox][disabled][checked]``), tabbed sets (radio
  ``input``, ``label for``, ``data-tabs``), highlight (``span`` classes, the
  ``__code_N`` / ``__codelineno-N-M`` anchors with ``name``), arithmatex
  (``span.arithmatex`` / ``div.arithmatex`` holding TeX text: KaTeX draws it in
  the browser) and superfences' ``pre.mermaid`` (text: Mermaid draws it).
- Material: ``grid cards``, buttons (``a.md-button``, ``download``), classes
  and ids its CSS and scripts use; glightbox's ``a.glightbox`` with
  ``data-type=image``, ``data-width/height``, ``data-desc-position``,
  ``data-gallery``, ``data-title``, ``data-description``.
- The project's own markup: any ``vault-*`` class, ``data-vault-*``,
  ``data-search-exclude``, ``role``, ``aria-*``, the PDF ``iframe``, ``video``,
  ``audio``, the Graph page's search ``input``.

What it makes inert:

- Elements not in the table go, their text stays; ``script``, ``style``,
  ``template``, ``svg``, ``math``, ``object``, ``embed``... go with their content.
- Attributes not in the table go: every ``on*`` handler, ``srcdoc``, ``formaction``.
  Markdown's ``attr_list`` (``{: ... }``) writes plain attributes, so it is held to
  the same table: class, id, width/height, loading, title, and the few above.
- URLs (href, src, poster, cite) keep only ``http``, ``https``, ``mailto`` and
  relative ones (``#`` included), judged after entity decoding and with tabs and
  newlines removed, as browsers do; ``data:`` only as an ``img`` source of a
  raster image type.
- ``title``, ``data-title`` and ``data-description`` are plain text: Material's
  ``content.tooltips`` inserts a title with ``innerHTML`` (its bundle's ``sn``
  helper), and GLightbox inserts its captions as HTML, so each such value is
  HTML-escaped once more: the tooltip shows the text a vault wrote, as text.
- Ids Material's own scripts look up (``__config``, ``__search``...: a vault
  element with that id, earlier in the page, would be read instead) go; the
  ``__``-ids the Markdown extensions make stay.
- ``style`` keeps a short list of properties, so no ``url(...)`` loads anything.
"""
from __future__ import annotations

import re
from html import escape

import nh3

# Attributes any element may have. attr_list may set only these (and the element's own below).
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "role", "lang", "dir", "style", "hidden"})
# element -> its own attributes. Extend here (one line per element) for new features' markup.
ELEMENTS: dict[str, frozenset[str]] = {name: frozenset(attributes) for name, attributes in {
    # text and structure
    "p": (), "div": (), "span": (), "br": (), "hr": (), "section": (), "article": (), "aside": (),
    "header": (), "footer": (), "nav": (), "main": (), "figure": (), "figcaption": (),
    "h1": (), "h2": (), "h3": (), "h4": (), "h5": (), "h6": (), "blockquote": ("cite",),
    "em": (), "strong": (), "b": (), "i": (), "u": (), "s": (), "small": (), "big": (), "mark": (),
    "del": ("cite", "datetime"), "ins": ("cite", "datetime"), "sub": (), "sup": (), "kbd": (),
    "code": (), "pre": (), "samp": (), "var": (), "q": ("cite",), "cite": (), "dfn": (), "time": ("datetime",),
    "abbr": (), "bdi": (), "bdo": (), "wbr": (), "ruby": (), "rt": (), "rp": (), "center": (), "font": ("color",),
    # lists, definition lists, tables
    "ul": (), "ol": ("start", "reversed", "type"), "li": ("value",), "dl": (), "dt": (), "dd": (),
    "table": (), "caption": (), "thead": (), "tbody": (), "tfoot": (), "tr": (), "colgroup": ("span",),
    "col": ("span", "width"), "th": ("colspan", "rowspan", "scope", "align"), "td": ("colspan", "rowspan", "align"),
    # links, media
    "a": ("href", "name", "rel", "download", "hreflang"),
    "img": ("src", "alt", "width", "height", "loading", "decoding"),
    "video": ("src", "controls", "preload", "poster", "width", "height", "loop", "muted", "playsinline"),
    "audio": ("src", "controls", "preload", "loop", "muted"),
    "source": ("src", "type", "media"), "track": ("src", "kind", "label", "srclang", "default"),
    "iframe": ("src", "width", "height", "loading", "allowfullscreen", "referrerpolicy"),  # the PDF embed
    # interactive pieces of extensions: details, tasklists, tabbed sets, the Graph page's filter
    "details": ("open", "name"), "summary": (), "label": ("for",),
    "input": ("type", "checked", "disabled", "name", "placeholder", "value"), "button": ("type", "disabled"),
}.items()}
# Attribute prefixes checked one by one below: aria-* any, data-* only those listed.
ATTRIBUTE_PREFIXES = frozenset({"aria-", "data-"})
DATA_ATTRIBUTES = frozenset({"data-search-exclude", "data-tabs", "data-title", "data-description", "data-type",
                             "data-width", "data-height", "data-desc-position", "data-gallery", "data-linenums"})
DATA_PREFIX = "data-vault-"  # the project's own (and canvas, bases, study: one prefix for all)
ATTRIBUTE_VALUES = {("input", "type"): {"checkbox", "radio", "search"}, ("button", "type"): {"button"},
                    ("a", "data-type"): {"image"}}
HTML_TEXT_ATTRIBUTES = frozenset({"title", "data-title", "data-description"})  # inserted as HTML by scripts
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "data"})  # data: kept for img sources only (below)
IMAGE_DATA = re.compile(r"data:image/(?:png|gif|jpe?g|webp|avif|bmp)[;,]", re.I)
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "svg", "math", "object", "embed",
                                  "noembed", "noframes", "xmp", "plaintext", "textarea", "select", "title"})
STYLE_PROPERTIES = frozenset({"text-align", "vertical-align", "color", "background-color", "font-weight",
                              "font-style", "font-size", "text-decoration", "width", "height", "max-width"})
_EXTENSION_ID = re.compile(r"__(?:code_\d+|codelineno-[\d-]+|span-[\d-]+|tabbed_[\d_]+)")  # highlight, tabbed
_URL_NOISE = re.compile(r"^[\x00-\x20]+|[\t\n\r]")  # what browsers drop from a URL before reading its scheme


def sanitize_html(html: str) -> str:
    """``html`` with only allowed elements, attributes and URLs left, its tooltip texts inert."""
    return nh3.clean(html, tags=set(ELEMENTS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                     attributes=_ATTRIBUTES, attribute_filter=_filter_attribute, strip_comments=True,
                     link_rel=None, generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
                     url_schemes=set(URL_SCHEMES), filter_style_properties=set(STYLE_PROPERTIES))


_ATTRIBUTES = {"*": set(GLOBAL_ATTRIBUTES)} | {element: set(own) for element, own in ELEMENTS.items() if own}


def _filter_attribute(element: str, name: str, value: str) -> str | None:
    """The attribute's kept value, or None to drop it (nh3 has already checked element, name and scheme)."""
    if name.startswith("data-") and name not in DATA_ATTRIBUTES and not name.startswith(DATA_PREFIX):
        return None
    allowed = ATTRIBUTE_VALUES.get((element, name))
    if allowed is not None and value.lower() not in allowed:
        return None
    if name in URL_ATTRIBUTES and _URL_NOISE.sub("", value).lower().startswith("data:"):
        return value if element == "img" and name == "src" and IMAGE_DATA.match(value.strip()) else None
    if name == "id" and value.startswith("__") and not _EXTENSION_ID.fullmatch(value):
        return None
    if name in HTML_TEXT_ATTRIBUTES:
        return escape(value, quote=False)
    return value

