"""The charts: entity mentions over time, sentiment by entity, keyword bars, co-occurrence.

Each function draws on the ``ax`` it is given (or on a new figure) and returns the
matplotlib Axes, so a user can restyle it (``ax.set_title(...)``,
``ax.figure.savefig(...)``). Chinese labels use the font of
:func:`newsnlp.plot.fonts.use_cjk_font`. When there is nothing to draw (an empty
result, no dated articles, a single entity) the Axes carries a centred
"No data: ..." note instead of an exception; the note is ``ax.texts[0]``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from newsnlp.errors import ParameterError, invalid_parameter
from newsnlp.plot.data import (
    DEFAULT_TYPES,
    CountBy,
    Freq,
    cooccurrence,
    entity_sentiment,
    keyword_counts,
    mentions_by_period,
    top_entities,
)
from newsnlp.plot.fonts import _require_matplotlib, apply_font, use_cjk_font

__all__ = [
    "NO_DATA_PREFIX",
    "cooccurrence_network",
    "keyword_bars",
    "mentions_over_time",
    "sentiment_by_entity",
]

#: Every "nothing to draw" note starts with this.
NO_DATA_PREFIX = "No data"

_FREQ_WORDS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
_TYPE_COLOURS = {
    "company": "#1f77b4",
    "brand": "#ff7f0e",
    "product": "#2ca02c",
    "person": "#d62728",
    "organization": "#9467bd",
    "location": "#8c564b",
}
_OTHER_COLOUR = "#7f7f7f"


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _new_axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _require_matplotlib()
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def _no_data(ax: Any, title: str, reason: str) -> Any:
    """Write a centred "No data: reason" note on an empty Axes."""
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(
        0.5,
        0.5,
        f"{NO_DATA_PREFIX}: {reason}",
        transform=ax.transAxes,
        ha="center",
        va="center",
        wrap=True,
        color="#555555",
    )
    return ax


def _sentiment_colour(value: float) -> Any:
    from matplotlib import colormaps

    cmap = colormaps["RdYlGn"]
    return cmap(0.5 + max(-1.0, min(1.0, float(value))) * 0.45)


# ---------------------------------------------------------------------------
# mentions over time
# ---------------------------------------------------------------------------


def mentions_over_time(
    frame: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    entities: Sequence[str] | None = None,
    top: int = 5,
    types: Sequence[str] | None = DEFAULT_TYPES,
    freq: Freq = "M",
    count: CountBy = "articles",
    ax: Any = None,
) -> Any:
    """Line chart: how often each entity is mentioned per period, one line per entity.

    Parameters
    ----------
    frame : DataFrame
        The ``entities`` frame or the ``mentions`` frame.
    articles : DataFrame
        The ``articles`` frame (``article_id`` and ``published_at`` are used);
        undated articles are left out.
    entities : sequence of str, optional
        The entities to draw; default the ``top`` entities of ``types``.
    top : int, default 5
        How many entities to draw when ``entities`` is not given.
    types : sequence of str or None, default ``DEFAULT_TYPES``
        Entity types to pick from (None: all).
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Period length.
    count : {"articles", "mentions"}, default "articles"
        What a point counts.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        One line per entity (``ax.get_lines()``), labelled with its name.
    """
    table = mentions_by_period(
        frame, articles, entity_names=entities, top=top, types=types, freq=freq, count=count
    )
    # The figure is made outside the font context: pyplot may set up its backend
    # (Jupyter's inline backend sets rcParams) on first use, which must outlive the context.
    ax = _new_axes(ax, (8.0, 4.0))
    with use_cjk_font() as family:
        title = f"Mentions per {_FREQ_WORDS[freq]}"
        if len(table) == 0:
            _no_data(ax, title, "no dated articles mention the selected entities")
        else:
            from matplotlib import dates as mdates
            from matplotlib.ticker import MaxNLocator

            for name, part in table.groupby("entity", sort=False):
                ax.plot(
                    part["period"].to_numpy(),
                    part["count"].to_numpy(),
                    marker="o",
                    markersize=3,
                    linewidth=1.6,
                    label=str(name),
                )
            locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            ax.set_ylabel("articles" if count == "articles" else "mentions")
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_title(title)
            ax.grid(axis="y", alpha=0.3)
            ax.legend(loc="upper left", fontsize="small", frameon=False)
        apply_font(ax, family)
    return ax


# ---------------------------------------------------------------------------
# sentiment by entity
# ---------------------------------------------------------------------------


def sentiment_by_entity(
    entities: pd.DataFrame,
    *,
    top: int = 15,
    types: Sequence[str] | None = DEFAULT_TYPES,
    min_articles: int = 1,
    ax: Any = None,
) -> Any:
    """Horizontal bars: mean sentiment towards each of the most talked-about entities.

    Bars run from -1 (red, negative) to 1 (green, positive); the number of scored
    articles is written beside each bar.

    Parameters
    ----------
    entities : DataFrame
        The ``entities`` frame with its ``sentiment`` column filled.
    top : int, default 15
        How many entities (those with the most scored articles).
    types : sequence of str or None, default ``DEFAULT_TYPES``
        Entity types to show (None: all).
    min_articles : int, default 1
        Leave out entities scored in fewer articles.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per entity (``ax.patches``), entity names as y tick labels, the
        most talked-about at the top.
    """
    table = entity_sentiment(entities, top=top, types=types, min_articles=min_articles)
    ax = _new_axes(ax, (7.0, 0.8 + 0.32 * max(len(table), 3)))
    with use_cjk_font() as family:
        title = "Sentiment by entity"
        if len(table) == 0:
            _no_data(ax, title, "no entity has a sentiment score")
        else:
            y = np.arange(len(table))
            values = table["sentiment"].to_numpy(dtype="float64")
            ax.barh(
                y,
                values,
                color=[_sentiment_colour(v) for v in values],
                edgecolor="#444444",
                linewidth=0.5,
            )
            ax.set_yticks(y, labels=[str(e) for e in table["entity"]])
            ax.invert_yaxis()
            ax.axvline(0.0, color="#444444", linewidth=0.8)
            ax.set_xlim(-1.15, 1.15)
            for yi, v, n in zip(y, values, table["articles"], strict=True):
                ax.text(
                    v + (0.03 if v >= 0 else -0.03),
                    yi,
                    f"n={int(n)}",
                    va="center",
                    ha="left" if v >= 0 else "right",
                    fontsize="x-small",
                    color="#333333",
                )
            ax.set_xlabel("mean sentiment (-1 negative … 1 positive)")
            ax.set_title(title)
            ax.grid(axis="x", alpha=0.3)
        apply_font(ax, family)
    return ax


# ---------------------------------------------------------------------------
# keyword bars
# ---------------------------------------------------------------------------


def keyword_bars(
    keywords: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    top: int = 15,
    by: str | None = None,
    max_groups: int = 6,
    value: Literal["count", "score"] = "count",
    ax: Any = None,
) -> Any:
    """Horizontal bars of the top keywords, for the corpus or per group (``by="source"``).

    Keywords are picked as :func:`newsnlp.top_keywords` ranks them (sum of scores)
    and drawn longest bar first.

    Parameters
    ----------
    keywords : DataFrame
        The ``keywords`` frame.
    articles : DataFrame, optional
        The ``articles`` frame; needed when ``by`` is given.
    top : int, default 15
        Keywords per chart.
    by : str, optional
        A column of ``articles`` (``"source"``...) or a period (``"month"``): one
        small chart per group (the ``max_groups`` largest groups).
    max_groups : int, default 6
        How many groups to draw when ``by`` is given.
    value : {"count", "score"}, default "count"
        Bar length: articles that have the keyword, or the sum of its scores.
    ax : matplotlib Axes, optional
        Where to draw (only when ``by`` is None).

    Returns
    -------
    matplotlib.axes.Axes or matplotlib.figure.Figure
        With ``by=None`` the Axes (one bar per keyword, keywords as y tick labels);
        with ``by`` the Figure whose Axes (``fig.axes``) are titled by group.
    """
    if value not in ("count", "score"):
        raise invalid_parameter("keyword_bars", "value", "'count' or 'score'", value)
    if isinstance(max_groups, bool) or not isinstance(max_groups, int) or max_groups < 1:
        raise invalid_parameter("keyword_bars", "max_groups", "an int >= 1", max_groups)
    if by is not None and ax is not None:
        raise ParameterError(
            "keyword_bars draws one chart per group when 'by' is given, so it cannot draw on "
            "the 'ax' given; leave ax=None (a new Figure is returned) or by=None."
        )
    table = keyword_counts(keywords, articles, top=top, by=by)
    xlabel = "articles" if value == "count" else "sum of keyword scores"
    if by is None:
        ax = _new_axes(ax, (7.0, 0.8 + 0.3 * max(len(table), 3)))
        with use_cjk_font() as family:
            _keyword_axes(ax, table, value, "Top keywords", xlabel)
            apply_font(ax, family)
        return ax
    sizes = table.groupby("group")["count"].max().sort_values(ascending=False)
    groups = sizes.index.tolist()[:max_groups]
    _require_matplotlib()
    import matplotlib.pyplot as plt

    n = max(len(groups), 1)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(4.2 * ncols, 0.6 + (0.25 * top + 0.6) * nrows),
        layout="constrained",
        squeeze=False,
    )
    with use_cjk_font() as family:
        flat = list(axes.ravel())
        if not groups:
            _no_data(flat[0], f"Top keywords by {by}", "no keywords")
        for axis, group in zip(flat, groups, strict=False):
            part = table[table["group"] == group]
            _keyword_axes(axis, part, value, str(group), xlabel)
        for axis in flat[len(groups) :] if groups else flat[1:]:
            axis.set_visible(False)
        for axis in flat:
            apply_font(axis, family)
        return fig


def _keyword_axes(ax: Any, table: pd.DataFrame, value: str, title: str, xlabel: str) -> None:
    if len(table) == 0:
        _no_data(ax, title, "no keywords")
        return
    part = table.sort_values([value, "rank"], ascending=[False, True])
    y = np.arange(len(part))
    ax.barh(y, part[value].to_numpy(dtype="float64"), color="#4c72b0")
    ax.set_yticks(y, labels=[str(k) for k in part["keyword"]])
    ax.invert_yaxis()
    if value == "count":
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)


# ---------------------------------------------------------------------------
# co-occurrence network
# ---------------------------------------------------------------------------


def _spring_layout(n: int, weights: np.ndarray, *, seed: int, iterations: int = 200) -> np.ndarray:
    """Fruchterman-Reingold positions in [-1, 1]^2 (deterministic for a seed)."""
    if n == 1:
        return np.zeros((1, 2))
    angles = 2 * np.pi * np.arange(n) / n
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    pos += np.random.default_rng(seed).normal(scale=0.05, size=pos.shape)
    k = 1.6 / math.sqrt(n)  # ideal edge length
    strength = 0.5 + 0.5 * weights / weights.max() if weights.max() > 0 else weights
    strength = np.where(weights > 0, strength, 0.0)
    temperature = 0.3
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = k * k / dist**2 - strength * dist / k
        np.fill_diagonal(force, 0.0)
        # gravity towards the centre keeps unconnected groups from drifting apart
        disp = (delta * force[:, :, None]).sum(axis=1) - 1.5 * pos * np.linalg.norm(pos, axis=-1)[
            :, None
        ]
        length = np.maximum(np.linalg.norm(disp, axis=-1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.985
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max()
    return pos / scale if scale > 0 else pos


def _circular_layout(n: int) -> np.ndarray:
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / max(n, 1)
    return np.column_stack([np.cos(angles), np.sin(angles)])


def cooccurrence_network(
    entities: pd.DataFrame,
    *,
    top: int = 20,
    types: Sequence[str] | None = DEFAULT_TYPES,
    min_articles: int = 1,
    layout: Literal["spring", "circular"] = "spring",
    seed: int = 0,
    ax: Any = None,
) -> Any:
    """Network of the ``top`` entities: an edge joins two entities mentioned in one article.

    Node area grows with the entity's articles, node colour shows its type, edge
    width and darkness grow with the articles the two share.

    Parameters
    ----------
    entities : DataFrame
        The ``entities`` frame (or the ``mentions`` frame).
    top : int, default 20
        How many entities (those with the most articles, >= 2).
    types : sequence of str or None, default ``DEFAULT_TYPES``
        Entity types to show (None: all).
    min_articles : int, default 1
        Leave out edges of pairs sharing fewer articles.
    layout : {"spring", "circular"}, default "spring"
        Force-directed positions (related entities close together) or a circle.
    seed : int, default 0
        Seed of the spring layout (the same seed gives the same picture).
    ax : matplotlib Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        Nodes as one scatter collection (``ax.collections[-1]``), edges as a
        LineCollection (``ax.collections[0]``), one text label per node.
    """
    if layout not in ("spring", "circular"):
        raise invalid_parameter("cooccurrence_network", "layout", "'spring' or 'circular'", layout)
    pairs = cooccurrence(entities, top=top, types=types, min_articles=min_articles)
    nodes = top_entities(entities, top=top, types=types)
    ax = _new_axes(ax, (7.5, 7.0))
    with use_cjk_font() as family:
        title = "Entity co-occurrence"
        if len(nodes) < 2 or len(pairs) == 0:
            reason = (
                "no entities"
                if len(nodes) == 0
                else "only one entity"
                if len(nodes) == 1
                else "no two entities share an article"
            )
            _no_data(ax, title, reason)
            apply_font(ax, family)
            return ax
        from matplotlib import patheffects
        from matplotlib.collections import LineCollection
        from matplotlib.lines import Line2D

        # only entities with at least one edge: isolated nodes say nothing here
        linked = set(pairs["source"]) | set(pairs["target"])
        nodes = nodes[nodes["entity"].isin(linked)].reset_index(drop=True)
        index = {name: i for i, name in enumerate(nodes["entity"])}
        n = len(nodes)
        weights = np.zeros((n, n))
        for a, b, w in zip(pairs["source"], pairs["target"], pairs["articles"], strict=True):
            weights[index[a], index[b]] = weights[index[b], index[a]] = float(w)
        pos = _circular_layout(n) if layout == "circular" else _spring_layout(n, weights, seed=seed)
        wmax = float(pairs["articles"].max())
        segments = [
            [pos[index[a]], pos[index[b]]]
            for a, b in zip(pairs["source"], pairs["target"], strict=True)
        ]
        rel = pairs["articles"].to_numpy(dtype="float64") / wmax
        edges = LineCollection(
            segments,
            linewidths=0.5 + 3.5 * rel,
            colors=[(0.3, 0.3, 0.3, 0.15 + 0.6 * r) for r in rel],
            zorder=1,
        )
        ax.add_collection(edges)
        counts = nodes["articles"].to_numpy(dtype="float64")
        sizes = 80 + 900 * np.sqrt(counts / counts.max())
        colours = [_TYPE_COLOURS.get(str(t), _OTHER_COLOUR) for t in nodes["type"]]
        ax.scatter(
            pos[:, 0], pos[:, 1], s=sizes, c=colours, edgecolors="white", linewidths=1.0, zorder=2
        )
        for (x, y), name in zip(pos, nodes["entity"], strict=True):
            ax.text(
                x,
                y,
                str(name),
                ha="center",
                va="center",
                fontsize="small",
                zorder=3,
                path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
            )
        present = [t for t in _TYPE_COLOURS if t in set(nodes["type"].dropna())]
        handles = [
            Line2D([], [], marker="o", linestyle="", color=_TYPE_COLOURS[t], label=t)
            for t in present
        ]
        if handles:
            ax.legend(handles=handles, loc="lower left", fontsize="x-small", frameon=False)
        ax.set_xlim(-1.25, 1.25)
        ax.set_ylim(-1.2, 1.2)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(title)
        apply_font(ax, family)
    return ax
