"""The tables behind the charts: plain pandas, no matplotlib needed.

Each chart in :mod:`newsnlp.plot` draws one of these tables, and the HTML report
prints them beside the charts, so what a chart shows can always be checked
against numbers. They accept the ``entities`` frame or the ``mentions`` frame
(see :mod:`newsnlp.schemas`) wherever an entity count is needed: an article
counts once per entity either way.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from newsnlp.errors import InputTypeError, describe, invalid_parameter

__all__ = [
    "DEFAULT_TYPES",
    "NEUTRAL_BAND",
    "Freq",
    "cooccurrence",
    "entity_sentiment",
    "keyword_counts",
    "mentions_by_period",
    "top_entities",
]

#: Entity types the charts show by default: everything but places, which
#: (中国, 美国...) would otherwise crowd out the companies and products.
DEFAULT_TYPES: tuple[str, ...] = ("company", "brand", "product", "person", "organization")

#: Scores with ``abs(score) < NEUTRAL_BAND`` count as neutral (SentimentScorer's default).
NEUTRAL_BAND = 0.2

Freq = Literal["D", "W", "M", "Q", "Y"]
_FREQS: tuple[str, ...] = ("D", "W", "M", "Q", "Y")
CountBy = Literal["articles", "mentions"]


# ---------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------


def _require_frame(frame: object, owner: str, name: str, columns: Sequence[str]) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError(
            f"The {name!r} argument of {owner} must be a pandas DataFrame; got {describe(frame)}."
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputTypeError(
            f"The {name!r} frame given to {owner} lacks the column(s) {missing}; "
            f"it has {list(frame.columns)}."
        )
    return frame


def _check_int(owner: str, name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise invalid_parameter(owner, name, f"an int >= {low}", value)
    return value


def _check_types(owner: str, types: Sequence[str] | None) -> tuple[str, ...] | None:
    if types is None:
        return None
    if isinstance(types, str):
        return (types,)
    if not all(isinstance(t, str) for t in types):
        raise invalid_parameter(owner, "types", "None or a sequence of entity type names", types)
    return tuple(types)


def _entity_rows(frame: object, owner: str, types: Sequence[str] | None) -> pd.DataFrame:
    """Return ``article_id, entity, type, n`` (mentions of the entity in the article).

    Accepts the entities frame (one row per article and entity, ``mentions`` = count)
    or the mentions frame (one row per mention).
    """
    frame = _require_frame(frame, owner, "entities", ["article_id", "entity"])
    wanted = _check_types(owner, types)
    if len(frame) == 0:
        return pd.DataFrame(
            {
                "article_id": pd.Series([], dtype="string"),
                "entity": pd.Series([], dtype="string"),
                "type": pd.Series([], dtype="string"),
                "n": pd.Series([], dtype="int64"),
            }
        )
    if "mention" in frame.columns or "mentions" not in frame.columns:
        # the mentions frame: one row per mention
        n = pd.Series(1, index=frame.index, dtype="int64")
    else:
        n = pd.to_numeric(frame["mentions"], errors="coerce").fillna(1).astype("int64")
    types_col = frame["type"] if "type" in frame.columns else pd.Series(pd.NA, index=frame.index)
    rows = pd.DataFrame(
        {
            "article_id": frame["article_id"].astype("string"),
            "entity": frame["entity"].astype("string"),
            "type": types_col.astype("string"),
            "n": n,
        }
    ).dropna(subset=["article_id", "entity"])
    if wanted is not None:
        rows = rows[rows["type"].isin(wanted).fillna(False).astype(bool)]
    return rows.reset_index(drop=True)


def _main_type(rows: pd.DataFrame) -> pd.Series:
    """The most frequent type of each entity (an entity can be typed differently in places)."""
    if len(rows) == 0:
        return pd.Series([], dtype="string")
    typed = rows.dropna(subset=["type"])
    counts = typed.groupby(["entity", "type"]).size().reset_index(name="k")
    counts = counts.sort_values(["entity", "k", "type"], ascending=[True, False, True])
    return counts.drop_duplicates("entity").set_index("entity")["type"].astype("string")


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


def top_entities(
    entities: pd.DataFrame,
    *,
    top: int = 20,
    types: Sequence[str] | None = DEFAULT_TYPES,
) -> pd.DataFrame:
    """The most talked-about entities.

    Parameters
    ----------
    entities : DataFrame
        The ``entities`` frame (or the ``mentions`` frame).
    top : int, default 20
        How many entities to keep (>= 1).
    types : sequence of str or None, default :data:`DEFAULT_TYPES`
        Entity types to keep; None keeps all.

    Returns
    -------
    pandas.DataFrame
        One row per entity, most articles first (ties: more mentions, then name):

        - ``entity`` -- canonical name
        - ``type`` -- its most frequent type
        - ``articles`` -- articles that mention it
        - ``mentions`` -- mentions in all articles
    """
    owner = "top_entities"
    _check_int(owner, "top", top, 1)
    rows = _entity_rows(entities, owner, types)
    return _rank_entities(rows).head(top).reset_index(drop=True)


def _rank_entities(rows: pd.DataFrame) -> pd.DataFrame:
    if len(rows) == 0:
        return pd.DataFrame(
            {
                "entity": pd.Series([], dtype="string"),
                "type": pd.Series([], dtype="string"),
                "articles": pd.Series([], dtype="int64"),
                "mentions": pd.Series([], dtype="int64"),
            }
        )
    agg = rows.groupby("entity").agg(articles=("article_id", "nunique"), mentions=("n", "sum"))
    agg["type"] = _main_type(rows).reindex(agg.index)
    agg = agg.reset_index()[["entity", "type", "articles", "mentions"]]
    agg = agg.sort_values(["articles", "mentions", "entity"], ascending=[False, False, True])
    return agg.astype({"articles": "int64", "mentions": "int64"}).reset_index(drop=True)


def mentions_by_period(
    entities: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    entity_names: Sequence[str] | None = None,
    top: int = 5,
    types: Sequence[str] | None = DEFAULT_TYPES,
    freq: Freq = "M",
    count: CountBy = "articles",
) -> pd.DataFrame:
    """How often each entity is mentioned per period (day, week, month...).

    Parameters
    ----------
    entities : DataFrame
        The ``entities`` frame (or the ``mentions`` frame).
    articles : DataFrame
        A frame with ``article_id`` and ``published_at`` (the ``articles`` frame).
        Articles without a date are left out.
    entity_names : sequence of str, optional
        The entities to count, in this order. Default: the ``top`` entities of
        ``types`` with the most dated articles.
    top : int, default 5
        How many entities to pick when ``entity_names`` is not given (>= 1).
    types : sequence of str or None, default :data:`DEFAULT_TYPES`
        Entity types to pick from when ``entity_names`` is not given.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Period length (UTC calendar periods).
    count : {"articles", "mentions"}, default "articles"
        Count articles that mention the entity, or all its mentions.

    Returns
    -------
    pandas.DataFrame
        One row per period and entity, every period between the first and the last
        dated article present (0 where the entity was not mentioned), periods in
        order and entities in the order picked:

        - ``period`` -- the period's first day (naive UTC ``datetime64[ns]``)
        - ``entity`` -- canonical name
        - ``count`` -- articles (or mentions) in the period
    """
    owner = "mentions_by_period"
    _check_int(owner, "top", top, 1)
    if freq not in _FREQS:
        raise invalid_parameter(owner, "freq", f"one of {list(_FREQS)}", freq)
    if count not in ("articles", "mentions"):
        raise invalid_parameter(owner, "count", "'articles' or 'mentions'", count)
    articles = _require_frame(articles, owner, "articles", ["article_id", "published_at"])
    if entity_names is not None:
        if isinstance(entity_names, str):
            entity_names = [entity_names]
        rows = _entity_rows(entities, owner, None)
        rows = rows[rows["entity"].isin(list(entity_names))]
    else:
        rows = _entity_rows(entities, owner, types)
    empty = pd.DataFrame(
        {
            "period": pd.Series([], dtype="datetime64[ns]"),
            "entity": pd.Series([], dtype="string"),
            "count": pd.Series([], dtype="int64"),
        }
    )
    dates = pd.DataFrame(
        {
            "article_id": articles["article_id"].astype("string"),
            "published_at": pd.to_datetime(articles["published_at"], utc=True, errors="coerce"),
        }
    ).dropna()
    if len(rows) == 0 or len(dates) == 0:
        return empty
    dated = rows.merge(dates.drop_duplicates("article_id"), on="article_id", how="inner")
    if len(dated) == 0:
        return empty
    if entity_names is None:
        picked = _rank_entities(dated)["entity"].head(top).tolist()
    else:
        present = set(dated["entity"])
        picked = [e for e in dict.fromkeys(entity_names) if e in present]
    dated = dated[dated["entity"].isin(picked)]
    naive = dated["published_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    dated = dated.assign(period=naive.dt.to_period(freq))
    if count == "articles":
        agg = dated.groupby(["period", "entity"])["article_id"].nunique()
    else:
        agg = dated.groupby(["period", "entity"])["n"].sum()
    all_naive = dates["published_at"].dt.tz_convert("UTC").dt.tz_localize(None)
    all_periods = all_naive.dt.to_period(freq)
    periods = pd.period_range(all_periods.min(), all_periods.max(), freq=all_periods.min().freq)
    index = pd.MultiIndex.from_product([periods, picked], names=["period", "entity"])
    full = agg.reindex(index, fill_value=0).reset_index(name="count")
    full["period"] = full["period"].dt.start_time.astype("datetime64[ns]")
    full["entity"] = full["entity"].astype("string")
    full["count"] = full["count"].astype("int64")
    return full


def entity_sentiment(
    entities: pd.DataFrame,
    *,
    top: int = 15,
    types: Sequence[str] | None = DEFAULT_TYPES,
    min_articles: int = 1,
) -> pd.DataFrame:
    """Mean sentiment towards the most talked-about entities.

    Parameters
    ----------
    entities : DataFrame
        The ``entities`` frame, whose ``sentiment`` column a
        :class:`~newsnlp.SentimentScorer` filled (null values are ignored).
    top : int, default 15
        How many entities to keep (>= 1), those with the most scored articles.
    types : sequence of str or None, default :data:`DEFAULT_TYPES`
        Entity types to keep; None keeps all.
    min_articles : int, default 1
        Leave out entities scored in fewer articles than this (>= 1).

    Returns
    -------
    pandas.DataFrame
        One row per entity, most scored articles first:

        - ``entity`` -- canonical name
        - ``type`` -- its most frequent type
        - ``articles`` -- articles with a sentiment score for it
        - ``sentiment`` -- mean score, -1 (negative) ... 1 (positive)
        - ``std`` -- standard deviation of the scores (0 for one article)
        - ``positive`` / ``negative`` -- share of its articles scoring >= 0.2 / <= -0.2
          (:data:`NEUTRAL_BAND`, the band inside which SentimentScorer labels neutral)
    """
    owner = "entity_sentiment"
    _check_int(owner, "top", top, 1)
    _check_int(owner, "min_articles", min_articles, 1)
    frame = _require_frame(entities, owner, "entities", ["article_id", "entity", "sentiment"])
    rows = _entity_rows(frame, owner, types)
    columns = ["entity", "type", "articles", "sentiment", "std", "positive", "negative"]
    if len(rows) == 0:
        return _empty_sentiment(columns)
    wanted = _check_types(owner, types)
    scores = frame[["article_id", "entity", "sentiment"]].copy()
    if wanted is not None and "type" in frame.columns:
        scores = scores[frame["type"].isin(wanted).fillna(False).astype(bool).to_numpy()]
    scores = scores.assign(
        article_id=scores["article_id"].astype("string"),
        entity=scores["entity"].astype("string"),
        sentiment=pd.to_numeric(scores["sentiment"], errors="coerce").astype("float64"),
    ).dropna()
    if len(scores) == 0:
        return _empty_sentiment(columns)
    # one score per article and entity (the mentions frame could repeat rows)
    scores = scores.groupby(["entity", "article_id"], as_index=False)["sentiment"].mean()
    s = scores["sentiment"]
    scores = scores.assign(
        pos=(s >= NEUTRAL_BAND).astype("float64"), neg=(s <= -NEUTRAL_BAND).astype("float64")
    )
    agg = scores.groupby("entity").agg(
        articles=("article_id", "nunique"),
        sentiment=("sentiment", "mean"),
        std=("sentiment", "std"),
        positive=("pos", "mean"),
        negative=("neg", "mean"),
    )
    agg["std"] = agg["std"].fillna(0.0)
    agg["type"] = _main_type(rows).reindex(agg.index)
    agg = agg[agg["articles"] >= min_articles].reset_index()
    agg = agg.sort_values(["articles", "sentiment", "entity"], ascending=[False, False, True])
    agg = agg.head(top)[columns].reset_index(drop=True)
    return agg.astype({"articles": "int64"})


def _empty_sentiment(columns: list[str]) -> pd.DataFrame:
    dtypes = {"entity": "string", "type": "string", "articles": "int64"}
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "float64")) for c in columns})


def keyword_counts(
    keywords: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    top: int = 15,
    by: str | None = None,
) -> pd.DataFrame:
    """The top keywords of the corpus, or of each group of articles.

    A thin layer over :func:`newsnlp.top_keywords` (same ranking: the sum of the
    keyword's per-article scores), which also works without an ``articles`` frame
    when ``by`` is None.

    Parameters
    ----------
    keywords : DataFrame
        The ``keywords`` frame.
    articles : DataFrame, optional
        The ``articles`` frame; needed when ``by`` is given.
    top : int, default 15
        Keywords per group (>= 1).
    by : str, optional
        A column of ``articles`` (``"source"``, ``"author"``, ``"categories"``) or a
        period (``"month"``, ``"week"``...); None ranks over the whole corpus.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`newsnlp.top_keywords`: ``group`` (``"all"`` when
        ``by`` is None), ``keyword``, ``rank``, ``count`` (articles), ``share``,
        ``score``.
    """
    from newsnlp.analysis.keywords import top_keywords

    owner = "keyword_counts"
    _check_int(owner, "top", top, 1)
    keywords = _require_frame(keywords, owner, "keywords", ["article_id", "keyword"])
    if by is None:
        ids = keywords["article_id"].astype("string").drop_duplicates()
        groups = pd.DataFrame({"article_id": ids, "_group": "all"})
        return top_keywords(keywords, groups, by="_group", top_k=top)
    if articles is None:
        raise invalid_parameter(
            owner, "articles", f"the articles frame when by={by!r} is given", None
        )
    articles = _require_frame(articles, owner, "articles", ["article_id"])
    return top_keywords(keywords, articles, by=by, top_k=top)


def cooccurrence(
    entities: pd.DataFrame,
    *,
    top: int = 20,
    types: Sequence[str] | None = DEFAULT_TYPES,
    min_articles: int = 1,
) -> pd.DataFrame:
    """Pairs of entities mentioned in the same article, among the ``top`` entities.

    Parameters
    ----------
    entities : DataFrame
        The ``entities`` frame (or the ``mentions`` frame).
    top : int, default 20
        Only pairs of the ``top`` entities with the most articles (>= 2).
    types : sequence of str or None, default :data:`DEFAULT_TYPES`
        Entity types to keep; None keeps all.
    min_articles : int, default 1
        Leave out pairs seen together in fewer articles than this (>= 1).

    Returns
    -------
    pandas.DataFrame
        One row per pair, most shared articles first:

        - ``source`` / ``target`` -- the two entities (``source`` ranks higher)
        - ``articles`` -- articles that mention both
    """
    owner = "cooccurrence"
    _check_int(owner, "top", top, 2)
    _check_int(owner, "min_articles", min_articles, 1)
    rows = _entity_rows(entities, owner, types)
    ranked = _rank_entities(rows)["entity"].head(top).tolist()
    order = {name: i for i, name in enumerate(ranked)}
    rows = rows[rows["entity"].isin(ranked)]
    pairs: Counter[tuple[str, str]] = Counter()
    for _, names in rows.groupby("article_id")["entity"]:
        unique = sorted(set(names.tolist()), key=order.__getitem__)
        pairs.update(itertools.combinations(unique, 2))
    records = [(a, b, n) for (a, b), n in pairs.items() if n >= min_articles]
    records.sort(key=lambda r: (-r[2], order[r[0]], order[r[1]]))
    return pd.DataFrame(
        {
            "source": pd.Series([r[0] for r in records], dtype="string"),
            "target": pd.Series([r[1] for r in records], dtype="string"),
            "articles": pd.Series([r[2] for r in records], dtype="int64"),
        }
    )
