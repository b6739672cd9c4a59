"""Briefing slides: overview, routes, seizures, demonstration sites and one slide per city, on a timer and keys."""
from geo import ui, ui_briefing

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
ui_briefing.slideshow(ds, flt, lang)
