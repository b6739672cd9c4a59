"""新增报告 under AppTest, as staff: every hostile file of tests/hostile_corpus.py uploaded in turn is refused with one
Chinese sentence naming the file and the reason, adds an audit event, and writes nothing else; a good upload after
them still gives its proposals."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests import hostile_corpus
from tests.app.test_pages import run
from tests.unit.intake.test_hostile import REASONS

PAGE = "pages/data.py"
REASONS_ZH = {
    "zip_bomb": "解压后超过200 MB", "false_sizes": "部件word/document.xml的实际大小与压缩包记录不符",
    "billion_laughs": "部件word/document.xml含有DOCTYPE声明", "xxe": "部件word/document.xml含有DOCTYPE声明",
    "deep_nesting": "嵌套过深", "flate_bomb": "解压后超过200 MB", "page_cycle": "页面目录中有循环引用",
    "xobject_loop": "页面中的图形对象循环引用自身", "million_pages": "页数超过500页", "junk": "内容不是PDF文件",
    "junk_docx": "内容不是DOCX文件", "gzip_html": "内容是gzip压缩数据，不是网页文本", "big_attribute": "单个标签超过1024 KB",
    "random_txt": "不是UTF-8或GB18030编码的文本",
}
assert set(REASONS_ZH) == set(REASONS)


@pytest.fixture
def env(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_USERS", str(tmp_path / "users.toml"))  # absent: sign-in off
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")  # anyone is staff on this trusted machine
    return data_copy


def files(folder: Path) -> dict[str, str]:
    """Every file of the data folder but the audit log, with its hash."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".audit" not in p.parts}


def upload(at, path: Path):
    at.file_uploader(key="intake_upload_0").set_value((path.name, path.read_bytes(), "application/octet-stream"))
    at.button(key="intake_propose").click().run()
    assert not at.exception, at.exception
    return at


def test_every_hostile_upload_is_refused_audited_and_writes_nothing(env, tmp_path):
    corpus = hostile_corpus.build(tmp_path / "hostile")
    at = run(PAGE)
    before = files(env)  # after the first load, which keeps a copy of the valid data in .last_valid
    for builder, path in corpus.items():
        upload(at, path)
        shown = [e.value.replace("\\", "") for e in at.error]  # the file's name is escaped for Markdown
        assert shown == [f"{path.name}：文件过大或结构异常，已拒绝（{REASONS_ZH[builder]}）。"]
        assert not at.info  # no proposals
    assert files(env) == before
    events = [json.loads(line) for line in (env / ".audit" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["action"], e["target"], e["role"]) for e in events][:len(corpus)] == [
        ("intake_refused", p.name, "staff") for p in corpus.values()]
    assert events[0]["details"]["reason"] == "refuse_inflated" and events[0]["details"]["mb"] == "200"

    odd = tmp_path / "[点我](javascript:alert(1))*.txt"
    odd.write_bytes(b"\x00" * 100)
    upload(at, odd)
    assert at.error[0].value.startswith("\\[点我\\]\\(javascript:alert\\(1\\)\\)\\*\\.txt：")  # shown as written

    good = tmp_path / "good.txt"
    good.write_text("2024年5月20日\n今年以来，郴州市共破获毒品案件37起。", encoding="utf-8")  # written for this test
    upload(at, good)
    assert not at.error and "1 条建议记录" in "\n".join(i.value for i in at.info)
