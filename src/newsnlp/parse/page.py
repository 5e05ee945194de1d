"""Whole web pages: the article's main content and its metadata.

Main content
    ``trafilatura`` finds the article body (it scores blocks by text density, link density
    and position, and knows thousands of boilerplate class names). On real news pages it
    beats any short list of hand-written selectors at dropping navigation, share bars,
    related links, comments and footers. Its structured output is then run through the
    same cleaner as RSS fragments (:mod:`newsnlp.parse.html`), so paragraphs, images and
    site boilerplate are handled identically. When trafilatura finds nothing, a fallback
    picks the element with the most paragraph text (``article``, ``[itemprop=articleBody]``
    or the densest ``div``).

Metadata (first found wins)
    title: ``og:title``, JSON-LD ``headline``, ``<h1>``, ``<title>`` without the site suffix;
    date: ``article:published_time``, JSON-LD ``datePublished``, ``pubdate``-style meta
    tags, ``<time datetime>``, a date in the byline (``2022年07月22日 21:04``);
    author: JSON-LD ``author``, ``<meta name="author">``, ``article:author``;
    site: ``og:site_name``, JSON-LD ``publisher``, a byline ``来源：…``;
    url: canonical link, ``og:url``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from newsnlp.errors import ParseError
from newsnlp.parse.html import DEFAULT_PROXY_PREFIXES, clean_tree, image_url, parse_html_tree
from newsnlp.parse.normalize import normalize_paragraph

__all__ = ["ParsedPage", "parse_page"]

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "techarticle",
    "report",
}
_DATE_IN_TEXT = re.compile(
    r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)"
)
_META_CLASS = re.compile(r"time|date|pub|info|meta|byline|source", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|-|—|–|::)\s*")

# trafilatura's XML vocabulary -> the HTML the shared cleaner understands
_TRAFILATURA_TAGS = {
    "head": "h2",
    "item": "li",
    "list": "ul",
    "graphic": "img",
    "quote": "blockquote",
    "code": "pre",
    "row": "tr",
    "cell": "td",
    "hi": "span",
    "ref": "a",
    "lb": "br",
    "del": "span",
    "main": "div",
    "doc": "div",
}


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """What a web page says about its article."""

    title: str
    paragraphs: tuple[str, ...]
    images: tuple[str, ...]
    published: str | None
    author: str | None
    site_name: str | None
    categories: tuple[str, ...]
    url: str | None


def _meta(root: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and value.strip() and key not in out:
            out[key] = value.strip()
    return out


def _walk_json(node: Any) -> Iterator[dict[str, Any]]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _json_ld(root: etree._Element) -> dict[str, Any]:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip())
        except (ValueError, RecursionError):
            logger.debug("skipping a JSON-LD block that is not valid JSON")
            continue
        for obj in _walk_json(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                return obj
    return {}


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _text(el: etree._Element) -> str:
    return normalize_paragraph("".join(el.itertext()))


def _strip_site_suffix(title: str, site: str | None) -> str:
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p]
    if len(parts) < 2:
        return title
    if site:
        parts = [p for p in parts if p.replace(" ", "") != site.replace(" ", "")] or parts
    return max(parts, key=len) if len(parts) > 1 and len(parts[0]) < 8 else parts[0]


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


_SOURCE_IN_TEXT = re.compile(r"^(?:来源|來源|出处|出處)\s*[：:]\s*(\S{1,20})$")


def _byline_source(root: etree._Element) -> str | None:
    body = root.find("body")
    if body is None:
        return None
    for el in body.iter("span", "div", "p", "em", "a"):
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if marker.strip() and _META_CLASS.search(marker):
            m = _SOURCE_IN_TEXT.match(_text(el))
            if m:
                return m.group(1)
    return None


def _byline_date(root: etree._Element) -> str | None:
    for el in root.iter("time"):
        if el.get("datetime"):
            return str(el.get("datetime"))
    body = root.find("body")
    if body is None:
        return None
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if marker.strip() and _META_CLASS.search(marker):
            m = _DATE_IN_TEXT.search(_text(el)[:200])
            if m:
                return m.group(1)
    return None


def _main_with_trafilatura(html: str) -> etree._Element | None:
    import trafilatura

    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_images=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        return None
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(huge_tree=True, recover=True))
    if root is None:
        return None
    main = root.find("main")
    if main is None:
        main = root
    for el in main.iter():
        if isinstance(el.tag, str):
            el.tag = _TRAFILATURA_TAGS.get(el.tag, el.tag)
    return main


def _main_by_density(root: etree._Element) -> etree._Element | None:
    candidates = root.xpath(
        "//*[@itemprop='articleBody'] | //article | //*[contains(@class,'article-content')]"
        " | //*[contains(@class,'post-content')] | //*[@id='content']"
    )
    if candidates:
        return max(candidates, key=lambda el: len(_text(el)))
    best, best_len = None, 0
    for div in root.iter("div", "section", "td"):
        length = sum(len("".join(p.itertext())) for p in div.findall("p"))
        if length > best_len:
            best, best_len = div, length
    return best


def parse_page(
    html: str,
    *,
    name: str = "input",
    base_url: str | None = None,
    proxy_prefixes: Iterable[str] = DEFAULT_PROXY_PREFIXES,
) -> ParsedPage:
    """Extract the article and its metadata from a whole HTML page.

    Parameters
    ----------
    html : str
        The page (already decoded).
    name : str
        What the page is, for messages.
    base_url : str, optional
        Base for relative image URLs (defaults to the page's canonical URL).
    proxy_prefixes : iterable of str
        Image proxy prefixes to strip.

    Returns
    -------
    ParsedPage

    Raises
    ------
    ParseError
        If the page nests elements too deeply to parse.
    """
    prefixes = tuple(proxy_prefixes)
    root = parse_html_tree(html, name=name)
    meta = _meta(root)
    ld = _json_ld(root)
    site = _first(
        meta.get("og:site_name"), _name(ld.get("publisher")), meta.get("application-name")
    ) or _byline_source(root)
    canonical = None
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href")
            break
    url = _first(
        canonical,
        meta.get("og:url"),
        _name(ld.get("url")) if isinstance(ld.get("url"), str) else None,
    )
    h1 = next((t for t in (_text(el) for el in root.iter("h1")) if t), None)
    title_tag = root.find(".//title")
    page_title = _text(title_tag) if title_tag is not None else ""
    title = _first(
        meta.get("og:title"),
        _name(ld.get("headline")),
        h1,
        _strip_site_suffix(page_title, site) if page_title else None,
    )
    published = _first(
        meta.get("article:published_time"),
        ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None,
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("publish_date"),
        meta.get("datepublished"),
        meta.get("date"),
        meta.get("dc.date"),
        meta.get("og:published_time"),
    ) or _byline_date(root)
    author = _first(_name(ld.get("author")), meta.get("author"), meta.get("article:author"))
    section = _first(meta.get("article:section"), _name(ld.get("articleSection")))
    categories = tuple(c for c in [section] if c)

    page_base = base_url or url
    main = None
    try:
        main = _main_with_trafilatura(html)
    except RecursionError as exc:
        raise ParseError(f"{name}: page is nested too deeply to extract its content.") from exc
    except Exception as exc:  # trafilatura raises assorted errors on odd markup
        logger.warning(
            "%s: trafilatura failed (%s: %s); using the density fallback",
            name,
            type(exc).__name__,
            exc,
        )
    if main is None or not _text(main):
        main = _main_by_density(root)
    if main is not None:
        cleaned = clean_tree(main, base_url=page_base, proxy_prefixes=prefixes)
        paragraphs, images = list(cleaned.paragraphs), list(cleaned.images)
    else:
        paragraphs, images = [], []
    if not images and meta.get("og:image"):
        img = etree.Element("img", src=meta["og:image"])
        first = image_url(img, base_url=page_base, proxy_prefixes=prefixes)
        if first:
            images.append(first)
    if title and paragraphs and paragraphs[0].replace(" ", "") == title.replace(" ", ""):
        paragraphs.pop(0)
    return ParsedPage(
        title=title or "",
        paragraphs=tuple(paragraphs),
        images=tuple(images),
        published=published,
        author=author,
        site_name=site,
        categories=categories,
        url=url,
    )
