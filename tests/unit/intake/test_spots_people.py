"""People counted after their noun, with no counter of their own (test phrases written for this test)."""
from decimal import Decimal

import pytest

from geo.intake import spots


@pytest.mark.parametrize("text, value, qualifier", [
    ("常年外出务工人员多达30余万，", Decimal("300000"), "plus"),
    ("全县人口约12万。", Decimal("120000"), "about"),
    ("参与群众达5000,", Decimal("5000"), "exact"),
])
def test_a_count_of_people_after_its_noun(text, value, qualifier):
    found = spots.people(text)
    assert [(s.value, s.unit, s.qualifier) for s in found] == [(value, "person", qualifier)]


@pytest.mark.parametrize("text", ["涉毒人员有3，", "吸毒人员达1500人，", "人员达到标准。", "人口约12万元，"])
def test_no_count_where_a_counter_follows_or_nothing_is_counted(text):
    assert spots.people(text) == []
