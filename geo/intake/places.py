"""Places anywhere in China: every jurisdiction of jurisdictions.csv by full name, short name and alias (the
text is already simplified, so traditional names match too), with ambiguous short names resolved by context."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from geo.i18n import place_names
from geo.intake import vocab

ETHNIC = vocab.column("ethnic_groups", "name")
PEOPLES = "|".join(sorted(ETHNIC, key=len, reverse=True))
AUTONOMOUS_RE = re.compile(rf"((?:(?:{PEOPLES})族?)+)自治(州|县|旗|区)$")
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "新区",
            "省", "市", "县", "区", "盟", "旗", "州")
# names that are ordinary words far more often than places (short forms; a few full names such as 城区 too)
NOT_PLACES = frozenset(r["word"] for r in vocab.table("not_places") if r["scope"] == "short")
TOWN_RE = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:街道|镇|乡)(?![\u4e00-\u9fff]{0,1}(?:政府|党委|干部))")
NOT_PLACES_FULL = frozenset(r["word"] for r in vocab.table("not_places") if r["scope"] == "full")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    adcode: str
    name: str  # as matched in the flat text
    full: bool  # the full name (or a county short name with its own suffix) rather than a short form


def short_names(name: str, level: str) -> set[str]:
    """Shorter forms of a jurisdiction's name: 西双版纳傣族自治州 → 西双版纳, 西双版纳州; 勐腊县 → 勐腊."""
    forms = set()
    m = AUTONOMOUS_RE.search(name)
    if m:
        stem = name[:m.start()]
        forms |= {stem, stem + m.group(2)}
    for suffix in () if m else SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.add(name[: -len(suffix)])
            break
    return {f for f in forms if len(f) >= 2 and f != name and f not in NOT_PLACES}


def _listed_names(j: pd.DataFrame) -> dict[str, set[str]]:
    """Short names and aliases jurisdictions.csv lists itself (columns short_zh, aliases; ';'-separated)."""
    out: dict[str, set[str]] = {}
    for col in ("short_zh", "aliases"):
        if col in j:
            for code, cell in zip(j["adcode"], j[col]):
                names = {n.strip() for n in str(cell).split(";") if n.strip() and n.strip() != "nan"}
                out.setdefault(code, set()).update(n for n in names if len(n) >= 2)
    return out


class Gazetteer:
    """Names → candidate adcodes, and a longest-match scan of a text."""

    def __init__(self, jurisdictions: pd.DataFrame):
        j = jurisdictions.astype(str)
        self.level = dict(zip(j["adcode"], j["level"]))
        self.parent = dict(zip(j["adcode"], j["parent_adcode"].replace("nan", "")))
        self.name = place_names(j, "zh")
        self.names: dict[str, list[tuple[str, bool]]] = {}
        extra = _listed_names(j)
        for code, name, level in zip(j["adcode"], j["name_zh"], j["level"]):
            if name in NOT_PLACES_FULL or level == "country":
                continue  # 中国 is in too many names (中国共产党, 新中国); 全国 stands for the country
            if level == "prefecture" and self.parent.get(code) and self.name.get(self.parent[code]) == name:
                continue  # municipalities: 北京市 the province and 北京市 the prefecture are one place
            self._add(name, code, True)
            for short in short_names(name, level) | (extra.get(code, set()) - NOT_PLACES - {name}):
                self._add(short, code, False)
        for row in vocab.table("place_aliases"):
            self._add(row["alias"], row["adcode"], False)
        self._re = re.compile("|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True)))

    def _add(self, name: str, code: str, full: bool) -> None:
        self.names.setdefault(name, [])
        if (code, full) not in self.names[name]:
            self.names[name].append((code, full))

    def ancestors(self, code: str) -> list[str]:
        out = []
        while (code := self.parent.get(code, "")) and code not in out:
            out.append(code)
        return out

    def scan(self, flat: str) -> list[tuple[int, int, str, list[tuple[str, bool]]]]:
        """Every name in the text, longest match first, as (start, end, name, candidates)."""
        return [(m.start(), m.end(), m.group(), self.names[m.group()]) for m in self._re.finditer(flat)]

    def mentions(self, flat: str, default: str = "") -> list[Mention]:
        """Every place named in the text, each ambiguous name resolved by the places named near it."""
        found = self.confirmed(self.scan(flat))
        unique = [c[0][0] for *_, c in found if len(c) == 1]
        out = []
        for start, end, name, cands in found:
            near = [c[0][0] for s, _, _, c in found if len(c) == 1 and abs(s - start) < 80]
            code = self.resolve(cands, near, unique, default)
            out.append(Mention(start, end, code, name, any(f for c, f in cands if c == code)))
        return sorted(out + self.local_names(flat, out), key=lambda m: m.start)

    def local_names(self, flat: str, found: list[Mention]) -> list[Mention]:
        """Towns the text places in a county (咸安区永安街道): their later mentions alone (永安街道) count as that
        county. The gazetteer has no towns; the text itself says where they are."""
        names: dict[str, str] = {}
        for m in found:
            if self.level.get(m.adcode) == "county" and (town := TOWN_RE.match(flat, m.end)):
                names.setdefault(town.group(), m.adcode)
        taken = {i for m in found for i in range(m.start, m.end)}
        extra = []
        for name, code in names.items():
            for hit in re.finditer(re.escape(name), flat):
                if hit.start() not in taken:
                    extra.append(Mention(hit.start(), hit.end(), code, name, False))
        return extra

    def confirmed(self, found: list) -> list:
        """A county's short form (勐腊, 临洮) counts only when the text also names its city or province: two
        characters are too often an ordinary word."""
        named = {c for *_, cands in found for c, full in cands if full or self.level.get(c) != "county"}
        family = named | {a for c in named for a in self.ancestors(c)}
        out = []
        for start, end, name, cands in found:
            kept = [(c, f) for c, f in cands if f or self.level.get(c) != "county" or
                    set(self.ancestors(c)) & family]
            if kept:
                out.append((start, end, name, kept))
        return out

    def resolve(self, cands: list[tuple[str, bool]], near: list[str], anywhere: list[str], default: str) -> str:
        """The candidate inside (or containing) a place named nearby, else in the document, else the default
        place's province, else the higher level."""
        codes = [c for c, _ in cands]
        if len(codes) == 1:
            return codes[0]
        for context in (near, anywhere, [default] if default else []):
            family = {a for code in context for a in [code, *self.ancestors(code)]}
            hits = [c for c in codes if family & {c, *self.ancestors(c)}]
            if hits:
                return hits[0]
        rank = {"province": 0, "prefecture": 1, "county": 2}
        return min(codes, key=lambda c: rank.get(self.level.get(c, ""), 3))

    def city_of(self, code: str) -> str:
        """The prefecture a place is in (itself for a prefecture or province)."""
        if self.level.get(code) == "county":
            return self.parent.get(code, code)
        return code
