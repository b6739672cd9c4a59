"""Secure by default, in Chromium against real servers: the read-only default, sign-in lockout across browsers and
restarts, idle sign-out, the audit trail an admin reads, and refused uploads."""
import csv
import io
import json
from datetime import datetime

import pytest

from geo.auth import accounts
from tests.conftest import copy_data, read_csv, write_csv
from tests.e2e.conftest import serve
from tests.e2e.test_browser import map_frame, open_page, poll
from tests.e2e.test_data_admin import choose, csv_uploader, replacement, wait_idle

pytestmark = pytest.mark.e2e
PAGES = ["overview", "enforcement", "checkpoints", "routes", "seizures", "demo_sites", "sources", "briefing", "data"]
SECRET_CHECKPOINT, PUBLIC_CHECKPOINT = "衡阳驻云南缉毒工作站", "衡阳驻广东缉毒工作站"  # hy-cp-02 internal, hy-cp-01 not
SECRET_SEIZURE, PUBLIC_SEIZURE = "缴获毒品143公斤", "缴获冰毒2.5公斤"  # quotes of hy-sz-001 (internal) and hy-sz-002
EDIT_CONTROLS = ['[data-testid="stFileUploader"]', '[data-testid="stFileUploaderDropzoneInput"]']
EDIT_BUTTONS = ["确认保存", "恢复此版本", "保存", "删除"]


def mark_internal(data) -> None:
    """One checkpoint and one seizure become internal records."""
    for table, ident in (("checkpoints", "hy-cp-02"), ("seizures", "hy-sz-001")):
        header, rows = read_csv(data / f"{table}.csv")
        for row in rows:
            row["visibility"] = "internal" if row[header[0]] == ident else ""
        write_csv(data / f"{table}.csv", header + ["visibility"] * ("visibility" not in header), rows)


@pytest.fixture(scope="module")
def sites(app_for, tmp_path_factory):
    """A data copy with internal records; one server with no users (the default), one with users and short lock
    settings, and (started by the tests that need them) the environment for more servers over the same files."""
    root = tmp_path_factory.mktemp("security")
    data = root / "data"
    copy_data(data)
    mark_internal(data)
    users = root / "users.toml"
    accounts.add_user("ada", "admin", "admin-pass", users)
    accounts.add_user("sam", "staff", "staff-pass", users)
    accounts.add_user("lee", "staff", "staff-pass", users)  # the one the lockout test locks
    env = {"DASHBOARD_DATA_DIR": str(data), "DASHBOARD_USERS": str(users),
           "DASHBOARD_AUTH_LOCKOUT_MINUTES": str(LOCKOUT_SECONDS / 60), "DASHBOARD_UPLOAD_MAX_ROWS": "1000"}
    return {"anonymous": app_for(data, root / "no-users.toml"), "signed": app_for(data, users, env), "env": env,
            "data": data, "users": users}


def everything_shown(page) -> str:
    """The HTML of the page and of every frame in it (maps are iframes whose popups are in their source)."""
    return "\n".join(frame.content() for frame in page.frames)


def mentions(html: str, text: str) -> bool:
    """The text as it is, or as the map's script writes it (JSON \\u escapes)."""
    return text in html or json.dumps(text)[1:-1] in html


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_gets_no_edit_control_and_no_internal_record(page, sites, path):
    open_page(page, sites["anonymous"], path)
    wait_idle(page)
    assert "只读" in page.locator('[data-testid="stSidebar"]').inner_text()
    for selector in EDIT_CONTROLS:
        assert page.locator(selector).count() == 0, selector
    for name in EDIT_BUTTONS:
        assert page.get_by_role("button", name=name, exact=True).count() == 0, name
    assert page.get_by_role("tab", name="用户管理").count() == 0
    if path in ("overview", "checkpoints"):
        map_frame(page)  # drawn, so its popups are in the page
    html = everything_shown(page)
    assert not mentions(html, SECRET_CHECKPOINT)
    if path != "sources":  # the Sources page shows the (public) source documents in full, this sentence too
        assert not mentions(html, SECRET_SEIZURE)
    if path == "checkpoints":
        assert mentions(html, PUBLIC_CHECKPOINT)  # the map does name the public checkpoint
    if path == "data":
        page.get_by_text("geo.auth add NAME --role admin").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_anonymous_table_export_holds_public_records_only(page, sites, tmp_path):
    open_page(page, sites["anonymous"], "seizures")
    text = download(page, "下载 CSV", tmp_path).read_text(encoding="utf-8-sig")
    assert PUBLIC_SEIZURE in text and SECRET_SEIZURE not in text
    export = [e for e in audit_lines(sites["data"]) if e["action"] == "export"][-1]
    assert export["user"] == "" and export["details"]["kind"] == "table_csv"
    assert export["details"]["internal"] is False


def audit_lines(data) -> list[dict]:
    path = data / ".audit" / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


LOCKOUT_SECONDS = 45  # long enough to try the locked name three times on a busy machine, short enough to wait out
ANSWERS = {"sign_in": "已登录：", "sign_in_failed": "用户名或密码不正确", "lockout": "登录尝试次数过多",
           "sign_in_locked": "登录尝试次数过多"}


def attempt(page, name: str, password: str, data) -> str:
    """Submit the sign-in form; the attempt's audit action (sign_in, sign_in_failed, lockout, sign_in_locked),
    once the sidebar shows what it says for it."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    before = len(audit_lines(data))
    sidebar.get_by_label("用户名").fill(name)
    sidebar.get_by_label("密码").fill(password)
    sidebar.get_by_role("button", name="登录", exact=True).click()
    assert poll(lambda: len(audit_lines(data)) > before, page, 60)
    action = audit_lines(data)[before]["action"]
    sidebar.get_by_text(ANSWERS[action]).first.wait_for(timeout=60_000)
    wait_idle(page)
    return action


@pytest.mark.slow
def test_five_failures_lock_the_name_for_every_browser_and_across_a_restart(page, browser, sites):
    """The lock holds in another browser and in a new app process (both ready before the lock starts, so only
    the attempts run within LOCKOUT_SECONDS), then passes; attempts meanwhile do not extend it."""
    url = sites["signed"]
    other = browser.new_context(locale="zh-CN").new_page()  # a second browser: no shared session
    try:
        with serve(sites["env"]) as restarted:  # a new app process over the same users file
            open_page(page, url, "data")
            open_page(other, restarted, "data")
            answers = [attempt(page, "lee", "wrong-pass", sites["data"]) for _ in range(5)]
            assert answers == ["sign_in_failed"] * 4 + ["lockout"]
            assert attempt(page, "lee", "staff-pass", sites["data"]) == "sign_in_locked"  # the right password
            assert attempt(other, "lee", "staff-pass", sites["data"]) == "sign_in_locked"
            for _ in range(60):  # until the lock passes: attempts meanwhile do not count
                answer = attempt(other, "lee", "staff-pass", sites["data"])
                if answer != "sign_in_locked":
                    break
                other.wait_for_timeout(1000)
            assert answer == "sign_in"
            other.locator('[data-testid="stSidebar"]').get_by_text("已登录：lee").wait_for(timeout=60_000)
    finally:
        other.context.close()
    lee = [e for e in audit_lines(sites["data"]) if e["user"] == "lee"]
    actions = [e["action"] for e in lee]
    assert actions[:7] == ["sign_in_failed"] * 4 + ["lockout"] + ["sign_in_locked"] * 2
    assert actions[-1] == "sign_in"
    held = datetime.fromisoformat(lee[-1]["time"]) - datetime.fromisoformat(lee[4]["time"])
    assert held.total_seconds() >= LOCKOUT_SECONDS - 1  # not let in before the lock's time


def sign_in(page, name: str, password: str, data) -> None:
    assert attempt(page, name, password, data) == "sign_in"


def go(page, title: str) -> None:
    """Another page through the sidebar's navigation: the same session (a new URL would start a new one)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    page.locator("h1", has_text=title).wait_for(timeout=60_000)
    wait_idle(page)


def download(page, label: str, tmp_path):
    """Click a download button once the page has finished its run (a button of a run in progress is replaced)."""
    wait_idle(page)
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name=label).click(timeout=90_000)
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def upload(page, name: str, mime: str, data: bytes) -> None:
    wait_idle(page)
    csv_uploader(page).set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}], timeout=120_000)


def test_mistyped_and_oversized_uploads_are_refused_with_their_messages(page, sites):
    data = sites["data"]
    before = (data / "checkpoints.csv").read_bytes()
    open_page(page, sites["signed"], "data")
    sign_in(page, "sam", "staff-pass", data)
    page.get_by_role("tab", name="上传更新").wait_for(timeout=60_000)
    choose(page, 0, "checkpoints.csv")
    upload(page, "checkpoints.csv", "text/csv", b"PK\x03\x04" + b"\x00" * 200)  # an Excel workbook renamed .csv
    page.get_by_text("checkpoints.csv：文件名是 CSV，但内容是 XLSX/ZIP").wait_for(timeout=60_000)
    rows = before.decode("utf-8").splitlines()
    too_many = "\n".join(rows + [rows[1]] * 1200).encode("utf-8")  # 1,206 rows, over the limit of 1,000
    upload(page, "checkpoints.csv", "text/csv", too_many)
    page.get_by_text("checkpoints.csv：超过 1000 行的上限").wait_for(timeout=60_000)
    upload(page, "checkpoints.csv", "text/csv", b"a,b\n" + b"x" * (21 * 1024 * 1024))  # over maxUploadSize
    page.get_by_text("20.0MB").first.wait_for(timeout=60_000)
    assert (data / "checkpoints.csv").read_bytes() == before
    assert page.locator('[data-testid="stMetricValue"]').count() == 0  # no difference shown: nothing was read


@pytest.mark.slow
def test_save_restore_export_and_sign_out_are_audited_and_the_admin_sees_them(page, sites, tmp_path):
    data = sites["data"]
    open_page(page, sites["signed"], "data")
    sign_in(page, "ada", "admin-pass", data)
    page.get_by_role("tab", name="上传更新").wait_for(timeout=60_000)
    choose(page, 0, "checkpoints.csv")
    upload(page, "../../checkpoints.csv", "text/csv", replacement((data / "checkpoints.csv").read_text("utf-8")))
    page.get_by_role("button", name="确认保存").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="确认保存").click()
    assert poll(lambda: audit_lines(data)[-1]["action"] == "save", page, 60)
    assert not (data.parent.parent / "checkpoints.csv").exists()  # the uploaded name never became a path
    page.get_by_role("tab", name="历史与恢复").click()
    choose(page, 1, "checkpoints.csv")
    page.get_by_role("button", name="恢复此版本").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="恢复此版本").click()
    assert poll(lambda: audit_lines(data)[-1]["action"] == "restore", page, 60)
    page.get_by_text("已恢复 checkpoints.csv").wait_for(timeout=60_000)
    go(page, "缴获毒品")
    download(page, "下载 CSV", tmp_path)
    mine = [e for e in audit_lines(data) if e["user"] == "ada"]
    assert [e["action"] for e in mine][-4:] == ["sign_in", "save", "restore", "export"]
    save, restore, export = mine[-3:]
    assert save["target"] == "checkpoints" and (save["details"]["added"], save["details"]["changed"],
                                               save["details"]["removed"]) == (1, 1, 1)
    assert restore["details"]["restored_from"] and restore["details"]["version"]
    assert export["details"]["internal"] is False and export["role"] == "admin"
    assert all(e["client"] for e in mine) and all(e["time"].endswith("Z") for e in mine), mine

    go(page, "数据维护")
    page.get_by_role("tab", name="审计日志").click()
    wait_idle(page)
    page.get_by_text("条（最新在前）").wait_for(timeout=60_000)
    shown = download(page, "下载审计日志 CSV", tmp_path).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(shown)))
    assert [(r["user"], r["action"]) for r in rows if r["user"] == "ada"][-4:] == [
        ("ada", "sign_in"), ("ada", "save"), ("ada", "restore"), ("ada", "export")]
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="退出登录").click()
    sidebar.get_by_label("用户名").wait_for(timeout=60_000)
    last = audit_lines(data)[-1]
    assert (last["action"], last["user"], last["details"]) == ("sign_out", "ada", {"reason": "button"})


@pytest.mark.slow
def test_an_idle_session_is_signed_out_without_any_interaction(page, sites):
    env = {**sites["env"], "DASHBOARD_AUTH_IDLE_MINUTES": "0.1"}  # 6 seconds
    with serve(env) as url:
        open_page(page, url, "checkpoints")
        sign_in(page, "ada", "admin-pass", sites["data"])
        map_frame(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("分钟无操作，已自动退出登录").wait_for(timeout=60_000)  # nobody touched the page
        assert sidebar.get_by_label("用户名").count() == 1
        wait_idle(page)
        # back to the public view: the map's frame takes the new drawing a moment after the page is idle
        assert poll(lambda: not mentions(everything_shown(page), SECRET_CHECKPOINT), page, 30)
    last = [e for e in audit_lines(sites["data"]) if e["action"] == "sign_out"][-1]
    assert (last["user"], last["details"]) == ("ada", {"reason": "idle"})
