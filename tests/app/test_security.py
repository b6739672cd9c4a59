"""Sign-in throttling, idle sign-out and the audit trail of sign-ins and user changes, under AppTest."""
import time

import pytest

from geo.auth import accounts, audit
from tests.app.test_data_admin import open_page, sign_in, texts


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty data directory for the audit log (the app reads data/), and a users file with an admin."""
    data = tmp_path / "audit-data"
    users = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_USERS", str(users))
    accounts.add_user("ada", "admin", "admin-pass", users)
    monkeypatch.setattr(audit, "default_log", lambda: audit.JsonlAuditLog(data / ".audit"))
    return data, users


def audit_table(at):
    """The admin's audit table (AppTest finds dataframes by position only): the one with an "action" column."""
    return next(d.value for d in at.dataframe if "action" in d.value.columns)


def actions() -> list[tuple[str, str, str]]:
    return [(e.action, e.user, e.target) for e in audit.default_log().events()]


def test_failed_sign_ins_lock_the_name_and_say_nothing_about_it(env):
    at = open_page()
    for _ in range(4):
        sign_in(at, "ada", "wrong-pass")
        assert "用户名或密码不正确" in texts(at.sidebar.error)
    sign_in(at, "ada", "wrong-pass")
    assert "登录尝试次数过多" in texts(at.sidebar.error)
    sign_in(at, "ada", "admin-pass")  # the right password is refused while locked
    assert "登录尝试次数过多" in texts(at.sidebar.error) and "已登录" not in texts(at.sidebar.caption)
    at = sign_in(open_page(), "ghost", "wrong-pass")  # an unknown name gets the same message as a wrong password
    assert "用户名或密码不正确" in texts(at.sidebar.error)
    assert actions() == [("sign_in_failed", "ada", "")] * 4 + [("lockout", "ada", ""), ("sign_in_locked", "ada", ""),
                                                                ("sign_in_failed", "ghost", "")]
    assert audit.default_log().events()[4].details["until"].endswith("Z")


def test_sign_in_out_and_user_changes_are_audited_and_shown_to_the_admin(env):
    at = sign_in(open_page(), "ada", "admin-pass")
    at.text_input(key="users_add_name").input("sam")
    at.selectbox(key="users_add_role").set_value("staff")
    at.text_input(key="users_add_password").input("staff-pass")
    at.button(key="FormSubmitter:users_add-保存").click().run()
    at.selectbox(key="users_edit_name").set_value("sam")
    at.selectbox(key="users_edit_role").set_value("viewer")
    at.button(key="FormSubmitter:users_edit-保存").click().run()
    at.selectbox(key="users_remove_name").set_value("sam")
    at.button(key="FormSubmitter:users_remove-删除").click().run()
    assert not at.exception, at.exception
    assert set(accounts.load()) == {"ada"}
    assert actions() == [("sign_in", "ada", ""), ("user_added", "ada", "sam"), ("user_changed", "ada", "sam"),
                         ("user_removed", "ada", "sam")]
    shown = audit_table(at)
    assert list(shown["action"]) == ["删除用户", "修改用户", "添加用户", "登录"]  # newest first
    assert set(shown["role"]) == {"admin"}
    at.multiselect(key="audit_actions").set_value(["sign_in"]).run()
    assert list(audit_table(at)["action"]) == ["登录"]
    at.button(key="sign_out").click().run()
    assert actions()[-1] == ("sign_out", "ada", "") and audit.default_log().events()[-1].details == {
        "reason": "button"}


def test_a_staff_member_sees_no_audit_log(env):
    _, users = env
    accounts.add_user("sam", "staff", "staff-pass", users)
    at = sign_in(open_page(), "sam", "staff-pass")
    assert [t.label for t in at.tabs] == ["上传更新", "历史与恢复", "新增报告", "修改记录"]


def test_an_idle_session_is_signed_out_before_the_page_shows_anything(env):
    at = sign_in(open_page(), "ada", "admin-pass")
    assert "审计日志" in [t.label for t in at.tabs]
    at.session_state["auth_last_seen"] = time.time() - 31 * 60  # AUTH_IDLE_MINUTES is 30
    at.run()
    assert not at.tabs and "30 分钟无操作，已自动退出登录" in texts(at.sidebar.info)
    assert at.text_input(key="sign_in_user") is not None
    assert actions()[-1] == ("sign_out", "ada", "") and audit.default_log().events()[-1].details == {
        "reason": "idle"}


def test_a_removed_user_is_signed_out_at_the_next_rerun(env):
    _, users = env
    accounts.add_user("sam", "staff", "staff-pass", users)
    at = sign_in(open_page(), "sam", "staff-pass")
    assert at.tabs
    accounts.remove_user("sam", users)
    at.run()
    assert not at.tabs and "只有工作人员" in texts(at.info)
