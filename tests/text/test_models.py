"""The product-model grammar (newsnlp.text.models): lines + model tokens -> canonical products."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsnlp.errors import LexiconError
from newsnlp.text.entry import Entry
from newsnlp.text.lexicon import Lexicon
from newsnlp.text.models import ProductGrammar

GRAMMAR = ProductGrammar.default()


def found(text: str, grammar: ProductGrammar = GRAMMAR) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.name) for m in grammar.finditer(text)]


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("小米 12S Ultra", "小米 12S Ultra", "小米 12S Ultra"),
        ("Xiaomi 12s ultra", "Xiaomi 12s ultra", "小米 12S Ultra"),
        ("小米MIX4", "小米MIX4", "小米 MIX 4"),
        ("小米 MIX Fold 2", "小米 MIX Fold 2", "小米 MIX Fold 2"),
        ("Redmi Note 11E Pro+", "Redmi Note 11E Pro+", "Redmi Note 11E Pro+"),
        ("Redmi K50 至尊版", "Redmi K50 至尊版", "Redmi K50 至尊版"),
        ("iPhone 13 Pro Max", "iPhone 13 Pro Max", "iPhone 13 Pro Max"),
        ("iPhone SE", "iPhone SE", "iPhone SE"),
        ("Galaxy S22 Ultra", "Galaxy S22 Ultra", "Galaxy S22 Ultra"),
        ("Galaxy Z Flip 3", "Galaxy Z Flip 3", "Galaxy Z Flip3"),
        ("骁龙 8 Gen 1", "骁龙 8 Gen 1", "骁龙 8 Gen 1"),
        ("骁龙8+ Gen1", "骁龙8+ Gen1", "骁龙 8+ Gen 1"),
        ("Snapdragon 8 Plus Gen 1", "Snapdragon 8 Plus Gen 1", "骁龙 8+ Gen 1"),
        ("Snapdragon 888+", "Snapdragon 888+", "骁龙 888+"),
        ("天玑 9000", "天玑 9000", "天玑 9000"),
        ("天玑 8100-Max", "天玑 8100-Max", "天玑 8100 Max"),
        ("麒麟9000S", "麒麟9000S", "麒麟 9000S"),
        ("i9-12900K", "i9-12900K", "Core i9-12900K"),
        ("酷睿 i7-1260P", "酷睿 i7-1260P", "Core i7-1260P"),
        ("Ryzen 7 5800X3D", "Ryzen 7 5800X3D", "Ryzen 7 5800X3D"),
        ("RTX 3080 Ti", "RTX 3080 Ti", "RTX 3080 Ti"),
        ("RTX 3080ti", "RTX 3080ti", "RTX 3080 Ti"),
        ("RX 6900 XT", "RX 6900 XT", "RX 6900 XT"),
        ("Mate 50 Pro", "Mate 50 Pro", "Mate 50 Pro"),
        ("华为 P50 Pocket", "华为 P50 Pocket", "P50 Pocket"),
        ("Windows 11", "Windows 11", "Windows 11"),
        ("iOS 15.4", "iOS 15.4", "iOS 15.4"),
        ("鸿蒙 3.0", "鸿蒙 3.0", "HarmonyOS 3.0"),
        ("Android 12L", "Android 12L", "Android 12L"),
        ("M1 Max", "M1 Max", "Apple M1 Max"),
        ("Model Y 订单", "Model Y", "Model Y"),
        ("Pixel 6a", "Pixel 6a", "Pixel 6a"),
        ("OnePlus 10T", "OnePlus 10T", "一加 10T"),
        ("Xperia 1 IV", "Xperia 1 IV", "Xperia 1 IV"),
    ],
)
def test_grammar_finds_models_and_canonicalises_them(
    text: str, surface: str, canonical: str
) -> None:
    assert found(text) == [(surface, canonical)]


@pytest.mark.parametrize(
    "text",
    [
        "小米 CEO 雷军",
        "iPhone 用户",
        "小米 10 亿元",
        "小米 12 月",
        "Windows 10 年",
        "小米 12GB",
        "Redmi 120W",
        "PS5",
        "1080P",
        "P2P",
        "license",
        "种植小米 12 亩",
        "find 5 things",
        "Galaxy Store",
    ],
)
def test_grammar_does_not_over_match(text: str) -> None:
    assert found(text) == []


def test_products_carry_brand_and_company() -> None:
    (m,) = GRAMMAR.finditer("Redmi Note 11 Pro+")
    assert (
        m.entry.type == "product" and m.entry.parent == "Redmi Note" and m.entry.company == "小米"
    )


def test_grammar_follows_the_lexicon_brands() -> None:
    lex = Lexicon(
        [Entry("华为", "company"), Entry("Mate", "brand", ("HUAWEI Mate",), parent="华为")]
    )
    g = GRAMMAR.with_lexicon(lex)
    assert found("HUAWEI Mate 50 Pro", g) == [("HUAWEI Mate 50 Pro", "Mate 50 Pro")]
    (m,) = g.finditer("Mate 50")
    assert m.entry.parent == "Mate" and m.entry.company == "华为"


def test_bad_product_line_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "lines.tsv"
    path.write_text(
        "line\taliases\tbrand\tcompany\tkind\tjoin\tcase\nFoo\t\t\t\tphonez\tspace\tignore\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="line 2: kind 'phonez'"):
        ProductGrammar.from_tsv(path)


def test_every_shipped_line_names_lexicon_entries() -> None:
    lex = Lexicon.default()
    adapted = GRAMMAR.with_lexicon(lex)
    missing = [
        (pl.line, pl.brand) for pl in adapted.lines if pl.brand and lex.get(pl.brand) is None
    ]
    assert not missing, missing
