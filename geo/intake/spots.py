"""Spotting figures in the flat text: a number with its unit and qualifier (460余起, 近40公斤, 5.4万起, 2-4家,
三名), a rank (全省第二), a run of years (连续3年), and a reported change (同比下降10.61%)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from geo.intake import vocab
from geo.intake.numbers import CN_DIGITS, MULTIPLIERS, NUMBER, scale, to_number


@dataclass(frozen=True)
class Spot:
    start: int  # span of the whole figure in the flat text (qualifier words included)
    end: int
    value: Decimal | None
    value_max: Decimal | None  # the upper end of a range as written (2-4家), else None
    unit: str
    kind: str  # mass | tablet | count | percent | money | rank | years
    qualifier: str
    counter: str  # the counter word as written (起, 名, 公斤, …)
    why: str


@dataclass(frozen=True)
class Change:
    start: int
    end: int
    value: Decimal
    unit: str  # percent | percentage_point
    basis: str  # yoy | vs_earlier
    why: str


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


UNITS = vocab.lookup("units", "as_written")
BEFORE = {r["word"]: r["qualifier"] for r in vocab.table("qualifiers") if r["position"] == "before"}
AFTER = {r["word"]: r["qualifier"] for r in vocab.table("qualifiers") if r["position"] == "after"}
FIGURE_RE = re.compile(
    rf"(?P<pre>{_alternation(BEFORE)})?(?P<num>{NUMBER})(?:(?P<dash>[-~—–至到])(?P<num2>{NUMBER}))?"
    rf"(?P<q1>余|多)?(?P<mul>[万亿])?(?P<q2>余|多)?(?P<unit>{_alternation(UNITS)})(?P<post>{_alternation(AFTER)})?")
RANK_RE = re.compile(r"(?:全国|全省|全市|全州|全县|排名|名列|位列|位居|居|列)[^，。；、]{0,6}?"
                     r"第(?P<num>[一二三四五六七八九十\d]+)(?:名|位)?|第(?P<num2>[一二三四五六七八九十\d]+)名")
YEARS_RE = re.compile(r"连续(?P<num>[\d一二两三四五六七八九十]+)年")
DECLINE = ("下降", "减少", "降低", "下滑", "降幅", "回落")
CHANGE_RE = re.compile(
    r"(?P<basis>同比|环比|较(?:上年|去年|前年|上年同期|去年同期|同期|\d{4}年)?|在(?:上年|去年|前年|\d{4}年))"
    r"[^，。；]{0,8}?"
    rf"(?P<verb>上升|提升|增长|增加|上涨|增幅|{'|'.join(DECLINE)})(?:了|达|为)?(?P<num>\d+(?:\.\d+)?)"
    r"(?P<unit>%|个百分点)")
NOT_FIGURES = tuple(r["phrase"] for r in vocab.table("not_figures"))
BEFORE_NOT = ("第", "编号", "号", "·")  # ordinals, numbers of things, dates such as 6·26
TIME_AFTER = ("月", "小时", "星期", "工作日", "季度", "年", "周", "天", "阶段", "方面", "专项")
NAMED_RE = re.compile(r"“[^”。，！？]{0,15}”|《[^》]{0,40}》|\"[^\"。，！？]{0,15}\"")  # names, not speech
LOOSE_BEFORE = ("至少", "最多", "不少于", "超过", "多达")  # may stand a verb away: 至少明确1名
# A count of people written after its noun, with no counter of its own: 外出务工人员多达30余万, 人口约12万
PEOPLE_RE = re.compile(
    rf"(?:人员|人口|群众)(?P<verb>多达|达到|达|约有|约|共有|共|有|超过|近)(?P<num>{NUMBER})(?P<q1>余|多)?"
    rf"(?P<mul>[万亿])?(?P<q2>余|多)?(?=[，。；、）),;.]|$)")
PEOPLE_QUALIFIER = {"多达": "plus", "超过": "plus", "约有": "about", "约": "about", "近": "about"}


def named_spans(flat: str) -> list[tuple[int, int]]:
    """Quoted names (“禁毒风暴”, “四个严打”, 《…》): numbers inside them are part of a name."""
    return [m.span() for m in NAMED_RE.finditer(flat)]


def _qualifier(flat: str, m: re.Match, bare_multiplier: bool) -> str:
    """plus / about / at_most from the words around the number, else exact; a bare 万名 is a round figure."""
    words = [m["post"], m["q2"], m["q1"]]
    for word in words:
        if word and word in AFTER:
            return AFTER[word]
    if m["pre"] == "上":
        return "plus" if bare_multiplier else "exact"  # 上千人 is 1000+, but 上 before a digit is a verb
    if m["pre"]:
        return BEFORE[m["pre"]]
    loose = [w for w in LOOSE_BEFORE if w in flat[max(0, m.start() - 6):m.start()]]
    if loose:
        return BEFORE[loose[0]]
    return "about" if bare_multiplier else "exact"


def _skippable(flat: str, m: re.Match) -> bool:
    """A number that is not a figure: a lone 一 (an article), an idiom, an ordinal, part of a code or date."""
    num = m["num"]
    if num == "一" and not m["mul"] or (num[0] in CN_DIGITS and m["unit"] in ("%", "％")):
        return True
    around = flat[max(0, m.start() - 3):m.end() + 3]
    if any(p in around and flat.find(p, max(0, m.start() - 3)) <= m.start() + 1 for p in NOT_FIGURES):
        return True
    if flat[m.end():m.end() + 3].startswith(TIME_AFTER) and m["unit"] in ("个", "多"):
        return True  # 两个多月, 三个方面
    before = flat[max(0, m.start("num") - 2):m.start("num")]
    return before.endswith(BEFORE_NOT) or before[-1:] in ("-", "/", ".") or before[-1:].isdigit()


def figures(flat: str) -> list[Spot]:
    """Every number with a unit, in text order."""
    out, named = [], named_spans(flat)
    for m in FIGURE_RE.finditer(flat):
        if _skippable(flat, m) or any(a < m.start() < b for a, b in named):
            continue
        value = to_number(m["num"])
        if value is None:
            continue
        bare = m["num"] in MULTIPLIERS
        row = UNITS[m["unit"]]
        factor = Decimal(row["factor"])
        value = scale(value, m["mul"] or "") * factor
        high = to_number(m["num2"]) if m["num2"] else None
        high = scale(high, m["mul"] or "") * factor if high is not None else None
        if high is not None and high <= value:
            high = None
        qual = _qualifier(flat, m, bare)
        start = m.start() if m["pre"] and (m["pre"] != "上" or bare) else m.start("num")
        why = f"number + unit “{m['unit']}”" + (f", qualifier {qual}" if qual != "exact" else "")
        out.append(Spot(start, m.end(), value, high, row["unit"], row["kind"], qual, m["unit"], why))
    return out + ranks(flat) + years(flat) + people(flat)


def people(flat: str) -> list[Spot]:
    """人员多达30余万 → 300000 people, 300000+: the noun names the unit when no counter follows the number."""
    out = []
    for m in PEOPLE_RE.finditer(flat):
        value = to_number(m["num"])
        if value is None or not (m["mul"] or value >= 10):  # 人员有3 is not a count of people
            continue
        plus = m["q1"] or m["q2"]
        qual = "plus" if plus else PEOPLE_QUALIFIER.get(m["verb"], "exact")
        out.append(Spot(m.start("num"), m.end(), scale(value, m["mul"] or ""), None, "person", "count", qual, "",
                        f"people counted after their noun (“{m['verb']}”)"))
    return out


def ranks(flat: str) -> list[Spot]:
    """全省第二名 → rank 2."""
    out = []
    for m in RANK_RE.finditer(flat):
        group = "num" if m["num"] else "num2"
        value = to_number(m[group])
        if value is not None and flat[m.end():m.end() + 2][:1] not in ("季", "次", "届", "批", "阶", "轮", "期"):
            out.append(Spot(m.start(group) - 1, m.end(), value, None, "rank", "rank", "exact", "第", "rank (第…)"))
    return out


def years(flat: str) -> list[Spot]:
    """连续3年 → 3 (a run of years)."""
    out = []
    for m in YEARS_RE.finditer(flat):
        value = to_number(m["num"])
        if value is not None:
            out.append(Spot(m.start(), m.end(), value, None, "other", "years", "exact", "年", "run of years (连续…年)"))
    return out


def changes(flat: str) -> list[Change]:
    """同比下降10.61% → -10.61 percent yoy; 较2018年下降75.4% → vs_earlier."""
    out = []
    for m in CHANGE_RE.finditer(flat):
        value = Decimal(m["num"]) * (-1 if m["verb"] in DECLINE else 1)
        basis = "yoy" if "同比" in m.group() else "vs_earlier"
        unit = "percent" if m["unit"] == "%" else "percentage_point"
        out.append(Change(m.start(), m.end(), value, unit, basis, f"change “{m['basis']}…{m['verb']}”"))
    return out
