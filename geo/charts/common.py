"""What every chart shares: fonts, escaping, title/subtitle/source layout, projector scale, the cap on bars."""
from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from geo import settings
from geo.charts import fit
from geo.data import memo
from geo.i18n import place_names, t

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
MARGIN = {"l": 60, "r": 20, "t": 80, "b": 130}
INK = "#333333"  # axis and source text: 12.6:1 on white
DESK_SIZE, DESK_WIDTH = 15, 480  # type size and the narrowest desk container (1024 wide, sidebar open)


def esc(text) -> str:
    """Text from data in a chart: Plotly reads labels as a little HTML (<br>, <b>, <a>), so markup in the data
    is escaped and shows as the characters it is."""
    return html.escape(str(text), quote=False)


def escaped_place_names(jurisdictions: pd.DataFrame, lang: str) -> dict[str, str]:
    """Escaped place names by adcode, ready for chart labels."""
    return {a: esc(n) for a, n in place_names(jurisdictions, lang).items()}


def short_title(title: str, limit: int = 18) -> str:
    """The headline before a '——' subtitle, cut to `limit` characters, so source lines fit under a chart."""
    head = title.split("——")[0].strip() or title
    return head if len(head) <= limit else head[: limit - 1] + "…"


def source_line(frame: pd.DataFrame, sources: pd.DataFrame, lang: str, per_line: int = 2,
                limit: int | None = None) -> str:
    """'来源：title (date)；…' for the documents behind the plotted rows, wrapped every `per_line` documents."""
    titles = dict(zip(sources["source_file"], sources["title_zh" if lang == "zh" else "title_en"].fillna("")))
    dates = dict(zip(sources["source_file"], sources["doc_date"].fillna("")))
    limit = limit or (18 if lang == "zh" else 36)  # about the same printed width
    used = [f"{esc(short_title(titles.get(s) or s, limit))} ({esc(dates.get(s, ''))})"
            for s in sorted(set(frame["source_file"]))]
    sep = "；" if lang == "zh" else "; "
    lines = [sep.join(used[i:i + per_line]) for i in range(0, len(used), per_line)]
    return t("source_line", lang, sources=(sep + "<br>").join(lines))


def below_plot(pixels: float, height: float, margin: dict) -> float:
    """Paper y-coordinate `pixels` below the plot area (annotations live in paper coordinates)."""
    return -pixels / max(1.0, height - margin["t"] - margin["b"])


def layout(fig: go.Figure, title: str, subtitle: str, source: str, height: int = 0) -> go.Figure:
    """Title, subtitle and source line on a white chart, laid out for the desk (geo.charts.fit); subplot titles
    are kept after the source line, which is the first annotation."""
    note = go.layout.Annotation(text=source, xref="paper", yref="paper", x=0, y=0, showarrow=False, xanchor="left",
                                yanchor="top", align="left", font={"size": 11, "color": INK}, name="source")
    fig.layout.annotations = (note, *(fig.layout.annotations or ()))
    fig.update_layout(title={"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0.01},
                      font={"family": FONT, "size": 15, "color": INK}, margin=MARGIN, plot_bgcolor="#ffffff",
                      paper_bgcolor="#ffffff")
    fig.update_yaxes(gridcolor="#dddddd", color=INK)
    fig.update_xaxes(gridcolor="#dddddd", color=INK)
    return fit.fit(fig, DESK_SIZE, DESK_WIDTH, min_height=height)


@memo.by_figure
def for_projector(fig: go.Figure, width: int = 900, scale: float = settings.BRIEFING_CHART_SCALE) -> go.Figure:
    """A copy of a chart with type, margins and the source line scaled up for a projector slide (≥ 20 px type)."""
    return fit.fit(fig, max(20, round(DESK_SIZE * scale)), width)


def for_slide(build: Callable[[int], go.Figure], width: int, max_px: int = settings.BRIEFING_CHART_MAX_PX,
              most: int = settings.BRIEFING_CHART_MAX_BARS, fewest: int = settings.BRIEFING_CHART_MIN_BARS
              ) -> go.Figure:
    """The chart `build(limit)` for a projector slide with as many of its largest bars (most down to fewest) as fit
    in max_px at projector type: fewer bars rather than smaller type or a slide that scrolls."""
    for limit in range(most, fewest - 1, -1):
        fig = for_projector(build(limit), width)
        if fig.layout.height <= max_px:
            return fig
    return fig


def is_empty(fig: go.Figure) -> bool:
    """True when no trace of the chart has a single value to draw."""
    return not any(len(v) for trace in fig.data for v in [getattr(trace, "x", None)] if v is not None)


def largest_bars(rows: pd.DataFrame, key: str, limit: int, by: str = "max") -> tuple[pd.DataFrame, int]:
    """The rows of the `limit` bars (groups of `key`) with the largest quantity, and how many bars were left out.

    A chart of thousands of bars is unreadable and takes a browser minutes to draw; the table keeps every row.
    """
    if rows.empty:
        return rows, 0
    size = rows.groupby(key, dropna=False)["quantity"].agg(by).astype(float)
    if len(size) <= limit:
        return rows, 0
    keep = size.sort_values(ascending=False, kind="stable").index[:limit]
    return rows[rows[key].isin(keep)], len(size) - limit


def cut_note(limit: int, cut: int, lang: str, key: str = "largest_bars") -> str:
    """'; the 6 largest shown, 3 more in the table below' (with key largest_bars_slide: 'on the desk page')."""
    return t(key, lang, n=str(limit), cut=str(cut)) if cut else ""


def period_text(row: pd.Series, lang: str) -> str:
    """The period as written; else its dates ('2011-10-01起' / 'from 2011-10-01'); else 'period not stated'."""
    written = row.get("period_label_en") if lang == "en" else None
    written = written if isinstance(written, str) and written else row.get("period_label")
    if isinstance(written, str) and written:
        return written
    start, end = (row.get(k) if isinstance(row.get(k), str) else "" for k in ("period_start", "period_end"))
    if start and end:
        return f"{start}至{end}" if lang == "zh" else f"{start} to {end}"
    if start or end:
        return (f"{start}起" if start else f"至{end}") if lang == "zh" else (f"from {start}" if start else f"to {end}")
    return t("period_unstated", lang)
