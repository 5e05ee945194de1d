"""HTML → the paragraphs a reader sees, and the images they see between them.

A fast, single-pass cleaner for article bodies (RSS/Atom item HTML, Hexo post bodies,
the main content of a page). It walks the lxml tree once, iteratively (no Python
recursion, so deep documents cannot blow the stack):

- block elements (``p``, ``div``, ``li``, headings, …) and ``<br>`` end a paragraph;
  text between blocks (ZAKER puts sentences after image boxes) is kept in order;
- inline elements (``a``, ``span``, ``strong``…) are joined with no separator, so an
  affiliate link around part of a word (``<a>Redmi</a>Book``) stays one word;
- hard-wrapped lines inside a paragraph are joined (CJK-aware, see
  :func:`newsnlp.parse.normalize.collapse_whitespace`);
- scripts, styles, forms, navigation and site boilerplate (:mod:`newsnlp.parse.sites`)
  are dropped; images, figures, iframes and video are dropped from the text but their
  image URLs are collected in order (``data-original`` preferred to a lazy ``src``,
  proxy prefixes removed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from newsnlp.errors import ParseError
from newsnlp.parse.normalize import normalize_paragraph
from newsnlp.parse.sites import DROP_CLASSES, DROP_IDS, MEDIA_CLASSES, is_boilerplate_paragraph

__all__ = [
    "DEFAULT_PROXY_PREFIXES",
    "CleanedHTML",
    "clean_html",
    "clean_tree",
    "image_url",
    "parse_html_tree",
]

#: image proxies seen in the wild: the real URL follows the prefix
DEFAULT_PROXY_PREFIXES: tuple[str, ...] = (
    "https://cors.zfour.workers.dev/?",
    "http://cors.zfour.workers.dev/?",
)

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "caption",
        "hr",
        "address",
        "center",
        "fieldset",
        "details",
        "summary",
        "body",
        "html",
        "hgroup",
        "menu",
        "dir",
    ]
)
#: dropped with everything inside, images included
DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "form",
        "input",
        "select",
        "textarea",
        "option",
        "nav",
        "aside",
        "figcaption",
        "label",
        "dialog",
        "map",
        "area",
        "math",
    ]
)
#: dropped from the text; their images are kept
MEDIA_TAGS = frozenset(
    [
        "img",
        "picture",
        "figure",
        "video",
        "audio",
        "svg",
        "iframe",
        "embed",
        "object",
        "canvas",
        "source",
    ]
)
CELL_TAGS = frozenset({"td", "th"})

_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CleanedHTML:
    """The result of cleaning: paragraphs in reading order and image URLs in order."""

    paragraphs: tuple[str, ...]
    images: tuple[str, ...]


def parse_html_tree(html: str | bytes, *, name: str = "input") -> etree._Element:
    """Parse HTML leniently with lxml and return the root element.

    Raises
    ------
    ParseError
        If the document nests elements deeper than libxml2 can hold (2048 levels): the
        parser would silently drop the rest, so the input is refused instead.
    """
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=True, collect_ids=False
    )
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"{name}: HTML could not be parsed: {exc}.") from exc
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise ParseError(
                f"{name}: HTML is nested deeper than 2048 elements; refusing it rather than "
                "losing the content past that depth."
            )
    if root is None:
        root = etree.Element("html")
    return root


def image_url(
    el: etree._Element,
    *,
    base_url: str | None = None,
    proxy_prefixes: Iterable[str] = DEFAULT_PROXY_PREFIXES,
) -> str | None:
    """Return the real URL of an ``<img>``: lazy-load attributes first, proxy removed."""
    for attr in ("data-original", "data-src", "data-actualsrc", "data-lazy-src", "src"):
        value = el.get(attr)
        if value and value.strip() and not value.strip().startswith("data:"):
            url = value.strip()
            break
    else:
        return None
    for prefix in proxy_prefixes:
        if url.startswith(prefix):
            url = url[len(prefix) :]
            break
    if base_url and not url.startswith(("http://", "https://", "//")):
        url = urljoin(base_url, url)
    elif url.startswith("//"):
        url = "https:" + url
    return url


def _classes(el: etree._Element) -> set[str] | None:
    value = el.get("class")
    return set(value.split()) if value else None


class _Collector:
    __slots__ = ("buffer", "images", "in_pre", "keep_boilerplate", "paragraphs", "seen_images")

    def __init__(self, keep_boilerplate: bool) -> None:
        self.buffer: list[str] = []
        self.paragraphs: list[str] = []
        self.images: list[str] = []
        self.seen_images: set[str] = set()
        self.in_pre = 0
        self.keep_boilerplate = keep_boilerplate

    def text(self, value: str | None) -> None:
        if not value:
            return
        if self.in_pre and "\n" in value:
            lines = value.split("\n")
            for line in lines[:-1]:
                self.buffer.append(line)
                self.flush()
            self.buffer.append(lines[-1])
        else:
            self.buffer.append(value)

    def flush(self) -> None:
        if not self.buffer:
            return
        raw = "".join(self.buffer)
        self.buffer.clear()
        para = normalize_paragraph(raw)
        if para and (self.keep_boilerplate or not is_boilerplate_paragraph(para)):
            self.paragraphs.append(para)

    def image(self, url: str | None) -> None:
        if url and url not in self.seen_images:
            self.seen_images.add(url)
            self.images.append(url)


def clean_tree(
    root: etree._Element,
    *,
    base_url: str | None = None,
    proxy_prefixes: Iterable[str] = DEFAULT_PROXY_PREFIXES,
    drop_boilerplate: bool = True,
) -> CleanedHTML:
    """Clean an already parsed element tree; see :func:`clean_html`."""
    prefixes = tuple(proxy_prefixes)
    out = _Collector(keep_boilerplate=not drop_boilerplate)
    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: set[int] = set()
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions, entities
            if event == "end":
                out.text(el.tail)
            continue
        tag = tag.lower()
        if event == "start":
            action = _action(el, tag, drop_boilerplate)
            if action == "drop" or action == "media":
                if action == "media":
                    if tag == "img":
                        out.image(image_url(el, base_url=base_url, proxy_prefixes=prefixes))
                    else:
                        for img in el.iter("img"):
                            out.image(image_url(img, base_url=base_url, proxy_prefixes=prefixes))
                if tag not in ("img", "source", "br", "wbr"):
                    out.flush()
                skipped.add(id(el))
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS or tag == "br":
                out.flush()
            elif tag in CELL_TAGS:
                out.text(" ")
            if tag == "pre":
                out.in_pre += 1
            out.text(el.text)
        else:
            if id(el) in skipped:
                skipped.discard(id(el))
            elif tag in BLOCK_TAGS:
                out.flush()
                if tag == "pre":
                    out.in_pre -= 1
            elif tag in CELL_TAGS:
                out.text(" ")
            out.text(el.tail)
    out.flush()
    return CleanedHTML(tuple(out.paragraphs), tuple(out.images))


def _action(el: etree._Element, tag: str, drop_boilerplate: bool) -> str:
    if tag in DROP_TAGS:
        return "drop"
    if tag in MEDIA_TAGS:
        return "media"
    if el.get("hidden") is not None:
        return "drop"
    style = el.get("style")
    if style and _HIDDEN.search(style):
        return "drop"
    if not drop_boilerplate:
        return "keep"
    classes = _classes(el)
    if classes:
        if classes & MEDIA_CLASSES:
            return "media"
        if classes & DROP_CLASSES:
            return "drop"
    ident = el.get("id")
    if ident and ident in DROP_IDS:
        return "drop"
    return "keep"


def clean_html(
    html: str,
    *,
    base_url: str | None = None,
    proxy_prefixes: Iterable[str] = DEFAULT_PROXY_PREFIXES,
    drop_boilerplate: bool = True,
    name: str = "input",
) -> CleanedHTML:
    """Return the paragraphs and image URLs of an HTML fragment or document.

    Parameters
    ----------
    html : str
        An HTML fragment (an RSS item body, a Hexo post body) or a whole document.
    base_url : str, optional
        Base for relative image URLs.
    proxy_prefixes : iterable of str
        Prefixes removed from image URLs (image proxies).
    drop_boilerplate : bool
        Drop the site boilerplate listed in :mod:`newsnlp.parse.sites`.
    name : str
        What the input is, for error messages.

    Returns
    -------
    CleanedHTML
        ``paragraphs`` (non-empty, normalised) and ``images`` (unique, in order).

    Raises
    ------
    ParseError
        If the HTML is nested too deeply to parse without losing content.
    """
    if not html or not html.strip():
        return CleanedHTML((), ())
    root = parse_html_tree(html, name=name)
    return clean_tree(
        root, base_url=base_url, proxy_prefixes=proxy_prefixes, drop_boilerplate=drop_boilerplate
    )
