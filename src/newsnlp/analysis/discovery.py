"""Discover names the lexicon does not know yet, for a person to review.

:func:`discover_entities` reads a corpus and lists candidates of four kinds:

``latin``
    Latin-script brand/product tokens (``ColorOS``, ``Galaxy Z Fold4``) that are not
    lexicon aliases nor generic tech words (CEO, GPU, 5G, mAh …).
``ngram``
    Cohesive frequent Chinese token n-grams: their parts occur together far more often
    than chance (PMI) and many different tokens occur before and after them (left/right
    entropy), the classic signs of a word the segmenter does not know (``徕|卡``).
``person`` / ``org``
    Names that :mod:`newsnlp.analysis.ner_rules` finds (``卢伟冰``, ``浙商银行``) and the
    lexicon lacks.

The score ranks candidates for review: ``log(1 + count) * log(2 + n_articles)``, times a
cohesion factor for n-grams (``min(1, pmi / 6) * min(1, min(left, right entropy) / 1.5)``)
halved (n-grams are as often terms as names), 0.5 for short all-capital acronyms (NFT,
OEM), and 1.0 for rule-found names. Add what you accept to a lexicon file and
merge it with :meth:`Lexicon.default`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

from newsnlp._inputs import as_article_docs
from newsnlp.analysis.ner_rules import NameRules, load_word_list
from newsnlp.errors import invalid_parameter
from newsnlp.text.doc import Doc, Token

if TYPE_CHECKING:
    from newsnlp.text.lexicon import Lexicon
    from newsnlp.text.tokenizer import Tokenizer

__all__ = ["DISCOVERY_COLUMNS", "discover_entities"]

#: Columns and dtypes of the frame :func:`discover_entities` returns.
DISCOVERY_COLUMNS: dict[str, Any] = {
    "candidate": "string",
    "kind": "string",
    "count": "Int64",
    "n_articles": "Int64",
    "pmi": "Float64",
    "left_entropy": "Float64",
    "right_entropy": "Float64",
    "score": "Float64",
    "examples": pd.ArrowDtype(pa.list_(pa.string())),
}

_LATIN_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9+\-]*$|^[0-9]+[A-Za-z][A-Za-z0-9+\-]*$")
_LATIN_OR_NUM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9+\-]*$")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
# Specifications, not names: 1080P, 120W, 5000mAh, 4nm, 128GB, 5V3A, 10bit.
_SPEC = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)?[A-Za-z]{1,4}[+/x×]?)+$")
_ACRONYM = re.compile(r"^[A-Z0-9]{2,4}$")
_COMMON_SUFFIX_CHARS = frozenset("们率化性者车链币屏壳费量级型版款机器厂商界圈端网")
_PROPER_POS = frozenset({"nr", "nrt", "nrfg", "nz", "nt", "ns", "j", "eng"})
_EDGE_BAD_POS = frozenset(
    {
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "p",
        "c",
        "d",
        "r",
        "m",
        "q",
        "y",
        "e",
        "f",
        "v",
        "vn",
        "a",
        "ad",
        "t",
    }
)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in DISCOVERY_COLUMNS.items()})


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return _empty()
    frame = pd.DataFrame.from_records(rows)
    out: dict[str, pd.Series] = {}
    for col, dtype in DISCOVERY_COLUMNS.items():
        if isinstance(dtype, pd.ArrowDtype):
            out[col] = pd.Series(pd.array([list(v) for v in frame[col]], dtype=dtype))  # type: ignore[call-overload]
        else:
            out[col] = frame[col].astype(dtype)
    return pd.DataFrame(out)


def _entropy(counter: Counter[str]) -> float:
    total = sum(counter.values())
    if total == 0:
        return 0.0
    return -sum(c / total * math.log(c / total) for c in counter.values())


def _clip(sentence: str, surface: str, width: int = 60) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= 2 * width:
        return sentence
    at = max(sentence.find(surface), 0)
    lo = max(at - width, 0)
    return ("…" if lo else "") + sentence[lo : lo + 2 * width] + "…"


def discover_entities(
    articles: Any,
    *,
    tokenizer: Tokenizer | None = None,
    lexicon: Lexicon | None = None,
    min_count: int = 3,
    top_k: int | None = 100,
    kinds: Iterable[str] | None = None,
    max_ngram: int = 4,
) -> pd.DataFrame:
    """List candidate entity names that are not in the lexicon, best first.

    Parameters
    ----------
    articles : str, Article, ArticleDoc, list of these, or DataFrame
        The corpus (a DataFrame needs ``article_id`` and ``text``).
    tokenizer : Tokenizer, optional
        Default: ``Tokenizer(lexicon=lexicon)``.
    lexicon : Lexicon, optional
        Names already known (excluded). Default: the tokenizer's lexicon.
    min_count : int, default 3
        Minimum number of occurrences in the corpus.
    top_k : int or None, default 100
        Return at most this many rows (None: all).
    kinds : iterable of {"latin", "ngram", "person", "org"}, optional
        Which kinds of candidate to list (default: all).
    max_ngram : int, default 4
        Longest token n-gram considered for ``ngram`` candidates.

    Returns
    -------
    pandas.DataFrame
        One row per candidate, sorted by score descending:

        - candidate : str, the name as written (whitespace normalised)
        - kind : str, ``latin``, ``ngram``, ``person`` or ``org``
        - count : int, occurrences in the corpus
        - n_articles : int, articles it occurs in
        - pmi : float, weakest-split pointwise mutual information (n-grams; else null)
        - left_entropy, right_entropy : float, entropy of the tokens before/after it
        - score : float, ranking score (see the module docstring)
        - examples : list of str, up to 3 sentences it occurs in
    """
    owner = "discover_entities"
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise invalid_parameter(owner, "min_count", "an int >= 1", min_count)
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise invalid_parameter(owner, "top_k", "an int >= 1 or None", top_k)
    if isinstance(max_ngram, bool) or not isinstance(max_ngram, int) or not 2 <= max_ngram <= 6:
        raise invalid_parameter(owner, "max_ngram", "an int between 2 and 6", max_ngram)
    all_kinds = ("latin", "ngram", "person", "org")
    wanted = set(all_kinds if kinds is None else ([kinds] if isinstance(kinds, str) else kinds))
    if not wanted or wanted - set(all_kinds):
        raise invalid_parameter(owner, "kinds", f"a non-empty subset of {list(all_kinds)}", kinds)

    if tokenizer is None:
        from newsnlp.text.tokenizer import Tokenizer

        tokenizer = Tokenizer(lexicon=lexicon)
    if lexicon is None:
        lexicon = getattr(tokenizer, "lexicon", None)
    if lexicon is None:
        from newsnlp.text.lexicon import Lexicon

        lexicon = Lexicon.default()
    docs = as_article_docs(articles, tokenizer, owner=owner)
    generic = frozenset(w.casefold() for w in load_word_list("latin_generic.txt"))
    rules = NameRules.default()

    stats = _Stats()
    for adoc in docs:
        for doc in (adoc.title, adoc.text):
            _scan(doc, adoc.article_id, stats, rules, max_ngram, wanted)

    rows: list[dict[str, Any]] = []
    total_tokens = max(stats.n_tokens, 1)
    for key, count in stats.counts.items():
        kind, surface = key
        if count < min_count or lexicon.lookup(surface) is not None:
            continue
        n_articles = len(stats.articles[key])
        left = _entropy(stats.left[key])
        right = _entropy(stats.right[key])
        pmi: float | None = None
        factor = 1.0
        if kind == "latin":
            words = surface.split()
            if (
                surface.casefold() in generic
                or all(w.casefold() in generic or w.isdigit() or _SPEC.match(w) for w in words)
                or (len(words) == 1 and surface.islower())  # offer, token, nano: English words
            ):
                continue
            if _ACRONYM.match(surface):
                factor = 0.5  # NFT, OEM, EUV: more often a term than a name
        elif kind == "ngram" and all(
            p in rules.known_words or (len(p) == 1 and p in _COMMON_SUFFIX_CHARS)
            for p in stats.parts[key]
        ):
            continue  # 续航|里程, 燃油|车: a compound of ordinary words is a term, not a name
        if kind == "ngram":
            parts = stats.parts[key]
            pmi = min(
                math.log(
                    stats.seq[parts] * total_tokens / (stats.seq[parts[:i]] * stats.seq[parts[i:]])
                )
                for i in range(1, len(parts))
            )
            # n-grams are as often terms (区块链, 续航里程) as names: half weight
            factor = 0.5 * min(1.0, max(pmi, 0.0) / 6.0) * min(1.0, min(left, right) / 1.5)
            if factor <= 0.0:
                continue
        score = math.log1p(count) * math.log(2 + n_articles) * factor
        rows.append(
            {
                "candidate": surface,
                "kind": kind,
                "count": count,
                "n_articles": n_articles,
                "pmi": pmi,
                "left_entropy": round(left, 4),
                "right_entropy": round(right, 4),
                "score": round(score, 4),
                "examples": [_clip(s, surface) for s in stats.examples[key][:3]],
            }
        )
    rows = _drop_contained(rows)
    named = {r["candidate"] for r in rows if r["kind"] in ("person", "org")}
    rows = [r for r in rows if not (r["kind"] == "ngram" and r["candidate"] in named)]
    rows.sort(key=lambda r: (-r["score"], -r["count"], r["candidate"]))
    if top_k is not None:
        rows = rows[:top_k]
    return _frame(rows)


class _Stats:
    """Counts gathered in one pass over the corpus."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.unigrams: Counter[str] = Counter()
        self.seq: Counter[tuple[str, ...]] = Counter()  # every CJK token n-gram, for PMI
        self.n_tokens = 0
        self.articles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        self.left: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.right: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.examples: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        self.parts: dict[tuple[str, str], tuple[str, ...]] = {}

    def add(
        self,
        kind: str,
        surface: str,
        article_id: str,
        doc: Doc,
        start: int,
        left: str,
        right: str,
        parts: tuple[str, ...] = (),
    ) -> None:
        key = (kind, surface)
        self.counts[key] += 1
        self.articles[key].add(article_id)
        self.left[key][left] += 1
        self.right[key][right] += 1
        if parts:
            self.parts[key] = parts
        ex = self.examples[key]
        if len(ex) < 3:
            k = doc.sentence_of(start)
            sentence = doc.sentence_text(k) if k >= 0 else doc.text
            if sentence not in ex:
                ex.append(sentence)


def _content(tokens: tuple[Token, ...]) -> list[int]:
    return [k for k, t in enumerate(tokens) if not t.is_space]


def _scan(
    doc: Doc, article_id: str, stats: _Stats, rules: NameRules, max_ngram: int, wanted: set[str]
) -> None:
    tokens = doc.tokens
    idx = _content(tokens)
    words = [tokens[k] for k in idx]
    for w in words:
        if not w.is_punct:
            stats.unigrams[w.text] += 1
            stats.n_tokens += 1

    def neighbour(p: int) -> str:
        if 0 <= p < len(words):
            return "<P>" if words[p].is_punct else words[p].text
        return "<S>"

    if "latin" in wanted:
        p = 0
        while p < len(words):
            w = words[p]
            if w.entry is None and _LATIN_TOKEN.match(w.text):
                q = p + 1
                # join "Galaxy Z Fold4" / "Find X5 Pro": Latin words and model numbers in a row
                while (
                    q < len(words)
                    and words[q].entry is None
                    and _LATIN_OR_NUM.match(words[q].text)
                    and tokens[idx[q]].start - tokens[idx[q - 1]].end <= 1
                    and q - p < 4
                ):
                    q += 1
                first = p
                if (
                    p > 0
                    and words[p - 1].entry is not None
                    and _LATIN_TOKEN.match(words[p - 1].text)
                    and words[p].start - words[p - 1].end <= 1
                ):
                    first = p - 1  # Netflix Drive, Studio Display: a new name after a known one
                surface = doc.text[words[first].start : words[q - 1].end]
                surface = " ".join(surface.split())
                if len(surface) >= 2:
                    stats.add(
                        "latin",
                        surface,
                        article_id,
                        doc,
                        words[p].start,
                        neighbour(p - 1),
                        neighbour(q),
                    )
                p = q
            else:
                p += 1

    if "ngram" in wanted:
        for p in range(len(words)):
            for n in range(1, max_ngram + 1):
                run = words[p : p + n]
                if len(run) < n or run[-1].is_punct or not _CJK.match(run[-1].text):
                    break
                stats.seq[tuple(t.text for t in run)] += 1
        for p in range(len(words)):
            for n in range(2, max_ngram + 1):
                seg = words[p : p + n]
                if len(seg) < n or any(
                    t.is_punct or t.entry is not None or not _CJK.match(t.text) for t in seg
                ):
                    break
                surface = "".join(t.text for t in seg)
                if len(surface) > 8:
                    break
                if (
                    seg[0].is_stop
                    or seg[-1].is_stop
                    or seg[0].pos in _EDGE_BAD_POS
                    or seg[-1].pos in _EDGE_BAD_POS
                ):
                    continue
                # a segmenter-unknown word shows up as single characters or proper-noun pieces
                if not any(len(t.text) == 1 or t.pos in _PROPER_POS for t in seg):
                    continue
                stats.add(
                    "ngram",
                    surface,
                    article_id,
                    doc,
                    seg[0].start,
                    neighbour(p - 1),
                    neighbour(p + n),
                    parts=tuple(t.text for t in seg),
                )

    if wanted & {"person", "org"}:
        for span in rules.find(doc):
            kind = (
                "person"
                if span.type == "person"
                else "org"
                if span.type in ("company", "organization")
                else None
            )
            if kind is None or kind not in wanted or len(span.text) < 2:
                continue
            p = next((k for k, w in enumerate(words) if w.start == span.start), -1)
            q = next((k for k, w in enumerate(words) if w.end == span.end), -1)
            stats.add(
                kind,
                span.text,
                article_id,
                doc,
                span.start,
                neighbour(p - 1) if p >= 0 else "<?>",
                neighbour(q + 1) if q >= 0 else "<?>",
            )


def _drop_contained(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a candidate that only ever occurs inside a longer one (``徕卡影`` in ``徕卡影像``)."""
    best: dict[str, int] = {}
    for r in rows:
        c = r["candidate"]
        for i in range(len(c)):
            for j in range(i + 1, len(c) + 1):
                if j - i < len(c):
                    sub = c[i:j]
                    best[sub] = max(best.get(sub, 0), r["count"])
    return [
        r for r in rows if not (r["kind"] == "ngram" and best.get(r["candidate"], 0) >= r["count"])
    ]
