"""Numbers as people read them: qualifiers kept ("800+", "约800"), 万 in Chinese, units by language."""
from __future__ import annotations

import pandas as pd

UNITS = {
    "zh": {"kg": "公斤", "g": "克", "tablet": "粒", "case": "起", "person": "人", "event": "场", "copy": "份",
           "site": "个", "venue": "家", "percent": "%", "rank": "名", "yuan": "元", "bed": "张",
           "person_time": "人次", "other": ""},
    "en": {"kg": "kg", "g": "g", "tablet": "tablets", "case": "cases", "person": "people", "event": "events",
           "copy": "copies", "site": "sites", "venue": "venues", "percent": "%", "rank": "", "yuan": "yuan",
           "bed": "beds", "person_time": "person-times", "other": ""},
}


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def _plain(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def number(value: float | None, lang: str = "zh") -> str:
    """12800 → '1.28万' in Chinese, '12,800' in English; small numbers unchanged."""
    if value is None or _missing(value):
        return "—"
    value = float(value)
    if lang == "zh" and abs(value) >= 10000:
        wan = value / 10000
        text = f"{wan:.2f}".rstrip("0").rstrip(".")
        return f"{text}万"
    return _plain(value)


def unit_label(unit: str | None, lang: str = "zh") -> str:
    return UNITS[lang].get(unit or "", unit or "")


def qualified(value: float | None, qualifier: str | None, lang: str = "zh") -> str:
    """A number with its qualifier and no unit: ('plus', 800) → '800+'; about → '约800' / 'about 800'."""
    text = number(value, lang)
    if text == "—" or _missing(qualifier):
        return text
    if qualifier == "plus":
        return f"{text}+"
    if qualifier == "at_most":
        return f"≤{text}"
    if qualifier == "about":
        return f"约{text}" if lang == "zh" else f"about {text}"
    return text


def quantity(value: float | None, qualifier: str | None, unit: str | None = None, lang: str = "zh") -> str:
    """A figure with its qualifier and unit: ('plus', 800, kg) → '800+ 公斤' / '800+ kg'; about → '约800'."""
    text = qualified(value, qualifier, lang)
    if text == "—":
        return text
    unit = None if _missing(unit) else unit
    if unit == "rank":
        return f"第{text}名" if lang == "zh" else f"No. {text}"
    label = unit_label(unit, lang)
    if not label:
        return text
    if label == "%":
        return f"{text}%"
    return f"{text}{label}" if lang == "zh" else f"{text} {label}"


def signed(value: float | None, unit: str | None, lang: str = "zh") -> str:
    """A change with its sign: (170.34, percent) → '+170.34%', (-3, percentage_point) → '−3个百分点' / '−3 pp'."""
    if value is None or _missing(value):
        return ""
    sign = "+" if float(value) > 0 else "−" if float(value) < 0 else "±"
    suffix = {"percent": "%", "percentage_point": "个百分点" if lang == "zh" else " pp"}.get(unit or "", "")
    return f"{sign}{number(abs(float(value)), lang)}{suffix}"

def md_escape(text: str) -> str:
    """Text from data shown through st.markdown: markdown and HTML characters are escaped, never interpreted."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in str(text))
