"""Property tests: whatever text, bytes or HTML comes in, parse_article either returns a
clean Article or raises a NewsNLPError — never another exception, never a hang."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnlp.errors import NewsNLPError
from newsnlp.parse.article import Article
from newsnlp.parse.core import parse_article

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

TAGS = [
    "p",
    "div",
    "span",
    "a",
    "br",
    "img",
    "script",
    "style",
    "h1",
    "li",
    "ul",
    "figure",
    "b",
    "table",
    "td",
]
WORDS = [
    "小米",
    "徕卡",
    "雷军",
    " ",
    "12S",
    "&nbsp;",
    "&amp;",
    "&#123;",
    "<",
    ">",
    "&",
    "\n",
    "。",
    "Redmi",
    "\u3000",
    "\u200b",
    '"',
]


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            attrs = draw(
                st.sampled_from(
                    [
                        "",
                        ' class="img_box"',
                        ' data-original="http://x/y.jpg"',
                        ' id="recommend_bottom"',
                        ' src="http://a/b.png"',
                    ]
                )
            )
            parts.append(f"<{tag}{attrs}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(st.sampled_from(WORDS)))
    return "".join(parts)


def _check(result: object) -> None:
    assert isinstance(result, Article)
    assert result.title or result.paragraphs
    assert all(p and p == p.strip() for p in result.paragraphs)
    assert result.text == "\n".join(result.paragraphs)
    assert "\u00a0" not in result.text and "\u200b" not in result.text
    if result.published_at is not None:
        assert result.published_at.utcoffset().total_seconds() == 0


def _parse(raw: str | bytes, **kw: object) -> None:
    try:
        result = parse_article(raw, **kw)  # type: ignore[arg-type]
    except NewsNLPError:
        return
    _check(result)


@FAST
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_article_or_newsnlp_error(text: str) -> None:
    _parse(text)


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_gives_article_or_newsnlp_error(data: bytes) -> None:
    _parse(data)


@FAST
@given(html_soup())
def test_arbitrary_html_gives_article_or_newsnlp_error(html: str) -> None:
    _parse(html)
    _parse(html, format="html")
    _parse("<!DOCTYPE html><html><body>" + html + "</body></html>")


@FAST
@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_front_matter(front: str, body: str) -> None:
    _parse(f"---\n{front}\n---\n{body}")


@FAST
@given(st.text(max_size=500))
def test_arbitrary_markdown(text: str) -> None:
    _parse("# 标题\n\n" + text, format="markdown")


@FAST
@given(html_soup())
def test_html_never_leaves_markup_or_entities(html: str) -> None:
    try:
        article = parse_article(html, format="html")
    except NewsNLPError:
        return
    assert "&nbsp;" not in article.text
    assert "data-original" not in article.text
    assert not any("img_box" in p for p in article.paragraphs)
