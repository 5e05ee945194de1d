"""The CJK font: found, has the glyphs, used without changing global settings."""

from __future__ import annotations

import io
import warnings

import pytest

import newsnlp.plot.fonts as fonts
from newsnlp.plot import MissingCJKFontWarning, find_cjk_font, missing_glyphs, use_cjk_font

CHINESE = "小米徕卡雷军华为骁龙鸿蒙比亚迪宁德时代"


def test_a_cjk_font_is_found_and_has_the_glyphs():
    font = find_cjk_font()
    assert font is not None, "install mplfonts (the plot extra) or fonts-noto-cjk"
    assert font.path.is_file()
    assert missing_glyphs(CHINESE, font.path) == ""


def test_mplfonts_file_is_preferred_when_installed():
    path = fonts.bundled_font_path()
    if path is None:
        pytest.skip("mplfonts is not installed")
    font = find_cjk_font()
    assert font is not None
    assert font.origin == "mplfonts"
    assert font.path == path
    assert font.name == "Noto Sans CJK SC"


def test_missing_glyphs_reports_what_dejavu_lacks():
    from matplotlib import font_manager

    dejavu = font_manager.findfont("DejaVu Sans")
    assert missing_glyphs("A小米", dejavu) == "小米"


def test_use_cjk_font_restores_rcparams():
    import matplotlib

    before = dict(matplotlib.rcParams)
    with use_cjk_font() as family:
        assert matplotlib.rcParams["font.family"] == family
    assert dict(matplotlib.rcParams) == before


def test_text_made_inside_keeps_the_font_when_saved_outside():
    from matplotlib.figure import Figure

    with use_cjk_font():
        fig = Figure()
        ax = fig.add_subplot()
        ax.set_title("小米 12S Ultra 徕卡")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_falls_back_to_an_installed_cjk_font(monkeypatch):
    # Without the mplfonts file, a font matplotlib knows by a CJK name is used (here the
    # same Noto file, already registered, stands in for Debian's fonts-noto-cjk).
    assert find_cjk_font() is not None
    monkeypatch.setattr(fonts, "bundled_font_path", lambda: None)
    font = find_cjk_font()
    assert font is not None
    assert font.origin == "system"
    assert missing_glyphs(CHINESE, font.path) == ""


def test_warns_clearly_when_no_cjk_font_exists(monkeypatch):
    monkeypatch.setattr(fonts, "bundled_font_path", lambda: None)
    monkeypatch.setattr(fonts, "CJK_FONT_NAMES", ())
    with pytest.warns(MissingCJKFontWarning, match="pip install mplfonts"):
        family = fonts.font_family()
    assert family == ["DejaVu Sans"]


def test_a_clear_error_when_matplotlib_is_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(ImportError, match=r"pip install 'newsnlp\[plot\]'"):
        find_cjk_font()
