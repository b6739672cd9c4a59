"""Learned vocabulary: the phrases staff corrected during review (this phrase names that indicator, that drug, that
place), with who and when, so the next report that uses the phrase comes out right. A learned entry is applied on
top of the built-in tables in geo/intake/vocab/; where it disagrees with a built-in rule the proposal says so.

The folder store keeps the entries in <data dir>/.intake/learned_vocab.csv (atomic write under a file lock); the
database store (geo/db/learned.py) keeps them in the learned_vocab table."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from filelock import FileLock

from geo.data.store import LOCK_TIMEOUT, atomic_write
from geo.intake import vocab
from geo.intake.text import simplified

FOLDER, FILE = ".intake", "learned_vocab.csv"
FIELDS = ("indicator", "drug", "place")
NONE = "-"  # the value of an entry that says "this phrase names no core indicator"
MAX_PHRASE = 10  # characters kept of the words before a number: the noun the number counts is nearest to it
MIN_PHRASE = 2
# verbs that carry no meaning of their own: a phrase made only of them would re-label every figure they stand in
BARE_VERBS_RE = re.compile(r"^(?:抓获|破获|查获|缴获|侦破|查处|捣毁|打掉|开展|发放|建成|办理|共|累计|全年|其中)+$")
# words that start a clause or belong to a period or a subject, not to what the figure counts
NOISE_RE = re.compile(r"^.*(?:\d{4}年|[今去前上本同全当]年|以来|至今|年底|年初|月份?|同期)|"
                      r"^(?:其中|共计|累计|先后|共|已|均|并|还|又|分别|同时|另|达|为|全市|全县|全区|全省|我市|我县|"
                      r"我区|本市|本县|该市|该县|该区|依法|当场|连续|成功)+")
SEIZE_RE = re.compile(r"^(?:缴获|查获|收缴|起获|查缴|截获|共|各类|毒品)+")
PLACE_END_RE = re.compile(r"(?:在|于|共|累计|查获|缴获|破获|抓获|侦破|开展|组织|捣毁|，|,|。)")
BUILTIN_DRUGS = {r["as_written"]: r["drug"] for r in vocab.table("drugs")}


@dataclass(frozen=True)
class Entry:
    """One learned phrase: `phrase` (simplified script) names `value` for `field`, taught by `user` at `at`."""

    field: str  # indicator | drug | place
    phrase: str
    value: str  # an indicator key (or NONE), a drug type, an adcode
    user: str
    at: str  # ISO 8601, UTC
    example: str = ""  # the quote the correction was made on

    @property
    def ident(self) -> str:
        return hashlib.sha256(f"{self.field}\n{self.phrase}".encode()).hexdigest()[:12]

    @property
    def day(self) -> str:
        return self.at[:10]


class LearnedVocab(Protocol):
    """Where learned entries are kept: a folder or the database."""

    def entries(self) -> list[Entry]: ...

    def add(self, entries: list[Entry]) -> None: ...

    def remove(self, ident: str) -> bool: ...


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def merged(current: list[Entry], new: list[Entry]) -> list[Entry]:
    """The current entries with the new ones added; a new entry replaces one of the same field and phrase."""
    out = {e.ident: e for e in current}
    out.update({e.ident: e for e in new})
    return sorted(out.values(), key=lambda e: (e.field, e.phrase))


class FolderLearnedVocab:
    """<data dir>/.intake/learned_vocab.csv; every change is a read-modify-write under one lock."""

    def __init__(self, data_dir: Path):
        self.folder = Path(data_dir) / FOLDER
        self.path = self.folder / FILE

    def _lock(self) -> FileLock:
        self.folder.mkdir(exist_ok=True)
        return FileLock(str(self.folder / ".lock"), timeout=LOCK_TIMEOUT)

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8", newline="") as fh:
            return [Entry(**{f.name: r.get(f.name, "") for f in fields(Entry)}) for r in csv.DictReader(fh)]

    def _write(self, entries: list[Entry]) -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, [f.name for f in fields(Entry)], lineterminator="\n")
        writer.writeheader()
        writer.writerows(asdict(e) for e in entries)
        atomic_write(self.path, out.getvalue().encode("utf-8"))

    def add(self, entries: list[Entry]) -> None:
        with self._lock():
            self._write(merged(self.entries(), entries))

    def remove(self, ident: str) -> bool:
        with self._lock():
            current = self.entries()
            kept = [e for e in current if e.ident != ident]
            self._write(kept)
        return len(kept) < len(current)


# --- what a correction teaches ------------------------------------------------------------------------------------

def after_places(words: str, rec: dict, places: tuple[str, ...]) -> str:
    """The words after the last place name in them (祁东县送戒吸毒人员 → 送戒吸毒人员)."""
    for name in sorted({rec.get("place_zh") or "", *places} - {""}, key=len, reverse=True):
        if name in words:
            words = words[words.rindex(name) + len(name):]
    return words


def figure_phrase(rec: dict, places: tuple[str, ...] = ()) -> str:
    """The words that say what a figure counts (强戒 in 2018年至今强戒171人), without its period, place, subject
    or lead words; "" when the figure has no words of its own (2015年105人)."""
    words = simplified(rec.get("label_zh") or "")
    words = after_places(re.split(r"[，,、；;：:（）()]", words)[-1], rec, places)
    words = NOISE_RE.sub("", words)
    words = words[-MAX_PHRASE:]
    return words if len(words) >= MIN_PHRASE and not re.search(r"\d", words) and not BARE_VERBS_RE.match(words) else ""


def drug_phrase(rec: dict, places: tuple[str, ...] = ()) -> str:
    """The drug as written before a seizure's number (缴获K仔3公斤 → K仔)."""
    words = after_places(simplified(rec.get("label_zh") or ""), rec, places)
    words = SEIZE_RE.sub("", re.split(r"[，,、；;：:]", words)[-1]).strip("“”\"‘’《》「」")[-MAX_PHRASE:]
    return words if len(words) >= MIN_PHRASE and not re.search(r"\d", words) else ""


def place_phrase(rec: dict, places: tuple[str, ...] = ()) -> str:
    """The words naming the place: the old place's name where the quote has it, else the clause's opening words
    up to its first verb (道州收费站查获… → 道州收费站)."""
    quote = simplified(rec.get("quote") or "")
    if rec.get("place_zh") and rec["place_zh"] in quote:
        return rec["place_zh"]
    head = PLACE_END_RE.split(quote, maxsplit=1)[0]
    return head if MIN_PHRASE <= len(head) <= 8 and not re.search(r"\d", head) else ""


PHRASES = {"indicator": figure_phrase, "drug": drug_phrase, "place": place_phrase}
KEYS = {"indicator": "indicator", "drug": "drug", "place": "adcode"}


def lessons(before: dict, after: dict, user: str, when: str | None = None,
            places: tuple[str, ...] = ()) -> list[Entry]:
    """What staff taught by changing a proposal from `before` to `after`: one entry per changed field that has a
    phrase to learn from. `places` are place names to leave out of a phrase."""
    out = []
    for fld, key in KEYS.items():
        old, new = before.get(key) or "", after.get(key) or ""
        if old == new or (fld != "indicator" and not new):
            continue
        if fld == "drug" and before.get("table") != "seizures":
            continue
        phrase = PHRASES[fld](before, places)
        if phrase:
            out.append(Entry(fld, phrase, new or NONE, user, when or now(), before.get("quote") or ""))
    return out


# --- applying learned entries to proposals --------------------------------------------------------------------------

def note(entry: Entry, builtin: str | None) -> dict:
    """What the review shows: the entry, who taught it and when, and the built-in answer it disagrees with."""
    return {"field": entry.field, "phrase": entry.phrase, "value": entry.value, "user": entry.user, "day": entry.day,
            "conflict": builtin or ""}


def _hit(entries: list[Entry], fld: str, text: str) -> Entry | None:
    """The longest learned phrase of the field found in the text (the most specific correction)."""
    found = [e for e in entries if e.field == fld and e.phrase and e.phrase in text]
    return max(found, key=lambda e: len(e.phrase)) if found else None


def indicator_row(key: str) -> dict[str, str] | None:
    """The built-in table's fields (metric, category, unit, English label) of an indicator."""
    return next((r for r in vocab.table("indicators") if r["indicator"] == key), None)


def apply(rec: dict, words: str, sentence: str, entries: list[Entry]) -> dict:
    """A proposal with the learned entries its words (the figure's own) and sentence (before it) contain applied;
    each applied entry is listed under "learned", with the built-in answer it replaced when they disagree."""
    notes = []
    hit = _hit(entries, "indicator", words) if rec["table"] == "figures" else None
    if hit and (hit.value or None) != rec["indicator"]:
        row = indicator_row(hit.value) if hit.value != NONE else None
        if hit.value == NONE or row:
            notes.append(note(hit, rec["indicator"]))
            rec = rec | ({"indicator": None, "metric": f"reported_{rec['unit']}", "category": "other", "label_en": ""}
                         if row is None else {"indicator": hit.value, "metric": row["metric"],
                                              "category": row["category"], "label_en": row["label_en"]})
    hit = _hit(entries, "drug", words) if rec["table"] == "seizures" else None
    if hit and hit.value != rec["drug"]:
        builtin = rec["drug"] if rec["drug"] not in (None, "unspecified") else None
        notes.append(note(hit, builtin))
        rec = rec | {"drug": hit.value, "drug_as_written": hit.phrase}
    hit = _hit(entries, "place", sentence)
    if hit and hit.value != rec["adcode"]:
        notes.append(note(hit, rec["adcode"] if "subject" in (rec.get("why") or "") else None))
        rec = rec | {"adcode": hit.value}
    return rec | {"learned": notes} if notes else rec
