"""Sentence splitting (newsnlp.text.sentences)."""

from __future__ import annotations

import itertools

import pytest

from newsnlp.text.sentences import sentence_spans


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("小米发布新机。“很好！”他说\n下一段", ["小米发布新机。", "“很好！”", "他说\n", "下一段"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("真的吗？！是的……好吧", ["真的吗？！", "是的……", "好吧"]),
        ("Is it? Yes! ok", ["Is it? ", "Yes! ", "ok"]),
        ("没有标点", ["没有标点"]),
        ("第一段\n\n\n第二段", ["第一段\n\n\n", "第二段"]),
        ("（括号里的话。）外面", ["（括号里的话。）", "外面"]),
        ("。。。", ["。。。"]),
    ],
)
def test_sentence_spans_split_on_terminators_and_keep_closers(
    text: str, sentences: list[str]
) -> None:
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == sentences
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert sentence_spans(text) == []
