"""Image tests: each chart draws the expected series, bars and Chinese labels, with real glyphs."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

from newsnlp.errors import ParameterError
from newsnlp.plot import (
    NO_DATA_PREFIX,
    cooccurrence,
    cooccurrence_network,
    find_cjk_font,
    keyword_bars,
    mentions_over_time,
    missing_glyphs,
    sentiment_by_entity,
    top_entities,
)


def _render_without_missing_glyphs(fig) -> None:  # type: ignore[no-untyped-def]
    """Draw the figure to PNG and fail on any 'Glyph ... missing from font' warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    missing = [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert not missing, missing


def _fonts_have_glyphs(texts) -> None:  # type: ignore[no-untyped-def]
    """Each text's font (as matplotlib resolves it) has a glyph for every character."""
    from matplotlib import font_manager

    for text in texts:
        content = text.get_text()
        if not content.strip():
            continue
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert missing_glyphs(content, path) == "", (content, path)


def _labels(ticklabels) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.get_text() for t in ticklabels]


def _note(ax) -> str:  # type: ignore[no-untyped-def]
    return " ".join(t.get_text() for t in ax.texts)


# -- mentions over time -------------------------------------------------------------


def test_mentions_over_time_draws_one_line_per_entity_with_monthly_counts(known):
    ax = mentions_over_time(known["entities"], known["articles"], top=3)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["小米", "徕卡", "雷军"]
    assert [list(line.get_ydata()) for line in lines] == [[1, 2, 0], [1, 0, 1], [0, 1, 0]]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["小米", "徕卡", "雷军"]
    _render_without_missing_glyphs(ax.figure)
    _fonts_have_glyphs(ax.get_legend().get_texts())


def test_mentions_over_time_accepts_the_mentions_frame_and_named_entities(known):
    ax = mentions_over_time(
        known["mentions"], known["articles"], entities=["徕卡"], count="mentions"
    )
    (line,) = ax.get_lines()
    assert line.get_label() == "徕卡"
    assert list(line.get_ydata()) == [1, 0, 2]
    assert ax.get_ylabel() == "mentions"


def test_mentions_over_time_on_real_sample(sample_result):
    ax = mentions_over_time(sample_result.entities, sample_result.articles, top=5)
    assert len(ax.get_lines()) == 5
    names = top_entities(sample_result.entities, top=50)["entity"].tolist()
    assert all(line.get_label() in names for line in ax.get_lines())
    _render_without_missing_glyphs(ax.figure)


# -- sentiment by entity -----------------------------------------------------------


def test_sentiment_by_entity_one_bar_per_entity_with_chinese_tick_labels(known):
    ax = sentiment_by_entity(known["entities"])
    assert len(ax.patches) == 3
    ax.figure.canvas.draw()
    assert _labels(ax.get_yticklabels()) == ["小米", "徕卡", "雷军"]
    widths = [round(p.get_width(), 6) for p in ax.patches]
    assert widths == [round(0.2, 6), round(-0.2, 6), 0.5]
    _render_without_missing_glyphs(ax.figure)
    _fonts_have_glyphs(ax.get_yticklabels())


def test_sentiment_by_entity_on_real_sample_shows_top_entities(sample_result):
    ax = sentiment_by_entity(sample_result.entities, top=10)
    assert len(ax.patches) == 10
    ax.figure.canvas.draw()
    labels = _labels(ax.get_yticklabels())
    assert "小米" in labels and "苹果" in labels
    _render_without_missing_glyphs(ax.figure)
    _fonts_have_glyphs(ax.get_yticklabels())


def test_font_survives_on_an_axes_made_before_the_call(known):
    fig = Figure()
    ax = fig.add_subplot()  # made outside any CJK font context
    out = sentiment_by_entity(known["entities"], ax=ax)
    assert out is ax
    ax.set_ylim(ax.get_ylim())  # the user restyles: new ticks copy the font
    _render_without_missing_glyphs(fig)
    font = find_cjk_font()
    assert font is not None
    assert ax.get_yticklabels()[0].get_fontfamily()[0] == font.name


# -- keyword bars ------------------------------------------------------------------


def test_keyword_bars_one_bar_per_keyword_longest_first(known):
    ax = keyword_bars(known["keywords"], top=3)
    assert len(ax.patches) == 3
    ax.figure.canvas.draw()
    assert _labels(ax.get_yticklabels())[0] == "手机"
    assert ax.patches[0].get_width() == 3
    _render_without_missing_glyphs(ax.figure)
    _fonts_have_glyphs(ax.get_yticklabels())


def test_keyword_bars_by_source_draws_one_axes_per_source(known):
    fig = keyword_bars(known["keywords"], known["articles"], by="source", top=5)
    visible = [a for a in fig.axes if a.get_visible()]
    assert sorted(a.get_title() for a in visible) == sorted(["IT之家", "36氪", "ZAKER"])
    by_title = {a.get_title(): a for a in visible}
    assert len(by_title["IT之家"].patches) == 2  # 影像, 手机
    _render_without_missing_glyphs(fig)


def test_keyword_bars_by_group_refuses_an_axes(known):
    with pytest.raises(ParameterError, match="'by'"):
        keyword_bars(known["keywords"], known["articles"], by="source", ax=Figure().add_subplot())


# -- co-occurrence network --------------------------------------------------------


def test_cooccurrence_network_nodes_edges_and_labels(known):
    ax = cooccurrence_network(known["entities"], types=None)
    edges = [c for c in ax.collections if isinstance(c, LineCollection)]
    nodes = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(edges) == 1 and len(edges[0].get_segments()) == 4
    assert len(nodes) == 1 and len(nodes[0].get_offsets()) == 4
    assert sorted(t.get_text() for t in ax.texts) == sorted(["小米", "徕卡", "雷军", "北京"])
    _render_without_missing_glyphs(ax.figure)
    _fonts_have_glyphs(ax.texts)


def test_cooccurrence_network_is_deterministic_and_on_real_sample(sample_result):
    a = cooccurrence_network(sample_result.entities, top=15, seed=3)
    b = cooccurrence_network(sample_result.entities, top=15, seed=3)
    pa = next(c for c in a.collections if isinstance(c, PathCollection)).get_offsets()
    pb = next(c for c in b.collections if isinstance(c, PathCollection)).get_offsets()
    assert (pa == pb).all()
    pairs = cooccurrence(sample_result.entities, top=15)
    linked = set(pairs["source"]) | set(pairs["target"])
    assert {t.get_text() for t in a.texts} == linked
    _render_without_missing_glyphs(a.figure)


# -- nothing to draw ---------------------------------------------------------------


@pytest.mark.parametrize(
    "draw",
    [
        lambda k: mentions_over_time(k["empty_entities"], k["empty_articles"]),
        lambda k: mentions_over_time(k["entities"], k["articles"].assign(published_at=pd.NaT)),
        lambda k: sentiment_by_entity(k["empty_entities"]),
        lambda k: sentiment_by_entity(k["entities"].assign(sentiment=pd.NA)),
        lambda k: keyword_bars(k["empty_keywords"]),
        lambda k: cooccurrence_network(k["empty_entities"]),
        lambda k: cooccurrence_network(k["entities"][k["entities"]["entity"] == "小米"]),
    ],
    ids=[
        "mentions-empty",
        "mentions-no-dates",
        "sentiment-empty",
        "sentiment-unscored",
        "keywords-empty",
        "network-empty",
        "network-one-entity",
    ],
)
def test_charts_with_nothing_to_draw_say_no_data(known, draw):
    ax = draw(known)
    assert _note(ax).startswith(NO_DATA_PREFIX)
    _render_without_missing_glyphs(ax.figure)


def test_one_entity_network_says_why(known):
    one = known["entities"][known["entities"]["entity"] == "小米"]
    assert "only one entity" in _note(cooccurrence_network(one))


def test_keyword_bars_by_group_with_no_keywords_says_no_data(known):
    fig = keyword_bars(known["empty_keywords"], known["articles"], by="source")
    assert _note(fig.axes[0]).startswith(NO_DATA_PREFIX)
