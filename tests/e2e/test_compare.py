"""In Chromium: the 城市对比 / Compare page shows 破获毒品案件 for the four cities, each with its period as written."""
import pytest

from tests.e2e.test_browser import open_page

pytestmark = pytest.mark.e2e


def chart_text(page) -> str:
    page.wait_for_selector(".js-plotly-plot .main-svg .ytick", timeout=60_000)
    # labels wrap to the chart's width (geo.charts.fit), one <tspan> a line: read each label's lines as one text
    texts = page.locator(".js-plotly-plot").first.evaluate(
        "el => [...el.querySelectorAll('text')].map(t => t.querySelectorAll('tspan.line').length"
        " ? [...t.querySelectorAll('tspan.line')].map(s => s.textContent).join(' ') : t.textContent)")
    return "".join(" ".join(texts).split()).replace("\u200b", "")  # compared without spaces: CJK lines break anywhere


def squash(text: str) -> str:
    return "".join(text.split())


def test_compare_drug_cases_in_chinese(page, app_url):
    open_page(page, app_url, "compare", "")
    text = chart_text(page)
    assert squash("城市对比：破获毒品案件") in text
    for place_period in ("衡阳市 · 时期未注明", "永州市 · 近年来", "零陵区 · 2018年至今", "平顶山市 · 今年以来",
                         "平顶山市 · 2011-10-01起"):
        assert squash(place_period) in text, place_period
    assert squash("未报告此项：咸宁市") in text and squash("不可排名比较") in text
    assert squash("340起") in text and squash("1,588起") in text and squash("52起") in text
    assert page.requests.external == []


def test_compare_drug_cases_in_english(page, app_url):
    open_page(page, app_url, "compare", "?lang=en")
    text = chart_text(page)
    assert squash("Compare: Drug cases solved") in text
    for place_period in ("Hengyang · period not stated", "Yongzhou · in recent years",
                         "Lingling District · 2018 to date", "Pingdingshan · so far this year (2019)"):
        assert squash(place_period) in text, place_period
    assert squash("Not reported: Xianning") in text and squash("cannot be ranked") in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text.split("Source")[0])
