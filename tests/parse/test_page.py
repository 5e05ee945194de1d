"""Full web pages: main content without site chrome, and metadata from the page."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsnlp.errors import ParseError
from newsnlp.parse.core import parse_article
from newsnlp.parse.page import parse_page

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "parse" / "pages"
CHROME = [
    "首页",
    "分享到",
    "相关阅读",
    "网友评论",
    "这个价格真香",
    "热门排行",
    "版权所有",
    "广告",
    "标签：",
]


def test_utf8_page_metadata_and_content() -> None:
    article = parse_article(PAGES / "ithome-twitter-outage-utf8.html")
    assert article.title == "(更新) Twitter 在全球遭遇宕机"
    assert article.published_at == datetime(2022, 7, 14, 12, 34, 31, tzinfo=timezone.utc)
    assert article.source == "IT之家"
    assert article.author == "远洋"
    assert article.url == "https://news.example.com/internet/2022/12345.html"
    assert article.images == ("https://img.ithome.com/newsuploadfiles/2022/7/twitter-down.jpg",)
    assert len(article.paragraphs) == 4
    for marker in CHROME:
        assert marker not in article.text


def test_gbk_page_takes_date_and_source_from_byline() -> None:
    article = parse_article(PAGES / "cnbeta-xiaomi-fund-gbk.html")
    assert article.published_at == datetime(2022, 7, 22, 13, 4, tzinfo=timezone.utc)
    assert article.source == "cnBeta"
    assert article.author == "雷锋网"
    assert article.title == "100亿，雷军新投资动作来了"
    for marker in CHROME:
        assert marker not in article.text


def test_json_ld_only_page_and_proxy_images() -> None:
    article = parse_article(PAGES / "zaker-leica-nocharset-gb18030.html")
    assert article.published_at == datetime(2022, 6, 28, 1, 50, tzinfo=timezone.utc)
    assert article.source == "ZAKER"
    assert article.images[0] == "http://zkres2.myzaker.com/202206/62babc248e9f0932f62dbfd6_1024.jpg"
    assert article.text.endswith("并不会送测 DXOMARK。")


def test_title_from_title_tag_without_site_suffix() -> None:
    html = (
        "<html><head><title>小米发布新机_手机频道_示例网</title></head><body><div class='content'>"
        + "<p>小米今天发布了新款手机，搭载骁龙 8 Gen 1 处理器，售价 3999 元起，首批现货明天开售。</p>"
        * 3
        + "</div></body></html>"
    )
    page = parse_page(html)
    assert page.title == "小米发布新机"
    assert page.paragraphs


def test_page_without_article_falls_back_to_density() -> None:
    html = "<html><body><div><p>短</p></div><table><tr><td><p>只有这一段正文。</p></td></tr></table></body></html>"
    article = parse_article(html)
    assert "只有这一段正文。" in article.text


def test_deep_page_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError, match="nested deeper"):
        parse_article("<!DOCTYPE html><html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000)
    assert time.perf_counter() - start < 5


def test_fifty_megabytes_is_refused_with_the_limit_named() -> None:
    big = b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p>"
    start = time.perf_counter()
    with pytest.raises(ParseError, match=r"more than max_bytes=20,971,520"):
        parse_article(big, name="huge.html")
    assert time.perf_counter() - start < 2


def test_truncated_post_still_parses_what_is_there() -> None:
    post = (PAGES.parent / "posts" / "zaker-01-leica-sample.md").read_text(encoding="utf-8")
    article = parse_article(post[:900])
    assert article.title == "雷军：是徕卡找的我们"
    assert article.paragraphs[0].startswith("随着小米 12S")
    with pytest.raises(ParseError, match="never closed"):
        parse_article(post[:200])
