"""Numbers as written in Chinese reports: Arabic or Chinese numerals, 万/亿 multipliers, ranges."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# an Arabic number (thousands separators allowed) or a run of Chinese numerals
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_DIGITS}]+)"
MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000), "百": Decimal(100)}
FULL_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "％": "%", "～": "~", "－": "-"})


def to_number(text: str) -> Decimal | None:
    """The value of one number as written ("1,200", "3.86", "三", "十四", "一百二十"); None if unreadable."""
    text = text.replace(",", "")
    if not text:
        return None
    if text[0].isdigit():
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    if text in MULTIPLIERS:  # 千人, 万名: a bare multiplier is one thousand, ten thousand
        return MULTIPLIERS[text]
    try:
        value = cn2an.cn2an(text.replace("〇", "零"), "smart")
    except (ValueError, KeyError, IndexError):
        if len(text) > 1 and text[-1] in "万亿":  # 千万, 百万: a multiplier of a multiplier
            head = to_number(text[:-1])
            return head * MULTIPLIERS[text[-1]] if head is not None else None
        return None
    return Decimal(str(value))


def scale(value: Decimal, multiplier: str) -> Decimal:
    """5.4 and 万 → 54000 (a multiplier written after the number)."""
    for ch in multiplier:
        value *= MULTIPLIERS.get(ch, Decimal(1))
    return value


def plain(value: Decimal | None) -> float | int | None:
    """A JSON-friendly number: an int when it has no fraction."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)
