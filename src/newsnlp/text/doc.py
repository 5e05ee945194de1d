"""Records produced by the :class:`~newsnlp.text.tokenizer.Tokenizer`.

A :class:`Doc` is the one tokenization of a text that every analyser reads:
tokens with character offsets, part of speech, stopword/punctuation flags and the
lexicon entry they denote, plus sentence spans. Tokens rejoin exactly to the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsnlp.text.entry import Entry

__all__ = ["ArticleDoc", "Doc", "Sentence", "Token"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a :class:`Doc`.

    Attributes
    ----------
    text : str
        The token exactly as in the source text (``doc.text[start:end]``).
    start, end : int
        Character offsets into ``Doc.text``.
    pos : str
        Part of speech, jieba/ICTCLAS tag set (``n``, ``v``, ``nr``, ``ns``, ``nt``,
        ``nz``, ``eng``, ``m``, ``x`` ...). Lexicon entries and product models carry
        the tag of their type: ``nt`` company/organization, ``nz`` brand/product,
        ``nr`` person, ``ns`` location.
    is_stop : bool
        A stopword (function word) that keyword and sentiment analysers skip.
    is_punct : bool
        Punctuation, symbols or whitespace.
    entry : Entry or None
        The lexicon entry (or grammar-built product) this token denotes.
    oov : bool, default False
        Out of vocabulary: a word the segmenter's HMM made up from characters it could
        not place (``元换`` in ``0元换芯``, ``名打`` in ``150名打工人``). True only for a
        word with letters or Han characters that is neither in the segmenter's
        dictionary nor a lexicon entry, product model or Latin/number run. Such words
        are often real new words but as often fragments across a word boundary, so
        analysers should trust them only with more evidence (keywords wants them in at
        least two documents of the fitted corpus).
    """

    text: str
    start: int
    end: int
    pos: str
    is_stop: bool = False
    is_punct: bool = False
    entry: Entry | None = None
    oov: bool = False

    @property
    def is_space(self) -> bool:
        """True when the token is only whitespace."""
        return self.text.isspace()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span: character offsets and the token index range ``[token_start, token_end)``."""

    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(frozen=True, slots=True)
class Doc:
    """A tokenized text."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def sentence_text(self, index: int) -> str:
        """Return the text of sentence ``index``."""
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        """Return the tokens of sentence ``index``."""
        s = self.sentences[index]
        return self.tokens[s.token_start : s.token_end]

    def sentence_of(self, offset: int) -> int:
        """Return the index of the sentence containing character ``offset`` (-1 if none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    """An article tokenized once: title and body as separate :class:`Doc` s.

    Every analyser (entities, keywords, sentiment) reads these; nothing re-tokenizes.
    """

    article_id: str
    title: Doc
    text: Doc
