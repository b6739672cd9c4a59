"""The document text as rules see it: simplified script, half-width digits, no whitespace, mapped back to the
original so every quote is cut from the text as given (traditional stays traditional)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import opencc

from geo.intake.numbers import FULL_WIDTH

SENTENCE_END = "。！？；!?;"
CLAUSE_END = SENTENCE_END + "，,："


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional → simplified, character for character, so positions stay those of the original."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _converter().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)  # phrase rules changed a length


@dataclass(frozen=True)
class Doc:
    raw: str  # the text as given
    flat: str  # simplified, half-width, whitespace removed: what the rules read
    where: tuple[int, ...]  # flat position → raw position
    breaks: frozenset[int]  # flat positions that start a new paragraph

    def quote(self, start: int, end: int) -> str:
        """The original text behind flat[start:end], whitespace inside it included."""
        return self.raw[self.where[start]:self.where[end - 1] + 1]

    def paragraph(self, pos: int) -> int:
        return sum(1 for b in self.breaks if b <= pos)


def prepare(raw: str) -> Doc:
    """Flatten a text for matching while remembering where each character came from."""
    simple = simplified(raw).translate(FULL_WIDTH)
    flat: list[str] = []
    where: list[int] = []
    breaks: set[int] = set()
    newlines = 0
    for i, ch in enumerate(simple):
        if ch.isspace():
            newlines += ch == "\n"
            continue
        if newlines >= 2 or (newlines and flat and flat[-1] in SENTENCE_END):
            breaks.add(len(flat))
        newlines = 0
        flat.append(ch)
        where.append(i)
    return Doc(raw, "".join(flat), tuple(where), frozenset(breaks))


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the flat text; a paragraph break ends a sentence too."""
    spans, start = [], 0
    for i, ch in enumerate(doc.flat):
        if i in doc.breaks and i > start:
            spans.append((start, i))
            start = i
        if ch in SENTENCE_END:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(doc.flat):
        spans.append((start, len(doc.flat)))
    return [s for s in spans if s[1] > s[0]]


def clause_bounds(flat: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between commas or sentence ends) around flat[start:end], kept inside [lo, hi)."""
    left = start
    while left > lo and flat[left - 1] not in CLAUSE_END:
        left -= 1
    right = end
    while right < hi and flat[right] not in CLAUSE_END:
        right += 1
    return left, right


