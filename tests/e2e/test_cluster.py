"""Two replicas behind nginx (geo/deploy, as scripts/run_cluster.sh starts them), driven by real Chromium.

Stickiness, a save on one replica seen on the other, a report added through intake on one replica shown with its
text on the other, simultaneous saves, a download served only by its own replica, the sign-in lockout on both, the
security headers and a replica killed mid-session (a signed-in editor stays signed in on the other and saves). Every test runs
twice: on the shared PostgreSQL (run_cluster.sh's default) and on a shared data folder (--data-folder). The
failover test kills replica r1, so it runs last in each.
"""
import csv
import gzip
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import streamlit

from geo.auth import accounts
from geo.data.tablestore import FileStore
from geo.data.validate import validate_dir
from geo.db import engine as db_engine
from geo.db import transfer
from geo.db.store import DbStore
from geo.db.users import DbUserStore
from geo.deploy import cluster
from tests.conftest import DATA
from tests.e2e.conftest import free_port
from tests.e2e.test_browser import IDLE, MAP_FRAME, PAINTED, map_frame, open_page, poll
from tests.e2e.test_data_admin import choose, csv_uploader, replacement, sign_in, wait_idle

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import pg_local  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
COOKIE = "dash_replica"
STREAMLIT_JS = sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("index.*.js"))


@pytest.fixture(scope="module", params=["database", "folder"])
def site(request, tmp_path_factory):
    """A private data copy served by two replicas behind nginx on free ports, through a throwaway PostgreSQL
    (the data imported into it) or straight from the folder; everything is stopped afterwards."""
    root = tmp_path_factory.mktemp("cluster")
    data = root / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("_extract", "notes"))
    users = root / "users.toml"
    env = {"DASHBOARD_DATA_DIR": str(data), "DASHBOARD_USERS": str(users),
           "DASHBOARD_OPEN_ACCESS": "staff", "DASHBOARD_EXPORT_PREWARM": "0"}
    run_dir, pg_dir = root / "run", Path(tempfile.mkdtemp(prefix="cluster-pg-", dir="/tmp"))  # postgres reaches /tmp
    database = request.param == "database"
    state = cluster.start(run_dir, 2, free_port(), ports=[free_port(), free_port()], env=env,
                          secret_file=root / "cookie_secret", pg_dir=pg_dir, use_database=database)
    url = pg_local.url(pg_dir, "dashboard") if database else None
    try:
        yield {"url": f"http://127.0.0.1:{state['port']}", "data": data, "run": run_dir, "state": state,
               "users": users, "store": DbStore(url) if database else FileStore(data), "db_url": url,
               "tmp": root}
    finally:
        if url:
            db_engine.dispose(url)
        cluster.stop(run_dir)
        shutil.rmtree(pg_dir, ignore_errors=True)


def log(site) -> list:
    """The history of saves, from where this deployment keeps it."""
    return site["store"].log()


def current(site, name: str) -> str:
    return site["store"].read_current(name.removesuffix(".csv"))


def problems(site) -> list:
    """Validation problems of the stored data (the database is exported to a folder first)."""
    if not site["db_url"]:
        return validate_dir(site["data"])[1]
    out = Path(tempfile.mkdtemp(dir=site["tmp"]))
    transfer.export_dir(site["db_url"], out)
    return validate_dir(out)[1]


def pinned(browser, site, replica: str):
    """A page whose browser carries the stickiness cookie of one replica, recording every request it makes."""
    from tests.e2e.conftest import Requests

    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    context.add_cookies([{"name": COOKIE, "value": replica, "url": site["url"]}])
    requests = Requests()
    context.route("**/*", requests.handle)
    page = context.new_page()
    page.set_default_timeout(120_000)  # a replica's first run reads the whole dataset; CI machines are shared
    page.requests = requests
    page.csp = []
    page.on("console", lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None)
    return page


def replica_of(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)


def fetch(url: str, headers: dict[str, str] | None = None):
    """(status, headers, body) of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_security_headers_gzip_and_caching_at_the_proxy(site):
    status, headers, _ = fetch(site["url"] + "/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert "http:" not in csp and "https:" not in csp and "*" not in csp  # no other origin allowed
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # HSTS only when TLS is on (tests/unit/deploy)
    assert headers["Set-Cookie"].startswith(f"{COOKIE}=r") and "HttpOnly" in headers["Set-Cookie"]
    assert headers["Server"] == "nginx"  # no version
    status, headers, body = fetch(f"{site['url']}/static/js/{STREAMLIT_JS[0].name}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == STREAMLIT_JS[0].read_bytes()
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    status, headers, _ = fetch(site["url"] + "/app/static/vendor/leaflet/leaflet.js")
    assert status == 200 and headers["Content-Type"] == "application/javascript"  # runs under nosniff


def test_pages_work_under_the_policy_and_nothing_leaves_the_machine(browser, site):
    page = pinned(browser, site, "r0")
    try:
        for path in ("overview", "seizures"):
            open_page(page, site["url"], path)
            map_frame(page).wait_for_function(f"({PAINTED})() > 200", timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)  # plotly draws under the policy
        assert page.csp == [] and page.requests.external == [] and replica_of(page) == "r0"
        assert page.locator(MAP_FRAME).count() == 1
    finally:
        page.context.close()


def seizure_csv(page, tmp_path) -> list[dict]:
    """Download the seizures table as CSV from the page; its rows."""
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="下载 CSV").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    page.download_url = info.value.url
    return list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))


def test_a_download_link_works_only_on_the_replica_that_made_it(browser, site, tmp_path):
    page = pinned(browser, site, "r0")
    try:
        open_page(page, site["url"], "seizures")
        assert seizure_csv(page, tmp_path) and "/media/" in page.download_url
        own, _, body = fetch(page.download_url, {"Cookie": f"{COOKIE}=r0"})
        other, _, _ = fetch(page.download_url, {"Cookie": f"{COOKIE}=r1"})
        assert own == 200 and body.decode("utf-8-sig").count("\n") > 1
        assert other == 404  # Streamlit's media files live in one process: the cookie keeps the browser there
        assert replica_of(page) == "r0" and page.requests.external == []
    finally:
        page.context.close()


def preview(page, table: str, content: bytes, note: str) -> None:
    """Upload a replacement on the data page, wait for its difference, type the note."""
    choose(page, 0, table)
    csv_uploader(page).set_input_files(
        files=[{"name": table, "mimeType": "text/csv", "buffer": content}])
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_label("修改说明").first.fill(note)
    page.get_by_label("修改说明").first.press("Enter")
    wait_idle(page)


def without_last_row(text: str) -> bytes:
    return "".join(text.splitlines(keepends=True)[:-1]).encode("utf-8")


def without_last_case(text: str) -> bytes:
    """The seizures table without every row of the case of its last row (xn-sz-006 and xn-sz-007 share one)."""
    rows = [r for r in csv.reader(io.StringIO(text)) if r]
    col = rows[0].index("case_id")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([rows[0]] + [r for r in rows[1:] if r[col] != rows[-1][col]])
    return buf.getvalue().encode("utf-8")


def with_note(text: str, note: str) -> bytes:
    """The table with the note of its first row changed."""
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["note"] = note
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def chart_text(page) -> str:
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    return "\n".join(page.locator(".js-plotly-plot").all_text_contents())


def test_a_save_through_replica_a_shows_on_replica_b_at_its_next_rerun(browser, site):
    b = pinned(browser, site, "r1")
    a = pinned(browser, site, "r0")
    try:
        open_page(b, site["url"], "seizures")
        assert "2021.1.29" in chart_text(b)  # the case of the last seizure row, charted by case
        open_page(a, site["url"], "data")
        preview(a, "seizures.csv", without_last_case(current(site, "seizures.csv")), "removed on r0")
        a.get_by_role("button", name="确认保存").click()
        a.get_by_text("已保存 seizures.csv").wait_for(timeout=60_000)
        b.locator('[data-testid="stSidebar"]').get_by_role("button", name="清除筛选").click()  # a rerun on B
        b.wait_for_function(IDLE, timeout=60_000)
        assert poll(lambda: "2021.1.29" not in chart_text(b), b, 30)
        assert (replica_of(a), replica_of(b)) == ("r0", "r1")  # each stayed on its replica
        assert a.requests.external == [] and b.requests.external == []
    finally:
        a.context.close()
        b.context.close()


def test_simultaneous_saves_from_both_replicas_are_serialised(browser, site):
    store = site["store"]
    originals = {name: current(site, name) for name in ("checkpoints.csv", "figures.csv")}
    a, b = pinned(browser, site, "r0"), pinned(browser, site, "r1")
    try:
        for page in (a, b):
            open_page(page, site["url"], "data")
        preview(a, "checkpoints.csv", replacement(originals["checkpoints.csv"]), "simultaneous a")
        preview(b, "figures.csv", with_note(originals["figures.csv"], "并发保存测试"), "simultaneous b")
        before = len(log(site))
        a.get_by_role("button", name="确认保存").click()  # both clicks sent before either save is done
        b.get_by_role("button", name="确认保存").click()
        a.get_by_text("已保存 checkpoints.csv").wait_for(timeout=60_000)
        b.get_by_text("已保存 figures.csv").wait_for(timeout=60_000)
        entries = log(site)[before:]
        assert sorted((e.table, e.note) for e in entries) == [
            ("checkpoints", "simultaneous a"), ("figures", "simultaneous b")]
        for entry in entries:  # each save whole, and the version it replaced kept whole
            assert store.current_sha(entry.table) == entry.sha256
            assert store.read_version(entry.previous) == originals[f"{entry.table}.csv"]
        assert "浏览器测试修改" in current(site, "checkpoints.csv") and "并发保存测试" in current(site, "figures.csv")
        assert problems(site) == []
        assert (replica_of(a), replica_of(b)) == ("r0", "r1")
    finally:
        a.context.close()
        b.context.close()


REPORT = "2024年5月20日\n\n今年以来，郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤。"  # made up for the test


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page)


def test_a_report_saved_through_replica_a_shows_on_replica_b(browser, site):
    a, b = pinned(browser, site, "r0"), pinned(browser, site, "r1")
    try:
        open_page(a, site["url"], "data")
        a.get_by_role("tab", name="新增报告").click()
        box = a.get_by_label("或粘贴报告全文")
        box.fill(REPORT)
        box.press("Control+Enter")
        wait_idle(a)
        click(a, "识别数据")
        a.get_by_text("识别出 3 条建议记录").wait_for(timeout=60_000)
        click(a, "校验并预览差异")
        a.get_by_role("button", name="确认保存").last.wait_for(timeout=60_000)
        wait_idle(a)
        a.get_by_role("button", name="确认保存").last.click()
        a.get_by_text("已保存报告").wait_for(timeout=60_000)
        assert sorted(e.table for e in log(site)[-3:]) == ["figures", "seizures", "sources"]
        open_page(b, site["url"], "sources")  # the report's text, read by the other replica from the store
        b.get_by_text("2024年5月20日", exact=True).first.click()
        b.get_by_text("抓获犯罪嫌疑人41名").first.wait_for(timeout=60_000)
        assert (replica_of(a), replica_of(b)) == ("r0", "r1") and problems(site) == []
    finally:
        a.context.close()
        b.context.close()


def user_store(site) -> accounts.FileUserStore | DbUserStore:
    """Where this deployment's replicas read users and failed sign-ins: the database, or the users file."""
    return DbUserStore(site["db_url"]) if site["db_url"] else accounts.FileUserStore(site["users"])


def test_the_sign_in_lockout_holds_on_the_other_replica(browser, site):
    record = user_store(site)
    record.add_user("lee", "staff", "right-password-1")
    a, b = pinned(browser, site, "r0"), pinned(browser, site, "r1")
    try:
        open_page(a, site["url"], "overview")
        sidebar = a.locator('[data-testid="stSidebar"]')
        for n in range(1, auth_failures() + 1):
            sidebar.get_by_label("用户名").fill("lee")
            sidebar.get_by_label("密码").fill("wrong-password")
            sidebar.get_by_role("button", name="登录", exact=True).click()
            assert poll(lambda n=n: len(record.attempts("lee").failures) >= n or record.attempts("lee").locked_until,
                        a, 60)  # this attempt was counted before the next is typed
            wait_idle(a)
        assert accounts.is_locked(record.attempts("lee"), time.time())  # locked through replica r0
        open_page(b, site["url"], "overview")  # the right password, on the other replica
        sidebar = b.locator('[data-testid="stSidebar"]')
        sidebar.get_by_label("用户名").fill("lee")
        sidebar.get_by_label("密码").fill("right-password-1")
        sidebar.get_by_role("button", name="登录", exact=True).click()
        sidebar.get_by_text("登录尝试次数过多").wait_for(timeout=60_000)
        assert "已登录" not in sidebar.inner_text() and replica_of(b) == "r1"
        record.add_user("kim", "staff", "kims-password-1")
        sign_in(b, "kim", "kims-password-1")  # a user added while the replicas run signs in on either
        assert replica_of(a) == "r0"
    finally:
        a.context.close()
        b.context.close()
        for name in record.users():
            record.remove_user(name)
        site["users"].unlink(missing_ok=True)
        for extra in site["users"].parent.glob("users.*"):
            extra.unlink()


def auth_failures() -> int:
    from geo import settings

    return settings.AUTH_MAX_FAILURES


def wait_down(run_dir, name: str, seconds: float = 20) -> None:
    """Until the active checker has taken the replica out of rotation."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        path = run_dir / "health.json"
        if path.exists() and name in json.loads(path.read_text())["down"]:
            return
        time.sleep(0.2)
    raise AssertionError(f"{name} was not taken out of rotation within {seconds} s")


def test_a_replica_killed_mid_session_and_the_session_goes_on_after_a_reload(browser, site):
    url = site["url"]
    user_store(site).add_user("sam", "staff", "sams-password-1")
    viewer, editor = pinned(browser, site, "r1"), pinned(browser, site, "r1")
    try:
        open_page(viewer, url, "seizures", "?city=431100&county=431102")
        open_page(editor, url, "data")
        sign_in(editor, "sam", "sams-password-1")  # on r1, which is killed below
        before_text, before = current(site, "checkpoints.csv"), len(log(site))
        preview(editor, "checkpoints.csv", with_note(before_text, "故障切换测试"), "failover")
        editor.get_by_role("button", name="确认保存").click()
        os.kill(next(r["pid"] for r in site["state"]["replicas"] if r["name"] == "r1"), signal.SIGKILL)
        wait_down(site["run"], "r1")
        entries = log(site)[before:]  # the save completed before the failure, or it never happened
        if entries:
            assert [e.note for e in entries] == ["failover"]
            assert site["store"].current_sha("checkpoints") == entries[0].sha256
            assert "故障切换测试" in current(site, "checkpoints.csv")
        else:
            assert current(site, "checkpoints.csv") == before_text
        assert problems(site) == []

        viewer.reload()
        viewer.wait_for_selector("h1", timeout=60_000)
        viewer.wait_for_function(IDLE, timeout=60_000)
        assert "county=431102" in viewer.url
        sidebar = viewer.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("零陵区").first.wait_for(timeout=30_000)  # the filter came back from the URL
        viewer.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        assert viewer.locator('[data-testid="stException"]').count() == 0
        assert replica_of(viewer) == "r0" and viewer.requests.external == []
        open_page(editor, url, "data")  # and the editor carries on, now on r0, still signed in
        editor.locator('[data-testid="stSidebar"]').get_by_text("已登录：sam").wait_for(timeout=60_000)
        assert replica_of(editor) == "r0" and "dash_session" not in editor.url
        preview(editor, "checkpoints.csv", with_note(current(site, "checkpoints.csv"), "故障切换之后"), "on r0")
        editor.get_by_role("button", name="确认保存").click()
        editor.get_by_text("已保存 checkpoints.csv").wait_for(timeout=60_000)
        assert [(e.user, e.note) for e in log(site)][-1] == ("sam", "on r0")
    finally:
        viewer.context.close()
        editor.context.close()
