"""The contract of every curated file: columns, types and allowed values."""
from __future__ import annotations

from dataclasses import dataclass, field

QUALIFIERS = ("exact", "plus", "about", "at_most")
PRECISIONS = ("exact", "town", "county_centroid", "prefecture_centroid", "province_centroid", "approximate")
DRUG_TYPES = ("heroin", "methamphetamine", "magu", "ketamine", "opium", "cannabis", "mdma", "cocaine", "synthetic",
              "precursor", "mixed", "unspecified")
# Core indicators: figures of these kinds are comparable across places when their periods match.
# The keys are shared with report intake; `metric` stays the detailed key.
INDICATORS = ("drug_cases", "target_cases", "suspects_arrested", "criminal_detentions", "prosecutions",
              "drug_users_found", "new_drug_users", "compulsory_rehab", "community_rehab", "community_recovery",
              "administrative_detentions", "outflow_traffickers", "drug_labs_destroyed", "drug_dens_destroyed",
              "venues_closed", "education_events", "people_educated")
# The level of a target case (目标案件): 部督, 省督, 市级, both of the first two in one figure, or not stated.
INDICATOR_LEVELS = ("ministry", "provincial", "city", "ministry_and_provincial", "unspecified")
FIGURE_UNITS = ("case", "person", "person_time", "event", "copy", "site", "venue", "percent", "rank", "yuan", "bed",
                "kg", "other")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | number (>= 0) | signed | integer | date | adcode | choice | lon | lat
    required: bool = False
    choices: tuple[str, ...] = ()
    optional: bool = False  # may be absent from the header (added later; older files stay valid)


@dataclass(frozen=True)
class Table:
    name: str
    key: str
    columns: tuple[Column, ...]
    provenance: bool = True
    refs: dict[str, str] = field(default_factory=dict)  # column -> table whose key it references

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, kind: str = "text", required: bool = False, choices: tuple[str, ...] = ()) -> Column:
    return Column(name, kind, required, choices)


PROVENANCE = (_c("source_file", required=True), _c("quote", required=True))
# public (default when absent or empty) or internal: internal records are shown only to signed-in staff.
VISIBILITY = Column("visibility", "choice", False, ("public", "internal"), optional=True)
PERIOD = (_c("period_start", "date"), _c("period_end", "date"), _c("period_label"), _c("period_label_en"))

DEMO_CATEGORIES = ("city", "school", "town", "village", "community", "rehab_point", "rehab_workstation",
                   "education_centre", "theme_park", "rehab_community", "unit", "other")

TABLES: dict[str, Table] = {t.name: t for t in [
    Table("sources", "source_file", (
        _c("source_file", required=True), _c("title_zh", required=True), _c("title_en"), _c("publisher"),
        _c("author"), _c("doc_date", "date", True), _c("doc_date_basis"), _c("city_adcode", "adcode", True),
        _c("note")), provenance=False),
    Table("jurisdictions", "adcode", (
        _c("adcode", "adcode", True), _c("name_zh", required=True), _c("name_en", required=True),
        _c("level", "choice", True, ("country", "province", "prefecture", "county")), _c("parent_adcode", "adcode"),
        _c("lon", "lon", True), _c("lat", "lat", True), _c("precision", "choice", True, PRECISIONS),
        _c("coord_method", required=True),
        # short name and attested aliases (';'-separated) for place matching in report intake (geo/data/names.py)
        Column("short_zh", optional=True), Column("aliases", optional=True)), provenance=False),
    Table("places", "place_id", (
        _c("place_id", required=True), _c("name_zh", required=True), _c("name_en", required=True),
        _c("kind", "choice", True, ("country", "region", "town", "village", "other")), _c("adcode", "adcode"),
        _c("lon", "lon", True), _c("lat", "lat", True), _c("precision", "choice", True, PRECISIONS),
        _c("coord_method", required=True), *PROVENANCE, _c("note"), VISIBILITY), refs={"adcode": "jurisdictions"}),
    Table("figures", "figure_id", (
        _c("figure_id", required=True), _c("adcode", "adcode", True),
        _c("category", "choice", True, ("enforcement", "education", "rehab", "outflow", "checkpoint",
                                        "ranking", "other")),
        _c("metric", required=True), Column("indicator", "choice", False, INDICATORS, optional=True),
        Column("indicator_level", "choice", False, INDICATOR_LEVELS, optional=True),
        _c("value", "number"), _c("qualifier", "choice", True, QUALIFIERS),
        _c("unit", "choice", True, FIGURE_UNITS), *PERIOD, _c("change_value", "signed"),
        _c("change_unit", "choice", False, ("percent", "count", "percentage_point")),
        _c("change_basis", "choice", False, ("yoy", "vs_earlier")), _c("label_zh", required=True),
        _c("label_en", required=True), *PROVENANCE, _c("note"), VISIBILITY), refs={"adcode": "jurisdictions"}),
    Table("seizures", "seizure_id", (
        _c("seizure_id", required=True), _c("adcode", "adcode", True), _c("case_id"),
        _c("drug_type", "choice", True, DRUG_TYPES), _c("drug_as_written", required=True),
        _c("quantity", "number", True), _c("qualifier", "choice", True, QUALIFIERS),
        _c("unit", "choice", True, ("kg", "g", "tablet")), _c("alt_quantity", "number"),
        _c("alt_qualifier", "choice", False, QUALIFIERS), _c("alt_unit", "choice", False, ("kg", "g", "tablet")),
        *PERIOD, *PROVENANCE, _c("note"), VISIBILITY), refs={"adcode": "jurisdictions", "case_id": "cases"}),
    Table("cases", "case_id", (
        _c("case_id", required=True), _c("case_number"),
        _c("level", "choice", True, ("ministry_target", "provincial_target", "other")),
        _c("name_zh", required=True), _c("name_en", required=True), _c("adcode", "adcode", True), *PERIOD,
        _c("suspects", "integer"), _c("suspects_qualifier", "choice", False, QUALIFIERS),
        _c("vehicles", "integer"), _c("cash_cny", "number"), _c("cash_qualifier", "choice", False, QUALIFIERS),
        _c("cash_as_written"), _c("route_id"), *PROVENANCE, _c("note"), VISIBILITY),
        refs={"adcode": "jurisdictions", "route_id": "routes"}),
    Table("routes", "route_id", (
        _c("route_id", required=True), _c("name_zh", required=True), _c("name_en", required=True),
        _c("drug_type", "choice", True, DRUG_TYPES), _c("case_id"), *PROVENANCE, _c("note"), VISIBILITY),
        refs={"case_id": "cases"}),
    Table("route_waypoints", "", (
        _c("route_id", required=True), _c("seq", "integer", True), _c("place_ref", required=True),
        _c("role", "choice", True, ("origin", "transit", "destination")), _c("as_written", required=True),
        _c("note")), provenance=False, refs={"route_id": "routes"}),
    Table("checkpoints", "checkpoint_id", (
        _c("checkpoint_id", required=True), _c("name_zh", required=True), _c("name_en", required=True),
        _c("kind", "choice", True, ("interprovincial_checkpoint", "police_checkpoint", "inspection_station",
                                    "work_station_out_of_province")),
        _c("adcode", "adcode", True), _c("lon", "lon", True), _c("lat", "lat", True),
        _c("precision", "choice", True, PRECISIONS), _c("coord_method", required=True), _c("period_label"),
        *PROVENANCE, _c("note"), VISIBILITY), refs={"adcode": "jurisdictions"}),
    Table("demo_sites", "record_id", (
        _c("record_id", required=True), _c("adcode", "adcode", True),
        _c("category", "choice", True, DEMO_CATEGORIES),
        _c("level", "choice", True, ("national", "provincial", "city", "county", "unspecified")),
        _c("count", "number", True), _c("qualifier", "choice", True, QUALIFIERS), _c("period_label"),
        _c("period_label_en"), _c("label_zh", required=True), *PROVENANCE, _c("note"), VISIBILITY),
        refs={"adcode": "jurisdictions"}),
]}

BOUNDARY_FILES = ("provinces", "prefectures", "counties", "countries")
# Properties every boundary feature carries (the maps join on the codes and label with the names).
BOUNDARY_PROPERTIES: dict[str, tuple[str, ...]] = {name: ("adcode", "name_zh", "name_en", "level")
                                                   for name in BOUNDARY_FILES[:3]}
BOUNDARY_PROPERTIES["countries"] = ("iso3", "name_zh", "name_en")
