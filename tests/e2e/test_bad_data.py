"""In real Chromium: a data file broken after a valid load leaves the app up on the last valid data, with a
banner naming the file, line and column."""

import pytest

from tests.conftest import copy_data
from tests.e2e.test_browser import MAP_FRAME, open_page
from tests.unit.data.broken import edit_row

pytestmark = pytest.mark.e2e

ALERT = '[data-testid="stAlert"]'
OPEN_ACCESS = "未启用登录"  # the notice shown on every page in opt-in open access
READ_ONLY = "只读："  # the notice shown on every page while no users are configured (the default)


def banners(page):
    """Alerts other than the open-access and read-only notices."""
    return page.locator(ALERT).filter(has_not_text=OPEN_ACCESS).filter(has_not_text=READ_ONLY)
TABLES = '[data-testid="stDataFrame"]'


def key_figure_340(page) -> None:
    """Wait for the key-figure tiles and the 340 cases solved of hy-fig-001 in one of them."""
    page.locator(".kf-value", has_text="340起").first.wait_for(timeout=60_000)


def test_broken_file_keeps_the_app_up_with_a_banner(page, app_on, tmp_path):
    data_dir = tmp_path / "data"
    copy_data(data_dir)
    url = app_on(data_dir)
    open_page(page, url, "overview")
    key_figure_340(page)
    assert banners(page).count() == 0

    line = edit_row(data_dir / "figures.csv", "hy-fig-001", value="34O")
    open_page(page, url, "overview")
    banner = banners(page).first
    banner.wait_for(timeout=30_000)
    text = banner.inner_text()
    assert "figures.csv" in text and f"第{line}行" in text and "列“value”" in text and "值“34O”" in text
    assert "最近一次有效的数据" in text
    key_figure_340(page)  # still the last valid value, not the broken "34O"
    assert page.locator('[data-testid="stException"]').count() == 0
    page.locator(TABLES).first.wait_for(state="attached", timeout=60_000)  # the problem table (in an expander)
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=60_000)  # the map component is still there

    open_page(page, url, "seizures")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert "figures.csv" in banners(page).first.inner_text()
    assert page.requests.external == []
