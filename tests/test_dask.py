"""newsnlp.dask: the same frames as analyze(), on a real two-process LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from newsnlp.errors import InputTypeError, ParameterError
from newsnlp.io.readers import read_articles
from newsnlp.io.sinks import FRAME_NAMES
from newsnlp.pipeline import AnalysisResult, analyze
from newsnlp.schemas import SCHEMAS

dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
POSTS = sorted(p for p in EXAMPLES.glob("*.md") if p.name != "PROVENANCE.md")[:10]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """Parsed sample articles as a plain table (what users keep in Parquet)."""
    frame = read_articles(POSTS)
    return pd.DataFrame(
        {
            "article_id": frame["article_id"].astype(str),
            "title": frame["title"].astype(str),
            "text": frame["text"].astype(str),
        }
    )


def _assert_same(a: AnalysisResult, b: AnalysisResult, *, skip: tuple[str, ...] = ()) -> None:
    for name in FRAME_NAMES:
        if name in skip:
            continue
        pd.testing.assert_frame_equal(a.frames()[name], b.frames()[name], obj=name)


def test_dask_dataframe_gives_the_frames_of_analyze(table: pd.DataFrame) -> None:
    from newsnlp.dask import analyze_dask

    ddf = dd.from_pandas(table, npartitions=3)
    res = analyze_dask(ddf, fit_sample=6)
    assert list(res.entities.columns) == list(SCHEMAS["entities"])
    local = analyze(table, n_jobs=1, progress=False, fit_sample=6)
    computed = res.compute(scheduler="sync")
    _assert_same(local, computed)
    assert computed.n_articles == len(table)
    lazy = res.keywords.compute(scheduler="sync")
    assert len(lazy) == len(local.keywords)


def test_dask_bag_of_records_and_texts(table: pd.DataFrame) -> None:
    from newsnlp.dask import analyze_dask

    records = table.to_dict(orient="records")
    bag = db.from_sequence([*records, "华为发布了新的折叠屏手机。", {"foo": 1}], npartitions=3)
    res = analyze_dask(bag, keywords="textrank").compute(scheduler="sync")
    assert res.n_inputs == len(records) + 2
    assert res.n_articles == len(records) + 1 and res.n_errors == 1
    assert set(res.keywords["method"]) == {"textrank"}


def test_duplicates_across_partitions_are_reported_like_analyze(table: pd.DataFrame) -> None:
    from newsnlp.dask import analyze_dask

    doubled = pd.concat([table.head(3), table.head(2)], ignore_index=True)
    res = analyze_dask(dd.from_pandas(doubled, npartitions=2), keywords="textrank").compute(
        scheduler="sync"
    )
    local = analyze(doubled, n_jobs=1, progress=False, keywords="textrank")
    assert res.n_articles == 3 and res.n_errors == 2
    _assert_same(local, res, skip=("errors",))


def test_bad_input_is_named() -> None:
    from newsnlp.dask import analyze_dask

    with pytest.raises(InputTypeError, match="dask DataFrame"):
        analyze_dask(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ParameterError, match="fit_sample"):
        analyze_dask(db.from_sequence(["x"]), fit_sample=0)


@pytest.mark.slow
def test_parity_on_a_local_cluster_with_two_worker_processes(table: pd.DataFrame) -> None:
    distributed = pytest.importorskip("distributed")
    from newsnlp.dask import analyze_dask

    local = analyze(table, n_jobs=1, progress=False, fit_sample=6)
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        res = analyze_dask(dd.from_pandas(table, npartitions=4), fit_sample=6)
        computed = res.compute()
        # the work really ran in both worker processes
        workers = client.run(lambda: len(__import__("newsnlp.dask", fromlist=["_"])._PIPELINES))
    _assert_same(local, computed)
    assert len(workers) == 2 and sum(workers.values()) >= 1


def test_a_read_articles_frame_is_not_reparsed_on_dask() -> None:
    # regression: the text column was re-parsed, so articles differed from the input
    df = read_articles(POSTS)
    from newsnlp.dask import analyze_dask

    got = analyze_dask(dd.from_pandas(df, npartitions=2)).compute(scheduler="sync")
    pd.testing.assert_frame_equal(got.articles, df)
