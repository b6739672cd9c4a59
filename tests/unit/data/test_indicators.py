"""Core indicators: every figure of a core kind carries its indicator (hand-checked list per city), and no other."""
import pandas as pd
import pytest

from geo import settings
from geo.data import load as data
from geo.data.filters import city_of
from geo.data.schema import DRUG_TYPES, INDICATORS
from geo.i18n import LABELS

# Read from the five documents: each city's figures of a core kind (figure_id: indicator).
CORE = {
    "430400": {  # Hengyang (000) and Hengyang County (003)
        "hy-fig-001": "drug_cases", "hy-fig-002": "target_cases", "hy-fig-014": "target_cases",
        "hy-fig-003": "prosecutions", "hy-fig-004": "drug_users_found", "hy-fig-005": "compulsory_rehab",
        "hy-fig-017": "venues_closed", "hy-fig-008": "education_events", "hy-fig-009": "education_events",
        "hy-fig-011": "people_educated", "hyx-fig-001": "outflow_traffickers",
    },
    "431100": {  # Yongzhou (001)
        "yz-fig-007": "drug_cases", "yz-fig-039": "drug_cases", "yz-fig-008": "target_cases",
        "yz-fig-009": "target_cases", "yz-fig-010": "criminal_detentions", "yz-fig-040": "criminal_detentions",
        "yz-fig-041": "prosecutions", "yz-fig-044": "compulsory_rehab", "yz-fig-045": "community_rehab",
        "yz-fig-046": "community_recovery", "yz-fig-014": "outflow_traffickers",
        "yz-fig-055": "outflow_traffickers", "yz-fig-058": "outflow_traffickers",
        "yz-fig-059": "outflow_traffickers", "yz-fig-022": "education_events",
    },
    "410400": {  # Pingdingshan (002)
        "pds-fig-001": "drug_cases", "pds-fig-008": "drug_cases", "pds-fig-002": "suspects_arrested",
        "pds-fig-009": "criminal_detentions", "pds-fig-010": "prosecutions", "pds-fig-011": "drug_users_found",
        "pds-fig-013": "new_drug_users", "pds-fig-012": "compulsory_rehab", "pds-fig-014": "community_rehab",
        "pds-fig-015": "administrative_detentions", "pds-fig-016": "drug_labs_destroyed",
    },
    "421200": {  # Xianning (004)
        "xn-fig-006": "target_cases", "xn-fig-009": "target_cases", "xn-fig-010": "suspects_arrested",
        "xn-fig-011": "drug_dens_destroyed",
    },
}


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return data.load_dataset()["figures"]


@pytest.mark.parametrize("city", list(CORE))
def test_core_figures_per_city(figures, city):
    mine = figures[figures["adcode"].map(city_of) == city]
    found = dict(zip(mine["figure_id"], mine["indicator"]))
    assert {k: v for k, v in found.items() if isinstance(v, str) and v} == CORE[city]


def test_target_cases_keep_their_level(figures):
    targets = figures[figures["indicator"] == "target_cases"]
    assert targets["indicator_level"].notna().all()
    assert dict(zip(targets["figure_id"], targets["indicator_level"]))["yz-fig-009"] == "provincial"
    assert figures.loc[figures["indicator"] != "target_cases", "indicator_level"].isna().all()


def test_person_times_are_their_own_unit(figures):
    users = figures[figures["indicator"] == "drug_users_found"].set_index("figure_id")["unit"]
    assert users.to_dict() == {"hy-fig-004": "person", "pds-fig-011": "person_time"}


def test_every_indicator_and_drug_type_has_labels_and_colour():
    assert set(LABELS["indicator"]) == set(INDICATORS)
    assert set(LABELS["drug_type"]) == set(DRUG_TYPES) == set(settings.DRUG_COLORS)
    assert len(set(settings.DRUG_COLORS.values())) == len(DRUG_TYPES)
    assert LABELS["drug_type"]["synthetic"][0] == "新型毒品"
