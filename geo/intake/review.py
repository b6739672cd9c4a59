"""The review table of report intake in the reader's language: labelled columns, values as words (指标: 破获毒品案件,
毒品: 冰毒, a place by its name), blank rather than None, rows numbered from 1; and back from words to the keys
the data files hold. Also what a duplicate or a learned entry says about a row, and what a correction teaches."""
from __future__ import annotations

import pandas as pd

from geo.data.schema import INDICATORS
from geo.i18n import LABELS, label, t
from geo.intake import learned

COLUMNS = {
    "figures": ("value", "qualifier", "unit", "indicator", "learned", "label_zh", "place", "period_start",
                "period_end", "period_label", "change_value", "quote"),
    "seizures": ("value", "qualifier", "unit", "drug", "learned", "label_zh", "place", "period_start", "period_end",
                 "period_label", "quote"),
    "demo_sites": ("value", "qualifier", "category", "label_zh", "place", "period_label", "quote"),
    "cases": ("case_no", "value", "qualifier", "label_zh", "place", "period_start", "period_end", "period_label",
              "quote"),
    "routes": ("label_zh", "drug", "waypoints", "quote"),
}
HEADERS = {"n": "intake_col_n", "accept": "intake_accept", "duplicate": "intake_col_duplicate",
           "value": "intake_col_value", "qualifier": "intake_col_qualifier", "unit": "intake_col_unit",
           "indicator": "intake_col_indicator", "label_zh": "intake_col_label", "drug": "intake_col_drug",
           "place": "intake_col_place", "period_start": "intake_col_period_start",
           "period_end": "intake_col_period_end", "period_label": "intake_col_period_label",
           "change_value": "intake_col_change", "quote": "intake_col_quote", "learned": "intake_col_learned",
           "case_no": "intake_col_case", "category": "intake_col_category", "waypoints": "intake_col_waypoints"}
LOCKED = ("n", "duplicate", "learned", "waypoints")
GROUPS = {"qualifier": "qualifier", "unit": "unit", "indicator": "indicator", "drug": "drug_type",
          "category": "demo_category"}


def choices(lang: str, places: dict[str, str]) -> dict[str, dict[str, str]]:
    """key → words, for each column that takes one of a fixed list of values ("" is the blank choice)."""
    out = {col: {k: label(group, k, lang) for k in LABELS[group]} for col, group in GROUPS.items()}
    out["indicator"] = {"": ""} | {k: label("indicator", k, lang) for k in INDICATORS}
    out["place"] = {"": ""} | dict(places)
    return out


def _blank(value) -> object:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else value


def dup_text(dup: dict | None, lang: str) -> str:
    if not dup:
        return ""
    if dup["kind"] == "data":
        return t("intake_dup_data", lang, record=dup["record"])
    return t("intake_dup_batch", lang, n=dup["record"])


def learned_text(notes: list[dict] | None, lang: str, places: dict[str, str]) -> str:
    """learned from a correction by NAME on DATE, and the built-in rule it disagrees with."""
    out = []
    for note in notes or []:
        text = t("intake_learned_note", lang, user=note["user"], day=note["day"])
        if note["conflict"]:
            text += t("intake_learned_conflict", lang, builtin=value_words(note["field"], note["conflict"], lang,
                                                                            places))
        out.append(text)
    return "；".join(out)


def value_words(fld: str, value: str, lang: str, places: dict[str, str]) -> str:
    """An indicator, drug or place of a learned entry in words."""
    if fld == "place":
        return places.get(value, value)
    if value == learned.NONE:
        return t("learned_no_indicator", lang)
    return label("indicator" if fld == "indicator" else "drug_type", value, lang)


def row(i: int, rec: dict, dup: dict | None, lang: str, places: dict[str, str]) -> dict:
    """One proposal as a row of words."""
    words = choices(lang, places)
    out = {"n": i + 1, "accept": dup is None, "duplicate": dup_text(dup, lang)}
    for col in COLUMNS.get(rec["table"], ()):
        if col == "place":
            out[col] = words["place"].get(rec.get("adcode") or "", rec.get("place_zh") or "")
        elif col == "waypoints":
            out[col] = "→".join(rec.get("waypoints_as_written") or [])
        elif col == "learned":
            out[col] = learned_text(rec.get("learned"), lang, places)
        elif col in words:
            out[col] = words[col].get(rec.get(col) or "", _blank(rec.get(col)))
        else:
            out[col] = _blank(rec.get(col))
    return out


def frames(records: list[dict], dups: list[dict | None], lang: str, places: dict[str, str]
           ) -> dict[str, pd.DataFrame]:
    """One frame of labelled rows per table, in the order the tables first appear."""
    grouped: dict[str, list[dict]] = {}
    for i, rec in enumerate(records):
        grouped.setdefault(rec["table"], []).append(row(i, rec, dups[i] if i < len(dups) else None, lang, places))
    out = {}
    for table, rows in grouped.items():
        frame = pd.DataFrame(rows)
        frame = frame.drop(columns=[c for c in ("duplicate", "learned") if c in frame and not frame[c].any()])
        for col in ("value", "change_value"):
            if col in frame:
                frame[col] = pd.to_numeric(frame[col].replace("", None), errors="coerce").astype("Float64")
        out[table] = frame
    return out


def keys_of(edited: dict, rec: dict, lang: str, places: dict[str, str]) -> dict:
    """The proposal with the staff's edits of a row of words applied, as the keys the data files hold."""
    words = choices(lang, places)
    back = {col: {v: k for k, v in pairs.items()} for col, pairs in words.items()}
    out = dict(rec)
    for col, value in edited.items():
        if col in LOCKED or col in ("n", "accept") or col not in COLUMNS.get(rec["table"], ()):
            continue
        value = None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
        if col == "place":
            out["adcode"] = back["place"].get(value or "", rec.get("adcode"))
            out["place_zh"] = places.get(out["adcode"], rec.get("place_zh"))
        elif col in back:
            out[col] = back[col].get(value or "", rec.get(col)) or None
        else:
            out[col] = value
    return out | indicator_fields(out, rec)


def indicator_fields(new: dict, old: dict) -> dict:
    """A changed indicator brings its metric, category and English label along."""
    if new["table"] != "figures" or new.get("indicator") == old.get("indicator"):
        return {}
    entry = learned.indicator_row(new["indicator"]) if new.get("indicator") else None
    if entry is None:
        return {"indicator": None, "metric": f"reported_{new.get('unit') or 'other'}", "category": "other",
                "label_en": ""}
    return {"metric": entry["metric"], "category": entry["category"], "label_en": entry["label_en"]}


def taught(records: list[dict], edited: list[dict], user: str, places: tuple[str, ...]) -> list[learned.Entry]:
    """What the edits of the review teach: one entry per changed indicator, drug or place with a phrase."""
    out: list[learned.Entry] = []
    for rec, new in zip(records, edited):
        out += learned.lessons(rec, new, user, places=places)
    return out


def builtin(entry: learned.Entry, gaz=None) -> str:
    """What the built-in tables read from a learned phrase on its own ("" when they read nothing)."""
    from geo.intake import extract  # extract applies learned entries: imported here, where it is needed

    if entry.field == "indicator":
        row = extract.indicator(entry.phrase, None)
        return row["indicator"] if row and row["indicator"] else ""
    if entry.field == "drug":
        kinds = [d for _, _, d in extract.drugs_in(entry.phrase, 0, len(entry.phrase)) if d != "unspecified"]
        return kinds[0] if kinds else ""
    found = gaz.mentions(entry.phrase, "") if gaz is not None else []
    return found[0].adcode if found else ""


def conflict(entry: learned.Entry, gaz=None) -> str:
    """The built-in answer a learned entry disagrees with, "" when they agree or the tables read nothing."""
    answer = builtin(entry, gaz)
    return answer if answer and answer != entry.value else ""
