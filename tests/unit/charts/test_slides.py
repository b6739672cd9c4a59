"""The slideshow as data: slide specs, wrap-around stepping, per-slide filters and titles."""
import pytest

from geo import settings
from geo.charts import slides as briefing
from geo.data.filters import Filter


def test_default_deck_has_the_views_and_one_slide_per_city():
    deck = briefing.slides()
    assert [s.kind for s in deck[:4]] == ["overview", "routes", "seizures", "demo"]
    assert [s.city for s in deck if s.kind == "city"] == list(settings.FOCUS_CITIES)


@pytest.mark.parametrize("spec", ["map", "city", "city:", "routes:430400", ""])
def test_bad_slide_specs_are_refused_with_the_expected_forms(spec):
    with pytest.raises(ValueError, match="city:<adcode>"):
        briefing.parse(spec)


def test_step_wraps_both_ways():
    assert briefing.step(7, 8, 1) == 0 and briefing.step(0, 8, -1) == 7 and briefing.step(3, 8, 1) == 4
    assert briefing.step(0, 0, 1) == 0


def test_city_slide_shows_its_city_whatever_the_filter():
    flt = Filter(cities=("431100",), counties=("431126",))
    assert briefing.parse("city:430400").filter(flt) == Filter(cities=("430400",))
    assert briefing.parse("routes").filter(flt) is flt


def test_titles_in_both_languages():
    names = {"430400": "衡阳市"}
    assert briefing.title(briefing.parse("city:430400"), names, "zh") == "衡阳市"
    assert briefing.title(briefing.parse("routes"), names, "zh") == "贩毒通道"
    assert briefing.title(briefing.parse("routes"), names, "en") == "Trafficking routes"


def test_every_slide_has_a_message_with_number_period_and_sources():
    from geo.data.filters import Filter
    from geo.data.load import load_dataset

    ds = load_dataset()
    for lang in ("zh", "en"):
        for slide in briefing.slides():
            message = briefing.message(ds, slide, Filter(), lang)
            assert message and message.value and message.period and message.sources, (slide, lang)
            assert message.quote  # the sentence the key number comes from
    yongzhou = briefing.message(ds, briefing.parse("city:431100"), Filter(), "zh")
    assert yongzhou.text("zh") == "永州市 近年来 侦破毒品刑事案件 1,588起" and yongzhou.period == "近年来"
    assert yongzhou.sources == "健全毒品治理体系 筑牢全民禁毒防线"  # the full title, not cut with …
    seized = briefing.message(ds, briefing.parse("seizures"), Filter(), "en")
    assert seized.value == "360 kg" and seized.period == "from 2011-10-01"  # the largest total, not a sum; no label, so its date
    routes = briefing.message(ds, briefing.parse("routes"), Filter(), "zh")
    assert routes.value == "74.7公斤" and "缴获麻古" in routes.headline


def test_a_slide_without_records_has_no_message():
    from geo.data.filters import Filter
    from geo.data.load import load_dataset

    ds = load_dataset()
    empty = Filter(("421200",), ("421223",), ("heroin",))
    assert briefing.message(ds, briefing.parse("seizures"), empty, "zh") is None
