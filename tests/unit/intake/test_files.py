"""`python -m geo.intake propose` on every supported file type (each file made here by the test), and every
kind of bad input refused with a clear message and nothing written."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo import backend
from geo.auth import audit

from geo import settings
from geo.intake.__main__ import main
from geo.intake.source import IntakeError, read_path
from tests.conftest import ROOT

TEXT = "2023年4月2日\n\n今年以来，衡阳市共破获毒品案件46起，抓获犯罪嫌疑人58名，缴获冰毒1.2公斤。"
FIGURES = [46, 58, 1.2]
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """Run the command line in this process (the same main() as `python -m geo.intake`); the refusals it audits go
    to a log of the test's own."""
    log = tmp_path.parent / f"{tmp_path.name}-audit"  # beside the test's folder, which some tests list
    monkeypatch.setattr(backend, "audit_log", lambda: audit.JsonlAuditLog(log))

    def run(*args: str) -> Run:
        code = main(["propose", *args])
        out = capsys.readouterr()
        return Run(code, out.out, out.err)
    return run


@pytest.mark.slow
def test_python_dash_m(tmp_path):
    """The real command, as a separate process."""
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "geo.intake", "propose", str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert [r["value"] for r in json.loads(run.stdout)["records"]] == FIGURES
    assert "document date 2023-04-02 taken from the text" in run.stderr


def values(cli, path: Path, *extra: str) -> list:
    run = cli(str(path), "--format", "json", *extra)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert set(result) == {"source", "records"}
    return [r["value"] for r in result["records"]]


def make_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with a text layer, drawn by matplotlib's PDF backend in Noto Sans CJK (Type 42 fonts keep
    the characters extractable)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    matplotlib.rcParams["pdf.fonttype"] = 42
    font = font_manager.FontProperties(fname=CJK_FONT)
    fig = pyplot.figure(figsize=(8.27, 11.69))
    for i, line in enumerate(lines):
        fig.text(0.05, 0.95 - i * 0.04, line, fontproperties=font, fontsize=11)
    fig.savefig(path, format="pdf")
    pyplot.close(fig)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_txt_in_each_encoding(cli, tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding=encoding)
    assert values(cli, path) == FIGURES


def test_html_article_without_menus(cli, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>禁毒</title></head><body>"
        "<nav><a href='/'>首页</a> | <a href='/n'>新闻中心</a> | 热线电话12345个</nav>"
        f"<article><h1>衡阳禁毒工作</h1><p>{TEXT.splitlines()[0]}</p><p>{TEXT.splitlines()[-1]}</p>"
        "<p>下一步，全市将继续深化禁毒人民战争，巩固禁毒工作成果，保持严打高压态势。</p></article>"
        "<footer>版权所有 联系我们 广告服务</footer></body></html>", encoding="utf-8")
    assert values(cli, path) == FIGURES


def test_docx(cli, tmp_path):
    import docx

    document = docx.Document()
    for line in TEXT.split("\n\n"):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    assert values(cli, path) == FIGURES


@pytest.mark.slow
def test_pdf_with_text_layer(cli, tmp_path):
    path = tmp_path / "report.pdf"
    make_pdf(path, ["2023年4月2日", "今年以来，衡阳市共破获毒品案件46起，", "抓获犯罪嫌疑人58名，缴获冰毒1.2公斤。"])
    assert values(cli, path) == FIGURES


def test_traditional_text_keeps_its_quotes(cli, tmp_path):
    path = tmp_path / "big5ish.txt"
    path.write_text("今年以來，衡陽市共破獲毒品案件46起，繳獲海洛因2.5公斤。", encoding="utf-8")
    run = cli(str(path), "--date", "2023-05-01", "--format", "json")
    records = json.loads(run.stdout)["records"]
    assert [r["quote"] for r in records] == ["衡陽市共破獲毒品案件46起", "繳獲海洛因2.5公斤"]
    assert [r["drug"] for r in records] == [None, "heroin"]
    assert records[0]["period_start"] == "2023-01-01" and records[0]["adcode"] == "430400"


def test_table_format_and_default_place(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("全市共破获毒品案件12起。", encoding="utf-8")
    run = cli(str(path), "--place", "431100", "--date", "2021-06-25", "--format", "table")
    assert run.returncode == 0
    header, row = run.stdout.strip().splitlines()
    assert header.startswith("table\tindicator") and "\t431100\t永州市\t" in row


def refused(cli, path: Path, *extra: str) -> str:
    before = sorted(p.name for p in path.parent.iterdir())
    run = cli(str(path), *extra)
    assert run.returncode == 2 and run.stdout == ""
    assert sorted(p.name for p in path.parent.iterdir()) == before  # nothing written
    return run.stderr


def test_empty_file(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty.txt: the file is empty" in refused(cli, path)


def test_scanned_pdf_without_text(cli, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    fig = pyplot.figure()
    fig.figimage([[0.0, 1.0], [1.0, 0.0]], resize=False)  # an image only, as a scanner makes
    path = tmp_path / "scan.pdf"
    fig.savefig(path, format="pdf")
    pyplot.close(fig)
    assert "scan.pdf: a scanned PDF without a text layer" in refused(cli, path)


def test_oversize_file(cli, tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 10, encoding="utf-8")
    monkeypatch.setattr(settings, "INTAKE_MAX_BYTES", 100)
    with pytest.raises(IntakeError, match="over the limit of 100 bytes"):
        read_path(path)
    assert "over the limit of 100 bytes" in refused(cli, path)


def test_unsupported_type(cli, tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04")
    assert "unsupported file type “.xlsx”; expected one of .txt, .html, .htm, .docx, .pdf" in refused(cli, path)


def test_text_without_figures(cli, tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("全市上下要进一步提高认识，压实责任，坚决打赢禁毒人民战争。", encoding="utf-8")
    assert "words.txt: no figures found" in refused(cli, path)


def test_unknown_place(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert "--place 999999: not an adcode in jurisdictions.csv" in refused(cli, path, "--place", "999999")


def test_damaged_docx(cli, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip file at all")
    assert "broken.docx: refused as too large or malformed (its bytes are not a DOCX file)" in refused(cli, path)
