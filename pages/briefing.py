"""Briefing slides: overview, routes, seizures, demonstration sites and one slide per city, on a timer and keys."""
from geo.ui import briefing as ui_briefing
from geo.ui import exports as ui_exports
from geo.ui import run

ds, flt, lang = run.current()
ui_exports.deck_button(ds, flt, lang)
ui_briefing.slideshow(ds, flt, lang)
