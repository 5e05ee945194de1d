"""Sentence boundaries for Chinese (and mixed-script) text.

A sentence ends after a run of ``。！？!?…`` (with any closing quotes or brackets that
follow it, so ``他说：“好。”`` stays one sentence) or at a line break. Sentences are
contiguous: whitespace between two sentences belongs to the one before it, so the
spans tile the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsnlp.text.doc import Sentence, Token

__all__ = ["sentence_spans", "sentences_for_tokens"]

_CLOSERS = "\"'”’」』》〉）)】］]〕"
# the leading lookahead (every branch starts with one of these characters) lets the
# regex engine skip ahead by character class: three times faster on news text
_BOUNDARY = re.compile(
    r"(?=[。！？!?….\r\n])"
    r"(?:(?:[。！？!?]+|…+|\.{3,})[" + re.escape(_CLOSERS) + r"]*[ \t\u3000\u00a0]*(?:\r?\n\s*)?"
    r"|\r?\n\s*)"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` character spans of the sentences of ``text``.

    The spans are contiguous and cover the whole text; an empty or whitespace-only
    text has no sentences.

    >>> t = "小米发布新机。“很好！”他说\\n下一段"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['小米发布新机。', '“很好！”', '他说\\n', '下一段']
    """
    if not text or text.isspace():
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end <= start:
            continue
        if text[start : m.start()].strip() or not spans:
            spans.append((start, end))
        else:  # a terminator or blank line with no words of its own joins the previous one
            spans[-1] = (spans[-1][0], end)
        start = end
    if start < n:
        if text[start:].strip() or not spans:
            spans.append((start, n))
        else:
            spans[-1] = (spans[-1][0], n)
    return spans


class _SentenceShell:
    """Same slot layout as :class:`Sentence`; filled in, then given the class ``Sentence``.

    Cheaper than the frozen dataclass ``__init__`` (one ``object.__setattr__`` per field);
    the result is an ordinary ``Sentence``.
    """

    __slots__ = Sentence.__slots__
    start: int
    end: int
    token_start: int
    token_end: int


def _sentence(start: int, end: int, token_start: int, token_end: int) -> Sentence:
    s = _SentenceShell()
    s.start = start
    s.end = end
    s.token_start = token_start
    s.token_end = token_end
    s.__class__ = Sentence  # type: ignore[assignment]
    return s  # type: ignore[return-value]


if Sentence.__slots__ != ("start", "end", "token_start", "token_end"):  # pragma: no cover
    _sentence = Sentence  # the record changed: use its own constructor


def sentences_for_tokens(text: str, tokens: Sequence[Token]) -> tuple[Sentence, ...]:
    """Return the :class:`Sentence` s of a tokenized text.

    Sentence ends are snapped to token ends (a boundary never splits a token), so every
    token belongs to exactly one sentence.
    """
    if not tokens:
        return ()
    spans = sentence_spans(text)
    ends = [t.end for t in tokens]
    out: list[Sentence] = []
    first = 0
    nt = len(tokens)
    make = _sentence
    for _, end in spans:
        if first >= nt:
            break
        last = bisect.bisect_right(ends, end, first)
        if last == first:  # the boundary fell inside a token: that token closes this sentence
            last = first + 1
        out.append(make(tokens[first].start, tokens[last - 1].end, first, last))
        first = last
    if first < nt:
        prev = out.pop() if out else None
        start = prev.token_start if prev else first
        out.append(make(tokens[start].start, tokens[-1].end, start, nt))
    return tuple(out)
