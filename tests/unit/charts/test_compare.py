"""The comparison view: one bar per figure of an indicator, cities in order, periods as written, never ranked."""
import pytest

from geo.charts import compare
from geo.data import filters
from geo.data import load as data
from geo.data.filters import Filter


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


ALL = Filter()


def view(ds, indicator, flt=ALL):
    return compare.compare_view(filters.view(ds, "figures", flt), flt, indicator)


def test_drug_cases_of_the_four_cities_in_city_order_not_value_order(ds):
    rows, missing = view(ds, "drug_cases")
    assert rows["figure_id"].tolist() == ["hy-fig-001", "yz-fig-007", "yz-fig-039", "pds-fig-001", "pds-fig-008"]
    assert missing == ["421200"]  # Xianning reports target cases only (xn-fig-006, xn-fig-009)
    fig = compare.chart(ds, rows, missing, "drug_cases", "zh")
    labels = [y for bar in fig.data for y in bar.y]
    labels = [y.replace("<br>", "") for y in labels]  # labels wrap to the chart's width
    assert labels[0] == "衡阳市 · 时期未注明破获毒品案件 · 《治安先治毒 查毒无禁区》"
    assert "永州市 · 近年来侦破毒品刑事案件 · 《健全毒品治理体系 筑牢全民禁毒防线》" in labels
    assert "平顶山市 · 今年以来破获毒品犯罪案件 · 《打赢禁毒之战 守护鹰城平安》" in labels
    assert [b.name for b in fig.data] == ["衡阳市", "永州市", "平顶山市"]
    texts = [x for bar in fig.data for x in bar.text]
    assert texts[0] == "340起" and "50+起" in texts  # the value alone, at the end of its bar
    title = fig.layout.title.text
    assert "城市对比：破获毒品案件" in title and "不可相加，也不可排名比较" in title and "未报告此项：咸宁市" in title


def test_english_chart_has_no_chinese_outside_quotes(ds):
    rows, missing = view(ds, "drug_cases")
    fig = compare.chart(ds, rows, missing, "drug_cases", "en")
    shown = [fig.layout.title.text] + [y for b in fig.data for y in b.y] + [x for b in fig.data for x in b.text]
    assert not [s for s in shown if any("\u4e00" <= ch <= "\u9fff" for ch in s)]
    assert "Not reported: Xianning" in fig.layout.title.text
    labels = [y.replace("<br>", " ") for b in fig.data for y in b.y]  # labels wrap to the chart's width
    assert any(x.startswith("Pingdingshan · so far this year (2019) Drug criminal cases solved") for x in labels)


def test_same_period_is_said_and_different_periods_are_flagged(ds):
    rows, _ = view(ds, "community_rehab")  # 零陵 2018年至今 and 平顶山 今年以来
    assert compare.periods_differ(rows)
    rows, _ = view(ds, "criminal_detentions", Filter(("410400",)))
    assert len(rows) == 1 and not compare.periods_differ(rows)
    fig = compare.chart(ds, rows, [], "criminal_detentions", "zh")
    assert "各条数据时期相同" in fig.layout.title.text


def test_change_only_figure_shows_its_change(ds):
    rows, _ = view(ds, "outflow_traffickers", Filter(("431100",)))
    table = compare.table(ds, rows, "zh")
    assert "−75.4% (较文中所述年份)" in table["数值"].tolist() and "105人" in table["数值"].tolist()
    assert set(table["时期"]) >= {"2015年", "2021年前5个月", "2020年"}


def test_county_filter_keeps_county_figures_only(ds):
    rows, missing = view(ds, "drug_cases", Filter(("431100",), ("431102",)))
    assert rows["figure_id"].tolist() == ["yz-fig-039"] and missing == []


def test_markup_in_data_is_escaped(ds):
    figures = ds["figures"].copy()
    figures.loc[figures["figure_id"] == "hy-fig-001", "label_zh"] = "<b>x</b>"
    rows, missing = compare.compare_view(figures, Filter(), "drug_cases")
    fig = compare.chart(ds, rows, missing, "drug_cases", "zh")
    assert "&lt;b&gt;x&lt;/b&gt;" in fig.data[0].y[0]


def test_available_lists_vocabulary_order(ds):
    found = compare.available(ds["figures"])
    assert found[:3] == ["drug_cases", "target_cases", "suspects_arrested"]
