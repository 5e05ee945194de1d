"""Markdown bodies → paragraphs, images and (if present) the title and source URL.

Made for article Markdown such as the XDA corpus (``# title``, a ``> 原文：<url>`` line,
images, links, emphasis, lists, tables, code): a reader's text, not a renderer.

- a leading ``# heading`` is the title (dropped from the body when it repeats it);
- ``> 原文：<url>`` / ``> 原文: url`` (the original article) becomes the URL, not text;
- images are collected in order and removed; links keep their text; emphasis, inline code
  and strikethrough markers are removed; inline HTML tags are removed;
- headings, list items, table rows and code lines are paragraphs of their own; other
  consecutive lines form one paragraph (hard wraps joined, CJK-aware).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from newsnlp.parse.normalize import normalize_paragraph
from newsnlp.parse.sites import is_boilerplate_paragraph

__all__ = ["ParsedMarkdown", "inline_markdown", "parse_markdown"]


@dataclass(frozen=True, slots=True)
class ParsedMarkdown:
    """Paragraphs, image URLs, and the title / original URL found in the Markdown."""

    paragraphs: tuple[str, ...]
    images: tuple[str, ...]
    title: str | None
    url: str | None


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ORIGINAL = re.compile(
    r"^\s*(?:原文|原文链接|来源|Source|Original)\s*[：:]\s*<?(https?://[^\s>]+)>?\s*$", re.I
)

_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_IMAGE = re.compile(r"!\[[^\]]*\]\[[^\]]*\]")
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.I)
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|[^>\s@]+@[^>\s@]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(.*?)\1")
_EM_STAR = re.compile(r"(?<![*\\])\*(?![\s*])(.+?)(?<![\s\\*])\*(?!\*)")
_EM_UNDER = re.compile(r"(?<![\w\\])_(?![\s_])(.+?)(?<![\s\\_])_(?!\w)")
_STRIKE = re.compile(r"~~(.*?)~~")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")


def inline_markdown(text: str, images: list[str] | None = None) -> str:
    """Strip inline Markdown from one paragraph; image URLs are appended to ``images``."""
    # each substitution runs only when its trigger character is present: most
    # paragraphs are plain prose and skip nearly all of them
    if images is not None:
        if "![" in text:
            images.extend(m.group(1) for m in _IMAGE.finditer(text))
        if "<img" in text or "<IMG" in text:
            images.extend(m.group(1) for m in _HTML_IMG.finditer(text))
    if "![" in text:
        text = _IMAGE.sub("", text)
        text = _REF_IMAGE.sub("", text)
    codes: list[str] = []
    if "`" in text:

        def keep_code(m: re.Match[str]) -> str:
            codes.append(m.group(1))
            return f"\x00{len(codes) - 1}\x00"

        text = _CODE.sub(keep_code, text)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text:
        for _ in range(2):  # nested emphasis: ***x*** and **_x_**
            text = _STRONG.sub(r"\2", text)
            text = _EM_STAR.sub(r"\1", text)
            text = _EM_UNDER.sub(r"\1", text)
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if codes:
        text = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)
    if "&" in text:
        text = html_lib.unescape(text)
    return text


def parse_markdown(markdown: str, *, title: str | None = None) -> ParsedMarkdown:
    """Parse a Markdown article body.

    Parameters
    ----------
    markdown : str
        The Markdown text.
    title : str, optional
        The title known from elsewhere; a leading heading equal to it is dropped.

    Returns
    -------
    ParsedMarkdown
        ``paragraphs`` (normalised, non-empty), ``images`` (in order, unique), the ``title``
        from the first level-1 heading (when ``title`` was not given) and the original
        ``url`` from a ``> 原文：<url>`` line.
    """
    blocks: list[tuple[str, str]] = []  # (kind, raw text)
    current: list[str] = []
    found_title: str | None = None
    url: str | None = None
    in_fence = False

    def close() -> None:
        if current:
            blocks.append(("para", "\n".join(current)))
            current.clear()

    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _FENCE.match(line):
            close()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                blocks.append(("code", line.strip()))
            continue
        if not line.strip():
            close()
            continue
        quote = _QUOTE.match(line)
        if quote:
            line = line[quote.end() :]
            while _QUOTE.match(line):
                line = line[_QUOTE.match(line).end() :]  # type: ignore[union-attr]
            original = _ORIGINAL.match(line)
            if original:
                close()
                url = url or original.group(1)
                continue
            if not line.strip():
                close()
                continue
        heading = _HEADING.match(line)
        if heading:
            close()
            level = len(heading.group(1))
            if level == 1 and found_title is None and not blocks:
                found_title = heading.group(2)
                continue
            blocks.append(("heading", heading.group(2)))
            continue
        if _RULE.match(line) and not current:
            continue
        if current and _SETEXT.match(line):
            text = "\n".join(current)
            current.clear()
            if line.strip().startswith("=") and found_title is None and not blocks:
                found_title = text
            else:
                blocks.append(("heading", text))
            continue
        if (_TABLE_SEP.match(line) and "|" in line) or _REF_DEF.match(line):
            continue
        if line.lstrip().startswith("|") or (
            line.count("|") >= 2 and current and "|" in current[-1]
        ):
            close()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            blocks.append(("row", " ".join(c for c in cells if c)))
            continue
        item = _ITEM.match(line)
        if item:
            close()
            rest = line[item.end() :]
            nested = _HEADING.match(rest)
            if nested:
                blocks.append(("heading", nested.group(2)))
            else:
                current.append(rest)
            continue
        current.append(line)
    close()

    images: list[str] = []
    paragraphs: list[str] = []
    title_text = None
    if found_title is not None:
        title_text = normalize_paragraph(inline_markdown(found_title, images))
    if title is None and title_text:
        title = title_text
    elif title and title_text and title_text.replace(" ", "") != title.replace(" ", ""):
        paragraphs.append(title_text)  # a heading that is not the known title is content
    for kind, raw in blocks:
        text = raw if kind == "code" else inline_markdown(raw, images)
        para = normalize_paragraph(text)
        if not para or is_boilerplate_paragraph(para):
            continue
        if (
            kind == "heading"
            and title
            and para.replace(" ", "") == title.replace(" ", "")
            and not paragraphs
        ):
            continue
        paragraphs.append(para)
    unique = list(dict.fromkeys(images))
    return ParsedMarkdown(
        tuple(paragraphs), tuple(unique), title_text if found_title else None, url
    )
