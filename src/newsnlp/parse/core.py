"""``parse_article``: any raw article (post, HTML, page, Markdown, text, bytes) → :class:`Article`.

Formats (``format="auto"`` picks one from the content):

``post``
    Hexo/Jekyll: YAML front matter, then an HTML, Markdown or plain-text body.
``page``
    A whole web page (``<!doctype html>``/``<html>``/``<head>``): main content and metadata,
    see :mod:`newsnlp.parse.page`.
``html``
    An HTML fragment such as an RSS/Atom item body, cleaned by :mod:`newsnlp.parse.html`.
``markdown``
    A Markdown body, see :mod:`newsnlp.parse.markdown`.
``text``
    Plain text: blank lines separate paragraphs; without blank lines each line is one.
"""

from __future__ import annotations

import html as html_lib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from newsnlp.errors import InputTypeError, ParseError, describe, invalid_parameter
from newsnlp.parse.article import Article, make_article_id
from newsnlp.parse.dates import DEFAULT_TZ, get_zone, parse_date
from newsnlp.parse.encoding import decode_bytes
from newsnlp.parse.frontmatter import has_front_matter, split_front_matter
from newsnlp.parse.html import DEFAULT_PROXY_PREFIXES, clean_html
from newsnlp.parse.markdown import parse_markdown
from newsnlp.parse.normalize import is_cjk, normalize_chars, normalize_paragraph
from newsnlp.parse.normalize import to_simplified as _t2s
from newsnlp.parse.sites import (
    byline_author,
    canonical_source,
    known_source,
    source_from_dateline,
    source_from_url,
    tidy_spaced_quotes,
)

__all__ = ["DEFAULT_MAX_BYTES", "Format", "detect_format", "parse_article"]

Format = Literal["auto", "post", "page", "html", "markdown", "text"]
_FORMATS = ("auto", "post", "page", "html", "markdown", "text")

#: inputs larger than this are refused (a news article is rarely over 1 MB of HTML)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_PAGE_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:p|div|br|span|a|img|h[1-6]|ul|ol|li|strong|em|b|i|u|s|section|article|figure|"
    r"blockquote|table|tr|td|th|pre|code|iframe|script|style|font|center|hr|sup|sub|"
    r"small|big|dl|dt|dd|header|footer|main|nav|picture|video|source|tt|mark)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(
    r"^(?:#{1,6}\s|>\s|```|!\[[^\]]*\]\(|\s*[-*+]\s+\S|\s*\d+\.\s+\S)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*",
    re.MULTILINE,
)
_MARKDOWN_BLOCK = re.compile(r"^(?:#{1,6}\s|>\s|```|!\[)|\]\((?:https?://|img/|/)", re.MULTILINE)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def _looks_binary(text: str) -> bool:
    """Return True for text with a NUL anywhere or many control characters in its first 8 KiB.

    The control characters U+0000-U+0008 and U+000E-U+001F are ASCII: encoding the head
    to ASCII dropping everything else, then deleting them from the bytes, is a few C passes
    (half the time of a regex scan over Chinese text), and a NUL in the head is found in
    those bytes rather than by a scan of the text (slow for a zero byte in wide strings).
    """
    head = text[:8192]
    ascii_bytes = head.encode("ascii", "ignore")
    if b"\x00" in ascii_bytes or (len(text) > 8192 and text.find("\x00", 8192) != -1):
        return True
    controls = len(ascii_bytes) - len(ascii_bytes.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 50)


_TITLE_UNDERSCORE_CHARS = ":/\\?*“”\"<>|：？＊＂＜＞｜‘’'「」"


def detect_format(text: str) -> Literal["post", "page", "html", "markdown", "text"]:
    """Guess the format of ``text`` (see the module docstring)."""
    if has_front_matter(text):
        return "post"
    head = text[:4096]
    if _PAGE_START.search(head):
        return "page"
    return _markup_format(text)


def _markup_format(text: str) -> Literal["html", "markdown", "text"]:
    head = text[:200_000]
    # Markdown may embed HTML (<picture>, <string> in code); it starts with text or a
    # Markdown line and has several Markdown block markers
    markdown_blocks = _LEADING_LT.match(text) is None and _has_two(_MARKDOWN_BLOCK, head[:20_000])
    if markdown_blocks and _MARKDOWN.search(head):
        # Markdown whether or not an HTML tag follows: no need to scan for one
        return "markdown"
    if _HTML_TAG.search(head):
        return "markdown" if markdown_blocks else "html"
    if _MARKDOWN.search(head):
        return "markdown"
    return "text"


_LEADING_LT = re.compile(r"\s*<")


def _has_two(pattern: re.Pattern[str], text: str) -> bool:
    """Return True if ``pattern`` matches ``text`` at least twice (stops at the second)."""
    matches = pattern.finditer(text)
    return next(matches, None) is not None and next(matches, None) is not None


_WRAPPER = re.compile(r"\A\s*<div>(.*)</div>\s*\Z", re.DOTALL)


def _body_format(body: str) -> tuple[Literal["html", "markdown", "text"], str]:
    """Return the body's format and the body; a lone ``<div>`` around plain text is unwrapped.

    Hexo wraps a feed item that had no markup (36氪 快讯, 品玩 and 少数派 summaries) in one
    ``<div>``; its line breaks are the only structure there is, so it is read as text.
    """
    m = _WRAPPER.match(body)
    if m and "<" not in m.group(1):
        body = m.group(1)
    return _markup_format(body), body


@dataclass(slots=True)
class _Parts:
    """Mutable scratch record while one article is assembled."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    published: Any = None
    author: str | None = None
    source: str | None = None
    categories: list[str] = field(default_factory=list)
    url: str | None = None
    given_id: str | None = None
    date_field: str = "date"


_TERMINAL = tuple("。！？!?.…”」』）)：:；;")


def _display_width(line: str) -> int:
    return sum(2 if is_cjk(ch) else 1 for ch in line)


def text_paragraphs(text: str, *, join_wrapped: bool = True) -> list[str]:
    """Split plain text into paragraphs, normalised.

    A line is its own paragraph unless ``join_wrapped`` and it looks hard-wrapped: at
    least 60 columns wide (a CJK character counts two) and not ending a sentence, in
    which case the next line continues it. Blank lines always separate paragraphs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if current:
                out.append("\n".join(current))
                current = []
            continue
        current.append(stripped)
        if not join_wrapped or _display_width(stripped) < 60 or stripped.endswith(_TERMINAL):
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    paragraphs = []
    for block in out:
        para = normalize_paragraph(block)
        if para:
            paragraphs.append(para)
    return paragraphs


def _meta_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v is not None)
    text = normalize_paragraph(html_lib.unescape(str(value)))
    return text or None


def _meta_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[Any] = [v for v in re.split(r"[,，]", value)]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        items = [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, (list, tuple)):  # Hexo allows nested category lists
            out.extend(_meta_list(item))
            continue
        text = _meta_str(item)
        if text and text not in out:
            out.append(text)
    return out


def _from_front_matter(meta: Mapping[str, Any], parts: _Parts) -> None:
    parts.title = _meta_str(meta.get("title")) or ""
    for key in ("date", "published", "published_at", "pubDate", "pubdate", "created"):
        if meta.get(key) not in (None, ""):
            parts.published = meta[key]
            parts.date_field = key
            break
    parts.author = _meta_str(meta.get("author"))
    parts.categories = _meta_list(meta.get("categories")) + [
        t for t in _meta_list(meta.get("tags")) if t not in _meta_list(meta.get("categories"))
    ]
    parts.url = _meta_str(meta.get("link") or meta.get("url") or meta.get("permalink"))
    explicit = _meta_str(meta.get("source"))
    if explicit:
        parts.source = canonical_source(explicit)
    else:
        for cand in [*parts.categories, parts.author]:
            name = known_source(cand)
            if name:
                parts.source = name
                break
    raw_id = meta.get("id") or meta.get("abbrlink")
    if raw_id is not None and str(raw_id).strip():
        parts.given_id = str(raw_id).strip()


def _take_byline(parts: _Parts) -> None:
    """Move a byline paragraph (``作者 | 陈法善``) near either end of the body into ``author``."""
    n = len(parts.paragraphs)
    for i in [*range(min(6, n)), *range(max(6, n - 4), n)]:
        name = byline_author(parts.paragraphs[i])
        if name:
            if not parts.author or known_source(parts.author):
                parts.author = name
            del parts.paragraphs[i]
            return


def _restore_title(title: str, paragraphs: Sequence[str]) -> str:
    """Undo Hexo's file-name-safe title (``能否_复刻_宁德时代``) from a body line that matches."""
    if "_" not in title:
        return title
    pieces = [re.escape(p) for p in title.split("_")]
    pattern = re.compile("^" + f"[{re.escape(_TITLE_UNDERSCORE_CHARS)}_]".join(pieces) + "$")
    for para in paragraphs[:3]:
        if pattern.match(para):
            return para
    return title


def _drop_title_repeats(parts: _Parts) -> None:
    """Remove body lines that only repeat the headline (feeds often prepend it)."""
    if not parts.title or not parts.paragraphs:
        return
    key = parts.title.replace(" ", "")
    first = key[:1]
    for i, para in enumerate(parts.paragraphs[:3]):
        # a paragraph equal to the key without its spaces starts with the key's first
        # character or a space: others are ruled out without copying them
        if para[:1] in (first, " ") and para.replace(" ", "") == key:
            before = parts.paragraphs[:i]
            del parts.paragraphs[: i + 1]
            # 品玩 puts a short topic tag before the headline: keep it as a category
            for tag in before:
                if len(tag) <= 12 and tag not in parts.categories:
                    parts.categories.append(tag)
                elif len(tag) > 12:
                    parts.paragraphs.insert(0, tag)
            return


def _resolve_options(
    format: str, default_tz: str, max_bytes: int, proxy_prefixes: Sequence[str]
) -> None:
    if format not in _FORMATS:
        raise invalid_parameter("parse_article", "format", f"one of {list(_FORMATS)}", format)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1:
        raise invalid_parameter("parse_article", "max_bytes", "an int >= 1", max_bytes)
    get_zone(default_tz)
    if isinstance(proxy_prefixes, str):
        raise invalid_parameter(
            "parse_article", "proxy_prefixes", "a sequence of strings", proxy_prefixes
        )


def parse_article(
    raw: str | bytes | bytearray | os.PathLike[str],
    *,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    published_at: str | datetime | None = None,
    author: str | None = None,
    article_id: str | None = None,
    path: str | None = None,
    format: Format = "auto",
    encoding: str | None = None,
    default_tz: str = DEFAULT_TZ,
    to_simplified: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    proxy_prefixes: Sequence[str] = DEFAULT_PROXY_PREFIXES,
    name: str | None = None,
) -> Article:
    """Parse one raw article into a clean :class:`~newsnlp.parse.article.Article`.

    Parameters
    ----------
    raw : str, bytes or path-like
        The article: a Hexo/Jekyll post, an HTML fragment, a whole web page, Markdown or
        plain text, as text or as bytes in any common Chinese encoding. A path-like
        object (``pathlib.Path``) is read from disk; a ``str`` is always content.
    url, source, title, published_at, author : optional
        Metadata known from outside the article (a feed, a table column). When given,
        they take precedence over what the article itself says.
    article_id : str, optional
        The id to use; otherwise one derived from ``url`` or the content
        (:func:`~newsnlp.parse.article.make_article_id`), stable across runs and machines.
    path : str, optional
        Where the article came from; stored in ``Article.path`` and used in messages.
    format : {"auto", "post", "page", "html", "markdown", "text"}
        Force a format instead of detecting it.
    encoding : str, optional
        Encoding to try first for bytes (otherwise BOM, UTF-8, ``<meta charset>``, detection).
    default_tz : str
        IANA zone for dates without one (Chinese press: ``"Asia/Shanghai"``).
    to_simplified : bool
        Convert Traditional Chinese to Simplified in title, text and author.
    max_bytes : int
        Largest input accepted (bytes, or characters for ``str`` input); default 20 MiB.
    proxy_prefixes : sequence of str
        Image proxy prefixes to strip from image URLs.
    name : str, optional
        How to refer to the input in error messages (default: ``path`` or a short description).

    Returns
    -------
    Article
        ``published_at`` is timezone-aware UTC (or None when the input has no date);
        ``paragraphs`` are non-empty and ``text`` is them joined by ``"\\n"``.

    Raises
    ------
    ParseError
        Empty, binary, oversized, unparseable or contentless input, front matter that is not
        YAML, a date that is not a date. The message names the input and what was wrong.
    EncodingError
        Bytes that decode in no supported encoding.
    InputTypeError
        ``raw`` of an unsupported type.
    """
    _resolve_options(format, default_tz, max_bytes, proxy_prefixes)
    if isinstance(raw, os.PathLike):
        path = path or os.fspath(raw)
        label = name or path
        try:
            size = os.path.getsize(raw)
            if size > max_bytes:
                raise ParseError(f"{label}: {size:,} bytes is more than max_bytes={max_bytes:,}.")
            with open(raw, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise ParseError(f"{label}: cannot be read ({type(exc).__name__}: {exc}).") from exc
    label = name or path or _describe_input(raw)
    if isinstance(raw, (bytes, bytearray)):
        if len(raw) > max_bytes:
            raise ParseError(f"{label}: {len(raw):,} bytes is more than max_bytes={max_bytes:,}.")
        text = decode_bytes(bytes(raw), encoding=encoding, name=label)
    elif isinstance(raw, str):
        if len(raw) > max_bytes:
            raise ParseError(
                f"{label}: {len(raw):,} characters is more than max_bytes={max_bytes:,}."
            )
        text = raw
    else:
        raise InputTypeError(
            f"parse_article takes a str, bytes or a path-like object; got {describe(raw)}. "
            "Use newsnlp.read_articles() for files, directories, globs and tables."
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise ParseError(f"{label}: is empty (no text to parse).")
    if _looks_binary(text):
        raise ParseError(f"{label}: contains NUL or control characters; looks binary, not text.")

    fmt = detect_format(text) if format == "auto" else format
    parts = _Parts()
    try:
        _parse_into(parts, text, fmt, label=label, base_url=url, proxy_prefixes=proxy_prefixes)
    except RecursionError as exc:
        raise ParseError(f"{label}: structure is nested too deeply to parse.") from exc

    # outside knowledge wins over what the article says
    if title is not None:
        parts.title = normalize_paragraph(title)
    if url:
        parts.url = url.strip()
    if author is not None:
        parts.author = _meta_str(author)
    if published_at is not None and not (
        isinstance(published_at, str) and not published_at.strip()
    ):
        parts.published = published_at
        parts.date_field = "published_at"

    _take_byline(parts)
    parts.title = _restore_title(parts.title, parts.paragraphs)
    _drop_title_repeats(parts)
    if not parts.title and fmt in ("text", "markdown") and len(parts.paragraphs) > 1:
        first = parts.paragraphs[0]
        if len(first) <= 80 and not first.endswith(("。", ".", "！", "？")):
            parts.title = parts.paragraphs.pop(0)

    if source is not None:
        parts.source = canonical_source(source)
    elif parts.source is None:
        parts.source = (
            source_from_dateline(parts.paragraphs[0]) if parts.paragraphs else None
        ) or (source_from_url(parts.url))
    else:
        parts.source = canonical_source(parts.source)
    if parts.author and known_source(parts.author) and known_source(parts.author) == parts.source:
        parts.author = None  # a publication name in the byline field is not an author

    if parts.source == "ZAKER":
        parts.paragraphs = [tidy_spaced_quotes(p) for p in parts.paragraphs]
        parts.title = tidy_spaced_quotes(parts.title)
    if to_simplified:
        parts.title = _t2s(parts.title)
        parts.paragraphs = [_t2s(p) for p in parts.paragraphs]
        parts.author = _t2s(parts.author) if parts.author else parts.author
        parts.categories = [_t2s(c) for c in parts.categories]

    if not parts.title and not parts.paragraphs:
        raise ParseError(f"{label}: no title and no article text found (format {fmt!r}).")

    published = None
    if parts.published is not None and parts.published != "":
        published = parse_date(
            parts.published, default_tz=default_tz, name=f"{label} ({parts.date_field})"
        )

    text_out = "\n".join(parts.paragraphs)
    aid = make_article_id(
        given=article_id or parts.given_id, url=parts.url, content=f"{parts.title}\n{text_out}"
    )
    return Article(
        id=aid,
        title=parts.title,
        text=text_out,
        paragraphs=tuple(parts.paragraphs),
        published_at=published,
        author=parts.author,
        source=parts.source,
        categories=tuple(parts.categories),
        url=parts.url,
        images=tuple(parts.images),
        path=path,
    )


def _describe_input(raw: object) -> str:
    if isinstance(raw, (bytes, bytearray)):
        return f"input ({len(raw)} bytes)"
    if isinstance(raw, str):
        head = normalize_chars(raw[:30]).replace("\n", " ").strip()
        return f"input {head!r}{'...' if len(raw) > 30 else ''} ({len(raw)} chars)"
    return "input"


def _parse_into(
    parts: _Parts,
    text: str,
    fmt: str,
    *,
    label: str,
    base_url: str | None,
    proxy_prefixes: Sequence[str],
) -> None:
    if fmt == "post":
        meta, body = split_front_matter(text, name=label)
        _from_front_matter(meta, parts)
        body_fmt, body = _body_format(body)
        _parse_body(
            parts,
            body,
            body_fmt,
            label=label,
            base_url=base_url or parts.url,
            proxy_prefixes=proxy_prefixes,
            in_post=True,
        )
    elif fmt == "page":
        from newsnlp.parse.page import parse_page

        page = parse_page(text, name=label, base_url=base_url, proxy_prefixes=proxy_prefixes)
        parts.title = page.title
        parts.paragraphs = list(page.paragraphs)
        parts.images = list(page.images)
        parts.published = page.published
        parts.date_field = "page date"
        parts.author = page.author
        parts.source = page.site_name
        parts.categories = list(page.categories)
        parts.url = page.url
    else:
        _parse_body(parts, text, fmt, label=label, base_url=base_url, proxy_prefixes=proxy_prefixes)


def _parse_body(
    parts: _Parts,
    body: str,
    fmt: str,
    *,
    label: str,
    base_url: str | None,
    proxy_prefixes: Sequence[str],
    in_post: bool = False,
) -> None:
    if fmt in ("html", "page"):
        cleaned = clean_html(body, base_url=base_url, proxy_prefixes=proxy_prefixes, name=label)
        parts.paragraphs = list(cleaned.paragraphs)
        parts.images = list(cleaned.images)
    elif fmt == "markdown":
        md = parse_markdown(body, title=parts.title or None)
        parts.paragraphs = list(md.paragraphs)
        parts.images = list(md.images)
        if md.title and not parts.title:
            parts.title = md.title
        if md.url and not parts.url:
            parts.url = md.url
    else:
        # a tagless Hexo body is still HTML-escaped text
        if "&" in body and re.search(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", body):
            body = html_lib.unescape(body)
        # feed items reach Hexo one line per paragraph; free text may be hard-wrapped
        parts.paragraphs = text_paragraphs(body, join_wrapped=not in_post)
