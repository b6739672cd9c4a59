"""Report intake against the curated data: run intake on the five seed documents and score its proposals.

Usage: python -m bench.intake      (prints Markdown tables; nothing is asserted)

For every curated value (figures.value or, for a change-only figure, change_value; seizures.quantity and
alt_quantity; cases.suspects, vehicles and cash_cny; demo_sites.count) a proposal from the same document counts as
found when its value, unit and qualifier are right and its quote overlaps the curated quote. Of those found, the
table gives the share whose place (adcode), indicator (figures), drug type (seizures) and period (start, and end
unless one side leaves it open) match. "Unmatched" is the share of proposals whose value occurs in no curated
record of their passage. Each document is given its date and city from sources.csv, as staff confirm them.
A second table scores the same way a set of short reports written by the benchmark's author (bench/intake_texts.py,
not real documents), and a last line says how many corrections of the first of two similar reports it took, and how
many the second still needed, to get every indicator, drug and place of the second right (learned vocabulary,
geo/intake/learned.py). The curated figures carry no indicator column before the indicators branch merges; until
then the truth is the curated metric mapped to a core indicator by METRIC_INDICATOR below (the benchmark's key, not
intake's rules).
"""
from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pandas as pd

from bench import sandbox_cost
from geo import settings
from bench.intake_texts import SIMILAR, TEXTS
from geo.intake.propose import propose_text
from geo.intake.text import prepare

METRIC_INDICATOR = {
    "drug_cases_solved": "drug_cases", "drug_criminal_cases_solved": "drug_cases", "drug_criminal_cases": "drug_cases",
    "target_cases_solved": "target_cases", "provincial_target_cases_solved": "target_cases",
    "ministry_target_cases_solved": "target_cases", "criminal_suspects_arrested": "suspects_arrested",
    "suspects_arrested": "suspects_arrested", "drug_suspects_arrested": "suspects_arrested",
    "drug_offenders_arrested": "suspects_arrested", "criminal_detentions": "criminal_detentions",
    "prosecutions": "prosecutions", "referred_for_prosecution": "prosecutions", "drug_users_found": "drug_users_found",
    "new_drug_users_found": "new_drug_users", "compulsory_isolation_rehab": "compulsory_rehab",
    "community_rehab": "community_rehab", "community_recovery": "community_recovery",
    "administrative_detentions": "administrative_detentions", "outflow_traffickers": "outflow_traffickers",
    "outflow_traffickers_caught": "outflow_traffickers", "drug_labs_destroyed": "drug_labs_destroyed",
    "drug_dens_destroyed": "drug_dens_destroyed", "venues_closed": "venues_closed",
    "education_events": "education_events", "people_educated": "people_educated",
}
SEIZURE_UNITS = {"t": ("kg", 1000)}


def truth(data_dir) -> pd.DataFrame:
    """One row per curated value: source, value, unit, qualifier, adcode, indicator, drug, period, quote."""
    read = lambda name: pd.read_csv(data_dir / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    rows = []
    for r in read("figures").to_dict("records"):
        value, unit = (r["value"], r["unit"]) if r["value"] else (r["change_value"], "change")
        ind = r.get("indicator") or METRIC_INDICATOR.get(r["metric"])
        rows.append(_row(r, value, unit, r["qualifier"], "figures", ind, None))
    for r in read("seizures").to_dict("records"):
        rows.append(_row(r, r["quantity"], r["unit"], r["qualifier"], "seizures", None, r["drug_type"]))
        if r["alt_quantity"]:
            rows.append(_row(r, r["alt_quantity"], r["alt_unit"], r["alt_qualifier"], "seizures", None, r["drug_type"]))
    for r in read("cases").to_dict("records"):
        for col, unit, qual in (("suspects", "person", "suspects_qualifier"), ("cash_cny", "yuan", "cash_qualifier"),
                                ("vehicles", "other", "")):
            if r[col]:
                rows.append(_row(r, r[col], unit, r.get(qual) or "exact", "cases", None, None))
    for r in read("demo_sites").to_dict("records"):
        rows.append(_row(r, r["count"], "*", r["qualifier"], "demo_sites", None, None))
    return pd.DataFrame([r for r in rows if r["value"] is not None])


def _row(r: dict, value: str, unit: str, qualifier: str, table: str, indicator, drug) -> dict:
    return {"source_file": r["source_file"], "value": Decimal(value) if value else None, "unit": unit,
            "qualifier": qualifier or "exact", "table": table, "adcode": r["adcode"], "indicator": indicator,
            "drug": drug, "period_start": r.get("period_start", ""), "period_end": r.get("period_end", ""),
            "period_label": r.get("period_label", ""), "quote": r["quote"]}


def structure(data_dir, source_file: str) -> tuple[set[str], list[list[str]]]:
    """The curated case numbers and route waypoint lists of one document."""
    read = lambda name: pd.read_csv(data_dir / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    cases, routes, stops = read("cases"), read("routes"), read("route_waypoints")
    numbers = set(cases.loc[cases["source_file"] == source_file, "case_number"])
    mine = routes.loc[routes["source_file"] == source_file, "route_id"]
    paths = [stops[stops["route_id"] == r].sort_values("seq", key=lambda s: s.astype(int))["place_ref"].tolist()
             for r in mine]
    return numbers, paths


def span(doc, quote: str) -> tuple[int, int] | None:
    """Where a curated quote lies in the raw text (whitespace-insensitive)."""
    needle = prepare(quote).flat
    at = doc.flat.find(needle)
    return (doc.where[at], doc.where[at + len(needle) - 1] + 1) if at >= 0 and needle else None


def proposal_values(p: dict) -> list[tuple[Decimal, str, str]]:
    """(value, unit, qualifier) a proposal states, seizure tonnes as kilograms, a change as unit "change"."""
    out = []
    if p["value"] is not None:
        unit, factor = SEIZURE_UNITS.get(p["unit"], (p["unit"], 1))
        out.append((Decimal(str(p["value"])) * factor, unit, p["qualifier"]))
    if p.get("value_max") is not None:  # a range (2-4家) states both ends
        out.append((Decimal(str(p["value_max"])), p["unit"], p["qualifier"]))
    if p.get("alt_value") is not None:
        out.append((Decimal(str(p["alt_value"])), p["alt_unit"], p["alt_qualifier"] or "exact"))
    if p["change_value"] is not None and p["value"] is None:
        out.append((Decimal(str(p["change_value"])), "change", "exact"))
    return out


def score(doc, props: list[dict], cur: pd.DataFrame, cur_cases: set[str] = frozenset(),
          cur_routes: list[list[str]] = ()) -> dict:
    """Counts of found values and of matching fields for one document."""
    spans = [span(doc, q) for q in cur["quote"]]
    stats = dict.fromkeys(("values", "found", "place", "indicator", "n_indicator", "drug", "n_drug", "period"), 0)
    matched = set()
    for (_, t), where in zip(cur.iterrows(), spans):
        stats["values"] += 1
        near = [(i, p) for i, p in enumerate(props)
                if where and p["quote_start"] < where[1] and where[0] < p["quote_end"]]
        hits = [(i, p) for i, p in near if any(v == t["value"] and t["unit"] in ("*", u) and q == t["qualifier"]
                                               for v, u, q in proposal_values(p))]
        matched |= {i for i, p in near if any(v == t["value"] for v, _, _ in proposal_values(p))}
        if not hits:
            continue
        _, best = max(hits, key=lambda h: fields(h[1], t).count(True))
        place, ind, drug, period = fields(best, t)
        stats["found"] += 1
        stats["place"] += place
        stats["period"] += period
        if t["table"] == "figures":
            stats["n_indicator"] += 1
            stats["indicator"] += ind
        if t["table"] == "seizures":
            stats["n_drug"] += 1
            stats["drug"] += drug
    matched |= structural(props, cur_cases, cur_routes)
    stats["proposals"], stats["unmatched"] = len(props), len(props) - len(matched)
    return stats


def structural(props: list[dict], cases: set[str], routes: list[list[str]]) -> set[int]:
    """Case proposals whose number, and route proposals whose waypoints, a curated record of the document has."""
    return {i for i, p in enumerate(props) if (p["table"] == "cases" and p["case_no"] in cases)
            or (p["table"] == "routes" and p["waypoints"] in routes)}


def fields(p: dict, t) -> list[bool]:
    """place, indicator, drug, period of a proposal against a curated value. demo_sites keeps its period only as
    written (period_label, no dates), so there the label is compared."""
    ends = p["period_end"] == t["period_end"] or not p["period_end"] or not t["period_end"]
    period = (p.get("period_label") or "") == t["period_label"] if t["table"] == "demo_sites" else (
        p["period_start"] == t["period_start"] and ends)
    return [p["adcode"] == t["adcode"], (p["indicator"] or None) == _none(t["indicator"]),
            (p["drug"] or None) == _none(t["drug"]), period]


def _none(value):
    return None if value is None or pd.isna(value) or value == "" else value


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "–"


HEADER = ("| document | values | recall | place | indicator | drug | period | proposals | unmatched | s/doc |\n"
          "|---|---|---|---|---|---|---|---|---|---|")


def seeds() -> None:
    """The five seed documents against the curated data."""
    data_dir = settings.data_dir()
    sources = pd.read_csv(data_dir / "sources.csv", dtype=str, keep_default_na=False)
    cur = truth(data_dir)
    print(HEADER)
    total: dict[str, float] = {}
    for src in sources.to_dict("records"):
        raw = (data_dir / "sources" / src["source_file"]).read_text(encoding="utf-8")
        start = time.perf_counter()
        result = propose_text(raw, src["source_file"], date.fromisoformat(src["doc_date"]), src["city_adcode"])
        seconds = time.perf_counter() - start
        s = score(prepare(raw), result["records"], cur[cur["source_file"] == src["source_file"]],
                  *structure(data_dir, src["source_file"]))
        s["seconds"] = seconds
        total = {k: total.get(k, 0) + v for k, v in s.items()}
        print(line(src["source_file"][:3], s))
    total["seconds"] /= len(sources)
    print(line("**all**", total, per_doc=True))
    sandbox_cost.main()  # what reading each report in a child process costs


def own_truth(name: str, rows: list) -> pd.DataFrame:
    """The answers of one of the author's texts as truth() rows."""
    keys = ("value", "unit", "qualifier", "table", "adcode", "indicator", "drug", "period_start", "period_end", "quote")
    out = []
    for row in rows:
        r = dict(zip(keys, row))
        demo = r["unit"] == "*"
        out.append(r | {"source_file": name, "value": Decimal(r["value"]), "indicator": r["indicator"] or None,
                        "drug": r["drug"] or None, "period_label": r["period_start"] if demo else "",
                        "period_start": "" if demo else r["period_start"]})
    return pd.DataFrame(out)


def own(name: str, learned: list | None = None) -> tuple[dict, list[dict], pd.DataFrame]:
    """Scores, proposals and truth of one of the author's texts."""
    text, when, place, rows = TEXTS[name]
    start = time.perf_counter()
    extra = {"learned": learned} if learned else {}  # the benchmark also runs on code from before learning
    props = propose_text(text, f"{name}.txt", date.fromisoformat(when), place, **extra)["records"]
    seconds = time.perf_counter() - start
    cur = own_truth(name, rows)
    return score(prepare(text), props, cur) | {"seconds": seconds}, props, cur


def own_texts() -> None:
    print(HEADER)
    total: dict[str, float] = {}
    for name in TEXTS:
        s, _, _ = own(name)
        total = {k: total.get(k, 0) + v for k, v in s.items()}
        print(line(name, s))
    total["seconds"] /= len(TEXTS)
    print(line("**all**", total, per_doc=True))


def wrong_fields(name: str, props: list[dict], cur: pd.DataFrame) -> list[tuple[dict, str, str]]:
    """(proposal, field, right value) of every found value whose place, indicator or drug is wrong."""
    doc, out = prepare(TEXTS[name][0]), []
    for _, t in cur.iterrows():
        where = span(doc, t["quote"])
        hits = [p for p in props if where and p["quote_start"] < where[1] and where[0] < p["quote_end"]
                and any(v == t["value"] and t["unit"] in ("*", u) for v, u, _ in proposal_values(p))]
        if not hits:
            continue
        best = max(hits, key=lambda p: fields(p, t).count(True))
        place, ind, drug, _ = fields(best, t)
        out += [(best, "adcode", t["adcode"])] if not place else []
        out += [(best, "indicator", _none(t["indicator"]))] if not ind and t["table"] == "figures" else []
        out += [(best, "drug", _none(t["drug"]))] if not drug and t["table"] == "seizures" else []
    return out


def corrections() -> None:
    """Correct every wrong field of the first similar report, then count what the second still needs."""
    try:
        from geo.intake.learned import lessons
    except ImportError:  # code from before learning: corrections teach nothing
        print("\ncorrections: no learned vocabulary in this version")
        return
    first, second = SIMILAR
    _, props, cur = own(first)
    fixes = wrong_fields(first, props, cur)
    taught = [e for p, fld, right in fixes for e in lessons(p, p | {fld: right}, "bench", "2024-01-01T00:00:00")]
    before = wrong_fields(second, *own(second)[1:])
    after = wrong_fields(second, *own(second, taught)[1:])
    left = "、".join(f"{p['label_zh']}→{right}" for p, _, right in after) or "none"
    print(f"\ncorrections: {len(fixes)} on {first} (teaching {len(taught)} entries); {second} then needed "
          f"{len(after)} (without them: {len(before)}); still wrong: {left}")


def main() -> None:
    print("Seed documents (data/sources):\n")
    seeds()
    print("\nTexts written by the benchmark's author (bench/intake_texts.py):\n")
    own_texts()
    corrections()


def line(name: str, s: dict, per_doc: bool = False) -> str:
    seconds = s["seconds"]
    return (f"| {name} | {s['values']:.0f} | {pct(s['found'], s['values'])} | {pct(s['place'], s['found'])} | "
            f"{pct(s['indicator'], s['n_indicator'])} | {pct(s['drug'], s['n_drug'])} | "
            f"{pct(s['period'], s['found'])} | {s['proposals']:.0f} | {pct(s['unmatched'], s['proposals'])} | "
            f"{seconds:.2f} |")


if __name__ == "__main__":
    main()
