import pytest

from geo import fmt


@pytest.mark.parametrize("args, zh, en", [
    ((800, "plus", "kg"), "800+公斤", "800+ kg"),
    ((250000, "plus", "tablet"), "25万+粒", "250,000+ tablets"),
    ((1280000, "plus", "person"), "128万+人", "1,280,000+ people"),
    ((11.389, "exact", "kg"), "11.389公斤", "11.389 kg"),
    ((20, "about", "person"), "约20人", "about 20 people"),
    ((1, "exact", "rank"), "第1名", "No. 1"),
    ((30.95, "exact", "percent"), "30.95%", "30.95%"),
])
def test_quantity(args, zh, en):
    assert fmt.quantity(*args, lang="zh") == zh
    assert fmt.quantity(*args, lang="en") == en


def test_missing_value():
    assert fmt.quantity(None, "exact", "kg") == "—"
