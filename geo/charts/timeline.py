"""The timeline of one core indicator: every figure drawn as a span over its own period on a calendar axis, one band
per place, never added, binned or averaged.

Each place gets lanes (a figure that would overlap another, or its label, moves to the next lane); each lane is three
chart rows: the label (value, qualifier, period as written), the span, and the change under it. A line joins two
figures only where geo.data.periods says they are comparable (same place, indicator and unit, periods of one length
that follow each other); the change is then stated on the later one: "+12%（2017→2018）". A change a report states
itself is shown as stated, beside its figure. A figure without a calendar period, and a place that reports nothing,
get a lane of text. No Streamlit here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from geo import fmt, settings
from geo.charts import compare
from geo.charts.common import esc, layout, period_text, source_line
from geo.charts.fit import text_px
from geo.data import filters, periods
from geo.data.filters import Filter, city_of
from geo.data.periods import Span
from geo.i18n import label, name_col, t

BASE = re.compile(r"较(\d{4}年|上年|去年|前年)")  # the comparison base a quote names
ROW_PX = 22  # one chart row (label, span or change) at desk type
PLOT_PX = 380  # the narrowest calendar the labels are laid out for (1024 screen, sidebar open)
TYPE_PX = 15
MUTED = "#4d4d4d"  # 8:1 on white
PAD = "\u2003"  # an em of room between a place's name and a text that starts at the calendar's left edge


@dataclass
class Link:
    """Two comparable figures and the change between them (percent, None when the first is zero)."""

    first: str
    second: str
    change: float | None
    text: str


def timeline_rows(figures: pd.DataFrame, sources: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The figures of one indicator, one row each (indexed by figure_id), with their calendar span. Never summed."""
    rows = compare.indicator_rows(figures, indicator).set_index("figure_id", drop=False)
    docs = {s: periods.doc_date(sources, s) for s in set(rows["source_file"])}
    spans = [periods.span_of(r, docs.get(r["source_file"])) for _, r in rows.iterrows()]
    return rows.assign(span_start=[s.start if s else None for s in spans],
                       span_end=[s.end if s else None for s in spans],
                       span_open=[bool(s and s.open) for s in spans])


def span(row) -> Span | None:
    """The calendar span timeline_rows found for a row."""
    if row.get("span_start") is None or pd.isna(row.get("span_start")):
        return None
    return Span(row["span_start"], row["span_end"], bool(row["span_open"]))


def known_span(row) -> Span:
    """The span of a row drawn on the calendar or linked to another (those always have one)."""
    found = span(row)
    if found is None:
        raise ValueError(f"figure {row.name} has no calendar span")
    return found


def links(rows: pd.DataFrame, lang: str) -> list[Link]:
    """Every comparable consecutive pair, with the change stated '+12%（2017→2018）'."""
    spans = {i: span(r) for i, r in rows.iterrows()}
    out = []
    for a, b in periods.pairs(rows, spans):
        pct = periods.change(rows.loc[a], rows.loc[b])
        when = f"{periods.short_period(rows.loc[a], known_span(rows.loc[a]))}→" \
               f"{periods.short_period(rows.loc[b], known_span(rows.loc[b]))}"
        value = fmt.signed(round(pct, 1), "percent", lang) if pct is not None else t("timeline_from_zero", lang)
        out.append(Link(a, b, pct, f"{value}（{when}）" if lang == "zh" else f"{value} ({when})"))
    return out


def value_text(row, lang: str) -> str:
    """'340起', '800+人' — or 'value not given' (never 0) when the report gives only a change."""
    if pd.isna(row.get("value")):
        return t("timeline_no_value", lang)
    return fmt.quantity(row["value"], row["qualifier"], row["unit"], lang)


def stated_change(row, lang: str) -> str:
    """A change the report states itself, as stated: '同比 −64.3%（报告所述）'."""
    if pd.isna(row.get("change_value")):
        return ""
    basis = t(f"basis_{row.get('change_basis') or 'yoy'}", lang)
    named = BASE.search(str(row.get("quote") or "")) if row.get("change_basis") == "vs_earlier" else None
    if named:  # the quote names what it compares with ("较2018年"): say that, as written
        basis = named.group(0) if lang == "zh" else t("timeline_vs", lang, base=named.group(1).rstrip("年")
                                                                           if named.group(1)[0].isdigit() else
                                                                           t("timeline_year_before", lang))
    return t("timeline_stated", lang, basis=basis, change=fmt.signed(float(row["change_value"]),
                                                                     row.get("change_unit"), lang))


def label_text(row, lang: str) -> str:
    """Value, qualifier and period as written: '52起 · 今年以来'."""
    return f"{value_text(row, lang)} · {period_text(row, lang)}"


def change_texts(rows: pd.DataFrame, found: list[Link], lang: str) -> dict[str, str]:
    """What stands under each figure: its stated change, and the computed change on the later of a pair."""
    out = {i: stated_change(r, lang) for i, r in rows.iterrows()}
    for link in found:
        out[link.second] = " · ".join(x for x in (out[link.second], link.text) if x)
    return {i: x for i, x in out.items() if x}


def _days(text: str, days_per_px: float) -> float:
    return (text_px(text, TYPE_PX) + TYPE_PX) * days_per_px


def _extent(s: Span, text: str, axis: tuple[date, date]) -> tuple[date, date]:
    """The days a text takes on the calendar at the narrowest desk, placed as _anchor places it."""
    if not text:
        return s.start, s.end
    x, where = _anchor(s, text, axis)
    wide = timedelta(days=_days(text, (axis[1] - axis[0]).days / PLOT_PX))
    return (x, x + wide) if where == "middle right" else (x - wide, x)


def lanes(rows: pd.DataFrame, texts: dict[str, list[str]], axis: tuple[date, date]) -> dict[str, int]:
    """A lane within its place for every figure with a span: the first lane where neither its span nor its texts
    (as wide as they are at the narrowest desk) touch another's."""
    taken: dict[tuple[str, int], list[tuple[date, date]]] = {}
    out = {}
    for i, r in rows.sort_values("span_start", kind="stable").iterrows():
        s = span(r)
        if s is None:
            continue
        boxes = [(s.start, s.end)] + [_extent(s, x, axis) for x in texts[i]]
        start, end = min(b[0] for b in boxes), max(b[1] for b in boxes)
        lane = 0
        while any(start <= e and b <= end for b, e in taken.get((r["adcode"], lane), [])):
            lane += 1
        taken.setdefault((r["adcode"], lane), []).append((start, end))
        out[i] = lane
    return out


def calendar_range(rows: pd.DataFrame) -> tuple[date, date]:
    """The axis: every span with a margin of a quarter; the years of the documents when nothing has a span."""
    starts, ends = rows["span_start"].dropna(), rows["span_end"].dropna()
    if starts.empty:
        return date(2015, 1, 1), date(2022, 1, 1)
    first, last = min(starts), max(ends)
    pad = timedelta(days=max(90, (last - first).days // 20))
    return first - pad, last + pad


def place_order(rows: pd.DataFrame, missing: list[str]) -> list[str]:
    """Places with figures, then cities that report none, in the cities' order, a city before its counties."""
    order = {c: i for i, c in enumerate(settings.FOCUS_CITIES)}
    codes = list(dict.fromkeys(list(rows["adcode"]) + list(missing)))
    return sorted(codes, key=lambda a: (order.get(city_of(a), len(order)), a != city_of(a)))


class _Rows:
    """Chart rows (y categories) in order: a visible place name on a place's first row, blanks elsewhere."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def add(self, name: str = "") -> str:
        shown = name or "\u2002" * (len(self.names) + 1)  # unique and invisible
        self.names.append(shown)
        return shown


def _hover(row, names: dict[str, str], titles: dict[str, str], lang: str) -> str:
    s = span(row)
    dates = (f"{s.start.isoformat()} – {s.end.isoformat()}" + (f" {t('timeline_open', lang)}" if s.open else "")
             if s else t("timeline_no_dates", lang))
    parts = [names.get(row["adcode"], row["adcode"]), row["label_zh" if lang == "zh" else "label_en"],
             f"{value_text(row, lang)} · {period_text(row, lang)}", dates,
             stated_change(row, lang), str(titles.get(row["source_file"]) or row["source_file"]), row["quote"]]
    return "<br>".join(esc(p) for p in parts if isinstance(p, str) and p)


def _text(x: list, y: list, text: list, where: list, color: str = "#111111") -> go.Scatter:
    return go.Scatter(x=x, y=y, text=text, mode="text", textposition=where, textfont={"color": color},
                      hoverinfo="skip", showlegend=False, cliponaxis=False)


def _anchor(s: Span, text: str, axis: tuple[date, date]) -> tuple[date, str]:
    """Text starts at the span's start, or ends at its end when it would run past the calendar's end."""
    room = (axis[1] - s.start).days * PLOT_PX / max(1, (axis[1] - axis[0]).days)
    return (s.start, "middle right") if text_px(text, TYPE_PX) + TYPE_PX <= room else (s.end, "middle left")


@dataclass
class _Layout:
    """What chart() collects while it walks the places: rows, span bars and texts."""

    rows: _Rows
    axis: tuple[date, date]
    bar_row: dict[str, str]
    texts: list[tuple[date, str, str, str, str]]  # x, row, text, position, colour


def _spans_of_place(lay: _Layout, mine: pd.DataFrame, lane_of: dict[str, int], name: str,
                    labels: dict[str, str], changes: dict[str, str]) -> None:
    """Three rows per lane (label, span, change) for the figures of one place that have a calendar span."""
    for lane in range(max((lane_of[i] for i in mine.index if i in lane_of), default=-1) + 1):
        ids = [i for i in mine.index if lane_of.get(i) == lane]
        top, middle = lay.rows.add(), lay.rows.add(name if lane == 0 else "")
        bottom = lay.rows.add() if any(i in changes for i in ids) else ""
        for i in ids:
            r = mine.loc[i]
            lay.bar_row[i] = middle
            s = known_span(r)
            lay.texts.append((*_anchor(s, labels[i], lay.axis)[:1], top, labels[i],
                              _anchor(s, labels[i], lay.axis)[1], "#111111"))
            if i in changes:
                x, where = _anchor(s, changes[i], lay.axis)
                lay.texts.append((x, bottom, changes[i], where, "#111111"))


def _other_rows(lay: _Layout, mine: pd.DataFrame, name: str, labels: dict[str, str], changes: dict[str, str],
                lang: str) -> None:
    """A row of text for each figure without a calendar period, and for a place that reports nothing."""
    named = not any(i in lay.bar_row for i in mine.index)
    for i in [i for i in mine.index if i not in lay.bar_row]:
        text = PAD + " · ".join(x for x in (labels[i], changes.get(i, "")) if x)  # no bar: no calendar period
        lay.texts.append((lay.axis[0], lay.rows.add(name if named else ""), text, "middle right", "#111111"))
        named = False
    if mine.empty:
        lay.texts.append((lay.axis[0], lay.rows.add(name), f"{PAD}<i>{t('timeline_not_reported', lang)}</i>",
                          "middle right", MUTED))


def _bars(fig: go.Figure, rows: pd.DataFrame, lay: _Layout, names: dict[str, str], hover: dict[str, str]) -> None:
    """One bar trace per city: a span from start to end, hatched when open, hollow when it gives no value."""
    drawn = rows[rows.index.isin(list(lay.bar_row))]
    for city, part in drawn.groupby(drawn["adcode"].map(city_of), sort=False):
        color = settings.CITY_COLORS.get(city, "#555555")
        ms = [(pd.Timestamp(r["span_end"]) - pd.Timestamp(r["span_start"]) + pd.Timedelta(days=1)) /
              pd.Timedelta(milliseconds=1) for _, r in part.iterrows()]
        fig.add_bar(y=[lay.bar_row[i] for i in part.index], x=ms, base=[str(s) for s in part["span_start"]],
                    orientation="h", name=esc(names.get(city, city)), width=0.9, showlegend=False,
                    marker={"color": ["#ffffff" if pd.isna(v) else color for v in part["value"]],
                            "line": {"color": color, "width": 2},
                            "pattern": {"shape": ["/" if o else "" for o in part["span_open"]], "fgcolor": "#ffffff",
                                        "solidity": 0.35}},
                    customdata=[hover[i] for i in part.index], hovertemplate="%{customdata}<extra></extra>")


def _open_ends(fig: go.Figure, rows: pd.DataFrame, lay: _Layout, lang: str) -> None:
    """An arrow at the end of every open span: it runs on past the document's date."""
    ends = rows[rows["span_open"] & rows.index.isin(list(lay.bar_row))]
    if ends.empty:
        return
    fig.add_scatter(x=[str(e) for e in ends["span_end"]], y=[lay.bar_row[i] for i in ends.index], mode="markers",
                    marker={"symbol": "triangle-right", "size": 14, "color": "#111111"}, cliponaxis=False,
                    name=esc(t("timeline_open_legend", lang)), hoverinfo="skip")


def _lines(fig: go.Figure, rows: pd.DataFrame, found: list[Link], lay: _Layout, lang: str) -> None:
    """A line between the middles of two comparable figures, and nowhere else."""
    for n, link in enumerate(found):
        a, b = known_span(rows.loc[link.first]), known_span(rows.loc[link.second])
        mids = [str(s.start + (s.end - s.start) / 2) for s in (a, b)]
        fig.add_scatter(x=mids, y=[lay.bar_row[link.first], lay.bar_row[link.second]], mode="lines+markers",
                        line={"color": "#111111", "width": 2}, marker={"size": 7, "color": "#111111"},
                        name=esc(t("timeline_link_legend", lang)), showlegend=n == 0, legendgroup="links",
                        hovertemplate=esc(link.text) + "<extra></extra>")


def _ticks(axis: tuple[date, date]) -> tuple[list[str], list[str]]:
    years = range(axis[0].year + (axis[0] > date(axis[0].year, 1, 1)), axis[1].year + 1)
    return [f"{y}-01-01" for y in years], [str(y) for y in years]


def chart(ds, rows: pd.DataFrame, missing: list[str], indicator: str, lang: str, min_rows: int = 0) -> go.Figure:
    """The timeline of one indicator for the places of the filter (see the module's docstring). `min_rows` keeps
    rows from stretching in a frame of fixed height (press exports): blank rows fill the bottom."""
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    titles = dict(zip(ds["sources"]["source_file"], ds["sources"]["title_zh" if lang == "zh" else "title_en"]))
    found = links(rows, lang)
    changes = change_texts(rows, found, lang)
    labels = {i: esc(label_text(r, lang)) for i, r in rows.iterrows()}
    changes = {i: esc(x) for i, x in changes.items()}
    lay = _Layout(_Rows(), calendar_range(rows), {}, [])
    lane_of = lanes(rows, {i: [labels[i], changes.get(i, "")] for i in rows.index}, lay.axis)
    for place in place_order(rows, missing):
        mine, name = rows[rows["adcode"] == place], esc(names.get(place, place))
        _spans_of_place(lay, mine, lane_of, name, labels, changes)
        _other_rows(lay, mine, name, labels, changes, lang)
    while len(lay.rows.names) < min_rows:
        lay.texts.append((lay.axis[0], lay.rows.add(), "", "middle right", MUTED))
    fig = go.Figure()
    _bars(fig, rows, lay, names, {i: _hover(r, names, titles, lang) for i, r in rows.iterrows()})
    _open_ends(fig, rows, lay, lang)
    _lines(fig, rows, found, lay, lang)
    if lay.texts:
        x, y, text, where, color = zip(*lay.texts)
        fig.add_trace(_text([str(v) for v in x], list(y), list(text), list(where), MUTED))
        fig.data[-1].textfont.color = list(color)
    vals, ticks = _ticks(lay.axis)
    fig.update_xaxes(type="date", range=[str(lay.axis[0]), str(lay.axis[1])], tickvals=vals, ticktext=ticks)
    fig.update_yaxes(categoryorder="array", categoryarray=lay.rows.names, autorange="reversed", showgrid=False)
    fig.update_layout(barmode="overlay", showlegend=True, legend={"traceorder": "normal"})
    title = t("timeline_title", lang, indicator=label("indicator", indicator, lang))
    sub = t("timeline_subtitle", lang)
    return layout(fig, title, sub, source_line(rows, ds["sources"], lang), height=260 + ROW_PX * len(lay.rows.names))


def timeline_view(ds, flt: Filter, indicator: str) -> tuple[pd.DataFrame, list[str]]:
    """The filter's figures of one indicator with their spans, and the filter's cities that report none."""
    rows, missing = compare.compare_view(filters.view(ds, "figures", flt), flt, indicator)
    return timeline_rows(rows, ds["sources"], indicator), missing


PRESS_ROWS = 18  # rows of a press export (1920x1080): fewer would be stretched into bars a hand high


def timeline_chart(ds, flt: Filter, indicator: str, lang: str, min_rows: int = PRESS_ROWS) -> go.Figure:
    """The timeline of the filter as a plotly figure for the briefing pack and the deck (laid out for a press
    page; min_rows=0 for a screen)."""
    rows, missing = timeline_view(ds, flt, indicator)
    return chart(ds, rows, missing, indicator, lang, min_rows)


def table(ds, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every figure of the timeline as plain text: place, what, value, period as written, its calendar span, the
    change (stated or computed), source and quote."""
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    titles = dict(zip(ds["sources"]["source_file"], ds["sources"]["title_zh" if lang == "zh" else "title_en"]))
    changes = change_texts(rows, links(rows, lang), lang)

    def dates(r) -> str:
        s = span(r)
        if s is None:
            return t("timeline_no_dates", lang)
        return f"{s.start.isoformat()} – {s.end.isoformat()}" + (f" {t('timeline_open', lang)}" if s.open else "")

    return pd.DataFrame({
        t("place", lang): [names.get(a, a) for a in rows["adcode"]],
        t("figure", lang): rows["label_zh" if lang == "zh" else "label_en"].tolist(),
        t("value", lang): [value_text(r, lang) for _, r in rows.iterrows()],
        t("period", lang): [period_text(r, lang) for _, r in rows.iterrows()],
        t("timeline_calendar", lang): [dates(r) for _, r in rows.iterrows()],
        t("timeline_change", lang): [changes.get(i, "") for i in rows.index],
        t("source", lang): [str(titles.get(s) or s) for s in rows["source_file"]],
        t("quote", lang): rows["quote"].tolist(),
    })


def headline_change(ds, record_id: str, lang: str) -> tuple[str, str]:
    """What changed, for a headline figure: ('（较上年 +12%）', quote of the earlier figure) when a comparable earlier
    figure exists, else ('（同比 −64.3%）', its own quote) when its report states a change; ('', '') otherwise."""
    figures = ds["figures"]
    own = figures[figures["figure_id"] == record_id]
    if own.empty:
        return "", ""
    row = own.iloc[0]
    if isinstance(row.get("indicator"), str) and row["indicator"]:
        same = figures[figures["adcode"] == row["adcode"]]
        rows = timeline_rows(same, ds["sources"], row["indicator"])
        for link in links(rows, lang):
            if link.second == record_id and link.change is not None:
                return _earlier(rows, link, lang), str(rows.loc[link.first, "quote"])
    stated = stated_change(row, lang)
    if not stated or pd.isna(row.get("value")):  # a figure that is only a change already shows it as its value
        return "", ""
    plain = stated.split("：", 1)[-1] if lang == "zh" else stated.split(": ", 1)[-1]
    return (f"（{plain}）" if lang == "zh" else f" ({plain})"), str(row["quote"])


def _earlier(rows: pd.DataFrame, link: Link, lang: str) -> str:
    """'（较上年 +12%）' when the earlier figure is the year before, else '（较2019年1-6月 +12%）'."""
    first, second = known_span(rows.loc[link.first]), known_span(rows.loc[link.second])
    change = fmt.signed(round(link.change or 0.0, 1), "percent", lang)
    yearly = first.months() == 12 and second.start.year == first.start.year + 1
    if lang == "zh":
        base = "上年" if yearly else periods.short_period(rows.loc[link.first], first)
        return f"（较{base} {change}）"
    base = "the year before" if yearly else periods.short_period(rows.loc[link.first], first)
    return f" ({change} on {base})"
