"""Native PowerPoint charts for the briefing deck: the slide charts' records as bars, and the CJK typefaces that
make Chinese show in PowerPoint, WPS and LibreOffice.

One bar per record, never a sum: the category names the place and the period as written, the bar's colour is the
app's (drug, demonstration category or city), a missing value is left blank and each data label carries the
app's number format ("800+", "约30", "1,588起").
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from geo import fmt, settings
from geo.charts import compare
from geo.charts.common import period_text
from geo.charts.records import DEMO_COLOURS
from geo.data import filters
from geo.data.filters import Filter, city_of
from geo.exports.deck_text import INK, cjk_typeface
from geo.i18n import label, name_col, t



@dataclass(frozen=True)
class Bar:
    """One record as a bar: its label, value (None = blank), the app's text for it, colour and provenance."""

    category: str
    value: float | None
    text: str
    number_format: str | None  # the Excel format that shows `value` as `text`; None when only text can
    colour: str
    source_file: str
    period: str
    quote: str


@dataclass(frozen=True)
class ChartSpec:
    title: str
    subtitle: str
    bars: list[Bar]
    cut: int  # records of the chart left off the slide (largest shown first)


def number_format(value, qualifier, unit: str | None, lang: str) -> str | None:
    """The Excel number format that shows value as fmt.quantity does: '#,##0"+"', '"约"#,##0"起"'; None for a
    Chinese number of 万 (Excel cannot divide by ten thousand) or a rank."""
    if value is None or pd.isna(value) or unit == "rank" or (lang == "zh" and abs(float(value)) >= 10000):
        return None
    decimals = fmt._plain(float(value)).partition(".")[2]
    code = "#,##0" + (f".{'0' * len(decimals)}" if decimals else "")
    prefix = {"about": "约" if lang == "zh" else "about ", "at_most": "≤"}.get(qualifier or "", "")
    suffix = "+" if qualifier == "plus" else ""
    words = fmt.unit_label(unit, lang) if unit else ""
    if words:
        suffix += words if lang == "zh" or words == "%" else f" {words}"
    return (f'"{prefix}"' if prefix else "") + code + (f'"{suffix}"' if suffix else "")


def _names(ds, lang: str) -> dict[str, str]:
    return dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))


def _distinct(labels: list[str]) -> list[str]:
    """Category labels made distinct: the n-th repeat of a label (two documents giving one figure) gets ' (n)'."""
    counts: dict[str, int] = {}
    for i, text in enumerate(labels):
        counts[text] = counts.get(text, 0) + 1
        labels[i] = f"{text} ({counts[text]})" if counts[text] > 1 else text
    return labels


def _largest(rows: pd.DataFrame, column: str, limit: int) -> tuple[pd.DataFrame, int]:
    """The `limit` largest rows, largest first (the chart lists them top down), and how many were left off."""
    ordered = rows.assign(_v=pd.to_numeric(rows[column], errors="coerce")).sort_values(
        "_v", ascending=False, kind="stable", na_position="last")
    return ordered.head(limit), max(0, len(ordered) - limit)


def seizure_chart(ds, flt: Filter, lang: str, limit: int = settings.BRIEFING_CHART_MAX_BARS) -> ChartSpec:
    """Reported seizure totals in kilograms, one bar per figure: place · drug over its period, coloured by drug."""
    seized = filters.view(ds, "seizures", flt)
    rows, cut = _largest(seized[seized["case_id"].isna() & (seized["unit"] == "kg")], "quantity", limit)
    names = _names(ds, lang)
    cats = _distinct([f"{names.get(r['adcode'], r['adcode'])} · {label('drug_type', r['drug_type'], lang)}\n"
                    f"{period_text(r, lang)}" for _, r in rows.iterrows()])
    bars = [Bar(c, float(r["quantity"]), fmt.quantity(r["quantity"], r["qualifier"], None, lang),
                number_format(r["quantity"], r["qualifier"], None, lang),
                settings.DRUG_COLORS.get(r["drug_type"], "#555555"), r["source_file"], period_text(r, lang),
                str(r["quote"])) for c, (_, r) in zip(cats, rows.iterrows())]
    return ChartSpec(t("seizures_by_city", lang), f"{t('unit_kg', lang)} · {t('periods_apart', lang)}", bars, cut)


def demo_chart(ds, flt: Filter, lang: str, limit: int = settings.BRIEFING_CHART_MAX_BARS) -> ChartSpec:
    """Demonstration-site counts, one bar per figure: place · category over its period, coloured by category."""
    rows, cut = _largest(filters.view(ds, "demo_sites", flt), "count", limit)
    names = _names(ds, lang)
    cats = _distinct([f"{names.get(r['adcode'], r['adcode'])} · {label('demo_category', r['category'], lang)}\n"
                    f"{period_text(r, lang)}" for _, r in rows.iterrows()])
    bars = [Bar(c, float(r["count"]), fmt.quantity(r["count"], r["qualifier"], None, lang),
                number_format(r["count"], r["qualifier"], None, lang), DEMO_COLOURS.get(r["category"], "#555555"),
                r["source_file"], period_text(r, lang), str(r["quote"])) for c, (_, r) in zip(cats, rows.iterrows())]
    return ChartSpec(t("demo_by_category", lang), t("unit_count", lang), bars, cut)


def compare_chart(ds, flt: Filter, lang: str) -> ChartSpec:
    """The comparison indicator, one bar per figure in the cities' order (never by value), coloured by city; a
    figure given only as a change is a blank bar whose label says the change."""
    indicator = settings.COMPARE_SLIDE_INDICATOR
    rows, missing = compare.compare_view(filters.view(ds, "figures", flt), flt, indicator)
    names = _names(ds, lang)
    cats = _distinct([f"{names.get(r['adcode'], r['adcode'])} · {period_text(r, lang)}\n"
                    f"{r['label_zh' if lang == 'zh' else 'label_en']}" for _, r in rows.iterrows()])
    bars = [Bar(c, None if pd.isna(r["value"]) else float(r["value"]), compare.value_text(r, lang),
                number_format(r["value"], r["qualifier"], r["unit"], lang),
                settings.CITY_COLORS.get(city_of(r["adcode"]), "#555555"), r["source_file"], period_text(r, lang),
                str(r["quote"])) for c, (_, r) in zip(cats, rows.iterrows())]
    subtitle = compare.subtitle(rows, missing, names, lang).replace("<br>", " · ")
    return ChartSpec(t("compare_title", lang, indicator=label("indicator", indicator, lang)), subtitle, bars, 0)


def _chart_text(chart, size: int) -> None:
    """All chart text (labels, axes) in the CJK font at `size` points, dark grey."""
    chart.font.size = Pt(size)
    chart.font.color.rgb = RGBColor.from_string(INK)


def _label(point, bar: Bar, size: int) -> None:
    """The point's data label in the app's format: a number format where Excel has one (so edited values keep
    it), else the app's text itself."""
    data_label = point.data_label
    data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    dlbl = data_label._get_or_add_dLbl()
    if bar.number_format is None:
        data_label.text_frame.text = bar.text
        for run in data_label.text_frame.paragraphs[0].runs:
            run.font.size = Pt(size)
            cjk_typeface(run._r.get_or_add_rPr())
    else:
        numfmt = etree.Element(qn("c:numFmt"), formatCode=bar.number_format, sourceLinked="0")
        dlbl.insert_element_before(numfmt, "c:spPr", "c:txPr", "c:dLblPos", "c:showLegendKey", "c:showVal")
    props = dlbl.find(qn("c:txPr"))  # python-pptx's own label props; a label given as text has runs instead
    if props is not None:
        props.find(".//" + qn("a:defRPr")).set("sz", str(size * 100))


def add_chart(slide, spec: ChartSpec, box: tuple[int, int, int, int], size: int = 14):
    """The bars as a native clustered-bar chart in box (x, y, cx, cy in EMU), first bar on top, one series."""
    data = CategoryChartData(number_format="#,##0.###")
    data.categories = [b.category for b in spec.bars]
    data.add_series(spec.title, [b.value for b in spec.bars])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *(Emu(v) for v in box), data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    _chart_text(chart, size)
    plot = chart.plots[0]
    plot.gap_width, plot.vary_by_categories = 40, False
    plot.has_data_labels = True
    plot.data_labels.show_value = True
    chart.category_axis.reverse_order = True  # the first record on top, as the app lists them
    chart.category_axis.tick_labels.font.size = Pt(size - 2)
    # every bar keeps its label: LibreOffice and WPS otherwise hide labels they think crowded
    skip = etree.Element(qn("c:tickLblSkip"), val="1")
    chart.category_axis._element.insert_element_before(skip, "c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.minimum_scale = 0
    top = max((b.value for b in spec.bars if b.value is not None), default=1.0)
    chart.value_axis.maximum_scale = top * 1.3  # room past the longest bar for its label
    series = plot.series[0]
    for i, bar in enumerate(spec.bars):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(bar.colour.lstrip("#"))
        if bar.value is not None:
            _label(point, bar, size)
    for defrpr in chart._chartSpace.iter(qn("a:defRPr")):  # chart, axes and every label: the CJK font
        cjk_typeface(defrpr)
    return chart
