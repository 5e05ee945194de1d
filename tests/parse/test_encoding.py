"""Bytes → text: BOMs, declared charsets, GBK/GB18030/Big5 detection, refusing garbage."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from newsnlp.errors import EncodingError, ParseError
from newsnlp.parse.core import parse_article
from newsnlp.parse.encoding import declared_charset, decode_bytes, looks_binary

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "parse" / "pages"
TEXT = "雷军：是徕卡找的我们。小米 12S Ultra 有徕卡影像技术加持，但并不会送测 DXOMARK。"
TRAD = "雷軍：是徠卡找的我們。小米 12S Ultra 有徠卡影像技術加持，但並不會送測 DXOMARK。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
    ],
)
def test_simplified_encodings_decode_exactly(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_big5_without_declaration_decodes_exactly() -> None:
    text = (TRAD + "\n") * 3
    assert decode_bytes(text.encode("big5")) == text


def test_declared_charset_is_honoured_and_mapped_to_superset() -> None:
    html = f'<html><head><meta charset="gb2312"></head><body><p>{TEXT}</p></body></html>'
    data = html.encode("gb18030")
    assert declared_charset(data) == "gb18030"
    assert decode_bytes(data) == html
    old = b'<meta http-equiv="Content-Type" content="text/html; charset=big5">'
    assert declared_charset(old) == "big5hkscs"


def test_wrong_declared_charset_is_not_silent(caplog: pytest.LogCaptureFixture) -> None:
    html = f'<meta charset="big5"><p>{TEXT}</p>'.encode("gbk")
    with caplog.at_level(logging.WARNING, logger="newsnlp.parse.encoding"):
        text = decode_bytes(html, name="page.html")
    assert TEXT in text
    assert "page.html" in caplog.text and "big5" in caplog.text


def test_caller_encoding_is_tried_first() -> None:
    data = TEXT.encode("gbk")
    assert decode_bytes(data, encoding="GBK") == TEXT


def test_garbage_bytes_raise_encoding_error_naming_input() -> None:
    with pytest.raises(EncodingError, match=r"^feed\.xml: could not decode"):
        decode_bytes(bytes(range(0x80, 0x100)) * 8, name="feed.xml")
    with pytest.raises(EncodingError, match="UTF-8 byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_binary_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    assert looks_binary(png)
    with pytest.raises(ParseError, match="binary"):
        decode_bytes(png, name="photo.png")


def test_truncated_multibyte_sequence_still_decodes_or_raises() -> None:
    data = TEXT.encode("utf-8")[:-1]  # cut inside the last character
    try:
        text = decode_bytes(data)
    except EncodingError:
        return
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("name", "title", "first"),
    [
        ("cnbeta-xiaomi-fund-gbk.html", "100亿，雷军新投资动作来了", "国内半导体巨头北京兆易创新"),
        (
            "mydrivers-tesla-winter-big5.html",
            "-10°C街頭車主實測特斯拉續航 表顯里程打6.2折",
            "冬季電動車的續航",
        ),
        (
            "zaker-leica-nocharset-gb18030.html",
            "雷军：是徕卡找的我们",
            "随着小米 12S 系列产品的正式官宣",
        ),
    ],
)
def test_encoded_pages_parse(name: str, title: str, first: str) -> None:
    article = parse_article(PAGES / name)
    assert article.title == title
    assert article.paragraphs[0].startswith(first)


def test_big5_page_to_simplified() -> None:
    article = parse_article(PAGES / "mydrivers-tesla-winter-big5.html", to_simplified=True)
    assert article.title == "-10°C街头车主实测特斯拉续航 表显里程打6.2折"
    assert article.paragraphs[0].startswith("冬季电动车的续航")
