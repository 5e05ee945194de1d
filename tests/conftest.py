"""Shared test fixtures.

``shared_dir`` / ``corpus_dir`` / ``datasets_dir`` point into ``../shared`` and skip
the test cleanly when it is absent, so the core suite runs anywhere on the fixtures
kept in ``tests/fixtures``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = Path(os.environ.get("NEWSNLP_SHARED", REPO.parent / "shared"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (review the diff by hand)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not present at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus"
    if not path.is_dir():
        pytest.skip(f"corpus not present at {path}")
    return path


@pytest.fixture(scope="session")
def datasets_dir(shared_dir: Path) -> Path:
    path = shared_dir / "datasets"
    if not path.is_dir():
        pytest.skip(f"datasets not present at {path}")
    return path
