"""The data maintenance page and sign-in under AppTest: who sees what (uploads themselves are tested in Chromium)."""
import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import accounts
from geo.intake.learned import Entry, FolderLearnedVocab
from tests.app.test_pages import run
from tests.conftest import read_csv, write_csv

PAGE = "pages/data.py"


@pytest.fixture
def env(data_copy, tmp_path, monkeypatch):
    """A private data copy and a users file path (absent until a test adds users)."""
    users = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_USERS", str(users))
    return data_copy, users


def open_page(page: str = PAGE) -> AppTest:
    return run(page)


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_user").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button(key="FormSubmitter:sign_in-登录").click().run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def test_no_users_means_read_only_and_the_page_says_how_to_create_an_admin(env):
    at = open_page()
    assert "只读" in texts(at.sidebar.info) and not at.sidebar.warning
    assert not at.tabs and not at.get("file_uploader") and not at.text_input
    assert "尚未配置用户" in texts(at.info) and "geo.auth add NAME --role admin" in at.code[0].value


def test_open_access_warns_and_lets_anyone_upload(env, monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")  # opt-in, for a trusted single machine
    at = open_page()
    assert "未启用登录" in texts(at.sidebar.warning)
    assert [t.label for t in at.tabs] == ["上传更新", "历史与恢复", "新增报告", "修改记录"]  # no users tab in open mode
    assert at.text_input(key="data_user_name")  # who saved is asked for, since nobody signed in
    assert at.selectbox(key="data_table").options[0] == "sources.csv"


def test_visitor_sees_no_upload_until_signed_in_as_staff(env):
    _, users = env
    accounts.add_user("sam", "staff", "staff-pass", users)
    accounts.add_user("vic", "viewer", "viewer-pass", users)
    at = open_page()
    assert "只有工作人员" in texts(at.info) and not at.tabs
    sign_in(at, "vic", "viewer-pass")
    assert "已登录：vic" in texts(at.sidebar.caption) and not at.tabs
    at = sign_in(open_page(), "sam", "wrong-pass")
    assert "不正确" in texts(at.sidebar.error) and not at.tabs
    at = sign_in(open_page(), "sam", "staff-pass")
    assert [t.label for t in at.tabs] == ["上传更新", "历史与恢复", "新增报告", "修改记录"]  # staff: no user management


def test_admin_adds_a_user_with_a_hashed_password(env):
    _, users = env
    accounts.add_user("ada", "admin", "admin-pass", users)
    at = sign_in(open_page(), "ada", "admin-pass")
    assert [t.label for t in at.tabs][-3:] == ["用户管理", "审计日志", "学习的词汇"]
    at.text_input(key="users_add_name").input("newbie")
    at.selectbox(key="users_add_role").set_value("staff")
    at.text_input(key="users_add_password").input("newbie-pass")
    at.button(key="FormSubmitter:users_add-保存").click().run()
    assert not at.exception, at.exception
    assert "newbie-pass" not in users.read_text(encoding="utf-8")
    assert accounts.verify(accounts.load(users), "newbie", "newbie-pass").role == "staff"


def test_internal_records_hidden_by_default_and_shown_in_open_access(env, monkeypatch):
    data_dir, _ = env
    header, rows = read_csv(data_dir / "checkpoints.csv")
    secret = rows[0]["name_zh"]
    rows[0]["visibility"] = "internal"
    write_csv(data_dir / "checkpoints.csv", header + ["visibility"], rows)
    assert secret not in set(open_page("pages/checkpoints.py").dataframe[0].value.iloc[:, 0])
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")
    assert secret in set(open_page("pages/checkpoints.py").dataframe[0].value.iloc[:, 0])


def test_internal_records_only_for_staff_when_sign_in_is_on(env):
    data_dir, users = env
    header, rows = read_csv(data_dir / "checkpoints.csv")
    secret = rows[0]["name_zh"]
    rows[0]["visibility"] = "internal"
    write_csv(data_dir / "checkpoints.csv", header + ["visibility"], rows)
    accounts.add_user("sam", "staff", "staff-pass", users)
    at = open_page("pages/checkpoints.py")
    assert secret not in set(at.dataframe[0].value.iloc[:, 0])
    at = sign_in(at, "sam", "staff-pass")
    assert secret in set(at.dataframe[0].value.iloc[:, 0])


def test_restore_takes_the_chosen_tables_version_after_the_table_is_changed(env, monkeypatch):
    """One report saves several tables in the same second by the same user, so their kept versions share a label."""
    from geo.data import store

    data, _ = env
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")
    texts_now = {name: (data / f"{name}.csv").read_text(encoding="utf-8") for name in ("figures", "sources")}
    store.save_tables(data, {name: text + "\n" for name, text in texts_now.items()}, "sam", "report")
    at = open_page()
    at.selectbox(key="data_restore_table").select("sources").run()
    assert at.selectbox(key="data_restore_version_sources").value.startswith("sources/")
    at.selectbox(key="data_restore_table").select("figures").run()
    assert at.selectbox(key="data_restore_version_figures").value.startswith("figures/")
    at.button(key="data_restore").click().run()
    assert not at.exception and not at.error, (at.exception, at.error)
    last = store.log(data)[-1]
    assert (last.table, last.action) == ("figures", "restore") and last.restored_from.startswith("figures/")


def test_admin_sees_learned_entries_with_their_conflict_and_removes_one(env):
    data_dir, users = env
    store = FolderLearnedVocab(data_dir)
    store.add([Entry("indicator", "送戒吸毒人员", "compulsory_rehab", "王芳", "2024-03-01T08:00:00+00:00", "送戒吸毒人员45名"),
               Entry("indicator", "刑事拘留涉毒人员", "suspects_arrested", "李强", "2024-03-02T08:00:00+00:00")])
    accounts.add_user("ada", "admin", "admin-pass", users)
    at = sign_in(open_page(), "ada", "admin-pass")
    shown = next(d.value for d in at.dataframe if "词语" in d.value.columns)
    assert shown["词语"].tolist() == ["刑事拘留涉毒人员", "送戒吸毒人员"]
    assert shown["含义"].tolist() == ["抓获犯罪嫌疑人", "强制隔离戒毒"]
    assert shown["内置规则"].tolist() == ["刑事拘留", ""]  # the built-in rule the first one overrides, shown
    assert shown["更正人"].tolist() == ["李强", "王芳"] and shown["日期"].tolist() == ["2024-03-02", "2024-03-01"]
    at.selectbox(key="learned_pick").set_value(store.entries()[1].ident).run()
    at.button(key="learned_remove").click().run()
    assert not at.exception, at.exception
    assert [e.phrase for e in store.entries()] == ["刑事拘留涉毒人员"]
    assert "已删除：送戒吸毒人员" in texts(at.success)


def test_history_is_in_the_users_language(env):
    from geo.data import store

    data_dir, users = env
    text = (data_dir / "checkpoints.csv").read_text(encoding="utf-8")
    store.save(data_dir, "checkpoints", text, "sam", "note")
    store.restore(data_dir, "checkpoints", store.versions(data_dir, "checkpoints")[0], "sam", "back")
    accounts.add_user("sam", "staff", "staff-pass", users)
    at = sign_in(open_page(), "sam", "staff-pass")
    log = next(d.value for d in at.dataframe if "操作" in d.value.columns)
    assert list(log.columns)[:4] == ["时间", "用户", "数据表", "操作"]
    assert log["操作"].tolist() == ["恢复", "保存"] and set(log["数据表"]) == {"checkpoints.csv"}
    assert log["被替换的版本"].str.contains("UTC · sam").all()
