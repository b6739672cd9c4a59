"""The year stepper of the seizures map under AppTest: a step sets the year filter to one year, says how many
records it shows and how many state no period, and sends only the year's circles, never the map again."""
import json

import pytest

from tests.app.test_pages import run


def map_args(at) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def test_steps_set_one_year_and_replace_only_the_layer():
    at = run("pages/seizures.py")
    first = map_args(at)
    at.button(key="year_next").click().run()
    at.button(key="year_next").click().run()
    assert not at.exception
    assert at.session_state["period"] == (2012, 2012) and at.session_state["year_step"] == 2012
    notes = " ".join(c.value for c in at.caption)
    assert "地图显示时期与该年重叠的 1 条缴获记录；4 条未注明时期，不显示。" in notes
    assert map_args(at) == first  # the same map, never resent: the browser keeps it and its view
    rows = [h.proto.body for h in at.get("html") if "window.__yearStepRows = " in h.proto.body]
    assert len(rows) == 1 and "[[" in rows[0]  # only the year's circles travel, as data
    at.button(key="year_prev").click().run()
    assert at.session_state["period"] == (2011, 2011)


def test_play_pauses_when_another_widget_is_used():
    at = run("pages/seizures.py", lang="en")
    at.button(key="year_play").click().run()
    assert at.session_state["year_playing"] and at.button(key="year_pause").label == "❚❚ Pause"
    at.multiselect(key="city").set_value(["431100"]).run()
    assert not at.session_state["year_playing"] and at.button(key="year_play") is not None


@pytest.mark.parametrize("page, what, state", [
    ("pages/overview.py", "条贩毒路线", {}), ("pages/checkpoints.py", "条查缉点", {}),
    ("pages/routes.py", "条贩毒路线", {}), ("pages/demo_sites.py", "条示范创建记录", {}),
    ("pages/seizures.py", "条缴获记录", {"seizure_map_style": "choropleth"})])
def test_every_map_page_steps_on_one_map(page, what, state):
    at = run(page, **state)
    first = map_args(at)
    for _ in range(8):  # to 2018: every page has records of that year (the open periods 2018年以来, 2018年至今)
        at.button(key="year_next").click().run()
    assert not at.exception
    assert at.session_state["period"] == (2018, 2018)
    notes = " ".join(c.value for c in at.caption)
    assert "地图显示时期与该年重叠的" in notes and what in notes and "条未注明时期，不显示" in notes
    assert map_args(at) == first  # the same map, never resent
    calls = [h.proto.body for h in at.get("html") if "window.__yearStepRows = " in h.proto.body]
    assert len(calls) == 1 and '["labels",' in calls[0]  # the year's layers travel as data, with their labels
