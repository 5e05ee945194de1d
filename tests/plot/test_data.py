"""The tables behind the charts: counts that can be checked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from newsnlp.errors import InputTypeError, ParameterError
from newsnlp.plot import (
    cooccurrence,
    entity_sentiment,
    keyword_counts,
    mentions_by_period,
    top_entities,
)


def test_top_entities_counts_articles_and_mentions_and_hides_locations(known):
    table = top_entities(known["entities"])
    assert table["entity"].tolist() == ["小米", "徕卡", "雷军"]
    assert table["articles"].tolist() == [3, 2, 1]
    assert table["mentions"].tolist() == [6, 3, 1]
    assert "北京" in top_entities(known["entities"], types=None)["entity"].tolist()


def test_mentions_frame_gives_the_same_counts_as_entities_frame(known):
    a = top_entities(known["entities"])
    b = top_entities(known["mentions"])
    pd.testing.assert_frame_equal(a, b)


def test_mentions_by_period_fills_every_month_with_zeros(known):
    table = mentions_by_period(known["entities"], known["articles"], top=2)
    wide = table.pivot(index="period", columns="entity", values="count")
    assert [p.strftime("%Y-%m") for p in wide.index] == ["2022-01", "2022-02", "2022-03"]
    assert wide["小米"].tolist() == [1, 2, 0]
    assert wide["徕卡"].tolist() == [1, 0, 1]
    mentions = mentions_by_period(known["entities"], known["articles"], top=1, count="mentions")
    assert mentions["count"].tolist() == [3, 3, 0]


def test_mentions_by_period_keeps_the_order_of_named_entities(known):
    table = mentions_by_period(
        known["entities"], known["articles"], entity_names=["雷军", "小米", "不存在"]
    )
    assert list(dict.fromkeys(table["entity"])) == ["雷军", "小米"]


def test_mentions_by_period_without_dates_is_empty(known):
    undated = known["articles"].assign(published_at=pd.NaT)
    assert len(mentions_by_period(known["entities"], undated)) == 0


def test_entity_sentiment_means_and_shares(known):
    table = entity_sentiment(known["entities"]).set_index("entity")
    assert table.loc["小米", "sentiment"] == pytest.approx((0.6 - 0.2 + 0.2) / 3)
    assert table.loc["小米", "positive"] == pytest.approx(2 / 3)
    assert table.loc["徕卡", "negative"] == pytest.approx(1 / 2)
    assert table.loc["雷军", "std"] == 0.0


def test_entity_sentiment_ignores_unscored_rows(known):
    unscored = known["entities"].assign(sentiment=pd.NA)
    assert len(entity_sentiment(unscored)) == 0


def test_cooccurrence_counts_shared_articles(known):
    pairs = cooccurrence(known["entities"], types=None)
    got = {(a, b): n for a, b, n in pairs.itertuples(index=False)}
    assert got == {
        ("小米", "徕卡"): 1,
        ("小米", "雷军"): 1,
        ("小米", "北京"): 1,
        ("徕卡", "北京"): 1,
    }


def test_keyword_counts_without_articles_ranks_the_corpus(known):
    table = keyword_counts(known["keywords"], top=2)
    assert table["keyword"].tolist() == ["手机", "影像"]
    assert table["count"].tolist() == [3, 1]


def test_bad_arguments_name_the_parameter(known):
    with pytest.raises(ParameterError, match="'freq'"):
        mentions_by_period(known["entities"], known["articles"], freq="X")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="'top'"):
        top_entities(known["entities"], top=0)
    with pytest.raises(InputTypeError, match="entities"):
        top_entities(["小米"])  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="published_at"):
        mentions_by_period(known["entities"], known["articles"].drop(columns="published_at"))
    with pytest.raises(ParameterError, match="'articles'"):
        keyword_counts(known["keywords"], by="source")
