"""Numbers that did not become a proposal are listed with their sentence, and one becomes a record in one step.
The report text was WRITTEN BY THE AUTHOR OF THESE TESTS (made-up figures)."""
from __future__ import annotations

from datetime import date

from geo.intake import leftovers, rows
from geo.intake.propose import propose_text

TEXT = """2023年12月30日

一、工作成效
1、全年郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名。
2、在107国道设卡检查，民警连续工作36小时，嫌疑人多为19到25周岁的青年。举报电话0735-12345678。"""


def test_unused_numbers_are_listed_with_their_sentence_and_dates_are_not():
    records = propose_text(TEXT, "t.txt", date(2023, 12, 30), "431000")["records"]
    left = leftovers.leftovers(TEXT, records)
    assert [x["number"] for x in left] == ["107", "19", "25"]  # not the date, the list numbers, 36小时 or the phone
    assert left[0]["sentence"].startswith("2、在107国道设卡检查")
    assert all(x["clause"] in x["sentence"] and x["sentence"] in TEXT for x in left)
    used = {r["value"] for r in records}
    assert {37, 41} <= used


def test_a_leftover_becomes_a_figure_proposal_with_a_verbatim_quote():
    records = propose_text(TEXT, "t.txt", date(2023, 12, 30), "431000")["records"]
    left = leftovers.leftovers(TEXT, records)[1]
    rec = leftovers.as_record(left, "431000", "郴州市")
    assert (rec["value"], rec["unit"], rec["table"], rec["adcode"]) == (19, "other", "figures", "431000")
    assert rows.unverbatim([rec], TEXT) == []  # its quote is cut from the text, so it can be saved
    again = leftovers.leftovers(TEXT, records + [rec])
    assert [x["number"] for x in again] == ["107", "25"]
