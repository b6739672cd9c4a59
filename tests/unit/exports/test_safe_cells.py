"""CSV and XLSX exports of records whose text starts with formula characters open as text in a real spreadsheet
(LibreOffice), numbers stay numbers; download names carry no path, quote or control character and Chinese names
are RFC 5987 encoded in a header. The labels here are written for this test."""
from __future__ import annotations

import subprocess

import openpyxl
import pandas as pd

from geo.exports import press
from geo.exports.safe_cells import content_disposition, csv_cell, download_name

LABELS = ["=1+1", "+2+3", "-3-1", "@SUM(1,1)", "\t=1+1", "\r=1+1", "=HYPERLINK(\"http://x\",\"点击\")", "正常"]
FRAME = pd.DataFrame({"label": LABELS, "value": [-12.5, 3, 0, 1e3, 2, -1, 7, 8],
                      "as_text": ["-12.5", "+3", "1e3", "-x", "", "@", "=", "4"]})


def test_csv_cells():
    assert [csv_cell(v) for v in LABELS] == ["'" + v for v in LABELS[:-1]] + ["正常"]
    assert [csv_cell(v) for v in ("-12.5", "+3", "1e3", -12.5, 3, None)] == ["-12.5", "+3", "1e3", -12.5, 3, None]
    assert [csv_cell(v) for v in ("-x", "@", "=")] == ["'-x", "'@", "'="]


def test_download_names():
    assert download_name("永州市_缴获毒品_2018-2021.png") == "永州市_缴获毒品_2018-2021.png"
    assert download_name("../../etc/passwd") == "etcpasswd"
    assert download_name('a"b\'c\\d/e:f*g?h<i>j|k`.csv') == "abcdefghijk.csv"
    assert download_name("a\r\nContent-Type: text/html\x00.csv") == "a Content-Type texthtml .csv"
    assert download_name("\u202egnp.exe") == "gnp.exe"  # a right-to-left override would show it as exe.png
    assert download_name("...") == "download" and download_name(".hidden.csv") == "hidden.csv"
    long = download_name("长" * 300 + ".xlsx")
    assert len(long) == 150 and long.endswith("长.xlsx")


def test_content_disposition_encodes_chinese_names():
    header = content_disposition('永州市_"缴获"\r\n毒品.png')
    assert header == ("attachment; filename=\"_.png\"; filename*=UTF-8''"
                      "%E6%B0%B8%E5%B7%9E%E5%B8%82_%E7%BC%B4%E8%8E%B7%20%E6%AF%92%E5%93%81.png")
    assert content_disposition("永州.png") == "attachment; filename=\"download.png\"; filename*=UTF-8''%E6%B0%B8%E5%B7%9E.png"
    assert content_disposition("report 1.csv").startswith('attachment; filename="report 1.csv"; ')
    assert header.isascii() and "\r" not in header and "\n" not in header


def test_file_name_of_exports_is_sanitised():
    assert press.file_name("../永州市", "缴获\n毒品", '"2018"', "png") == "永州市_缴获 毒品_2018.png"


def converted(tmp_path, *paths) -> dict[str, openpyxl.Workbook]:
    """Each file opened by LibreOffice (CSV as UTF-8, comma-separated) and saved as XLSX, read back with openpyxl."""
    out = tmp_path / "out"
    for kind in (".csv", ".xlsx"):
        infilter = ["--infilter=CSV:44,34,76,1"] if kind == ".csv" else []
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", *infilter,
                        "--convert-to", "xlsx", "--outdir", str(out), *(str(p) for p in paths if p.suffix == kind)],
                       check=True, capture_output=True, timeout=180)
    return {p.stem: openpyxl.load_workbook(out / f"{p.stem}.xlsx") for p in paths}


def test_exports_open_as_text_in_libreoffice(tmp_path):
    (tmp_path / "table.csv").write_bytes(press.csv_bytes(FRAME))
    (tmp_path / "book.xlsx").write_bytes(press.xlsx_bytes({"figures": FRAME}, pd.DataFrame({"title": ["=2+2"]})))
    (tmp_path / "unsafe.csv").write_bytes(FRAME.to_csv(index=False).encode("utf-8-sig"))  # as exported before
    books = converted(tmp_path, tmp_path / "table.csv", tmp_path / "book.xlsx", tmp_path / "unsafe.csv")
    assert any(c.data_type == "f" for row in books["unsafe"].active.iter_rows() for c in row)  # LibreOffice would
    for name in ("table", "book"):
        sheets = books[name].worksheets
        cells = [c for sheet in sheets for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], name
        column = [row[0].value for row in sheets[0].iter_rows(min_row=2)]
        shown = LABELS if name == "book" else ["'" + v for v in LABELS[:-1]] + ["正常"]
        flat = lambda texts: [str(v).replace("\r", "").replace("\n", "") for v in texts]  # noqa: E731 (CR as LF)
        assert flat(column) == flat(shown), name
        values = [row[1].value for row in sheets[0].iter_rows(min_row=2)]
        assert values == [-12.5, 3, 0, 1000, 2, -1, 7, 8] and isinstance(values[0], float), name
    texts = [row[2].value for row in books["table"].active.iter_rows(min_row=2)]
    assert texts[0] == -12.5 and texts[3] == "'-x"  # a number written as text is still a number in CSV
    assert books["book"]["来源"]["A2"].value == "=2+2" and books["book"]["来源"]["A2"].data_type == "s"
