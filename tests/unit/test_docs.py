"""Documentation stays in step with the code: every column and setting is documented."""
import re

from geo import settings
from geo.data.schema import TABLES
from tests.conftest import ROOT


def test_every_column_is_in_the_data_dictionary():
    text = (ROOT / "data/README.md").read_text(encoding="utf-8")
    missing = [f"{t.file}:{c}" for t in TABLES.values() for c in t.column_names if f"`{c}" not in text
               and f" {c}," not in text and f", {c}" not in text]
    assert missing == []


def test_every_setting_is_in_the_configuration_reference():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = [n for n in dir(settings) if re.fullmatch(r"[A-Z][A-Z_]+", n)]
    assert [n for n in names if n != "ROOT" and f"`{n}`" not in text] == []


def test_every_streamlit_setting_is_in_the_configuration_reference():
    import tomllib

    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    keys = [f"{section}.{key}" for section, values in config.items() for key in values]
    assert [k for k in keys if f"`{k}`" not in text and not (k.startswith("theme.") and "`theme.*`" in text)] == []
