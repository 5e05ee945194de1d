"""Fixtures for the report tests: the sample corpus analysed once, written by each sink."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def sample_result():  # type: ignore[no-untyped-def]
    """``newsnlp.analyze`` over the 28 real posts of examples/articles, in memory."""
    import newsnlp

    return newsnlp.analyze(str(SAMPLE), n_jobs=1, progress=False).load()


@pytest.fixture(scope="session")
def parquet_dir(sample_result, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("result") / "parquet"
    sample_result.to_parquet(out)
    return out
