"""The trainable sentiment classifier behind ``SentimentScorer(method="model")``.

Features: character 1–3-gram TF-IDF of the text, word uni- and bigram TF-IDF of the
tokens the :class:`~newsnlp.text.tokenizer.Tokenizer` produced (never re-segmented
here) and a few lexicon features (the lexicon method's score and its positive and
negative evidence). Classifier: a linear SVM (``LinearSVC``) whose decision values are turned into
probabilities by sigmoids fitted on out-of-fold decision values
(``CalibratedClassifierCV(method="sigmoid", ensemble=False)``).

Saved models are one ``.npz`` file of plain arrays and a JSON header, read with
``numpy.load(allow_pickle=False)``: loading never executes code. A SHA-256 digest of
the arrays, stored in the header, detects a damaged or edited file.

Labels (:func:`map_labels`)
---------------------------
==================  =========================================================
given labels        classes
==================  =========================================================
``0, 1``            0 negative, 1 positive (``label_scheme="binary"`` or auto)
``0, 1, 2``         0 negative, 1 neutral, 2 positive (auto when 2 occurs, or
                    ``label_scheme="ternary"``)
``-1, 0, 1``        -1 negative, 0 neutral, 1 positive (auto when -1 occurs)
strings             ``negative``/``neg``/``负面``/``消极``/``差评``,
                    ``neutral``/``neu``/``中性``/``中立``,
                    ``positive``/``pos``/``正面``/``积极``/``好评`` (any case)
==================  =========================================================

Booleans and digit strings (``"0"``, ``"1"``) count as the integers they spell.
Anything else raises :class:`~newsnlp.errors.ModelError` naming the values.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from newsnlp._files import write_atomically
from newsnlp.errors import ModelError, NotFittedError, invalid_parameter
from newsnlp.text.doc import ArticleDoc, Doc, Sentence, Token

if TYPE_CHECKING:
    from newsnlp.analysis.sentiment import _Engine

__all__ = ["SentimentModel", "map_labels"]

logger = logging.getLogger(__name__)

_FORMAT = "newsnlp-sentiment-model"
_VERSION = 1
_CHAR_NGRAMS = (1, 3)
_ARRAYS = ("char_vocab", "char_idf", "word_vocab", "word_idf", "coef", "intercept", "cal_a", "cal_b")
_N_LEXICON_FEATURES = 5
# Lexicon features sit beside two l2-normalised TF-IDF blocks; this keeps them comparable.
_LEXICON_FEATURE_WEIGHT = 1.0

_STRING_LABELS = {
    "negative": "negative", "neg": "negative", "负面": "negative", "消极": "negative", "差评": "negative",
    "neutral": "neutral", "neu": "neutral", "中性": "neutral", "中立": "neutral",
    "positive": "positive", "pos": "positive", "正面": "positive", "积极": "positive", "好评": "positive",
}
_BINARY = {0: "negative", 1: "positive"}
_TERNARY = {0: "negative", 1: "neutral", 2: "positive"}
_SIGNED = {-1: "negative", 0: "neutral", 1: "positive"}
_ORDER = ("negative", "neutral", "positive")


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and math.isfinite(float(value)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def map_labels(labels: Sequence[Any], *, scheme: Literal["auto", "binary", "ternary"] = "auto") -> list[str]:
    """Map user labels to ``negative`` / ``neutral`` / ``positive`` (see the module docstring).

    Raises
    ------
    ModelError
        When a label is not one of the documented values.
    """
    if scheme not in ("auto", "binary", "ternary"):
        raise invalid_parameter("SentimentScorer", "label_scheme", "one of 'auto', 'binary', 'ternary'", scheme)
    ints: list[int | None] = [_as_int(v) for v in labels]
    if all(i is not None for i in ints):
        values = {i for i in ints if i is not None}
        if scheme == "binary" or (scheme == "auto" and values <= {0, 1}):
            table = _BINARY
        elif -1 in values or (scheme == "ternary" and values <= {-1, 0, 1} and 2 not in values and -1 in values):
            table = _SIGNED
        else:
            table = _TERNARY
        bad = sorted(values - set(table))
        if bad:
            raise ModelError(
                f"Unknown sentiment label value(s) {bad[:10]} for label_scheme={scheme!r}: numeric labels "
                "must be 0/1 (negative/positive), 0/1/2 (negative/neutral/positive) or -1/0/1."
            )
        return [table[i] for i in ints if i is not None]
    out: list[str] = []
    unknown: list[Any] = []
    for value in labels:
        key = value.strip().lower() if isinstance(value, str) else None
        mapped = _STRING_LABELS.get(key) if key is not None else None
        if mapped is None:
            unknown.append(value)
        else:
            out.append(mapped)
    if unknown:
        shown = list(dict.fromkeys(repr(u) for u in unknown))[:10]
        raise ModelError(
            f"Unknown sentiment label value(s) {', '.join(shown)}: labels must be 0/1, 0/1/2, -1/0/1 "
            "or the strings negative/neutral/positive (also neg/neu/pos, 负面/中性/正面); do not mix "
            "numbers and strings."
        )
    if scheme == "binary" and "neutral" in out:
        raise ModelError("label_scheme='binary' but the labels contain 'neutral'; use label_scheme='ternary'.")
    return out


def _word_analyzer(tokens: list[str]) -> list[str]:
    words = [t.lower() for t in tokens if t.strip()]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _weigh(counts: sp.spmatrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf x idf, rows l2-normalised (what TfidfVectorizer(sublinear_tf=True) does)."""
    weighted = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    if weighted.nnz:
        weighted.data = np.log(weighted.data) + 1.0
    weighted = sp.csr_matrix(weighted @ sp.diags(idf))
    return normalize(weighted, norm="l2", copy=False)


def _tfidf(vectorizer: CountVectorizer, idf: np.ndarray, inputs: Sequence[Any]) -> sp.csr_matrix:
    return _weigh(vectorizer.transform(inputs), idf)


def _fit_counts(
    vectorizer: CountVectorizer, inputs: Sequence[Any]
) -> tuple[np.ndarray, np.ndarray, sp.csr_matrix]:
    """Fit ``vectorizer``; return its vocabulary (terms by column), smoothed idf and the counts."""
    counts = sp.csr_matrix(vectorizer.fit_transform(inputs))
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    return _vocab_array(vectorizer.vocabulary_), idf.astype(np.float64), counts


def _strings_doc(tokens: Sequence[str]) -> Doc:
    """A one-sentence Doc over token strings, for the lexicon features."""
    toks: list[Token] = []
    pos = 0
    for text in tokens:
        punct = not any(ch.isalnum() for ch in text)
        toks.append(Token(text=text, start=pos, end=pos + len(text), pos="x" if punct else "n", is_punct=punct))
        pos += len(text)
    return Doc(text="".join(tokens), tokens=tuple(toks), sentences=(Sentence(0, pos, 0, len(toks)),))


def _lexicon_features(engine: _Engine, tokens: Sequence[Sequence[str]]) -> np.ndarray:
    out = np.zeros((len(tokens), _N_LEXICON_FEATURES), dtype=np.float64)
    for row, toks in enumerate(tokens):
        if not toks:
            continue
        raw = pos = neg = 0.0
        hits = n = 0
        for c in engine.clauses(_strings_doc(toks), 0):
            raw += c.raw
            pos += c.pos
            neg += c.neg
            hits += c.n_hits
            n += c.n_content
        out[row] = (
            math.tanh(raw / 2.0),
            math.tanh(raw / (0.35 * math.sqrt(max(n, 4)))),
            pos / (1.0 + pos),
            -neg / (1.0 - neg),
            1.0 if hits else 0.0,
        )
    return out * _LEXICON_FEATURE_WEIGHT


class SentimentModel:
    """Calibrated linear SVM over char n-grams, word tokens and lexicon features.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of the linear SVM.
    label_scheme : {"auto", "binary", "ternary"}, default "auto"
        How labels are read (see :func:`map_labels`).
    calibration_folds : int, default 3
        Folds for the out-of-fold sigmoid calibration.
    random_state : int, default 0
        Seed of the fold split.
    """

    def __init__(
        self,
        *,
        C: float = 1.0,
        label_scheme: Literal["auto", "binary", "ternary"] = "auto",
        calibration_folds: int = 3,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.label_scheme = label_scheme
        self.calibration_folds = calibration_folds
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def _validate(self) -> None:
        if isinstance(self.C, bool) or not isinstance(self.C, (int, float)) or not self.C > 0:
            raise invalid_parameter("SentimentScorer", "C", "a number > 0", self.C)
        folds = self.calibration_folds
        if isinstance(folds, bool) or not isinstance(folds, int) or folds < 2:
            raise invalid_parameter("SentimentScorer", "calibration_folds", "an int >= 2", folds)

    def fit(self, docs: Sequence[ArticleDoc], labels: Sequence[Any], *, engine: _Engine) -> SentimentModel:
        """Fit on tokenized articles and their labels; returns ``self``.

        Raises
        ------
        ModelError
            Mismatched lengths, unknown label values, a single class, or a class with
            fewer examples than ``calibration_folds``.
        """
        self._validate()
        if isinstance(labels, (str, bytes)) or not hasattr(labels, "__len__"):
            raise ModelError(f"labels must be a sequence with one label per text; got {type(labels).__name__}.")
        if len(docs) != len(labels):
            raise ModelError(
                f"texts and labels have different lengths: {len(docs)} texts but {len(labels)} labels."
            )
        if len(docs) == 0:
            raise ModelError("Cannot fit a sentiment model on zero texts.")
        y_names = map_labels(list(labels), scheme=self.label_scheme)
        present = [c for c in _ORDER if c in set(y_names)]
        if len(present) < 2:
            raise ModelError(
                f"The labels have only one class ({present[0]!r}); a sentiment model needs at least two "
                "(e.g. negative and positive)."
            )
        counts = {c: y_names.count(c) for c in present}
        small = {c: n for c, n in counts.items() if n < self.calibration_folds}
        if small:
            raise ModelError(
                f"Class(es) {small} have fewer examples than calibration_folds={self.calibration_folds}; "
                "add examples or lower calibration_folds."
            )
        texts = [_doc_text(d) for d in docs]
        tokens = [_doc_tokens(d) for d in docs]

        self.char_vocab_, self.char_idf_, char_counts = _fit_counts(
            CountVectorizer(analyzer="char", ngram_range=_CHAR_NGRAMS, min_df=2, lowercase=True), texts)
        self.word_vocab_, self.word_idf_, word_counts = _fit_counts(
            CountVectorizer(analyzer=_word_analyzer, min_df=2), tokens)
        self._build_vectorizers()
        # The same numbers _features() computes at prediction time, without counting twice.
        X = sp.csr_matrix(sp.hstack([
            _weigh(char_counts, self.char_idf_),
            _weigh(word_counts, self.word_idf_),
            sp.csr_matrix(_lexicon_features(engine, tokens)),
        ], format="csr"))
        y = np.array([present.index(c) for c in y_names])

        cv = StratifiedKFold(n_splits=self.calibration_folds, shuffle=True, random_state=self.random_state)
        base = LinearSVC(C=float(self.C), max_iter=5000)
        calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=cv, ensemble=False).fit(X, y)
        inner = calibrated.calibrated_classifiers_[0]
        est = inner.estimator
        self.coef_ = np.asarray(est.coef_, dtype=np.float64)
        self.intercept_ = np.asarray(est.intercept_, dtype=np.float64)
        self.cal_a_ = np.array([float(c.a_) for c in inner.calibrators], dtype=np.float64)
        self.cal_b_ = np.array([float(c.b_) for c in inner.calibrators], dtype=np.float64)
        self.classes_ = tuple(present)
        logger.debug("sentiment model fitted: %d texts, classes %s, %d features", len(texts), present, X.shape[1])
        return self

    # ------------------------------------------------------------------ predict
    def _build_vectorizers(self) -> None:
        self._char_vec = CountVectorizer(
            analyzer="char", ngram_range=_CHAR_NGRAMS, lowercase=True,
            vocabulary={t: i for i, t in enumerate(self.char_vocab_.tolist())},
        )
        self._word_vec = CountVectorizer(
            analyzer=_word_analyzer, vocabulary={t: i for i, t in enumerate(self.word_vocab_.tolist())},
        )

    def _features(self, texts: Sequence[str], tokens: Sequence[Sequence[str]], engine: _Engine) -> sp.csr_matrix:
        char = _tfidf(self._char_vec, self.char_idf_, texts)
        word = _tfidf(self._word_vec, self.word_idf_, [list(t) for t in tokens])
        lex = sp.csr_matrix(_lexicon_features(engine, tokens))
        return sp.csr_matrix(sp.hstack([char, word, lex], format="csr"))

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("This SentimentModel is not fitted yet. Call fit(texts, labels) first.")

    def predict_proba_tokens(
        self, texts: Sequence[str], tokens: Sequence[Sequence[str]], *, engine: _Engine
    ) -> np.ndarray:
        """Calibrated class probabilities, columns in the order of ``classes_``."""
        self._check_fitted()
        if not texts:
            return np.zeros((0, len(self.classes_)))
        X = self._features(texts, tokens, engine)
        decision = X @ self.coef_.T + self.intercept_
        decision = np.asarray(decision, dtype=np.float64)
        calibrated = 1.0 / (1.0 + np.exp(self.cal_a_ * decision + self.cal_b_))
        if len(self.classes_) == 2:
            p1 = calibrated[:, 0]
            return np.column_stack([1.0 - p1, p1])
        total = calibrated.sum(axis=1, keepdims=True)
        uniform = np.full_like(calibrated, 1.0 / calibrated.shape[1])
        with np.errstate(invalid="ignore", divide="ignore"):
            proba = np.where(total > 0, calibrated / np.where(total > 0, total, 1.0), uniform)
        return proba

    # ------------------------------------------------------------------ persistence
    def _arrays(self) -> dict[str, np.ndarray]:
        return {
            "char_vocab": self.char_vocab_, "char_idf": self.char_idf_,
            "word_vocab": self.word_vocab_, "word_idf": self.word_idf_,
            "coef": self.coef_, "intercept": self.intercept_, "cal_a": self.cal_a_, "cal_b": self.cal_b_,
        }

    def save(self, path: str | Path) -> Path:
        """Write the model to ``path`` (``.npz``: arrays and a JSON header, no pickle).

        Returns
        -------
        Path
            The file written (``.npz`` is appended when missing). The directory is
            created; the file is written atomically (a temporary file in the same
            directory, then renamed), so a failed save never leaves a partial model.

        Raises
        ------
        ModelError
            The file cannot be written (no permission, a file where a directory
            should be, ...).
        """
        self._check_fitted()
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_name(path.name + ".npz")
        arrays = self._arrays()
        header = {
            "format": _FORMAT, "version": _VERSION, "classes": list(self.classes_), "C": float(self.C),
            "label_scheme": self.label_scheme, "calibration_folds": int(self.calibration_folds),
            "random_state": int(self.random_state), "char_ngrams": list(_CHAR_NGRAMS),
            "digest": _digest(arrays),
        }
        meta = np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, meta=meta, **arrays)  # type: ignore[arg-type]
        write_atomically(path, buffer.getvalue(), "the sentiment model")
        return path

    @classmethod
    def load(cls, path: str | Path) -> SentimentModel:
        """Read a model written by :meth:`save`; never executes code from the file.

        Raises
        ------
        ModelError
            When the file is missing, not a newsnlp sentiment model, or was altered.
        """
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"No sentiment model file at {path}.")
        try:
            with np.load(path, allow_pickle=False) as npz:
                data = {k: npz[k] for k in npz.files}
        except Exception as exc:  # numpy raises ValueError/OSError/BadZipFile/... on bad files
            raise ModelError(f"{path} is not a readable newsnlp sentiment model (.npz without pickled "
                             f"objects): {type(exc).__name__}: {exc}") from None
        missing = [k for k in ("meta", *_ARRAYS) if k not in data]
        if missing:
            raise ModelError(f"{path} is not a newsnlp sentiment model: it lacks {missing}.")
        try:
            header = json.loads(bytes(data["meta"].astype(np.uint8)).decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{path}: the model header is not valid JSON ({exc}).") from None
        if not isinstance(header, dict) or header.get("format") != _FORMAT:
            raise ModelError(f"{path} is not a newsnlp sentiment model (format {header.get('format')!r}).")
        if header.get("version") != _VERSION:
            raise ModelError(f"{path}: model format version {header.get('version')!r} is not supported "
                             f"(this newsnlp reads version {_VERSION}).")
        arrays = {k: data[k] for k in _ARRAYS}
        if header.get("digest") != _digest(arrays):
            raise ModelError(f"{path}: the model arrays do not match their recorded digest; the file was "
                             "damaged or edited. Retrain and save it again.")
        classes = header.get("classes")
        if not isinstance(classes, list) or not 2 <= len(classes) <= 3 or not set(classes) <= set(_ORDER):
            raise ModelError(f"{path}: invalid class list {classes!r}.")
        model = cls(C=float(header["C"]), label_scheme=header["label_scheme"],
                    calibration_folds=int(header["calibration_folds"]), random_state=int(header["random_state"]))
        model.classes_ = tuple(classes)
        model.char_vocab_ = arrays["char_vocab"]
        model.char_idf_ = arrays["char_idf"].astype(np.float64)
        model.word_vocab_ = arrays["word_vocab"]
        model.word_idf_ = arrays["word_idf"].astype(np.float64)
        model.coef_ = arrays["coef"].astype(np.float64)
        model.intercept_ = arrays["intercept"].astype(np.float64)
        model.cal_a_ = arrays["cal_a"].astype(np.float64)
        model.cal_b_ = arrays["cal_b"].astype(np.float64)
        n_features = len(model.char_vocab_) + len(model.word_vocab_) + _N_LEXICON_FEATURES
        n_rows = 1 if len(classes) == 2 else len(classes)
        if (
            model.coef_.shape != (n_rows, n_features)
            or model.intercept_.shape != (n_rows,)
            or model.cal_a_.shape != (n_rows,)
            or model.cal_b_.shape != (n_rows,)
            or model.char_idf_.shape != (len(model.char_vocab_),)
            or model.word_idf_.shape != (len(model.word_vocab_),)
        ):
            raise ModelError(f"{path}: array shapes do not fit together; the file is not a valid model.")
        if model.char_vocab_.dtype.kind != "U" or model.word_vocab_.dtype.kind != "U":
            raise ModelError(f"{path}: vocabularies must be string arrays.")
        model._build_vectorizers()
        return model


def _vocab_array(vocabulary: dict[str, int]) -> np.ndarray:
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    return np.array(terms, dtype=np.str_)


def _digest(arrays: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    for name in _ARRAYS:
        arr = np.ascontiguousarray(arrays[name])
        h.update(name.encode())
        h.update(str(arr.dtype.str).encode())
        h.update(str(arr.shape).encode())
        h.update(arr.tobytes())
    return h.hexdigest()


def _doc_text(adoc: ArticleDoc) -> str:
    if adoc.title.text and adoc.text.text:
        return f"{adoc.title.text}\n{adoc.text.text}"
    return adoc.title.text or adoc.text.text


def _doc_tokens(adoc: ArticleDoc) -> list[str]:
    return [t.text for t in (*adoc.title.tokens, *adoc.text.tokens) if t.text.strip()]
