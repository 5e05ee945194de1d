"""Character normalisation: spaces, zero-width characters, full-width alphanumerics."""

from __future__ import annotations

from newsnlp.parse.normalize import collapse_whitespace, normalize_paragraph, to_simplified
from newsnlp.parse.sites import canonical_source, source_from_dateline, tidy_spaced_quotes


def test_fullwidth_alphanumerics_fold_but_chinese_punctuation_stays() -> None:
    assert (
        normalize_paragraph("Ｘｉａｏｍｉ １２Ｓ Ｕｌｔｒａ：“徕卡”（Ｌｅｉｃａ）。")
        == "Xiaomi 12S Ultra：“徕卡”（Leica）。"
    )


def test_spaces_and_zero_width() -> None:
    assert (
        normalize_paragraph("\u3000\u3000小米\u00a0\u00a012S\u200b\ufeff 发布\u2009会 ")
        == "小米 12S 发布 会"
    )


def test_cjk_aware_line_joining() -> None:
    assert collapse_whitespace("小米发布\n新机") == "小米发布新机"
    assert collapse_whitespace("Xiaomi\n  12S") == "Xiaomi 12S"
    assert collapse_whitespace("ID\nCVE-2022") == "ID CVE-2022"


def test_to_simplified() -> None:
    assert to_simplified("雷軍：是徠卡找的我們") == "雷军：是徕卡找的我们"
    assert to_simplified("") == ""


def test_source_names() -> None:
    assert canonical_source("IT 之家") == "IT之家"
    assert canonical_source("快科技（原驱动之家）") == "快科技"
    assert canonical_source("36kr") == "36氪"
    assert canonical_source("少数派 sspai") == "少数派"
    assert canonical_source("  新华社  ") == "新华社"
    assert canonical_source(" ") is None
    assert source_from_dateline("IT 之家 9 月 12 日消息，苹果今天……") == "IT之家"
    assert source_from_dateline("快科技1月17日消息，") == "快科技"
    assert source_from_dateline("9 月 12 日消息，IT 之家") is None


def test_zaker_quotes() -> None:
    assert tidy_spaced_quotes('都是 " 专业 " 和 " 贵 "。') == '都是 "专业" 和 "贵"。'
    assert tidy_spaced_quotes('他说 " 你好') == '他说 " 你好'  # unpaired: left alone
