"""The lxml cleaner: paragraphs as a reader sees them, images in order, boilerplate gone."""

from __future__ import annotations

import time

import pytest

from newsnlp.errors import ParseError
from newsnlp.parse.html import clean_html


def paras(html: str) -> tuple[str, ...]:
    return clean_html(html).paragraphs


def test_inline_elements_join_without_separator() -> None:
    assert paras('<p>2021 年小米发布了 <a href="x">Redmi</a>Book Pro 15</p>') == (
        "2021 年小米发布了 RedmiBook Pro 15",
    )
    assert paras("<p>北京<a>小米</a>智造股权投资基金</p>") == ("北京小米智造股权投资基金",)


def test_blocks_and_br_break_paragraphs_text_outside_p_is_kept_in_order() -> None:
    html = '<div>导语第一句<br>第二行<p>段落一</p><div class="img_box"><img data-original="http://a/1.jpg"></div>图后文字<p>段落二</p></div>'
    assert paras(html) == ("导语第一句", "第二行", "段落一", "图后文字", "段落二")


def test_hard_wrapped_lines_are_joined() -> None:
    html = "<div>微软为其分配了跟踪ID\nCVE-2022-30190。这是第二\n句话。Hello\nworld<br></div>"
    assert paras(html) == ("微软为其分配了跟踪ID CVE-2022-30190。这是第二句话。Hello world",)


def test_entities_raw_lt_and_bare_ampersand_survive() -> None:
    html = "<p>Munro & Associates 说 a < b，&lt;DistroName&gt; &#123;x&#125; &amp; 3&nbsp;GB</p>"
    assert paras(html) == ("Munro & Associates 说 a < b，<DistroName> {x} & 3 GB",)


def test_images_prefer_lazy_attribute_strip_proxy_and_keep_order() -> None:
    html = (
        '<p><img src="https://cors.zfour.workers.dev/?http://a/lazy.jpg" data-original="http://a/1.jpg"></p>'
        '<figure><img src="https://cors.zfour.workers.dev/?http://a/2.jpg"><figcaption>图注</figcaption></figure>'
        '<p><img src="data:image/gif;base64,AAAA" data-src="/rel/3.jpg"></p>'
        '<p><img src="http://a/1.jpg"></p>'
    )
    cleaned = clean_html(html, base_url="https://site.example/news/1.html")
    assert cleaned.images == ("http://a/1.jpg", "http://a/2.jpg", "https://site.example/rel/3.jpg")
    assert cleaned.paragraphs == ()


@pytest.mark.parametrize(
    "html",
    [
        '<div id="recommend_bottom"><p>推荐阅读</p></div>',
        '<div id="article_bottom">底部</div>',
        '<div class="tougao-user">感谢IT之家网友 <a>某人</a> 的线索投递！</div>',
        "<p>感谢IT之家网友 某人、另一人 的线索投递！</p>",
        '<p class="img-desc">图源:UNSPLASH</p>',
        '<p class="editor-note">本文来自微信公众号“极客公园”，作者：郑玥，36氪经授权发布。</p>',
        "<p>神译局是36氪旗下编译团队，关注科技、商业、职场、生活等领域。</p>",
        "<p>译者：boxi</p>",
        '<p class="bqian"><a><i>#</i>特斯拉</a></p>',
        '<p class="url"><span>责任编辑：上方文Q</span><a class="jiucuo">文章纠错</a></p>',
        '<p class="zhuanzai">转载请注明出处：快科技</p>',
        '<script>var a = "<p>不是正文</p>";</script><style>p{}</style>',
        '<iframe src="https://player.bilibili.com/x"> </iframe>',
        '<div style="display:none">隐藏</div>',
    ],
)
def test_boilerplate_is_dropped(html: str) -> None:
    assert paras("<p>正文。</p>" + html) == ("正文。",)


def test_space_characters_are_normalised() -> None:
    assert paras("<p>小米\u3000 12S\u00a0Ultra\u200b，Ｘｉａｏｍｉ　１２Ｓ。</p>") == (
        "小米 12S Ultra，Xiaomi 12S。",
    )


def test_pre_keeps_lines() -> None:
    assert paras("<pre>adb shell\n  pm list packages</pre>") == ("adb shell", "pm list packages")


def test_deep_nesting_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError, match="nested deeper than 2048"):
        clean_html("<div>" * 100_000 + "x" + "</div>" * 100_000, name="deep.html")
    assert time.perf_counter() - start < 5


def test_nesting_below_the_limit_keeps_its_text() -> None:
    assert paras("<div>" * 1500 + "<p>深处的文字</p>" + "</div>" * 1500) == ("深处的文字",)


def test_empty_and_whitespace_html() -> None:
    assert clean_html("").paragraphs == ()
    assert clean_html("<div>  \n </div>").paragraphs == ()
