"""Character-level normalisation of extracted text.

What a reader sees, in a form a tokenizer can rely on:

- NBSP, the ideographic (full-width) space and the other Unicode spaces become ``" "``;
- zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are removed;
- full-width Latin letters and digits (``ＡＢＣ１２３``) are folded to ASCII, while Chinese
  punctuation (``，。：“”（）``) is kept as it is;
- runs of spaces collapse to one; a line break inside a paragraph is joined without a
  space when either neighbour is a CJK character (hard-wrapped Chinese), with one space
  otherwise (hard-wrapped English);
- optionally, Traditional Chinese is converted to Simplified (``opencc``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = [
    "CHARS_TO_NORMALIZE",
    "collapse_whitespace",
    "is_cjk",
    "normalize_chars",
    "normalize_paragraph",
    "to_simplified",
]

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c\r"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TABLE: dict[int, Any] = {ord(c): " " for c in _SPACES}
_TABLE.update({ord(c): None for c in _ZERO_WIDTH})
# full-width digits and Latin letters -> ASCII; punctuation in the same block is kept
for _lo, _hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
    for _cp in range(_lo, _hi + 1):
        _TABLE[_cp] = chr(_cp - 0xFEE0)

#: the characters :func:`normalize_chars` changes; text without any of them it returns as is
CHARS_TO_NORMALIZE = frozenset(chr(cp) for cp in _TABLE)

_SPACE_RUN = re.compile(r" {2,}")
_NEWLINE_RUN = re.compile(r" *\n[\s]*")


def is_cjk(ch: str) -> bool:
    """Return True for CJK ideographs, kana, hangul and CJK/full-width punctuation."""
    if not ch:
        return False
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
        or cp in (0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026)
    )


# translate() looks every character up in a dict; a C-level search first is much cheaper
# for the common case of text with nothing to change
_NEEDS_TRANSLATE = re.compile(
    "[" + re.escape(_SPACES + _ZERO_WIDTH) + "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)


def normalize_chars(text: str) -> str:
    """Map Unicode spaces to ``" "``, drop zero-width characters, fold full-width alphanumerics."""
    if _NEEDS_TRANSLATE.search(text) is None:
        return text
    return text.translate(_TABLE)


def _join_lines(match: re.Match[str]) -> str:
    s = match.string
    before = s[match.start() - 1] if match.start() > 0 else ""
    after = s[match.end()] if match.end() < len(s) else ""
    if not before or not after or is_cjk(before) or is_cjk(after):
        return ""
    return " "


def collapse_whitespace(text: str) -> str:
    """Join hard-wrapped lines (CJK-aware), collapse runs of spaces, strip the ends."""
    if "\n" in text:
        text = _NEWLINE_RUN.sub(_join_lines, text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def normalize_paragraph(text: str) -> str:
    """Return one paragraph as a reader sees it: characters normalised, whitespace collapsed."""
    # normalize_chars + collapse_whitespace written out: called once per paragraph, the two
    # extra function calls cost more than the checks themselves
    if _NEEDS_TRANSLATE.search(text) is not None:
        text = text.translate(_TABLE)
    if "\n" in text:
        text = _NEWLINE_RUN.sub(_join_lines, text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=1)
def _converter() -> Any:
    # opencc builds its dictionaries on construction; one read-only converter is reused
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese characters to Simplified (opencc ``t2s``)."""
    if not text:
        return text
    return str(_converter().convert(text))
