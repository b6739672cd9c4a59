"""The year stepper of the seizures map under AppTest: a step sets the year filter to one year, says how many
records it shows and how many state no period, and sends only the year's circles, never the map again."""
import json

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
