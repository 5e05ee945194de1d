"""Markdown bodies (the xda corpus form)."""

from __future__ import annotations

from newsnlp.parse.core import parse_article
from newsnlp.parse.markdown import inline_markdown, parse_markdown

XDA_LIKE = """# 宏碁新推出的 TravelMate P2 笔记本电脑

> 原文：<https://www.xda-developers.com/acer-travelmate-p2-amd-ryzen-pro/>

宏碁宣布推出**两款新的** Travelmate P2 系列笔记本电脑，详见[官方新闻稿](https://acer.com/x)。
它们采用 AMD 最新的锐龙 PRO 移动处理器。

 <picture>![The Acer TravelMate P2](img/32ad778c47e45f421948aa5d29819975.png)</picture>

## **规格**

* 内存：8GB
* 存储：`256GB` SSD

| 型号 | 价格 |
|---|---|
| P214 | 749.99 美元 |

```
adb shell pm list packages
```
"""


def test_xda_markdown() -> None:
    md = parse_markdown(XDA_LIKE)
    assert md.title == "宏碁新推出的 TravelMate P2 笔记本电脑"
    assert md.url == "https://www.xda-developers.com/acer-travelmate-p2-amd-ryzen-pro/"
    assert md.images == ("img/32ad778c47e45f421948aa5d29819975.png",)
    assert md.paragraphs == (
        "宏碁宣布推出两款新的 Travelmate P2 系列笔记本电脑，详见官方新闻稿。它们采用 AMD 最新的锐龙 PRO 移动处理器。",
        "规格",
        "内存：8GB",
        "存储：256GB SSD",
        "型号 价格",
        "P214 749.99 美元",
        "adb shell pm list packages",
    )


def test_known_title_heading_is_dropped_and_url_kept() -> None:
    article = parse_article(XDA_LIKE, title="宏碁新推出的 TravelMate P2 笔记本电脑")
    assert not article.text.startswith("宏碁新推出的")
    assert article.url.startswith("https://www.xda-developers.com/")
    assert article.source == "XDA Developers"


def test_inline_markup() -> None:
    assert (
        inline_markdown("**粗** *斜* _下划_ ~~删~~ `code` [链接](http://x) <b>标签</b>")
        == "粗 斜 下划 删 code 链接 标签"
    )
    assert inline_markdown("snake_case_name 和 2 * 3 * 4") == "snake_case_name 和 2 * 3 * 4"
