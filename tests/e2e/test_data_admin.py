"""Staff updates in Chromium: upload → diff → confirm → history → restore, in opt-in open access and signed in."""
import csv
import io
import json
import shutil

import pytest

from geo.auth import accounts
from tests.conftest import DATA, FAILURES
from tests.e2e.test_browser import open_page, poll

pytestmark = pytest.mark.e2e
TABLE_FILE = "checkpoints.csv"


@pytest.fixture(scope="module")
def site(app_for, tmp_path_factory):
    """One server over a private data copy; its users file is created by the tests that need sign-in."""
    root = tmp_path_factory.mktemp("admin")
    data = root / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("_extract", "notes"))
    users = root / "users.toml"
    # open access is opt-in: without it and with no users the data page only says how to create the first admin
    return {"url": app_for(data, users, {"DASHBOARD_OPEN_ACCESS": "staff"}), "data": data, "users": users}


def replacement(text: str) -> bytes:
    """The checkpoints file with one note changed, the last row removed and a copy of a row added, in GB18030."""
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0])
    rows[0]["note"] = "浏览器测试修改"
    removed = rows.pop()
    added = {**rows[1], "checkpoint_id": "e2e-added-01"}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows + [added])
    assert removed["checkpoint_id"] != added["checkpoint_id"]
    return buf.getvalue().encode("gb18030")


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"] "
                           "[data-testid*=\"Running\"]')", timeout=60_000)


TABS = ["上传更新", "历史与恢复"]  # the data page's tabs whose first selectbox is the table


def choose(page, box_index: int, option: str) -> None:
    """Pick the table of the upload tab (0) or the history tab (1), opening that tab first if another one is open."""
    tab = page.get_by_role("tab", name=TABS[box_index], exact=True)
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
        wait_idle(page)
    # the only visible table box is the open tab's (the other tabs' widgets are in the page, hidden)
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]:visible').filter(has_text="数据表").first
    try:
        box.click()
    except Exception:
        FAILURES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(FAILURES / f"choose-{TABS[box_index]}.png"), full_page=True)
        raise
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def csv_uploader(page):
    """The table upload's file input (the 新增报告 tab has its own uploader, for reports)."""
    return page.locator('input[data-testid="stFileUploaderDropzoneInput"][accept*=".csv"]')


def upload_and_confirm(page, data, note: str) -> None:
    choose(page, 0, TABLE_FILE)
    original = (data / TABLE_FILE).read_text(encoding="utf-8")
    csv_uploader(page).set_input_files(
        files=[{"name": TABLE_FILE, "mimeType": "text/csv", "buffer": replacement(original)}])
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=60_000)
    wait_idle(page)
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values == ["1", "1", "1"]  # added, changed, removed
    assert (data / TABLE_FILE).read_text(encoding="utf-8") == original  # nothing written before confirming
    page.get_by_label("修改说明").first.fill(note)
    page.get_by_label("修改说明").first.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="确认保存").click()
    page.get_by_text("已保存 checkpoints.csv").wait_for(timeout=60_000)


def log(data):
    path = data / ".history" / "log.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_open_mode_upload_diff_confirm_history_restore(page, site):
    data = site["data"]
    site["users"].unlink(missing_ok=True)
    original = (data / TABLE_FILE).read_bytes()
    open_page(page, site["url"], "data")
    assert "未启用登录" in page.locator('[data-testid="stSidebar"]').inner_text()
    upload_and_confirm(page, data, "e2e edit")
    current = (data / TABLE_FILE).read_bytes().decode("utf-8")  # GB18030 upload stored as UTF-8
    assert "浏览器测试修改" in current and "e2e-added-01" in current
    entries = log(data)
    assert [(e["action"], e["note"], e["added"], e["changed"], e["removed"]) for e in entries] == [
        ("update", "e2e edit", 1, 1, 1)]
    assert (data / ".history" / entries[0]["previous"]).read_bytes() == original

    page.get_by_role("tab", name="历史与恢复").click()
    choose(page, 1, TABLE_FILE)
    page.get_by_role("button", name="恢复此版本").click()
    page.get_by_text("已恢复 checkpoints.csv").wait_for(timeout=60_000)
    # the upload's own message may still be on screen: wait for the restore itself to be logged
    poll(lambda: [e["action"] for e in log(data)][-1:] == ["restore"], page, 60)
    assert (data / TABLE_FILE).read_bytes() == original
    entries = log(data)
    assert [e["action"] for e in entries] == ["update", "restore"]
    kept = sorted((data / ".history" / "checkpoints").glob("*.csv"))
    assert len(kept) == 2 and "浏览器测试修改" in (data / ".history" / entries[1]["previous"]).read_text("utf-8")
    assert page.locator('[data-testid="stException"]').count() == 0


def sign_in(page, name: str, password: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("用户名").fill(name)
    sidebar.get_by_label("密码").fill(password)
    sidebar.get_by_role("button", name="登录", exact=True).click()
    sidebar.get_by_text(f"已登录：{name}").wait_for(timeout=60_000)
    wait_idle(page)


def test_with_sign_in_viewer_cannot_upload_and_staff_can(page, site):
    data = site["data"]
    accounts.add_user("vic", "viewer", "viewer-pass", site["users"])
    accounts.add_user("sam", "staff", "staff-pass", site["users"])
    try:
        open_page(page, site["url"], "data")
        page.get_by_text("只有工作人员和管理员登录后才能维护数据").wait_for(timeout=60_000)
        sign_in(page, "vic", "viewer-pass")
        page.get_by_text("只有工作人员和管理员登录后才能维护数据").wait_for(timeout=60_000)
        assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
        sign_out = page.locator('[data-testid="stSidebar"]').get_by_role("button", name="退出登录")
        sign_out.click()
        sign_out.wait_for(state="detached", timeout=60_000)  # the signed-in box is gone, not just re-running
        wait_idle(page)
        sign_in(page, "sam", "staff-pass")
        before = len(log(data))
        upload_and_confirm(page, data, "by staff")
        assert log(data)[before:][0]["user"] == "sam"
    finally:
        site["users"].unlink(missing_ok=True)
