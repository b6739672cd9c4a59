"""Press tables opened by real clients: openpyxl reads numeric cells, the frozen header, column widths and the
sources sheet; the CSV reads back as numbers; text that looks like a formula stays text."""
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.data import load as data
from geo.exports import press as export
from geo.exports import tables as press_tables


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


@pytest.fixture(scope="module")
def seizures(ds):
    return press_tables.seizure_table(ds["seizures"], ds["jurisdictions"], ds["cases"], ds["sources"], "zh")


def test_quantities_are_numbers_with_the_unit_in_the_header_and_qualifiers_apart(ds, seizures):
    assert {"数量（公斤）", "数量（克）", "数量（粒）", "限定词"} <= set(seizures.columns)
    assert seizures["数量（公斤）"].dtype == float and 74.7 in set(seizures["数量（公斤）"])
    plus = ds["seizures"]["qualifier"].eq("plus").to_numpy()
    assert set(seizures.loc[plus, "限定词"]) == {"以上"} and set(seizures.loc[~plus, "限定词"]) == {""}
    # each row fills the column of its own unit only: nothing is converted or added
    kg = ds["seizures"]["unit"].eq("kg").to_numpy()
    assert seizures.loc[~kg, "数量（公斤）"].isna().all()
    back = pd.read_csv(io.BytesIO(export.csv_bytes(seizures)), encoding="utf-8-sig")
    assert back["数量（公斤）"].dtype == float


def test_english_headers_and_figures_table(ds):
    table = press_tables.figure_table(ds["figures"], ds["jurisdictions"], ds["sources"], "en")
    assert "Value (cases)" in table.columns and "Change (%)" in table.columns and "Qualifier" in table.columns
    assert table["Value (cases)"].dtype == float and 1588.0 in set(table["Value (cases)"])


def test_xlsx_has_numeric_cells_frozen_header_widths_and_a_sources_sheet(ds, seizures):
    book = load_workbook(io.BytesIO(export.xlsx_bytes({"永州市_缴获毒品": seizures}, ds["sources"], "zh")))
    assert book.sheetnames == ["永州市_缴获毒品", "来源"]
    sheet = book["永州市_缴获毒品"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    col = header.index("数量（公斤）") + 1
    values = [sheet.cell(row=r, column=col) for r in range(2, sheet.max_row + 1)]
    filled = [c for c in values if c.value not in (None, "")]
    assert len(filled) == seizures["数量（公斤）"].notna().sum() and 74.7 in {c.value for c in filled}
    assert all(c.data_type == "n" for c in filled)
    letter = sheet.cell(row=1, column=header.index("原文") + 1).column_letter
    assert sheet.column_dimensions[letter].width == 60  # a quote column: wide, capped
    assert sheet.column_dimensions["A"].width >= 8
    sources = book["来源"]
    assert [c.value for c in sources[1]] == ["名称", "发布单位", "日期"] and sources.freeze_panes == "A2"
    cells = {str(c.value) for row in sources.iter_rows() for c in row}
    assert "2017-07-11" in cells
    assert not any(note in cells for note in ds["sources"]["note"].dropna())  # curator notes stay inside


def test_text_that_looks_like_a_formula_stays_text():
    """A hostile quote (a test text written here, not data) is neither run by Excel nor by LibreOffice."""
    frame = pd.DataFrame({"原文": ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "正常"], "数量（公斤）": [-1.5, 2.0, None]})
    csv = export.csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "'@SUM" in csv and "-1.5" in csv
    raw = export.xlsx_bytes({"t": frame}, pd.DataFrame(), "en")
    sheet = load_workbook(io.BytesIO(raw))["t"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == frame["原文"][0]  # a string cell, as written
    assert sheet["B2"].data_type == "n" and sheet["B2"].value == -1.5
    xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
