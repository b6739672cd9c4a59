"""Report intake in Chromium: a staff user pastes a report (written for this test), accepts its proposals, sees the
new figure on the overview with its quote, and restoring the previous figures.csv removes it again."""

import pytest

from geo.auth import accounts
from tests.conftest import copy_data
from tests.e2e.test_browser import open_page, poll
from tests.e2e.test_data_admin import choose, log, sign_in, wait_idle

pytestmark = pytest.mark.e2e
QUOTE = "郴州市共破获毒品案件37起"
REPORT = f"2024年5月20日\n\n今年以来，{QUOTE}，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤。"
TILE = f'.kf-tile[title="{QUOTE}"]'


@pytest.fixture(scope="module")
def site(app_for, tmp_path_factory):
    root = tmp_path_factory.mktemp("intake")
    data = root / "data"
    copy_data(data)
    users = root / "users.toml"
    accounts.add_user("sam", "staff", "staff-pass", users)
    return {"url": app_for(data, users), "data": data}


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page)


def test_staff_adds_a_report_and_restore_takes_it_away(page, site):
    data = site["data"]
    open_page(page, site["url"], "data")
    sign_in(page, "sam", "staff-pass")
    page.get_by_role("tab", name="新增报告").click()
    box = page.get_by_label("或粘贴报告全文")
    box.fill(REPORT)
    box.press("Control+Enter")
    wait_idle(page)
    click(page, "识别数据")
    page.get_by_text("识别出 3 条建议记录").wait_for(timeout=60_000)
    assert page.get_by_text("文件日期取自正文").count() == 1
    mark = page.locator(".intake-text mark").first
    assert QUOTE in mark.inner_text()  # the quote is highlighted in the escaped report text
    click(page, "校验并预览差异")
    page.get_by_role("button", name="确认保存").last.wait_for(timeout=60_000)
    assert (data / "figures.csv").read_text(encoding="utf-8").count(QUOTE) == 0  # nothing written yet
    page.get_by_role("button", name="确认保存").last.click()
    page.get_by_text("已保存报告").wait_for(timeout=60_000)
    assert (data / "figures.csv").read_text(encoding="utf-8").count(QUOTE) == 1
    assert {e["table"] for e in log(data)} == {"figures", "seizures", "sources"}

    open_page(page, site["url"], "overview")
    page.locator(TILE).wait_for(timeout=60_000)
    assert "37" in page.locator(TILE).inner_text()
    assert page.get_by_text("郴州市", exact=True).count() >= 1  # the new city's tile group

    open_page(page, site["url"], "data")  # a new page load keeps the sign-in (the session cookie)
    page.locator('[data-testid="stSidebar"]').get_by_text("已登录：sam").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("tab", name="历史与恢复").click()
    choose(page, 1, "figures.csv")
    page.get_by_role("button", name="恢复此版本").wait_for(timeout=60_000)  # the kept version and its difference
    wait_idle(page)
    click(page, "恢复此版本")
    assert poll(lambda: [(e["action"], e["table"]) for e in log(data)][-1:] == [("restore", "figures")], page, 180)
    page.get_by_text("已恢复 figures.csv").wait_for(timeout=120_000)  # a restore says restored, not saved
    assert (data / "figures.csv").read_text(encoding="utf-8").count(QUOTE) == 0
    open_page(page, site["url"], "overview")
    assert page.locator(TILE).count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
