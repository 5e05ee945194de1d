"""``build_report``: one self-contained HTML file summarising a scored corpus.

The file works offline and can be mailed as is: charts are PNG images embedded
as ``data:`` URIs, the style sheet is inline, there is no script, and the Chinese
font is embedded as a subset (see :mod:`newsnlp.report.webfont`). Every piece
of text from the corpus is HTML-escaped; links to articles are kept only for
``http``/``https`` URLs.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import math
import os
import re
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from newsnlp.errors import SinkError, invalid_parameter
from newsnlp.plot.data import NEUTRAL_BAND
from newsnlp.report.load import load_result
from newsnlp.report.summary import (
    TREND_TYPES,
    Overview,
    entity_table,
    errors_by_kind,
    extreme_articles,
    keywords_by_group,
    overview,
    pick_freq,
    sources_table,
    trend_table,
)
from newsnlp.report.webfont import EMBEDDED_FAMILY, FONT_STACK, font_face_css

__all__ = ["build_report", "render_report"]

logger = logging.getLogger(__name__)

NO_DATA = "No data"
_DATA_URI = re.compile(r"data:[^\"']+")
_FREQ_WORDS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

Cell = Callable[[Any], str]


# ---------------------------------------------------------------------------
# cell formatters (each returns escaped HTML)
# ---------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _text(value: Any) -> str:
    return "" if _missing(value) else html.escape(str(value))


def _int(value: Any) -> str:
    return "" if _missing(value) else f"{int(value):,}"


def _pct(value: Any) -> str:
    return "–" if _missing(value) else f"{float(value):.0%}"


def _day(value: Any) -> str:
    if _missing(value):
        return "–"
    return html.escape(pd.Timestamp(value).strftime("%Y-%m-%d"))


def _score(value: Any) -> str:
    """A signed score with a small bar from the centre (green right, red left)."""
    if _missing(value):
        return '<span class="muted">–</span>'
    v = max(-1.0, min(1.0, float(value)))
    side = "pos" if v >= NEUTRAL_BAND else "neg" if v <= -NEUTRAL_BAND else "neu"
    width = abs(v) * 50
    left = 50 if v >= 0 else 50 - width
    return (
        f'<span class="score {side}">{v:+.2f}</span>'
        f'<span class="bar" aria-hidden="true"><i class="{side}" '
        f'style="left:{left:.1f}%;width:{width:.1f}%"></i></span>'
    )


def _words(value: Any) -> str:
    if not isinstance(value, (list, tuple)):
        return _text(value)
    return "、".join(html.escape(str(v)) for v in value)


def _link(title: Any, url: Any) -> str:
    text = _text(title) or '<span class="muted">(untitled)</span>'
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" rel="noreferrer noopener">{text}</a>'
    return text


def _table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, Cell, str]],
    *,
    empty: str,
    empty_prefix: str = NO_DATA,
) -> str:
    """Render ``frame`` as an HTML table: columns are (header, column, formatter, css class)."""
    if len(frame) == 0:
        return _note(empty, prefix=empty_prefix)
    head = "".join(f'<th class="{cls}">{html.escape(h)}</th>' for h, _c, _f, cls in columns)
    rows = []
    for record in frame.to_dict("records"):
        cells = "".join(
            f'<td class="{cls}">{fmt(record.get(col))}</td>' for _h, col, fmt, cls in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _note(reason: str, *, prefix: str = NO_DATA) -> str:
    return f'<p class="nodata">{html.escape(prefix)}: {html.escape(reason)}</p>'


# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------


def _chart(draw: Callable[[Any], Any], *, size: tuple[float, float], alt: str) -> str:
    """Draw on a fresh Figure (no pyplot state) and return an ``<img>`` with the PNG inline."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return _note("charts need matplotlib (pip install 'newsnlp[plot]').")
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    draw(ax)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img class="chart" alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{data}">'


def _height(n: int) -> float:
    return 0.9 + 0.3 * max(n, 3)


# ---------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------


def _overview_html(ov: Overview) -> str:
    span = (
        f"{_day(ov.first)} – {_day(ov.last)}"
        if ov.first is not None
        else '<span class="muted">no dates</span>'
    )
    mean = (
        _score(ov.mean_sentiment)
        if ov.mean_sentiment is not None
        else '<span class="muted">not scored</span>'
    )
    cards = [
        ("Articles", _int(ov.articles), f"{_int(ov.dated)} with a date"),
        ("Sources", _int(ov.sources), ""),
        ("Period", span, ""),
        ("Entities", _int(ov.entities), f"{_int(ov.entity_mentions)} mentions"),
        ("Keywords", _int(ov.keywords), "distinct"),
        ("Errors", _int(ov.errors), "inputs that failed"),
        (
            "Sentiment",
            mean,
            f"{_int(ov.positive)} positive · {_int(ov.neutral)} neutral · "
            f"{_int(ov.negative)} negative",
        ),
    ]
    items = "".join(
        f'<div class="card"><div class="label">{html.escape(label)}</div>'
        f'<div class="value">{value}</div><div class="sub">{html.escape(sub)}</div></div>'
        for label, value, sub in cards
    )
    return f'<div class="cards">{items}</div>'


def _section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    lead = f'<p class="intro">{html.escape(intro)}</p>' if intro else ""
    return f'<section id="{anchor}"><h2>{html.escape(heading)}</h2>{lead}{body}</section>'


def render_report(
    frames: dict[str, pd.DataFrame],
    *,
    title: str,
    origin: str = "",
    top: int = 20,
    charts: bool = True,
    embed_font: bool = True,
) -> str:
    """Return the report's HTML for already-loaded frames (see :func:`build_report`)."""
    from newsnlp import __version__

    arts, ents, kws = frames["articles"], frames["entities"], frames["keywords"]
    sent, errs = frames["sentiment"], frames["errors"]
    ov = overview(frames)
    freq = pick_freq(arts)
    parts: list[str] = []

    parts.append(_section("overview", "Overview", _overview_html(ov)))

    src = sources_table(arts, sent)
    parts.append(
        _section(
            "sources",
            "Sources",
            _table(
                src,
                [
                    ("Source", "source", _text, ""),
                    ("Articles", "articles", _int, "num"),
                    ("Share", "share", _pct, "num"),
                    ("First", "first", _day, "num"),
                    ("Last", "last", _day, "num"),
                    ("Mean sentiment", "sentiment", _score, "sc"),
                    ("Positive", "positive", _pct, "num"),
                    ("Negative", "negative", _pct, "num"),
                ],
                empty="no articles.",
            ),
        )
    )

    table = entity_table(ents, top=top)
    body = ""
    if charts and len(table):
        from newsnlp.plot.charts import sentiment_by_entity

        n_scored = int(table["sentiment"].notna().sum())
        body += _chart(
            lambda ax: sentiment_by_entity(ents, top=top, ax=ax),
            size=(8.0, _height(min(n_scored, top))),
            alt="Mean sentiment towards the top entities",
        )
    body += _table(
        table,
        [
            ("Entity", "entity", _text, ""),
            ("Type", "type", _text, ""),
            ("Articles", "articles", _int, "num"),
            ("Mentions", "mentions", _int, "num"),
            ("Mean sentiment", "sentiment", _score, "sc"),
            ("Positive", "positive", _pct, "num"),
            ("Negative", "negative", _pct, "num"),
        ],
        empty="no companies, brands, products, people or organisations were found.",
    )
    parts.append(
        _section(
            "entities",
            "Top entities",
            body,
            "The entities mentioned in the most articles; sentiment is the mean score of the "
            "sentences that mention them, from -1 (negative) to 1 (positive).",
        )
    )

    trends = trend_table(ents, arts, freq=freq, top=8)
    if len(trends) == 0:
        reason = (
            "no article has a publication date."
            if ov.dated == 0
            else "no dated article mentions a company, brand or product."
        )
        body = _note(reason)
    else:
        body = ""
        if charts:
            from newsnlp.plot.charts import mentions_over_time

            body += _chart(
                lambda ax: mentions_over_time(
                    ents, arts, top=8, types=TREND_TYPES, freq=freq, ax=ax
                ),
                size=(9.0, 4.2),
                alt=f"Articles per {_FREQ_WORDS[freq]} mentioning the top companies and brands",
            )
        body += _table(
            trends,
            [
                ("Entity", "entity", _text, ""),
                ("Dated articles", "articles", _int, "num"),
                ("First", "first", _text, "num"),
                ("Last", "last", _text, "num"),
                ("Busiest " + _FREQ_WORDS[freq], "peak", _text, "num"),
                ("Articles then", "peak_articles", _int, "num"),
            ],
            empty="no dated mentions.",
        )
    parts.append(
        _section(
            "trends",
            "Brand trends",
            body,
            f"Articles per {_FREQ_WORDS[freq]} that mention the most-covered companies, brands "
            "and products.",
        )
    )

    from newsnlp.plot.data import keyword_counts

    overall = keyword_counts(kws, top=top) if len(kws) else pd.DataFrame()
    body = ""
    if len(overall) == 0:
        body = _note("no keywords were extracted.")
    else:
        if charts:
            from newsnlp.plot.charts import keyword_bars

            body += _chart(
                lambda ax: keyword_bars(kws, top=top, ax=ax),
                size=(8.0, _height(len(overall))),
                alt="Top keywords of the corpus",
            )
        by_source = keywords_by_group(kws, arts, by="source", top=8)
        body += "<h3>Top keywords by source</h3>" + _table(
            by_source,
            [
                ("Source", "group", _text, ""),
                ("Articles", "articles", _int, "num"),
                ("Keywords", "keywords", _words, ""),
            ],
            empty="no article has a source.",
        )
    parts.append(
        _section(
            "keywords",
            "Keywords",
            body,
            "Ranked by the sum of their per-article scores; bars count the articles that "
            "have the keyword.",
        )
    )

    body = ""
    if charts:
        from newsnlp.plot.charts import cooccurrence_network
        from newsnlp.plot.data import cooccurrence

        pairs = cooccurrence(ents, top=top) if len(ents) else pd.DataFrame()
        if len(pairs):
            body += _chart(
                lambda ax: cooccurrence_network(ents, top=top, ax=ax),
                size=(8.0, 7.0),
                alt="Network of entities mentioned in the same articles",
            )
            body += "<h3>Pairs mentioned together most often</h3>" + _table(
                pairs.head(15),
                [
                    ("Entity", "source", _text, ""),
                    ("Entity", "target", _text, ""),
                    ("Shared articles", "articles", _int, "num"),
                ],
                empty="no pairs.",
            )
        else:
            body += _note("fewer than two entities share an article.")
    else:
        body += _note("charts were turned off.")
    parts.append(_section("cooccurrence", "Entity co-occurrence", body))

    positive, negative = extreme_articles(arts, sent, n=8)
    cols: list[tuple[str, str, Cell, str]] = [
        ("Score", "score", _score, "sc"),
        ("Source", "source", _text, ""),
        ("Date", "published_at", _day, "num"),
    ]
    pos_rows = positive.assign(
        link=[_link(t, u) for t, u in zip(positive["title"], positive["url"], strict=True)]
    )
    neg_rows = negative.assign(
        link=[_link(t, u) for t, u in zip(negative["title"], negative["url"], strict=True)]
    )
    title_col: tuple[str, str, Cell, str] = ("Title", "link", str, "")
    body = (
        "<h3>Most positive</h3>"
        + _table(pos_rows, [title_col, *cols], empty="no positive article.")
        + "<h3>Most negative</h3>"
        + _table(neg_rows, [title_col, *cols], empty="no negative article.")
    )
    parts.append(_section("articles", "Articles by sentiment", body))

    kinds = errors_by_kind(errs)
    body = _table(
        kinds,
        [
            ("Stage", "stage", _text, ""),
            ("Error", "error", _text, ""),
            ("Count", "count", _int, "num"),
            ("Example message", "example", _text, "msg"),
        ],
        empty="every input was analysed.",
        empty_prefix="No errors",
    )
    if len(errs):
        sample = errs.head(20)
        body += "<h3>First errors</h3>" + _table(
            sample,
            [
                ("Input", "path", _text, "msg"),
                ("Stage", "stage", _text, ""),
                ("Error", "error", _text, ""),
                ("Message", "message", _text, "msg"),
            ],
            empty="",
        )
    parts.append(_section("errors", "Errors", body))

    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    nav = "".join(
        f'<a href="#{a}">{html.escape(h)}</a>'
        for a, h in [
            ("overview", "Overview"),
            ("sources", "Sources"),
            ("entities", "Entities"),
            ("trends", "Trends"),
            ("keywords", "Keywords"),
            ("cooccurrence", "Co-occurrence"),
            ("articles", "Articles"),
            ("errors", "Errors"),
        ]
    )
    header = (
        f"<header><h1>{html.escape(title)}</h1>"
        f'<p class="muted">Generated {html.escape(generated)} by newsnlp {html.escape(__version__)}'
        + (f" from <code>{html.escape(origin)}</code>" if origin else "")
        + f"</p><nav>{nav}</nav></header>"
    )
    body_html = header + "<main>" + "".join(parts) + "</main>"
    shown = html.unescape(_DATA_URI.sub("", body_html + title))
    font_css = font_face_css(shown) if embed_font else ""
    family = (f'"{EMBEDDED_FAMILY}", ' if font_css else "") + FONT_STACK
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="newsnlp {html.escape(__version__)}">'
        f"<title>{html.escape(title)}</title>"
        f"<style>{font_css}\n{_CSS.replace('FONT_FAMILY', family)}</style>"
        f"</head><body>{body_html}</body></html>\n"
    )


def build_report(
    result: Any,
    out: str | os.PathLike[str] = "report.html",
    *,
    title: str | None = None,
    top: int = 20,
    charts: bool = True,
    embed_font: bool = True,
) -> Path:
    """Write one self-contained HTML file summarising a scored corpus.

    The report shows counts, sources, the top entities with their sentiment,
    brand trends over time, keywords (overall and per source), entity
    co-occurrence, the most positive and negative articles, and the errors. It
    needs no network: images, style and font are inside the file. Sections with
    nothing to show (an empty result, undated articles, a single entity) carry a
    "No data: ..." note.

    Parameters
    ----------
    result : AnalysisResult, mapping of frames, path or URL
        What :func:`newsnlp.analyze` returned, or the output of
        ``newsnlp analyze INPUT --out DIR`` (a Parquet/CSV directory, a directory
        holding ``newsnlp.db``, a SQLite file, or a database URL).
    out : str or path, default "report.html"
        The HTML file to write (its directory is created). Written atomically.
    title : str, optional
        The page title; default "newsnlp report" and the name of the input.
    top : int, default 20
        Entities and keywords per chart and table (>= 2).
    charts : bool, default True
        Draw the charts (needs matplotlib); False gives tables only.
    embed_font : bool, default True
        Embed a subset of Noto Sans CJK SC (needs ``mplfonts``) so Chinese shows
        on machines without a CJK font.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    SinkError
        ``result`` is a path that holds no newsnlp output, or ``out`` cannot be
        written.
    InputTypeError
        ``result`` is of an unsupported type.
    ParameterError
        ``top`` is not an int >= 2.
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 2:
        raise invalid_parameter("build_report", "top", "an int >= 2", top)
    started = time.perf_counter()
    frames, origin = load_result(result)
    if title is None:
        name = Path(origin).name if isinstance(result, (str, os.PathLike)) else ""
        title = f"newsnlp report: {name}" if name else "newsnlp report"
    page = render_report(
        frames, title=title, origin=origin, top=top, charts=charts, embed_font=embed_font
    )
    path = Path(out)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SinkError(f"could not write the report {str(path)!r}: {exc}") from exc
    logger.info(
        "wrote %s (%.0f KB) in %.1f s",
        path,
        path.stat().st_size / 1024,
        time.perf_counter() - started,
    )
    return path


_CSS = """
:root { --ink:#1d2330; --muted:#6b7280; --line:#e5e7eb; --bg:#f7f8fa; --pos:#1a9850;
  --neg:#d73027; --neu:#9ca3af; --accent:#2f5d9e; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font-family: FONT_FAMILY;
  font-size:15px; line-height:1.55; }
header { background:#fff; border-bottom:1px solid var(--line); padding:20px 32px 8px; }
h1 { margin:0 0 4px; font-size:26px; }
nav { margin-top:10px; display:flex; flex-wrap:wrap; gap:14px; font-size:14px; }
nav a, a { color:var(--accent); text-decoration:none; }
a:hover { text-decoration:underline; }
main { max-width:1120px; margin:0 auto; padding:8px 32px 48px; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:18px 22px;
  margin:18px 0; }
h2 { margin:0 0 8px; font-size:20px; }
h3 { margin:18px 0 6px; font-size:16px; }
.intro, .muted { color:var(--muted); }
.intro { margin:0 0 12px; font-size:14px; }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(190px,1fr)); gap:12px; }
.card { border:1px solid var(--line); border-radius:6px; padding:10px 14px; }
.card .label { color:var(--muted); font-size:13px; }
.card .value { font-size:22px; font-weight:bold; }
.card .sub { color:var(--muted); font-size:12px; }
table { border-collapse:collapse; width:100%; font-size:14px; margin:6px 0; }
th, td { border-bottom:1px solid var(--line); padding:5px 8px; text-align:left; vertical-align:top; }
th { background:#f3f4f6; font-weight:600; }
td.num, th.num { text-align:right; white-space:nowrap; font-variant-numeric:tabular-nums; }
td.sc { white-space:nowrap; }
td.msg { word-break:break-all; font-size:13px; }
.score { display:inline-block; width:3.4em; text-align:right; font-variant-numeric:tabular-nums; }
.score.pos { color:var(--pos); } .score.neg { color:var(--neg); } .score.neu { color:var(--muted); }
.bar { display:inline-block; position:relative; width:90px; height:8px; margin-left:8px;
  background:#f0f1f3; border-radius:4px; vertical-align:middle; }
.bar i { position:absolute; top:0; bottom:0; border-radius:4px; }
.bar i.pos { background:var(--pos); } .bar i.neg { background:var(--neg); }
.bar i.neu { background:var(--neu); }
img.chart { display:block; max-width:100%; height:auto; margin:6px auto 12px; }
.nodata { color:var(--muted); background:#f9fafb; border:1px dashed #d1d5db; border-radius:6px;
  padding:14px; text-align:center; }
code { font-size:13px; background:#f3f4f6; padding:1px 4px; border-radius:3px; }
"""
