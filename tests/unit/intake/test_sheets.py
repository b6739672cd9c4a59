"""The review spreadsheet opened and saved again by a real spreadsheet program (LibreOffice Calc, as staff use
Excel or WPS): the proposals, the report's text and the staff's edits come back, and nothing became a formula.
The report is written for this test (made-up figures)."""
from __future__ import annotations

import shutil
import subprocess
import zipfile

import openpyxl

from geo.intake import sheets

TEXT = "今年以来，某市共破获毒品案件12起。" * 2000  # longer than one cell holds, made up for this test


def test_a_spreadsheet_saved_by_libreoffice_reads_back_with_the_staff_edits(tmp_path):
    records = [{"table": "figures", "quote": "某市共破获毒品案件12起", "value": 12, "unit": "case", "adcode": "431000"},
               {"table": "figures", "quote": "-12起", "value": 1, "unit": "case", "label_zh": "=HYPERLINK(\"x\")"}]
    sheets.to_xlsx([sheets.Report("r.txt", TEXT, {"file": "r.txt"}, records)], tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    wb["figures"]["E2"] = 13  # a reviewer's correction
    wb["figures"]["A3"] = "否"  # and a refusal
    wb.save(tmp_path / "p.xlsx")
    out = tmp_path / "lo"
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(tmp_path / "p.xlsx")], check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(out / "p.xlsx") as z:  # no cell of any sheet is a formula
        assert not any("<f>" in z.read(n).decode() or "<f " in z.read(n).decode()
                       for n in z.namelist() if n.startswith("xl/worksheets/"))
    reports, problems = sheets.from_xlsx(out / "p.xlsx")
    assert problems == [] and reports[0].text == TEXT
    first, second = reports[0].records
    assert (first["value"], first["adcode"], first.get("accept", True)) == (13, "431000", True)
    assert (second["accept"], second["label_zh"], second["quote"]) == (False, "=HYPERLINK(\"x\")", "-12起")
