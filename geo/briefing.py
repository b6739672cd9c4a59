"""The briefing slideshow as plain data: which slides, in what order, and what each one shows. No Streamlit here."""
from __future__ import annotations

from dataclasses import dataclass

from geo import settings
from geo.data.filters import Filter
from geo.i18n import t

KINDS = ("overview", "routes", "seizures", "demo", "city", "compare")


@dataclass(frozen=True)
class Slide:
    kind: str  # one of KINDS
    city: str | None = None  # adcode, for a city slide

    def filter(self, flt: Filter) -> Filter:
        """A city slide shows that city whatever the filter; the others show the current filter."""
        return Filter(cities=(self.city,)) if self.kind == "city" else flt


def parse(spec: str) -> Slide:
    """'routes' → Slide('routes'); 'city:431100' → Slide('city', '431100')."""
    kind, _, city = spec.partition(":")
    if kind not in KINDS or (kind == "city") != bool(city):
        raise ValueError(f"unknown briefing slide {spec!r}: expected one of {KINDS} (no city) or 'city:<adcode>'")
    return Slide(kind, city or None)


def slides(specs: tuple[str, ...] = settings.BRIEFING_SLIDES) -> list[Slide]:
    return [parse(s) for s in specs]


def step(index: int, count: int, delta: int) -> int:
    """The slide delta steps away, wrapping around at both ends."""
    return (index + delta) % count if count else 0


def title(slide: Slide, names: dict[str, str], lang: str) -> str:
    if slide.kind == "city":
        return names.get(slide.city or "", slide.city or "")
    return t({"overview": "key_figures", "routes": "page_routes", "seizures": "page_seizures",
              "demo": "page_demo", "compare": "page_compare"}[slide.kind], lang)
