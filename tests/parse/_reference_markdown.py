"""The Markdown parser as it was before its fast paths (newsnlp commit 084c577), an oracle.

``tests/parse/test_markdown_parity.py`` checks that :func:`newsnlp.parse.markdown.parse_markdown`
gives exactly what this line-by-line version gives, on generated Markdown. It also holds the
boilerplate test of that commit (one regex match per paragraph, no first-character set).
Test code only: keep it as it is unless the parser's output is meant to change.
"""

from __future__ import annotations

import html as html_lib
import operator
import re
from dataclasses import dataclass

from newsnlp.parse.normalize import normalize_paragraph
from newsnlp.parse.sites import _BOILERPLATE_ANYWHERE, _BOILERPLATE_START


def is_boilerplate_paragraph(paragraph: str) -> bool:
    if len(paragraph) > 400:
        return False
    if _BOILERPLATE_START.match(paragraph) is not None:
        return True
    for key, rx in _BOILERPLATE_ANYWHERE:
        if key in paragraph and rx.search(paragraph) is not None:
            return True
    return False


@dataclass(frozen=True, slots=True)
class ParsedMarkdown:
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
# the "not after * or \\" lookbehinds are written after the opening marker (looking back
# over it) so that each pattern starts with a literal, which the regex engine scans for
# quickly instead of trying every position (3-4x faster, the same matches)
_EM_STAR = re.compile(r"\*(?<![*\\]\*)(?![\s*])(.+?)(?<![\s\\*])\*(?!\*)")
_EM_UNDER = re.compile(r"_(?<![\w\\]_)(?![\s_])(.+?)(?<![\s\\_])_(?!\w)")
_STRIKE = re.compile(r"~~(.*?)~~")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
# the first non-space character of every line a block pattern above can match
# (``\d`` is any Unicode decimal digit: checked with ``str.isdecimal``)
_BLOCK_START = frozenset("`~>#=-*_+|:[")
# a paragraph without any of these characters has no inline Markdown to strip
_INLINE_MARKUP = re.compile(r"[\[`<*_~\\&]")
_CODE_SLOT = re.compile(r"\x00(\d+)\x00")
# substitution callables instead of ``r"\1"`` templates (no template expansion per match)
_GROUP1 = operator.itemgetter(1)
_GROUP2 = operator.itemgetter(2)


def inline_markdown(text: str, images: list[str] | None = None) -> str:
    """Strip inline Markdown from one paragraph; image URLs are appended to ``images``."""
    # each substitution runs only when the text it needs is present: most paragraphs are
    # plain prose and skip nearly all of them
    if images is not None:
        if "![" in text:
            images.extend(m.group(1) for m in _IMAGE.finditer(text))
        if "<img" in text or "<IMG" in text:
            images.extend(m.group(1) for m in _HTML_IMG.finditer(text))
    if "![" in text:
        text = _IMAGE.sub("", text)
        if "![" in text and "][" in text:
            text = _REF_IMAGE.sub("", text)
    codes: list[str] = []
    if "`" in text:

        def keep_code(m: re.Match[str]) -> str:
            codes.append(m.group(1))
            return f"\x00{len(codes) - 1}\x00"

        text = _CODE.sub(keep_code, text)
    if "[" in text:
        if "](" in text:
            text = _LINK.sub(_GROUP1, text)
        if "][" in text:
            text = _REF_LINK.sub(_GROUP1, text)
    if "<" in text:
        text = _AUTOLINK.sub(_GROUP1, text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text:
        for _ in range(2):  # nested emphasis: ***x*** and **_x_**
            before = text
            if "**" in text or "__" in text:
                text = _STRONG.sub(_GROUP2, text)
            if "*" in text:
                text = _EM_STAR.sub(_GROUP1, text)
            if "_" in text:
                text = _EM_UNDER.sub(_GROUP1, text)
            if text == before:  # a second pass over the same text changes nothing either
                break
    if "~~" in text:
        text = _STRIKE.sub(_GROUP1, text)
    if "\\" in text:
        text = _ESCAPE.sub(_GROUP1, text)
    if codes:
        text = _CODE_SLOT.sub(lambda m: codes[int(m.group(1))], text)
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

    if "\r" in markdown:
        markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    for line in markdown.split("\n"):
        stripped = line.strip() if line else line
        if not stripped:
            if current:  # inside a fence ``current`` is empty
                blocks.append(("para", "\n".join(current)))
                current.clear()
            continue
        first = stripped[0]
        if in_fence:
            if first in "`~" and _FENCE.match(line):
                in_fence = False
            else:
                blocks.append(("code", stripped))
            continue
        # fast path: a line that starts with no block marker and has no table pipe is
        # paragraph text; none of the block patterns below can match it. Below, each
        # pattern is tried only when the line starts with a character it can match.
        if first not in _BLOCK_START and "|" not in line and not first.isdecimal():
            current.append(line)
            continue
        if first in "`~" and _FENCE.match(line):
            close()
            in_fence = True
            continue
        if first == ">":
            quote = _QUOTE.match(line)
            if quote:
                line = line[quote.end() :]
                while quote := _QUOTE.match(line):
                    line = line[quote.end() :]
                original = _ORIGINAL.match(line)
                if original:
                    close()
                    url = url or original.group(1)
                    continue
                stripped = line.strip()
                if not stripped:
                    close()
                    continue
                first = stripped[0]
        if first == "#":
            heading = _HEADING.match(line)
            if heading:
                close()
                level = len(heading.group(1))
                if level == 1 and found_title is None and not blocks:
                    found_title = heading.group(2)
                    continue
                blocks.append(("heading", heading.group(2)))
                continue
        if first in "-*_" and not current and _RULE.match(line):
            continue
        if current and first in "=-" and _SETEXT.match(line):
            text = "\n".join(current)
            current.clear()
            if first == "=" and found_title is None and not blocks:
                found_title = text
            else:
                blocks.append(("heading", text))
            continue
        if "|" in line and _TABLE_SEP.match(line):
            continue
        if first == "[" and _REF_DEF.match(line):
            continue
        if first == "|" or (line.count("|") >= 2 and current and "|" in current[-1]):
            close()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            blocks.append(("row", " ".join(c for c in cells if c)))
            continue
        if first in "-*+" or first.isdecimal():
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
        if kind == "code" or _INLINE_MARKUP.search(raw) is None:
            para = normalize_paragraph(raw)
        else:
            para = normalize_paragraph(inline_markdown(raw, images))
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
