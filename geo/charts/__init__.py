"""Charts and the figures they show: shared layout (`common`), charts of records (`records`: seizures, cases,
demonstration sites), charts of reported figures (`figures`), key-figure tiles (`tiles`) and the tables shown
under charts (`tables`).

May import: `geo.data` and the basics. Never maps, exports or ui.
"""
