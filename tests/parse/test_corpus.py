"""Every real post in ../shared/corpus/rsshub parses cleanly (skipped when shared is absent)."""

from __future__ import annotations

import gzip
import itertools
import json
import re
from pathlib import Path

import pytest

from newsnlp.parse.core import parse_article

TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
LEFTOVERS = [
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&#",
    "data-original",
    "img_box",
    "recommend_bottom",
    "article_bottom",
    "cors.zfour.workers.dev",
    "referrerpolicy",
    "\u00a0",
    "\u200b",
]
BOILERPLATE = re.compile(
    r"的线索投递|经授权发布|神译局是36氪|责任编辑[：:]|转载请(?:务必)?注明出处|THE END|话题标签[：:]"
)
# Real-world stubs (the corpus README): the feed gave a title and little or no body.
STUB_SOURCES = {"36氪", "少数派", "品玩"}


@pytest.mark.slow
def test_every_rsshub_post_parses_cleanly(corpus_dir: Path) -> None:
    posts = sorted((corpus_dir / "rsshub").rglob("*.md"))
    assert len(posts) >= 250
    problems: list[str] = []
    stubs = 0
    sources: set[str] = set()
    for path in posts:
        article = parse_article(path)
        name = str(path.relative_to(corpus_dir))
        sources.add(article.source or "")
        if not article.title:
            problems.append(f"{name}: no title")
        if article.published_at is None or article.published_at.utcoffset().total_seconds() != 0:
            problems.append(f"{name}: no UTC date")
        if not article.text:
            stubs += 1
            if article.source not in STUB_SOURCES:
                problems.append(f"{name}: no text ({article.source})")
        for text in (article.title, *article.paragraphs):
            if TAG.search(text):
                problems.append(f"{name}: markup left: {TAG.search(text).group(0)!r}")  # type: ignore[union-attr]
            for marker in LEFTOVERS:
                if marker in text:
                    problems.append(f"{name}: {marker!r} left")
            if BOILERPLATE.search(text):
                problems.append(f"{name}: boilerplate left: {text[:60]!r}")
        if any(u.startswith("https://cors.zfour") for u in article.images):
            problems.append(f"{name}: proxied image URL")
    assert not problems, "\n".join(problems[:40])
    assert sources == {"ZAKER", "IT之家", "cnBeta", "36氪", "快科技", "品玩", "少数派"}
    assert stubs < len(posts) // 5


@pytest.mark.slow
def test_xda_markdown_sample_parses_cleanly(corpus_dir: Path) -> None:
    problems: list[str] = []
    with gzip.open(corpus_dir / "xda-zh.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, 0, None, 20):  # every 20th article (~400)
            row = json.loads(line)
            article = parse_article(
                row["markdown"], title=row["title"], url=row["url"], article_id=row["id"]
            )
            if not article.paragraphs:
                problems.append(f"{row['id']}: no text")
            if article.paragraphs and article.paragraphs[0].replace(" ", "") == row[
                "title"
            ].replace(" ", ""):
                problems.append(f"{row['id']}: title repeated as first paragraph")
            for text in article.paragraphs:
                if "原文：" in text or "![" in text or "](http" in text or text.startswith("#"):
                    problems.append(f"{row['id']}: markdown left: {text[:60]!r}")
    assert not problems, "\n".join(problems[:40])
