"""Fixtures for the text tests: a small hand-written lexicon and tokenizers built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsnlp.text.lexicon import Lexicon
from newsnlp.text.tokenizer import Tokenizer

TEXT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"


@pytest.fixture(scope="session")
def text_fixtures() -> Path:
    return TEXT_FIXTURES


@pytest.fixture(scope="session")
def small_lexicon() -> Lexicon:
    return Lexicon.from_tsv(TEXT_FIXTURES / "lexicon_small.tsv")


@pytest.fixture(scope="session")
def small_tokenizer(small_lexicon: Lexicon) -> Tokenizer:
    return Tokenizer(small_lexicon)
