"""Who and when a figure is about: the subject place of its sentence and the period written before it."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.intake import vocab
from geo.intake.periods import Period
from geo.intake.places import Gazetteer, Mention
from geo.intake.text import CLAUSE_END

# a place right after one of these is a partner, a destination or an origin, not the subject of the sentence
NOT_SUBJECT_BEFORE = ("与", "和", "同", "赴", "到", "至", "往", "向", "从", "经", "来自", "对", "及", "流入", "通往",
                      "发往", "运往", "前往", "联合", "协助", "配合", "被", "由", "在外", "入", "途经", "位于", "发住")
NOT_SUBJECT_AFTER = ("籍", "等", "方向", "警方协助", "人")
# a province's own authorities guide and assess; the figures of a sentence that names them are rarely theirs
AUTHORITY_AFTER = ("公安厅", "省厅", "禁毒总队", "禁毒委", "禁毒办", "高级人民法院", "人民检察院", "政府")
SCOPE_BEFORE = ("在", "于", "居", "列")  # 在全省建成…, 居全省…: the scope of a comparison, not the subject
DATELINE_RE = re.compile(r"^(?:\d{1,2}月\d{1,2}日)?电")
SUBJECT_WORDS = {r["word"]: r["level"] for r in vocab.table("dem_subjects")}
SCOPE_AFTER_RE = re.compile(r"^[^，。；]{0,6}?(?:第|前\d|前[一二三四五六七八九十])")
# a county's own police took part: in police reports the case belongs to that county
POLICE_AFTER = ("公安局", "公安分局", "分局", "警方", "禁毒大队", "禁毒办", "禁毒委", "公安机关")
CLAUSE_LEAD_RE = re.compile(r"^(?:其中|同时|此外|另外|目前|截至目前)?")
COUNTRY = "100000"  # 中国, when jurisdictions.csv lists the country
LEAD_CHARS = 8  # a period this near the start of a sentence (据统计，今年以来…) opens it
# a paragraph opening with one of these goes on with the story of the one before (经过一个月侦查，…缴获…), so it
# keeps that paragraph's place instead of going back to the section's
CONTINUES = ("经过", "随后", "此后", "之后", "最终", "最后", "终将", "而今", "如今", "曾经", "当天", "当晚", "次日",
             "同日")
HEADER_MAX = 40  # a paragraph this short that starts with a place and a colon heads a section about that place


@dataclass
class State:
    """What a sentence without its own subject or period inherits from the sentences before it."""

    place: str
    section: str = ""  # the place of the current section (a header such as 冷水滩区：…), else the default
    period: Period | None = None
    last: Period | None = None  # the period of the last figure: a sentence opening with 其中 continues it
    paragraph: int = -1
    notes: list[str] = field(default_factory=list)


def is_dateline(flat: str, m: Mention) -> bool:
    """中新网成都6月1日电: the city a report was filed from, not what its figures are about."""
    return bool(DATELINE_RE.match(flat[m.end:m.end + 8]))


def _groups(flat: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions listed together (甲、乙和丙), which share one role in the sentence."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups and m.start - groups[-1][-1].end == 1 and flat[m.start - 1] in "、和及与":
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _subject_group(flat: str, group: list[Mention], gaz: Gazetteer | None) -> bool:
    first, last = group[0], group[-1]
    if flat[max(0, first.start - 2):first.start].endswith(NOT_SUBJECT_BEFORE):
        return False
    if flat[last.end:last.end + 4].startswith(NOT_SUBJECT_AFTER) or is_dateline(flat, last):
        return False
    province = gaz is not None and gaz.level.get(last.adcode) == "province"
    return not (province and flat[last.end:last.end + 6].startswith(AUTHORITY_AFTER))


def subject_like(flat: str, mentions: list[Mention], gaz: Gazetteer | None = None) -> list[Mention]:
    """Mentions that can be the subject of their sentence: not a partner (与云南…), a destination (运往广州), a
    list of other places (广东、云南等), a dateline, or a province's authorities (省公安厅禁毒总队)."""
    return [m for g in _groups(flat, mentions) if _subject_group(flat, g, gaz) for m in g]


def main_county(gaz: Gazetteer, mentions: list[Mention], city: str) -> str:
    """The county named most often in the document (of the given city when there is one)."""
    counts = Counter(m.adcode for m in mentions if gaz.level.get(m.adcode) == "county"
                     and (not city or gaz.parent.get(m.adcode) == city))
    return counts.most_common(1)[0][0] if counts else ""


def author_place(flat: str, default: str, county: str) -> str:
    """A document that speaks as a county (我县, 本县) is about that county where a sentence names no place."""
    speaks_as_county = any(w in flat for w in ("我县", "本县", "我区", "本区"))
    return county if speaks_as_county and county else default


def default_place(gaz: Gazetteer, flat: str, mentions: list[Mention]) -> str:
    """The prefecture (or province) the document names most as a subject, counting its counties."""
    counts = Counter(gaz.city_of(m.adcode) for m in subject_like(flat, mentions, gaz))
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
    return [s + len(lead[0]) if (lead := CLAUSE_LEAD_RE.match(flat[s:])) else s for s in starts]


def subject_before(flat: str, lo: int, pos: int, subjects: list[Mention]) -> tuple[int, str, str] | None:
    """The nearest subject in flat[lo:pos]: a place named in the sentence, or a word such as 全市 that opens a
    clause or stands in the figure's own clause (elsewhere 全省… usually names an event, 全省公安禁毒工作考评)."""
    found = [(m.start, "place", m.adcode) for m in subjects if lo <= m.start and m.end <= pos]
    starts = clause_starts(flat, lo, pos)
    for word in SUBJECT_WORDS:
        for m in re.finditer(re.escape(word), flat[lo:pos]):
            at = lo + m.start()
            if SCOPE_AFTER_RE.match(flat[at + len(word):]) or flat[at - 1:at] in SCOPE_BEFORE and at > lo:
                continue  # 全省第二, 在全省建成: the scope of a comparison, not the subject
            if at >= starts[-1] or at in starts:
                found.append((at, "word", word))
    return max(found) if found else None


def place_for(flat: str, lo: int, pos: int, subjects: list[Mention], state: State, gaz: Gazetteer,
              county: str, mentions: Sequence[Mention] = ()) -> tuple[str, str]:
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
    if SUBJECT_WORDS[value] == "country":
        if COUNTRY in gaz.level:
            return COUNTRY, "“全国”: the whole country"
        return "", "“全国”: the whole country has no adcode in jurisdictions.csv; choose a place or reject"
    return _word_place(value, state, gaz, county) or state.place, f"“{value}” refers to the place in context"


def period_for(lo: int, pos: int, periods: list[Period], state: State) -> tuple[Period | None, str]:
    """The nearest period written before the figure in its sentence, else one that opened the paragraph."""
    own = [p for p in periods if lo <= p.start and p.end <= pos and not p.base]
    if own:
        return own[-1], "period written before the figure in its sentence"
    if state.period is not None:
        return state.period, "period that opens the paragraph"
    return None, ""


def enter(state: State, paragraph: int, opening: str = "") -> None:
    """A new paragraph starts without the period of the one before, and with the place of its section unless its
    opening words continue the paragraph before."""
    if paragraph != state.paragraph:
        state.period, state.paragraph = None, paragraph
        if not opening.startswith(CONTINUES):
            state.place = state.section


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
        chain = [head[0]]  # 湖南省永州市道县: the last of names written together is the most specific
        for m in head[1:]:
            if m.start != chain[-1].end:
                break
            chain.append(m)
        state.place = chain[-1].adcode
    lead = [p for p in periods if lo <= p.start <= lo + LEAD_CHARS and not p.base and p.end <= first_figure]
    if lead:
        state.period = lead[0]
