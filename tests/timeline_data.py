"""A test data folder for the timeline: a copy of data/ plus one test document giving two consecutive years of drug
cases for 宁远县 (Ningyuan County). The document and its figures are test text written for these tests; they are
not reports and never go into data/."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_data, read_csv, write_csv

SOURCE = "test_timeline_two_years.txt"
TEXT = ("测试文本（为时间线测试编写，并非真实报告）：2017年宁远县破获毒品案件100起。"
        "2018年宁远县破获毒品案件112起。")
COUNTY = "431126"
FIGURES = [("test-tl-2017", "100", "2017", "2017年宁远县破获毒品案件100起"),
           ("test-tl-2018", "112", "2018", "2018年宁远县破获毒品案件112起")]


def two_years(target: Path) -> Path:
    """Copy data/ to target and add the test document and its two figures; returns target."""
    copy_data(target)
    (target / "sources" / SOURCE).write_text(TEXT, encoding="utf-8")
    header, rows = read_csv(target / "sources.csv")
    rows.append({**{k: "" for k in header}, "source_file": SOURCE, "title_zh": "时间线测试文本",
                 "title_en": "Timeline test text", "doc_date": "2019-01-15", "city_adcode": "431100",
                 "note": "test text written for the timeline tests"})
    write_csv(target / "sources.csv", header, rows)
    header, rows = read_csv(target / "figures.csv")
    for fid, value, year, quote in FIGURES:
        rows.append({**{k: "" for k in header}, "figure_id": fid, "adcode": COUNTY, "category": "enforcement",
                     "metric": "drug_cases_solved", "indicator": "drug_cases", "value": value, "qualifier": "exact",
                     "unit": "case", "period_start": f"{year}-01-01", "period_end": f"{year}-12-31",
                     "period_label": f"{year}年", "period_label_en": year, "label_zh": "破获毒品案件",
                     "label_en": "Drug cases solved", "source_file": SOURCE, "quote": quote})
    write_csv(target / "figures.csv", header, rows)
    return target
