import numpy as np

from geo.maps.coords import gcj02_to_wgs84, wgs84_to_gcj02


def test_known_offset_beijing_station():
    # a widely published pair: WGS-84 (116.42079, 39.90105) ↔ GCJ-02 (116.42703, 39.90245)
    lon, lat = wgs84_to_gcj02(116.42079, 39.90105)
    assert abs(lon - 116.42703) < 2e-4 and abs(lat - 39.90245) < 2e-4


def test_round_trip_is_sub_metre():
    lon = np.array([112.57, 111.61, 113.19, 114.32])
    lat = np.array([26.89, 26.42, 33.77, 29.84])
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert np.abs(back[0] - lon).max() < 1e-5 and np.abs(back[1] - lat).max() < 1e-5
