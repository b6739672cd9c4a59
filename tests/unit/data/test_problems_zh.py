"""Staff read problems in Chinese (that the whole broken-file corpus is covered is checked in test_broken_files)."""
from geo.data import snapshot
from geo.data.problems_zh import expected_zh
from geo.data.validate import Problem


def test_translations_keep_the_specifics():
    assert expected_zh("a date as YYYY-MM-DD: write 2017-03-01") == "YYYY-MM-DD 格式的日期：应写作 2017-03-01"
    assert expected_zh("a unique id (also on line 7)") == "唯一的编号（第 7 行已有）"
    assert expected_zh("comma-separated columns; this file is separated by tabs: save it as 'CSV UTF-8 "
                       "(comma delimited)'").startswith("以逗号分隔的列；此文件以制表符分隔")
    assert expected_zh("18 comma-separated cells, got 19 (a cell containing a comma must be in double quotes)") \
        == "18 个逗号分隔的单元格，实际为 19 个（含逗号的单元格须加英文双引号）"
    assert expected_zh("something new") == "something new"  # never guessed


def test_banner_text_and_table_are_chinese_in_chinese():
    p = Problem("seizures.csv", 3, "quantity", "-2", "a number >= 0 (a quantity cannot be negative)")
    assert snapshot.describe(p, "zh") == "seizures.csv，第3行，列“quantity”，值“-2”：应为 不小于 0 的数字（数量不能为负）"
    assert snapshot.problem_frame([p], "zh")["应为"][0] == "不小于 0 的数字（数量不能为负）"
    assert snapshot.problem_frame([p], "en")["Expected"][0] == p.expected
