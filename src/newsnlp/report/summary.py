"""The numbers of the report, as plain tables (the HTML is made from these)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from newsnlp.plot.data import (
    DEFAULT_TYPES,
    NEUTRAL_BAND,
    Freq,
    entity_sentiment,
    keyword_counts,
    mentions_by_period,
    top_entities,
)

__all__ = [
    "Overview",
    "entity_table",
    "errors_by_kind",
    "extreme_articles",
    "keywords_by_group",
    "overview",
    "pick_freq",
    "sources_table",
    "trend_table",
]

#: Entity types of the "brand trends" section.
TREND_TYPES: tuple[str, ...] = ("company", "brand", "product")
_POSITIVE = NEUTRAL_BAND  # scores >= this count as positive, <= -this as negative


@dataclass(frozen=True, slots=True)
class Overview:
    """Corpus-level counts shown at the top of the report."""

    articles: int
    sources: int
    dated: int
    first: pd.Timestamp | None
    last: pd.Timestamp | None
    entities: int
    entity_mentions: int
    keywords: int
    errors: int
    scored: int
    mean_sentiment: float | None
    positive: int
    neutral: int
    negative: int


def _dates(articles: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(articles["published_at"], utc=True, errors="coerce")


def overview(frames: dict[str, pd.DataFrame]) -> Overview:
    """Count articles, sources, dates, entities, keywords, errors and sentiment labels."""
    arts = frames["articles"]
    ents = frames["entities"]
    sent = frames["sentiment"]
    dates = _dates(arts).dropna()
    scores = pd.to_numeric(sent["score"], errors="coerce").dropna().astype("float64")
    labels = sent["label"].astype("string").value_counts()
    mentions = pd.to_numeric(ents["mentions"], errors="coerce").fillna(0)
    return Overview(
        articles=int(arts["article_id"].nunique()),
        sources=int(arts["source"].dropna().nunique()),
        dated=len(dates),
        first=dates.min() if len(dates) else None,
        last=dates.max() if len(dates) else None,
        entities=int(ents["entity"].dropna().nunique()),
        entity_mentions=int(mentions.sum()),
        keywords=int(frames["keywords"]["keyword"].dropna().nunique()),
        errors=len(frames["errors"]),
        scored=len(scores),
        mean_sentiment=float(scores.mean()) if len(scores) else None,
        positive=int(labels.get("positive", 0)),
        neutral=int(labels.get("neutral", 0)),
        negative=int(labels.get("negative", 0)),
    )


def sources_table(articles: pd.DataFrame, sentiment: pd.DataFrame) -> pd.DataFrame:
    """Per source: articles, share, date range and document sentiment.

    Returns
    -------
    pandas.DataFrame
        ``source`` ("(unknown)" for articles without one), ``articles``, ``share``,
        ``first``, ``last`` (UTC timestamps or NaT), ``sentiment`` (mean score or NaN),
        ``positive``, ``negative`` (shares of scored articles labelled so), most
        articles first.
    """
    columns = ["source", "articles", "share", "first", "last", "sentiment", "positive", "negative"]
    if len(articles) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    arts = pd.DataFrame(
        {
            "article_id": articles["article_id"].astype("string"),
            "source": articles["source"].astype("string").fillna("(unknown)"),
            "published_at": _dates(articles),
        }
    ).drop_duplicates("article_id")
    scores = sentiment[["article_id", "score", "label"]].astype(
        {"article_id": "string", "label": "string"}
    )
    scores = scores.assign(score=pd.to_numeric(scores["score"], errors="coerce").astype("float64"))
    scores = scores.dropna(subset=["score"]).drop_duplicates("article_id")
    merged = arts.merge(scores, on="article_id", how="left")
    scored = merged["score"].notna()
    merged = merged.assign(
        pos=(merged["label"] == "positive").fillna(False).astype("float64").where(scored),
        neg=(merged["label"] == "negative").fillna(False).astype("float64").where(scored),
    )
    agg = merged.groupby("source").agg(
        articles=("article_id", "nunique"),
        first=("published_at", "min"),
        last=("published_at", "max"),
        sentiment=("score", "mean"),
        positive=("pos", "mean"),
        negative=("neg", "mean"),
    )
    agg["share"] = agg["articles"] / len(arts)
    agg = agg.reset_index().sort_values(["articles", "source"], ascending=[False, True])
    return agg[columns].reset_index(drop=True)


def entity_table(entities: pd.DataFrame, *, top: int = 25) -> pd.DataFrame:
    """The ``top`` entities with their article counts and sentiment.

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``type``, ``articles``, ``mentions``, ``sentiment`` (mean, NaN
        when unscored), ``positive``, ``negative`` (shares of scored articles).
    """
    ranked = top_entities(entities, top=top, types=DEFAULT_TYPES)
    scored = entity_sentiment(entities, top=max(len(ranked), 1) * 50, types=DEFAULT_TYPES)
    scored = scored[["entity", "sentiment", "positive", "negative"]]
    return ranked.merge(scored, on="entity", how="left")


def pick_freq(articles: pd.DataFrame) -> Freq:
    """A period length that gives a readable number of points for the corpus's date span."""
    dates = _dates(articles).dropna()
    if len(dates) == 0:
        return "M"
    span = (dates.max() - dates.min()).days
    if span > 4 * 365:
        return "Q"
    if span > 120:
        return "M"
    if span > 21:
        return "W"
    return "D"


def trend_table(
    entities: pd.DataFrame, articles: pd.DataFrame, *, freq: Freq, top: int = 8
) -> pd.DataFrame:
    """For the ``top`` companies, brands and products: when they were talked about.

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``articles`` (dated), ``first``, ``last`` (period labels),
        ``peak`` (the busiest period) and ``peak_articles``.
    """
    table = mentions_by_period(entities, articles, top=top, types=TREND_TYPES, freq=freq)
    columns = ["entity", "articles", "first", "last", "peak", "peak_articles"]
    if len(table) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    rows: list[dict[str, Any]] = []
    fmt = {"D": "%Y-%m-%d", "W": "%Y-%m-%d", "M": "%Y-%m", "Q": "%Y-%m", "Y": "%Y"}[freq]
    for name, part in table.groupby("entity", sort=False):
        seen = part[part["count"] > 0]
        peak = part.iloc[int(part["count"].to_numpy().argmax())]
        rows.append(
            {
                "entity": str(name),
                "articles": int(part["count"].sum()),
                "first": seen["period"].min().strftime(fmt),
                "last": seen["period"].max().strftime(fmt),
                "peak": peak["period"].strftime(fmt),
                "peak_articles": int(peak["count"]),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def keywords_by_group(
    keywords: pd.DataFrame, articles: pd.DataFrame, *, by: str = "source", top: int = 8
) -> pd.DataFrame:
    """The top keywords of each group (source), as one row per group.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``articles`` (of the group that have keywords), ``keywords``
        (list of str, best first), largest groups first.
    """
    columns = ["group", "articles", "keywords"]
    if len(keywords) == 0 or len(articles) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    table = keyword_counts(keywords, articles, top=top, by=by)
    if len(table) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    arts = articles[["article_id", by]].astype({"article_id": "string"}) if by in articles else None
    with_kw = set(keywords["article_id"].astype("string"))
    sizes: dict[str, int] = {}
    if arts is not None:
        arts = arts[arts["article_id"].isin(with_kw)]
        sizes = {str(k): int(v) for k, v in arts.groupby(by)["article_id"].nunique().items()}
    rows = [
        {
            "group": str(group),
            "articles": sizes.get(str(group), 0),
            "keywords": part.sort_values("rank")["keyword"].astype(str).tolist(),
        }
        for group, part in table.groupby("group", sort=False)
    ]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["articles", "group"], ascending=[False, True]).reset_index(drop=True)


def extreme_articles(
    articles: pd.DataFrame, sentiment: pd.DataFrame, *, n: int = 8
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` most positive and the ``n`` most negative articles.

    Returns
    -------
    (positive, negative) : tuple of DataFrame
        Each with ``title``, ``source``, ``published_at``, ``url``, ``score``; the
        positive ones score >= 0.2, the negative ones <= -0.2. A title repeated by
        several articles is listed once (its highest, resp. lowest, score).
    """
    columns = ["title", "source", "published_at", "url", "score"]
    empty = pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    if len(articles) == 0 or len(sentiment) == 0:
        return empty, empty.copy()
    scores = sentiment[["article_id", "score"]].astype({"article_id": "string"})
    scores = scores.assign(score=pd.to_numeric(scores["score"], errors="coerce").astype("float64"))
    scores = scores.dropna().drop_duplicates("article_id")
    arts = articles[["article_id", "title", "source", "published_at", "url"]].astype(
        {"article_id": "string"}
    )
    merged = arts.drop_duplicates("article_id").merge(scores, on="article_id", how="inner")
    pos = merged[merged["score"] >= _POSITIVE].sort_values(["score", "article_id"], ascending=False)
    neg = merged[merged["score"] <= -_POSITIVE].sort_values(["score", "article_id"])
    # a story republished under the same title (xda has dozens of "2023 年最佳手机") shows once
    pos = pos[~_repeated_title(pos)]
    neg = neg[~_repeated_title(neg)]
    return pos.head(n)[columns].reset_index(drop=True), neg.head(n)[columns].reset_index(drop=True)


def _repeated_title(frame: pd.DataFrame) -> pd.Series:
    titles = frame["title"].astype("string")
    return (titles.duplicated() & titles.notna()).astype(bool)


def errors_by_kind(errors: pd.DataFrame) -> pd.DataFrame:
    """Errors counted by stage and exception class.

    Returns
    -------
    pandas.DataFrame
        ``stage``, ``error``, ``count``, ``example`` (the first message), most
        frequent first.
    """
    columns = ["stage", "error", "count", "example"]
    if len(errors) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    frame = errors.assign(
        stage=errors["stage"].astype("string").fillna("?"),
        error=errors["error"].astype("string").fillna("?"),
    )
    agg = frame.groupby(["stage", "error"]).agg(
        count=("message", "size"), example=("message", "first")
    )
    agg = agg.reset_index().sort_values(["count", "stage", "error"], ascending=[False, True, True])
    return agg[columns].reset_index(drop=True)
