"""Stopwords: function words that keyword and sentiment analysers skip.

The shipped list (``data/stopwords.txt``) holds Chinese particles, pronouns,
conjunctions, prepositions and common adverbs plus English function words. It is
written by the newsnlp developers; punctuation is flagged separately
(:attr:`~newsnlp.text.doc.Token.is_punct`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from newsnlp.errors import InputTypeError, describe

__all__ = ["default_stopwords", "make_stopwords"]


@functools.lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """Return the shipped stopword set (read once; a frozenset, so it cannot change)."""
    text = (resources.files("newsnlp") / "data" / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def make_stopwords(words: Iterable[str] | None, *, owner: str = "Tokenizer") -> frozenset[str]:
    """Return a stopword set: the shipped one for ``None``, else ``words`` (lower-cased).

    Raises
    ------
    InputTypeError
        ``words`` is a single string or holds something that is not a string.
    """
    if words is None:
        return default_stopwords()
    if isinstance(words, (str, bytes)) or not isinstance(words, Iterable):
        raise InputTypeError(
            f"The 'stopwords' parameter of {owner} must be None or an iterable of strings; "
            f"got {describe(words)}."
        )
    out = set()
    for w in words:
        if not isinstance(w, str):
            raise InputTypeError(
                f"The 'stopwords' parameter of {owner} must hold strings; got {describe(w)}."
            )
        if w.strip():
            out.add(w.strip().lower())
    return frozenset(out)
