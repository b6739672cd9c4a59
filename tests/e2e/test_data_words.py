"""The data page as signed-in staff see it, in Chromium, in Chinese and English: no table key, metric key or adcode
in the visible text of any tab (upload, history, a report under review, the record editor), and none of
Streamlit's own English uploader words in the Chinese view. The report text was WRITTEN FOR THIS TEST."""

import pytest

from geo.auth import accounts
from tests.conftest import copy_data
from tests.e2e.test_browser import open_page
from tests.e2e.test_data_admin import sign_in, wait_idle
from tests.e2e.test_screens import raw_keys

pytestmark = pytest.mark.e2e
REPORT = "2024年5月20日\n\n今年以来，郴州市共破获12起毒品案件，抓获犯罪嫌疑人21名，缴获冰毒2.6公斤，在107国道设卡。"
STREAMLIT_WORDS = ("Drag and drop", "Browse files", "per file", "Upload")
TABS = {"zh": ("上传更新", "历史与恢复", "新增报告", "修改记录"), "en": ("Upload", "History and restore",
                                                              "Add a report", "Correct records")}


@pytest.fixture(scope="module")
def site(app_for, tmp_path_factory):
    root = tmp_path_factory.mktemp("words")
    data = root / "data"
    copy_data(data)
    users = root / "users.toml"
    accounts.add_user("sam", "staff", "staff-pass", users)
    return {"url": app_for(data, users), "data": data}


def visible_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def tabs_text(page, lang: str) -> dict[str, str]:
    """The visible text of each tab; the report is proposed on the intake tab if it is not under review yet."""
    seen = {}
    for tab in TABS[lang]:
        page.get_by_role("tab", name=tab, exact=True).click()
        wait_idle(page)
        if tab == "新增报告":
            box = page.get_by_label("或粘贴报告全文")
            box.fill(REPORT)
            box.press("Control+Enter")
            wait_idle(page)
            page.get_by_role("button", name="识别数据", exact=True).click()
            page.locator(".intake-text mark").first.wait_for(timeout=60_000)
            wait_idle(page)
        seen[tab] = visible_text(page)
    return seen


def test_no_raw_key_on_the_data_page_for_staff(page, site):
    open_page(page, site["url"], "data")
    sign_in(page, "sam", "staff-pass")
    seen = {"zh": tabs_text(page, "zh")}
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()  # same session, same review
    page.get_by_role("tab", name="Upload", exact=True).wait_for(timeout=60_000)
    wait_idle(page)
    seen["en"] = tabs_text(page, "en")
    for lang, texts in seen.items():
        pattern = raw_keys(lang)
        assert {tab: sorted(set(pattern.findall(text)))[:8] for tab, text in texts.items()
                if pattern.search(text)} == {}, lang
    assert not [w for w in STREAMLIT_WORDS if any(w in text for text in seen["zh"].values())]
    assert "把文件拖到上面的框内" in seen["zh"]["上传更新"]
    assert "未成为建议记录的数字" in seen["zh"]["新增报告"]  # 107
    assert "Numbers that became no proposal" in seen["en"]["Add a report"]
    assert page.locator('[data-testid="stException"]').count() == 0
