"""Corpus-wide checks of the tokenizer (slow; need ../shared/corpus)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from newsnlp.text.lexicon import Lexicon
from newsnlp.text.tokenizer import Tokenizer

pytestmark = pytest.mark.slow

_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def xda_texts(corpus_dir: Path) -> list[str]:
    texts = []
    with gzip.open(corpus_dir / "xda-zh.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 150:
                break
            texts.append(json.loads(line)["markdown"])
    return texts


def test_backends_agree_on_chinese_spans(xda_texts: list[str]) -> None:
    lex = Lexicon.default()
    fast, ref = Tokenizer(lex, backend="rjieba"), Tokenizer(lex, backend="jieba")
    same = union = 0
    for text in xda_texts:
        a = {
            (t.start, t.end)
            for t in fast.tokenize(text)
            if t.entry is None and t.pos not in ("eng", "m")
        }
        b = {
            (t.start, t.end)
            for t in ref.tokenize(text)
            if t.entry is None and t.pos not in ("eng", "m")
        }
        same += len(a & b)
        union += len(a | b)
    assert same / union >= 0.999


def test_every_rsshub_post_tokenizes_and_rejoins(corpus_dir: Path) -> None:
    tok = Tokenizer()
    posts = sorted((corpus_dir / "rsshub").rglob("*.md"))
    assert len(posts) > 200
    for path in posts:
        text = _TAG.sub(" ", path.read_text(encoding="utf-8"))
        doc = tok.tokenize(text)
        assert "".join(t.text for t in doc.tokens) == text, path


def test_sample_post_names(corpus_dir: Path) -> None:
    path = corpus_dir / "rsshub" / "ZAKER" / "channel" / "雷军_是徕卡找的我们.md"
    doc = Tokenizer().tokenize(_TAG.sub("", path.read_text(encoding="utf-8")))
    names = {t.text: t.entry.name for t in doc.tokens if t.entry is not None}
    assert names["徕卡"] == "徕卡" and names["小米 12S Ultra"] == "小米 12S Ultra"
    assert names["雷军"] == "雷军" and names["DXOMARK"] == "DXOMARK"
    assert not [t for t in doc.tokens if t.text in ("徕", "有徕", "卡先", "找徕")]
