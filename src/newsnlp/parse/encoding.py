"""Bytes → text for Chinese news: UTF-8 (± BOM), UTF-16, GBK/GB2312/GB18030, Big5.

Order of evidence:

1. a byte-order mark;
2. the encoding the caller names (``encoding=``);
3. strict UTF-8 (most of the web, and it almost never decodes other text by accident);
4. a declared charset (``<meta charset>``, ``http-equiv``, an XML declaration) — GB2312
   and GBK are read as their superset GB18030, Big5 as Big5-HKSCS;
5. GB18030 or Big5, whichever decodes into everyday Chinese characters (text decoded
   with the wrong legacy encoding turns into rare ideographs), then ``charset-normalizer``
   for anything else.

A declared legacy Chinese charset is checked the same way, because GBK bytes often
decode "successfully" as Big5 and vice versa.

Nothing is decoded with replacement characters behind the caller's back: if no
encoding decodes the bytes cleanly, :class:`~newsnlp.errors.EncodingError` says so.
A declared charset that turns out wrong is logged as a warning naming the input.
"""

from __future__ import annotations

import codecs
import logging
import re

from newsnlp.errors import EncodingError, ParseError

__all__ = ["declared_charset", "decode_bytes", "looks_binary"]

logger = logging.getLogger(__name__)

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.IGNORECASE,
)

# what a declared label is decoded as: supersets, so that real-world pages labelled
# gb2312 but using GBK/GB18030 characters still decode
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
}


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML/XML document declares in its first 4 KB, if any."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "ignore").strip().lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        logger.warning("ignoring unknown declared charset %r", label)
        return None
    return _SUPERSET.get(label, _SUPERSET.get(name, name))


def looks_binary(data: bytes) -> bool:
    """Return True when ``data`` is not text: NUL bytes (outside UTF-16) or many control bytes."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, *, encoding: str | None = None, name: str = "input") -> str:
    """Decode ``data`` to text, choosing the encoding as described in the module docstring.

    Parameters
    ----------
    data : bytes
        The raw input.
    encoding : str, optional
        An encoding to try first (after a BOM).
    name : str
        What the bytes are (a path or a short description), for messages.

    Returns
    -------
    str
        The text, without a BOM.

    Raises
    ------
    EncodingError
        If no supported encoding decodes the bytes without errors.
    ParseError
        If the bytes are binary (not text at all).
    """
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8")
        if text is None:
            raise EncodingError(
                f"{name}: starts with a UTF-8 byte-order mark but is not valid UTF-8."
            )
        return text
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = _strict(data[2:], enc)
            if text is None:
                raise EncodingError(
                    f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16."
                )
            return text
    if looks_binary(data):
        raise ParseError(f"{name}: looks like binary data (NUL or control bytes), not text.")
    if encoding:
        label = encoding.strip().lower()
        text = _strict(data, _SUPERSET.get(label, label))
        if text is not None:
            return text
        logger.warning(
            "%s: not valid %s as the caller said; detecting the encoding instead", name, encoding
        )
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    declared = declared_charset(data)
    if declared:
        text = _strict(data, declared)
        if text is not None and (declared not in _CJK or _commonness(text) >= _PLAUSIBLE):
            return text
        if text is None:
            logger.warning(
                "%s: declares charset %s but does not decode as it; detecting instead",
                name,
                declared,
            )
        else:
            logger.warning(
                "%s: declares charset %s but the text decoded with it is mostly rare characters "
                "(mis-declared?); detecting instead",
                name,
                declared,
            )
    return _detect(data, name)


#: legacy Chinese encodings, checked for plausibility because they decode almost anything
_CJK = ("gb18030", "big5hkscs", "gbk", "gb2312", "big5", "hz")
_PLAUSIBLE = 0.8


def _is_common_hanzi(ch: str) -> bool:
    """True for the ~3,755 GB2312 level-1 and ~5,401 Big5 frequent characters."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        if len(b) == 2 and 0xA4 <= b[0] <= 0xC6:
            return True
    except UnicodeEncodeError:
        pass
    return False


def _commonness(text: str) -> float:
    """Share of CJK-looking characters that are everyday hanzi (1.0 when there are none).

    Text decoded with the wrong legacy encoding turns into rare ideographs, bopomofo and
    small-form punctuation; real Chinese news is almost entirely everyday characters.
    """
    han = [
        ch
        for ch in text[:5000]
        if "\u4e00" <= ch <= "\u9fff"
        or "\u3100" <= ch <= "\u312f"
        or "\u3400" <= ch <= "\u4dbf"
        or "\ufe30" <= ch <= "\ufe6f"
        or "\ue000" <= ch <= "\uf8ff"
    ]
    if not han:
        return 1.0
    return sum(1 for ch in han if _is_common_hanzi(ch)) / len(han)


def _detect(data: bytes, name: str) -> str:
    best_text, best_enc, best_score = None, "", 0.0
    for enc in ("gb18030", "big5hkscs"):
        text = _strict(data, enc)
        if text is None:
            continue
        score = _commonness(text)
        if score > best_score:
            best_text, best_enc, best_score = text, enc, score
    if best_text is not None and best_score >= _PLAUSIBLE:
        logger.info("%s: encoding not declared; decoded as %s", name, best_enc)
        return best_text
    from charset_normalizer import from_bytes

    best = from_bytes(data, steps=8, chunk_size=512).best()
    if best is not None and best.chaos < 0.2:
        enc = _SUPERSET.get(best.encoding, best.encoding)
        text = _strict(data, enc)
        if text is not None and (enc not in _CJK or _commonness(text) >= _PLAUSIBLE):
            logger.warning("%s: encoding not declared; charset-normalizer chose %s", name, enc)
            return text
    raise EncodingError(
        f"{name}: could not decode the bytes as UTF-8, GB18030/GBK or Big5 (or another "
        "encoding charset-normalizer recognises) without errors or mojibake; pass "
        "encoding=... if you know it."
    )
