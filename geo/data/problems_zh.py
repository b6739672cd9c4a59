"""Chinese for what the validator expected: staff read the banner in Chinese, the validator writes English.

Each validator message has one pattern here (tests/unit/test_problems_zh.py checks the whole broken-file corpus is
covered); an unknown message is shown in English rather than guessed.
"""
from __future__ import annotations

import re

DELIMITERS_ZH = {"semicolons": "分号", "tabs": "制表符", "vertical bars": "竖线"}
SAVE_AS = "请另存为“CSV UTF-8（逗号分隔）”"

PATTERNS: list[tuple[str, str]] = [
    (r"UTF-8 or GB18030 text; this file looks like UTF-16.*",
     "UTF-8 或 GB18030 编码的文本；此文件似为 UTF-16（Excel“Unicode 文本”），" + SAVE_AS),
    (r"UTF-8 text; the file is UTF-8 except for a damaged character here", "UTF-8 文本；此处有一个损坏的字符"),
    (r"text in UTF-8 or GB18030/GBK; the file is in neither", "UTF-8 或 GB18030/GBK 编码的文本；此文件两者都不是"),
    (r"the file to exist", "此文件存在（文件缺失）"),
    (r"one encoding for the whole file; this line is UTF-8, the rest GB18030/GBK",
     "整个文件使用同一种编码；此行为 UTF-8，其余为 GB18030/GBK"),
    (r"text without NUL characters \(byte 00\)", "不含 NUL 字符（字节 00）的文本"),
    (r"comma-separated columns; this file is separated by (.+?): save it as .*",
     "以逗号分隔的列；此文件以{d}分隔，" + SAVE_AS),
    (r"this column in the header", "表头中有此列（缺少该列）"),
    (r"only the columns (.*)", "只能有这些列：{0}"),
    (r"each column once in the header", "表头中每列只出现一次"),
    (r"a header row: (.*)", "表头行：{0}"),
    (r"(\d+) comma-separated cells, got (\d+) \(a cell containing a comma.*",
     "{0} 个逗号分隔的单元格，实际为 {1} 个（含逗号的单元格须加英文双引号）"),
    (r"(\d+) comma-separated cells, got (\d+) \(a cell is missing.*",
     "{0} 个逗号分隔的单元格，实际为 {1} 个（缺少单元格，或未加引号的单元格中有换行）"),
    (r"a plain number with 万/亿 written out.*", "不含“万/亿”的数字（2.5万 → 25000）"),
    (r"a plain number; 余/多/约/以上 belong in the qualifier column", "纯数字；余/多/约/以上 请填在 qualifier 列"),
    (r"a plain number without thousands separators.*", "不带千位分隔符的数字（1200，而非 1,200）"),
    (r"a number \(whole\)|a whole number", "整数"),
    (r"a number", "数字"),
    (r"a number >= 0 \(a quantity cannot be negative\)", "不小于 0 的数字（数量不能为负）"),
    (r"a longitude between (\S+) and (\S+) \(China and Myanmar\)", "{0} 至 {1} 之间的经度（中国及缅甸）"),
    (r"a latitude between (\S+) and (\S+) \(China and Myanmar\)", "{0} 至 {1} 之间的纬度（中国及缅甸）"),
    (r"a real date as YYYY-MM-DD", "真实存在的日期，格式 YYYY-MM-DD"),
    (r"a date as YYYY-MM-DD: write (\S+)", "YYYY-MM-DD 格式的日期：应写作 {0}"),
    (r"a date as YYYY-MM-DD, e\.g\. (\S+)", "YYYY-MM-DD 格式的日期，如 {0}"),
    (r"a value \(required\)", "必填值"),
    (r"a 6-digit administrative division code", "6 位行政区划代码"),
    (r"one of (.*)", "以下之一：{0}"),
    (r"longitude in lon and latitude in lat; these two look swapped \(write lon (\S+), lat (\S+)\)",
     "lon 填经度、lat 填纬度；两者似乎填反了（应为 lon {0}，lat {1}）"),
    (r"a unique id \(also on line (\d+)\)", "唯一的编号（第 {0} 行已有）"),
    (r"a date on or after period_start", "不早于 period_start 的日期"),
    (r"an id listed in (\S+)", "{0} 中已有的编号"),
    (r"an adcode in jurisdictions\.csv or a place_id in places\.csv",
     "jurisdictions.csv 中的 adcode 或 places.csv 中的 place_id"),
    (r"a document in data/sources/", "data/sources/ 中的文件"),
    (r"a fragment quoted verbatim from (\S+)", "逐字摘自 {0} 的原文片段"),
    (r"GeoJSON in UTF-8 \((.*)\)", "UTF-8 编码的 GeoJSON（{0}）"),
    (r"complete, valid GeoJSON \(the file ends too early: truncated\?; at line (\d+) column (\d+)\)",
     "完整有效的 GeoJSON（文件提前结束，可能不完整；第 {0} 行第 {1} 列）"),
    (r"complete, valid GeoJSON \((.*); at line (\d+) column (\d+)\)", "完整有效的 GeoJSON（{0}；第 {1} 行第 {2} 列）"),
    (r"GeoJSON nested less deeply", "嵌套层级较浅的 GeoJSON"),
    (r"a GeoJSON FeatureCollection with a list of features", "含要素列表的 GeoJSON FeatureCollection"),
    (r"at least one feature", "至少一个要素"),
    (r"the properties (.*)", "属性 {0}"),
    (r"a GeoJSON geometry \((.*)\)", "GeoJSON 几何（{0}）"),
    (r"a Polygon or MultiPolygon, not (\S+)", "Polygon 或 MultiPolygon，而非 {0}"),
    (r"a valid polygon \((.*)\)", "有效的多边形（{0}）"),
    (r"coordinates in China or its neighbours", "位于中国或邻国的坐标"),
    (r"data the dashboard can load \((.*)\)", "看板可读取的数据（{0}）"),
]
COMPILED = [(re.compile(pattern, re.DOTALL), zh) for pattern, zh in PATTERNS]


def expected_zh(expected: str) -> str:
    """The Chinese for a validator message, or the message itself when no pattern knows it."""
    for pattern, zh in COMPILED:
        match = pattern.fullmatch(expected)
        if match:
            groups = match.groups()
            if "{d}" in zh:
                return zh.replace("{d}", DELIMITERS_ZH.get(groups[0], groups[0]))
            return zh.format(*groups)
    return expected
