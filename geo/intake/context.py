"""Who and when a figure is about: the subject place of its sentence and the period written before it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from geo.intake import vocab
from geo.intake.periods import Period
from geo.intake.places import Gazetteer, Mention
from geo.intake.text import CLAUSE_END

# a place right after one of these is a partner, a destination or an origin, not the subject of the sentence
NOT_SUBJECT_BEFORE = ("与", "和", "同", "赴", "到", "至", "往", "向", "从", "经", "来自", "对", "及", "流入", "通往",
                      "发往", "运往", "前往", "联合", "协助", "配合", "被", "由", "在外", "入", "途经")
NOT_SUBJECT_AFTER = ("籍", "等地", "等省", "方向", "警方协助", "人")
DATELINE_RE = re.compile(r"^(?:\d{1,2}月\d{1,2}日)?电")
SUBJECT_WORDS = {r["word"]: r["level"] for r in vocab.table("dem_subjects")}
SCOPE_AFTER_RE = re.compile(r"^[^，。；]{0,6}?(?:第|前\d|前[一二三四五六七八九十])")
# a county's own police took part: in police reports the case belongs to that county
POLICE_AFTER = ("公安局", "公安分局", "分局", "警方", "禁毒大队", "禁毒办", "禁毒委", "公安机关")
CLAUSE_LEAD_RE = re.compile(r"^(?:其中|同时|此外|另外|目前|截至目前)?")
HEADER_MAX = 40  # a paragraph this short that starts with a place and a colon heads a section about that place


@dataclass
class State:
    """What a sentence without its own subject or period inherits from the sentences before it."""

    place: str
    section: str = ""  # the place of the current section (a header such as 冷水滩区：…), else the default
    period: Period | None = None
    paragraph: int = -1
    notes: list[str] = field(default_factory=list)


def is_dateline(flat: str, m: Mention) -> bool:
    """中新网成都6月1日电: the city a report was filed from, not what its figures are about."""
    return bool(DATELINE_RE.match(flat[m.end:m.end + 8]))


def subject_like(flat: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions that can be the subject of their sentence; a list (甲、乙、丙) shares its first member's role."""
    out, previous_ok, previous_end = [], True, -10
    for m in mentions:
        before = flat[max(0, m.start - 2):m.start]
        listed = flat[m.start - 1:m.start] in "、和及" and m.start - previous_end <= 1 and m.start > 0
        ok = not before.endswith(NOT_SUBJECT_BEFORE) and not flat[m.end:m.end + 4].startswith(NOT_SUBJECT_AFTER)
        ok = (previous_ok if listed else ok) and not is_dateline(flat, m)
        if ok:
            out.append(m)
        previous_ok, previous_end = ok, m.end
    return out


def main_county(gaz: Gazetteer, mentions: list[Mention], city: str) -> str:
    """The county named most often in the document (of the given city when there is one)."""
    counts = Counter(m.adcode for m in mentions if gaz.level.get(m.adcode) == "county"
                     and (not city or gaz.parent.get(m.adcode) == city))
    return counts.most_common(1)[0][0] if counts else ""


def default_place(gaz: Gazetteer, flat: str, mentions: list[Mention]) -> str:
    """The prefecture (or province) the document names most as a subject, counting its counties."""
    counts = Counter(gaz.city_of(m.adcode) for m in subject_like(flat, mentions))
    return counts.most_common(1)[0][0] if counts else ""


def _word_place(word: str, state: State, gaz: Gazetteer, county: str) -> str:
    level = SUBJECT_WORDS[word]
    current = state.place
    if level == "prefecture":
        return gaz.city_of(current) if current else ""
    if level == "county":
        return current if gaz.level.get(current) == "county" else county or current
    province = gaz.city_of(current)
    return gaz.parent.get(province, "") if gaz.level.get(province) == "prefecture" else province


def police_county(flat: str, lo: int, pos: int, mentions: list[Mention], gaz: Gazetteer) -> str:
    """A county whose police (衡阳县公安局, 石鼓分局, 祁东县警方) the sentence names before the figure."""
    hits = [m.adcode for m in mentions if lo <= m.start and m.end <= pos and gaz.level.get(m.adcode) == "county"
            and flat[m.end:m.end + 5].startswith(POLICE_AFTER)]
    return hits[-1] if hits else ""


def clause_starts(flat: str, lo: int, pos: int) -> list[int]:
    """Where each clause of flat[lo:pos] starts (after a lead word such as 其中)."""
    starts = [lo] + [i + 1 for i in range(lo, pos) if flat[i] in CLAUSE_END]
    return [s + CLAUSE_LEAD_RE.match(flat[s:]).end() for s in starts]


def subject_before(flat: str, lo: int, pos: int, subjects: list[Mention]) -> tuple[int, str, str] | None:
    """The nearest subject in flat[lo:pos]: a place named in the sentence, or a word such as 全市 that opens a
    clause or stands in the figure's own clause (elsewhere 全省… usually names an event, 全省公安禁毒工作考评)."""
    found = [(m.start, "place", m.adcode) for m in subjects if lo <= m.start and m.end <= pos]
    starts = clause_starts(flat, lo, pos)
    for word in SUBJECT_WORDS:
        for m in re.finditer(re.escape(word), flat[lo:pos]):
            at = lo + m.start()
            if SCOPE_AFTER_RE.match(flat[at + len(word):]):  # 全省第二: a ranking's scope, not a subject
                continue
            if at >= starts[-1] or at in starts:
                found.append((at, "word", word))
    return max(found) if found else None


def place_for(flat: str, lo: int, pos: int, subjects: list[Mention], state: State, gaz: Gazetteer,
              county: str, mentions: list[Mention] = ()) -> tuple[str, str]:
    """(adcode, why) of a figure at pos in a sentence starting at lo."""
    police = police_county(flat, lo, pos, list(mentions), gaz)
    if police:
        return police, "the county whose police the sentence names"
    hit = subject_before(flat, lo, pos, subjects)
    if hit is None:
        return state.place, "place carried from the sentences before (or the document's default place)"
    _, kind, value = hit
    if kind == "place":
        return value, "the place named as the sentence's subject"
    return _word_place(value, state, gaz, county) or state.place, f"“{value}” refers to the place in context"


def period_for(lo: int, pos: int, periods: list[Period], state: State) -> tuple[Period | None, str]:
    """The nearest period written before the figure in its sentence, else one that opened the paragraph."""
    own = [p for p in periods if lo <= p.start and p.end <= pos and not p.base]
    if own:
        return own[-1], "period written before the figure in its sentence"
    if state.period is not None:
        return state.period, "period that opens the paragraph"
    return None, ""


def enter(state: State, paragraph: int) -> None:
    """A new paragraph starts without the period of the one before, and with the place of its section."""
    if paragraph != state.paragraph:
        state.period, state.paragraph, state.place = None, paragraph, state.section


def header_place(flat: str, lo: int, hi: int, subjects: list[Mention]) -> str:
    """冷水滩区：聚焦吸毒人员动态管控 → 431102: a short paragraph opening with a place and a colon."""
    if hi - lo > HEADER_MAX:
        return ""
    first = [m for m in subjects if m.start == lo]
    return first[0].adcode if first and flat[first[0].end:first[0].end + 1] in ":：" else ""


def advance(state: State, lo: int, hi: int, subjects: list[Mention],
            periods: list[Period], first_figure: int) -> None:
    """After a sentence: its leading subject and leading period carry to the next sentences of the paragraph."""
    head = [m for m in subjects if lo <= m.start < min(hi, first_figure)]
    if head:
        state.place = head[0].adcode
    lead = [p for p in periods if lo <= p.start <= lo + 2 and not p.base and p.end <= first_figure]
    if lead:
        state.period = lead[0]
