"""Bytes → text for Chinese news: UTF-8 (± BOM), UTF-16, GBK/GB2312/GB18030, Big5.

Order of evidence:

1. a byte-order mark;
2. the encoding the caller names (``encoding=``);
3. strict UTF-8 (most of the web, and it almost never decodes other text by accident);
4. a declared charset (``<meta charset>``, ``http-equiv``, an XML declaration) — GB2312
   and GBK are read as their superset GB18030, Big5 as Big5-HKSCS;
5. detection with ``charset-normalizer`` restricted to the Chinese encodings.

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

_CANDIDATES = ["utf_8", "gb18030", "big5hkscs", "utf_16"]


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
        if text is not None:
            return text
        logger.warning(
            "%s: declares charset %s but does not decode as it; detecting instead", name, declared
        )
    return _detect(data, name)


def _detect(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    results = from_bytes(data, cp_isolation=_CANDIDATES, steps=8, chunk_size=512)
    best = results.best()
    if best is not None:
        enc = _SUPERSET.get(best.encoding, best.encoding)
        text = _strict(data, enc)
        if text is not None and best.chaos < 0.3:
            logger.debug("%s: detected encoding %s (chaos %.2f)", name, enc, best.chaos)
            return text
    # GB18030 decodes almost any byte string, so only accept it when the result is mostly
    # CJK text rather than the mojibake of some other encoding
    for enc in ("gb18030", "big5hkscs"):
        text = _strict(data, enc)
        if text is not None and _plausible_chinese(text):
            logger.warning("%s: encoding not declared; decoded as %s", name, enc)
            return text
    raise EncodingError(
        f"{name}: could not decode the bytes as UTF-8, GB18030/GBK or Big5 without errors; "
        "pass encoding=... if you know it."
    )


def _plausible_chinese(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    common = sum(1 for ch in sample if 0x4E00 <= ord(ch) <= 0x9FFF)
    ascii_ = sum(1 for ch in sample if ord(ch) < 128)
    rare = len(sample) - common - ascii_
    return common > 0 and rare / len(sample) < 0.05
