"""parse_article: the sample-post acceptance test and format/metadata behaviour."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import newsnlp
from newsnlp.errors import InputTypeError, NewsNLPError, ParameterError, ParseError
from newsnlp.parse.core import detect_format, parse_article

POSTS = Path(__file__).resolve().parents[1] / "fixtures" / "parse" / "posts"
SAMPLE = POSTS / "zaker-01-leica-sample.md"


def test_sample_post_acceptance() -> None:
    """The post users gave us (rsshub/ZAKER/channel/雷军_是徕卡找的我们.md)."""
    article = parse_article(SAMPLE)
    assert article.title == "雷军：是徕卡找的我们"
    assert article.published_at == datetime(2022, 6, 28, 1, 50, tzinfo=timezone.utc)
    assert article.published_at.utcoffset().total_seconds() == 0
    assert article.source == "ZAKER"
    assert len(article.paragraphs) == 6
    assert article.text.startswith("随着小米 12S 系列产品的正式官宣")
    assert article.text.endswith("并不会送测 DXOMARK。")
    assert len(article.images) == 4
    assert all(u.startswith("http://zkres") for u in article.images)
    for marker in ("img_box", "recommend_bottom", "data-original", "cors.zfour"):
        assert marker not in article.text
    # text outside <p> after an image box is its own paragraph, in order
    assert article.paragraphs[2] == "不得不说，这一答案出乎了不少人的预料。"


def test_public_name_is_the_same_function() -> None:
    assert newsnlp.parse_article is parse_article


def test_zaker_spaced_quotes_are_tidied_without_inventing_text() -> None:
    article = parse_article(SAMPLE)
    assert '在被问及 "小米什么时候预谋找徕卡合作的？" 时' in article.text
    assert '都是 "专业" 和 "贵"。' in article.text


def test_same_input_gives_same_id_and_str_equals_bytes() -> None:
    raw = SAMPLE.read_bytes()
    a = parse_article(raw)
    b = parse_article(raw.decode("utf-8"))
    assert a.id == b.id == parse_article(SAMPLE).id
    assert len(a.id) == 16


def test_given_metadata_takes_precedence() -> None:
    article = parse_article(
        SAMPLE.read_text(encoding="utf-8"),
        url="https://example.com/a",
        source="IT 之家",
        title="新标题",
        article_id="abc",
    )
    assert (article.url, article.source, article.title, article.id) == (
        "https://example.com/a",
        "IT之家",
        "新标题",
        "abc",
    )


def test_source_names_are_normalised_from_front_matter() -> None:
    expected = {
        "ithome-01-twitter-outage.md": "IT之家",
        "mydrivers-01-tesla-winter.md": "快科技",
        "36kr-01-deep-sea-robot.md": "36氪",
        "sspai-01-self-repair.md": "少数派",
        "pingwest-01-battery-ranking.md": "品玩",
        "cnbeta-01-dogwalk.md": "cnBeta",
    }
    for name, source in expected.items():
        assert parse_article(POSTS / name).source == source, name


def test_source_from_dateline_when_metadata_has_none() -> None:
    html = "<p>IT 之家 9 月 12 日消息，小米今天发布了新手机。</p><p>第二段。</p>"
    assert parse_article(html).source == "IT之家"
    assert parse_article("<p>据报道，小米今天发布了新手机。</p>").source is None


def test_naive_front_matter_date_uses_default_tz() -> None:
    post = "---\ntitle: '测试'\ndate: 2022-04-06 06:11:26\n---\n<p>正文。</p>"
    assert parse_article(post).published_at == datetime(2022, 4, 5, 22, 11, 26, tzinfo=timezone.utc)
    utc = parse_article(post, default_tz="UTC").published_at
    assert utc == datetime(2022, 4, 6, 6, 11, 26, tzinfo=timezone.utc)


def test_title_escapes_and_double_quotes() -> None:
    post = '---\ntitle: "用 &#123;花括号&#125; 的标题"\ndate: Tue, 28 Jun 2022 01:50:00 GMT\n---\n<p>正文</p>'
    assert parse_article(post).title == "用 {花括号} 的标题"


def test_hexo_underscored_title_is_restored_from_body() -> None:
    article = parse_article(POSTS / "36kr-05-zeekr-stub.md")
    assert article.title == "0元换芯开先例，极氪的“黑红”之旅"
    assert article.paragraphs == ()  # a real-world stub: the body only repeats the headline


def test_pingwest_topic_tag_becomes_a_category() -> None:
    article = parse_article(POSTS / "pingwest-01-battery-ranking.md")
    assert article.paragraphs == ("宁德时代以 50.24% 的份额遥遥领先。",)
    assert article.categories[-1] == "电池"


def test_byline_moves_to_author() -> None:
    article = parse_article(POSTS / "zaker-04-pinduoduo.md")
    assert article.author == "陈法善"
    assert "作者 | 陈法善" not in article.text


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("---\ntitle: x\n---\nbody", "post"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "page"),
        ("<p>段落</p>", "html"),
        ("# 标题\n\n正文 [链接](http://x)", "markdown"),
        ("只是一段文字。", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_plain_text_lines_and_blank_lines() -> None:
    article = parse_article("小米发布新机\n\n第一段。\n\n第二段。", format="text")
    assert article.title == "小米发布新机"
    assert article.paragraphs == ("第一段。", "第二段。")


def test_to_simplified_converts_title_and_text() -> None:
    article = parse_article("<h1>蘋果發佈新款手機</h1><p>這是一個測試。</p>", to_simplified=True)
    assert "苹果发布新款手机" in article.text
    assert "这是一个测试。" in article.text


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
        ("---\ntitle: [unclosed\n---\n<p>x</p>", "not valid YAML"),
        ("---\n- a\n- b\n---\n<p>x</p>", "mapping"),
        ("---\ntitle: x\n<p>never closed</p>", "never closed"),
        ("---\ntitle: x\ndate: yesterday-ish\n---\n<p>x</p>", "is not a date"),
        ("<div><script>only()</script></div>", "no title and no article text"),
    ],
)
def test_bad_input_raises_parse_error_naming_the_problem(raw: str | bytes, needle: str) -> None:
    with pytest.raises(ParseError, match=needle):
        parse_article(raw)


def test_errors_name_the_input() -> None:
    with pytest.raises(ParseError, match=r"^feed item 7: "):
        parse_article("", name="feed item 7")
    with pytest.raises(ParseError, match=r"no-such-file\.md"):
        parse_article(Path("no-such-file.md"))


def test_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_article("")


def test_oversized_input_is_refused() -> None:
    with pytest.raises(ParseError, match="max_bytes"):
        parse_article("<p>" + "字" * 2000 + "</p>", max_bytes=1000)
    big = b"<p>" + "新闻".encode() * (26 * 1024 * 1024 // 6) + b"</p>"  # ~26 MB, over the default
    with pytest.raises(ParseError, match="max_bytes"):
        parse_article(big)


def test_bad_parameters() -> None:
    with pytest.raises(ParameterError, match="'format' parameter of parse_article"):
        parse_article("x", format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="default_tz"):
        parse_article("x", default_tz="Mars/Olympus")
    with pytest.raises(InputTypeError):
        parse_article(123)  # type: ignore[arg-type]


def test_all_errors_are_newsnlp_errors() -> None:
    for raw in ("", b"\xff\xfe\x00", "---\n: :\n---\n"):
        with pytest.raises(NewsNLPError):
            parse_article(raw)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-04-06 06:11:26 +08:00", datetime(2022, 4, 5, 22, 11, 26, tzinfo=timezone.utc)),
        ("2022-04-06T06:11:26Z", datetime(2022, 4, 6, 6, 11, 26, tzinfo=timezone.utc)),
        ("2022-04-06", datetime(2022, 4, 5, 16, 0, tzinfo=timezone.utc)),
        ('"2022-04-06 06:11:26"', datetime(2022, 4, 5, 22, 11, 26, tzinfo=timezone.utc)),
        ("2022年6月28日 09:50", datetime(2022, 6, 28, 1, 50, tzinfo=timezone.utc)),
    ],
)
def test_front_matter_date_forms_yaml_parses_itself(value: str, expected: datetime) -> None:
    assert parse_article(f"---\ntitle: x\ndate: {value}\n---\n<p>y</p>").published_at == expected


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("正文" * 3000 + "\x00", True),  # a NUL past the first 8 KiB
        ("\x00正文", True),
        ("正文" * 10 + "\x01" * 8, False),  # up to 8 control characters are tolerated
        ("正文" * 10 + "\x01" * 9, True),
        ("中" * 8192 + "\x01" * 200, False),  # controls past the first 8 KiB are not counted
        ("中" * 8000 + "\x1f" * 164, True),  # more than 1 in 50 of the first 8 KiB
        ("中" * 8000 + "\x1f" * 163, False),
        ("正文\t\n\r\x0b\x0c换行", False),  # whitespace controls are text
    ],
)
def test_nul_or_many_control_characters_look_binary(text: str, binary: bool) -> None:
    if binary:
        with pytest.raises(ParseError, match="looks binary"):
            parse_article(text)
    else:
        assert parse_article(text).text
