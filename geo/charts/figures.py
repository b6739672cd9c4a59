"""Charts of figures.csv: enforcement figures, outflow-trafficking trends and reported changes.

One bar per reported figure, labelled with its place, what it counts and its period as written; figures of
different metrics, units or periods are never added up. Facets group figures of one kind and one unit.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo import fmt, settings
from geo.data import memo
from geo.charts.common import esc, layout, period_text, source_line
from geo.data.filters import city_of
from geo.i18n import place_names, t

# Enforcement facets: the figures of each are comparable in kind (never added; one bar each).
ENFORCEMENT_GROUPS: dict[str, tuple[str, ...]] = {
    "cases": ("drug_cases_solved", "drug_criminal_cases_solved", "drug_criminal_cases", "major_drug_cases_solved",
              "target_cases_solved", "provincial_target_cases_solved", "ministry_target_cases_solved",
              "transnational_and_ministry_cases_solved", "administrative_cases"),
    "arrests": ("arrests_and_prosecutions", "drug_offenders_arrested", "drug_suspects_arrested", "suspects_arrested",
                "criminal_suspects_arrested", "raid_arrests", "prosecutions", "referred_for_prosecution"),
    "detentions": ("criminal_detentions", "administrative_detentions", "administrative_penalties"),
    "users": ("drug_users_found", "new_drug_users_found"),
    "rehab": ("compulsory_isolation_rehab", "community_rehab", "community_recovery"),
}
GROUP_OF = {m: g for g, metrics in ENFORCEMENT_GROUPS.items() for m in metrics}
INCREASE, DECREASE = "#E69F00", "#56B4E9"  # Okabe-Ito orange and sky blue: not city colours, colour-blind safe


def _period(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Each row's period as written, else its dates (a label stitched from two sentences is left empty)."""
    return pd.Series([period_text(row, lang) for _, row in frame.iterrows()], index=frame.index, dtype=object)


def bar_labels(frame: pd.DataFrame, jurisdictions: pd.DataFrame, lang: str, basis: bool = False) -> list[str]:
    """'what' over 'place · period as written' for each row (and the basis of a change, when asked).

    Two short lines instead of one long one leave the bars room on a 1024-pixel screen.
    """
    names = place_names(jurisdictions, lang)
    what = frame["label_zh" if lang == "zh" else "label_en"].fillna(frame["metric"])
    parts = [[names.get(a, a), p] for a, p in zip(frame["adcode"], _period(frame, lang))]
    if basis:
        parts = [p + [t(f"basis_{b}", lang)] for p, b in zip(parts, frame["change_basis"].fillna("yoy"))]
    return [f"{esc(w)}<br>{' · '.join(esc(x) for x in p)}" for w, p in zip(what, parts)]


def nice_ticks(top: float, lang: str, count: int = 5) -> tuple[list[float], list[str]]:
    """Round tick values from 0 to `top`, labelled as people read them (1.5万 in Chinese, 15,000 in English)."""
    if top <= 0:
        return [0.0], ["0"]
    raw = top / count
    step = min((m * 10 ** math.floor(math.log10(raw)) for m in (1, 2, 5, 10)), key=lambda s: abs(s - raw))
    step = max(step, 1e-9)
    vals = [i * step for i in range(int(top / step) + 2)]
    return vals, [fmt.number(v, lang) for v in vals]


def enforcement_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """Enforcement figures with a value, tagged with their facet (group and unit)."""
    rows = figures[figures["metric"].isin(GROUP_OF) & figures["value"].notna()]
    return rows.assign(group=rows["metric"].map(GROUP_OF))


def _largest(rows: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The `limit` largest rows (all when fewer) and how many were left out."""
    if len(rows) <= limit:
        return rows, 0
    return rows.nlargest(limit, "value"), len(rows) - limit


def _city_bars(fig: go.Figure, rows: pd.DataFrame, labels: list[str], row: int, lang: str, seen: set) -> None:
    """One horizontal bar per figure, coloured by city like the maps; the value text keeps its qualifier."""
    rows = rows.assign(label=labels, city=rows["adcode"].map(city_of))
    for city, part in rows.groupby("city", sort=False):
        fig.add_bar(y=part["label"], x=part["value"].astype(float), orientation="h", row=row, col=1,
                    name=esc(part["city_name"].iloc[0]), legendgroup=city, showlegend=city not in seen,
                    marker_color=settings.CITY_COLORS.get(city, "#555555"),
                    text=[fmt.quantity(v, q, u, lang)
                          for v, q, u in zip(part["value"], part["qualifier"], part["unit"])],
                    textposition="outside", cliponaxis=False, customdata=part["quote"].map(esc),
                    hovertemplate="%{y}<br>%{text}<br>%{customdata}<extra></extra>")
        seen.add(city)


@memo.by_content
def enforcement_figures(figures: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame, lang: str,
                        limit: int = settings.CHART_MAX_BARS) -> go.Figure:
    """Cases, arrests, detentions, drug users found and rehab orders: one facet per kind and unit."""
    rows = enforcement_rows(figures)
    names = place_names(jurisdictions, lang)
    rows = rows.assign(city_name=[names.get(city_of(a), a) for a in rows["adcode"]])
    facets = [(g, u, part) for g in ENFORCEMENT_GROUPS for u, part in rows[rows["group"] == g].groupby("unit")]
    shown = [(g, u, *_largest(part, limit)) for g, u, part in facets]
    titles = [f"{t(f'group_{g}', lang)}（{fmt.unit_label(u, lang)}）" if lang == "zh"
              else f"{t(f'group_{g}', lang)} ({fmt.unit_label(u, lang)})" for g, u, _, _ in shown]
    heights = [max(2, len(part)) for _, _, part, _ in shown] or [1]
    fig = make_subplots(rows=max(1, len(shown)), cols=1, subplot_titles=titles, row_heights=heights,
                        vertical_spacing=min(0.08, 0.3 / max(1, len(shown))))
    seen: set = set()
    for i, (_g, _u, part, _cut) in enumerate(shown, start=1):
        part = part.sort_values("value")
        _city_bars(fig, part, bar_labels(part, jurisdictions, lang), i, lang, seen)
        vals, text = nice_ticks(float(part["value"].max()) * 1.4, lang)  # room for the longest bar's value text
        fig.update_xaxes(tickvals=vals, ticktext=text, range=[0, vals[-1]], row=i, col=1)
    cut = sum(c for *_, c in shown)
    sub = t("never_added", lang) + (t("largest_shown", lang, n=str(limit), cut=str(cut)) if cut else "")
    return _finish(fig, t("chart_enforcement", lang), sub, source_line(rows, sources, lang), sum(heights))


def _finish(fig: go.Figure, title: str, subtitle: str, source: str, bars: int,
            order: str = "total ascending") -> go.Figure:
    """Shared layout; subplot titles are kept after the source line (which stays the first annotation)."""
    fig.update_yaxes(categoryorder=order)
    fig.update_layout(bargap=0.25, legend={"traceorder": "normal"})
    return layout(fig, title, subtitle, source)


def change_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures the text reports a percentage change for (同比, or against a named earlier year)."""
    return figures[figures["change_value"].notna() & (figures["change_unit"] == "percent")]


def _change_bars(fig: go.Figure, rows: pd.DataFrame, jurisdictions: pd.DataFrame, lang: str, row: int) -> None:
    """Diverging bars of reported changes: sky blue for a decline, orange for an increase."""
    change = rows["change_value"].astype(float)
    value = [fmt.quantity(v, q, u, lang) if pd.notna(v) else "" for v, q, u in
             zip(rows["value"], rows["qualifier"], rows["unit"])]
    fig.add_bar(y=bar_labels(rows, jurisdictions, lang, basis=True), x=change, orientation="h", row=row, col=1,
                marker_color=[INCREASE if c > 0 else DECREASE for c in change], showlegend=False,
                text=[fmt.signed(c, "percent", lang) for c in change], textposition="outside", cliponaxis=False,
                customdata=list(zip(value, rows["quote"].map(esc))),
                hovertemplate="%{y}<br>%{text} %{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    low, high = float(min(0, change.min())), float(max(0, change.max()))
    pad = 0.35 * max(1.0, high - low)  # room for the value text beside each bar, on either side
    fig.update_xaxes(ticksuffix="%", zeroline=True, zerolinecolor="#333333", row=row, col=1,
                     range=[low - pad if low < 0 else 0, high + pad if high > 0 else 0])


@memo.by_content
def changes(figures: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame, lang: str) -> go.Figure:
    """Year-on-year (and against-an-earlier-year) changes as the text reports them, one bar each."""
    rows = change_rows(figures).sort_values("change_value")
    fig = make_subplots(rows=1, cols=1)
    _change_bars(fig, rows, jurisdictions, lang, 1)
    return _finish(fig, t("chart_changes", lang), t("change_unit_note", lang), source_line(rows, sources, lang),
                   len(rows))


def outflow_parts(figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Outflow-trafficking figures: head counts by period, reported changes, and national/provincial rankings."""
    outflow = figures[figures["category"] == "outflow"]
    return {
        "counts": outflow[outflow["value"].notna() & (outflow["unit"] == "person")],
        "changes": change_rows(outflow),
        "ranks": figures[(figures["unit"] == "rank") & figures["metric"].str.contains("outflow")],
    }


def _rank_dots(fig: go.Figure, rows: pd.DataFrame, jurisdictions: pd.DataFrame, lang: str, row: int) -> None:
    """Rankings as dots on a reversed axis (1st on the right): a rank is an order, not a quantity to draw as a bar."""
    fig.add_scatter(y=bar_labels(rows, jurisdictions, lang), x=rows["value"].astype(float), mode="markers+text",
                    marker={"size": 16, "color": settings.CITY_COLORS.get(city_of(rows["adcode"].iloc[0]), "#555")},
                    text=[fmt.quantity(v, q, "rank", lang) for v, q in zip(rows["value"], rows["qualifier"])],
                    textposition="middle left", showlegend=False, row=row, col=1, customdata=rows["quote"].map(esc),
                    hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>")
    fig.update_xaxes(range=[float(rows["value"].max()) + 3, 0], dtick=1, row=row, col=1)


@memo.by_content
def outflow_trends(figures: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame,
                   lang: str) -> go.Figure:
    """Outflow trafficking: counts per period (never joined across unequal periods), changes, rankings."""
    parts = {k: v for k, v in outflow_parts(figures).items() if len(v)}
    names = place_names(jurisdictions, lang)
    heights = [max(2, len(v)) for v in parts.values()] or [1]
    fig = make_subplots(rows=max(1, len(parts)), cols=1, row_heights=heights, vertical_spacing=0.2,
                        subplot_titles=[t(f"outflow_{k}", lang) for k in parts])
    seen: set = set()
    for i, (kind, rows) in enumerate(parts.items(), start=1):
        rows = rows.sort_values(["adcode", "period_start"], ascending=[False, False], na_position="first",
                                kind="stable")
        if kind == "counts":
            rows = rows.assign(city_name=[names.get(city_of(a), a) for a in rows["adcode"]])
            _city_bars(fig, rows, bar_labels(rows, jurisdictions, lang), i, lang, seen)
        elif kind == "changes":
            _change_bars(fig, rows, jurisdictions, lang, i)
        else:
            _rank_dots(fig, rows, jurisdictions, lang, i)
    used = pd.concat(list(parts.values())) if parts else figures.iloc[:0]
    # categories in data order (bottom to top): each place's periods read oldest to newest from the top
    return _finish(fig, t("chart_outflow", lang), t("outflow_note", lang), source_line(used, sources, lang),
                   sum(heights), order="trace")
