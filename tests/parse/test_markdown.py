"""Markdown bodies (the xda corpus form)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.parse.core import detect_format, parse_article
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


# --- the fast paths: each block pattern is tried only for lines starting with its marker ---


def test_block_markers_inside_a_blockquote_still_apply() -> None:
    md = "> ## 小标题\n>\n> - 第一项\n> 1. 第二项\n> | 甲 | 乙 |\n\n正文。"
    assert parse_markdown(md).paragraphs == ("小标题", "第一项", "第二项", "甲 乙", "正文。")


def test_list_items_with_unicode_digits_and_nested_headings() -> None:
    # ``\d`` is any Unicode decimal digit: full-width and Arabic-Indic numbers are items too
    md = "１. 全角编号\n٣) 阿拉伯编号\n- ## 列表里的标题\n2 * 3 = 6 不是列表"
    assert parse_markdown(md).paragraphs == (
        "全角编号",
        "阿拉伯编号",
        "列表里的标题",
        "2 * 3 = 6 不是列表",
    )


def test_setext_headings_rules_and_pipes_inside_prose() -> None:
    md = "大标题\n===\n\n段落一\n第二行\n---\n\n***\n\n价格 a|b 不是表格\n\n| x | y |\n|:--|--:|\n| 1 | 2 |"
    parsed = parse_markdown(md)
    assert parsed.title == "大标题"
    assert parsed.paragraphs == ("段落一第二行", "价格 a|b 不是表格", "x y", "1 2")


def test_fenced_code_keeps_marker_lines_and_skips_blank_ones() -> None:
    md = "前文\n```\n# 不是标题\n\n> 不是引用\n| 1 |\n```\n后文\r\n"
    assert parse_markdown(md).paragraphs == ("前文", "# 不是标题", "> 不是引用", "| 1 |", "后文")


_MD_PIECES = st.sampled_from(
    ["# ", "## ", "> ", "```", "- ", "1. ", "１. ", "|", "---", "===", "**", "*", "_", "`",
     "[a](b)", "![i](img/x.png)", "<b>", "&amp;", "\\", "\n", "\n\n", "  ", "\u3000", "中文",
     "word", "原文：<https://x.com/a>", "\u200b", "\r\n"]
)  # fmt: skip


@given(st.lists(_MD_PIECES, max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_markdown_gives_normalised_paragraphs(md: str) -> None:
    parsed = parse_markdown(md)
    for para in parsed.paragraphs:
        assert para and para == para.strip()
        assert "\n" not in para and "  " not in para and "\u3000" not in para


@pytest.mark.parametrize(
    "text",
    [
        "# 标题\n\n> 原文：<https://x.com/a>\n\n正文 <picture>![a](img/a.png)</picture>",
        "正文第一段\n\n## 小标题\n\n<div>嵌入的 HTML</div>\n\n[链接](https://x.com/)",
        "> 引用里有 <b>标签</b>\n\n```\n<div>代码</div>\n```",
    ],
)
def test_markdown_with_embedded_html_is_detected_as_markdown(text: str) -> None:
    assert detect_format(text) == "markdown"


def test_markdown_reaches_parse_article_as_markdown_not_text() -> None:
    article = parse_article("# 标题\n\n正文 <b>加粗</b> 和 **强调**。\n\n## 小节\n\n结尾。")
    assert article.title == "标题"
    assert article.paragraphs == ("正文 加粗 和 强调。", "小节", "结尾。")
