"""Charts of analysis results, with Chinese labels drawn in a CJK font.

>>> import newsnlp, newsnlp.plot as nplot
>>> result = newsnlp.analyze("examples/articles", progress=False)      # doctest: +SKIP
>>> ax = nplot.mentions_over_time(result.entities, result.articles)   # doctest: +SKIP
>>> ax.figure.savefig("mentions.png")                                  # doctest: +SKIP

matplotlib is an optional dependency (``pip install 'newsnlp[plot]'``); it is
imported only when a chart is drawn. For Chinese glyphs install ``mplfonts``
(Noto Sans CJK SC) or a system CJK font (see :mod:`newsnlp.plot.fonts`). The
tables behind the charts (:mod:`newsnlp.plot.data`) need only pandas.
"""

from __future__ import annotations

from newsnlp.plot.charts import (
    NO_DATA_PREFIX,
    cooccurrence_network,
    keyword_bars,
    mentions_over_time,
    sentiment_by_entity,
)
from newsnlp.plot.data import (
    DEFAULT_TYPES,
    cooccurrence,
    entity_sentiment,
    keyword_counts,
    mentions_by_period,
    top_entities,
)
from newsnlp.plot.fonts import (
    CJKFont,
    MissingCJKFontWarning,
    find_cjk_font,
    missing_glyphs,
    use_cjk_font,
)

__all__ = [
    "DEFAULT_TYPES",
    "NO_DATA_PREFIX",
    "CJKFont",
    "MissingCJKFontWarning",
    "cooccurrence",
    "cooccurrence_network",
    "entity_sentiment",
    "find_cjk_font",
    "keyword_bars",
    "keyword_counts",
    "mentions_by_period",
    "mentions_over_time",
    "missing_glyphs",
    "sentiment_by_entity",
    "top_entities",
    "use_cjk_font",
]
