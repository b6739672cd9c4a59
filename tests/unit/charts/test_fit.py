"""Chart layout from the labels: wrapping, margins from the longest label, rows tall enough, bands for legend and
source. (That nothing overlaps once drawn is checked in Chromium: tests/e2e/test_screens.py.)"""
import plotly.graph_objects as go
import pytest

from geo.charts import fit
from geo.charts.common import layout


def chart(labels, names=("a", "b")) -> go.Figure:
    fig = go.Figure()
    for name in names:
        fig.add_bar(y=labels, x=list(range(1, len(labels) + 1)), orientation="h", name=name)
    return layout(fig, "标题", "单位：起", "来源：文件 (2021-06-25)")


def test_width_counts_cjk_as_one_em_and_latin_narrower():
    assert fit.text_px("永州市", 20) == 60
    assert fit.text_px("Yongzhou", 20) == pytest.approx(8 * 0.62 * 20)
    assert fit.text_px("a&amp;b<br>", 10) == pytest.approx(3 * 6.2)  # markup removed, entities as one character


def test_long_labels_wrap_within_the_width_and_stay_escaped():
    wrapped = fit.wrap("被外省公安机关抓获的外流贩毒人员数量&lt;b&gt;", 20, 200)
    assert all(fit.text_px(line, 20) <= 200 for line in wrapped.split("<br>"))
    assert wrapped.replace("<br>", "") == "被外省公安机关抓获的外流贩毒人员数量&lt;b&gt;"
    english = fit.wrap("Outflow traffickers caught by other provinces' police", 15, 200)
    assert all(not line.startswith(" ") and fit.text_px(line, 15) <= 200 for line in english.split("<br>"))
    assert fit.wrap("短标签", 20, 200) == "短标签"


def test_no_line_starts_with_closing_punctuation():
    assert not any(line.startswith("；") for line in fit.wrap("来源：治安先治毒（2017）；健全毒品治理体系", 15, 170)
                   .split("<br>"))


def test_left_margin_comes_from_the_longest_label():
    short, long = chart(["衡阳市"]), chart(["衡阳市", "平顶山市 · 2011年10月…上任后"])
    assert short.layout.margin.l < long.layout.margin.l
    widest = max(fit.widest(y, 15) for y in long.data[0].y)
    assert long.layout.margin.l >= widest and long.layout.margin.autoexpand is False


def test_height_grows_with_rows_and_type_size():
    few, many = chart(["甲", "乙"]), chart([f"地区{i}" for i in range(20)])
    assert many.layout.height > few.layout.height
    assert fit.fit(many, 22, 900).layout.height > many.layout.height
    assert fit.fit(few, 22, 1920, min_height=1080).layout.height == 1080


def test_legend_and_source_sit_in_their_own_bands():
    fig = fit.fit(chart(["甲", "乙"], names=[f"毒品种类{i}" for i in range(8)]), 15, 500)
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yanchor == "bottom"
    assert fig.layout.legend.y >= 1  # above the plot, below the title (the top margin holds both)
    source = next(a for a in fig.layout.annotations if a.name == "source")
    assert source.y < 0 and source.yanchor == "top"  # below the tick labels
    assert fig.layout.margin.t > fit.fit(chart(["甲", "乙"], names=["一"]), 15, 500).layout.margin.t


def test_one_bar_per_row_is_drawn_overlaid_not_in_empty_group_slots():
    fig = go.Figure([go.Bar(y=["甲"], x=[1], orientation="h"), go.Bar(y=["乙"], x=[2], orientation="h")])
    assert fit.fit(fig).layout.barmode == "overlay"
    shared = go.Figure([go.Bar(y=["甲"], x=[1], orientation="h"), go.Bar(y=["甲"], x=[2], orientation="h")])
    assert fit.fit(shared).layout.barmode != "overlay"


def test_explicit_ticks_are_thinned_to_fit():
    fig = chart(["甲"])
    fig.update_xaxes(tickvals=list(range(0, 100000, 5000)), ticktext=[f"{v:,}" for v in range(0, 100000, 5000)])
    thin = fit.fit(fig, 22, 400)
    assert len(thin.layout.xaxis.tickvals) < 20


def test_a_chart_fitted_for_the_desk_is_refitted_from_its_own_texts():
    """An export (1920 wide) of a chart laid out for the desk (480 wide) breaks lines for 1920, not for 480."""
    source = "来源：" + "；".join(f"第{i}份很长的文件标题用来检查换行 (2021-0{i}-01)" for i in range(1, 3))
    label = "一个很长的案件名称需要在窄图里换行显示出来"
    fig = go.Figure(go.Bar(y=[label], x=[3], orientation="h"))
    fig.layout.annotations = [go.layout.Annotation(text=source, name="source")]
    fig.layout.title.text = "标题<br><sup>单位：起</sup>"
    desk = fit.fit(fig, 15, 480)
    assert desk.layout.annotations[0].text.count("<br>") >= 1 and "<br>" in desk.data[0].y[0]
    wide, direct = fit.fit(desk, 15, 1920), fit.fit(fig, 15, 1920)
    assert wide.data[0].y == direct.data[0].y == (label,)
    assert wide.layout.annotations[0].text == direct.layout.annotations[0].text == source
    assert wide.layout.title.text == direct.layout.title.text
    fit.unfit(desk)
    assert desk.data[0].y == (label,) and desk.layout.annotations[0].text == source
