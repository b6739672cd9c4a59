"""City comparison of one core indicator: one bar per reported figure, with its period as written and its source.

Figures are never added, and never put in value order: bars keep the cities' order (settings.FOCUS_CITIES), a
city's own figure before its counties'. When the periods differ the subtitle says so. No Streamlit here.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo import fmt, settings
from geo.charts.common import esc, layout, period_text, short_title, source_line
from geo.charts.figures import nice_ticks
from geo.data import filters, memo
from geo.data.filters import Filter, city_of
from geo.data.schema import INDICATORS
from geo.i18n import label, place_names, t


ROW_PX = 40  # height of one bar row (two lines of label)
BOOK = "《{}》"  # a document's title in Chinese text


def indicator_rows(figures: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The figures of one indicator in display order: city order, the city before its counties, oldest first."""
    if "indicator" not in figures:
        return figures.iloc[:0]
    rows = figures[figures["indicator"] == indicator]
    order = {c: i for i, c in enumerate(settings.FOCUS_CITIES)}
    key = pd.DataFrame({"city": rows["adcode"].map(lambda a: order.get(city_of(a), len(order))),
                        "county": rows["adcode"] != rows["adcode"].map(city_of),
                        "start": pd.to_datetime(rows["period_start"], errors="coerce")}, index=rows.index)
    return rows.loc[key.sort_values(["city", "county", "start"], na_position="last", kind="stable").index]


def available(figures: pd.DataFrame) -> list[str]:
    """Indicators that at least one figure carries, in the vocabulary's order."""
    present = set(figures["indicator"].dropna()) if "indicator" in figures else set()
    return [i for i in INDICATORS if i in present]


def period_key(row: pd.Series) -> tuple:
    """What makes two periods the same: both dates, or else the label as written in the same document."""
    if pd.notna(row.get("period_start")) and pd.notna(row.get("period_end")):
        return ("dates", str(row["period_start"]), str(row["period_end"]))
    return ("label", str(row.get("source_file")), str(row.get("period_label") or ""))


def periods_differ(rows: pd.DataFrame) -> bool:
    """True when the figures do not all cover one and the same stated period (so they are not comparable)."""
    return len({period_key(r) for _, r in rows.iterrows()}) > 1


def not_reported(rows: pd.DataFrame, cities: tuple[str, ...]) -> list[str]:
    """Cities (adcodes, in the given order) none of whose figures carries the indicator."""
    have = set(rows["adcode"].map(city_of))
    return [c for c in cities if c not in have]


def compare_view(figures: pd.DataFrame, flt: Filter, indicator: str) -> tuple[pd.DataFrame, list[str]]:
    """Of the filter's figures, those of one indicator, and the filter's cities that report none."""
    rows = indicator_rows(figures, indicator)
    return rows, not_reported(rows, flt.cities or settings.FOCUS_CITIES)


def compare_chart(ds, flt: Filter, indicator: str, lang: str) -> go.Figure:
    """The comparison chart of the filter (for the slideshow and the briefing pack)."""
    rows, missing = compare_view(filters.view(ds, "figures", flt), flt, indicator)
    return chart(ds, rows, missing, indicator, lang)


def value_text(row: pd.Series, lang: str) -> str:
    """'340起', '约800人次', or the change when the text gives only that ('-75.4%（较此前）')."""
    if pd.notna(row.get("value")):
        return fmt.quantity(row["value"], row["qualifier"], row["unit"], lang)
    if pd.notna(row.get("change_value")):
        basis = t(f"basis_{row.get('change_basis') or 'yoy'}", lang)
        return f"{fmt.signed(float(row['change_value']), row.get('change_unit'), lang)} ({basis})"
    return "—"


def bar_label(row: pd.Series, names: dict[str, str], lang: str, source: str = "") -> str:
    """Place · period as written, over what was counted and its document (escaped: labels are read as a little
    HTML)."""
    what = row["label_zh" if lang == "zh" else "label_en"]
    doc = f" · {source}" if source else ""
    return f"{esc(names.get(row['adcode'], row['adcode']))} · {esc(period_text(row, lang))}<br>{esc(what)}{doc}"


def subtitle(rows: pd.DataFrame, missing: list[str], names: dict[str, str], lang: str) -> str:
    parts = [t("compare_differ" if periods_differ(rows) else "compare_same", lang)] if len(rows) else []
    if missing:
        sep = "、" if lang == "zh" else ", "
        parts.append(t("compare_missing", lang, places=sep.join(esc(names.get(c, c)) for c in missing)))
    return "<br>".join(parts)


@memo.by_content
def chart(ds, rows: pd.DataFrame, missing: list[str], indicator: str, lang: str) -> go.Figure:
    """Horizontal bars in the cities' order, coloured by city, each with its value, period and source."""
    names = place_names(ds["jurisdictions"], lang)
    titles = dict(zip(ds["sources"]["source_file"], ds["sources"]["title_zh" if lang == "zh" else "title_en"]))
    fig = go.Figure()
    for city, part in rows.groupby(rows["adcode"].map(city_of), sort=False):
        src = [(BOOK if lang == "zh" else "{}").format(esc(short_title(str(titles.get(s) or s), 18 if lang == "zh"
                                                                      else 18))) for s in part["source_file"]]
        # the value at the end of its bar; its document in the label, after what was counted
        fig.add_bar(y=[bar_label(r, names, lang, d) for (_, r), d in zip(part.iterrows(), src)],
                    x=part["value"].astype(float).fillna(0), orientation="h", name=esc(names.get(city, city)),
                    marker_color=settings.CITY_COLORS.get(city, "#555555"), textposition="outside",
                    text=[esc(value_text(r, lang)) for _, r in part.iterrows()],
                    cliponaxis=False, customdata=part["quote"].map(esc),
                    hovertemplate="%{y}<br>%{text}<br>%{customdata}<extra></extra>")
    top = float(rows["value"].max()) if rows["value"].notna().any() else 1.0
    vals, ticks = nice_ticks(top * 1.25, lang, count=4)  # room for the value beside the longest bar
    fig.update_xaxes(tickvals=vals, ticktext=ticks, range=[0, vals[-1]])
    fig.update_yaxes(autorange="reversed", categoryorder="trace")
    fig.update_layout(bargap=0.3, legend={"traceorder": "normal"})
    title = t("compare_title", lang, indicator=label("indicator", indicator, lang))
    # laid out from its labels like every chart (geo.charts.fit), so the source line never meets the ticks
    return layout(fig, title, subtitle(rows, missing, names, lang), source_line(rows, ds["sources"], lang),
                  height=max(420, 260 + ROW_PX * len(rows)))


def table(ds, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The compared figures as a table: place, what, value, period as written, source and quote (plain text)."""
    names = place_names(ds["jurisdictions"], lang)
    titles = dict(zip(ds["sources"]["source_file"], ds["sources"]["title_zh" if lang == "zh" else "title_en"]))
    return pd.DataFrame({
        t("place", lang): [names.get(a, a) for a in rows["adcode"]],
        t("figure", lang): rows["label_zh" if lang == "zh" else "label_en"].tolist(),
        t("value", lang): [value_text(r, lang) for _, r in rows.iterrows()],
        t("period", lang): [period_text(r, lang) for _, r in rows.iterrows()],
        t("source", lang): [str(titles.get(s) or s) for s in rows["source_file"]],
        t("quote", lang): rows["quote"].tolist(),
    })
