"""scripts/serve.py listens on this machine only unless told otherwise."""
import importlib.util

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("serve", ROOT / "scripts" / "serve.py")
serve = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve)


def test_default_is_localhost():
    assert serve.address_args(["--server.port", "8501"], {}) == ["--server.address", "127.0.0.1"]


def test_dashboard_address_serves_another_interface():
    assert serve.address_args([], {"DASHBOARD_ADDRESS": "0.0.0.0"}) == ["--server.address", "0.0.0.0"]


def test_an_explicit_server_address_wins():
    assert serve.address_args(["--server.address", "10.0.0.5"], {"DASHBOARD_ADDRESS": "0.0.0.0"}) == []
    assert serve.address_args(["--server.address=10.0.0.5"], {}) == []


def test_streamlit_config_binds_localhost_and_caps_uploads():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    assert config["address"] == "127.0.0.1" and config["maxUploadSize"] == 20


def test_preload_covers_the_pages_heavy_modules_but_leaves_geo_ui_to_the_first_run():
    modules = serve.app_modules(ROOT)
    # what the map, chart and export pages need, found from their imports rather than listed by hand
    assert {"geo.maps.pages", "geo.exports.static_maps", "geo.charts.figures", "geo.data.load"} <= set(modules)
    # streamlit-folium registers its component only when imported inside a script run
    assert not [m for m in modules if m.startswith("geo.ui")]
    assert "geo.i18n.t" not in modules  # a name imported from a module is not a module
