import pandas as pd
import pytest

from newsnlp.schemas import SCHEMAS, conform, empty_frame, frame_from_records


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_empty_frame_has_schema_columns_and_dtypes(name):
    frame = empty_frame(name)
    assert list(frame.columns) == list(SCHEMAS[name])
    assert len(frame) == 0
    assert conform(pd.DataFrame(), name).columns.tolist() == list(SCHEMAS[name])


def test_conform_orders_casts_and_drops_extra_columns():
    raw = pd.DataFrame({"rank": [1, 2], "keyword": ["徕卡", "小米"], "extra": [0, 0], "article_id": ["a", "a"]})
    frame = conform(raw, "keywords")
    assert frame.columns.tolist() == list(SCHEMAS["keywords"])
    assert str(frame["rank"].dtype) == "Int64"
    assert frame["score"].isna().all()


def test_articles_categories_and_dates_are_typed():
    frame = frame_from_records(
        [{"article_id": "x", "categories": ("ZAKER", "channel"), "published_at": "2022-06-28T01:50:00Z"}],
        "articles",
    )
    assert frame.loc[0, "categories"] == ["ZAKER", "channel"] or list(frame.loc[0, "categories"]) == ["ZAKER", "channel"]
    assert str(frame["published_at"].dtype) == "datetime64[ns, UTC]"


def test_conform_is_idempotent_with_missing_categories():
    frame = frame_from_records([{"article_id": "a", "categories": None}, {"article_id": "b", "categories": ["x"]}], "articles")
    again = conform(conform(frame, "articles"), "articles")
    assert again["categories"].isna().tolist() == [True, False]
    assert list(again.loc[1, "categories"]) == ["x"]
