"""SVG attachments rewritten so that opening one runs nothing and loads nothing from outside.

An SVG is a document: opened at its URL (a link on the site, the lightbox, a
bookmark) its scripts run with the site's origin. Static hosting cannot add a
Content-Security-Policy header to stop them, and ``<img>``-only publishing
cannot stop a reader opening the file, so each SVG is rewritten at build time:

- parsed with defusedxml (no entity expansion, no external entities or DTDs);
- only SVG-namespace elements stay, minus ``script``, ``foreignObject`` (HTML
  inside SVG) and animations that set a link or a handler (``<set
  attributeName="href" to="javascript:...">``); metadata of other namespaces
  (Inkscape, RDF) goes, which changes nothing drawn;
- attributes named ``on*`` go; ``href`` / ``xlink:href`` keep only a ``#``
  reference into the file itself or a raster ``data:image``, and links (``<a>``)
  also ``http``, ``https``, ``mailto`` and relative URLs;
- ``url(...)`` in styles keeps only ``#`` references, and ``@import`` goes.

A file that does not parse is not published (a warning names it).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
REMOVED_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "object", "embed", "handler", "listener"})
ANIMATIONS = frozenset({"set", "animate", "animateMotion", "animateTransform", "animateColor", "discard"})
LINK_SCHEMES = ("http:", "https:", "mailto:")
_RASTER_DATA = re.compile(r"data:image/(?:png|gif|jpe?g|webp|avif|bmp)[;,]", re.I)
_URL_NOISE = re.compile(r"[\x00-\x20]+")
_CSS_URL = re.compile(r"url\(\s*+(['\"]?)(?!#)[^)]*\)", re.I)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)

ElementTree.register_namespace("", SVG)
ElementTree.register_namespace("xlink", XLINK)


class SvgRefused(ValueError):
    """The file is not an SVG this build can read safely (the message says why)."""


def sanitize_svg(data: bytes) -> bytes:
    """The SVG without scripts, handlers, HTML islands and outside references (UTF-8, XML declaration)."""
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise SvgRefused(f"declares XML entities ({type(error).__name__}), which an SVG file does not need") from error
    except ElementTree.ParseError as error:
        raise SvgRefused(f"is not well-formed XML ({error})") from error
    if root.tag != f"{{{SVG}}}svg":
        raise SvgRefused("is not an SVG image (its root element is not <svg>)")
    _clean(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(name: str) -> tuple[str, str]:
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    return namespace, local


def _clean(element: ElementTree.Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or _removed(child):
            element.remove(child)  # comments, processing instructions, unsafe elements: with their content
        else:
            _clean(child)
    _clean_attributes(element)
    if _local(element.tag)[1] == "style" and element.text:
        element.text = _safe_css(element.text)


def _removed(element: ElementTree.Element) -> bool:
    namespace, local = _local(element.tag)
    if namespace != SVG or local in REMOVED_ELEMENTS:
        return True
    target = element.get("attributeName", "").lower()
    return local in ANIMATIONS and (target.endswith("href") or target.startswith("on") or target == "style")


def _clean_attributes(element: ElementTree.Element) -> None:
    is_link = _local(element.tag)[1] == "a"
    for name in list(element.attrib):
        namespace, local = _local(name)
        value = element.attrib[name]
        if local.lower().startswith("on") or local.lower() in ("formaction", "action"):
            del element.attrib[name]
        elif local == "href" and namespace in ("", XLINK) and not _safe_reference(value, is_link):
            del element.attrib[name]
        elif local == "style":
            element.attrib[name] = _safe_css(value)


def _safe_reference(value: str, is_link: bool) -> bool:
    """``#id`` and raster data images anywhere; in links also web, mail and relative URLs."""
    url = _URL_NOISE.sub("", value)
    if url.startswith("#") or _RASTER_DATA.match(url):
        return True
    if not is_link:
        return False
    return url.lower().startswith(LINK_SCHEMES) or _SCHEME.match(url) is None


def _safe_css(css: str) -> str:
    """Style text without ``@import`` and without ``url()`` other than ``#`` references."""
    return _CSS_URL.sub("none", _CSS_IMPORT.sub("", css))
