"""Charts of records: seizures by place and by case, demonstration sites by category."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo import fmt, settings
from geo.charts.common import cut_note, esc, escaped_place_names, largest_bars, layout, period_text, source_line
from geo.data import memo
from geo.data import schema
from geo.i18n import label, name_col, t


# One colour per category, the same on every filter, slide and export: Okabe-Ito without its yellow (too light
# on white), then Paul Tol's muted colours, so that all twelve categories differ.
DEMO_COLOURS = dict(zip(schema.DEMO_CATEGORIES, ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                                "#332288", "#117733", "#882255", "#44AA99", "#999933", "#555555")))


BAR_EDGE = {"color": "#333333", "width": 1}  # pale drug colours (易制毒化学品's yellow) stay visible on white


def drug_marker(drug: str) -> dict:
    """A bar's fill in its drug type's colour, with a dark edge."""
    return {"color": settings.DRUG_COLORS.get(drug, "#555"), "line": BAR_EDGE}


def period_labels(frame: pd.DataFrame, lang: str) -> list[str]:
    """Each row's period as the headline and the tiles give it (common.period_text): as written, in English where
    the data gives one; else its stated dates; else 'period not stated'."""
    return [period_text(row, lang) for row in frame.to_dict("records")]


def _value_room(fig: go.Figure, values: pd.Series) -> None:
    """An x range with room past the longest bar for its value text."""
    top = float(pd.to_numeric(values, errors="coerce").max()) if len(values) else 0.0
    fig.update_xaxes(range=[0, (top if top > 0 else 1) * 1.3], rangemode="tozero")


@memo.by_content
def seizure_totals(seizures: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame,
                   lang: str, limit: int = settings.CHART_MAX_BARS, note: str = "largest_bars") -> go.Figure:
    """Aggregate seizure figures (kg) per jurisdiction and period, one bar each, never summed."""
    totals = seizures[seizures["case_id"].isna() & (seizures["unit"] == "kg")].copy()
    names = escaped_place_names(jurisdictions, lang)
    totals["x"] = pd.Series([f"{names.get(a, esc(a))}<br>{esc(p)}" for a, p in zip(totals["adcode"],
                                                                                period_labels(totals, lang))],
                            index=totals.index, dtype=object)  # object even when empty (a drug with no totals)
    # one bar per row: a place and period with figures of several drug types gets a row for each, named by its
    # drug (grouped bars would leave an empty slot in every row for each drug the row lacks)
    mixed = totals.groupby("x")["drug_type"].transform("nunique") > 1 if len(totals) else totals["x"].astype(bool)
    totals.loc[mixed, "x"] = totals.loc[mixed, "x"] + " · " + [esc(label("drug_type", d, lang))
                                                               for d in totals.loc[mixed, "drug_type"]]
    # two figures of one drug type, place and period (e.g. a checkpoint's and the district's) get their own bars
    twins = totals.duplicated(["x", "drug_type"], keep=False)
    # (English numbers them below, as the wording is Chinese; an empty selection has a float "x", refusing + str)
    if twins.any() and lang == "zh":
        totals.loc[twins, "x"] = totals.loc[twins, "x"] + "<br>" + totals.loc[twins, "drug_as_written"].map(esc)
    # figures still alike in place, period and wording (two sources repeating one figure) are numbered, not stacked
    nth = totals.groupby(["x", "drug_type"]).cumcount() if len(totals) else pd.Series(dtype=int)
    totals.loc[nth > 0, "x"] = totals.loc[nth > 0, "x"] + [f" ({n + 1})" for n in nth[nth > 0]]
    totals, cut = largest_bars(totals, "x", limit=limit)
    fig = go.Figure()
    for drug, part in totals.groupby("drug_type", sort=False):
        fig.add_bar(y=part["x"], x=part["quantity"].astype(float), name=label("drug_type", drug, lang),
                    marker=drug_marker(drug), orientation="h",
                    text=[fmt.quantity(q, ql, None, lang) for q, ql in zip(part["quantity"], part["qualifier"])],
                    textposition="outside", cliponaxis=False)
    _value_room(fig, totals["quantity"])
    sub = f"{t('unit_kg', lang)} · {t('periods_apart', lang)}" + cut_note(limit, cut, lang, note)
    return layout(fig, levels_title(totals["adcode"], lang), sub, source_line(totals, sources, lang))


def levels_title(adcodes: pd.Series, lang: str) -> str:
    """'各市、区县缴获毒品（按毒品种类）': the title names the levels of the places its bars show."""
    county = adcodes.astype(str).str[-2:] != "00"
    levels = [t(k, lang) for k, shown in (("level_city", (~county).any()), ("level_county", county.any())) if shown]
    return t("seizures_by_levels", lang, levels=("、" if lang == "zh" else " and ").join(levels or
                                                                                       [t("level_city", lang)]))


@memo.by_content
def cases_ranked(seizures: pd.DataFrame, cases: pd.DataFrame, sources: pd.DataFrame, lang: str,
                 limit: int = settings.CHART_MAX_BARS) -> go.Figure:
    """Named cases ranked by kilograms seized, stacked by drug type."""
    per_case, cut = largest_bars(seizures[seizures["case_id"].notna() & (seizures["unit"] == "kg")], "case_id",
                                  limit=limit, by="sum")
    merged = per_case.merge(cases[["case_id", name_col(lang), "case_number"]], on="case_id", how="left")
    order = merged.groupby("case_id")["quantity"].sum().sort_values(ascending=True).index.tolist()
    title_of = {c: esc(n) for c, n in zip(merged["case_id"], merged[name_col(lang)])}
    fig = go.Figure()
    for drug, part in merged.groupby("drug_type", sort=False):
        fig.add_bar(y=[title_of[c] for c in part["case_id"]], x=part["quantity"].astype(float), orientation="h",
                    name=label("drug_type", drug, lang), marker=drug_marker(drug),
                    customdata=[fmt.quantity(q, ql, "kg", lang) for q, ql in zip(part["quantity"], part["qualifier"])],
                    hovertemplate="%{y}: %{customdata}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"categoryorder": "array",
                                              "categoryarray": [title_of[c] for c in order]})
    return layout(fig, t("seizures_by_case", lang), t("unit_kg", lang) + cut_note(limit, cut, lang),
                   source_line(merged, sources, lang),
                   height=max(420, 60 + 34 * len(order)))


@memo.by_content
def demo_by_category(demo: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame,
                     lang: str, limit: int | None = None, note: str = "largest_bars") -> go.Figure:
    """Demonstration-site counts, one bar per reported figure labelled with its place, category and period; the
    category's colour repeats what the label says, so no legend is needed. With `limit`, the largest counts."""
    names = escaped_place_names(jurisdictions, lang)
    fig = go.Figure()
    rows = demo.assign(period=period_labels(demo, lang)).sort_values(["count"], kind="stable")
    kept = rows.tail(limit) if limit else rows
    rows, cut = kept, len(rows) - len(kept)
    labels = [f"{names.get(a, esc(a))} · {esc(label('demo_category', c, lang))}<br>{esc(p)}"
              for a, c, p in zip(rows["adcode"], rows["category"], rows["period"])]
    rows = rows.assign(y=_numbered(labels))
    for cat, part in rows.groupby("category", sort=True):
        fig.add_bar(y=part["y"], x=part["count"].astype(float), name=label("demo_category", cat, lang),
                    marker_color=DEMO_COLOURS.get(cat, "#555555"), orientation="h", showlegend=False,
                    textposition="outside", cliponaxis=False,
                    text=[fmt.quantity(c, q, None, lang) for c, q in zip(part["count"], part["qualifier"])],
                    customdata=part["label_zh"].map(esc) if lang == "zh"
                    else [label("demo_category", cat, lang)] * len(part),
                    hovertemplate="%{y} %{customdata}: %{text}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["y"]))
    _value_room(fig, demo["count"])
    return layout(fig, t("demo_by_category", lang), t("unit_count", lang) + cut_note(limit or 0, cut, lang, note),
                  source_line(rows, sources, lang))


def _numbered(labels: list[str]) -> list[str]:
    """Labels made unique: a second figure alike in place, category and period gets ' (2)'."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out
