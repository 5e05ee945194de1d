"""Markdown bodies (the xda corpus form)."""

from __future__ import annotations

from pathlib import Path

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


# --- parity with the line-by-line parser (tests/parse/_reference_markdown.py) ---------------
# parse_markdown cuts the text at empty lines, takes plain-prose lines and lone headings
# without the per-line loop, and decides per block whether inline stripping and character
# normalisation are needed; none of that may change what comes out.

_LINE_LEAD = st.sampled_from(["", "", "", " ", "   ", "    ", "\t", "\u3000", "\u00a0"])
_LINE_MARKER = st.sampled_from(
    ["", "", "", "", "# ", "## ", "###### ", "####### ", "#", "> ", ">> ", "> # ", "```", "~~~",
     "- ", "* ", "+ ", "*   ", "1. ", "１. ", "2) ", "| ", "---", "===", "***", "* * *", "- - -",
     "[ref]: http://a.com/x", "[段落 _ 左侧]", ":"]
)  # fmt: skip
_LINE_WORDS = st.sampled_from(
    ["中文正文", "word", "Galaxy S22 Ultra", "骁龙 8 Gen 1", "a|b", "|", "**粗体**", "*斜*", "_下划_",
     "snake_case", "`code`", "~~删~~", "[链接](https://x.com/a_b)", "![图](img/a.png)", "<b>", "</b>",
     "<img src=\"img/b.png\">", "<https://x.com>", "&amp;", "&#8203;", "&nbsp;", "\\*", "  ", " ",
     "\u3000", "\u200b", "ＡＢＣ１２３", "#", " ##", "原文：<https://www.xda-developers.com/x/>",
     "感谢IT之家网友小明的线索投递！", "本文来自微信公众号“某某”，36氪经授权发布。", "- THE END -",
     "神译局是36氪旗下编译团队，关注科技。", "转载请注明出处：快科技", "作者 | 陈法善", "。", "！"]
)  # fmt: skip
_LINE = st.builds(
    lambda lead, marker, words: lead + marker + "".join(words),
    _LINE_LEAD, _LINE_MARKER, st.lists(_LINE_WORDS, max_size=5),
)  # fmt: skip
_LINE_BREAK = st.sampled_from(["\n", "\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\r\n", "\r\n\r\n"])
_MARKDOWN_DOC = st.lists(st.tuples(_LINE, _LINE_BREAK), max_size=14).map(
    lambda pairs: "".join(line + brk for line, brk in pairs)
)


@given(
    _MARKDOWN_DOC,
    st.sampled_from([None, "", "中文正文", "word", "Galaxy S22 Ultra", "粗体"]),
    st.sampled_from(["", "\n", "\n\n", " "]),
)
@settings(max_examples=600, deadline=None)
def test_parse_markdown_gives_what_the_line_by_line_parser_gives(
    md: str, title: str | None, tail: str
) -> None:
    from ._reference_markdown import parse_markdown as reference

    expected = reference(md + tail, title=title)
    got = parse_markdown(md + tail, title=title)
    assert (got.paragraphs, got.images, got.title, got.url) == (
        expected.paragraphs, expected.images, expected.title, expected.url,
    )  # fmt: skip


@given(st.lists(_LINE_WORDS, max_size=8).map("".join))
@settings(max_examples=300, deadline=None)
def test_inline_markdown_gives_what_the_line_by_line_parser_gives(text: str) -> None:
    from ._reference_markdown import inline_markdown as reference

    images: list[str] = []
    expected_images: list[str] = []
    assert inline_markdown(text, images) == reference(text, expected_images)
    assert images == expected_images


@given(
    st.text(alphabet=st.sampled_from([*"# \t\u3000x中#", "\u00a0", "\u2003"]), max_size=14)
)
@settings(max_examples=400, deadline=None)
def test_atx_heading_text_matches_the_lazy_heading_pattern(line: str) -> None:
    import re

    from newsnlp.parse.markdown import _HEADING, _heading_text

    lazy = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$").match(line)
    marker = _HEADING.match(line)
    assert (marker is None) == (lazy is None)
    if marker is not None and lazy is not None:
        assert _heading_text(line, marker.end()) == lazy.group(2)
        assert marker.group(1) == lazy.group(1)


@pytest.mark.parametrize(
    ("md", "paragraphs"),
    [
        # plain lines: spaces collapsed, ends stripped; a leading NBSP/ideographic space or a
        # full-width digit is normalised, not kept
        ("  两个  空格  之间  ", ("两个 空格 之间",)),
        ("\u3000全角空格开头，数字１２３", ("全角空格开头，数字123",)),
        ("正文\u00a0有\u200b不换行空格", ("正文 有不换行空格",)),
        # a lone heading and the same heading inside a chunk give the same text
        ("正文\n\n## 小标题 ##\n\n结尾", ("正文", "小标题", "结尾")),
        ("正文\n## 小标题 ##\n结尾", ("正文", "小标题", "结尾")),
        ("#不是标题\n\n####### 也不是", ("#不是标题", "####### 也不是")),
        # fences span empty lines; what is inside stays code
        ("前文\n\n```\n代码 **不变**\n\n# 不是标题\n```\n\n后文", ("前文", "代码 **不变**", "# 不是标题", "后文")),
        # three or more newlines, CRLF
        ("一\n\n\n\n二\r\n\r\n三", ("一", "二", "三")),
        # entities may make characters that need normalising
        ("空格&nbsp;实体&#12288;和全角&#65297;", ("空格 实体 和全角1",)),
    ],
)
def test_plain_lines_and_lone_headings_match_the_general_path(
    md: str, paragraphs: tuple[str, ...]
) -> None:
    from ._reference_markdown import parse_markdown as reference

    assert parse_markdown(md).paragraphs == paragraphs
    assert reference(md).paragraphs == paragraphs


@pytest.mark.slow
def test_xda_corpus_parses_as_the_line_by_line_parser_does(corpus_dir: Path) -> None:
    import gzip
    import json

    from ._reference_markdown import parse_markdown as reference

    path = corpus_dir / "xda-zh.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} not present")
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for title in (row["title"], None):
                got = parse_markdown(row["markdown"], title=title)
                want = reference(row["markdown"], title=title)
                assert (got.paragraphs, got.images, got.title, got.url) == (
                    want.paragraphs, want.images, want.title, want.url,
                ), row["id"]  # fmt: skip
            n += 1
    assert n >= 7000
