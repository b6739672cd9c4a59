"""Spots → proposed records: which table, indicator, drug, place and period each figure belongs to."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from geo.intake import cases, context, learned, spots, vocab
from geo.intake.numbers import plain
from geo.intake.periods import Period, find
from geo.intake.places import Gazetteer
from geo.intake.text import CLAUSE_END, Doc, clause_bounds, sentences

DRUGS = {r["as_written"]: r["drug"] for r in vocab.table("drugs")}
INDICATORS = vocab.table("indicators")
NOT_INDICATORS = vocab.column("not_indicators", "phrase")  # 强制隔离戒毒所: names that hold a keyword but count nothing
PERIOD_WORDS_RE = re.compile(r"[\d一二三四五六七八九十〇零]+[年月日]?|[今去前上下本同全当]年|年|月|日|上半|下半|"
                             r"以来|至今|同期|其中|个月|前|仅|共|近|约|达|[，,、：:（）()]")
HEADER_MAX = 40  # a paragraph this short before a figure's paragraph is its heading (宁远县：整治外流贩毒)
NOUN_TAIL = 4  # …and ends within this many characters of the clause end (案件, 人员, 等)
OWN_AFTER_RE = re.compile(r"[、\d]")  # the words after a figure that are its own end at the next item or number
NOUN_GAP = 6  # number, classifier, noun: the noun starts at most this far after the classifier (50多起重特大涉毒案件)
UNIT_NOUNS = vocab.table("unit_nouns")
SAME_UNIT = {"person_time": "person"}  # 查获吸毒人员711人次 counts the same people as 711人
LEAD_WORDS = ("其中", "共计", "累计", "先后", "共", "已", "均", "并", "还", "又", "分别", "同时", "另", "达", "为")
DEMO_WORDS = {"学校": "school", "校园": "school", "乡镇": "town", "村": "village", "社区": "community",
              "单位": "unit", "城市": "city"}


@dataclass
class Found:
    spot: spots.Spot
    lo: int  # sentence bounds in the flat text
    hi: int
    seg: int  # where the words describing this figure start (after the previous figure of the clause)
    text: str = ""  # the flat text of the document


def drugs_in(flat: str, lo: int, hi: int) -> list[tuple[int, str, str]]:
    """(position, word, drug type) of every drug word in flat[lo:hi], longest match first."""
    out: list[tuple[int, str, str]] = []
    taken: set[int] = set()
    for word, drug in sorted(DRUGS.items(), key=lambda kv: -len(kv[0])):
        at = flat.find(word, lo, hi)
        while at >= 0:
            if not taken & set(range(at, at + len(word))):
                out.append((at, word, drug))
                taken |= set(range(at, at + len(word)))
            at = flat.find(word, at + 1, hi)
    return sorted(out)


def masked(words: str) -> str:
    """The words with every phrase that names no indicator blanked out (same length, so positions hold)."""
    for phrase in NOT_INDICATORS:
        words = words.replace(phrase, "\u3000" * len(phrase))
    return words


def indicator(words: str, unit: str | None, rows: tuple[dict[str, str], ...] = INDICATORS,
              ends_after: int = 0) -> dict[str, str] | None:
    """The vocabulary entry whose keyword comes first in the words (the verb comes first: 刑事拘留…嫌疑人); only
    keywords ending after `ends_after` count (those that reach the noun after the number)."""
    words = masked(words)
    hits = [(at, -len(r["keyword"]), i) for i, r in enumerate(rows)
            if (at := words.find(r["keyword"])) >= 0 and at + len(r["keyword"]) > ends_after
            and (unit is None or r["unit"] in (unit, "", SAME_UNIT.get(unit)))]
    return rows[min(hits)[2]] if hits else None


def noun_after(pre: str, after: str, unit: str | None, rows: tuple[dict[str, str], ...] = INDICATORS
               ) -> dict[str, str] | None:
    """破获50起毒品案件: the noun after the classifier, read with the verb before the number (破获 + 毒品案件). The noun
    must end its clause (帮助27名社区戒毒人员就业 counts people helped to work, not people in community rehab) and
    come before the next item of a list (刑事拘留41人、行政拘留37人: 行政拘留 belongs to 37)."""
    after = OWN_AFTER_RE.split(after, maxsplit=1)[0]
    words = masked(pre + after)
    entry = indicator(words, unit, rows, ends_after=len(pre))
    if entry is None:
        return None
    at = words.find(entry["keyword"])
    tail = words[at + len(entry["keyword"]):]
    return entry if at <= len(pre) + NOUN_GAP and len(tail) <= NOUN_TAIL else None


def unit_for(spot: spots.Spot, before: str, after: str) -> str:
    """家/个 take their unit from the noun they count, after them (3家门诊) or just before (娱乐场所11家)."""
    for row in UNIT_NOUNS:
        if row["counter"] == spot.counter and (row["noun"] in after[:8] or before.endswith(row["noun"])):
            return row["unit"]
    return spot.unit


def label(flat: str, seg: int, spot: spots.Spot, hi: int) -> str:
    """The words naming the figure: those before it in its clause, else those after it."""
    words = flat[seg:spot.start].strip("，、,：:（）()")
    for lead in LEAD_WORDS:
        words = words.removeprefix(lead)
    if len(words) >= 2:
        return words
    right = spot.end
    while right < hi and flat[right] not in CLAUSE_END + "、":
        right += 1
    return flat[spot.end:right] or words


def found_spots(doc: Doc) -> list[Found]:
    """Every figure with its sentence and the start of the words that describe it."""
    flat, out = doc.flat, []
    all_spots = sorted(spots.figures(flat), key=lambda s: s.start)
    changes = spots.changes(flat)
    sents = sentences(doc)
    si = 0
    previous_end = 0
    for spot in all_spots:
        if any(c.start <= spot.start < c.end for c in changes):
            continue  # the percentage of a reported change, not a figure of its own
        while sents[si][1] <= spot.start:
            si += 1
        lo, hi = sents[si]
        c_lo, _ = clause_bounds(flat, spot.start, spot.end, lo, hi)
        seg = max(c_lo, previous_end if previous_end > lo else lo)
        out.append(Found(spot, lo, hi, seg, flat))
        previous_end = spot.end
    return out


def change_for(found: Found, changes: list[spots.Change], nxt: int) -> spots.Change | None:
    """A change written right after the figure (before the next figure, in the same sentence)."""
    for c in changes:
        if found.spot.end <= c.start < min(nxt, found.hi) and c.start - found.spot.end <= 12:
            between = flat_between(found, c)
            return c if not between.strip("，,、；; ") else None  # 37人次，新发现吸毒人员同比… is another figure
    return None


def flat_between(found: Found, change: spots.Change) -> str:
    return found.text[found.spot.end:change.start]


def period_fields(doc: Doc, period: Period | None) -> dict[str, str]:
    if period is None:
        return {"period_start": "", "period_end": "", "period_label": ""}
    return {"period_start": period.period_start, "period_end": period.period_end,
            "period_label": doc.quote(period.start, period.end)}


def classify(doc: Doc, f: Found, after: str) -> dict:
    """Table, indicator, metric, category, drug and label of one figure."""
    flat, spot = doc.flat, f.spot
    words = label(flat, f.seg, spot, f.hi)
    unit = unit_for(spot, flat[f.seg:spot.start], after)
    pre = flat[f.seg:spot.start]
    entry = noun_after(pre, after, unit) or indicator(pre or words, unit) or indicator(words, unit) or (
        heading_indicator(doc, f.lo, unit) if not names_own(pre + OWN_AFTER_RE.split(after, maxsplit=1)[0]) else None)
    base = {"label_zh": words, "unit": unit, "indicator": None, "metric": f"reported_{unit}", "category": "other",
            "label_en": "", "drug": None, "drug_as_written": ""}
    if spot.kind == "rank":
        return base | {"table": "figures", "metric": "rank", "category": "ranking", "label_en": "Rank"}
    if spot.kind in ("mass", "tablet") and not (entry and entry["unit"] == "kg"):
        drug, as_written = drug_of(flat, f)
        return base | {"table": "seizures", "drug": drug, "drug_as_written": as_written, "metric": "seizure",
                       "category": "seizure"}
    if "示范" in words and spot.kind == "count":
        category = next((v for k, v in DEMO_WORDS.items() if k in words), "other")
        return base | {"table": "demo_sites", "metric": f"demo_{category}", "category": category}
    if entry:
        return base | {"table": "figures", "indicator": entry["indicator"] or None, "metric": entry["metric"],
                       "category": entry["category"], "label_en": entry["label_en"]}
    category = "outflow" if "外流" in words else "other"
    return base | {"table": "figures", "category": category}


def drug_of(flat: str, f: Found) -> tuple[str, str]:
    """The drug type of a seizure: the drug words just before it (two kinds → mixed), else the clause's last."""
    own = drugs_in(flat, f.seg, f.spot.start) or drugs_in(flat, f.spot.end, f.spot.end + 4)  # 30公斤冰毒
    if not own:
        own = drugs_in(flat, f.lo, f.spot.start)[-1:]
    specific = [(w, d) for _, w, d in own if d != "unspecified"]
    if not specific:
        return ("unspecified", own[-1][1]) if own else ("unspecified", "")
    kinds = list(dict.fromkeys(d for _, d in specific))
    return (kinds[0] if len(kinds) == 1 else "mixed"), "、".join(dict.fromkeys(w for w, _ in specific))


def propose(doc: Doc, doc_date: date | None, default: str, gaz: Gazetteer,
            taught: list[learned.Entry] | tuple = ()) -> list[dict]:
    """Every proposed record of a document, in text order; `taught` are the learned entries to apply."""
    flat = doc.flat
    mentions = gaz.mentions(flat, default)
    subjects = context.subject_like(flat, mentions, gaz)
    county = context.main_county(gaz, mentions, gaz.city_of(default))
    default = context.author_place(flat, default, county)
    where = Where(subjects, mentions, find(flat, doc_date), spots.changes(flat), county, gaz)
    found = found_spots(doc)
    found = sorted(found + lone_changes(doc, found, where.changes), key=lambda f: f.spot.start)
    state, out, i = context.State(default, default), [], 0
    for lo, hi in sentences(doc):
        context.enter(state, doc.paragraph(lo), flat[lo:lo + 4])
        if lo in doc.breaks or lo == 0:
            header = context.header_place(flat, lo, hi, subjects)
            state.section, state.place = (header, header) if header else (state.section, state.place)
        if flat.startswith("其中", lo) and state.last is not None:
            state.period = state.last
        first = i
        while i < len(found) and found[i].lo == lo:
            nxt = found[i + 1].spot.start if i + 1 < len(found) else len(flat)
            f = found[i]
            if f.spot.kind == "change":
                change = next(c for c in where.changes if c.start == f.spot.start)
                out.append(change_record(doc, f, record(doc, f, state, where, change), change))
            else:
                out.append(record(doc, f, state, where, change_for(f, where.changes, nxt)))
            i += 1
        first_pos = found[first].spot.start if first < i else hi
        context.advance(state, lo, hi, subjects, where.periods, first_pos)
    out = [apply_learned(r, gaz, list(taught)) for r in merge_weights(doc, out)]
    out += cases.case_records(doc, out)
    out += route_records(doc, gaz, out)
    return [r for r in sorted(out, key=lambda r: r["_at"]) if r["quote"] and r["quote"] in doc.raw]


def apply_learned(rec: dict, gaz: Gazetteer, taught: list[learned.Entry]) -> dict:
    """A figure or seizure with the learned entries of its words and sentence applied."""
    if not taught or rec["table"] not in ("figures", "seizures"):
        return rec
    own_after = OWN_AFTER_RE.split(rec["_after"], maxsplit=1)[0]  # not the next figure's (冰毒2.9公斤、开心水450克)
    rec = learned.apply(rec, rec["_pre"] + own_after, rec["_sentence"], taught)
    return rec | {"place_zh": gaz.name.get(rec["adcode"], "")}


def route_records(doc: Doc, gaz: Gazetteer, records: list[dict]) -> list[dict]:
    """Routes with their waypoints; the drug type from the sentence, the case from the paragraph."""
    out = []
    for r in cases.routes(doc, gaz):
        lo = r["span"]
        sentence = next(s for s in sentences(doc) if s[0] <= r["start"] < s[1])
        words = drugs_in(doc.flat, *sentence)
        kinds = list(dict.fromkeys(d for _, _, d in words if d != "unspecified"))
        drug = kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "unspecified")
        case_no = cases.case_of(doc, r["start"], cases.case_numbers(doc))
        out.append({"table": "routes", "indicator": None, "metric": "route", "label_zh": r["name_zh"],
                    "value": None, "unit": None, "qualifier": "exact", "drug": drug, "adcode": "",
                    "waypoints": r["waypoints"], "waypoints_as_written": r["as_written"], "case_no": case_no,
                    "quote": doc.quote(*lo), "quote_start": doc.where[lo[0]],
                    "quote_end": doc.where[lo[1] - 1] + 1,
                    "confidence": 0.6, "why": "route: 从…经…到… with places in travel order", "_at": r["start"],
                    "period_start": "", "period_end": "", "period_label": ""})
    return out


@dataclass(frozen=True)
class Where:
    """What the document names: places (all, and those that can be subjects), periods, changes."""

    subjects: list
    mentions: list
    periods: list
    changes: list
    county: str
    gaz: Gazetteer


def record(doc: Doc, f: Found, state: context.State, where: Where, change) -> dict:
    """One proposal with every field the CLI prints."""
    flat, spot, gaz = doc.flat, f.spot, where.gaz
    c_lo, c_hi = clause_bounds(flat, spot.start, spot.end, f.lo, f.hi)
    end = max(c_hi, change.end) if change else c_hi
    place, place_why = context.place_for(flat, f.lo, spot.start, where.subjects, state, gaz, where.county,
                                         where.mentions)
    # a rate (执行率达99.9%) describes the state at the time of writing: only a period in its own clause is its own
    own_lo = c_lo if spot.kind == "percent" else f.lo
    period, period_why = context.period_for(own_lo, spot.start, where.periods,
                                            state if spot.kind != "percent" else context.State(""))
    state.last = period
    rec = classify(doc, f, flat[spot.end:c_hi])
    why = [spot.why, f"table {rec['table']}" + (f", indicator {rec['indicator']}" if rec["indicator"] else ""),
           place_why] + ([period_why] if period_why else [])
    score = 0.4 + 0.2 * bool(rec["indicator"] or rec["drug"]) + 0.2 * ("subject" in place_why) + 0.2 * bool(period)
    return rec | {
        "value": plain(spot.value), "value_max": plain(spot.value_max), "qualifier": spot.qualifier,
        "as_written": doc.quote(spot.start, spot.end), "adcode": place, "place_zh": gaz.name.get(place, ""),
        **period_fields(doc, period), "change_value": plain(change.value) if change else None,
        "change_unit": change.unit if change else None, "change_basis": change.basis if change else None,
        "case_no": None, "waypoints": [], "quote": doc.quote(c_lo, end),
        "quote_start": doc.where[c_lo], "quote_end": doc.where[end - 1] + 1,
        "confidence": round(min(score, 1.0), 2), "why": "; ".join(why), "_pre": flat[f.seg:spot.start],
        "_after": flat[spot.end:c_hi], "_sentence": flat[f.lo:spot.start], "_at": spot.start}


def lone_changes(doc: Doc, found: list[Found], changes: list[spots.Change]) -> list[Found]:
    """Changes with no figure before them (2020年较上年下降64.3%): each becomes a figure row without a value."""
    ends = [f.spot.start for f in found[1:]] + [len(doc.flat)]
    used = {c.start for f, nxt in zip(found, ends) if (c := change_for(f, changes, nxt))}
    out = []
    for c in changes:
        if c.start not in used:
            lo, hi = next(s for s in sentences(doc) if s[0] <= c.start < s[1])
            spot = spots.Spot(c.start, c.end, None, None, "other", "change", "exact", "", c.why)
            out.append(Found(spot, lo, hi, clause_bounds(doc.flat, c.start, c.end, lo, hi)[0], doc.flat))
    return out


def change_record(doc: Doc, f: Found, rec: dict, change: spots.Change) -> dict:
    """The fields of a figure that is only a reported change."""
    own = doc.flat[f.seg:f.spot.start]
    entry = indicator(own, None) or (indicator(doc.flat[f.lo:f.spot.start], None) if not names_own(own) else None)
    return rec | {"table": "figures", "value": None, "unit": entry["unit"] if entry else "other",
                  "indicator": entry["indicator"] or None if entry else None,
                  "metric": entry["metric"] if entry else "reported_change", "change_value": plain(change.value),
                  "change_unit": change.unit, "change_basis": change.basis,
                  "category": entry["category"] if entry else "other", "label_en": entry["label_en"] if entry else ""}


def heading_indicator(doc: Doc, lo: int, unit: str | None) -> dict[str, str] | None:
    """The indicator named by the heading of a figure's paragraph (宁远县：整治外流贩毒 / 2015年105人), for a figure
    whose own words name only its period."""
    starts = sorted(b for b in doc.breaks if b <= lo)
    if not starts:
        return None
    before = [b for b in doc.breaks if b < starts[-1]]
    head = max(before, default=0)
    return indicator(doc.flat[head:starts[-1]], unit) if 0 < starts[-1] - head <= HEADER_MAX else None


def names_own(words: str) -> bool:
    """Words that name a subject of their own (戒断3年未复吸人员), not only a period (2020年较上年): a change in them
    is about that subject, not about the indicator named earlier in the sentence."""
    return len(PERIOD_WORDS_RE.sub("", words)) >= 4


def merge_weights(doc: Doc, records: list[dict]) -> list[dict]:
    """麻古12万粒重11.389公斤: a weight right after a tablet count is the same seizure's second measure."""
    out: list[dict] = []
    for rec in records:
        prev = out[-1] if out else None
        if (prev and rec["table"] == prev["table"] == "seizures" and prev["unit"] == "tablet"
                and rec["unit"] in ("kg", "g", "t") and rec["_pre"].strip("，,").endswith("重")
                and len(rec["_pre"]) <= 4):
            out[-1] = prev | {"value": rec["value"], "unit": rec["unit"], "qualifier": rec["qualifier"],
                              "alt_value": prev["value"], "alt_unit": "tablet", "alt_qualifier": prev["qualifier"],
                              "quote": doc.raw[prev["quote_start"]:rec["quote_end"]], "quote_end": rec["quote_end"],
                              "why": prev["why"] + "; weight of the same seizure"}
            continue
        out.append(rec)
    return out

