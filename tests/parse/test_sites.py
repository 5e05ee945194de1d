"""Per-site knowledge: boilerplate paragraphs, bylines and publications from addresses."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.parse import sites
from newsnlp.parse.sites import (
    boilerplate_indices,
    byline_author,
    is_boilerplate_paragraph,
    source_from_url,
)

from ._reference_markdown import is_boilerplate_paragraph as reference_is_boilerplate

# real boilerplate lines of the corpus sites, and ordinary paragraphs that share their words
BOILERPLATE = [
    "感谢IT之家网友 小X 的线索投递！",
    "广告声明：文内含有的对外跳转链接（包括不限于超链接、二维码、口令等形式）",
    "本文来自微信公众号“极客公园”（ID：geekpark），作者：xx，36氪经授权发布。",
    "编辑 | 刘杨",
    "责任编辑：上方文Q",
    "原文链接：https://x.com",
    "- THE END -",
    "  THE END",
    "\u3000THE END -",
    "话题标签：小米",
    "文章纠错",
    "相关文章",
    "神译局是36氪旗下编译团队，关注科技、商业、职场、生活等领域。",
    "转载请注明出处：快科技",
]
ORDINARY = [
    "感谢大家的支持。",
    "本文来自用户投稿的一段长评测，讲的是小米 12S Ultra 的徕卡影像。" * 20,
    "THE END OF AN ERA",
    "文章开头写的是雷军。",
    "小米今日发布新机。",
    "",
    " ",
]


@pytest.mark.parametrize("paragraph", BOILERPLATE)
def test_boilerplate_paragraphs_are_recognised(paragraph: str) -> None:
    assert is_boilerplate_paragraph(paragraph)


@pytest.mark.parametrize("paragraph", ORDINARY)
def test_ordinary_paragraphs_are_kept(paragraph: str) -> None:
    assert not is_boilerplate_paragraph(paragraph)


def test_every_unicode_whitespace_character_is_below_the_first_character_cut_off() -> None:
    # _WHITESPACE is built from U+0000..U+3000 only: ``\s*THE END`` may start with any of them
    everywhere = {chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isspace()}
    assert everywhere == set(sites._WHITESPACE)


@given(st.from_regex(sites._BOILERPLATE_START, fullmatch=True))
@settings(max_examples=500, deadline=None)
def test_every_boilerplate_match_starts_with_a_listed_character(paragraph: str) -> None:
    assert paragraph[:1] in sites._BOILERPLATE_FIRST
    assert is_boilerplate_paragraph(paragraph) == (len(paragraph) <= 400)


_PIECES = st.sampled_from(
    [*BOILERPLATE, *ORDINARY, "感谢", "本文来自", "编辑", "：", "|", "THE END", "-", " ", "\u3000",
     "\n", "神译局", "转载请", "快科技", "正文", "x" * 390]
)  # fmt: skip
_PARAGRAPH = st.one_of(st.lists(_PIECES, max_size=4).map("".join), st.text(max_size=30))


@given(_PARAGRAPH)
@settings(max_examples=500, deadline=None)
def test_boilerplate_test_agrees_with_the_plain_regex_test(paragraph: str) -> None:
    assert is_boilerplate_paragraph(paragraph) == reference_is_boilerplate(paragraph)


@given(st.lists(_PARAGRAPH, max_size=12))
@settings(max_examples=300, deadline=None)
def test_boilerplate_indices_are_the_paragraphs_flagged_one_by_one(paragraphs: list[str]) -> None:
    expected = [i for i, p in enumerate(paragraphs) if reference_is_boilerplate(p)]
    assert boilerplate_indices(paragraphs) == expected


def test_boilerplate_indices_of_an_article() -> None:
    paragraphs = ["小米今日发布新机。", BOILERPLATE[0], "正文。", BOILERPLATE[-1], BOILERPLATE[-2]]
    assert boilerplate_indices(paragraphs) == [1, 3, 4]
    assert boilerplate_indices([]) == []


@given(st.lists(st.sampled_from(["作者", "文", " ", "|", "：", "/", "陈法善", "、", "小米", "，"]), max_size=6).map("".join))
@settings(max_examples=300, deadline=None)
def test_byline_author_agrees_with_its_pattern(paragraph: str) -> None:
    m = sites._BYLINE.match(paragraph)
    assert byline_author(paragraph) == (m.group(1) if m else None)


def _source_by_urlsplit(url: str) -> str | None:
    """source_from_url as it was: every address through urlsplit."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    while host:
        if host in sites._HOSTS:
            return sites._HOSTS[host]
        if "." not in host:
            break
        host = host.split(".", 1)[1]
    return None


_URL = st.builds(
    lambda lead, scheme, user, host, port, rest: lead + scheme + user + host + port + rest,
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "//", "", "https:/", "mailto:"]),
    st.sampled_from(["", "", "user@", "a:b@"]),
    st.sampled_from(["www.ithome.com", "ITHOME.com", "m.36kr.com", "sspai.com", "xda-developers.com",
                     "www.xda-developers.com", "example.org", "localhost", "[::1]", "[bad", "ithome.com.",
                     "it\thome.com", "ithome", "", "ïthome.com", "a.b.c.mydrivers.com"]),
    st.sampled_from(["", ":8080", ":", ":abc", ":99999"]),
    st.sampled_from(["", "/", "/0/1.htm", "?q=1", "#top", "/a b", "\\x", " "]),
)  # fmt: skip


@given(_URL)
@settings(max_examples=600, deadline=None)
def test_source_from_url_agrees_with_urlsplit(url: str) -> None:
    assert source_from_url(url) == _source_by_urlsplit(url)


def test_source_from_url_of_the_corpus_sites() -> None:
    assert source_from_url("https://www.xda-developers.com/acer-travelmate-p2/") == "XDA Developers"
    assert source_from_url("http://WWW.ITHOME.COM:80/0/1.htm") == "IT之家"
    assert source_from_url("https://user@36kr.com/p/1") == "36氪"
    assert source_from_url("https://[::1/") is None
    assert source_from_url("https://example.org/") is None
    assert source_from_url(None) is None
