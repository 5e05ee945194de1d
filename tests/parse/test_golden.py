"""Golden files: real articles parsed into title, date, source, paragraphs and images.

Inputs live in ``tests/fixtures/parse/{posts,pages,markdown}`` (real posts from
Rock-Candy-Tea/RSSHUB-PAGE, see ``examples/articles/PROVENANCE.md``; pages built around
real article text, see ``pages/SOURCES.md``). Expected output lives in
``tests/fixtures/parse/golden/<name>.json``. Run ``pytest --update-golden`` to rewrite the
computed fields after an intended change and review the diff by hand; the hand-written
``must_not_contain`` list in each golden file is kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsnlp.parse.article import Article
from newsnlp.parse.core import parse_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parse"
GOLDEN = FIXTURES / "golden"
CASES = sorted(
    [*FIXTURES.glob("posts/*.md"), *FIXTURES.glob("pages/*.html"), *FIXTURES.glob("markdown/*.md")]
)

#: markers of leftover markup or boilerplate that must never reach the text of any article
ALWAYS_FORBIDDEN = [
    "&nbsp;",
    "&amp;",
    "data-original",
    "img_box",
    "recommend_bottom",
    "article_bottom",
    "cors.zfour.workers.dev",
    "referrerpolicy",
    "线索投递",
    "经授权发布",
    "责任编辑",
    "转载请",
    "THE END",
    "\u00a0",
    "\u3000",
    "\u200b",
]
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def summarize(article: Article) -> dict[str, object]:
    return {
        "title": article.title,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "source": article.source,
        "author": article.author,
        "url": article.url,
        "categories": list(article.categories),
        "n_paragraphs": len(article.paragraphs),
        "first_paragraph": article.paragraphs[0] if article.paragraphs else None,
        "last_paragraph": article.paragraphs[-1] if article.paragraphs else None,
        "images": list(article.images),
    }


def _parse(path: Path) -> Article:
    return parse_article(path)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_article(path: Path, update_golden: bool) -> None:
    article = _parse(path)
    got = summarize(article)
    golden_path = GOLDEN / f"{path.parent.name}--{path.stem}.json"
    if update_golden or not golden_path.exists():
        keep: list[str] = []
        if golden_path.exists():
            keep = json.loads(golden_path.read_text(encoding="utf-8")).get("must_not_contain", [])
        golden_path.write_text(
            json.dumps({**got, "must_not_contain": keep}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        if not update_golden:
            pytest.fail(f"golden file {golden_path.name} was missing; written, review it and rerun")
    expected = json.loads(golden_path.read_text(encoding="utf-8"))
    for key, value in got.items():
        assert value == expected[key], f"{key} differs from {golden_path.name}"
    texts = [article.title, *article.paragraphs]
    for marker in [*ALWAYS_FORBIDDEN, *expected["must_not_contain"]]:
        for text in texts:
            assert marker not in text, f"{marker!r} left in {path.name}: {text[:80]!r}"
    for text in texts:
        assert not TAG.search(text), f"markup left in {path.name}: {text[:80]!r}"
    assert all(p and p == p.strip() for p in article.paragraphs)
    assert article.text == "\n".join(article.paragraphs)


def test_golden_covers_every_rsshub_source() -> None:
    names = {p.stem.split("-")[0] for p in FIXTURES.glob("posts/*.md")}
    assert {"zaker", "ithome", "cnbeta", "36kr", "mydrivers", "pingwest", "sspai"} <= names
    assert len(list(FIXTURES.glob("posts/*.md"))) >= 15
