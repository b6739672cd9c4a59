"""Figure charts: plotted numbers equal the rows of data/figures.csv for a filter, read by hand from the CSV."""
import pytest

from geo.charts import figures as figure_charts
from geo.charts import records as record_charts
from geo.data import filters
from geo.data import load as data
from geo.data.filters import Filter

PDS, YZ, HY, NINGYUAN = ("410400",), ("431100",), ("430400",), ("431126",)


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def flat(labels, sep: str = "") -> list[str]:
    """Chart labels as read: the line breaks wrapping puts in, removed (CJK) or read as spaces (English)."""
    return [str(x).replace("<br>", sep) for x in labels]


def plotted(fig, axis: str = "x") -> list[list[float]]:
    return [[float(v) for v in getattr(trace, axis)] for trace in fig.data]


def test_enforcement_pingdingshan_one_bar_per_figure(ds):
    # pds-fig-001 50+, pds-fig-008 52 (cases); 002 947, 010 78 (arrests); 009 65, 015 305 (detentions);
    # 011 711, 013 88 (users found); 012 225, 014 80 (rehab); 020-022 of the 矿工路 case (2, 2, 6). Each facet
    # sorted by value, nothing added.
    fig = figure_charts.enforcement_figures(filters.view(ds, "figures", Filter(PDS)), ds["jurisdictions"],
                                            ds["sources"], "zh")
    assert plotted(fig) == [[50, 52], [78, 947], [2, 6, 65, 305], [88], [711], [2, 80, 225]]  # 人 and 人次 apart
    texts = [list(trace.text) for trace in fig.data]
    assert texts[0] == ["50+起", "52起"]
    assert "今年以来" in flat(fig.data[0].y)[1] and "2011-10-01起" in flat(fig.data[0].y)[0]
    assert fig.layout.annotations[0].name == "source" and "打赢禁毒之战" in fig.layout.annotations[0].text
    titles = [a.text for a in fig.layout.annotations[1:]]
    assert titles == ["案件（起）", "抓获、起诉（人）", "拘留、处罚（人）", "查获吸毒人员（人）", "查获吸毒人员（人次）",
                      "戒毒措施（人）"]
    assert all(trace.marker.color == "#009E73" for trace in fig.data)  # Pingdingshan's map colour


def test_enforcement_english_labels_and_no_chinese_outside_quotes(ds):
    fig = figure_charts.enforcement_figures(filters.view(ds, "figures", Filter(PDS)), ds["jurisdictions"],
                                            ds["sources"], "en")
    text = [fig.layout.title.text] + [a.text for a in fig.layout.annotations] + [y for tr in fig.data for y in tr.y]
    text += [t for tr in fig.data for t in tr.text] + [tr.name for tr in fig.data]
    assert not [s for s in text if any("\u4e00" <= ch <= "\u9fff" for ch in s)]
    # labels wrap to the chart's width: compare them as read, line breaks as spaces
    assert "Drug users found (person-times) Pingdingshan · so far this year (2019)" in flat(fig.data[4].y, " ")


def test_enforcement_keeps_the_largest_when_too_many(ds):
    fig = figure_charts.enforcement_figures(ds["figures"], ds["jurisdictions"], ds["sources"], "en", limit=3)
    cases = sorted(v for tr in fig.data if tr.xaxis == "x" for v in tr.x)
    assert cases == [340, 427, 1588]  # yz-fig-042 427, hy-fig-001 340, yz-fig-007 1588
    assert "3 largest per panel shown" in flat([fig.layout.title.text], " ")[0]


def test_changes_pingdingshan_2019(ds):
    fig = figure_charts.changes(filters.view(ds, "figures", Filter(PDS)), ds["jurisdictions"], ds["sources"], "zh")
    assert plotted(fig) == [[2.33, 20.32, 29.79, 42.86, 170.34]]
    assert list(fig.data[0].text) == ["+2.33%", "+20.32%", "+29.79%", "+42.86%", "+170.34%"]
    assert all("同比" in y and "今年以来" in y for y in flat(fig.data[0].y))


def test_outflow_yongzhou(ds):
    fig = figure_charts.outflow_trends(filters.view(ds, "figures", Filter(YZ)), ds["jurisdictions"],
                                       ds["sources"], "zh")
    assert plotted(fig) == [[3, 105], [-75.4, -64.3]]  # Ningyuan 2021前5个月 3, 2015 105; Qiyang, Yongzhou
    assert list(fig.data[0].y) == ["外流贩毒人数<br>宁远县 · 2021年前5个月", "外流贩毒人数<br>宁远县 · 2015年"]
    assert "较文中所述年份" in flat(fig.data[1].y)[0] and "同比" in flat(fig.data[1].y)[1]


def test_outflow_hengyang_ranking(ds):
    fig = figure_charts.outflow_trends(filters.view(ds, "figures", Filter(HY)), ds["jurisdictions"],
                                       ds["sources"], "en")
    assert plotted(fig) == [[120, 133], [9, 1, 1]]  # hy-fig-012 120+, hyx-fig-001 133; hyx ranks 9, 1, 1
    assert list(fig.data[1].text) == ["No. 9", "No. 1", "No. 1"]
    assert list(fig.data[0].text) == ["120+ people", "133 people"]


def test_outflow_one_county_shows_only_that_county(ds):
    fig = figure_charts.outflow_trends(filters.view(ds, "figures", Filter(YZ, NINGYUAN)), ds["jurisdictions"],
                                       ds["sources"], "en")
    assert plotted(fig) == [[3, 105]]
    assert all("Ningyuan County · " in y for y in flat(fig.data[0].y, " "))


def test_seizure_charts_with_drug_filter(ds):
    meth = Filter(drugs=("methamphetamine",))
    seizures = filters.view(ds, "seizures", meth)
    totals = record_charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], "zh")
    assert plotted(totals) == [[30, 30]]  # yz-sz-002 (2018年至今) and yz-sz-004 (2018年8月14日), apart
    ranked = record_charts.cases_ranked(seizures, ds["cases"], ds["sources"], "zh")
    assert sorted(plotted(ranked)[0]) == [2.1, 2.5, 10, 26]  # xn-sz-002, hy-sz-002, pds-sz-003, pds-sz-002


def test_demo_chart_for_one_county(ds):
    fig = record_charts.demo_by_category(filters.view(ds, "demo_sites", Filter(YZ, ("431122",))), ds["jurisdictions"],
                                  ds["sources"], "en")
    assert {tr.name: list(tr.x) for tr in fig.data} == {"Education centres": [1.0], "Units": [17.0]}
    assert all(not tr.showlegend for tr in fig.data)  # the category is in each bar's label


def test_chinese_axis_uses_wan():
    vals, text = figure_charts.nice_ticks(30000, "zh")
    assert "2万" in text and "20,000" in figure_charts.nice_ticks(30000, "en")[1]


def test_markup_in_figure_labels_and_quotes_is_escaped():
    ds = data.load_dataset()
    figures = ds["figures"].assign(label_zh="<b>x</b>", quote="<img src=x onerror=alert(1)>")
    places = ds["jurisdictions"].assign(name_zh="<i>地</i>")
    for fig in (figure_charts.enforcement_figures(figures, places, ds["sources"], "zh"),
                figure_charts.changes(figures, places, ds["sources"], "zh"),
                figure_charts.outflow_trends(figures, places, ds["sources"], "zh")):
        labels = [str(y) for trace in fig.data for y in trace.y]
        assert labels and all(y.startswith("&lt;b&gt;x&lt;/b&gt;<br>&lt;i&gt;地&lt;/i&gt;") for y in labels)
        hover = repr([trace.customdata for trace in fig.data])
        assert "<img" not in hover and "&lt;img" in hover
        assert all("<i>" not in (trace.name or "") for trace in fig.data)
