"""Sentiment of news articles, their sentences and the entities they mention.

:class:`SentimentScorer` reads the one tokenization of each article (an
:class:`~newsnlp.text.doc.ArticleDoc`) and scores it with one of three methods:

``"lexicon"`` (the default)
    The shipped news-sentiment lexicon (``newsnlp/data/sentiment/lexicon.tsv``,
    written by the project) with negation (不/没/未/无/并非…), degree adverbs
    (非常/极其/略/稍…), contrast (但/却/然而/不过…: the clause after weighs more,
    a 虽然/尽管 clause less) and comparatives toward an entity (A 超越/领先/优于 B
    is good for A and bad for B; A 不如/落后于/逊于 B the reverse). News is mostly
    neutral in tone, so scores inside ``neutral_band`` are labelled neutral.
``"model"``
    A scikit-learn classifier trained on the user's own labelled texts with
    :meth:`SentimentScorer.fit` (see :mod:`newsnlp.analysis.sentiment_model`).
``"snownlp"``
    SnowNLP's sentiment (trained on shopping reviews), as a baseline. Optional
    dependency, imported only when used.

Scores are in −1…1 (negative…positive); labels are ``negative``, ``neutral`` or
``positive``; a confidence in 0…1 says how much evidence there was (0 for an
empty text).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
from sklearn.base import BaseEstimator

from newsnlp._inputs import as_article_docs
from newsnlp.errors import (
    InputTypeError,
    LexiconError,
    NotFittedError,
    ParameterError,
    describe,
    invalid_parameter,
)
from newsnlp.schemas import conform, empty_frame, frame_from_records
from newsnlp.text.doc import ArticleDoc, Doc, Token

if TYPE_CHECKING:
    from newsnlp.analysis.sentiment_model import SentimentModel
    from newsnlp.text.tokenizer import Tokenizer

__all__ = [
    "LABELS",
    "SentimentLexicon",
    "SentimentResult",
    "SentimentScorer",
    "merge_entity_sentiment",
    "score_sentiment",
]

logger = logging.getLogger(__name__)

Method = Literal["lexicon", "model", "snownlp"]
Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
_METHODS = ("lexicon", "model", "snownlp")

# Punctuation that ends a clause inside a sentence (sentence ends come from Doc.sentences).
_CLAUSE_BREAKS = frozenset("，,；;：:！!？?。…\n—")  # not 、: it joins list items
# Prefixes tried when the segmenter fused a modifier with a sentiment word (不好用, 很不错, 太差).
_MAX_PREFIX = 3
# How far (in content tokens) a negator or degree adverb reaches forward.
_MODIFIER_REACH = 3
# Clause weights around contrast: the clause after 但/却 counts more, a 虽然 clause less.
_BEFORE_CONTRAST = 0.5
_AFTER_CONTRAST = 1.5
_CONCESSION = 0.5
# A question clause is often rhetorical or hypothetical in news; count it less.
_QUESTION = 0.6
# Comparative weight toward an entity (A 超越 B): the size of a strong sentiment word.
_COMPARATIVE_WEIGHT = 1.5
# The title states the news; it counts as much as this many body sentences' worth of words.
_TITLE_WEIGHT = 1.5
# Scale of the squashing: raw sums per sqrt(content tokens) are divided by this.
_DOC_SCALE = 1.0
_SENTENCE_SCALE = 1.5
_ENTITY_SCALE = 1.5
# Clauses after the one naming an entity still speak of it, a little less surely.
_CONTINUATION = 0.7


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class SentimentLexicon:
    """Sentiment words with weights and the modifier words that change them.

    Attributes
    ----------
    words : Mapping[str, float]
        Word -> weight in −3…3 (sign = polarity).
    negators : Mapping[str, float]
        Word -> multiplier for the next sentiment word (−1 flips, −0.5 flips and dampens).
    degrees : Mapping[str, float]
        Degree adverb -> multiplier (非常 1.8, 略 0.6).
    contrast : frozenset of str
        Words after which a clause weighs more (但, 却, 然而, 不过…).
    concession : frozenset of str
        Words that open a clause that weighs less (虽然, 尽管…).
    comparative : Mapping[str, float]
        Word -> +1 when ``A word B`` is good for A (超越, 领先), −1 when bad (不如, 落后于).
    reversers : Mapping[str, float]
        Verbs that undo the negative word after them (修复漏洞, 解决问题, 驳回罚款):
        word -> multiplier applied to that negative word (−0.5 turns it mildly positive).
    """

    words: Mapping[str, float]
    negators: Mapping[str, float]
    degrees: Mapping[str, float]
    contrast: frozenset[str]
    concession: frozenset[str]
    comparative: Mapping[str, float]
    reversers: Mapping[str, float] = dataclasses.field(default_factory=dict)

    @classmethod
    def default(cls) -> SentimentLexicon:
        """Return the lexicon shipped with newsnlp (read once per process)."""
        return _default_lexicon()

    @classmethod
    def from_files(cls, words: str | Path, modifiers: str | Path | None = None) -> SentimentLexicon:
        """Read a lexicon from ``word<TAB>weight`` and ``kind<TAB>word<TAB>value`` files.

        Parameters
        ----------
        words : str or Path
            One ``word<TAB>weight`` a line; ``#`` starts a comment line.
        modifiers : str or Path, optional
            One ``kind<TAB>word<TAB>value`` a line, kind one of ``negator``, ``degree``,
            ``contrast``, ``concession``, ``comparative_pos``, ``comparative_neg``,
            ``reverser``. The
            shipped modifiers are used when omitted.

        Raises
        ------
        LexiconError
            When a line is malformed (the message names the file and line).
        """
        word_map = _read_words(Path(words).read_text(encoding="utf-8"), str(words))
        if modifiers is None:
            base = cls.default()
            return cls(word_map, base.negators, base.degrees, base.contrast, base.concession,
                       base.comparative, base.reversers)
        mods = _read_modifiers(Path(modifiers).read_text(encoding="utf-8"), str(modifiers))
        return cls(word_map, *mods)

    def with_words(self, extra: Mapping[str, float]) -> SentimentLexicon:
        """Return a copy with ``extra`` words added or re-weighted (this one is unchanged)."""
        merged = dict(self.words)
        for word, weight in extra.items():
            if not isinstance(word, str) or not word.strip():
                raise LexiconError(f"Sentiment lexicon words must be non-empty strings; got {describe(word)}.")
            merged[word.strip()] = _weight(weight, f"extra word {word!r}")
        return SentimentLexicon(merged, self.negators, self.degrees, self.contrast, self.concession,
                                self.comparative, self.reversers)


def _weight(value: Any, where: str) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise LexiconError(f"{where}: the weight must be a number, got {describe(value)}.") from None
    if not math.isfinite(out) or not -5.0 <= out <= 5.0:
        raise LexiconError(f"{where}: the weight must be a finite number in -5..5, got {out!r}.")
    return out


def _read_words(text: str, name: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise LexiconError(f"{name}, line {lineno}: expected 'word<TAB>weight', got {line!r}.")
        out[parts[0].strip()] = _weight(parts[1], f"{name}, line {lineno}")
    if not out:
        raise LexiconError(f"{name}: the sentiment lexicon has no words.")
    return out


def _read_modifiers(
    text: str, name: str
) -> tuple[
    dict[str, float], dict[str, float], frozenset[str], frozenset[str], dict[str, float], dict[str, float]
]:
    negators: dict[str, float] = {}
    reversers: dict[str, float] = {}
    degrees: dict[str, float] = {}
    contrast: set[str] = set()
    concession: set[str] = set()
    comparative: dict[str, float] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].strip():
            raise LexiconError(f"{name}, line {lineno}: expected 'kind<TAB>word<TAB>value', got {line!r}.")
        kind, word, raw = parts[0].strip(), parts[1].strip(), parts[2]
        value = _weight(raw, f"{name}, line {lineno}")
        if kind == "negator":
            negators[word] = value
        elif kind == "degree":
            degrees[word] = value
        elif kind == "contrast":
            contrast.add(word)
        elif kind == "concession":
            concession.add(word)
        elif kind == "comparative_pos":
            comparative[word] = 1.0
        elif kind == "comparative_neg":
            comparative[word] = -1.0
        elif kind == "reverser":
            reversers[word] = value
        else:
            raise LexiconError(
                f"{name}, line {lineno}: unknown modifier kind {kind!r}; expected negator, degree, "
                "contrast, concession, comparative_pos, comparative_neg or reverser."
            )
    return negators, degrees, frozenset(contrast), frozenset(concession), comparative, reversers


@lru_cache(maxsize=1)
def _default_lexicon() -> SentimentLexicon:
    base = resources.files("newsnlp") / "data" / "sentiment"
    words = _read_words((base / "lexicon.tsv").read_text(encoding="utf-8"), "newsnlp/data/sentiment/lexicon.tsv")
    mods = _read_modifiers(
        (base / "modifiers.tsv").read_text(encoding="utf-8"), "newsnlp/data/sentiment/modifiers.tsv"
    )
    return SentimentLexicon(words, *mods)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SentimentResult:
    """The sentiment of one text.

    Attributes
    ----------
    score : float
        −1 (negative) … 1 (positive).
    label : str
        ``negative``, ``neutral`` or ``positive``.
    confidence : float
        0…1; 0 when there was no evidence (an empty text, no sentiment words).
    """

    score: float
    label: str
    confidence: float


@dataclass(frozen=True, slots=True)
class _Clause:
    """A clause of a Doc with its lexicon evidence."""

    start: int  # character offsets into Doc.text
    end: int
    raw: float  # weighted sum of sentiment-word values (contrast weight applied)
    n_content: int  # content tokens (not punctuation/space)
    n_hits: int  # sentiment words found
    pos: float  # sum of positive contributions
    neg: float  # sum of negative contributions (<= 0)
    weight: float  # contrast/concession/question weight already applied to raw
    comparatives: tuple[tuple[int, float], ...]  # (char offset, signed value) of comparatives
    hits: tuple[tuple[int, float], ...] = ()  # (char offset, value before the clause weight)


class _Engine:
    """Lexicon scoring over tokens (no state beyond the lexicon; thread-safe)."""

    def __init__(self, lexicon: SentimentLexicon) -> None:
        self.lex = lexicon
        self.words = dict(lexicon.words)
        self.negators = dict(lexicon.negators)
        self.degrees = dict(lexicon.degrees)
        self.contrast = lexicon.contrast
        self.concession = lexicon.concession
        self.comparative = dict(lexicon.comparative)
        self.reversers = dict(lexicon.reversers)

    # A fused token (不好用, 很不错, 不太稳定) -> (multiplier, weight) or None.
    def _split_fused(self, text: str) -> tuple[float, float] | None:
        mult = 1.0
        rest = text
        for _ in range(3):
            found = False
            for k in range(min(_MAX_PREFIX, len(rest) - 1), 0, -1):
                head = rest[:k]
                if head in self.negators:
                    mult *= self.negators[head]
                elif head in self.degrees:
                    mult *= self.degrees[head]
                else:
                    continue
                rest = rest[k:]
                found = True
                break
            if not found:
                break
            weight = self.words.get(rest)
            if weight is not None:
                return mult, weight
        # 好用/难用/不好看: a sentiment word followed by a light suffix
        if len(text) >= 3 and text[-1] in "了的用看" and text[:-1] in self.words:
            return 1.0, self.words[text[:-1]]
        return None

    def _fused_comparative(self, text: str) -> float | None:
        for k in (3, 2):
            tail = text[-k:]
            if len(text) > k and tail in self.comparative:
                head = text[:-k]
                sign = self.negators.get(head, 1.0)
                return self.comparative[tail] * (-1.0 if sign < 0 else 1.0)
        return None

    def clauses(self, doc: Doc, sentence_index: int) -> list[_Clause]:
        """Split sentence ``sentence_index`` of ``doc`` into scored clauses."""
        tokens = doc.sentence_tokens(sentence_index)
        groups: list[list[Token]] = [[]]
        for tok in tokens:
            groups[-1].append(tok)
            if tok.text and tok.text[-1] in _CLAUSE_BREAKS:
                groups.append([])
        if not groups[-1]:
            groups.pop()
        out: list[_Clause] = []
        contrast_seen = False
        for group in groups:
            weight = 1.0
            raw, pos, neg, hits, n_content = 0.0, 0.0, 0.0, 0, 0
            mult, reach = 1.0, 0
            # a reverser (修复, 解决, 驳回) undoing the negative words after it in the clause:
            # (multiplier, 1 once it has undone a word, index in ``found`` of its own provisional hit or -1)
            rev: tuple[float, int, int] | None = None
            comps: list[tuple[int, float]] = []
            found: list[tuple[int, float]] = []
            has_contrast = has_concession = question = False
            for tok in group:
                text = tok.text
                if tok.is_punct or text.isspace() or not text:
                    if "?" in text or "？" in text:
                        question = True
                    continue
                n_content += 1
                if tok.entry is not None:
                    reach = max(reach - 1, 0)
                    if reach == 0:
                        mult = 1.0
                    continue
                if text in self.contrast:
                    has_contrast = True
                    mult, reach, rev = 1.0, 0, None
                    continue
                if text in self.concession:
                    has_concession = True
                    continue
                if text in self.reversers:
                    own = self.words.get(text)
                    index = -1
                    if own is not None:
                        # counted for now; dropped if it does undo a negative word
                        raw += own
                        hits += 1
                        index = len(found)
                        found.append((tok.start, own))
                        if own > 0:
                            pos += own
                        else:
                            neg += own
                    rev = (self.reversers[text], 0, index)
                    continue
                comp = self.comparative.get(text)
                if comp is None and len(text) >= 3:
                    comp = self._fused_comparative(text)
                if comp is not None:
                    comps.append((tok.start, comp * (mult if reach else 1.0)))
                w = self.words.get(text)
                m = 1.0
                if w is None:
                    if text in self.negators:
                        mult = (mult if reach else 1.0) * self.negators[text]
                        reach = _MODIFIER_REACH
                        continue
                    if text in self.degrees:
                        mult = (mult if reach else 1.0) * self.degrees[text]
                        reach = _MODIFIER_REACH
                        continue
                    fused = self._split_fused(text) if len(text) >= 2 else None
                    if fused is None:
                        if reach:
                            reach -= 1
                            if reach == 0:
                                mult = 1.0
                        # The reverser's object ends at the next verb, adverb or conjunction,
                        # or right after the negative words it undid (修复漏洞后…卡顿).
                        if rev is not None and (rev[1] or tok.pos[:1] in ("v", "d", "c")):
                            rev = None
                        continue
                    m, w = fused
                if reach:
                    m *= mult
                mult, reach = 1.0, 0
                value = w * m
                if value < 0 and w > 0 and m < 0:
                    # 不好 is less bad than 差 is bad; 不差 is only mildly good.
                    value *= 0.8
                elif value > 0 and w < 0 and m < 0:
                    value *= 0.5
                if rev is not None and value > 0:
                    rev = None
                elif rev is not None and value < 0:
                    # 解决了卡顿问题, 驳回…反垄断罚款: the negative words of the object are undone.
                    value *= rev[0]
                    if rev[2] >= 0:
                        _, own = found[rev[2]]
                        found[rev[2]] = (found[rev[2]][0], 0.0)
                        raw -= own
                        hits -= 1
                        if own > 0:
                            pos -= own
                        else:
                            neg -= own
                        rev = (rev[0], 1, -1)
                    else:
                        rev = (rev[0], 1, rev[2])
                raw += value
                hits += 1
                found.append((tok.start, value))
                if value > 0:
                    pos += value
                else:
                    neg += value
            if has_contrast:
                for i in range(len(out)):
                    c = out[i]
                    out[i] = _Clause(c.start, c.end, c.raw * _BEFORE_CONTRAST, c.n_content, c.n_hits,
                                     c.pos * _BEFORE_CONTRAST, c.neg * _BEFORE_CONTRAST,
                                     c.weight * _BEFORE_CONTRAST, c.comparatives, c.hits)
                contrast_seen = True
            if has_contrast or contrast_seen:
                weight *= _AFTER_CONTRAST
            if has_concession:
                weight *= _CONCESSION
            if question:
                weight *= _QUESTION
            start = group[0].start
            end = group[-1].end
            out.append(_Clause(start, end, raw * weight, n_content, hits, pos * weight, neg * weight,
                               weight, tuple(comps), tuple(found)))
        return out

    def doc_clauses(self, doc: Doc) -> list[list[_Clause]]:
        return [self.clauses(doc, i) for i in range(len(doc.sentences))]


def _squash(raw: float, n_content: int, scale: float) -> float:
    if raw == 0.0:
        return 0.0
    return math.tanh(raw / (scale * math.sqrt(max(n_content, 4))))


def _confidence(pos: float, neg: float, hits: int, score: float) -> float:
    if hits == 0:
        return 0.0
    total = pos - neg
    agreement = abs(pos + neg) / total if total > 0 else 0.0
    evidence = hits / (hits + 2.0)
    return round(min(1.0, evidence * (0.4 + 0.6 * agreement) * (0.5 + 0.5 * min(1.0, abs(score) * 2))), 4)


# --------------------------------------------------------------------------- scorer


class SentimentScorer(BaseEstimator):
    """Score articles, sentences and entities for sentiment.

    Parameters
    ----------
    method : {"lexicon", "model", "snownlp"}, default "lexicon"
        ``lexicon``: the shipped news lexicon with negation, degree, contrast and
        comparatives. ``model``: a classifier trained with :meth:`fit`. ``snownlp``:
        SnowNLP's shopping-review model (optional dependency, slow; a baseline).
    tokenizer : Tokenizer, optional
        Tokenizer for inputs that are not tokenized yet; ``None`` builds a default
        :class:`~newsnlp.text.tokenizer.Tokenizer` on first use (kept privately: the
        ``tokenizer`` parameter stays ``None``, as scikit-learn's ``clone`` and
        ``get_params`` expect).
    lexicon : SentimentLexicon, optional
        Words and modifiers for the lexicon method (and the model's lexicon
        features); the shipped lexicon by default.
    neutral_band : float, default 0.2
        Scores with ``abs(score) < neutral_band`` are labelled neutral (lexicon and
        snownlp; the model method labels each text with its most probable trained
        class, and its score is P(positive) − P(negative)). For
        ``snownlp`` the labels use SnowNLP's own 0.4/0.6 probability thresholds
        (a band of 0.2 on the −1…1 scale) unless you pass another band.
    C : float, default 1.0
        Inverse regularisation strength of the model method's linear SVM.
    label_scheme : {"auto", "binary", "ternary"}, default "auto"
        How :meth:`fit` reads labels (model method); see
        :func:`newsnlp.analysis.sentiment_model.map_labels`.
    calibration_folds : int, default 3
        Folds used to calibrate the model's probabilities (sigmoid, out-of-fold).
    random_state : int, default 0
        Seed for the model's fold split.

    Examples
    --------
    >>> scorer = SentimentScorer()
    >>> scorer.score_text("新机发布后口碑很好，销量创纪录").label  # doctest: +SKIP
    'positive'
    """

    def __init__(
        self,
        *,
        method: Method = "lexicon",
        tokenizer: Tokenizer | None = None,
        lexicon: SentimentLexicon | None = None,
        neutral_band: float | None = None,
        C: float = 1.0,
        label_scheme: Literal["auto", "binary", "ternary"] = "auto",
        calibration_folds: int = 3,
        random_state: int = 0,
    ) -> None:
        self.method = method
        self.tokenizer = tokenizer
        self.lexicon = lexicon
        self.neutral_band = neutral_band
        self.C = C
        self.label_scheme = label_scheme
        self.calibration_folds = calibration_folds
        self.random_state = random_state

    # ------------------------------------------------------------------ helpers
    def _validate(self) -> None:
        if self.method not in _METHODS:
            raise invalid_parameter("SentimentScorer", "method", "one of 'lexicon', 'model', 'snownlp'",
                                    self.method)
        band = self.neutral_band
        if band is not None and (
            isinstance(band, bool) or not isinstance(band, (int, float)) or not 0.0 <= band < 1.0
        ):
            raise invalid_parameter("SentimentScorer", "neutral_band", "a number in [0, 1)", band)
        if self.lexicon is not None and not isinstance(self.lexicon, SentimentLexicon):
            raise invalid_parameter("SentimentScorer", "lexicon", "a SentimentLexicon or None", self.lexicon)

    @property
    def _band(self) -> float:
        if self.neutral_band is not None:
            return float(self.neutral_band)
        return 0.2

    def _get_tokenizer(self) -> Tokenizer:
        if self.tokenizer is not None:
            return self.tokenizer
        cached: Tokenizer | None = self.__dict__.get("_tokenizer")
        if cached is None:
            from newsnlp.text.tokenizer import Tokenizer

            # Built once and kept privately (never assigned to the ``tokenizer`` parameter).
            cached = Tokenizer()
            self.__dict__["_tokenizer"] = cached
        return cached

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())  # a copy: never drop keys from the live object
        state.pop("_tokenizer", None)  # a default tokenizer is rebuilt on first use after unpickling
        return state

    def _engine(self) -> _Engine:
        lex = self.lexicon if self.lexicon is not None else SentimentLexicon.default()
        engine = getattr(self, "_engine_cache", None)
        if engine is None or engine.lex is not lex:
            engine = _Engine(lex)
            self._engine_cache = engine
        return engine

    def _label(self, score: float) -> str:
        if score <= -self._band:
            return "negative"
        if score >= self._band:
            return "positive"
        return "neutral"

    def _docs(self, articles: Any) -> list[ArticleDoc]:
        return as_article_docs(articles, self._get_tokenizer(), owner="SentimentScorer")

    def _check_ready(self) -> None:
        self._validate()
        if self.method == "model" and not hasattr(self, "model_"):
            raise NotFittedError(
                "This SentimentScorer(method='model') is not fitted yet. Call "
                "fit(texts, labels) with your labelled texts, or SentimentScorer.load(path), first."
            )
        if self.method == "snownlp":
            _snownlp()

    # ------------------------------------------------------------------ model
    def fit(self, texts: Any, labels: Sequence[Any]) -> SentimentScorer:
        """Train the ``model`` method on labelled texts.

        Parameters
        ----------
        texts : str sequence, Articles, ArticleDocs or DataFrame
            The training texts (anything :meth:`transform` accepts).
        labels : sequence
            One label per text: ``0/1`` (negative/positive), ``0/1/2``
            (negative/neutral/positive), ``-1/0/1``, or the strings
            ``negative``/``neutral``/``positive`` (also ``neg``/``neu``/``pos``,
            负面/中性/正面); see ``label_scheme``.

        Returns
        -------
        SentimentScorer
            ``self``, fitted (``model_`` and ``classes_`` set).

        Raises
        ------
        ParameterError
            When ``method`` is not ``"model"``.
        ModelError
            When lengths differ, a label is unknown or there is only one class.
        """
        self._validate()
        if self.method != "model":
            raise ParameterError(
                f"SentimentScorer.fit trains the 'model' method; this scorer has method={self.method!r}. "
                "Use SentimentScorer(method='model')."
            )
        from newsnlp.analysis.sentiment_model import SentimentModel

        if isinstance(texts, str):
            raise InputTypeError("SentimentScorer.fit needs a sequence of texts, got one string.")
        docs = self._docs(texts)
        model = SentimentModel(
            C=self.C, label_scheme=self.label_scheme, calibration_folds=self.calibration_folds,
            random_state=self.random_state,
        ).fit(docs, labels, engine=self._engine())
        self.model_: SentimentModel = model
        self.classes_ = tuple(model.classes_)
        return self

    def save(self, path: str | Path) -> Path:
        """Save the fitted model to ``path`` (a ``.npz`` file; loading never runs code).

        Returns
        -------
        Path
            The file written (``.npz`` is appended when missing), written atomically.

        Raises
        ------
        NotFittedError
            ``method="model"`` and :meth:`fit` was not called.
        ParameterError
            ``method`` is not ``"model"`` (nothing to save).
        ModelError
            The file cannot be written (no permission, not a directory, ...).
        """
        self._check_ready()
        if self.method != "model":
            raise ParameterError("SentimentScorer.save saves a trained 'model'; this scorer has "
                                 f"method={self.method!r}, which has nothing to save.")
        return self.model_.save(path)

    @classmethod
    def load(cls, path: str | Path, *, tokenizer: Tokenizer | None = None,
             neutral_band: float | None = None) -> SentimentScorer:
        """Load a model saved with :meth:`save` (a data-only file: no code is executed).

        Raises
        ------
        ModelError
            When the file is missing pieces, was tampered with or is not a newsnlp model.
        """
        from newsnlp.analysis.sentiment_model import SentimentModel

        model = SentimentModel.load(path)
        scorer = cls(method="model", tokenizer=tokenizer, neutral_band=neutral_band, C=model.C,
                     label_scheme=model.label_scheme, calibration_folds=model.calibration_folds,
                     random_state=model.random_state)
        scorer.model_ = model
        scorer.classes_ = tuple(model.classes_)
        return scorer

    # ------------------------------------------------------------------ core scoring
    def _doc_result(self, adoc: ArticleDoc) -> SentimentResult:
        if self.method == "lexicon":
            return self._lexicon_article(adoc)
        text = _article_text(adoc)
        if self.method == "model":
            return self._model_results([text], [_content_tokens_article(adoc)])[0]
        return self._snownlp_result(text)

    def _lexicon_article(self, adoc: ArticleDoc) -> SentimentResult:
        engine = self._engine()
        raw = pos = neg = 0.0
        hits = n = 0
        for doc, weight in ((adoc.title, _TITLE_WEIGHT), (adoc.text, 1.0)):
            for clauses in engine.doc_clauses(doc):
                for c in clauses:
                    raw += c.raw * weight
                    pos += c.pos * weight
                    neg += c.neg * weight
                    hits += c.n_hits
                    n += c.n_content
        score = _squash(raw, n, _DOC_SCALE)
        return SentimentResult(round(score, 6), self._label(score), _confidence(pos, neg, hits, score))

    def _lexicon_span(self, clauses: Iterable[_Clause], scale: float) -> SentimentResult:
        raw = pos = neg = 0.0
        hits = n = 0
        for c in clauses:
            raw += c.raw
            pos += c.pos
            neg += c.neg
            hits += c.n_hits
            n += c.n_content
        score = _squash(raw, n, scale)
        return SentimentResult(round(score, 6), self._label(score), _confidence(pos, neg, hits, score))

    def _model_results(self, texts: list[str], tokens: list[list[str]]) -> list[SentimentResult]:
        out: list[SentimentResult] = []
        if not texts:
            return out
        model = self.model_
        proba = model.predict_proba_tokens(texts, tokens, engine=self._engine())
        classes = list(model.classes_)
        i_pos = classes.index("positive") if "positive" in classes else None
        i_neg = classes.index("negative") if "negative" in classes else None
        for text, row in zip(texts, proba, strict=True):
            if not text.strip():
                out.append(SentimentResult(0.0, "neutral", 0.0))
                continue
            p_pos = float(row[i_pos]) if i_pos is not None else 0.0
            p_neg = float(row[i_neg]) if i_neg is not None else 0.0
            score = p_pos - p_neg
            # The label is the most probable of the classes the model was trained on.
            label = classes[int(row.argmax())]
            out.append(SentimentResult(round(score, 6), label, round(float(row.max()), 4)))
        return out

    def _snownlp_result(self, text: str) -> SentimentResult:
        if not text.strip():
            return SentimentResult(0.0, "neutral", 0.0)
        p = float(_snownlp()(text).sentiments)
        score = 2.0 * p - 1.0
        return SentimentResult(round(score, 6), self._label(score), round(abs(score), 4))

    def _results_for_spans(self, spans: list[tuple[str, list[str]]]) -> list[SentimentResult]:
        """Score plain text spans with the model or SnowNLP method."""
        if self.method == "model":
            return self._model_results([s for s, _ in spans], [t for _, t in spans])
        return [self._snownlp_result(s) for s, _ in spans]

    # ------------------------------------------------------------------ public API
    def score_text(self, text: str) -> SentimentResult:
        """Score one text.

        Parameters
        ----------
        text : str
            Any text; an empty or blank one gives a neutral score with confidence 0.

        Returns
        -------
        SentimentResult
            ``score`` in −1…1, ``label`` and ``confidence``.
        """
        if not isinstance(text, str):
            raise InputTypeError(f"SentimentScorer.score_text takes a str; got {describe(text)}.")
        self._check_ready()
        if not text.strip():
            return SentimentResult(0.0, "neutral", 0.0)
        if self.method == "lexicon":
            doc = self._get_tokenizer().tokenize(text)
            return self._lexicon_span([c for cl in self._engine().doc_clauses(doc) for c in cl],
                                      _DOC_SCALE)
        if self.method == "model":
            doc = self._get_tokenizer().tokenize(text)
            return self._model_results([text], [_content_tokens(doc.tokens)])[0]
        return self._snownlp_result(text)

    def transform(self, articles: Any) -> pd.DataFrame:
        """Score each article as a whole.

        Parameters
        ----------
        articles : str, Article, ArticleDoc, list of these, or DataFrame
            A DataFrame needs ``article_id`` and ``text`` (``title`` optional).

        Returns
        -------
        DataFrame
            The ``sentiment`` frame, one row per article:

            - ``article_id`` : string
            - ``score`` : Float64, −1 (negative) … 1 (positive)
            - ``label`` : string, ``negative`` / ``neutral`` / ``positive``
            - ``method`` : string, the method that scored it
        """
        self._check_ready()
        return self.transform_docs(self._docs(articles))

    def transform_docs(self, docs: Iterable[ArticleDoc]) -> pd.DataFrame:
        """Score already tokenized articles (the pipeline's entry point; never re-tokenizes).

        Returns
        -------
        DataFrame
            The ``sentiment`` frame (see :meth:`transform`).
        """
        self._check_ready()
        docs = _as_docs(docs)
        if self.method == "model":
            results = self._model_results([_article_text(d) for d in docs],
                                          [_content_tokens_article(d) for d in docs])
        else:
            results = [self._doc_result(d) for d in docs]
        records = [
            {"article_id": d.article_id, "score": r.score, "label": r.label, "method": self.method}
            for d, r in zip(docs, results, strict=True)
        ]
        return frame_from_records(records, "sentiment")

    def score_sentences(self, articles: Any) -> pd.DataFrame:
        """Score every sentence of the title and body of each article.

        Returns
        -------
        DataFrame
            The ``sentences`` frame, one row per sentence:

            - ``article_id`` : string
            - ``field`` : string, ``title`` or ``text``
            - ``sentence`` : Int64, index of the sentence within the field
            - ``start``, ``end`` : Int64, character offsets into the field
            - ``text`` : string, the sentence
            - ``score`` : Float64, −1…1
            - ``label`` : string
            - ``method`` : string
        """
        self._check_ready()
        return self.score_sentences_docs(self._docs(articles))

    def score_sentences_docs(self, docs: Iterable[ArticleDoc]) -> pd.DataFrame:
        """Like :meth:`score_sentences` for already tokenized articles."""
        self._check_ready()
        docs = _as_docs(docs)
        keys: list[tuple[str, str, int, int, int, str]] = []
        spans: list[tuple[str, list[str]]] = []
        results: list[SentimentResult] = []
        engine = self._engine() if self.method == "lexicon" else None
        for adoc in docs:
            for field, doc in (("title", adoc.title), ("text", adoc.text)):
                for i, sent in enumerate(doc.sentences):
                    text = doc.text[sent.start:sent.end]
                    if not text.strip():
                        continue
                    keys.append((adoc.article_id, field, i, sent.start, sent.end, text))
                    if engine is not None:
                        results.append(self._lexicon_span(engine.clauses(doc, i), _SENTENCE_SCALE))
                    else:
                        spans.append((text, _content_tokens(doc.sentence_tokens(i))))
        if engine is None:
            results = self._results_for_spans(spans)
        records = [
            {"article_id": k[0], "field": k[1], "sentence": k[2], "start": k[3], "end": k[4], "text": k[5],
             "score": r.score, "label": r.label, "method": self.method}
            for k, r in zip(keys, results, strict=True)
        ]
        return frame_from_records(records, "sentences")

    def entity_sentiment(self, docs: Any, mentions: pd.DataFrame) -> pd.DataFrame:
        """Sentiment toward each entity: the clauses that mention it, aggregated per article.

        Comparatives count toward the entity on their side: in ``A 超越 B`` the clause
        is good for A and bad for B; in ``A 不如 B`` the reverse.

        Parameters
        ----------
        docs : ArticleDoc(s) or anything :meth:`transform` accepts
            The articles the mentions were found in (tokenized once, reused here).
        mentions : DataFrame
            The ``mentions`` frame (article_id, entity, field, start, end, …); offsets
            are character offsets into the title or text of the article.

        Returns
        -------
        DataFrame
            One row per (article, entity) that has mentions:

            - ``article_id`` : string
            - ``entity`` : string
            - ``sentiment`` : Float64, −1…1 (0 when no clause carries sentiment)
        """
        self._check_ready()
        if not isinstance(mentions, pd.DataFrame):
            raise InputTypeError(f"SentimentScorer.entity_sentiment needs the mentions DataFrame; "
                                 f"got {describe(mentions)}.")
        columns = ["article_id", "entity", "sentiment"]
        empty = pd.DataFrame({"article_id": pd.Series([], dtype="string"),
                              "entity": pd.Series([], dtype="string"),
                              "sentiment": pd.Series([], dtype="Float64")})
        if len(mentions) == 0:
            return empty
        missing = [c for c in ("article_id", "entity", "field", "start", "end") if c not in mentions.columns]
        if missing:
            raise InputTypeError(f"SentimentScorer.entity_sentiment: the mentions frame lacks columns "
                                 f"{missing}; it needs article_id, entity, field, start, end.")
        by_id = {d.article_id: d for d in self._docs(docs)}
        rows: list[dict[str, Any]] = []
        for aid, article_mentions in mentions.groupby("article_id", sort=False):
            adoc = by_id.get(str(aid))
            if adoc is None:
                logger.debug("entity_sentiment: no document for article %s", aid)
                continue
            starts: dict[str, set[int]] = {"title": set(), "text": set()}
            for field, start in zip(article_mentions["field"], article_mentions["start"], strict=True):
                if start is not None and start is not pd.NA and str(field) in starts:
                    starts[str(field)].add(int(start))
            cache: dict[tuple[str, int], list[_Clause]] = {}
            for entity, group in article_mentions.groupby("entity", sort=False):
                value = self._entity_value(adoc, group, starts, cache)
                rows.append({"article_id": str(aid), "entity": str(entity), "sentiment": value})
        if not rows:
            return empty
        frame = pd.DataFrame(rows, columns=columns)
        return frame.astype({"article_id": "string", "entity": "string", "sentiment": "Float64"})

    def _entity_value(
        self,
        adoc: ArticleDoc,
        group: pd.DataFrame,
        starts: dict[str, set[int]],
        cache: dict[tuple[str, int], list[_Clause]],
    ) -> float:
        """Sentiment toward one entity from the clauses that mention it.

        An entity's clause is the one holding the mention; the clauses after it in the
        same sentence continue to speak of it (Chinese drops a repeated subject) until
        one mentions another entity.
        """
        engine = self._engine() if self.method == "lexicon" else None
        values: dict[tuple[str, int, int], float] = {}
        spans: dict[tuple[str, int], tuple[str, list[str], float]] = {}
        for field, start in zip(group["field"], group["start"], strict=True):
            if start is None or start is pd.NA:
                continue
            field = str(field)
            doc = adoc.title if field == "title" else adoc.text
            start = int(start)
            s_idx = doc.sentence_of(start)
            if s_idx < 0:
                continue
            fweight = _TITLE_WEIGHT if field == "title" else 1.0
            if engine is None:
                lo, hi = _clause_bounds(doc, s_idx, start)
                if (field, lo) not in spans:
                    toks = _content_tokens(t for t in doc.tokens if lo <= t.start < hi)
                    spans[(field, lo)] = (doc.text[lo:hi], toks, fweight)
                continue
            key = (field, s_idx)
            if key not in cache:
                cache[key] = engine.clauses(doc, s_idx)
            clauses = cache[key]
            home = next((i for i, c in enumerate(clauses) if c.start <= start < c.end), None)
            if home is None:
                continue
            others = [o for o in starts.get(field, ()) if o != start]
            for ci in range(home, len(clauses)):
                c = clauses[ci]
                if ci > home:
                    # Another entity before any comparative takes over as the topic;
                    # one after it (… 超越了 TikTok) is the object, and we stay the subject.
                    limit = c.comparatives[0][0] if c.comparatives else c.end
                    if any(c.start <= o < limit for o in others):
                        break
                value = _toward(c, start if ci == home else c.start - 1)
                value *= fweight * (1.0 if ci == home else _CONTINUATION)
                ck = (field, s_idx, ci)
                if ck not in values or abs(value) > abs(values[ck]):
                    values[ck] = value
                if ci == home and c.comparatives and start > c.comparatives[0][0]:
                    break  # the object of a comparison is not the topic of what follows
        if engine is None:
            if not spans:
                return 0.0
            items = list(spans.values())
            results = self._results_for_spans([(text, toks) for text, toks, _ in items])
            total = sum(w for *_, w in items)
            return round(sum(r.score * w for r, (*_, w) in zip(results, items, strict=True)) / total, 6)
        if not values:
            return 0.0
        raw = sum(values.values())
        n_home = max(1, sum(1 for v in values if v))
        return round(math.tanh(raw / (_ENTITY_SCALE * math.sqrt(n_home))), 6)


def _toward(clause: _Clause, offset: int) -> float:
    """The clause's sentiment toward an entity at ``offset`` (comparatives are one-sided)."""
    if not clause.comparatives:
        return clause.raw
    at, sign = clause.comparatives[0]
    before = sum(v for o, v in clause.hits if o < at)
    after = sum(v for o, v in clause.hits if o > at)
    if offset < at:
        # A 超越 B 成为冠军: the words after the comparative praise A too;
        # A 不如 B 好: they describe B, not A.
        value = before + (after if sign > 0 else 0.0) + sign * _COMPARATIVE_WEIGHT
    else:
        value = -sign * _COMPARATIVE_WEIGHT + (after if sign < 0 else 0.0)
    return value * clause.weight


def _clause_bounds(doc: Doc, s_idx: int, offset: int) -> tuple[int, int]:
    sent = doc.sentences[s_idx]
    lo = sent.start
    hi = sent.end
    text = doc.text
    for i in range(offset - 1, sent.start - 1, -1):
        if text[i] in _CLAUSE_BREAKS:
            lo = i + 1
            break
    for i in range(offset, sent.end):
        if text[i] in _CLAUSE_BREAKS:
            hi = i + 1
            break
    return lo, hi


def _as_docs(docs: Iterable[ArticleDoc]) -> list[ArticleDoc]:
    out: list[ArticleDoc] = [docs] if isinstance(docs, ArticleDoc) else list(docs)
    for d in out:
        if not isinstance(d, ArticleDoc):
            raise InputTypeError(
                f"SentimentScorer.transform_docs takes ArticleDocs (from Tokenizer.tokenize_article); got "
                f"{describe(d)}. Use transform() for raw articles."
            )
    return out


def _article_text(adoc: ArticleDoc) -> str:
    if adoc.title.text and adoc.text.text:
        return f"{adoc.title.text}\n{adoc.text.text}"
    return adoc.title.text or adoc.text.text


def _content_tokens(tokens: Iterable[Token]) -> list[str]:
    # The model's word and lexicon features see punctuation too (！, ？ and clause breaks matter).
    return [t.text for t in tokens if t.text.strip()]


def _content_tokens_article(adoc: ArticleDoc) -> list[str]:
    return _content_tokens(adoc.title.tokens) + _content_tokens(adoc.text.tokens)


_SNOWNLP: Any = None


def _snownlp() -> Any:
    global _SNOWNLP  # a cached import, not mutable state
    if _SNOWNLP is None:
        try:
            from snownlp import SnowNLP
        except ImportError:
            raise ParameterError(
                "SentimentScorer(method='snownlp') needs the optional 'snownlp' package, which is not "
                "installed. Install it with 'pip install snownlp', or use method='lexicon'."
            ) from None
        _SNOWNLP = SnowNLP
    return _SNOWNLP


# --------------------------------------------------------------------------- conveniences


def merge_entity_sentiment(entities: pd.DataFrame, sentiment: pd.DataFrame) -> pd.DataFrame:
    """Fill the ``sentiment`` column of an ``entities`` frame from :meth:`SentimentScorer.entity_sentiment`.

    Returns
    -------
    DataFrame
        The ``entities`` frame (article_id, entity, type, mentions, in_title,
        first_offset, salience, sentiment) with ``sentiment`` filled where a score
        exists; other rows keep their value.
    """
    if len(entities) == 0:
        return empty_frame("entities")
    ents = conform(entities, "entities")
    if len(sentiment) == 0:
        return ents
    keyed = sentiment.set_index(["article_id", "entity"])["sentiment"]
    keys = pd.MultiIndex.from_arrays([ents["article_id"], ents["entity"]])
    filled = pd.Series(keyed.reindex(keys).to_numpy(), dtype="Float64")
    ents["sentiment"] = filled.fillna(ents["sentiment"]).astype("Float64")
    return conform(ents, "entities")


def score_sentiment(articles: Any, **kwargs: Any) -> pd.DataFrame:
    """Score articles with a default :class:`SentimentScorer` (``kwargs`` go to its constructor).

    Returns
    -------
    DataFrame
        The ``sentiment`` frame: article_id, score (−1…1), label, method.
    """
    return SentimentScorer(**kwargs).transform(articles)

