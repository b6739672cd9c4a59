"""Proposal sets on disk, for batches and for review in a spreadsheet: JSON, or an .xlsx with one sheet per table
(the quote beside each row, headers staff can read) that opens and saves in Excel and WPS.

A proposal set is a list of `Report`s: the report's file name, its full text, its source fields and every proposal,
each with `accept`. The .xlsx keeps the text, source fields and full proposals in a hidden sheet; the visible
sheets carry what staff may change (accept, values, places, periods, quotes) and are applied on top, as in the
app's review table. Reading never trusts a cell: a formula, a word where a number belongs or an unknown row is a
`SheetProblem` naming the file, sheet and row, column, value and what was expected.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

KIND = "dashboard intake proposals"
DATA_SHEET, README_SHEET = "_data", "说明"
CHUNK = 30_000  # characters per cell of the hidden sheet (Excel's limit is 32,767)
NUMBERS = ("value", "change_value")
# the columns of each table's sheet, in order: the quote sits beside the figures it supports
COLUMNS = ("accept", "report", "n", "quote", "value", "qualifier", "unit", "label_zh", "indicator", "metric", "drug",
           "adcode", "place_zh", "period_start", "period_end", "period_label", "change_value", "change_unit",
           "change_basis", "why")
EDITABLE = tuple(c for c in COLUMNS if c not in ("report", "n", "place_zh", "why"))
LABELS = {"accept": "采用（是/否）", "report": "报告", "n": "序号", "quote": "原文引文", "value": "数值",
          "qualifier": "限定（exact/approx…）", "unit": "单位", "label_zh": "名称", "indicator": "指标",
          "metric": "度量", "drug": "毒品种类", "adcode": "行政区划代码", "place_zh": "地点", "period_start": "期间起",
          "period_end": "期间止", "period_label": "期间（原文）", "change_value": "变化", "change_unit": "变化单位",
          "change_basis": "变化基准", "why": "提出理由"}
WIDTHS = {"accept": 9, "report": 8, "n": 8, "quote": 44, "label_zh": 22, "place_zh": 14, "period_label": 14,
          "why": 36}
YES, NO = ("是", "yes", "y", "true", "1"), ("否", "no", "n", "false", "0", "")
RISKY = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with these could be read as a formula


@dataclass
class Report:
    file: str
    text: str
    source: dict
    records: list[dict] = field(default_factory=list)  # every proposal, each with "accept" (True unless refused)

    def accepted(self) -> list[dict]:
        return [r for r in self.records if r.get("accept", True)]


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong in a proposal set: where (file, sheet and row, or record), what was found and expected."""

    file: str
    where: str
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        col = f", column {self.column}" if self.column else ""
        got = f": value {self.value!r}" if self.value is not None else ""
        return f"{self.file}: {self.where}{col}{got}: expected {self.expected}"


# --- JSON -----------------------------------------------------------------------------------------------------

def to_json(reports: list[Report]) -> str:
    return json.dumps({"kind": KIND, "reports": [r.__dict__ for r in reports]}, ensure_ascii=False, indent=1)


def from_json(path: Path) -> tuple[list[Report], list[SheetProblem]]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return [], [SheetProblem(path.name, "the file", None, None, f"a proposal set in JSON ({err})")]
    if not isinstance(doc, dict) or doc.get("kind") != KIND or not isinstance(doc.get("reports"), list):
        return [], [SheetProblem(path.name, "the file", "kind", None,
                                 f'a proposal set written by python -m geo.intake propose --out ("kind": "{KIND}")')]
    reports, problems = [], []
    for i, raw in enumerate(doc["reports"], start=1):
        try:
            reports.append(Report(str(raw["file"]), str(raw["text"]), dict(raw["source"]),
                                  [dict(r) for r in raw["records"]]))
        except (KeyError, TypeError, ValueError) as err:
            problems.append(SheetProblem(path.name, f"report {i}", None, None, f"file, text, source, records ({err})"))
    return reports, problems


# --- XLSX -----------------------------------------------------------------------------------------------------

def _put(ws, row: int, col: int, value) -> None:
    """A cell that stays what it is: numbers as numbers, every string as text (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        cell.quotePrefix = value.startswith(RISKY)


def to_xlsx(reports: list[Report], path: Path) -> None:
    """One sheet per table with proposals, a readme, and the hidden sheet the save reads the texts from."""
    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = README_SHEET
    for i, line in enumerate(README, start=1):
        _put(readme, i, 1, line)
    readme.column_dimensions["A"].width = 110
    tables: dict[str, list[tuple[int, int, dict]]] = {}
    for ri, report in enumerate(reports, start=1):
        for n, rec in enumerate(report.records):
            tables.setdefault(rec["table"], []).append((ri, n, rec))
    for table, entries in tables.items():
        _table_sheet(wb.create_sheet(table), entries)
    data = wb.create_sheet(DATA_SHEET)
    data.sheet_state = "hidden"
    row = 1
    for ri, report in enumerate(reports, start=1):
        for kind, text in (("file", report.file), ("source", json.dumps(report.source, ensure_ascii=False)),
                           ("records", json.dumps(report.records, ensure_ascii=False)), ("text", report.text)):
            for part in range(0, max(len(text), 1), CHUNK):
                for col, value in enumerate((ri, kind, text[part:part + CHUNK]), start=1):
                    _put(data, row, col, value)
                row += 1
    wb.save(path)


README = ("这是 python -m geo.intake propose 生成的提议，供审核后用 python -m geo.intake save 保存。",
          "每个数据表一个工作表；“原文引文”必须逐字摘自报告原文，否则不能保存。",
          "不采用的行：在“采用”列填“否”（或删除该行）。可以修改数值、单位、代码、期间等单元格；“报告”“序号”两列请勿修改。",
          "请不要输入公式；隐藏的工作表 _data 保存报告原文，请勿修改。",
          "Proposals from python -m geo.intake propose: review them, then save with python -m geo.intake save FILE.")


def _table_sheet(ws, entries: list[tuple[int, int, dict]]) -> None:
    for col, name in enumerate(COLUMNS, start=1):
        _put(ws, 1, col, f"{LABELS[name]} {name}")
        ws.cell(row=1, column=col).font = Font(bold=True)
        ws.cell(row=1, column=col).fill = PatternFill("solid", fgColor="DDEBF7")
    for row, (ri, n, rec) in enumerate(entries, start=2):
        values: dict[str, str | int] = {"accept": "是" if rec.get("accept", True) else "否", "report": ri, "n": n}
        for col, name in enumerate(COLUMNS, start=1):
            _put(ws, row, col, values[name] if name in values else rec.get(name))
        for name in ("quote", "why"):  # long texts wrap inside their column
            ws.cell(row=row, column=COLUMNS.index(name) + 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "E2"
    for col, name in enumerate(COLUMNS, start=1):  # wide enough for the header; the quote and reason wider
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 12)
        ws.cell(row=1, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 32  # two lines: the Chinese label, then the field name
    ws.page_setup.orientation = "landscape"


def from_xlsx(path: Path) -> tuple[list[Report], list[SheetProblem]]:
    """The proposal set of an .xlsx written by `to_xlsx` (and maybe edited), or every problem found in it."""
    path = Path(path)
    try:
        wb = openpyxl.load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises many types for a file that is not a workbook
        return [], [SheetProblem(path.name, "the file", None, None, f"an .xlsx workbook ({type(err).__name__})")]
    if DATA_SHEET not in wb.sheetnames:
        return [], [SheetProblem(path.name, "the workbook", None, None,
                                 f"the hidden sheet {DATA_SHEET} written by python -m geo.intake propose --out")]
    reports, problems = _data_sheet(path.name, wb[DATA_SHEET])
    seen: set[tuple[int, int]] = set()
    for ws in wb.worksheets:
        if ws.title not in (DATA_SHEET, README_SHEET):
            problems += _apply_sheet(path.name, ws, reports, seen)
    for ri, report in enumerate(reports, start=1):
        for n, rec in enumerate(report.records):
            if (ri, n) not in seen:  # a deleted row is a refused proposal
                rec["accept"] = False
    return reports, problems


def _data_sheet(name: str, ws) -> tuple[list[Report], list[SheetProblem]]:
    parts: dict[int, dict[str, str]] = {}
    for ri, kind, chunk in ws.iter_rows(min_col=1, max_col=3, values_only=True):
        if isinstance(ri, int) and kind in ("file", "source", "records", "text"):
            parts.setdefault(ri, {}).setdefault(kind, "")
            parts[ri][kind] += chunk or ""
    reports = []
    try:
        for ri in sorted(parts):
            got = parts[ri]
            reports.append(Report(got["file"], got["text"], json.loads(got["source"]), json.loads(got["records"])))
    except (KeyError, json.JSONDecodeError):
        return [], [SheetProblem(name, f"sheet {DATA_SHEET}", None, None, "the sheet as propose wrote it (unchanged)")]
    return reports, []


def _header(ws) -> dict[int, str]:
    """Column index → field, from the header labels (the field name is the label's last word)."""
    out = {}
    for col, cell in enumerate(ws[1], start=1):
        word = str(cell.value or "").split()[-1:] or [""]
        if word[0] in COLUMNS:
            out[col] = word[0]
    return out


def _apply_sheet(name: str, ws, reports: list[Report], seen: set) -> list[SheetProblem]:
    header, problems = _header(ws), []
    if not {"report", "n"} <= set(header.values()):
        return [SheetProblem(name, f"sheet {ws.title}", None, None, "the header row with 报告 report and 序号 n")]
    for row in ws.iter_rows(min_row=2):
        cells = {header[c.column]: c for c in row if c.column in header}
        if all(c.value in (None, "") for c in cells.values()):
            continue
        where = f"sheet {ws.title} row {row[0].row}"
        ri, n = cells["report"].value, cells["n"].value
        if not (isinstance(ri, int) and 1 <= ri <= len(reports) and isinstance(n, int)
                and 0 <= n < len(reports[ri - 1].records) and reports[ri - 1].records[n]["table"] == ws.title):
            problems.append(SheetProblem(name, where, "report/n", f"{ri}/{n}", "the report and number propose wrote"))
            continue
        seen.add((ri, n))
        rec = reports[ri - 1].records[n]
        for field_name, cell in cells.items():
            if field_name in EDITABLE:
                value, problem = _cell(cell, field_name)
                if problem:
                    problems.append(SheetProblem(name, where, field_name, str(cell.value), problem))
                else:
                    rec[field_name] = value
    return problems


def _cell(cell, name: str):
    """(value, "") for a good cell, (None, what was expected) for a bad one."""
    raw = cell.value
    if cell.data_type == "f":  # a string cell that looks like one stays text (exports escape it where they write)
        return None, "plain text or a number, not a formula"
    if name == "accept":
        word = str(raw if raw is not None else "").strip().lower()
        return (True, "") if word in YES else (False, "") if word in NO else (None, "是 or 否 (yes or no)")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    if name in NUMBERS:
        try:
            return (raw if isinstance(raw, (int, float)) else float(str(raw).replace(",", "").strip())), ""
        except ValueError:
            return None, "a number"
    if isinstance(raw, (datetime, date)):
        return (raw.date() if isinstance(raw, datetime) else raw).isoformat(), ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw)), ""
    return str(raw).strip(), ""
