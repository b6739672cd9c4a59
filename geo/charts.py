"""Plotly figures over the curated tables; each has a title, unit, period and a source line."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from geo import fmt, settings
from geo.i18n import label, name_col, t

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def esc(text) -> str:
    """Text from data in a chart: Plotly reads labels as a little HTML (<br>, <b>, <a>), so markup in the data
    is escaped and shows as the characters it is."""
    return html.escape(str(text), quote=False)


def _names(jurisdictions: pd.DataFrame, lang: str) -> dict[str, str]:
    """Escaped place names by adcode, ready for chart labels."""
    return {a: esc(n) for a, n in zip(jurisdictions["adcode"], jurisdictions[name_col(lang)])}


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


MARGIN = {"l": 60, "r": 20, "t": 80, "b": 130}


def below_plot(pixels: float, height: float, margin: dict) -> float:
    """Paper y-coordinate `pixels` below the plot area (annotations live in paper coordinates)."""
    return -pixels / max(1.0, height - margin["t"] - margin["b"])


def _layout(fig: go.Figure, title: str, subtitle: str, source: str, height: int = 460) -> go.Figure:
    fig.update_layout(
        title={"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0.01},
        font={"family": FONT, "size": 15}, height=height, margin=MARGIN,
        legend={"orientation": "h", "y": below_plot(45, height, MARGIN), "yanchor": "top"}, plot_bgcolor="#ffffff",
        annotations=[{"text": source, "xref": "paper", "yref": "paper", "x": 0, "y": below_plot(100, height, MARGIN),
                      "showarrow": False, "xanchor": "left", "yanchor": "top", "align": "left",
                      "font": {"size": 11, "color": "#444"},
                      "name": "source"}])
    fig.update_yaxes(gridcolor="#dddddd")
    return fig


def for_projector(fig: go.Figure, height: int = settings.BRIEFING_MAP_HEIGHT,
                  scale: float = settings.BRIEFING_CHART_SCALE) -> go.Figure:
    """A copy of a chart with type, margins and the source line scaled up for a projector slide."""
    big = go.Figure(fig)
    margin = {k: round(v * scale) for k, v in MARGIN.items()}
    big.update_layout(font_size=round(15 * scale), height=height, margin=margin,
                      legend_y=below_plot(45 * scale, height, margin))
    big.update_annotations(selector={"name": "source"}, font_size=round(11 * scale),
                           y=below_plot(100 * scale, height, margin))
    return big


def _largest_bars(rows: pd.DataFrame, key: str, limit: int, by: str = "max") -> tuple[pd.DataFrame, int]:
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


def _cut_note(limit: int, cut: int, lang: str) -> str:
    return t("largest_bars", lang, n=str(limit), cut=str(cut)) if cut else ""


def seizure_totals(seizures: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame,
                   lang: str, limit: int = settings.CHART_MAX_BARS) -> go.Figure:
    """Aggregate seizure figures (kg) per jurisdiction and period, one bar each, never summed."""
    totals = seizures[seizures["case_id"].isna() & (seizures["unit"] == "kg")].copy()
    names = _names(jurisdictions, lang)
    totals["x"] = pd.Series([f"{names.get(a, esc(a))}<br>{esc(p or '')}"
                             for a, p in zip(totals["adcode"], totals["period_label"])],
                            index=totals.index, dtype=object)  # object even when empty (a drug with no totals)
    # two figures of one drug type, place and period (e.g. a checkpoint's and the district's) get their own bars
    twins = totals.duplicated(["x", "drug_type"], keep=False)
    if twins.any():  # (an empty selection has a float "x" column, which refuses + str)
        totals.loc[twins, "x"] = totals.loc[twins, "x"] + "<br>" + totals.loc[twins, "drug_as_written"].map(esc)
    # figures still alike in place, period and wording (two sources repeating one figure) are numbered, not stacked
    nth = totals.groupby(["x", "drug_type"]).cumcount() if len(totals) else pd.Series(dtype=int)
    totals.loc[nth > 0, "x"] = totals.loc[nth > 0, "x"] + [f" ({n + 1})" for n in nth[nth > 0]]
    totals, cut = _largest_bars(totals, "x", limit=limit)
    fig = go.Figure()
    for drug, part in totals.groupby("drug_type", sort=False):
        fig.add_bar(x=part["x"], y=part["quantity"].astype(float), name=label("drug_type", drug, lang),
                    marker_color=settings.DRUG_COLORS.get(drug, "#555"),
                    text=[fmt.quantity(q, ql, None, lang) for q, ql in zip(part["quantity"], part["qualifier"])],
                    textposition="outside")
    sub = f"{t('unit_kg', lang)} · {t('periods_apart', lang)}" + _cut_note(limit, cut, lang)
    return _layout(fig, t("seizures_by_city", lang), sub, source_line(totals, sources, lang))


def cases_ranked(seizures: pd.DataFrame, cases: pd.DataFrame, sources: pd.DataFrame, lang: str,
                 limit: int = settings.CHART_MAX_BARS) -> go.Figure:
    """Named cases ranked by kilograms seized, stacked by drug type."""
    per_case, cut = _largest_bars(seizures[seizures["case_id"].notna() & (seizures["unit"] == "kg")], "case_id",
                                  limit=limit, by="sum")
    merged = per_case.merge(cases[["case_id", name_col(lang), "case_number"]], on="case_id", how="left")
    order = merged.groupby("case_id")["quantity"].sum().sort_values(ascending=True).index.tolist()
    title_of = {c: esc(n) for c, n in zip(merged["case_id"], merged[name_col(lang)])}
    fig = go.Figure()
    for drug, part in merged.groupby("drug_type", sort=False):
        fig.add_bar(y=[title_of[c] for c in part["case_id"]], x=part["quantity"].astype(float), orientation="h",
                    name=label("drug_type", drug, lang), marker_color=settings.DRUG_COLORS.get(drug, "#555"),
                    customdata=[fmt.quantity(q, ql, "kg", lang) for q, ql in zip(part["quantity"], part["qualifier"])],
                    hovertemplate="%{y}: %{customdata}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"categoryorder": "array",
                                              "categoryarray": [title_of[c] for c in order]})
    return _layout(fig, t("seizures_by_case", lang), t("unit_kg", lang) + _cut_note(limit, cut, lang),
                   source_line(merged, sources, lang),
                   height=max(420, 60 + 34 * len(order)))


def demo_by_category(demo: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame,
                     lang: str) -> go.Figure:
    """Demonstration-site counts by category, one bar group per jurisdiction."""
    names = _names(jurisdictions, lang)
    fig = go.Figure()
    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#555555"]
    for i, (cat, part) in enumerate(demo.groupby("category", sort=True)):
        fig.add_bar(x=[names.get(a, esc(a)) for a in part["adcode"]], y=part["count"].astype(float),
                    name=label("demo_category", cat, lang), marker_color=palette[i % len(palette)],
                    text=[fmt.quantity(c, q, None, lang) for c, q in zip(part["count"], part["qualifier"])],
                    customdata=part["label_zh"].map(esc) if lang == "zh"
                    else [label("demo_category", cat, lang)] * len(part),
                    hovertemplate="%{x} %{customdata}: %{text}<extra></extra>")
    fig.update_layout(barmode="group")
    return _layout(fig, t("demo_by_category", lang), t("unit_count", lang), source_line(demo, sources, lang))
