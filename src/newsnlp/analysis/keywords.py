"""Keywords and keyphrases fitted to the user's corpus, per article and over time.

:class:`KeywordExtractor` reads the tokens of the shared :class:`~newsnlp.text.doc.Doc`
(it never re-tokenizes an :class:`~newsnlp.text.doc.ArticleDoc`), builds candidates
from content words, lexicon entities and multi-word phrases, and ranks them by
TF-IDF against document frequencies learned from the user's own corpus, or by
TextRank over a co-occurrence graph.

Two corpus-level helpers turn the ``keywords`` frame into frames a dashboard can plot:
:func:`top_keywords` (top keywords per source, month or any column) and
:func:`trending_keywords` (terms whose share of articles in a period rises well above
their own recent history).

Candidates
----------
* A token that denotes a lexicon entry (an entity or a product model) is one candidate
  keyed by the entry's canonical name: ``小米 12S Ultra``, never ``12S``; it also
  breaks phrases, so an entity is never glued to its neighbours.
* Other tokens are candidates when their part of speech is in ``pos`` (nouns, names,
  ``nz``, ``eng``, ``vn`` by default) and they are neither stopwords nor punctuation.
  Pure numbers and single CJK characters are never keywords on their own.
* With ``phrases=True``, runs of adjacent content words (a space between them is
  allowed; a stopword, punctuation, number or entity ends the run) give keyphrases of
  2 to ``max_phrase_tokens`` tokens (``影像技术``, ``战略合作``). A phrase starts and
  ends on a content word; verbs, adjectives and single characters only occur inside
  or, for adjectives, at the start. A phrase is kept when it occurs twice in the
  article, or in its title, or (TF-IDF) in at least two fitted documents.
* A word the segmenter's HMM made up (``Token.oov``: in no dictionary, e.g. ``元换`` and
  ``芯开`` in 0元换芯开先例, ``名打`` in 150名打工人) counts, alone or inside a phrase,
  only when it recurs: in at least two fitted documents, or three times in the article.
  Real new words pass (``屏下`` in an article about 屏下摄像头, ``快充``); fragments across
  a word boundary do not.
* Occurrences in the title count ``title_weight`` times, in the lead (the first
  paragraph of the body, at most its first three sentences) ``lead_weight`` times.
* Generic news words (``data/keywords/generic_news_words.txt``: 记者, 近日, 用户…) are
  multiplied by ``generic_weight``.

Unfitted use
------------
``method="tfidf"`` needs document frequencies, and newsnlp ships no general-purpose IDF
table: the one freely licensed table we know (jieba's ``idf.txt``, MIT) was computed
with jieba's segmentation on an undisclosed corpus, so its terms do not line up with our
lexicon entities and keyphrases, and keywords are most useful relative to the user's own
corpus anyway. ``transform`` before ``fit`` therefore raises
:class:`~newsnlp.errors.NotFittedError` saying to call ``fit`` (or to load a saved
extractor, or to use TextRank). ``method="textrank"`` needs no fit; when fitted it also
uses the learned IDF as each word's prior.

Scores
------
TF-IDF scores are the terms' weights in the article's L2-normalised TF-IDF vector (0..1,
comparable across articles; an article with a single candidate gives it 1.0). TextRank
scores are relative to the article's best keyword (best = 1.0).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator

from newsnlp._files import write_atomically
from newsnlp._inputs import as_article_docs, iter_items
from newsnlp.errors import (
    InputTypeError,
    ModelError,
    NotFittedError,
    describe,
    invalid_parameter,
)
from newsnlp.parse.article import make_article_id
from newsnlp.schemas import frame_from_records
from newsnlp.text.doc import ArticleDoc, Doc, Token

if TYPE_CHECKING:
    from newsnlp.text.tokenizer import Tokenizer

__all__ = [
    "DEFAULT_POS",
    "TOP_KEYWORDS_COLUMNS",
    "TRENDING_COLUMNS",
    "KeywordCandidates",
    "KeywordExtractor",
    "top_keywords",
    "trending_keywords",
]

logger = logging.getLogger(__name__)

KeywordMethod = Literal["tfidf", "textrank"]
_METHODS: tuple[str, ...] = ("tfidf", "textrank")

#: Parts of speech (jieba/ICTCLAS tags) whose words are keyword candidates by default.
DEFAULT_POS: tuple[str, ...] = (
    "n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "nw", "eng", "vn", "j", "ng",
)  # fmt: skip

# Tags allowed inside a phrase (never at its end); "a"/"b" may also start one.
_INNER_POS = frozenset({"vn", "a", "an", "b", "ng", "n", "f", "s", "l"})
_START_POS = frozenset({"a", "b"})
# Product-name suffixes: never a keyword alone, fine inside a phrase ("Pro Plus").
_MODEL_SUFFIXES = frozenset(
    {"pro", "max", "ultra", "plus", "lite", "mini", "se", "fe", "edge", "neo", "note", "prime"}
)
# Time, comparison and reporting words that never start or end a keyphrase.
_EDGE_WORDS = frozenset({
    "月份", "年份", "季度", "年度", "同比", "环比", "同期", "今天", "今日", "昨天", "昨日", "近日", "日前", "目前", "此前",
    "当天", "记者", "报道", "消息", "网友", "官方", "全球", "国内", "海外", "图源", "来源",
})  # fmt: skip

#: Columns of :func:`top_keywords` and their dtypes.
TOP_KEYWORDS_COLUMNS: dict[str, Any] = {
    "group": "string",  # the value of the grouping column (or period label)
    "keyword": "string",
    "rank": "Int64",  # 1 = best within the group
    "count": "Int64",  # articles of the group that have the keyword
    "share": "Float64",  # count / articles of the group
    "score": "Float64",  # sum of the keyword's per-article scores in the group
}

#: Columns of :func:`trending_keywords` and their dtypes.
TRENDING_COLUMNS: dict[str, Any] = {
    "period": "datetime64[ns, UTC]",  # start of the period
    "keyword": "string",
    "rank": "Int64",  # 1 = strongest rise within the period
    "count": "Int64",  # articles of the period that have the keyword
    "n_articles": "Int64",  # articles in the period
    "baseline": "Float64",  # expected count from the keyword's share in the previous window
    "ratio": "Float64",  # (count + 1) / (baseline + 1)
    "zscore": "Float64",  # (count - baseline) / sqrt(baseline + 1)
}

_LEAD_SENTENCES = 3
#: A word the segmenter made up (Token.oov) is a keyword, or part of one, only when it
#: recurs: in at least _OOV_MIN_DF documents of the fitted corpus or _OOV_MIN_COUNT
#: times in the article. A real new word does (快充, 屏下 in 屏下摄像头); a fragment
#: across a word boundary (元换 in 0元换芯, 名打 in 150名打工人) does not.
_OOV_MIN_DF = 2
_OOV_MIN_COUNT = 3

_TEXTRANK_WINDOW = 4
_TEXTRANK_DAMPING = 0.85
_TEXTRANK_ITER = 50
_FORMAT = "newsnlp.KeywordExtractor"
_FORMAT_VERSION = 1


# ----------------------------------------------------------------------------------------
# shipped data


@lru_cache(maxsize=1)
def generic_news_words() -> frozenset[str]:
    """Return the shipped list of generic news words that are down-weighted."""
    text = (
        resources.files("newsnlp")
        .joinpath("data/keywords/generic_news_words.txt")
        .read_text(encoding="utf-8")
    )
    words = (line.strip() for line in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


# ----------------------------------------------------------------------------------------
# candidates


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(ch) for ch in text)


def _is_latin_word(text: str) -> bool:
    return bool(text) and text[0].isascii() and text[0].isalnum()


def _is_number(text: str) -> bool:
    stripped = text.replace(".", "").replace(",", "").replace("%", "").replace("-", "")
    return stripped.isdigit() or (
        bool(stripped) and all(c in "〇零一二三四五六七八九十百千万亿两" for c in stripped)
    )


_JUNK_CHARS = frozenset("&/=?_%#@:\\<>{}[]|~^$*`'\"")
_FILE_OR_DOMAIN = re.compile(
    r"\.(com|net|org|cn|io|co|html?|php|aspx?|png|jpe?g|gif|webp|svg|js|css)$", re.IGNORECASE
)


def _is_junk_latin(text: str) -> bool:
    """URL pieces, file names and ids (``a0x1P000004exQCQAY``) are not keywords."""
    if not text.isascii():
        return False
    if any(c in _JUNK_CHARS for c in text) or _FILE_OR_DOMAIN.search(text):
        return True
    digits = sum(c.isdigit() for c in text)
    return len(text) > 30 or (len(text) >= 12 and digits >= 4 and len(text) - digits >= 4)


# token classes
_BREAK, _SPACE, _ENTITY, _CONTENT, _INNER = 0, 1, 2, 3, 4


def _classify(tok: Token, pos: frozenset[str]) -> int:
    if tok.entry is not None:
        return _ENTITY
    return _classify_word(tok.text, tok.pos, tok.is_stop, tok.is_punct, pos)


@lru_cache(maxsize=1 << 16)
def _classify_word(text: str, p: str, is_stop: bool, is_punct: bool, pos: frozenset[str]) -> int:
    # pure function of its arguments: the cache only saves time on repeated words
    if text.isspace():
        return _BREAK if "\n" in text else _SPACE
    if is_punct or is_stop or _is_number(text) or _is_junk_latin(text):
        return _BREAK
    single = len(text) == 1
    if text.lower() in _MODEL_SUFFIXES:
        return _INNER  # "Pro", "Ultra" alone are pieces of a product name
    if p in pos:
        if single:
            # a single CJK character or Latin letter is a fragment, not a keyword
            return _INNER if _is_cjk(text) else _BREAK
        return _CONTENT
    if p in _INNER_POS or (p == "eng" and not single):
        return _INNER
    return _BREAK


def _phrase_key(tokens: Sequence[Token]) -> str:
    """Join tokens, keeping one space only between two Latin/digit words."""
    out = [tokens[0].text]
    for prev, tok in pairwise(tokens):
        if _is_latin_word(tok.text) and prev.text[-1:].isascii() and prev.text[-1:].isalnum():
            out.append(" ")
        out.append(tok.text)
    return "".join(out)


def _phrase_length(tokens: Sequence[Token]) -> int:
    """Length for the phrase cap: characters, a Latin/digit word counting as one."""
    return sum(1 if _is_latin_word(t.text) else len(t.text) for t in tokens)


@dataclass(slots=True)
class KeywordCandidates:
    """One article's keyword candidates: what fitting and ranking read.

    Compact and picklable, so a worker process can send it instead of the Doc (see
    :meth:`KeywordExtractor.candidates`). Treat it as opaque.
    """

    weight: dict[str, float]  # weighted term frequency
    count: dict[str, int]  # raw occurrences
    in_title: set[str]
    phrases: set[str]
    entities: set[str]
    # TextRank: per sentence, the sequence of unigram keys with their occurrence weight
    sequences: list[list[tuple[str, float]]]
    # term -> the out-of-vocabulary words (Token.oov, CJK) in it: such a term is a
    # keyword only when each of those words is in >= 2 documents of the fitted corpus
    oov: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


_URL = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef<>\"'()]+"
    r"|[\w.-]+\.(?:com|net|org|cn|io)(?:/[^\s\u3000-\u303f\uff00-\uffef<>\"'()]*)?",
    re.IGNORECASE | re.ASCII,
)


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "." not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def _lead_end(doc: Doc) -> int:
    """Character offset where the lead (first paragraph, <= 3 sentences) ends."""
    newline = doc.text.find("\n")
    end = len(doc.text) if newline < 0 else newline
    if len(doc.sentences) > _LEAD_SENTENCES:
        end = min(end, doc.sentences[_LEAD_SENTENCES - 1].end)
    return end


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.token_start, s.token_end) for s in doc.sentences]
    return [(0, len(doc.tokens))] if doc.tokens else []


def _collect(
    adoc: ArticleDoc,
    *,
    pos: frozenset[str],
    phrases: bool,
    max_phrase_tokens: int,
    max_phrase_chars: int,
    title_weight: float,
    lead_weight: float,
) -> KeywordCandidates:
    weight: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    in_title: set[str] = set()
    phrase_keys: set[str] = set()
    entity_keys: set[str] = set()
    sequences: list[list[tuple[str, float]]] = []
    oov: dict[str, frozenset[str]] = {}

    def add(key: str, w: float, title: bool) -> None:
        weight[key] += w
        count[key] += 1
        if title:
            in_title.add(key)

    for field, doc in (("title", adoc.title), ("text", adoc.text)):
        is_title = field == "title"
        lead_end = -1 if is_title else _lead_end(doc)
        tokens = doc.tokens
        urls = _url_spans(doc.text)
        n_urls = len(urls)
        u = 0  # tokens come in order: walk the URL spans along with them
        for s_start, s_end in _sentence_spans(doc):
            seq: list[tuple[str, float]] = []
            run: list[tuple[Token, int]] = []  # (token, class) of content/inner tokens

            def flush(run: list[tuple[Token, int]], w: float, is_title: bool = is_title) -> None:
                if not run:
                    return
                if phrases and len(run) >= 2:
                    _add_phrases(
                        run, w, is_title, add, phrase_keys, max_phrase_tokens, max_phrase_chars, oov
                    )
                run.clear()

            run_weight = 1.0
            for i in range(s_start, s_end):
                tok = tokens[i]
                cls = _classify(tok, pos)
                if u < n_urls:
                    while u < n_urls and urls[u][1] <= tok.start:
                        u += 1
                    if u < n_urls and urls[u][0] <= tok.start:
                        cls = _BREAK  # pieces of a link (depot, utm_source, wp-content)
                if cls == _SPACE:
                    continue
                if is_title:
                    w = title_weight
                elif tok.start < lead_end:
                    w = lead_weight
                else:
                    w = 1.0
                if cls == _ENTITY:
                    flush(run, run_weight)
                    key = tok.entry.name  # type: ignore[union-attr]
                    add(key, w, is_title)
                    entity_keys.add(key)
                    seq.append((key, w))
                    continue
                if cls == _BREAK:
                    if run:
                        flush(run, run_weight)
                    continue
                if not run:
                    run_weight = w
                run.append((tok, cls))
                if cls == _CONTENT:
                    add(tok.text, w, is_title)
                    seq.append((tok.text, w))
                    if tok.oov and _has_cjk(tok.text):
                        oov[tok.text] = frozenset((tok.text,))
            flush(run, run_weight)
            if seq:
                sequences.append(seq)
    return KeywordCandidates(
        dict(weight), dict(count), in_title, phrase_keys, entity_keys, sequences, oov
    )


def _add_phrases(
    run: list[tuple[Token, int]],
    w: float,
    is_title: bool,
    add: Any,
    phrase_keys: set[str],
    max_tokens: int,
    max_chars: int,
    oov: dict[str, frozenset[str]],
) -> None:
    n = len(run)
    for i in range(n):
        tok_i, cls_i = run[i]
        if cls_i != _CONTENT and tok_i.pos not in _START_POS:
            continue
        for j in range(i + 1, min(n, i + max_tokens)):
            if run[j][1] != _CONTENT:
                continue
            toks = [t for t, _ in run[i : j + 1]]
            if toks[0].text in _EDGE_WORDS or toks[-1].text in _EDGE_WORDS:
                continue  # 月份电信业务, 出货量同比: a time/report word at an edge adds nothing
            key = _phrase_key(toks)
            if _phrase_length(toks) > max_chars:
                break
            add(key, w, is_title)
            phrase_keys.add(key)
            new_words = [t.text for t in toks if t.oov and _has_cjk(t.text)]
            if new_words:
                oov[key] = oov.get(key, frozenset()).union(new_words)


# ----------------------------------------------------------------------------------------
# the estimator


def _validate_int(owner: str, name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise invalid_parameter(owner, name, f"an int >= {minimum}", value)
    return int(value)


def _validate_float(owner: str, name: str, value: Any, lo: float, hi: float | None = None) -> float:
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if (
        ok
        and math.isfinite(float(value))
        and float(value) >= lo
        and (hi is None or float(value) <= hi)
    ):
        return float(value)
    bound = f"a number >= {lo}" if hi is None else f"a number in [{lo}, {hi}]"
    raise invalid_parameter(owner, name, bound, value)


class KeywordExtractor(BaseEstimator):
    """Rank each article's keywords and keyphrases by TF-IDF or TextRank.

    Parameters
    ----------
    method : {"tfidf", "textrank"}, default "tfidf"
        ``"tfidf"``: weighted term frequency times the IDF learned by :meth:`fit`.
        ``"textrank"``: personalised PageRank over a word co-occurrence graph
        (window of 4 candidates within a sentence); phrases score the mean of their
        words. Works without ``fit``; when fitted, the IDF is used as the prior.
    top_k : int, default 10
        Keywords returned per article (>= 1).
    pos : tuple of str, default :data:`DEFAULT_POS`
        Part-of-speech tags of candidate words.
    min_df : int, default 1
        Terms seen in fewer fitted documents are not kept in the vocabulary; at
        ``transform`` a term missing from the vocabulary gets the IDF of an unseen
        term (the highest).
    max_df : float, default 1.0
        Terms in more than this share of the fitted documents are never keywords
        (with 1.0, none is excluded).
    title_weight, lead_weight : float, default 3.0 and 1.5
        Weight of an occurrence in the title and in the lead paragraph.
    generic_weight : float, default 0.3
        Multiplier for the shipped generic news words (0 removes them).
    phrases : bool, default True
        Build multi-word keyphrases from adjacent content words.
    max_phrase_tokens, max_phrase_chars : int, default 3 and 12
        Length caps for a keyphrase: tokens, and characters (a Latin or digit word
        counts as one character).
    redundancy : bool, default True
        Drop a keyword contained in a better-ranked keyphrase (``影像`` under
        ``影像技术``) or a plain word inside a better-ranked entity name, so the
        top-k list is not padded with parts of its own entries.
    tokenizer : Tokenizer or None
        Used for inputs that are not tokenized yet; ``None`` builds the default
        ``newsnlp.Tokenizer()`` on first use. ArticleDocs are never re-tokenized.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        Term -> column of ``idf_``.
    idf_ : numpy.ndarray
        Smoothed IDF, ``log((1 + n_docs_) / (1 + df)) + 1``.
    df_ : numpy.ndarray
        Document frequency of each term.
    n_docs_ : int
        Number of fitted documents.
    """

    def __init__(
        self,
        *,
        method: KeywordMethod = "tfidf",
        top_k: int = 10,
        pos: tuple[str, ...] = DEFAULT_POS,
        min_df: int = 1,
        max_df: float = 1.0,
        title_weight: float = 3.0,
        lead_weight: float = 1.5,
        generic_weight: float = 0.3,
        phrases: bool = True,
        max_phrase_tokens: int = 3,
        max_phrase_chars: int = 12,
        redundancy: bool = True,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        self.method = method
        self.top_k = top_k
        self.pos = pos
        self.min_df = min_df
        self.max_df = max_df
        self.title_weight = title_weight
        self.lead_weight = lead_weight
        self.generic_weight = generic_weight
        self.phrases = phrases
        self.max_phrase_tokens = max_phrase_tokens
        self.max_phrase_chars = max_phrase_chars
        self.redundancy = redundancy
        self.tokenizer = tokenizer

    # -- parameters ----------------------------------------------------------------------

    def validate_params(self) -> None:
        """Check the parameters now and raise :class:`~newsnlp.errors.ParameterError` if one is bad.

        ``fit`` and ``transform`` call this too; the batch layer calls it up front so a bad
        parameter fails once, before any article is processed.
        """
        self._validate_params()

    def _validate_params(self) -> None:
        owner = type(self).__name__
        if self.method not in _METHODS:
            raise invalid_parameter(owner, "method", "one of 'tfidf', 'textrank'", self.method)
        _validate_int(owner, "top_k", self.top_k, 1)
        _validate_int(owner, "min_df", self.min_df, 1)
        _validate_float(owner, "max_df", self.max_df, 0.0, 1.0)
        if float(self.max_df) <= 0.0:
            raise invalid_parameter(owner, "max_df", "a number in (0, 1]", self.max_df)
        _validate_float(owner, "title_weight", self.title_weight, 0.0)
        _validate_float(owner, "lead_weight", self.lead_weight, 0.0)
        _validate_float(owner, "generic_weight", self.generic_weight, 0.0)
        if not isinstance(self.phrases, bool):
            raise invalid_parameter(owner, "phrases", "a bool", self.phrases)
        if not isinstance(self.redundancy, bool):
            raise invalid_parameter(owner, "redundancy", "a bool", self.redundancy)
        _validate_int(owner, "max_phrase_tokens", self.max_phrase_tokens, 2)
        _validate_int(owner, "max_phrase_chars", self.max_phrase_chars, 2)
        if isinstance(self.pos, str) or not all(isinstance(p, str) for p in self.pos):
            raise invalid_parameter(owner, "pos", "a tuple of part-of-speech tags (str)", self.pos)

    # -- inputs --------------------------------------------------------------------------

    def _get_tokenizer(self) -> Tokenizer:
        if self.tokenizer is not None:
            return self.tokenizer
        cached: Tokenizer | None = self.__dict__.get("_default_tokenizer")
        if cached is None:
            from newsnlp.text.tokenizer import Tokenizer

            cached = Tokenizer()
            self.__dict__["_default_tokenizer"] = cached
        return cached

    def _docs(self, articles: Any, owner: str) -> list[ArticleDoc]:
        """ArticleDocs for any accepted input; a bare Doc is taken as a body without title."""
        if isinstance(articles, Doc):
            articles = [_wrap_doc(articles)]
        elif isinstance(articles, (list, tuple)):
            articles = [_wrap_doc(a) if isinstance(a, Doc) else a for a in articles]
        items = list(iter_items(articles, owner=owner))
        if all(isinstance(item, ArticleDoc) for item in items):
            return items  # type: ignore[return-value]
        return as_article_docs(items, self._get_tokenizer(), owner=owner)

    def _settings(self) -> dict[str, Any]:
        return {
            "pos": frozenset(self.pos),
            "phrases": self.phrases,
            "max_phrase_tokens": int(self.max_phrase_tokens),
            "max_phrase_chars": int(self.max_phrase_chars),
            "title_weight": float(self.title_weight),
            "lead_weight": float(self.lead_weight),
        }

    # -- fit -----------------------------------------------------------------------------

    def fit(self, articles: Any, y: Any = None) -> KeywordExtractor:
        """Learn document frequencies from a corpus.

        Parameters
        ----------
        articles : str, Article, ArticleDoc, Doc, list of these, or DataFrame
            The user's corpus (a DataFrame needs ``article_id`` and ``text``).
        y : ignored

        Returns
        -------
        KeywordExtractor
            ``self``, fitted.

        Raises
        ------
        ParameterError
            A parameter is out of range.
        ModelError
            The corpus is empty.
        """
        self._validate_params()
        docs = self._docs(articles, "KeywordExtractor.fit")
        return self._fit_docs(docs)

    def fit_docs(self, docs: Iterable[ArticleDoc]) -> KeywordExtractor:
        """Like :meth:`fit` for already tokenized ArticleDocs."""
        self._validate_params()
        return self._fit_docs(list(docs))

    def _fit_docs(self, docs: list[ArticleDoc]) -> KeywordExtractor:
        settings = self._settings()
        return self._fit_candidates([_collect(adoc, **settings) for adoc in docs])

    def candidates(self, doc: ArticleDoc) -> KeywordCandidates:
        """Return the keyword candidates of one tokenized article.

        With :meth:`fit_candidates` and :meth:`rank_candidates` this lets a batch layer
        collect candidates in worker processes and fit once in the parent: the result
        equals ``fit_docs`` / ``transform_docs`` on the same ArticleDocs.
        """
        self._validate_params()
        return _collect(doc, **self._settings())

    def fit_candidates(self, candidates: Iterable[KeywordCandidates]) -> KeywordExtractor:
        """Like :meth:`fit_docs` on the articles the ``candidates`` came from."""
        self._validate_params()
        return self._fit_candidates(list(candidates))

    def rank_candidates(self, candidates: KeywordCandidates) -> list[tuple[str, float]]:
        """Return ``[(keyword, score), ...]``, best first, as :meth:`transform` ranks them."""
        self._validate_params()
        self._check_fitted()
        return self._rank(candidates)

    def _fit_candidates(self, candidates: list[KeywordCandidates]) -> KeywordExtractor:
        if not candidates:
            raise ModelError(
                "KeywordExtractor.fit needs at least one article to learn document "
                "frequencies from; got an empty corpus."
            )
        df: dict[str, int] = defaultdict(int)
        for cands in candidates:
            for term in cands.weight:
                df[term] += 1
        n = len(candidates)
        min_df = int(self.min_df)
        terms = sorted(t for t, c in df.items() if c >= min_df)
        self._set_vocabulary(terms, np.array([df[t] for t in terms], dtype=np.int64), n)
        logger.debug("fitted KeywordExtractor on %d documents, %d terms", n, len(terms))
        return self

    def _set_vocabulary(self, terms: list[str], df: np.ndarray, n_docs: int) -> None:
        self.vocabulary_ = {t: i for i, t in enumerate(terms)}
        self.df_ = df
        self.n_docs_ = int(n_docs)
        self.idf_ = np.log((1.0 + n_docs) / (1.0 + df.astype(np.float64))) + 1.0

    def _is_fitted(self) -> bool:
        return hasattr(self, "idf_")

    # -- transform -----------------------------------------------------------------------

    def transform(self, articles: Any) -> pd.DataFrame:
        """Return the top keywords of each article.

        Parameters
        ----------
        articles : str, Article, ArticleDoc, Doc, list of these, or DataFrame
            Articles to describe; ArticleDocs are used as they are.

        Returns
        -------
        pandas.DataFrame
            The ``keywords`` frame, one row per (article, keyword):

            - ``article_id`` -- the article's id
            - ``keyword`` -- the term: a word, a keyphrase or an entity's canonical name
            - ``rank`` -- 1 = best within the article
            - ``score`` -- TF-IDF: the term's weight in the article's L2-normalised
              TF-IDF vector (0..1, comparable across articles); TextRank: the
              score relative to the article's best keyword (best = 1)
            - ``method`` -- ``"tfidf"`` or ``"textrank"``

            Articles without candidate words (empty text) have no rows; an empty input
            gives an empty frame with these columns.

        Raises
        ------
        NotFittedError
            ``method="tfidf"`` and :meth:`fit` was not called.
        """
        self._validate_params()
        self._check_fitted()
        docs = self._docs(articles, "KeywordExtractor.transform")
        return self._transform_docs(docs)

    def transform_docs(self, docs: Iterable[ArticleDoc]) -> pd.DataFrame:
        """Like :meth:`transform` for already tokenized ArticleDocs."""
        self._validate_params()
        self._check_fitted()
        return self._transform_docs(list(docs))

    def fit_transform(self, articles: Any, y: Any = None) -> pd.DataFrame:
        """Fit on ``articles`` and return their keywords (tokenizing once)."""
        self._validate_params()
        docs = self._docs(articles, "KeywordExtractor.fit_transform")
        self._fit_docs(docs)
        return self._transform_docs(docs)

    def _check_fitted(self) -> None:
        if self.method == "tfidf" and not self._is_fitted():
            raise NotFittedError(
                "This KeywordExtractor(method='tfidf') is not fitted yet: call "
                "fit(articles) with your corpus first (or fit_transform), load a saved one "
                "with KeywordExtractor.load(path), or use method='textrank', which needs no fit."
            )

    def _transform_docs(self, docs: list[ArticleDoc]) -> pd.DataFrame:
        settings = self._settings()
        rows: list[dict[str, Any]] = []
        for adoc in docs:
            ranked = self._rank(_collect(adoc, **settings))
            for rank, (term, score) in enumerate(ranked, start=1):
                rows.append(
                    {
                        "article_id": adoc.article_id,
                        "keyword": term,
                        "rank": rank,
                        "score": score,
                        "method": self.method,
                    }
                )
        return frame_from_records(rows, "keywords")

    def keywords(self, article: Any) -> list[tuple[str, float]]:
        """Return ``[(keyword, score), ...]`` for one article, best first."""
        self._validate_params()
        self._check_fitted()
        docs = self._docs(article, "KeywordExtractor.keywords")
        if len(docs) != 1:
            raise InputTypeError(
                f"KeywordExtractor.keywords takes one article; got {len(docs)}. "
                "Use transform() for many."
            )
        return self._rank(_collect(docs[0], **self._settings()))

    # -- scoring -------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        idx = self.vocabulary_.get(term)
        if idx is None:
            return float(math.log(1.0 + self.n_docs_) + 1.0)
        return float(self.idf_[idx])

    def _df(self, term: str) -> int:
        idx = self.vocabulary_.get(term)
        return 0 if idx is None else int(self.df_[idx])

    def _eligible(self, cands: KeywordCandidates) -> dict[str, float]:
        """Weighted tf of the terms that may be keywords."""
        fitted = self._is_fitted()
        max_df = float(self.max_df)
        generic = generic_news_words()
        gw = float(self.generic_weight)
        out: dict[str, float] = {}
        oov = cands.oov
        for term, w in cands.weight.items():
            if (
                oov
                and term in oov
                and not all(
                    cands.count.get(word, 0) >= _OOV_MIN_COUNT
                    or (fitted and self._df(word) >= _OOV_MIN_DF)
                    for word in oov[term]
                )
            ):
                continue  # 元换, 芯开先例: a fragment the segmenter's HMM made up
            if term in cands.phrases:
                recurring = cands.count[term] >= 2 or term in cands.in_title
                if not recurring and not (fitted and self._df(term) >= 2):
                    continue
            if fitted and max_df < 1.0 and self._df(term) > max_df * self.n_docs_:
                continue
            if term in generic:
                w *= gw
            if w > 0:
                out[term] = w
        return out

    def _rank(self, cands: KeywordCandidates) -> list[tuple[str, float]]:
        tf = self._eligible(cands)
        if not tf:
            return []
        if self.method == "tfidf":
            scores = {t: w * self._idf(t) for t, w in tf.items()}
            norm = math.sqrt(sum(s * s for s in scores.values()))
            scores = {t: s / norm for t, s in scores.items()}
        else:
            scores = self._textrank(cands, tf)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return _select(ranked, cands, int(self.top_k), self.redundancy)

    def _textrank(self, cands: KeywordCandidates, tf: Mapping[str, float]) -> dict[str, float]:
        fitted = self._is_fitted()
        nodes = [t for t in tf if t not in cands.phrases]
        if not nodes:
            nodes = list(tf)
        index = {t: i for i, t in enumerate(nodes)}
        n = len(nodes)
        prior = np.array([tf[t] * (self._idf(t) if fitted else 1.0) for t in nodes])
        prior = prior / prior.sum()
        edges: dict[tuple[int, int], float] = defaultdict(float)
        for seq in cands.sequences:
            ids = [index.get(k) for k, _ in seq]
            for a, ia in enumerate(ids):
                if ia is None:
                    continue
                for ib in ids[a + 1 : a + _TEXTRANK_WINDOW]:
                    if ib is not None and ib != ia:
                        edges[(ia, ib)] += 1.0
                        edges[(ib, ia)] += 1.0
        rows = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
        cols = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
        vals = np.fromiter(edges.values(), dtype=np.float64, count=len(edges))
        out_w = np.bincount(rows, weights=vals, minlength=n)
        dangling = out_w == 0
        # column-stochastic transition matrix, sparse: long articles have thousands of words
        trans = sparse.csr_matrix((vals / out_w[rows], (cols, rows)), shape=(n, n))
        rank = prior.copy()
        d = _TEXTRANK_DAMPING
        for _ in range(_TEXTRANK_ITER):
            new = (1 - d) * prior + d * (trans @ rank + rank[dangling].sum() * prior)
            if np.abs(new - rank).sum() < 1e-9:
                rank = new
                break
            rank = new
        scores = {t: float(rank[i]) for t, i in index.items()}
        for term in tf:
            if term in cands.phrases and term not in scores:
                parts = [scores[p] for p in _phrase_parts(term, index)]
                if parts:
                    scores[term] = sum(parts) / len(parts)
        best = max(scores.values())
        return {t: s / best for t, s in scores.items()} if best > 0 else scores

    # -- persistence ---------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the parameters and learned document frequencies as UTF-8 JSON.

        The file is written atomically (a temporary file in the same directory, then
        renamed), so an interrupted save never leaves a half-written file at ``path``.
        The tokenizer is not saved; pass one to :meth:`load` if you used a custom one.
        A ``textrank`` extractor, which needs no fit, may be saved unfitted (its
        parameters only).

        Raises
        ------
        NotFittedError
            ``method="tfidf"`` and :meth:`fit` was not called (there is nothing learned
            to save).
        ModelError
            The file cannot be written (missing directory, no permission, ...).
        """
        self._check_fitted()
        params = {k: v for k, v in self.get_params().items() if k != "tokenizer"}
        params["pos"] = list(params["pos"])
        state: dict[str, Any] = {"format": _FORMAT, "version": _FORMAT_VERSION, "params": params}
        if self._is_fitted():
            terms = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
            state["n_docs"] = self.n_docs_
            state["terms"] = terms
            state["df"] = [int(x) for x in self.df_]
        data = json.dumps(state, ensure_ascii=False).encode("utf-8")
        write_atomically(Path(path), data, "the KeywordExtractor")

    @classmethod
    def load(cls, path: str | Path, *, tokenizer: Tokenizer | None = None) -> KeywordExtractor:
        """Read an extractor written by :meth:`save`.

        Raises
        ------
        ModelError
            The file is missing or unreadable, is not a saved KeywordExtractor, or is
            damaged.
        """
        try:
            state = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"Cannot read a KeywordExtractor from {str(path)!r}: {exc}") from exc
        if not isinstance(state, dict) or state.get("format") != _FORMAT:
            raise ModelError(
                f"{str(path)!r} is not a saved KeywordExtractor (no format {_FORMAT!r})."
            )
        if state.get("version") != _FORMAT_VERSION:
            raise ModelError(
                f"{str(path)!r} has KeywordExtractor format version {state.get('version')!r}; "
                f"this newsnlp reads version {_FORMAT_VERSION}."
            )
        try:
            params = dict(state["params"])
            params["pos"] = tuple(params["pos"])
            obj = cls(**params, tokenizer=tokenizer)
            obj._validate_params()
            if "terms" in state:
                terms = [str(t) for t in state["terms"]]
                df = np.array(state["df"], dtype=np.int64)
                if len(df) != len(terms):
                    raise ValueError("'terms' and 'df' differ in length")
                obj._set_vocabulary(terms, df, int(state["n_docs"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{str(path)!r} is a damaged KeywordExtractor file: {exc}") from exc
        return obj

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_default_tokenizer", None)  # rebuilt on first use in the other process
        return state


def _wrap_doc(doc: Doc) -> ArticleDoc:
    return ArticleDoc(
        article_id=make_article_id(content=doc.text),
        title=Doc(text="", tokens=(), sentences=()),
        text=doc,
    )


def _phrase_parts(phrase: str, index: Mapping[str, int]) -> list[str]:
    """Greedy longest-match split of a phrase into known node words."""
    parts: list[str] = []
    i = 0
    text = phrase
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        for j in range(len(text), i, -1):
            if text[i:j] in index:
                parts.append(text[i:j])
                i = j
                break
        else:
            i += 1
    return parts


def _select(
    ranked: list[tuple[str, float]], cands: KeywordCandidates, top_k: int, redundancy: bool
) -> list[tuple[str, float]]:
    """Take the best ``top_k``; with ``redundancy``, skip terms inside a better keyphrase.

    A term is skipped when a better-ranked keyphrase contains it (``影像`` under
    ``影像技术``), when it is a keyphrase containing a better-ranked keyphrase, or when
    it is a plain word inside a better-ranked entity name (``Note`` under ``Redmi Note
    11``). Two entities are never redundant (``小米`` and ``小米 12S Ultra`` both stay).
    """
    if not redundancy:
        return ranked[:top_k]
    phrases, entities = cands.phrases, cands.entities
    chosen: list[tuple[str, float]] = []
    containers: list[str] = []
    for term, score in ranked:
        is_phrase = term in phrases
        if any(term in c or (is_phrase and c in term) for c in containers if c in phrases):
            continue
        if term not in entities and any(term in c for c in containers if c in entities):
            continue
        chosen.append((term, score))
        if is_phrase or term in entities:
            containers.append(term)
        if len(chosen) >= top_k:
            break
    return chosen


# ----------------------------------------------------------------------------------------
# corpus level

_PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _empty(columns: Mapping[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in columns.items()})


def _typed(frame: pd.DataFrame, columns: Mapping[str, Any]) -> pd.DataFrame:
    if len(frame) == 0:
        return _empty(columns)
    return pd.DataFrame({c: frame[c].reset_index(drop=True).astype(d) for c, d in columns.items()})


def _check_keywords_frame(keywords: Any, owner: str) -> pd.DataFrame:
    if not isinstance(keywords, pd.DataFrame):
        raise InputTypeError(
            f"{owner} needs the keywords frame from KeywordExtractor.transform; got {describe(keywords)}."
        )
    missing = [c for c in ("article_id", "keyword", "score") if c not in keywords.columns]
    if missing:
        raise InputTypeError(
            f"{owner}: the keywords frame lacks columns {missing}; expected the frame "
            "KeywordExtractor.transform returns."
        )
    return keywords


def _utc_times(articles: pd.DataFrame, owner: str) -> pd.Series:
    if "published_at" not in articles.columns:
        raise InputTypeError(
            f"{owner} needs a 'published_at' column in the articles frame to group by time; "
            f"columns present: {list(articles.columns)}."
        )
    return pd.to_datetime(articles["published_at"], utc=True, errors="coerce")


def _to_naive_utc(times: pd.Series) -> pd.Series:
    return times.dt.tz_convert("UTC").dt.tz_localize(None)


def _period_freq(freq: str, owner: str) -> str:
    alias = _PERIODS.get(freq, freq)
    try:
        pd.Period("2022-01-01", freq=alias)
    except (ValueError, TypeError) as exc:
        raise invalid_parameter(
            owner,
            "freq",
            "a period alias such as 'D', 'W', 'M', 'Q', 'Y' (or 'week', 'month')",
            freq,
        ) from exc
    return alias


def top_keywords(
    keywords: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "source",
    top_k: int = 10,
) -> pd.DataFrame:
    """Top keywords per group of articles: per source, per month or any column.

    Parameters
    ----------
    keywords : DataFrame
        The ``keywords`` frame (from :meth:`KeywordExtractor.transform`).
    articles : DataFrame
        The ``articles`` frame (or any frame with ``article_id`` and the ``by`` column).
    by : str, default "source"
        A column of ``articles`` (or of ``keywords``), or one of ``"day"``, ``"week"``,
        ``"month"``, ``"quarter"``, ``"year"``, which group by ``published_at`` (UTC)
        when no column of that name exists. Articles whose group is null are left out;
        with a list column (``categories``) an article counts in each of its values.
    top_k : int, default 10
        Keywords per group (>= 1).

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`TOP_KEYWORDS_COLUMNS`), sorted by group then rank:

        - ``group`` -- the group's value as a string (a period label like ``2022-06``)
        - ``keyword`` -- the keyword
        - ``rank`` -- 1 = best within the group
        - ``count`` -- articles of the group that have the keyword
        - ``share`` -- ``count`` / articles of the group that have any keyword
        - ``score`` -- sum of the keyword's per-article scores in the group (ranks by
          this, ties by ``count`` then keyword)
    """
    owner = "top_keywords"
    _validate_int(owner, "top_k", top_k, 1)
    keywords = _check_keywords_frame(keywords, owner)
    if not isinstance(articles, pd.DataFrame) or "article_id" not in articles.columns:
        raise InputTypeError(
            f"{owner} needs an articles DataFrame with an 'article_id' column; got {describe(articles)}."
        )
    if len(keywords) == 0 or len(articles) == 0:
        return _empty(TOP_KEYWORDS_COLUMNS)
    if by in articles.columns:
        values = articles[by].tolist()
        if any(isinstance(v, (list, tuple, np.ndarray)) for v in values):
            # a list column (categories): an article counts in each of its values
            values = [list(v) if isinstance(v, (list, tuple, np.ndarray)) else v for v in values]
            groups = pd.DataFrame({"article_id": articles["article_id"].tolist(), "group": values})
            groups = groups.explode("group")
        else:
            groups = articles[["article_id"]].assign(group=articles[by])
    elif by in keywords.columns:
        groups = (
            keywords[["article_id", by]].drop_duplicates("article_id").rename(columns={by: "group"})
        )
    elif by in _PERIODS:
        times = _utc_times(articles, owner)
        periods = _to_naive_utc(times).dt.to_period(_PERIODS[by]).astype("string")
        groups = articles[["article_id"]].assign(group=periods)
    else:
        raise invalid_parameter(
            owner,
            "by",
            f"a column of the articles frame ({list(articles.columns)}) or one of {list(_PERIODS)}",
            by,
        )
    groups = groups.dropna(subset=["group"])
    groups = groups.astype({"article_id": "string", "group": "string"})
    groups = groups.drop_duplicates(["article_id", "group"])
    kw = keywords[["article_id", "keyword", "score"]].astype({"article_id": "string"})
    merged = kw.merge(groups, on="article_id", how="inner")
    if len(merged) == 0:
        return _empty(TOP_KEYWORDS_COLUMNS)
    merged["score"] = merged["score"].astype("Float64").fillna(0.0)
    n_group = merged.groupby("group")["article_id"].nunique()
    agg = merged.groupby(["group", "keyword"], as_index=False).agg(
        count=("article_id", "nunique"), score=("score", "sum")
    )
    agg["share"] = agg["count"] / agg["group"].map(n_group).astype("float64")
    agg = agg.sort_values(
        ["group", "score", "count", "keyword"], ascending=[True, False, False, True]
    )
    agg["rank"] = agg.groupby("group").cumcount() + 1
    agg = agg[agg["rank"] <= top_k]
    return _typed(agg, TOP_KEYWORDS_COLUMNS)


def trending_keywords(
    keywords: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    freq: str = "W",
    window: int = 4,
    min_count: int = 3,
    min_ratio: float = 2.0,
    top_k: int = 10,
) -> pd.DataFrame:
    """Keywords whose share of articles in a period rises well above their own history.

    For each period (of ``freq``) and keyword, ``count`` is the number of the period's
    articles that have the keyword. Its ``baseline`` is the count expected if the
    keyword kept its share of articles from the previous ``window`` periods:
    ``n_articles * (its articles in the window / all articles in the window)`` (0 when
    it never appeared). A keyword trends when ``count >= min_count`` and
    ``ratio = (count + 1) / (baseline + 1) >= min_ratio``; the first period, which has
    no history, is not scored. The +1 smoothing keeps every figure finite.

    Parameters
    ----------
    keywords : DataFrame
        The ``keywords`` frame.
    articles : DataFrame
        A frame with ``article_id`` and ``published_at``; articles without a date are
        left out.
    freq : str, default "W"
        Period alias: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"`` (or ``"day"``,
        ``"week"``, ``"month"``, ``"quarter"``, ``"year"``).
    window : int, default 4
        Number of previous periods forming the history (>= 1).
    min_count : int, default 3
        Minimum articles in the period (>= 1).
    min_ratio : float, default 2.0
        Minimum smoothed ratio to the baseline (>= 1).
    top_k : int, default 10
        Trending keywords kept per period (>= 1), by ``zscore``.

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`TRENDING_COLUMNS`), sorted by period then rank:

        - ``period`` -- start of the period (UTC timestamp)
        - ``keyword`` -- the keyword
        - ``rank`` -- 1 = strongest rise in the period (highest ``zscore``)
        - ``count`` -- articles of the period that have the keyword
        - ``n_articles`` -- articles in the period
        - ``baseline`` -- expected count from the keyword's share in the previous window
        - ``ratio`` -- ``(count + 1) / (baseline + 1)``
        - ``zscore`` -- ``(count - baseline) / sqrt(baseline + 1)``
    """
    owner = "trending_keywords"
    _validate_int(owner, "window", window, 1)
    _validate_int(owner, "min_count", min_count, 1)
    _validate_float(owner, "min_ratio", min_ratio, 1.0)
    _validate_int(owner, "top_k", top_k, 1)
    alias = _period_freq(freq, owner)
    keywords = _check_keywords_frame(keywords, owner)
    if not isinstance(articles, pd.DataFrame) or "article_id" not in articles.columns:
        raise InputTypeError(
            f"{owner} needs an articles DataFrame with 'article_id' and 'published_at'; "
            f"got {describe(articles)}."
        )
    times = _utc_times(articles, owner)
    if len(keywords) == 0 or len(articles) == 0:
        return _empty(TRENDING_COLUMNS)
    dated = pd.DataFrame({"article_id": articles["article_id"].astype("string"), "time": times})
    dated = dated.dropna(subset=["time"]).drop_duplicates("article_id")
    if len(dated) == 0:
        return _empty(TRENDING_COLUMNS)
    dated["period"] = _to_naive_utc(dated["time"]).dt.to_period(alias)
    first, last = dated["period"].min(), dated["period"].max()
    all_periods = pd.period_range(first, last, freq=alias)
    n_articles = dated.groupby("period").size().reindex(all_periods, fill_value=0)

    kw = keywords[["article_id", "keyword"]].astype({"article_id": "string"}).drop_duplicates()
    merged = kw.merge(dated[["article_id", "period"]], on="article_id", how="inner")
    if len(merged) == 0:
        return _empty(TRENDING_COLUMNS)
    counts = (
        merged.groupby(["keyword", "period"])
        .size()
        .unstack("period", fill_value=0)
        .reindex(columns=all_periods, fill_value=0)
    )
    c = counts.to_numpy(dtype=np.float64)  # keywords x periods
    n = n_articles.to_numpy(dtype=np.float64)
    # rolling sums over the previous `window` periods (excluding the current one)
    csum = np.concatenate([np.zeros((c.shape[0], 1)), np.cumsum(c, axis=1)], axis=1)
    nsum = np.concatenate([[0.0], np.cumsum(n)])
    idx = np.arange(c.shape[1])
    lo = np.maximum(idx - window, 0)
    hist_c = csum[:, idx] - csum[:, lo]
    hist_n = nsum[idx] - nsum[lo]
    share = np.divide(hist_c, hist_n, out=np.zeros_like(hist_c), where=hist_n > 0)
    baseline = share * n
    ratio = (c + 1.0) / (baseline + 1.0)
    z = (c - baseline) / np.sqrt(baseline + 1.0)
    scored = (hist_n > 0)[None, :] & (c >= min_count) & (ratio >= float(min_ratio))
    ki, pi = np.nonzero(scored)
    if len(ki) == 0:
        return _empty(TRENDING_COLUMNS)
    out = pd.DataFrame(
        {
            "period": [all_periods[int(p)].start_time for p in pi],
            "keyword": counts.index.to_numpy()[ki],
            "count": c[ki, pi].astype(np.int64),
            "n_articles": n[pi].astype(np.int64),
            "baseline": baseline[ki, pi],
            "ratio": ratio[ki, pi],
            "zscore": z[ki, pi],
        }
    )
    out["period"] = pd.to_datetime(out["period"]).dt.tz_localize("UTC")
    out = out.sort_values(
        ["period", "zscore", "count", "keyword"], ascending=[True, False, False, True]
    )
    out["rank"] = out.groupby("period").cumcount() + 1
    out = out[out["rank"] <= top_k]
    return _typed(out, TRENDING_COLUMNS)
