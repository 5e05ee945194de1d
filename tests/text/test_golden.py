"""Golden sentences from the real corpus: names come back whole with the right entry (issue 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsnlp.text.lexicon import Lexicon
from newsnlp.text.tokenizer import Tokenizer

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "golden_sentences.jsonl"


def _load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]


CASES = _load()


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(Lexicon.default())


def test_golden_file_has_enough_real_sentences() -> None:
    assert len(CASES) >= 100
    assert sum(bool(c["expected"]) for c in CASES) >= 100
    products = {e["entity"] for c in CASES for e in c["expected"] if e["type"] == "product"}
    for name in (
        "小米 12S Ultra",
        "iPhone 13 Pro Max",
        "骁龙 8+ Gen 1",
        "骁龙 8 Gen 1",
        "天玑 9000",
        "Core i9-12900K",
        "RTX 3080 Ti",
        "Windows 11",
        "Apple M1 Max",
        "Galaxy S22 Ultra",
    ):
        assert name in products, name


@pytest.mark.parametrize("case", CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_golden_sentence_keeps_names_whole(
    tokenizer: Tokenizer, case: dict[str, Any], update_golden: bool
) -> None:
    doc = tokenizer.tokenize(case["sentence"])
    assert "".join(t.text for t in doc.tokens) == case["sentence"]
    got = [
        {"text": t.text, "entity": t.entry.name, "type": t.entry.type}
        for t in doc.tokens
        if t.entry is not None
    ]
    if update_golden:
        case["expected"] = got
        GOLDEN.write_text(
            "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in CASES), encoding="utf-8"
        )
        return
    remaining = list(got)
    for want in case["expected"]:
        assert want in remaining, f"{want} not a single token with that entry in {got}"
        remaining.remove(want)
    for word in case["forbidden"]:
        assert not [t for t in doc.tokens if t.text == word and t.entry is not None], (
            f"{word!r} must not be an entity here"
        )
