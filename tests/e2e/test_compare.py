"""In Chromium: the 城市对比 / Compare page shows 破获毒品案件 for the four cities, each with its period as written."""
import pytest

from tests.e2e.test_browser import open_page

pytestmark = pytest.mark.e2e


def chart_text(page) -> str:
    page.wait_for_selector(".js-plotly-plot .main-svg .ytick", timeout=60_000)
    return page.locator(".js-plotly-plot").first.inner_text()


def test_compare_drug_cases_in_chinese(page, app_url):
    open_page(page, app_url, "compare", "")
    text = chart_text(page)
    assert "城市对比：破获毒品案件" in text
    for place_period in ("衡阳市 · 时期未注明", "永州市 · 近年来", "零陵区 · 2018年至今", "平顶山市 · 今年以来",
                         "平顶山市 · 2011-10-01起"):
        assert place_period in text, place_period
    assert "未报告此项：咸宁市" in text and "不可排名比较" in text
    assert "340起" in text and "1,588起" in text and "52起" in text
    assert page.requests.external == []


def test_compare_drug_cases_in_english(page, app_url):
    open_page(page, app_url, "compare", "?lang=en")
    text = chart_text(page)
    assert "Compare: Drug cases solved" in text
    for place_period in ("Hengyang · period not stated", "Yongzhou · in recent years",
                         "Lingling District · 2018 to date", "Pingdingshan · so far this year (2019)"):
        assert place_period in text, place_period
    assert "Not reported: Xianning" in text and "cannot be ranked" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text.split("Source")[0])
