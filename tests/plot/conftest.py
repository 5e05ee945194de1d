"""Fixtures for the chart tests: a real result of the sample corpus and small known frames."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from newsnlp.schemas import empty_frame, frame_from_records

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "articles"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def sample_result():  # type: ignore[no-untyped-def]
    """``newsnlp.analyze`` over the 28 real posts of examples/articles."""
    import newsnlp

    return newsnlp.analyze(str(SAMPLE), n_jobs=1, progress=False).load()


def _articles(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    return frame_from_records(
        [
            {"article_id": a, "source": s, "title": f"标题 {a}", "text": "正文", "published_at": d}
            for a, s, d in rows
        ],
        "articles",
    )


@pytest.fixture()
def known() -> dict[str, pd.DataFrame]:
    """Four articles over three months with known entity counts and sentiment.

    小米: a1 (Jan), a2 (Feb), a3 (Feb) -> 1, 2, 0 per month; 徕卡: a1, a4 (Mar);
    雷军: a2; 北京 (a location, hidden by default): a1.
    """
    articles = _articles(
        [
            ("a1", "IT之家", "2022-01-10T08:00:00Z"),
            ("a2", "IT之家", "2022-02-03T08:00:00Z"),
            ("a3", "36氪", "2022-02-20T08:00:00Z"),
            ("a4", "ZAKER", "2022-03-05T08:00:00Z"),
        ]
    )
    ents = [
        ("a1", "小米", "company", 3, 0.6),
        ("a1", "徕卡", "company", 1, 0.4),
        ("a1", "北京", "location", 1, 0.0),
        ("a2", "小米", "company", 2, -0.2),
        ("a2", "雷军", "person", 1, 0.5),
        ("a3", "小米", "company", 1, 0.2),
        ("a4", "徕卡", "company", 2, -0.8),
    ]
    entities = frame_from_records(
        [
            {"article_id": a, "entity": e, "type": t, "mentions": m, "sentiment": s}
            for a, e, t, m, s in ents
        ],
        "entities",
    )
    mentions = frame_from_records(
        [
            {"article_id": a, "entity": e, "type": t, "mention": e, "field": "text", "start": i}
            for a, e, t, m, _s in ents
            for i in range(m)
        ],
        "mentions",
    )
    keywords = frame_from_records(
        [
            {"article_id": a, "keyword": k, "rank": r, "score": s, "method": "tfidf"}
            for a, k, r, s in [
                ("a1", "影像", 1, 0.9),
                ("a1", "手机", 2, 0.5),
                ("a2", "手机", 1, 0.8),
                ("a3", "手机", 1, 0.7),
                ("a3", "芯片", 2, 0.4),
                ("a4", "镜头", 1, 0.6),
            ]
        ],
        "keywords",
    )
    return {
        "articles": articles,
        "entities": entities,
        "mentions": mentions,
        "keywords": keywords,
        "empty_entities": empty_frame("entities"),
        "empty_articles": empty_frame("articles"),
        "empty_keywords": empty_frame("keywords"),
    }
